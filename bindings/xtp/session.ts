// The console's side of an XTP session: a native host process (bindings/native/host) running the hosted XTP
// session (hosted.ts). Every call is bounded — XTP's synchronous Login included — and a vendor call that does
// not return gets the host killed and the session reported as ended, with the call named, through onEnded.
import { NativeHost, type HostExit } from '../native/host/host.js';
import type { HostLogLevel } from '../native/host/protocol.js';
import type { OpenRequest, OpenResult, SpiEvent, XtpOps } from './protocol.js';

export interface SessionLimits {
  /** Each vendor call (create, login, a request, Release) must return within this. */
  callTimeoutMs: number;
  /** After Release, the host process must have exited within this, or it is killed. */
  exitGraceMs: number;
}

export const DEFAULT_LIMITS: SessionLimits = { callTimeoutMs: 15_000, exitGraceMs: 3_000 };

export interface SessionCallbacks {
  onEvents(events: SpiEvent[]): void;
  onLog(level: HostLogLevel, message: string): void;
  /** The host ended while the session was open (killed after a hung call, or crashed). */
  onEnded?(exit: HostExit): void;
}

export class XtpSession {
  private host: NativeHost<XtpOps, SpiEvent> | undefined;
  private closing = false;

  constructor(
    private readonly callbacks: SessionCallbacks,
    readonly limits: SessionLimits = DEFAULT_LIMITS,
  ) {}

  get pid(): number | undefined {
    return this.host?.pid;
  }

  get running(): boolean {
    return !!this.host?.running;
  }

  /** Starts the host, loads and checks both libraries and creates both APIs (no network yet). */
  async open(req: OpenRequest): Promise<OpenResult> {
    if (this.host) throw new Error('the XTP session is already open');
    this.host = await NativeHost.start<XtpOps, SpiEvent, null>(
      {
        name: 'XTP',
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

  /** One operation of the hosted session, bounded by the call limit. */
  call<K extends keyof XtpOps & string>(op: K, arg: XtpOps[K]['arg']): Promise<XtpOps[K]['result']> {
    if (!this.host?.running) return Promise.reject(new Error('the XTP session is not open'));
    return this.host.call(op, arg, this.limits.callTimeoutMs);
  }

  /** Releases both APIs and ends the host, within callTimeoutMs + exitGraceMs; never rejects. */
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
