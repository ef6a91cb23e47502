// The Alpaca simulator's wire formats: the shared matching engine's orders, fills, accounts and positions
// written as Alpaca's Trading API writes them (field for field as the OpenAPI examples, checked by
// test/gateways/alpaca/documented.test.ts), and Alpaca's error bodies.
import { randomUUID } from 'node:crypto';
import { Exchange, OrderType } from '../../../src/core/constant.js';
import { decimalsOf } from '../../../src/core/validate.js';
import type { InstrumentSpec, SimAccount, SimFill, SimOrder, SimPosition } from '../../../src/sim/types.js';
import type {
  AlpacaOrder,
  ApiError,
  Asset,
  FillActivity,
  OrderStatus,
  Position,
  TimeInForce,
} from '../types.js';

/**
 * Alpaca's error bodies: `{"code": <HTTP status × 10^5 + n>, "message": ...}` (the code starts with the HTTP
 * status: 40310000 for 403 insufficient buying power, 42210000 for 422).
 */
export const ERR = {
  unauthorized: { code: 40110000, message: 'request is not authorized' },
  buyingPower: { code: 40310000, message: 'insufficient buying power' },
  notFound: { code: 40410000, message: 'order not found' },
  notCancelable: { code: 42210000, message: 'order is not cancelable' },
  unchanged: { code: 42210000, message: 'order parameters are not changed' },
  rateLimit: { code: 42910000, message: 'rate limit exceeded' },
} as const satisfies Record<string, ApiError>;

export function invalid(message: string): ApiError {
  return { code: 42210000, message };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** What the simulator remembers about an order beyond the engine's view (Alpaca's own fields). */
export interface OrderMeta {
  id: string;
  type: 'market' | 'limit' | 'stop';
  tif: TimeInForce;
  extendedHours: boolean;
  stopPrice: number | null;
  /** Replace Order: the id of the order this one replaced. */
  replaces?: string;
  /** Replace Order: the id of the order that replaced this one, and when. */
  replacedBy?: string;
  replacedAt?: number;
}

export class Formatter {
  private readonly assetIds = new Map<string, string>();

  constructor(private readonly instruments: ReadonlyMap<string, InstrumentSpec>) {
    for (const s of instruments.keys()) this.assetIds.set(s, randomUUID());
  }

  isCrypto(symbol: string): boolean {
    return this.instruments.get(symbol)?.exchange === Exchange.ALPACA;
  }

  qty(symbol: string, v: number): string {
    const spec = this.instruments.get(symbol);
    return trim(v.toFixed(spec ? decimalsOf(spec.lotSize) : 9));
  }

  price(symbol: string, v: number): string {
    const spec = this.instruments.get(symbol);
    return trim(v.toFixed(spec ? Math.max(2, decimalsOf(spec.pricetick)) : 2));
  }

  asset(spec: InstrumentSpec): Asset {
    const crypto = spec.exchange === Exchange.ALPACA;
    const base: Asset = {
      id: this.assetIds.get(spec.symbol) ?? randomUUID(),
      class: crypto ? 'crypto' : 'us_equity',
      exchange: crypto ? 'ALPACA' : spec.exchange,
      symbol: spec.symbol,
      name: spec.name,
      status: 'active',
      tradable: true,
      marginable: !crypto,
      shortable: false,
      easy_to_borrow: false,
      fractionable: true,
    };
    if (!crypto) return base;
    return {
      ...base,
      min_order_size: trim(String(spec.minVolume)),
      min_trade_increment: trim(String(spec.lotSize)),
      price_increment: trim(String(spec.pricetick)),
    };
  }

  order(
    o: SimOrder,
    meta: OrderMeta,
    filled = o.filled,
    statusIn: OrderStatus = statusOf(o, filled),
  ): AlpacaOrder {
    const status = statusIn === 'canceled' && meta.replacedBy ? 'replaced' : statusIn;
    const crypto = this.isCrypto(o.symbol);
    const done = status === 'filled' ? iso(o.updatedAt) : null;
    return {
      id: meta.id,
      client_order_id: o.clientOrderId,
      created_at: iso(o.createdAt),
      updated_at: iso(o.updatedAt),
      submitted_at: iso(o.createdAt),
      filled_at: done,
      expired_at: null,
      canceled_at: status === 'canceled' ? iso(o.updatedAt) : null,
      // In the streaming page's example order, though not in the OpenAPI's.
      cancel_requested_at: null,
      failed_at: status === 'rejected' ? iso(o.updatedAt) : null,
      replaced_at: meta.replacedAt === undefined ? null : iso(meta.replacedAt),
      replaced_by: meta.replacedBy ?? null,
      replaces: meta.replaces ?? null,
      asset_id: this.assetIds.get(o.symbol) ?? '',
      symbol: o.symbol,
      asset_class: crypto ? 'crypto' : 'us_equity',
      notional: null,
      qty: this.qty(o.symbol, o.volume),
      filled_qty: this.qty(o.symbol, filled),
      filled_avg_price: filled > 0 ? this.price(o.symbol, o.avgPrice) : null,
      order_class: '',
      order_type: meta.type,
      type: meta.type,
      side: o.side === 'SELL' ? 'sell' : 'buy',
      time_in_force: meta.tif,
      limit_price: meta.type === 'limit' ? this.price(o.symbol, o.price) : null,
      stop_price: meta.stopPrice === null ? null : this.price(o.symbol, meta.stopPrice),
      status,
      extended_hours: meta.extendedHours,
      legs: null,
      trail_percent: null,
      trail_price: null,
      hwm: null,
    };
  }

