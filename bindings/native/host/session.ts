// The console's side of one vendor session: a native host process (host.ts) running an SDK's hosted module.
// Every call is bounded; a vendor call that does not return gets the host killed and the session reported as
// ended, with the call named, through onEnded. Each SDK's session (CTP, TORA, XTP) adds its typed calls.
import { NativeHost, type HostExit } from './host.js';
import type { HostLogLevel, OpMap } from './protocol.js';

export interface SessionLimits {
  /** Each vendor call (open, a request, a subscription, Release) must return within this. */
  callTimeoutMs: number;
  /** After Release, the host process must have exited within this, or it is killed. */
  exitGraceMs: number;
}

export interface SessionCallbacks<E> {
  onEvents(events: E[]): void;
  onLog(level: HostLogLevel, message: string): void;
  /** The host ended while the session was open (killed after a hung call, or crashed). */
  onEnded?(exit: HostExit): void;
}

/** What every hosted SDK module offers: open (load, check, create, start) and release. */
export type SessionOps = OpMap & {
  open: { arg: unknown; result: unknown };
  release: { arg: null; result: unknown };
};

export class HostedSession<Ops extends SessionOps, E> {
  private host: NativeHost<Ops, E> | undefined;
  private closing = false;

  constructor(
    /** Names the SDK in messages ("CTP"). */
    private readonly sdk: string,
    /** The hosted module (compiled JS) the host imports. */
    private readonly module: URL,
    private readonly callbacks: SessionCallbacks<E>,
    readonly limits: SessionLimits,
  ) {}

  /** The host's process id while it runs. */
  get pid(): number | undefined {
    return this.host?.pid;
  }

  get running(): boolean {
    return !!this.host?.running;
  }

  /** Starts the host and runs the module's open (load and check the libraries, create and start the APIs). */
  async open(req: Ops['open']['arg']): Promise<Ops['open']['result']> {
    if (this.host) throw new Error(`the ${this.sdk} session is already open`);
    this.host = await NativeHost.start<Ops, E, null>(
      {
        name: this.sdk,
        module: this.module,
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

  /** One operation of the hosted module, bounded by the call limit. */
  call<K extends keyof Ops & string>(op: K, arg: Ops[K]['arg']): Promise<Ops[K]['result']> {
    if (!this.host?.running) return Promise.reject(new Error(`the ${this.sdk} session is not open`));
    return this.host.call(op, arg, this.limits.callTimeoutMs);
  }

  /**
   * Releases the APIs and ends the host; within callTimeoutMs + exitGraceMs whatever the library does.
   * Resolves with how the host ended (never rejects).
   */
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
