// The life of a native SDK gateway's host session (CTP, CTP Mini, FEMAS, TORA, TAP): connect() resolves
// once the gateway says its links are up and synced, or rejects — on a failed login step, on the connect
// limit, or when the host process ends (a vendor call that hung and was killed, a crash) — after the
// session has been shut down; a host that ends later leaves the gateway DISCONNECTED with the reason — or, for
// a gateway that can start its host again (OES: restart), RECONNECTING with the reason while it does. The
// console never waits on the vendor: every call is bounded by the session, and a crash ends only the host.
import { GatewayStatus, LogLevel } from '../../src/core/constant.js';
import type { HostExit } from '../../bindings/native/host/host.js';
import type { HostLogLevel } from '../../bindings/native/host/protocol.js';
import type { SessionCallbacks } from '../../bindings/native/host/session.js';

const LEVELS: Record<HostLogLevel, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warning: LogLevel.WARNING,
  error: LogLevel.ERROR,
};

/** What the helper needs of its session. */
export interface HostSessionHandle {
  readonly pid: number | undefined;
  close(): Promise<(HostExit & { released: boolean }) | undefined>;
}

/** What the helper may do to its gateway. */
export interface NativeHostOwner {
  /** How messages name the SDK (asked each time: a subclass's name is set after the helper is made). */
  sdk(): string;
  log(msg: string, level?: LogLevel): void;
  setStatus(status: GatewayStatus, message?: string): void;
  /** Stops the gateway's clients (timers, trackers) before the session closes. */
  closeClients(): void;
  /** The gateway's name, for "not connected" messages. */
  name(): string;
  /**
   * Starts the host again after it ended while connected (its session already shut down; the gateway is
   * RECONNECTING with `reason`). Without it such a gateway is left DISCONNECTED.
   */
  restart?(reason: string): void;
}

export class NativeHost<S extends HostSessionHandle, E> {
  private current: S | undefined;
  /** The current connect's event routing (see dispatch). */
  private route: (events: E[]) => void = () => undefined;
  /** Which connect the current session belongs to: a host of an earlier one that ends is ignored. */
  private generation = 0;
  private pending: { resolve: () => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | undefined;
  private everConnected = false;

  constructor(private readonly owner: NativeHostOwner) {}

  get session(): S | undefined {
    return this.current;
  }

  /**
   * Routes a batch as the current connect's session delivers one (each event to its client, one failing
   * logged and skipped). The seeded fuzz tests drive broken vendor records through the connected gateway
   * with it; before the first connect it does nothing.
   */
  dispatch(events: E[]): void {
    this.route(events);
  }

  /** Whether a connect() is waiting for its first complete login and sync. */
  get connecting(): boolean {
    return !!this.pending;
  }

  /**
   * The session's callbacks for this connect: events go to `dispatch`, one failing is logged and skipped,
   * named by `label` (default: the event's `name`).
   */
  callbacks(dispatch: (e: E) => void, label?: (e: E) => string): SessionCallbacks<E> {
    const generation = ++this.generation;
    const onEvents = (events: E[]) => {
      for (const e of events) {
        try {
          dispatch(e);
        } catch (err) {
          this.owner.log(
            `error handling ${this.owner.sdk()} ${label ? label(e) : (e as { name?: string }).name}: ${(err as Error).message}`,
            LogLevel.ERROR,
          );
        }
      }
    };
    this.route = onEvents;
    return {
      onEvents,
      onLog: (level, msg) => this.owner.log(msg, LEVELS[level]),
      onEnded: (exit) => {
        if (generation === this.generation) this.hostEnded(exit);
      },
    };
  }

  /**
   * The session of this connect (created with this connect's callbacks, its host not yet started): the
   * gateway is CONNECTING; the promise settles as the class comment says, within `limitMs` at the latest.
   */
  begin(session: S, limitMs: number): Promise<void> {
    this.current = session;
    this.owner.setStatus(GatewayStatus.CONNECTING);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.failConnect(
            `no complete login and sync from the ${this.owner.sdk()} fronts within ${limitMs / 1000} s`,
          ),
        limitMs,
      );
      this.pending = { resolve, reject, timer };
    });
  }

  /** A login step failed: logged; it fails a connect that is waiting. */
  stepFailed(reason: string): void {
    this.owner.log(reason, LogLevel.ERROR);
    if (this.pending) this.failConnect(reason);
  }

  /** Ends a waiting connect with `reason`, after the session has been shut down. */
  failConnect(reason: string): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    void this.shutdown().then(() => {
      this.owner.setStatus(GatewayStatus.DISCONNECTED, reason);
      pending.reject(new Error(reason));
    });
  }

  /** Every link is up and synced: CONNECTED, and a waiting connect resolves. */
  up(): void {
    this.everConnected = true;
    this.owner.setStatus(GatewayStatus.CONNECTED);
    const pending = this.pending;
    this.pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      // After the event engine's dispatch of CONNECTED (also queued with setImmediate).
      setImmediate(pending.resolve);
    }
  }

  /** A link dropped after the gateway had been connected: RECONNECTING while the library reconnects. */
  down(): void {
    if (this.everConnected && this.current) this.owner.setStatus(GatewayStatus.RECONNECTING);
  }

  /** `client` when the gateway is connected; else `cannot <what>` is logged and nothing is done. */
  client<C>(client: C | undefined, what: string): C | undefined {
    if (!client) this.owner.log(`cannot ${what}: ${this.owner.name()} is not connected`, LogLevel.WARNING);
    return client;
  }

  /**
   * The session of a restart (created with fresh callbacks, its host not yet started): current, with no
   * connect waiting; the gateway stays RECONNECTING until up().
   */
  resume(session: S): void {
    this.current = session;
  }

  /** A restart's try failed: its session is shut down (the owner tries again); the status stays. */
  abandon(): Promise<void> {
    return this.shutdown();
  }

  /** Whether the gateway had been connected (a drop now is a reconnect, not a failed connect). */
  get wasConnected(): boolean {
    return this.everConnected;
  }

  /** The host process ended while the session was open: a vendor call hung (and was killed) or it crashed. */
  private hostEnded(exit: HostExit): void {
    if (!this.current) return;
    const last = exit.output.length
      ? `; the library's last output: ${exit.output.slice(-5).join(' | ')}`
      : '';
    const reason = `the ${this.owner.sdk()} session ended: ${exit.description}`;
    this.owner.log(reason + last, LogLevel.ERROR);
    if (this.pending) return this.failConnect(reason);
    void this.shutdown().then(() => {
      if (this.owner.restart && this.everConnected) {
        this.owner.setStatus(GatewayStatus.RECONNECTING, reason);
        this.owner.restart(reason);
        return;
      }
      this.everConnected = false;
      this.owner.setStatus(GatewayStatus.DISCONNECTED, reason);
    });
  }

  private async shutdown(): Promise<void> {
    this.owner.closeClients();
    const session = this.current;
    this.current = undefined;
    if (session) {
      const exit = await session.close();
      if (exit && (exit.killedBecause || exit.signal || exit.code)) {
        this.owner.log(`closing the ${this.owner.sdk()} session: ${exit.description}`, LogLevel.WARNING);
      }
    }
  }

  /** close(): a waiting connect fails, the session ends (bounded by the session's limits), DISCONNECTED. */
  async close(): Promise<void> {
    this.failConnect('closed before the connection completed');
    await this.shutdown();
    this.everConnected = false;
    this.owner.setStatus(GatewayStatus.DISCONNECTED);
  }
}
