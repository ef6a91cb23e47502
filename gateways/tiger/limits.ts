// Tiger's request limits, metered on our side so the gateway stays under them instead of learning them from
// refusals (Tiger warns that an account which keeps calling past its limit is blacklisted). From Tiger's
// rate-limit page (docs-en.itigerup.com/docs/ratelimit, "Rate Limiting Rules"): the quota is per tiger id
// *and method* — place_order and orders are counted apart — over a rolling 60 s window, at 120 calls for the
// high-frequency methods, 60 for the medium ones and 10 for the low ones. The methods below are the ones that
// page lists by name; a method it does not name here (kline, market_state, order_transactions: on the page
// but not in the excerpt we could read) is metered as low, the tier that can never earn a ban.

export type Tier = 'high' | 'mid' | 'low';

export const TIER_LIMITS: Readonly<Record<Tier, number>> = { high: 120, mid: 60, low: 10 };

const TIERS: Readonly<Record<string, Tier>> = {
  order_no: 'high',
  place_order: 'high',
  modify_order: 'high',
  cancel_order: 'high',
  orders: 'high',
  active_orders: 'high',
  inactive_orders: 'high',
  filled_orders: 'high',
  timeline: 'high',
  quote_real_time: 'high',
  trade_tick: 'high',
  option_brief: 'high',
  option_trade_tick: 'high',
  future_tick: 'high',
  future_real_time_quote: 'high',
  future_contract_by_contract_code: 'high',
  future_contract_by_exchange_code: 'high',
  future_continuous_contracts: 'high',
  future_current_contract: 'high',
  option_chain: 'mid',
  option_expiration: 'mid',
  quote_depth: 'mid',
  contract: 'mid',
  contracts: 'mid',
  quote_contract: 'mid',
  future_trading_date: 'mid',
  accounts: 'mid',
  assets: 'mid',
  prime_assets: 'mid',
  positions: 'mid',
};

export function tierOf(method: string): Tier {
  return TIERS[method] ?? 'low';
}

const WINDOW_MS = 60_000;

export class MethodLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly limits: Readonly<Record<Tier, number>> = TIER_LIMITS) {}

  /** Resolves when a call of this method may go out (at once while the method has room this minute). */
  async acquire(method: string): Promise<void> {
    const limit = this.limits[tierOf(method)];
    let list = this.sent.get(method);
    if (!list) this.sent.set(method, (list = []));
    for (;;) {
      const now = Date.now();
      while (list.length > 0 && list[0]! <= now - WINDOW_MS) list.shift();
      if (list.length < limit) {
        list.push(now);
        return;
      }
      // Unref'd: a call waiting for its minute must not keep a closing process alive.
      await new Promise((r) => setTimeout(r, list[0]! + WINDOW_MS - now + 1).unref());
    }
  }

  /** Calls of this method in the current minute. */
  used(method: string): number {
    const now = Date.now();
    return (this.sent.get(method) ?? []).filter((t) => t > now - WINDOW_MS).length;
  }
}
