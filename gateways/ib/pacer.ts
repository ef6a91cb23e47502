// TWS disconnects a client that sends more than 50 messages in a second. The pacer is a token bucket: a
// small burst goes out at once, the rest is spread evenly below the limit, so that even when the network or
// TWS's own loop bunches arrivals together they stay under 50 in any second. Queued messages keep their order.
export interface PacerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: PacerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class Pacer<T> {
  private readonly queue: T[] = [];
  private timer: unknown = undefined;
  private tokens: number;
  private last: number;

  constructor(
    private readonly write: (item: T) => void,
    private readonly perSecond = 40,
    private readonly burst = 5,
    private readonly clock: PacerClock = systemClock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Messages waiting for their turn. */
  get backlog(): number {
    return this.queue.length;
  }

  send(item: T): void {
    this.queue.push(item);
    this.flush();
  }

  /** Drops everything queued (the link is gone; requests are re-issued after reconnecting). */
  clear(): void {
    this.queue.length = 0;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    if (this.timer !== undefined) return;
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    while (this.queue.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.write(this.queue.shift()!);
    }
    if (this.queue.length === 0) return;
    const wait = Math.ceil(((1 - this.tokens) * 1000) / this.perSecond);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }
}
