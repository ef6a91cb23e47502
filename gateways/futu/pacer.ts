// OpenD limits trading requests per account in a sliding window (Futu documents 15 Trd_PlaceOrder per 30 s,
// and a like limit for Trd_ModifyOrder). Requests beyond the window wait their turn in order instead of being
// refused by OpenD; the clock is injectable so the window can be tested without waiting.
export interface WindowClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: WindowClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class SlidingWindowPacer {
  private readonly sent: number[] = [];
  private readonly queue: Array<() => void> = [];
  private timer: unknown = undefined;

  constructor(
    readonly limit: number,
    readonly spanMs: number,
    private readonly clock: WindowClock = systemClock,
  ) {}

  /** Requests waiting for a slot. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Runs fn now if the window has room (and nothing waits before it), else when it has. */
  run(fn: () => void): void {
    this.queue.push(fn);
    this.drain();
  }

  /** Forgets what waits (the gateway closes). */
  clear(): void {
    this.queue.length = 0;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private drain(): void {
    if (this.timer !== undefined) return;
    for (;;) {
      const now = this.clock.now();
      while (this.sent.length > 0 && this.sent[0]! <= now - this.spanMs) this.sent.shift();
      if (this.queue.length === 0) return;
      if (this.sent.length >= this.limit) {
        const wait = this.sent[0]! + this.spanMs - now;
        this.timer = this.clock.setTimeout(
          () => {
            this.timer = undefined;
            this.drain();
          },
          Math.max(1, wait),
        );
        return;
      }
      this.sent.push(now);
      this.queue.shift()!();
    }
  }
}
