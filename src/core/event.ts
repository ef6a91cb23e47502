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
  private queue: VntEvent[] = [];
  private scheduled = false;
  private active = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly timerInterval: number;
  private readonly onHandlerError: ((type: string, error: unknown) => void) | undefined;
  // Arrays are replaced, never mutated, so a handler may (un)register while its list is being walked.
  private readonly typeHandlers = new Map<string, AnyHandler[]>();
  private readonly keyHandlers = new Map<string, Map<string, AnyHandler[]>>();
  private general: AnyHandler[] = [];
  private dispatched = 0;

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
    if (this.queue.length > 0) this.schedule();
  }

  /** Stops the timer and dispatch; events already queued are dispatched first. */
  stop(): void {
    if (!this.active) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.drain();
    this.active = false;
  }

  put<K extends EventType>(type: K, data: EventMap[K], key = ''): void {
    this.queue.push({ type, key, data } as VntEvent);
    if (!this.scheduled && this.active) this.schedule();
  }

  register<K extends EventType>(topic: EventTopic<K>, handler: Handler<K>): void {
    const { type, key } = splitTopic(topic);
    const h = handler as unknown as AnyHandler;
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

  /** Dispatches everything queued now, including what handlers put meanwhile. For shutdown and benchmarks. */
  drain(): void {
    while (this.queue.length > 0) this.dispatchBatch();
  }

  private schedule(): void {
    this.scheduled = true;
    setImmediate(this.onImmediate);
  }

  private readonly onImmediate = (): void => {
    this.scheduled = false;
    if (!this.active) return;
    this.dispatchBatch();
    if (this.queue.length > 0 && !this.scheduled) this.schedule();
  };

  private dispatchBatch(): void {
    const batch = this.queue;
    this.queue = [];
    const n = batch.length;
    for (let i = 0; i < n; i++) {
      const event = batch[i]!;
      const type = event.type;
      if (event.key !== '') {
        const keyed = this.keyHandlers.get(type)?.get(event.key);
        if (keyed) this.call(keyed, event);
      }
      const handlers = this.typeHandlers.get(type);
      if (handlers) this.call(handlers, event);
      if (this.general.length) this.call(this.general, event);
    }
    this.dispatched += n;
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

function splitTopic(topic: string): { type: string; key: string } {
  const i = topic.indexOf('.');
  return i < 0 ? { type: topic, key: '' } : { type: topic.slice(0, i), key: topic.slice(i + 1) };
}
