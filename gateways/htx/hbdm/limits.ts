// HBDM's per-UID REST limits, metered before sending so the gateway does not earn 1032 ("The number of access
// exceeded the limit") refusals. From HTX's "API Rate Limit Illustration" (USDT-margined Contracts API:
// "Trade Interface: at most 72 times every 3 seconds. Read Interface: at most 72 times every 3 seconds";
// the coin-margined APIs: 36 and 36): Trade calls (place, cancel) and Read calls (accounts, positions, orders,
// matches) have separate budgets over a 3 s interval, each product family its own (USDT-M swaps and futures
// share one; coin-M swaps and coin-M futures have one each). Every reply states the budget of its kind in its
// headers: ratelimit-limit, ratelimit-interval (ms), ratelimit-remaining, ratelimit-reset (the epoch ms of
// the reset); the meter follows them, so a UID with other limits, or other clients on it, are honoured.
import type { HbdmProduct } from './urls.js';

export type LimitKind = 'trade' | 'read';

export const HBDM_INTERVAL_MS = 3000;

/** The API families that keep separate budgets: USDT-M (swaps and futures), coin-M swaps, coin-M futures. */
export type LimitFamily = 'usdt' | 'coin-swap' | 'coin-futures';

export const familyOf = (product: HbdmProduct): LimitFamily =>
  product === 'usdt-swap' || product === 'usdt-futures' ? 'usdt' : product;

/** Calls per kind and interval, as HTX documents them per API family. */
export const documentedLimit = (family: LimitFamily): number => (family === 'usdt' ? 72 : 36);

/** HBDM's calls that HTX lists with "Interface permission: Trade"; the other private calls are Read. */
export function kindOf(path: string): LimitKind {
  return /_(order|cancel|cancelall|batchorder|trigger_order|trigger_cancel|tpsl_order|tpsl_cancel)$/.test(
    path,
  )
    ? 'trade'
    : 'read';
}

/** What a reply's ratelimit-* headers say of its kind's budget. */
export interface RateHeaders {
  limit?: number;
  intervalMs?: number;
  remaining?: number;
  resetAt?: number;
}

interface Budget {
  limit: number;
  intervalMs: number;
  sent: number[];
  /** The venue said the budget is spent until then. */
  holdUntil: number;
}

export class UidLimiter {
  private readonly budgets: Record<LimitKind, Budget>;
  /** Times a call waited for room (for tests and the log). */
  waits = 0;

  constructor(limit: number, intervalMs = HBDM_INTERVAL_MS) {
    const budget = (): Budget => ({ limit, intervalMs, sent: [], holdUntil: 0 });
    this.budgets = { trade: budget(), read: budget() };
  }

  /** Resolves when a call of this kind may go out: at once while the interval has room. */
  async acquire(kind: LimitKind): Promise<void> {
    const b = this.budgets[kind];
    let waited = false;
    for (;;) {
      const now = Date.now();
      while (b.sent.length > 0 && b.sent[0]! <= now - b.intervalMs) b.sent.shift();
      // A tenth of the interval to spare: the venue counts arrivals, and a call sent just after the oldest
      // left our window may reach it sooner than that one did.
      const until = Math.max(
        b.holdUntil,
        b.sent.length >= b.limit ? b.sent[b.sent.length - b.limit]! + b.intervalMs * 1.1 : 0,
      );
      if (until <= now) {
        b.sent.push(now);
        if (waited) this.waits += 1;
        return;
      }
      waited = true;
      // Unref'd: a call waiting for room must not keep a closing process alive.
      await new Promise((r) => setTimeout(r, until - now + 1).unref());
    }
  }

  /** A reply's headers: the venue's own count wins over ours (other clients of the UID spend it too). */
  observe(kind: LimitKind, h: RateHeaders): void {
    const b = this.budgets[kind];
    if (h.limit !== undefined && h.limit > 0) b.limit = h.limit;
    if (h.intervalMs !== undefined && h.intervalMs > 0) b.intervalMs = h.intervalMs;
    if (h.remaining !== undefined && h.remaining <= 0) {
      const now = Date.now();
      // ratelimit-reset is the reset's epoch ms; without it (or past it) wait one interval.
      const reset = h.resetAt !== undefined && h.resetAt > now ? h.resetAt : now + b.intervalMs;
      b.holdUntil = Math.max(b.holdUntil, Math.min(reset, now + b.intervalMs));
    }
  }

  /** A 1032 refusal: the budget is spent for this interval whatever our count says. */
  refused(kind: LimitKind): void {
    const b = this.budgets[kind];
    b.holdUntil = Math.max(b.holdUntil, Date.now() + b.intervalMs);
  }

  limitOf(kind: LimitKind): number {
    return this.budgets[kind].limit;
  }
}

const shared = new Map<string, UidLimiter>();

/**
 * One meter per API key and product family, shared by every gateway connected with that key (two HBDM
 * gateways on USDT-M swaps and futures spend one budget).
 */
export function limiterFor(accessKey: string, product: HbdmProduct, baseUrl: string): UidLimiter {
  const key = `${baseUrl}|${accessKey}|${familyOf(product)}`;
  let l = shared.get(key);
  if (!l) shared.set(key, (l = new UidLimiter(documentedLimit(familyOf(product)))));
  return l;
}
