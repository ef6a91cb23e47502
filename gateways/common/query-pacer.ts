// The CTP-style counters (CTP, TORA) answer a query sent faster than their flow limit (CTP: about one per
// second per session by default) with -2/-3 instead of sending it. Queries therefore go one at a time: the next is sent only after the previous one's
// last response and at least `intervalMs` after it was sent; a flow-control refusal is retried later.
/** Least wait before re-sending a query the library refused for flow control. */
const RETRY_MS = 50;

export interface PacedQuery {
  name: string;
  /** Sends the request; resolves with the Req* return code. */
  send(): Promise<number>;
}

export class QueryPacer {
  private queue: PacedQuery[] = [];
  private inFlight: PacedQuery | null = null;
  private lastSent = 0;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly onRefused: (name: string, code: number) => void,
  ) {}

  get idle(): boolean {
    return !this.inFlight && this.queue.length === 0;
  }

  push(q: PacedQuery): void {
    this.queue.push(q);
    this.pump();
  }

  /** Whether an answer to query `name` is awaited: it is the one in flight. */
  awaits(name: string): boolean {
    return this.inFlight?.name === name;
  }

  /** The final response of the query in flight arrived. */
  done(): void {
    this.inFlight = null;
    this.pump();
  }

  /** Forget everything queued or in flight (the session went away). */
  clear(): void {
    this.generation++;
    this.queue = [];
    this.inFlight = null;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.inFlight || this.timer || this.queue.length === 0) return;
    const wait = this.lastSent + this.intervalMs - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    const q = this.queue.shift()!;
    this.inFlight = q;
    this.lastSent = Date.now();
    const gen = this.generation;
    q.send().then(
      (code) => {
        if (gen !== this.generation || code === 0) return;
        this.inFlight = null;
        // -2: too many requests pending, -3: over the rate: try again after the interval.
        if (code === -2 || code === -3) {
          this.queue.unshift(q);
          this.lastSent = Date.now() + Math.max(0, RETRY_MS - this.intervalMs);
        } else {
          this.onRefused(q.name, code);
        }
        this.pump();
      },
      () => {
        if (gen !== this.generation) return;
        this.inFlight = null;
        this.onRefused(q.name, Number.NaN);
        this.pump();
      },
    );
  }
}
