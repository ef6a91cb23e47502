// VN Trader's "sessions" setting (会话数): how many REST requests may be in flight at once. Alpaca counts
// requests per minute, and a burst of queries must not delay an order behind a queue of its own making, so
// the bound is on concurrency, not rate.
export class Sessions {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.queue.shift()?.();
    }
  }
}
