// The message bus. Single-threaded like nautilus_trader's: producers put, the engine dispatches later in
// batches from the event loop, so a producer never re-enters its own handlers and one slow or throwing
// handler cannot stop the others (in vnpy one exception kills the dispatch thread).
import type {
  AccountData,
  ContractData,
  GatewayStatusData,
  LogData,
  OrderData,
  PositionData,
  TickData,
  Timestamp,
  TradeData,
} from './object.js';

/**
 * Event type → payload. Apps add their own types by declaration merging:
 * `declare module '../core/event.js' { interface EventMap { 'rpc.log': LogData } }`.
 */
export interface EventMap {
  tick: TickData;
  trade: TradeData;
  order: OrderData;
  position: PositionData;
  account: AccountData;
  contract: ContractData;
  log: LogData;
  timer: Timestamp;
  /** A gateway's connection state changed. */
  gateway: GatewayStatusData;
}

export type EventType = keyof EventMap & string;

export const EVENT_TICK = 'tick';
export const EVENT_TRADE = 'trade';
export const EVENT_ORDER = 'order';
export const EVENT_POSITION = 'position';
export const EVENT_ACCOUNT = 'account';
export const EVENT_CONTRACT = 'contract';
export const EVENT_LOG = 'log';
export const EVENT_TIMER = 'timer';
export const EVENT_GATEWAY = 'gateway';

export interface VntEvent<K extends EventType = EventType> {
  readonly type: K;
  /** Per-object key (vtSymbol for ticks, trades and positions; vtOrderid for orders; vtAccountid), or ''. */
  readonly key: string;
  readonly data: EventMap[K];
}

/** Any event; `data` narrows when `type` is checked. */
export type AnyEvent = { [K in EventType]: VntEvent<K> }[EventType];

export type Handler<K extends EventType> = (event: VntEvent<K>) => void;
export type GeneralHandler = (event: AnyEvent) => void;

/** "tick" or "tick.rb2501.SHFE": a type, optionally narrowed to one key. */
export type EventTopic<K extends EventType> = K | `${K}.${string}`;

export interface EventEngineOptions {
  /** Seconds between timer events; 0 disables the timer. */
  timerInterval?: number;
  /** Called when a handler throws; by default the error is put as a log event. */
  onHandlerError?: (type: string, error: unknown) => void;
}

type AnyHandler = (event: VntEvent) => void;

export class EventEngine {
  // Pending events are kept as parallel arrays and become event objects only when dispatched: objects
  // queued in a long backlog would survive young-generation GC and cost a copy each; these die young.
  // Two such buffers alternate (handlers put into one while the other is dispatched) and keep their
  // capacity, so a burst does not reallocate the arrays on every batch.
  private q = new Pending();
  private spare = new Pending();
  private scheduled = false;
  private active = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly timerInterval: number;
  private readonly onHandlerError: ((type: string, error: unknown) => void) | undefined;
  // Arrays are replaced, never mutated, so a handler may (un)register while its list is being walked.
  private readonly typeHandlers = new Map<string, AnyHandler[]>();
  private readonly keyHandlers = new Map<string, Map<string, AnyHandler[]>>();
  private general: AnyHandler[] = [];
  /** Bumped on every (un)registration, so dispatch never uses a stale cached handler list. */
  private version = 0;
  private dispatched = 0;
  /** Events ever put; with `dispatched`, tells when everything put before a moment has been dispatched. */
  private putCount = 0;
  private idleWaiters: Array<{ upTo: number; resolve: () => void }> = [];

  constructor(options: EventEngineOptions = {}) {
    this.timerInterval = options.timerInterval ?? 1;
    this.onHandlerError = options.onHandlerError;
  }

