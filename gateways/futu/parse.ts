// OpenD messages → vnt objects. Codes travel as Futu writes them ("00700", "AAPL", "600519"); the market says
// the exchange: HK → SEHK, US → SMART, Shanghai → SSE, Shenzhen → SZSE. Every message is checked before use: a
// field that is missing or not a finite number makes the whole message a ParseError, logged and skipped.
import {
  Direction,
  Exchange,
  Interval,
  Offset,
  Product,
  Status,
  OrderType,
} from '../../src/core/constant.js';
import {
  createAccount,
  createBar,
  createContract,
  createOrder,
  createPosition,
  createTick,
  createTrade,
  setDepthLevel,
  type AccountData,
  type BarData,
  type ContractData,
  type OrderData,
  type PositionData,
  type PriceBand,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import {
  CURRENCY,
  KL_TYPE,
  ORDER_STATUS,
  ORDER_TYPE,
  POSITION_SIDE,
  QOT_MARKET,
  SECURITY_TYPE,
  TRD_MARKET,
  TRD_SEC_MARKET,
  TRD_SIDE,
} from './protocol.js';
import type {
  BasicQot,
  Funds,
  FutuOrder,
  FutuOrderFill,
  FutuPosition,
  KLine,
  OrderBookS2C,
  StaticInfo,
  TickerS2C,
} from './types.js';

export class ParseError extends Error {}

export type FutuMarket = 'HK' | 'US' | 'CN';

export function num(v: unknown, what: string): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new ParseError(`${what} is not a number (${String(v)})`);
  return n;
}

function optNum(v: unknown, fallback = 0): number {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

export function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || v === '') throw new ParseError(`${what} is missing`);
  return v;
}

/** A decimal id (uint64 as text), checked. */
export function id(v: unknown, what: string): string {
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v))
    throw new ParseError(`${what} is not an id (${String(v)})`);
  return v;
}

// ---- markets and exchanges ---------------------------------------------------------------------------------

const QOT_TO_EXCHANGE: Readonly<Record<number, Exchange>> = {
  [QOT_MARKET.HK_Security]: Exchange.SEHK,
  [QOT_MARKET.US_Security]: Exchange.SMART,
  [QOT_MARKET.CNSH_Security]: Exchange.SSE,
  [QOT_MARKET.CNSZ_Security]: Exchange.SZSE,
};

const SEC_TO_EXCHANGE: Readonly<Record<number, Exchange>> = {
  [TRD_SEC_MARKET.HK]: Exchange.SEHK,
  [TRD_SEC_MARKET.US]: Exchange.SMART,
  [TRD_SEC_MARKET.CN_SH]: Exchange.SSE,
  [TRD_SEC_MARKET.CN_SZ]: Exchange.SZSE,
};

export const EXCHANGE_TO_QOT: Readonly<Partial<Record<Exchange, number>>> = {
  [Exchange.SEHK]: QOT_MARKET.HK_Security,
  [Exchange.SMART]: QOT_MARKET.US_Security,
  [Exchange.SSE]: QOT_MARKET.CNSH_Security,
  [Exchange.SZSE]: QOT_MARKET.CNSZ_Security,
};

export const EXCHANGE_TO_SEC: Readonly<Partial<Record<Exchange, number>>> = {
  [Exchange.SEHK]: TRD_SEC_MARKET.HK,
  [Exchange.SMART]: TRD_SEC_MARKET.US,
  [Exchange.SSE]: TRD_SEC_MARKET.CN_SH,
  [Exchange.SZSE]: TRD_SEC_MARKET.CN_SZ,
};

export const TRD_MARKET_OF: Readonly<Record<FutuMarket, number>> = {
  HK: TRD_MARKET.HK,
  US: TRD_MARKET.US,
  CN: TRD_MARKET.CN,
};

/** Quote markets listed for a trading market (CN trades Shanghai and Shenzhen). */
export const QOT_MARKETS_OF: Readonly<Record<FutuMarket, readonly number[]>> = {
  HK: [QOT_MARKET.HK_Security],
  US: [QOT_MARKET.US_Security],
  CN: [QOT_MARKET.CNSH_Security, QOT_MARKET.CNSZ_Security],
};

