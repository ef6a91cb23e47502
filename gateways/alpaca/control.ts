// Waiting for a stream's control replies during login (Alpaca's streams answer auth and listen/subscribe with
// messages, not request ids). The message handler offers every control message; a waiter takes the first one
// it accepts, or fails on timeout or when the link drops, so a login never hangs.
import { VntError } from '../../src/core/errors.js';

interface Waiter<M> {
  accept: (m: M) => boolean;
  resolve: (m: M) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class ControlWaiter<M> {
  private waiters: Waiter<M>[] = [];
  /** Messages that arrived before anyone waited for them (the welcome may precede the login code). */
  private early: M[] = [];

  /** Resolves with the first message (already received or coming) that `accept` takes. */
  wait(what: string, accept: (m: M) => boolean, timeoutMs: number): Promise<M> {
    const i = this.early.findIndex(accept);
    if (i >= 0) return Promise.resolve(this.early.splice(i, 1)[0]!);
    return new Promise<M>((resolve, reject) => {
      const waiter: Waiter<M> = {
        accept,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new VntError(`no ${what} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Offers a control message; true when a waiter took it. */
  offer(m: M): boolean {
    const w = this.waiters.find((x) => x.accept(m));
    if (!w) {
      if (this.early.length < 16) this.early.push(m);
      return false;
    }
    this.waiters = this.waiters.filter((x) => x !== w);
    clearTimeout(w.timer);
    w.resolve(m);
    return true;
  }

  /** Forgets unclaimed messages (after a login step, so none of them can answer the next one). */
  clearEarly(): void {
    this.early = [];
  }

  /** A new connection: nothing from the old one counts, and whoever waits fails with the reason. */
  reset(reason: string): void {
    this.early = [];
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) {
      clearTimeout(w.timer);
      w.reject(new VntError(reason));
    }
  }
}
