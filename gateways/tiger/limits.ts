// Tiger's per-method request limits, metered on our side so the gateway stays under them instead of
// learning them from code 4 refusals. Tiger documents three tiers per tiger id, counted per minute: the
// trading calls and quotes at about 120, account queries at about 60, reference data at about 10 [verify
// against Tiger's 接口限频 page]. A call waits for a free slot in its tier's sliding minute.

export type Tier = 'high' | 'mid' | 'low';

export const TIER_LIMITS: Readonly<Record<Tier, number>> = { high: 120, mid: 60, low: 10 };

const TIERS: Readonly<Record<string, Tier>> = {
  place_order: 'high',
  modify_order: 'high',
  cancel_order: 'high',
  kline: 'high',
  quote_real_time: 'high',
  orders: 'mid',
  active_orders: 'mid',
  inactive_orders: 'mid',
  filled_orders: 'mid',
  order_transactions: 'mid',
  positions: 'mid',
  assets: 'mid',
  prime_assets: 'mid',
  market_state: 'mid',
  contracts: 'low',
  contract: 'low',
};

export function tierOf(method: string): Tier {
  return TIERS[method] ?? 'mid';
}

const WINDOW_MS = 60_000;

export class MethodLimiter {
  private readonly sent: Record<Tier, number[]> = { high: [], mid: [], low: [] };

  constructor(private readonly limits: Readonly<Record<Tier, number>> = TIER_LIMITS) {}

  /** Resolves when a call of this method may go out (at once while its tier has room). */
  async acquire(method: string): Promise<void> {
    const tier = tierOf(method);
    const list = this.sent[tier];
    for (;;) {
      const now = Date.now();
      while (list.length > 0 && list[0]! <= now - WINDOW_MS) list.shift();
      if (list.length < this.limits[tier]) {
        list.push(now);
        return;
      }
      // Unref'd: a call waiting for its minute must not keep a closing process alive.
      await new Promise((r) => setTimeout(r, list[0]! + WINDOW_MS - now + 1).unref());
    }
  }

  /** Calls of this tier in the current minute. */
  used(tier: Tier): number {
    const now = Date.now();
    return this.sent[tier].filter((t) => t > now - WINDOW_MS).length;
  }
}