export const EXCHANGES_OF: Readonly<Record<FutuMarket, readonly Exchange[]>> = {
  HK: [Exchange.SEHK],
  US: [Exchange.SMART],
  CN: [Exchange.SSE, Exchange.SZSE],
};

export function exchangeOfQot(market: unknown): Exchange {
  const e = QOT_TO_EXCHANGE[num(market, 'market')];
  if (!e) throw new ParseError(`quote market ${String(market)} is not one vnt lists`);
  return e;
}

/** The exchange of an order, fill or position: its secMarket, else the code's shape within the trading market. */
export function exchangeOfTrade(secMarket: unknown, code: string, market: FutuMarket): Exchange {
  const e = SEC_TO_EXCHANGE[optNum(secMarket, -1)];
  if (e) return e;
  if (market === 'CN') return /^[569]/.test(code) ? Exchange.SSE : Exchange.SZSE;
  return market === 'HK' ? Exchange.SEHK : Exchange.SMART;
}

/**
 * The finest price step of each market, for display. HK's and US's steps depend on the price: contracts carry
 * their bands (spreads.ts), which the engine checks each order against, and HK's smallest step, 0.001, here.
 */
export function priceTickOf(exchange: Exchange): number {
  return exchange === Exchange.SEHK ? 0.001 : 0.01;
}

// ---- contracts ---------------------------------------------------------------------------------------------

const PRODUCT_OF: Readonly<Record<number, Product>> = {
  [SECURITY_TYPE.Eqty]: Product.EQUITY,
  [SECURITY_TYPE.Trust]: Product.ETF,
  [SECURITY_TYPE.Warrant]: Product.WARRANT,
  [SECURITY_TYPE.Index]: Product.INDEX,
  [SECURITY_TYPE.Drvt]: Product.OPTION,
};

const CURRENCY_OF: Readonly<Partial<Record<Exchange, string>>> = {
  [Exchange.SEHK]: 'HKD',
  [Exchange.SMART]: 'USD',
  [Exchange.SSE]: 'CNY',
  [Exchange.SZSE]: 'CNY',
};

/** `bandsOf` gives the price bands of a contract's exchange and product (spreads.ts's priceBandsFor). */
export function contractFromStatic(
  info: StaticInfo,
  gatewayName: string,
  bandsOf?: (exchange: Exchange, product: Product) => readonly PriceBand[] | undefined,
): ContractData {
  const b = info.basic;
  if (!b) throw new ParseError('static info without basic');
  const exchange = exchangeOfQot(b.security?.market);
  const lot = num(b.lotSize, 'lotSize');
  if (!(lot > 0)) throw new ParseError(`lotSize ${lot} is not positive`);
  const product = PRODUCT_OF[optNum(b.secType)] ?? Product.EQUITY;
  const bands = bandsOf?.(exchange, product);
  return createContract({
    gatewayName,
    symbol: str(b.security?.code, 'security.code'),
    exchange,
    name: typeof b.name === 'string' ? b.name : '',
    product,
    size: 1,
    pricetick: priceTickOf(exchange),
    ...(bands ? { priceBands: bands } : {}),
    minVolume: lot,
    volumeStep: lot,
    stopSupported: false,
    netPosition: true,
    historyData: true,
    currency: CURRENCY_OF[exchange] ?? '',
  });
}

// ---- market data -------------------------------------------------------------------------------------------

export function emptyTick(symbol: string, exchange: Exchange, name: string, gatewayName: string): TickData {
  return createTick({ gatewayName, symbol, exchange, name, datetime: 0 });
}

