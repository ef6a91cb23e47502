// HTX spot messages → vnt objects. The vnt order id is the client-order-id we sent; an order placed
// elsewhere (no client id) is known as x<order-id>. Trade ids are HTX's trade-id, the same number in the
// orders# trade push (tradeId) and in /v1/order/matchresults (trade-id), so a fill seen twice is one trade.
import { Direction, Exchange, Interval, OrderType, Product, Status } from '../../src/core/constant.js';
import {
  createAccount,
  createBar,
  createContract,
  createOrder,
  createTrade,
  type AccountData,
  type BarData,
  type ContractData,
  type OrderData,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import type {
  DepthTick,
  Kline,
  MatchResult,
  OrderUpdate,
  SpotBalance,
  SpotOrder,
  SpotOrderState,
  SpotOrderType,
  SpotSymbol,
  TickerTick,
} from './types.js';

export const EXCHANGE = Exchange.HUOBI;

/** /market/history/kline periods for vnt's intervals. */
export const PERIODS: Record<Interval, string> = {
  [Interval.MINUTE]: '1min',
  [Interval.HOUR]: '60min',
  [Interval.DAILY]: '1day',
  [Interval.WEEKLY]: '1week',
};

export function contractFromSymbol(s: SpotSymbol, gatewayName: string): ContractData | undefined {
  if (s.state !== 'online') return undefined;
  const pricetick = 10 ** -s['price-precision'];
  const step = 10 ** -s['amount-precision'];
  const min = Math.max(step, Number(s['limit-order-min-order-amt'] ?? s['min-order-amt']) || step);
  return createContract({
    gatewayName,
    symbol: s.symbol,
    exchange: EXCHANGE,
    name: `${s['base-currency'].toUpperCase()}/${s['quote-currency'].toUpperCase()}`,
    product: Product.SPOT,
    size: 1,
    pricetick: Number(pricetick.toFixed(s['price-precision'])),
    minVolume: Number(min.toFixed(s['amount-precision'])),
    volumeStep: Number(step.toFixed(s['amount-precision'])),
    netPosition: true,
    historyData: true,
    currency: s['quote-currency'].toUpperCase(),
  });
}

/** The HTX order type for a vnt order, or undefined where HTX has none. */
export function spotTypeFor(type: OrderType, direction: Direction): SpotOrderType | undefined {
  const side = direction === Direction.SHORT ? 'sell' : 'buy';
  switch (type) {
    case OrderType.LIMIT:
      return `${side}-limit`;
    case OrderType.MARKET:
      return `${side}-market`;
    case OrderType.POSTONLY:
      return `${side}-limit-maker`;
    case OrderType.FAK:
      return `${side}-ioc`;
    case OrderType.FOK:
      return `${side}-limit-fok`;
    default:
      return undefined;
  }
}

export function typeFromSpot(t: SpotOrderType): { type: OrderType; direction: Direction } {
  const direction = t.startsWith('sell') ? Direction.SHORT : Direction.LONG;
  if (t.endsWith('-market')) return { type: OrderType.MARKET, direction };
  if (t.endsWith('-limit-maker')) return { type: OrderType.POSTONLY, direction };
  if (t.endsWith('-ioc')) return { type: OrderType.FAK, direction };
  if (t.endsWith('-fok')) return { type: OrderType.FOK, direction };
  return { type: OrderType.LIMIT, direction };
}

export function statusFromState(state: SpotOrderState | 'rejected', traded: number): Status {
  switch (state) {
    case 'partial-filled':
      return Status.PARTTRADED;
    case 'filled':
      return Status.ALLTRADED;
    case 'partial-canceled':
    case 'canceled':
      return Status.CANCELLED;
    case 'rejected':
      return Status.REJECTED;
    case 'canceling':
      return traded > 0 ? Status.PARTTRADED : Status.NOTTRADED;
    default:
      return Status.NOTTRADED;
  }
}

/** Our id for an HTX order: the client id we gave it, or x<order-id> for one placed elsewhere. */
export function orderidOf(clientOrderId: string | undefined, orderId: number | string): string {
  return clientOrderId ? clientOrderId : `x${orderId}`;
}

export function orderFromWire(o: SpotOrder, gatewayName: string): OrderData {
  const traded = Number(o['filled-amount'] ?? o['field-amount'] ?? 0);
  const { type, direction } = typeFromSpot(o.type);
  return createOrder({
    gatewayName,
    symbol: o.symbol,
    exchange: EXCHANGE,
    orderid: orderidOf(o['client-order-id'], o.id),
    type,
    direction,
    price: Number(o.price) || 0,
    volume: Number(o.amount),
    traded,
    status: statusFromState(o.state, traded),
    datetime: o['created-at'],
  });
}

export function orderFromUpdate(u: OrderUpdate, gatewayName: string, known?: OrderData): OrderData {
  const { type, direction } = typeFromSpot(u.type);
  const volume = u.orderSize !== undefined ? Number(u.orderSize) : (known?.volume ?? 0);
  const traded =
    u.execAmt !== undefined
      ? Number(u.execAmt)
      : u.remainAmt !== undefined
        ? Math.max(0, volume - Number(u.remainAmt))
        : (known?.traded ?? 0);
  return createOrder({
    gatewayName,
    symbol: u.symbol,
    exchange: EXCHANGE,
    orderid: orderidOf(u.clientOrderId, u.orderId),
    type,
    direction,
    price: u.orderPrice !== undefined ? Number(u.orderPrice) : (known?.price ?? 0),
    volume,
    traded,
    status: statusFromState(u.orderStatus, traded),
    datetime: u.orderCreateTime ?? u.tradeTime ?? u.lastActTime ?? known?.datetime ?? Date.now(),
  });
}

export function tradeFromUpdate(u: OrderUpdate, gatewayName: string): TradeData | undefined {
  if (u.eventType !== 'trade' || u.tradeId === undefined) return undefined;
  return createTrade({
    gatewayName,
    symbol: u.symbol,
    exchange: EXCHANGE,
    orderid: orderidOf(u.clientOrderId, u.orderId),
    tradeid: String(u.tradeId),
    direction: u.type.startsWith('sell') ? Direction.SHORT : Direction.LONG,
    price: Number(u.tradePrice),
    volume: Number(u.tradeVolume),
    datetime: u.tradeTime ?? Date.now(),
  });
}

export function tradeFromMatch(m: MatchResult, gatewayName: string, orderid: string): TradeData {
  return createTrade({
    gatewayName,
    symbol: m.symbol,
    exchange: EXCHANGE,
    orderid,
    tradeid: String(m['trade-id']),
    direction: m.type.startsWith('sell') ? Direction.SHORT : Direction.LONG,
    price: Number(m.price),
    volume: Number(m['filled-amount']),
    datetime: m['created-at'],
  });
}

/** One AccountData per currency: "trade" is available, "frozen" is held by orders. */
export function accountsFromBalance(b: SpotBalance, gatewayName: string): AccountData[] {
  const byCcy = new Map<string, { trade: number; frozen: number }>();
  for (const item of b.list) {
    const entry = byCcy.get(item.currency) ?? { trade: 0, frozen: 0 };
    if (item.type === 'trade') entry.trade += Number(item.balance) || 0;
    else if (item.type === 'frozen') entry.frozen += Number(item.balance) || 0;
    byCcy.set(item.currency, entry);
  }
  const out: AccountData[] = [];
  for (const [ccy, v] of byCcy) {
    if (v.trade === 0 && v.frozen === 0) continue;
    out.push(
      createAccount({
        gatewayName,
        accountid: ccy.toUpperCase(),
        currency: ccy.toUpperCase(),
        balance: v.trade + v.frozen,
        frozen: v.frozen,
        available: v.trade,
      }),
    );
  }
  return out;
}

/** Five levels of a depth.step0 snapshot into the working tick. */
export function applyDepth(tick: TickData, d: DepthTick): void {
  const t = tick as unknown as Record<string, number>;
  for (let i = 0; i < 5; i++) {
    const bid = d.bids[i];
    const ask = d.asks[i];
    t[`bidPrice${i + 1}`] = bid ? Number(bid[0]) : 0;
    t[`bidVolume${i + 1}`] = bid ? Number(bid[1]) : 0;
    t[`askPrice${i + 1}`] = ask ? Number(ask[0]) : 0;
    t[`askVolume${i + 1}`] = ask ? Number(ask[1]) : 0;
  }
}

/** The 24-hour ticker into the working tick: amount is the base volume, vol the quote turnover. */
export function applyTicker(tick: TickData, k: TickerTick): void {
  tick.lastPrice = k.lastPrice ?? k.close;
  tick.lastVolume = k.lastSize ?? 0;
  tick.openPrice = k.open;
  tick.highPrice = k.high;
  tick.lowPrice = k.low;
  tick.volume = k.amount;
  tick.turnover = k.vol;
}

export function barsFromKlines(
  list: readonly Kline[],
  symbol: string,
  interval: Interval,
  gatewayName: string,
): BarData[] {
  return list.map((k) =>
    createBar({
      gatewayName,
      symbol,
      exchange: EXCHANGE,
      interval,
      datetime: k.id * 1000,
      openPrice: k.open,
      highPrice: k.high,
      lowPrice: k.low,
      closePrice: k.close,
      volume: k.amount,
      turnover: k.vol,
    }),
  );
}
