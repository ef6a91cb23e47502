// Tiger's messages as vnt objects. Symbols: US stocks as Tiger names them on SMART (AAPL.SMART), HK stocks
// on SEHK (00700.SEHK), China Connect A shares on SSE/SZSE, options by their identifier without spaces,
// futures by Tiger's contract code on their exchange. Quantities carry a scale (fractional shares:
// totalQuantity 773 with scale 5 is 0.00773). Tiger's ids pass 2^53, so they are kept as strings.
import {
  Direction,
  Exchange,
  Interval,
  Offset,
  OptionType,
  OrderType,
  Product,
  Status,
} from '../../src/core/constant.js';
import {
  createAccount,
  createBar,
  createContract,
  createOrder,
  createPosition,
  createTrade,
  type AccountData,
  type BarData,
  type ContractData,
  type OrderData,
  type PriceBand,
  type PositionData,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import type {
  AssetMsg,
  DepthMsg,
  OrderStatusMsg,
  PositionMsg,
  QuoteMsg,
  TradeTickMsg,
  TransactionMsg,
} from './proto.js';
import type {
  KlineItem,
  TigerBrief,
  PrimeAssets,
  TigerContract,
  TigerFutureContract,
  TigerOrder,
  TigerPosition,
  TigerTransaction,
} from './types.js';

const EXCHANGES: Readonly<Record<string, Exchange>> = {
  ...Object.fromEntries(Object.values(Exchange).map((e) => [e, e])),
  // Tiger names Hong Kong's futures exchange HKEX; vnt (as IB) calls it HKFE.
  HKEX: Exchange.HKFE,
};

/** The vnt exchange for a Tiger market (and, for futures, the contract's own exchange). */
export function exchangeFor(market: string, secType: string, symbol: string, exchange?: string): Exchange {
  if (secType === 'FUT') return (exchange && EXCHANGES[exchange.toUpperCase()]) || Exchange.SMART;
  switch (market) {
    case 'HK':
      return Exchange.SEHK;
    case 'CN':
      return symbol.startsWith('6') || symbol.endsWith('.SH') ? Exchange.SSE : Exchange.SZSE;
    default:
      return Exchange.SMART;
  }
}

/**
 * The vnt symbol of a Tiger instrument: the option identifier without spaces; a future's contract code (its
 * orders and positions name the product in `symbol`, "CL", and the contract in `identifier`, "CL2312");
 * else Tiger's symbol.
 */
export function vntSymbol(secType: string, symbol: string, identifier?: string): string {
  if (secType === 'FUT' && identifier) return identifier;
  if ((secType === 'OPT' || secType === 'WAR' || secType === 'IOPT') && identifier) {
    return identifier.replace(/\s+/g, '');
  }
  return symbol;
}

const PRODUCTS: Readonly<Record<string, Product>> = {
  STK: Product.EQUITY,
  OPT: Product.OPTION,
  FUT: Product.FUTURES,
  WAR: Product.WARRANT,
  IOPT: Product.WARRANT,
  CASH: Product.FOREX,
  FOREX: Product.FOREX,
  FUND: Product.FUND,
};

/** "20260930" → epoch ms (UTC midnight); null when absent. */
function expiryOf(text: string | undefined): number | null {
  if (!text || !/^\d{8}$/.test(text)) return null;
  return Date.UTC(Number(text.slice(0, 4)), Number(text.slice(4, 6)) - 1, Number(text.slice(6, 8)));
}

/**
 * The tick for ordinary prices: Tiger gives price bands (US: 0.0001 below $1, 0.01 above); vnt has one tick
 * per contract, so it takes the band that runs to Infinity, else the coarsest.
 */
export function pricetickOf(c: TigerContract): number {
  const bands = Array.isArray(c.tickSizes) ? c.tickSizes.filter((b) => Number(b.tickSize) > 0) : [];
  const open = bands.find((b) => b.end === 'Infinity');
  if (open) return Number(open.tickSize);
  if (bands.length > 0) return Math.max(...bands.map((b) => Number(b.tickSize)));
  if (Number(c.minTick) > 0) return Number(c.minTick);
  return c.market === 'HK' ? 0.01 : 0.01;
}

/**
 * Tiger's bands as vnt price bands, in rising order; undefined when there is one tick for every price
 * (nothing to check beyond `pricetick`) or a band cannot be read.
 */
export function priceBandsOf(c: TigerContract): PriceBand[] | undefined {
  const raw = Array.isArray(c.tickSizes) ? c.tickSizes : [];
  const bands: PriceBand[] = [];
  for (const b of raw) {
    const from = Number(b.begin);
    const to = b.end === 'Infinity' ? Infinity : Number(b.end);
    const tick = Number(b.tickSize);
    if (!Number.isFinite(from) || Number.isNaN(to) || !(to > from) || !(tick > 0)) return undefined;
    bands.push({ from, to, tick });
  }
  bands.sort((a, b) => a.from - b.from);
  return bands.length > 1 ? bands : undefined;
}

/**
 * A future as the contract methods describe it, in the form the rest of the gateway reads: Tiger takes the
 * contract code as the order's symbol, with sec_type FUT.
 */
export function contractOfFuture(f: TigerFutureContract): TigerContract {
  const exchange = f.exchange.toUpperCase();
  return {
    symbol: f.contractCode,
    identifier: f.contractCode,
    secType: 'FUT',
    market: exchange === 'HKEX' || exchange === 'HKFE' ? 'HK' : exchange === 'SGX' ? 'SG' : 'US',
    primaryExchange: exchange,
    currency: f.currency,
    name: f.name || f.contractCode,
    localSymbol: f.ibCode ?? f.type,
    multiplier: Number(f.multiplier) > 0 ? Number(f.multiplier) : 1,
    lotSize: 1,
    ...(Number(f.minTick) > 0 ? { minTick: Number(f.minTick) } : {}),
    ...(f.lastTradingDate ? { expiry: f.lastTradingDate } : {}),
    tradeable: f.trade !== false,
  };
}

export function contractFromTiger(c: TigerContract, gatewayName: string): ContractData {
  const symbol = vntSymbol(c.secType, c.symbol, c.identifier);
  const product = PRODUCTS[c.secType] ?? Product.EQUITY;
  const lot = Number(c.lotSize) > 0 ? Number(c.lotSize) : 1;
  const right = (c.right ?? '').toUpperCase();
  const bands = priceBandsOf(c);
  return createContract({
    gatewayName,
    symbol,
    exchange: exchangeFor(c.market, c.secType, c.symbol, c.primaryExchange),
    name: c.name || c.localSymbol || symbol,
    product,
    size: Number(c.multiplier) > 0 ? Number(c.multiplier) : 1,
    pricetick: pricetickOf(c),
    ...(bands ? { priceBands: bands } : {}),
    minVolume: lot,
    // Fractional US shares go to five decimals (positionScale 5 in Tiger's examples); whole lots otherwise.
    volumeStep: lot,
    stopSupported: true,
    netPosition: true,
    historyData: false,
    optionStrike: product === Product.OPTION ? Number(c.strike) || 0 : 0,
    optionUnderlying: product === Product.OPTION ? c.symbol : '',
    optionType: right === 'CALL' ? OptionType.CALL : right === 'PUT' ? OptionType.PUT : null,
    optionExpiry: expiryOf(c.expiry),
    currency: c.currency,
  });
}

/** Quantity with its scale: 773 at scale 5 is 0.00773. */
export function scaled(quantity: number | string, scale: number | undefined): number {
  const q = Number(quantity);
  const s = Number(scale) || 0;
  return s > 0 ? Number((q / 10 ** s).toFixed(s)) : q;
}

/** Tiger's order status as vnt's; a cancel or rejection keeps what was filled. */
export function statusFromTiger(status: string, filled: number): Status {
  switch (status) {
    case 'Filled':
      return Status.ALLTRADED;
    case 'PartiallyFilled':
      return Status.PARTTRADED;
    case 'Cancelled':
      return Status.CANCELLED;
    case 'Inactive':
    case 'Invalid':
      return filled > 0 ? Status.CANCELLED : Status.REJECTED;
    case 'PendingNew':
    case 'Initial':
    case 'Submitted':
    case 'PendingCancel':
    default:
      return filled > 0 ? Status.PARTTRADED : Status.NOTTRADED;
  }
}

export function typeFromTiger(orderType: string): OrderType {
  switch (orderType) {
    case 'MKT':
      return OrderType.MARKET;
    case 'STP':
      return OrderType.STOP;
    default:
      return OrderType.LIMIT;
  }
}

interface OrderRef {
  orderid: string;
  symbol: string;
  exchange: Exchange;
}

/** The fields a REST order and an OrderStatus push share, as vnt reads them. */
interface OrderFields {
  action: string;
  orderType: string;
  status: string;
  totalQuantity: number | string;
  totalQuantityScale?: number;
  filledQuantity: number | string;
  filledQuantityScale?: number;
  limitPrice: number;
  stopPrice: number;
  time: number;
  reason: string;
}

function orderOf(o: OrderFields, ref: OrderRef, gatewayName: string): OrderData {
  const volume = scaled(o.totalQuantity, o.totalQuantityScale);
  const traded = scaled(o.filledQuantity, o.filledQuantityScale);
  const status = statusFromTiger(o.status, traded);
  const type = typeFromTiger(o.orderType);
  return createOrder({
    gatewayName,
    symbol: ref.symbol,
    exchange: ref.exchange,
    orderid: ref.orderid,
    type,
    direction: o.action === 'SELL' ? Direction.SHORT : Direction.LONG,
    offset: Offset.NONE,
    price: type === OrderType.STOP ? o.stopPrice : o.limitPrice,
    volume,
    traded,
    status,
    datetime: o.time || Date.now(),
    statusMsg: status === Status.REJECTED ? o.reason || `Tiger: ${o.status}` : '',
  });
}

/** A REST order (orders, active_orders, filled_orders, place_order's orders). */
export function orderFromTiger(o: TigerOrder, ref: OrderRef, gatewayName: string): OrderData {
  return orderOf(
    {
      ...o,
      limitPrice: Number(o.limitPrice ?? 0),
      stopPrice: Number(o.auxPrice ?? 0),
      time: Number(o.updateTime ?? o.latestTime ?? o.openTime),
      reason: o.remark ? `Tiger: ${o.status} (${o.remark})` : '',
    },
    ref,
    gatewayName,
  );
}

/** An OrderStatus push. */
export function orderFromPush(o: OrderStatusMsg, ref: OrderRef, gatewayName: string): OrderData {
  return orderOf(
    { ...o, time: Number(o.updateTime) || Number(o.timestamp), reason: o.errorMsg },
    ref,
    gatewayName,
  );
}

/** A fill as vnt reads it from a REST transaction or a push. */
function tradeOf(
  t: { id: string | number; action: string; filledPrice: number },
  volume: number,
  time: number,
  ref: OrderRef,
  gatewayName: string,
): TradeData {
  return createTrade({
    gatewayName,
    symbol: ref.symbol,
    exchange: ref.exchange,
    orderid: ref.orderid,
    tradeid: String(t.id),
    direction: t.action === 'SELL' ? Direction.SHORT : Direction.LONG,
    offset: Offset.NONE,
    price: t.filledPrice,
    volume,
    datetime: time || Date.now(),
  });
}

export function tradeFromTransaction(t: TigerTransaction, ref: OrderRef, gatewayName: string): TradeData {
  return tradeOf(t, scaled(t.filledQuantity, t.filledQuantityScale), t.transactionTime, ref, gatewayName);
}

export function tradeFromPush(t: TransactionMsg, ref: OrderRef, gatewayName: string): TradeData {
  const time = Number(t.transactTime) || Number(t.timestamp);
  return tradeOf(t, Number(t.filledQuantity), time, ref, gatewayName);
}

/** A NET position: `salable` of the held `volume` is free, the rest frozen by working orders. */
function positionOf(
  volume: number,
  salable: number,
  price: number,
  pnl: number,
  where: { symbol: string; exchange: Exchange; gatewayName: string },
): PositionData {
  return createPosition({
    ...where,
    direction: Direction.NET,
    volume,
    frozen: Math.max(0, Number((Math.abs(volume) - salable).toFixed(9))),
    price,
    pnl,
  });
}

export function positionFromTiger(
  p: TigerPosition,
  symbol: string,
  exchange: Exchange,
  gatewayName: string,
): PositionData {
  const volume = p.positionQty !== undefined ? Number(p.positionQty) : scaled(p.position, p.positionScale);
  const salable = p.salableQty !== undefined ? Math.abs(Number(p.salableQty)) : Math.abs(volume);
  return positionOf(volume, salable, p.averageCost, Number(p.unrealizedPnl ?? 0), {
    symbol,
    exchange,
    gatewayName,
  });
}

export function positionFromPush(
  p: PositionMsg,
  symbol: string,
  exchange: Exchange,
  gatewayName: string,
): PositionData {
  const volume = p.positionQty !== 0 ? p.positionQty : scaled(p.position, p.positionScale);
  return positionOf(volume, Math.abs(p.salableQty), p.averageCost, p.unrealizedPnl, {
    symbol,
    exchange,
    gatewayName,
  });
}

export function flatPosition(symbol: string, exchange: Exchange, gatewayName: string): PositionData {
  return createPosition({ gatewayName, symbol, exchange, direction: Direction.NET, volume: 0 });
}

/** One account per prime_assets segment: `<account>.S` (securities), `<account>.C` (futures). */
export function accountsFromPrime(a: PrimeAssets, account: string, gatewayName: string): AccountData[] {
  return a.segments.map((s) => {
    const balance = s.netLiquidation;
    const available = s.cashAvailableForTrade;
    return createAccount({
      gatewayName,
      accountid: `${account}.${s.category}`,
      balance,
      available,
      frozen: Math.max(0, Number((balance - available).toFixed(6))),
      currency: s.currency,
    });
  });
}

export function accountFromPush(a: AssetMsg, gatewayName: string): AccountData {
  return createAccount({
    gatewayName,
    accountid: a.segType ? `${a.account}.${a.segType}` : a.account,
    balance: a.netLiquidation,
    available: a.availableFunds,
    frozen: Math.max(0, Number((a.netLiquidation - a.availableFunds).toFixed(6))),
    currency: a.currency || 'USD',
  });
}

// ---- market data -----------------------------------------------------------------------------------------

/** A price or size from a push that can go on a tick: finite and not negative. */
function usable(v: number | string | undefined): v is number | string {
  if (v === undefined) return false;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0;
}

/**
 * Applies a Quote push (BASIC, BBO or ALL) to the working tick; false when it says nothing usable. A value
 * that is not a finite, non-negative number is left out (the tick keeps what it had).
 */
export function applyQuote(tick: TickData, q: QuoteMsg): boolean {
  if (!(q.type >= 1 && q.type <= 3)) return false;
  const t = Number(q.timestamp);
  if (Number.isFinite(t) && t > 0) tick.datetime = t;
  if (q.type === 1 || q.type === 3) {
    if (usable(q.latestPrice)) tick.lastPrice = Number(q.latestPrice);
    if (usable(q.preClose)) tick.preClose = Number(q.preClose);
    if (usable(q.volume)) tick.volume = Number(q.volume);
    if (usable(q.amount)) tick.turnover = Number(q.amount);
    if (usable(q.open)) tick.openPrice = Number(q.open);
    if (usable(q.high)) tick.highPrice = Number(q.high);
    if (usable(q.low)) tick.lowPrice = Number(q.low);
    if (usable(q.openInt)) tick.openInterest = Number(q.openInt);
  }
  if (q.type === 2 || q.type === 3) {
    if (usable(q.bidPrice)) tick.bidPrice1 = Number(q.bidPrice);
    if (usable(q.bidSize)) tick.bidVolume1 = Number(q.bidSize);
    if (usable(q.askPrice)) tick.askPrice1 = Number(q.askPrice);
    if (usable(q.askSize)) tick.askVolume1 = Number(q.askSize);
  }
  return true;
}

/** A `quote_real_time` snapshot onto the working tick (the first tick after subscribing). */
export function applyBrief(tick: TickData, b: TigerBrief): void {
  const set = (v: number | undefined, apply: (n: number) => void) => {
    if (usable(v)) apply(Number(v));
  };
  set(b.latestPrice, (n) => (tick.lastPrice = n));
  set(b.preClose, (n) => (tick.preClose = n));
  set(b.open, (n) => (tick.openPrice = n));
  set(b.high, (n) => (tick.highPrice = n));
  set(b.low, (n) => (tick.lowPrice = n));
  set(b.volume, (n) => (tick.volume = n));
  set(b.bidPrice, (n) => (tick.bidPrice1 = n));
  set(b.bidSize, (n) => (tick.bidVolume1 = n));
  set(b.askPrice, (n) => (tick.askPrice1 = n));
  set(b.askSize, (n) => (tick.askVolume1 = n));
  set(b.latestTime, (n) => (tick.datetime = n));
}

const BID_PRICE = ['bidPrice1', 'bidPrice2', 'bidPrice3', 'bidPrice4', 'bidPrice5'] as const;
const BID_VOLUME = ['bidVolume1', 'bidVolume2', 'bidVolume3', 'bidVolume4', 'bidVolume5'] as const;
const ASK_PRICE = ['askPrice1', 'askPrice2', 'askPrice3', 'askPrice4', 'askPrice5'] as const;
const ASK_VOLUME = ['askVolume1', 'askVolume2', 'askVolume3', 'askVolume4', 'askVolume5'] as const;

/** A QuoteDepth push replaces the five levels; an empty side clears it. */
export function applyDepth(tick: TickData, d: DepthMsg): void {
  const t = Number(d.timestamp);
  if (Number.isFinite(t) && t > 0) tick.datetime = t;
  for (let i = 0; i < 5; i++) {
    tick[BID_PRICE[i]!] = d.bid?.price[i] ?? 0;
    tick[BID_VOLUME[i]!] = Number(d.bid?.volume[i] ?? 0);
    tick[ASK_PRICE[i]!] = d.ask?.price[i] ?? 0;
    tick[ASK_VOLUME[i]!] = Number(d.ask?.volume[i] ?? 0);
  }
}

/** A depth push that vnt can trust: prices and volumes pair up and are finite. */
export function depthProblem(d: DepthMsg): string | undefined {
  for (const [name, side] of [
    ['bid', d.bid],
    ['ask', d.ask],
  ] as const) {
    if (!side) continue;
    if (side.price.length !== side.volume.length)
      return `${name} has ${side.price.length} prices and ${side.volume.length} volumes`;
    if (side.price.some((p) => !Number.isFinite(p) || p < 0))
      return `${name} holds a price that is not a price`;
  }
  return undefined;
}

export interface TradeTickItem {
  sn: number;
  time: number;
  price: number;
  volume: number;
  tickType: string;
  partCode: string;
}

/**
 * A TradeTick push's ticks, undone from the delta encoding: times add up from the first; each price is
 * (priceBase + price[i]) / 10^priceOffset; the ticks are numbered from sn.
 */
export function decodeTradeTicks(t: TradeTickMsg): TradeTickItem[] {
  const n = t.time.length;
  if (t.price.length !== n || t.volume.length !== n) {
    throw new Error(
      `a trade tick of ${t.symbol} has ${n} times, ${t.price.length} prices, ${t.volume.length} volumes`,
    );
  }
  const base = Number(t.priceBase);
  const div = 10 ** (Number(t.priceOffset) || 0);
  const sn = Number(t.sn);
  const out: TradeTickItem[] = [];
  let time = 0;
  for (let i = 0; i < n; i++) {
    time = i === 0 ? Number(t.time[0]) : time + Number(t.time[i]);
    const price = (base + Number(t.price[i])) / div;
    const volume = Number(t.volume[i]);
    if (!Number.isFinite(time) || !(price >= 0) || !Number.isFinite(price) || !(volume >= 0)) {
      throw new Error(
        `a trade tick of ${t.symbol} holds ${time}/${price}/${volume}, not a time, price and volume`,
      );
    }
    out.push({
      sn: sn + i,
      time,
      price: Number(price.toFixed(Math.min(20, Math.max(0, Number(t.priceOffset) || 0)))),
      volume,
      tickType: t.type.length === n ? t.type[i]! : t.type,
      partCode: t.partCode[i] ?? '',
    });
  }
  return out;
}

/** Tiger's kline period for each vnt interval. */
export const PERIODS: Readonly<Record<Interval, string>> = {
  [Interval.MINUTE]: '1min',
  [Interval.HOUR]: '60min',
  [Interval.DAILY]: 'day',
  [Interval.WEEKLY]: 'week',
};

export function barFromKline(
  b: KlineItem,
  symbol: string,
  exchange: Exchange,
  interval: Interval,
  gatewayName: string,
): BarData {
  return createBar({
    gatewayName,
    symbol,
    exchange,
    interval,
    datetime: b.time,
    openPrice: b.open,
    highPrice: b.high,
    lowPrice: b.low,
    closePrice: b.close,
    volume: b.volume,
    turnover: Number(b.amount ?? 0),
  });
}