  account(
    a: SimAccount,
    positions: SimPosition[],
    last: (symbol: string) => number,
    ids: { id: string; number: string },
  ): Record<string, unknown> {
    const long = positions.reduce((s, p) => s + p.volume * last(p.symbol), 0);
    const equity = a.available + a.frozen + long;
    const money = (v: number) => trim(v.toFixed(2));
    return {
      id: ids.id,
      account_number: ids.number,
      status: 'ACTIVE',
      currency: a.currency,
      buying_power: money(a.available),
      regt_buying_power: money(a.available),
      daytrading_buying_power: money(a.available),
      cash: money(a.available + a.frozen),
      portfolio_value: money(equity),
      pattern_day_trader: false,
      trading_blocked: false,
      transfers_blocked: false,
      account_blocked: false,
      created_at: '2026-01-02T14:30:00.000000Z',
      trade_suspended_by_user: false,
      multiplier: '1',
      shorting_enabled: false,
      equity: money(equity),
      last_equity: money(equity),
      long_market_value: money(long),
      short_market_value: '0',
      initial_margin: '0',
      maintenance_margin: '0',
      last_maintenance_margin: '0',
      sma: '0',
      daytrade_count: 0,
    };
  }

  position(p: SimPosition, last: number, lastday: number): Position {
    const spec = this.instruments.get(p.symbol);
    const crypto = this.isCrypto(p.symbol);
    const value = p.volume * last;
    const cost = p.volume * p.avgPrice;
    const ratio = (a: number, b: number) => (b === 0 ? '0' : String(a / b));
    return {
      asset_id: this.assetIds.get(p.symbol) ?? '',
      // Alpaca lists crypto positions without the pair's slash ("BTCUSD").
      symbol: crypto ? p.symbol.replace('/', '') : p.symbol,
      exchange: crypto ? 'ALPACA' : (spec?.exchange ?? ''),
      asset_class: crypto ? 'crypto' : 'us_equity',
      asset_marginable: !crypto,
      qty: this.qty(p.symbol, p.volume),
      qty_available: this.qty(p.symbol, p.volume - p.frozen),
      avg_entry_price: this.price(p.symbol, p.avgPrice),
      side: 'long',
      market_value: trim(value.toFixed(2)),
      cost_basis: trim(cost.toFixed(2)),
      unrealized_pl: trim((value - cost).toFixed(2)),
      unrealized_plpc: ratio(value - cost, cost),
      unrealized_intraday_pl: trim((value - p.volume * lastday).toFixed(2)),
      unrealized_intraday_plpc: ratio(value - p.volume * lastday, p.volume * lastday),
      current_price: this.price(p.symbol, last),
      lastday_price: this.price(p.symbol, lastday),
      change_today: ratio(last - lastday, lastday),
    };
  }

  activity(f: SimFill, orderVolume: number, cumulative: number, venueOrderId: string): FillActivity {
    const done = cumulative >= orderVolume - 1e-12;
    const stamp = iso(f.time)
      .replace(/[-:TZ.]/g, '')
      .slice(0, 17);
    return {
      id: `${stamp}::${executionId(f.tradeId)}`,
      activity_type: 'FILL',
      transaction_time: iso(f.time),
      type: done ? 'fill' : 'partial_fill',
      price: this.price(f.symbol, f.price),
      qty: this.qty(f.symbol, f.volume),
      side: f.side === 'SELL' ? 'sell' : 'buy',
      symbol: f.symbol,
      leaves_qty: this.qty(f.symbol, Math.max(0, orderVolume - cumulative)),
      order_id: venueOrderId,
      cum_qty: this.qty(f.symbol, cumulative),
      order_status: done ? 'filled' : 'partially_filled',
    };
  }
}

/** An execution id in Alpaca's UUID form, the same on the stream and in the activities. */
export function executionId(tradeId: number): string {
  return `0000e8ec-0000-4000-8000-${tradeId.toString(16).padStart(12, '0')}`;
}

export function statusOf(o: SimOrder, filled = o.filled): OrderStatus {
  switch (o.status) {
    case 'FILLED':
      return filled >= o.volume - 1e-12 ? 'filled' : 'partially_filled';
    case 'CANCELED':
      return 'canceled';
    case 'REJECTED':
      return 'rejected';
    default:
      return filled > 0 ? 'partially_filled' : 'new';
  }
}

/** The engine's order type for an Alpaca type and time in force. */
export function engineType(type: string, tif: string): OrderType | undefined {
  if (type === 'market') return OrderType.MARKET;
  if (type === 'stop') return OrderType.STOP;
  if (type !== 'limit') return undefined;
  if (tif === 'ioc') return OrderType.FAK;
  if (tif === 'fok') return OrderType.FOK;
  return OrderType.LIMIT;
}

function trim(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