/** Applies a basic quote to the symbol's tick (in place). */
export function applyBasicQot(tick: TickData, q: BasicQot): void {
  const last = num(q.curPrice, 'curPrice');
  tick.lastPrice = last;
  tick.openPrice = num(q.openPrice, 'openPrice');
  tick.highPrice = num(q.highPrice, 'highPrice');
  tick.lowPrice = num(q.lowPrice, 'lowPrice');
  tick.preClose = num(q.lastClosePrice, 'lastClosePrice');
  tick.volume = num(q.volume, 'volume');
  tick.turnover = num(q.turnover, 'turnover');
  if (typeof q.name === 'string' && q.name) tick.name = q.name;
  const ts = optNum(q.updateTimestamp, NaN);
  tick.datetime = Number.isFinite(ts) ? Math.round(ts * 1000) : Date.now();
}

/** Applies an order-book push to the tick's five levels (in place); levels beyond the push are cleared. */
export function applyOrderBook(tick: TickData, b: OrderBookS2C): void {
  const bids = b.orderBookBidList ?? [];
  const asks = b.orderBookAskList ?? [];
  const rows = (list: typeof bids, side: string) =>
    list
      .slice(0, 5)
      .map((l, i) => [num(l.price, `${side}[${i}].price`), num(l.volume, `${side}[${i}].volume`)]);
  const bidRows = rows(bids, 'bid');
  const askRows = rows(asks, 'ask');
  for (let i = 0; i < 5; i++) {
    setDepthLevel(tick, 'bid', i, bidRows[i]?.[0] ?? 0, bidRows[i]?.[1] ?? 0);
    setDepthLevel(tick, 'ask', i, askRows[i]?.[0] ?? 0, askRows[i]?.[1] ?? 0);
  }
  const ts = Math.max(optNum(b.svrRecvTimeBidTimestamp), optNum(b.svrRecvTimeAskTimestamp));
  if (ts > 0) tick.datetime = Math.max(tick.datetime, Math.round(ts * 1000));
  else if (!tick.datetime) tick.datetime = Date.now();
}

/**
 * Applies ticker (trade-by-trade) pushes: the last trade's price and size, its time. Returns whether anything
 * changed (a push of no valid trades changes nothing). Volume and turnover stay the basic quote's day totals.
 */
export function applyTickers(tick: TickData, t: TickerS2C): boolean {
  let changed = false;
  for (const [i, x] of (t.tickerList ?? []).entries()) {
    const price = num(x.price, `ticker[${i}].price`);
    const volume = num(x.volume, `ticker[${i}].volume`);
    if (!(price > 0) || !(volume > 0)) throw new ParseError(`ticker ${volume}@${price} is not a trade`);
    tick.lastPrice = price;
    tick.lastVolume = volume;
    tick.datetime = timeOf(x.timestamp, tick.datetime || Date.now());
    changed = true;
  }
  return changed;
}

// ---- orders and trades -------------------------------------------------------------------------------------

/**
 * vnt's order types per market, as Trd_Common.OrderType documents them: Normal is HK's enhanced limit order and
 * the US/A-share limit order; Market is offered for US and HK securities only; SpecialLimit (FAK) and
 * SpecialLimit_All (FOK) are HK only. HK's absolute-limit and at-auction types have no vnt type.
 */
export const ORDER_TYPES_OF: Readonly<Record<FutuMarket, readonly OrderType[]>> = {
  HK: [OrderType.LIMIT, OrderType.MARKET, OrderType.FAK, OrderType.FOK],
  US: [OrderType.LIMIT, OrderType.MARKET],
  CN: [OrderType.LIMIT],
};

export const ORDER_TYPE_TO_FUTU: Readonly<Partial<Record<OrderType, number>>> = {
  [OrderType.LIMIT]: ORDER_TYPE.Normal,
  [OrderType.MARKET]: ORDER_TYPE.Market,
  [OrderType.FAK]: ORDER_TYPE.SpecialLimit,
  [OrderType.FOK]: ORDER_TYPE.SpecialLimitAll,
};

