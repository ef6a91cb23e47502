// Reconnect and retry delays: exponential growth with random jitter, so that many clients dropped at once by a
// venue do not all come back in the same instant (and get rate-limited together).

export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Upper bound for any delay. */
  maxMs: number;
  /** Growth per attempt; 2 doubles. */
  factor?: number;
  /** Fraction of the delay that is randomised: 0.5 gives a delay between 50% and 100% of the nominal one. */
  jitter?: number;
  /** Source of randomness in [0, 1); tests pass a fixed one. */
  random?: () => number;
}

/** The delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const factor = o.factor ?? 2;
  const jitter = Math.min(Math.max(o.jitter ?? 0.5, 0), 1);
  const random = o.random ?? Math.random;
  const nominal = Math.min(o.maxMs, o.baseMs * Math.pow(factor, Math.max(0, attempt)));
  return Math.round(nominal * (1 - jitter * random()));
}

/** Parses an HTTP Retry-After header (seconds or an HTTP date) into milliseconds from now, if present. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
