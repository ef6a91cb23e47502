// The exchange's listeners and the queue of events waiting for them. Events put while an operation runs are
// delivered when the outermost operation ends, so a listener that places or cancels an order from inside a
// callback never re-enters matching halfway through.
type AnyListener = (...args: never[]) => void;

export class Outbox<Events extends { [K in keyof Events]: AnyListener }> {
  private readonly lists = new Map<keyof Events, AnyListener[]>();
  private pending: Array<[keyof Events, unknown[]]> = [];
  private depth = 0;

  on<E extends keyof Events>(event: E, listener: Events[E]): void {
    const list = this.lists.get(event) ?? [];
    // Replaced, never mutated, so a listener may (un)subscribe while its list is being walked.
    if (!list.includes(listener)) this.lists.set(event, [...list, listener]);
  }

  off<E extends keyof Events>(event: E, listener: Events[E]): void {
    const list = this.lists.get(event);
    if (list)
      this.lists.set(
        event,
        list.filter((l) => l !== listener),
      );
  }

  /** Whether anyone listens (so that snapshots nobody reads are never built). */
  wants(event: keyof Events): boolean {
    return (this.lists.get(event)?.length ?? 0) > 0;
  }

  put<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    this.pending.push([event, args]);
  }

  /** Runs an operation; what it put is delivered when the outermost operation ends. */
  run<R>(fn: () => R): R {
    this.depth += 1;
    try {
      return fn();
    } finally {
      this.depth -= 1;
      if (this.depth === 0) this.flush();
    }
  }

  /** Forgets undelivered events (state set up at construction is not news). */
  discard(): void {
    this.pending = [];
  }

  private flush(): void {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.depth += 1;
      try {
        for (const [event, args] of batch) {
          const list = (this.lists.get(event) ?? []) as unknown as ((...a: unknown[]) => void)[];
          for (let i = 0; i < list.length; i++) {
            try {
              list[i]!(...args);
            } catch (error) {
              // A listener's failure is its own; the exchange's state is already consistent.
              process.stderr.write(`sim exchange: ${String(event)} listener threw: ${String(error)}\n`);
            }
          }
        }
      } finally {
        this.depth -= 1;
      }
    }
  }
}