const ORDER_TYPE_FROM_FUTU: Readonly<Record<number, OrderType>> = {
  [ORDER_TYPE.Normal]: OrderType.LIMIT,
  [ORDER_TYPE.AbsoluteLimit]: OrderType.LIMIT,
  [ORDER_TYPE.SpecialLimit]: OrderType.FAK,
  [ORDER_TYPE.SpecialLimitAll]: OrderType.FOK,
  [ORDER_TYPE.AuctionLimit]: OrderType.LIMIT,
  [ORDER_TYPE.Market]: OrderType.MARKET,
  [ORDER_TYPE.Auction]: OrderType.MARKET,
  [ORDER_TYPE.Stop]: OrderType.STOP,
};

export function directionOf(trdSide: unknown): Direction {
  const s = num(trdSide, 'trdSide');
  if (s === TRD_SIDE.Buy || s === TRD_SIDE.BuyBack) return Direction.LONG;
  if (s === TRD_SIDE.Sell || s === TRD_SIDE.SellShort) return Direction.SHORT;
  throw new ParseError(`trdSide ${s} is unknown`);
}

/** Futu's order status → vnt's; undefined for Unknown (-1), which says nothing. */
export function statusOf(orderStatus: number, filled: number): Status | undefined {
  switch (orderStatus) {
    case ORDER_STATUS.Unsubmitted:
    case ORDER_STATUS.WaitingSubmit:
    case ORDER_STATUS.Submitting:
      return Status.SUBMITTING;
    case ORDER_STATUS.Submitted:
    case ORDER_STATUS.Cancelling_All:
      return filled > 0 ? Status.PARTTRADED : Status.NOTTRADED;
    case ORDER_STATUS.Filled_Part:
    case ORDER_STATUS.Cancelling_Part:
      return Status.PARTTRADED;
    case ORDER_STATUS.Filled_All:
      return Status.ALLTRADED;
    case ORDER_STATUS.Cancelled_Part:
    case ORDER_STATUS.Cancelled_All:
    case ORDER_STATUS.Disabled:
    case ORDER_STATUS.Deleted:
      return Status.CANCELLED;
    case ORDER_STATUS.SubmitFailed:
    case ORDER_STATUS.TimeOut:
    case ORDER_STATUS.Failed:
      return Status.REJECTED;
    default:
      return undefined;
  }
}

function timeOf(timestamp: unknown, fallback: number): number {
  const ts = optNum(timestamp, NaN);
  return Number.isFinite(ts) && ts > 0 ? Math.round(ts * 1000) : fallback;
}

/** Futu's order under vnt's order id (the remark vnt sent, or Futu's order id for an order placed elsewhere). */
export function orderFromFutu(
  o: FutuOrder,
  orderid: string,
  market: FutuMarket,
  gatewayName: string,
): OrderData {
  const code = str(o.code, 'order.code');
  const qty = num(o.qty, 'order.qty');
  const filled = optNum(o.fillQty);
  const orderStatus = num(o.orderStatus, 'order.orderStatus');
  const status = statusOf(orderStatus, filled);
  if (!status) throw new ParseError(`order status ${orderStatus} is unknown`);
  if (!(qty > 0)) throw new ParseError(`order qty ${qty} is not positive`);
  if (filled < 0 || filled > qty) throw new ParseError(`order fillQty ${filled} is outside 0..${qty}`);
  const price = optNum(o.price);
  if (price < 0) throw new ParseError(`order price ${price} is negative`);
  return createOrder({
    gatewayName,
    symbol: code,
    exchange: exchangeOfTrade(o.secMarket, code, market),
    orderid,
    type: ORDER_TYPE_FROM_FUTU[num(o.orderType, 'order.orderType')] ?? OrderType.LIMIT,
    direction: directionOf(o.trdSide),
    offset: Offset.NONE,
    price,
    volume: qty,
    traded: filled,
    status,
    datetime: timeOf(o.updateTimestamp, Date.now()),
    statusMsg: status === Status.REJECTED ? (o.lastErrMsg ?? '') : '',
  });
}

