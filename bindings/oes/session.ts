// The console's side of an OES session: a native host process (bindings/native/host) running the hosted OES
// session (hosted.ts). Every call is bounded — OesApi_InitAll and OesApi_WaitReportMsg block on the
// network — and a call that does not return gets the host killed and the session reported ended through
// onEnded, with the vendor call named.
import { NativeHost, type HostExit } from '../native/host/host.js';
import type { SessionCallbacks } from '../native/host/session.js';
import type {
  OesEvent,
  OesOps,
  OpenRequest,
  OpenResult,
  QueryKind,
  ReloginRequest,
  SubscribeArg,
} from './protocol.js';
import type { OesRecord } from './structs.js';

export interface SessionLimits {
  /** Each vendor call (InitAll, a query, a send, one WaitReportMsg) must return within this. */
  callTimeoutMs: number;
  /** After LogoutAll, the host process must have exited within this, or it is killed. */
  exitGraceMs: number;
}

export const DEFAULT_LIMITS: SessionLimits = { callTimeoutMs: 10_000, exitGraceMs: 3_000 };

export class OesSession {
  private host: NativeHost<OesOps, OesEvent> | undefined;
  private closing = false;

  constructor(
    /** Reports and snapshots in the order the host delivered them (a batch may hold both). */
    private readonly callbacks: SessionCallbacks<OesEvent>,
    readonly limits: SessionLimits = DEFAULT_LIMITS,
    /** Environment of the host process (the simulated library's levers in tests). */
    private readonly env?: NodeJS.ProcessEnv,
  ) {}

  get pid(): number | undefined {
    return this.host?.pid;
  }

  /** Starts the host, loads and checks the library and logs in the order, report and query channels. */
  async open(req: OpenRequest): Promise<OpenResult> {
    if (this.host) throw new Error('the OES session is already open');
    this.host = await NativeHost.start<OesOps, OesEvent, null>(
      {
        name: 'OES',
        module: new URL('./hosted.js', import.meta.url),
        onEvents: (events) => this.callbacks.onEvents(events),
        onLog: (level, message) => this.callbacks.onLog(level, message),
        onExit: (exit) => {
          if (!this.closing) this.callbacks.onEnded?.(exit);
        },
        ...(this.env ? { env: this.env } : {}),
      },
      null,
      this.limits.callTimeoutMs,
    );
    return this.host.call('open', req, this.limits.callTimeoutMs);
  }

  /** The trade side again after its link dropped, resuming reports after lastRptSeqNum. */
  relogin(req: ReloginRequest): Promise<OpenResult> {
    return this.require().call('relogin', req, this.limits.callTimeoutMs);
  }

  /** MdsApi_InitAll with the same config file (again after the market-data link dropped). */
  openMd(configFile: string): Promise<null> {
    return this.require().call('openMd', configFile, this.limits.callTimeoutMs);
  }

  /** MdsApi_SubscribeByString; resolves with its BOOL (1 = sent). */
  subscribe(arg: SubscribeArg): Promise<number> {
    return this.require().call('subscribe', arg, this.limits.callTimeoutMs);
  }

  /** One bounded MdsApi_WaitOnMsg; its snapshots arrive through onSnapshots. */
  pollMd(waitMs: number): Promise<number> {
    return this.require().call('pollMd', waitMs, this.limits.callTimeoutMs);
  }

  private require(): NativeHost<OesOps, OesEvent> {
    if (!this.host?.running) throw new Error('the OES session is not open');
    return this.host;
  }

  query(kind: QueryKind): Promise<OesRecord[]> {
    return this.require().call('query', kind, this.limits.callTimeoutMs);
  }

  /** OesApi_SendOrderReq with an OesOrdReqT's fields; resolves with its return code (0 = sent). */
  order(fields: OesRecord): Promise<number> {
    return this.require().call('order', fields, this.limits.callTimeoutMs);
  }

  cancel(fields: OesRecord): Promise<number> {
    return this.require().call('cancel', fields, this.limits.callTimeoutMs);
  }

  /** One bounded OesApi_WaitReportMsg (waitMs < callTimeoutMs); its reports arrive through onReports. */
  poll(waitMs: number): Promise<number> {
    return this.require().call('poll', waitMs, this.limits.callTimeoutMs);
  }

  /** Logs out all channels and ends the host within callTimeoutMs + exitGraceMs; never rejects. */
  async close(): Promise<(HostExit & { released: boolean }) | undefined> {
    const host = this.host;
    if (!host) return undefined;
    this.closing = true;
    return host.close({
      release: host.running ? { op: 'logout', arg: null } : null,
      releaseTimeoutMs: this.limits.callTimeoutMs,
      exitGraceMs: this.limits.exitGraceMs,
    });
  }
}
