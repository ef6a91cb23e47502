// The simulator's side of Bitfinex's wire format: SimExchange objects written as the arrays Bitfinex sends
// (field positions from ../types.ts, which the gateway reads with), and Bitfinex's error texts.
import { OrderType } from '../../../src/core/constant.js';
import type { MarketStats, SimAccount, SimFill, SimOrder } from '../../../src/sim/types.js';
import { splitPair, toVenueSymbol } from '../symbols.js';
import { ORDER_LENGTH, type Json } from '../types.js';

export const ERR = {
  apiKey: [10100, 'apikey: invalid'],
  digest: [10100, 'apikey: digest invalid'],
  nonce: [10114, 'nonce: small'],
  params: [10020, 'request: invalid'],
  symbol: [10020, 'symbol: invalid'],
  notFound: [10001, 'Order not found.'],
  rateLimit: [11010, 'ratelimit: error'],
} as const;

/** Bitfinex's REST error body (docs.bitfinex.com/docs/rest-general, "Error Codes"). */
export function errorBody(code: number, msg: string): Json {
  return ['error', code, msg];
}

export interface OrderMeta {
  cid: number;
  venueType: string;
  flags: number;
  /** Set when the order ended because of its type (post-only, IOC, FOK). */
  endedBy?: string;
}

const TYPE_NAMES: Record<string, string> = {
  [OrderType.LIMIT]: 'LIMIT',
  [OrderType.MARKET]: 'MARKET',
  [OrderType.STOP]: 'STOP',
  [OrderType.FAK]: 'IOC',
  [OrderType.FOK]: 'FOK',
  [OrderType.POSTONLY]: 'LIMIT',
};

function signed(o: Pick<SimOrder, 'side'>, v: number): number {
  return Number((o.side === 'SELL' ? -v : v).toFixed(8));
}

/** Bitfinex's status text for an order (ws-auth-orders STATUS). */
export function statusText(o: SimOrder, meta: OrderMeta | undefined): string {
  const fill = `@ ${o.avgPrice}(${signed(o, o.filled)})`;
  switch (o.status) {
    case 'NEW':
    case 'PENDING_TRIGGER':
      return 'ACTIVE';
    case 'PARTIALLY_FILLED':
      return `PARTIALLY FILLED ${fill}`;
    case 'FILLED':
      return `EXECUTED ${fill}`;
    default:
      if (meta?.endedBy) return meta.endedBy;
      return o.filled > 0 ? `CANCELED was: PARTIALLY FILLED ${fill}` : 'CANCELED';
  }
}

/** An order as the 32-field array (ws-auth-orders, rest-auth-retrieve-orders). */
export function orderArray(o: SimOrder, meta: OrderMeta | undefined): Json[] {
  const a: Json[] = new Array<Json>(ORDER_LENGTH).fill(null);
  a[0] = o.orderId;
  a[2] = meta?.cid ?? null;
  a[3] = toVenueSymbol(o.symbol);
  a[4] = o.createdAt;
  a[5] = o.updatedAt;
  a[6] = signed(o, o.volume - o.filled);
  a[7] = signed(o, o.volume);
  a[8] = meta?.venueType ?? `EXCHANGE ${TYPE_NAMES[o.type] ?? 'LIMIT'}`;
  a[12] = meta?.flags ?? 0;
  a[13] = statusText(o, meta);
  a[16] = o.price;
  a[17] = o.avgPrice;
  a[18] = 0;
  a[19] = 0;
  a[23] = 0;
  a[24] = 0;
  a[28] = 'API>BFX';
  return a;
}

/** An own trade (te when `fee` is false: FEE and FEE_CURRENCY are null until tu). */
export function tradeArray(
  f: SimFill,
  meta: OrderMeta | undefined,
  order: SimOrder | undefined,
  withFee: boolean,
): Json[] {
  const [, quote] = splitPair(f.symbol);
  return [
    f.tradeId,
    toVenueSymbol(f.symbol),
    f.time,
    f.orderId,
    signed(f, f.volume),
    f.price,
    meta?.venueType ?? 'EXCHANGE LIMIT',
    order?.price ?? f.price,
    f.maker ? 1 : -1,
    withFee ? Number((-f.commission).toFixed(8)) : null,
    withFee ? quote : null,
    meta?.cid ?? 0,
  ];
}

/** The trade behind a wallet change, which Bitfinex names in DESCRIPTION and META (ws-auth-wallets 'wu'). */
export interface WalletChange {
  orderId: number;
  cid: number;
  base: string;
  quote: string;
  price: number;
  volume: number;
}

/** The exchange wallets of a spot account: the cash currency and every asset held. */
export function walletArrays(a: SimAccount, withAvailable: boolean, why?: WalletChange): Json[][] {
  const out: Json[][] = [
    ['exchange', a.currency, round8(a.balance), 0, withAvailable ? round8(a.available) : null, null, null],
  ];
  const desc = why ? `Exchange ${why.volume} ${why.base} for ${why.quote} @ ${why.price}` : null;
  const meta: Json = why
    ? {
        reason: 'TRADE',
        order_id: why.orderId,
        order_id_oppo: why.orderId + 1,
        trade_price: String(why.price),
        trade_amount: String(why.volume),
        order_cid: why.cid,
        // The simulator has no order groups (GID); 0 keeps the documented type.
        order_gid: 0,
      }
    : null;
  out[0]![5] = desc;
  out[0]![6] = meta;
  for (const [asset, h] of Object.entries(a.assets)) {
    out.push([
      'exchange',
      asset,
      round8(h.free + h.locked),
      0,
      withAvailable ? round8(h.free) : null,
      desc,
      meta,
    ]);
  }
  return out;
}

export function round8(v: number): number {
  return Number(v.toFixed(8));
}

/** A trading ticker payload (ws-public-ticker) from the market stats and the best levels. */
export function tickerArray(s: MarketStats, bid: [number, number], ask: [number, number]): Json[] {
  const change = round8(s.lastPrice - s.preClose);
  return [
    bid[0],
    round8(bid[1]),
    ask[0],
    round8(ask[1]),
    change,
    s.preClose ? Number((change / s.preClose).toFixed(4)) : 0,
    s.lastPrice,
    round8(s.volume),
    s.highPrice,
    s.lowPrice,
  ];
}

/** The notification wrapping a write request's outcome (rest-auth-submit-order reply, ws `n`). */
export function notification(mts: number, type: string, info: Json, status: string, text: string): Json[] {
  return [mts, type, null, null, info, null, status, text];
}

/** Bitfinex's confirmation text for a new order ("Submitting exchange limit buy order for 0.1 BTC."). */
export function submitText(venueType: string, side: 'BUY' | 'SELL', volume: number, symbol: string): string {
  const [base] = splitPair(symbol);
  return `Submitting ${venueType.toLowerCase()} ${side === 'BUY' ? 'buy' : 'sell'} order for ${volume} ${base}.`;
}