export function tradeFromFill(
  f: FutuOrderFill,
  orderid: string,
  market: FutuMarket,
  gatewayName: string,
): TradeData {
  const code = str(f.code, 'fill.code');
  const volume = num(f.qty, 'fill.qty');
  if (!(volume > 0)) throw new ParseError(`fill qty ${volume} is not positive`);
  const price = num(f.price, 'fill.price');
  if (!(price > 0)) throw new ParseError(`fill price ${price} is not positive`);
  return createTrade({
    gatewayName,
    symbol: code,
    exchange: exchangeOfTrade(f.secMarket, code, market),
    orderid,
    tradeid: id(f.fillID, 'fill.fillID'),
    direction: directionOf(f.trdSide),
    offset: Offset.NONE,
    price,
    volume,
    datetime: timeOf(f.createTimestamp, Date.now()),
  });
}

/**
 * Each position field maps to its own meaning: vnt's price is Futu's costPrice (average cost; Futu's `price` is
 * the market price) and vnt's pnl is plVal. VN Trader's FUTU gateway crossed these; a test pins the mapping.
 */
export function positionFromFutu(p: FutuPosition, market: FutuMarket, gatewayName: string): PositionData {
  const code = str(p.code, 'position.code');
  const qty = num(p.qty, 'position.qty');
  const canSell = optNum(p.canSellQty, qty);
  const exchange = exchangeOfTrade(p.secMarket, code, market);
  return createPosition({
    gatewayName,
    symbol: code,
    exchange,
    direction:
      num(p.positionSide, 'position.positionSide') === POSITION_SIDE.Short ? Direction.SHORT : Direction.LONG,
    volume: Math.abs(qty),
    frozen: Math.max(0, Math.abs(qty) - Math.abs(canSell)),
    price: optNum(p.costPrice),
    pnl: num(p.plVal, 'position.plVal'),
    // A-shares settle T+1: what may be sold today was held yesterday.
    ydVolume: exchange === Exchange.SSE || exchange === Exchange.SZSE ? Math.abs(canSell) : 0,
  });
}

export function accountFromFunds(
  f: Funds,
  accID: string,
  market: FutuMarket,
  gatewayName: string,
): AccountData {
  const fallback = market === 'HK' ? 'HKD' : market === 'US' ? 'USD' : 'CNH';
  return createAccount({
    gatewayName,
    accountid: accID,
    balance: num(f.totalAssets, 'funds.totalAssets'),
    frozen: num(f.frozenCash, 'funds.frozenCash'),
    available: num(f.power, 'funds.power'),
    currency: CURRENCY[optNum(f.currency)] ?? fallback,
  });
}

// ---- history -----------------------------------------------------------------------------------------------

export const KL_OF: Readonly<Partial<Record<Interval, number>>> = {
  [Interval.MINUTE]: KL_TYPE.Min1,
  [Interval.HOUR]: KL_TYPE.Min60,
  [Interval.DAILY]: KL_TYPE.Day,
  [Interval.WEEKLY]: KL_TYPE.Week,
};

/** OpenD's K-line times are the market's wall clock: HK and CN at UTC+8, US in New York. */
const ZONE: Readonly<Record<FutuMarket, string>> = {
  HK: 'Asia/Hong_Kong',
  US: 'America/New_York',
  CN: 'Asia/Shanghai',
};

export function formatMarketTime(ms: number, market: FutuMarket): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE[market],
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

export function barFromKLine(
  k: KLine,
  symbol: string,
  exchange: Exchange,
  interval: Interval,
  gatewayName: string,
): BarData | undefined {
  if (k.isBlank) return undefined;
  const ts = num(k.timestamp, 'kline.timestamp');
  return createBar({
    gatewayName,
    symbol,
    exchange,
    interval,
    datetime: Math.round(ts * 1000),
    openPrice: num(k.openPrice, 'kline.openPrice'),
    highPrice: num(k.highPrice, 'kline.highPrice'),
    lowPrice: num(k.lowPrice, 'kline.lowPrice'),
    closePrice: num(k.closePrice, 'kline.closePrice'),
    volume: optNum(k.volume),
    turnover: optNum(k.turnover),
  });
}
