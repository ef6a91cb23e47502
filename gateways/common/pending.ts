// Requests over a WebSocket answered by id (Binance's WS API, OKX ops, ...): each waits for its reply, gives
// up after a limit, and all fail at once when the link drops, so no caller waits forever.
import { VntError } from '../../src/core/errors.js';

export class PendingRequests<Reply> {
  private nextId = 1;
  private readonly waiting = new Map<
    string,
    { resolve: (r: Reply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  constructor(private readonly timeoutMs = 10_000) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Issues an id, calls send with it, and resolves with the reply delivered to resolve(id). */
  request(what: string, send: (id: string) => boolean): Promise<Reply> {
    const id = String(this.nextId++);
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new VntError(`no reply to ${what} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
      if (!send(id)) this.settle(id, undefined, new VntError(`cannot send ${what}: not connected`));
    });
  }

  /** Delivers a reply; false if nobody waits for that id (late or foreign). */
  resolve(id: string, reply: Reply): boolean {
    return this.settle(id, reply);
  }

  rejectAll(reason: string): void {
    for (const id of [...this.waiting.keys()]) this.settle(id, undefined, new VntError(reason));
  }

  private settle(id: string, reply: Reply | undefined, error?: Error): boolean {
    const w = this.waiting.get(id);
    if (!w) return false;
    this.waiting.delete(id);
    clearTimeout(w.timer);
    if (error) w.reject(error);
    else w.resolve(reply as Reply);
    return true;
  }
}
