// The console's side of a TORA session: a native host process (bindings/native/host) running the hosted
// TORA session (hosted.ts). Every call is bounded; a vendor call that does not return gets the host killed
// and the session reported as ended, with the call named, through onEnded.
import { NativeHost, type HostExit } from '../native/host/host.js';
import type { HostLogLevel } from '../native/host/protocol.js';
import type { OpenRequest, OpenResult, SpiEvent, SubscribeReq, ToraOps, TraderReq } from './protocol.js';
import type { ToraRecord } from './structs.js';

export interface SessionLimits {
  /** Each vendor call (open with Init, a request, a subscription, Release) must return within this. */
  callTimeoutMs: number;
  /** After Release, the host process must have exited within this, or it is killed. */
  exitGraceMs: number;
}

export const DEFAULT_LIMITS: SessionLimits = { callTimeoutMs: 10_000, exitGraceMs: 3_000 };

export interface SessionCallbacks {
  onEvents(events: SpiEvent[]): void;
  onLog(level: HostLogLevel, message: string): void;
  /** The host ended while the session was open (killed after a hung call, or crashed). */
  onEnded?(exit: HostExit): void;
}

export class ToraSession {
  private host: NativeHost<ToraOps, SpiEvent> | undefined;
  private closing = false;

  constructor(
    private readonly callbacks: SessionCallbacks,
    readonly limits: SessionLimits = DEFAULT_LIMITS,
  ) {}

  get pid(): number | undefined {
    return this.host?.pid;
  }

  /** Starts the host, loads and checks both libraries, creates both APIs and starts them. */
  async open(req: OpenRequest): Promise<OpenResult> {
    if (this.host) throw new Error('the TORA session is already open');
    this.host = await NativeHost.start<ToraOps, SpiEvent, null>(
      {
        name: 'TORA',
        module: new URL('./hosted.js', import.meta.url),
        onEvents: (events) => this.callbacks.onEvents(events),
        onLog: (level, message) => this.callbacks.onLog(level, message),
        onExit: (exit) => {
          if (!this.closing) this.callbacks.onEnded?.(exit);
        },
      },
      null,
      this.limits.callTimeoutMs,
    );
    return this.host.call('open', req, this.limits.callTimeoutMs);
  }

  private require(): NativeHost<ToraOps, SpiEvent> {
    if (!this.host?.running) throw new Error('the TORA session is not open');
    return this.host;
  }

  /** A trader Req* call; resolves with its return code (0 = sent). */
  async request(req: TraderReq): Promise<number> {
    return this.require().call('req', req, this.limits.callTimeoutMs);
  }

  async mdLogin(fields: ToraRecord, requestId: number): Promise<number> {
    return this.require().call('mdLogin', { fields, requestId }, this.limits.callTimeoutMs);
  }

  async subscribe(req: SubscribeReq): Promise<number> {
    return this.require().call('subscribe', req, this.limits.callTimeoutMs);
  }

  /** Releases both APIs and ends the host within callTimeoutMs + exitGraceMs; never rejects. */
  async close(): Promise<(HostExit & { released: boolean }) | undefined> {
    const host = this.host;
    if (!host) return undefined;
    this.closing = true;
    return host.close({
      release: host.running ? { op: 'release', arg: null } : null,
      releaseTimeoutMs: this.limits.callTimeoutMs,
      exitGraceMs: this.limits.exitGraceMs,
    });
  }
}
