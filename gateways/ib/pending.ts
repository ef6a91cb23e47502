// Requests that TWS answers later (contract details, history), each with a deadline so a lost answer cannot
// hang a caller, and failed together when the link drops.
interface Wait<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  /** What has arrived so far for a multi-message answer. */
  partial: T;
}

export class PendingRequests<T> {
  private readonly waits = new Map<number, Wait<T>>();

  open(reqId: number, timeoutMs: number, timeoutText: string, partial: T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waits.delete(reqId);
        reject(new Error(timeoutText));
      }, timeoutMs);
      this.waits.set(reqId, { resolve, reject, timer, partial });
    });
  }

  partial(reqId: number): T | undefined {
    return this.waits.get(reqId)?.partial;
  }

  /** Settles with value, or with what has arrived so far. False when nothing waits under reqId. */
  resolve(reqId: number, value?: T): boolean {
    const w = this.take(reqId);
    w?.resolve(value ?? w.partial);
    return w !== undefined;
  }

  reject(reqId: number, error: Error): boolean {
    const w = this.take(reqId);
    w?.reject(error);
    return w !== undefined;
  }

  rejectAll(error: Error): void {
    for (const reqId of [...this.waits.keys()]) this.reject(reqId, error);
  }

  private take(reqId: number): Wait<T> | undefined {
    const w = this.waits.get(reqId);
    if (!w) return undefined;
    this.waits.delete(reqId);
    clearTimeout(w.timer);
    return w;
  }
}
