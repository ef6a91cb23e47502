// One link's re-login loop: tries again after backoff delays with jitter (backoff.ts) until a try succeeds or
// the loop is cancelled. A gateway keeps one per link, so that each link heals on its own.
import { backoffDelay, type BackoffOptions } from './backoff.js';

export class RetryLoop {
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;

  constructor(private readonly backoff: BackoffOptions) {}

  /** How many tries have failed since the last success (the next try is number attempts + 1). */
  get attempts(): number {
    return this.attempt;
  }

  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  /**
   * Runs `attempt` after the next delay, unless a try is already scheduled. A rejection is passed to
   * `failed` (with the try's number) and the next try is scheduled; a resolution ends the loop and resets the
   * delays. `attempt` resolves to false to end the loop without counting it a success (nothing left to do).
   */
  start(attempt: () => Promise<boolean | void>, failed: (error: Error, tryNumber: number) => void): void {
    if (this.timer) return;
    const delay = backoffDelay(this.attempt, this.backoff);
    this.attempt += 1;
    const tryNumber = this.attempt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      attempt().then(
        (done) => {
          if (done !== false) this.attempt = 0;
        },
        (e: Error) => {
          failed(e, tryNumber);
          this.start(attempt, failed);
        },
      );
    }, delay);
  }

  /** Stops a scheduled try and resets the delays (a try already running finishes on its own). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.attempt = 0;
  }
}
