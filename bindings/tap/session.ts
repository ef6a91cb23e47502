// The console's side of a TAP session: a native host process running hosted.ts. Every vendor call is
// bounded; one that does not return gets the host killed and is named in the rejection.
import { NativeHost, type HostExit } from '../native/host/host.js';
import type { HostLogLevel } from '../native/host/protocol.js';
import type { Inserted, Issued, OpenRequest, OpenResult, QueryReq, TapEvent, TapOps } from './protocol.js';
import type { TapRecord } from './structs.js';

export interface SessionLimits {
  callTimeoutMs: number;
  exitGraceMs: number;
}

export const DEFAULT_LIMITS: SessionLimits = { callTimeoutMs: 10_000, exitGraceMs: 3_000 };

export interface SessionCallbacks {
  onEvents(events: TapEvent[]): void;
  onLog(level: HostLogLevel, message: string): void;
  onEnded?(exit: HostExit): void;
}

export class TapSession {
  private host: NativeHost<TapOps, TapEvent> | undefined;
  private closing = false;

  constructor(
    private readonly callbacks: SessionCallbacks,
    readonly limits: SessionLimits = DEFAULT_LIMITS,
  ) {}

  get pid(): number | undefined {
    return this.host?.pid;
  }

  async open(req: OpenRequest): Promise<OpenResult> {
    if (this.host) throw new Error('the TAP session is already open');
    this.host = await NativeHost.start<TapOps, TapEvent, null>(
      {
        name: 'TAP',
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

  login(fields: TapRecord): Promise<number> {
    return this.running().call('login', fields, this.limits.callTimeoutMs);
  }

  query(req: QueryReq): Promise<Issued> {
    return this.running().call('query', req, this.limits.callTimeoutMs);
  }

  insert(fields: TapRecord): Promise<Inserted> {
    return this.running().call('insert', fields, this.limits.callTimeoutMs);
  }

  cancel(fields: TapRecord): Promise<Issued> {
    return this.running().call('cancel', fields, this.limits.callTimeoutMs);
  }

  queryCommodities(): Promise<Issued> {
    return this.running().call('queryCommodities', null, this.limits.callTimeoutMs);
  }

  quoteLogin(fields: TapRecord): Promise<number> {
    return this.running().call('quoteLogin', fields, this.limits.callTimeoutMs);
  }

  subscribe(contract: TapRecord): Promise<Issued> {
    return this.running().call('subscribe', contract, this.limits.callTimeoutMs);
  }

  unsubscribe(contract: TapRecord): Promise<Issued> {
    return this.running().call('unsubscribe', contract, this.limits.callTimeoutMs);
  }

  private running(): NativeHost<TapOps, TapEvent> {
    if (!this.host) throw new Error('the TAP session is not open');
    return this.host;
  }

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
