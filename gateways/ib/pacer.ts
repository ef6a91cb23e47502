// TWS disconnects a client that sends more than 50 messages in a second. The pacer lets at most `limit`
// messages out in any sliding one-second window and queues the rest in order.
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
  private readonly sent: number[] = [];
  private readonly queue: T[] = [];
  private timer: unknown = undefined;

  constructor(
    private readonly write: (item: T) => void,
    private readonly limit = 45,
    private readonly windowMs = 1000,
    private readonly clock: PacerClock = systemClock,
  ) {}

  /** Messages waiting for room in the window. */
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
    while (this.queue.length > 0) {
      const now = this.clock.now();
      while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
      if (this.sent.length >= this.limit) {
        const wait = this.sent[0]! + this.windowMs - now;
        this.timer = this.clock.setTimeout(() => {
          this.timer = undefined;
          this.flush();
        }, wait);
        return;
      }
      this.sent.push(now);
      this.write(this.queue.shift()!);
    }
  }
}