  /** Events dispatched since start; the status bar derives the event rate from it. */
  get dispatchedCount(): number {
    return this.dispatched;
  }

  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    if (this.timerInterval > 0) {
      this.timer = setInterval(() => this.put('timer', Date.now()), this.timerInterval * 1000);
    }
    if (this.q.length > 0) this.schedule();
  }

  /** Stops the timer and dispatch; events already queued are dispatched first. */
  stop(): void {
    if (!this.active) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.drain();
    this.active = false;
    // Nothing more will be dispatched: no one may wait for it.
    for (const w of this.idleWaiters.splice(0)) w.resolve();
  }

  put<K extends EventType>(type: K, data: EventMap[K], key = ''): void {
    const q = this.q;
    const i = q.length++;
    q.types[i] = type;
    q.keys[i] = key;
    q.datas[i] = data;
    this.putCount += 1;
    if (!this.scheduled && this.active) this.schedule();
  }

  register<K extends EventType>(topic: EventTopic<K>, handler: Handler<K>): void {
    const { type, key } = splitTopic(topic);
    const h = handler as unknown as AnyHandler;
    this.version += 1;
    if (key === '') {
      const list = this.typeHandlers.get(type) ?? [];
      if (!list.includes(h)) this.typeHandlers.set(type, [...list, h]);
      return;
    }
    let byKey = this.keyHandlers.get(type);
    if (!byKey) this.keyHandlers.set(type, (byKey = new Map()));
    const list = byKey.get(key) ?? [];
    if (!list.includes(h)) byKey.set(key, [...list, h]);
  }

  unregister<K extends EventType>(topic: EventTopic<K>, handler: Handler<K>): void {
    const { type, key } = splitTopic(topic);
    const h = handler as unknown as AnyHandler;
    this.version += 1;
    if (key === '') {
      const list = this.typeHandlers.get(type);
      if (!list) return;
      const next = list.filter((x) => x !== h);
      if (next.length) this.typeHandlers.set(type, next);
      else this.typeHandlers.delete(type);
      return;
    }
    const byKey = this.keyHandlers.get(type);
    const list = byKey?.get(key);
    if (!byKey || !list) return;
    const next = list.filter((x) => x !== h);
    if (next.length) byKey.set(key, next);
    else byKey.delete(key);
    if (byKey.size === 0) this.keyHandlers.delete(type);
  }

  registerGeneral(handler: GeneralHandler): void {
    const h = handler as AnyHandler;
    if (!this.general.includes(h)) this.general = [...this.general, h];
  }

  unregisterGeneral(handler: GeneralHandler): void {
    this.general = this.general.filter((x) => x !== (handler as AnyHandler));
  }

  /**
   * Resolves once every event put before the call has been dispatched to its handlers (at once when the
   * engine is stopped, as nothing would dispatch them). A producer that promises "the data is in the OMS when
   * I resolve" (a gateway's connect) awaits this after its last put.
   */
  idle(): Promise<void> {
    if (!this.active || this.dispatched >= this.putCount) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push({ upTo: this.putCount, resolve }));
  }

  /** Dispatches everything queued now, including what handlers put meanwhile. For shutdown and benchmarks. */
  drain(): void {
    while (this.q.length > 0) this.dispatchBatch();
  }

  private schedule(): void {
    this.scheduled = true;
    setImmediate(this.onImmediate);
  }

  private readonly onImmediate = (): void => {
    this.scheduled = false;
    if (!this.active) return;
    this.dispatchBatch();
    if (this.q.length > 0 && !this.scheduled) this.schedule();
  };

  private dispatchBatch(): void {
    const batch = this.q;
    this.q = this.spare;
    const { types, keys, datas } = batch;
    const n = batch.length;
    const keyed = this.keyHandlers;
    const byType = this.typeHandlers;
    let lastType = '';
    let version = this.version;
    let handlers: AnyHandler[] | undefined;
    for (let i = 0; i < n; i++) {
      const type = types[i]!;
      const key = keys[i]!;
      const event = { type, key, data: datas[i] } as VntEvent;
      datas[i] = undefined; // do not keep dispatched payloads alive
      if (key !== '' && keyed.size !== 0) {
        const list = keyed.get(type)?.get(key);
        if (list) this.call(list, event);
      }
      // Consecutive events mostly share a type (tick floods), so the map lookup is skipped for runs.
      if (type !== lastType || version !== this.version) {
        handlers = byType.get(type);
        lastType = type;
        version = this.version;
      }
      if (handlers) this.call(handlers, event);
      const general = this.general;
      if (general.length !== 0) this.call(general, event);
    }
    batch.length = 0;
    this.spare = batch;
    this.dispatched += n;
    if (this.idleWaiters.length !== 0) this.wakeIdle();
  }

  private wakeIdle(): void {
    const done = this.idleWaiters.filter((w) => w.upTo <= this.dispatched);
    if (done.length === 0) return;
    this.idleWaiters = this.idleWaiters.filter((w) => w.upTo > this.dispatched);
    for (const w of done) w.resolve();
  }

  private call(handlers: AnyHandler[], event: VntEvent): void {
    for (let i = 0; i < handlers.length; i++) {
      try {
        handlers[i]!(event);
      } catch (error) {
        this.handlerFailed(event.type, error);
      }
    }
  }

  private handlerFailed(type: string, error: unknown): void {
    if (this.onHandlerError) {
      try {
        this.onHandlerError(type, error);
      } catch {
        // The error hook itself failed; nothing sensible is left to report to.
      }
      return;
    }
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (type === 'log') {
      // Reporting a failing log handler through a log event would loop.
      process.stderr.write(`vnt: log handler failed: ${text}\n`);
      return;
    }
    this.put('log', {
      gatewayName: '',
      msg: `handler for "${type}" events threw: ${text}`,
      level: 40,
      datetime: Date.now(),
    });
  }
}

class Pending {
  types: string[] = [];
  keys: string[] = [];
  datas: unknown[] = [];
  length = 0;
}

function splitTopic(topic: string): { type: string; key: string } {
  const i = topic.indexOf('.');
  return i < 0 ? { type: topic, key: '' } : { type: topic.slice(0, i), key: topic.slice(i + 1) };
}
