// The data every gateway produces and every engine and widget consumes. Plain objects (not classes) so that
// they cross the RPC wire as JSON unchanged; the vt* identifiers are stored, not derived, for the same reason.
import {
  ACTIVE_STATUSES,
  Direction,
  Exchange,
  GatewayStatus,
  Interval,
  LogLevel,
  Offset,
  OptionType,
  OrderType,
  Product,
  Status,
} from './constant.js';

/** Epoch milliseconds (UTC). */
export type Timestamp = number;

export interface BaseData {
  gatewayName: string;
}

export interface TickData extends BaseData {
  symbol: string;
  exchange: Exchange;
  vtSymbol: string;
  datetime: Timestamp;
  name: string;
  volume: number;
  turnover: number;
  openInterest: number;
  lastPrice: number;
  lastVolume: number;
  limitUp: number;
  limitDown: number;
  openPrice: number;
  highPrice: number;
  lowPrice: number;
  preClose: number;
  bidPrice1: number;
  bidPrice2: number;
  bidPrice3: number;
  bidPrice4: number;
  bidPrice5: number;
  askPrice1: number;
  askPrice2: number;
  askPrice3: number;
  askPrice4: number;
  askPrice5: number;
  bidVolume1: number;
  bidVolume2: number;
  bidVolume3: number;
  bidVolume4: number;
  bidVolume5: number;
  askVolume1: number;
  askVolume2: number;
  askVolume3: number;
  askVolume4: number;
  askVolume5: number;
  /**
   * Every level the venue sends, best first, as [price, volume] — for venues that send more than the five
   * levels above (XTP: ten). Levels 1-5 equal bidPrice1.. / askVolume5; a side ends at its first empty level
   * (price 0), so a thin book has fewer. Absent when the gateway has nothing beyond the flat fields.
   */
  depth?: {
    bids: readonly (readonly [price: number, volume: number])[];
    asks: readonly (readonly [price: number, volume: number])[];
  };
  /**
   * An option's underlying: its last price as the gateway knew it when this tick was made (TAP: the last
   * quote of the underlying future, which the gateway subscribes with the option). It does not move with the
   * underlying between the option's own ticks. Absent when the gateway does not know it.
   */
  underlyingPrice?: number;
  /** Local receive time, for latency and staleness checks. */
  localtime: Timestamp;
}

export interface BarData extends BaseData {
  symbol: string;
  exchange: Exchange;
  vtSymbol: string;
  datetime: Timestamp;
  interval: Interval;
  volume: number;
  turnover: number;
  openInterest: number;
  openPrice: number;
  highPrice: number;
  lowPrice: number;
  closePrice: number;
}

export interface OrderData extends BaseData {
  symbol: string;
  exchange: Exchange;
  vtSymbol: string;
  orderid: string;
  vtOrderid: string;
  type: OrderType;
  direction: Direction;
  offset: Offset;
  price: number;
  volume: number;
  traded: number;
  status: Status;
  datetime: Timestamp;
  /** Who sent it (a strategy name, "ManualTrading", an RPC client). */
  reference: string;
  /** The venue's reason for a rejection or cancellation, with its error code where it has one. */
  statusMsg: string;
}

export interface TradeData extends BaseData {
  symbol: string;
  exchange: Exchange;
  vtSymbol: string;
  orderid: string;
  vtOrderid: string;
  tradeid: string;
  vtTradeid: string;
  direction: Direction;
  offset: Offset;
  price: number;
  volume: number;
  datetime: Timestamp;
}

export interface PositionData extends BaseData {
  symbol: string;
  exchange: Exchange;
  vtSymbol: string;
  direction: Direction;
  /** Includes the gateway name, so two accounts holding one symbol never collide. */
  vtPositionid: string;
  volume: number;
  frozen: number;
  price: number;
  pnl: number;
  ydVolume: number;
}

export interface AccountData extends BaseData {
  accountid: string;
  vtAccountid: string;
  balance: number;
  frozen: number;
  available: number;
  currency: string;
}

export interface PriceBand {
  /** Lowest price of the band. */
  from: number;
  /** Where the next band starts (Infinity for the last). */
  to: number;
  tick: number;
}

/** One fee: a fraction of turnover plus a fixed amount per lot (in the contract's currency). */
export interface Fee {
  rate: number;
  perLot: number;
}

export interface ContractData extends BaseData {
  symbol: string;
  exchange: Exchange;
  vtSymbol: string;
  name: string;
  product: Product;
  /** Contract multiplier. */
  size: number;
  /** The tick; where `priceBands` is given, the tick of ordinary prices (for display and stepping). */
  pricetick: number;
  /**
   * Venues whose tick depends on the price (HKEX's spread table, US stocks below $1): the bands, in rising
   * order, and the tick inside each. Orders are checked against the band their price falls in.
   */
  priceBands?: readonly PriceBand[];
  minVolume: number;
  /** Volume increment; equals minVolume unless the venue says otherwise. */
  volumeStep: number;
  stopSupported: boolean;
  netPosition: boolean;
  historyData: boolean;
  optionStrike: number;
  optionUnderlying: string;
  optionType: OptionType | null;
  optionExpiry: Timestamp | null;
  currency: string;
  /**
   * Margin as a fraction of notional (price × volume × size), where the venue says; absent when unknown.
   * Venues that also charge margin by volume (CTP's ...MarginRatioByVolume) add a fixed amount per lot.
   */
  marginRatio?: { long: number; short: number; longPerLot?: number; shortPerLot?: number };
  /**
   * Fees where the venue says: a fraction of turnover and/or a fixed amount per lot (in the currency). Where
   * closing costs other than opening (CTP), these are the opening fees and `close` / `closeToday` the fees
   * of closing a position and of closing one opened today. Where a resting (maker) fill pays another fraction
   * than a taking one (crypto venues), `rate` is the taker's and `maker` the maker's (negative: a rebate).
   */
  commission?: Fee & { close?: Fee; closeToday?: Fee; maker?: number };
  /** The venue's trading sessions as it words them (e.g. "09:00-10:15,10:30-11:30,13:30-15:00"). */
  tradingHours?: string;
}

export interface LogData extends BaseData {
  msg: string;
  level: LogLevel;
  datetime: Timestamp;
}

export interface GatewayStatusData extends BaseData {
  status: GatewayStatus;
  message: string;
}

export interface SubscribeRequest {
  symbol: string;
  exchange: Exchange;
}

export interface OrderRequest {
  symbol: string;
  exchange: Exchange;
  direction: Direction;
  type: OrderType;
  volume: number;
  price: number;
  offset: Offset;
  reference?: string;
  /** Futures venues with hedge-mode positions: only reduce an existing position. */
  reduceOnly?: boolean;
}

/**
 * What an order would take and cost before it is sent, as the venue estimates it (IB: a what-if order, nothing
 * placed). Amounts are in `currency`; a figure the venue does not give is absent.
 */
export interface OrderCost {
  gatewayName: string;
  vtSymbol: string;
  currency: string;
  /** Initial and maintenance margin the order adds, and the account's margin with it. */
  initMarginChange?: number;
  maintMarginChange?: number;
  initMarginAfter?: number;
  maintMarginAfter?: number;
  /** Equity with loan value now and with the order. */
  equityBefore?: number;
  equityAfter?: number;
  commission?: number;
  /** The commission's range where the venue gives one instead of (or beside) a figure. */
  minCommission?: number;
  maxCommission?: number;
  /** What the venue warns of (empty: nothing). */
  warning: string;
}

export interface CancelRequest {
  orderid: string;
  symbol: string;
  exchange: Exchange;
}

/** A new price and/or a new total volume (traded included) for a working order. */
export interface AmendRequest {
  orderid: string;
  symbol: string;
  exchange: Exchange;
  price?: number;
  volume?: number;
}

export interface HistoryRequest {
  symbol: string;
  exchange: Exchange;
  start: Timestamp;
  end?: Timestamp;
  interval: Interval;
}

// ---- depth ------------------------------------------------------------------------------------------------

/** Levels of depth a TickData carries on each side. */
export const DEPTH_LEVELS = 5;

type DepthField = 'Price' | 'Volume';
type DepthKey = `${'bid' | 'ask'}${DepthField}${1 | 2 | 3 | 4 | 5}`;

const DEPTH_KEYS: Record<'bid' | 'ask', Record<DepthField, readonly DepthKey[]>> = {
  bid: {
    Price: ['bidPrice1', 'bidPrice2', 'bidPrice3', 'bidPrice4', 'bidPrice5'],
    Volume: ['bidVolume1', 'bidVolume2', 'bidVolume3', 'bidVolume4', 'bidVolume5'],
  },
  ask: {
    Price: ['askPrice1', 'askPrice2', 'askPrice3', 'askPrice4', 'askPrice5'],
    Volume: ['askVolume1', 'askVolume2', 'askVolume3', 'askVolume4', 'askVolume5'],
  },
};

/**
 * Writes level `index` (0 = best) of one side into a tick's flat depth fields, so that gateways holding a book
 * as rows need no key arithmetic of their own. Levels past DEPTH_LEVELS are ignored.
 */
export function setDepthLevel(
  tick: TickData,
  side: 'bid' | 'ask',
  index: number,
  price: number,
  volume: number,
): void {
  const keys = DEPTH_KEYS[side];
  const priceKey = keys.Price[index];
  const volumeKey = keys.Volume[index];
  if (priceKey === undefined || volumeKey === undefined) return;
  tick[priceKey] = price;
  tick[volumeKey] = volume;
}

/** One side of a book, best first, as [price, volume]. */
export type BookSide = readonly (readonly [price: number, volume: number])[];

/**
 * A tick's book, best first: every level of tick.depth where the venue sends more than five, else the flat
 * fields. A side ends at its first empty level.
 */
export function bookSides(tick: TickData): { bids: BookSide; asks: BookSide } {
  if (tick.depth) return { bids: tick.depth.bids, asks: tick.depth.asks };
  const side = (s: 'bid' | 'ask'): BookSide => {
    const out: (readonly [number, number])[] = [];
    for (let i = 0; i < DEPTH_LEVELS; i++) {
      const price = tick[DEPTH_KEYS[s].Price[i]!];
      if (!(price > 0)) break;
      out.push([price, tick[DEPTH_KEYS[s].Volume[i]!]]);
    }
    return out;
  };
  return { bids: side('bid'), asks: side('ask') };
}

// ---- identifiers -------------------------------------------------------------------------------------------

export function makeVtSymbol(symbol: string, exchange: Exchange | string): string {
  return `${symbol}.${exchange}`;
}

/** Splits at the last dot, so symbols that contain dots (BRK.B, 600036.SH) survive (vnpy splits at the first). */
export function splitVtSymbol(vtSymbol: string): { symbol: string; exchange: string } {
  const i = vtSymbol.lastIndexOf('.');
  if (i <= 0 || i === vtSymbol.length - 1) {
    throw new Error(`not a vtSymbol (expected SYMBOL.EXCHANGE): "${vtSymbol}"`);
  }
  return { symbol: vtSymbol.slice(0, i), exchange: vtSymbol.slice(i + 1) };
}

/**
 * One contract as listed by one gateway: "SIM.rb2501.SHFE". The same vtSymbol from two gateways (two CTP
 * accounts, SIM beside a venue, an RPC mirror) is two listings, kept apart in the OMS and on screen.
 */
export function makeListingId(gatewayName: string, vtSymbol: string): string {
  return `${gatewayName}.${vtSymbol}`;
}

export function makeVtId(gatewayName: string, id: string): string {
  return `${gatewayName}.${id}`;
}

export function makeVtPositionid(gatewayName: string, vtSymbol: string, direction: Direction): string {
  return `${gatewayName}.${vtSymbol}.${direction}`;
}

// ---- factories: fill defaults and derived ids in one place -------------------------------------------------

type Required<T, K extends keyof T> = Pick<T, K> & Partial<Omit<T, K>>;

export function createTick(
  f: Required<TickData, 'gatewayName' | 'symbol' | 'exchange' | 'datetime'> & { vtSymbol?: never },
): TickData {
  return {
    name: '',
    volume: 0,
    turnover: 0,
    openInterest: 0,
    lastPrice: 0,
    lastVolume: 0,
    limitUp: 0,
    limitDown: 0,
    openPrice: 0,
    highPrice: 0,
    lowPrice: 0,
    preClose: 0,
    bidPrice1: 0,
    bidPrice2: 0,
    bidPrice3: 0,
    bidPrice4: 0,
    bidPrice5: 0,
    askPrice1: 0,
    askPrice2: 0,
    askPrice3: 0,
    askPrice4: 0,
    askPrice5: 0,
    bidVolume1: 0,
    bidVolume2: 0,
    bidVolume3: 0,
    bidVolume4: 0,
    bidVolume5: 0,
    askVolume1: 0,
    askVolume2: 0,
    askVolume3: 0,
    askVolume4: 0,
    askVolume5: 0,
    localtime: Date.now(),
    ...f,
    vtSymbol: makeVtSymbol(f.symbol, f.exchange),
  };
}

export function createBar(
  f: Required<BarData, 'gatewayName' | 'symbol' | 'exchange' | 'datetime' | 'interval'> & {
    vtSymbol?: never;
  },
): BarData {
  return {
    volume: 0,
    turnover: 0,
    openInterest: 0,
    openPrice: 0,
    highPrice: 0,
    lowPrice: 0,
    closePrice: 0,
    ...f,
    vtSymbol: makeVtSymbol(f.symbol, f.exchange),
  };
}

export function createOrder(
  f: Required<OrderData, 'gatewayName' | 'symbol' | 'exchange' | 'orderid'> & {
    vtSymbol?: never;
    vtOrderid?: never;
  },
): OrderData {
  return {
    type: OrderType.LIMIT,
    direction: Direction.LONG,
    offset: Offset.NONE,
    price: 0,
    volume: 0,
    traded: 0,
    status: Status.SUBMITTING,
    datetime: Date.now(),
    reference: '',
    statusMsg: '',
    ...f,
    vtSymbol: makeVtSymbol(f.symbol, f.exchange),
    vtOrderid: makeVtId(f.gatewayName, f.orderid),
  };
}

/** The OrderData a gateway pushes (status SUBMITTING) the moment it accepts a request. */
export function orderFromRequest(req: OrderRequest, orderid: string, gatewayName: string): OrderData {
  return createOrder({
    gatewayName,
    orderid,
    symbol: req.symbol,
    exchange: req.exchange,
    type: req.type,
    direction: req.direction,
    offset: req.offset,
    price: req.price,
    volume: req.volume,
    reference: req.reference ?? '',
  });
}

export function createTrade(
  f: Required<TradeData, 'gatewayName' | 'symbol' | 'exchange' | 'orderid' | 'tradeid'> & {
    vtSymbol?: never;
    vtOrderid?: never;
    vtTradeid?: never;
  },
): TradeData {
  return {
    direction: Direction.LONG,
    offset: Offset.NONE,
    price: 0,
    volume: 0,
    datetime: Date.now(),
    ...f,
    vtSymbol: makeVtSymbol(f.symbol, f.exchange),
    vtOrderid: makeVtId(f.gatewayName, f.orderid),
    vtTradeid: makeVtId(f.gatewayName, f.tradeid),
  };
}

export function createPosition(
  f: Required<PositionData, 'gatewayName' | 'symbol' | 'exchange' | 'direction'> & {
    vtSymbol?: never;
    vtPositionid?: never;
  },
): PositionData {
  const vtSymbol = makeVtSymbol(f.symbol, f.exchange);
  return {
    volume: 0,
    frozen: 0,
    price: 0,
    pnl: 0,
    ydVolume: 0,
    ...f,
    vtSymbol,
    vtPositionid: makeVtPositionid(f.gatewayName, vtSymbol, f.direction),
  };
}

export function createAccount(
  f: Required<AccountData, 'gatewayName' | 'accountid'> & { vtAccountid?: never },
): AccountData {
  const balance = f.balance ?? 0;
  const frozen = f.frozen ?? 0;
  return {
    currency: '',
    ...f,
    balance,
    frozen,
    available: f.available ?? balance - frozen,
    vtAccountid: makeVtId(f.gatewayName, f.accountid),
  };
}

export function createContract(
  f: Required<
    ContractData,
    'gatewayName' | 'symbol' | 'exchange' | 'name' | 'product' | 'size' | 'pricetick'
  > & { vtSymbol?: never },
): ContractData {
  const minVolume = f.minVolume ?? 1;
  return {
    stopSupported: false,
    netPosition: false,
    historyData: false,
    optionStrike: 0,
    optionUnderlying: '',
    optionType: null,
    optionExpiry: null,
    currency: '',
    ...f,
    minVolume,
    volumeStep: f.volumeStep ?? minVolume,
    vtSymbol: makeVtSymbol(f.symbol, f.exchange),
  };
}

export function createLog(msg: string, gatewayName = '', level: LogLevel = LogLevel.INFO): LogData {
  return { gatewayName, msg, level, datetime: Date.now() };
}

export function isActive(order: Pick<OrderData, 'status'>): boolean {
  return ACTIVE_STATUSES.has(order.status);
}

export function cancelRequestFor(order: Pick<OrderData, 'orderid' | 'symbol' | 'exchange'>): CancelRequest {
  return { orderid: order.orderid, symbol: order.symbol, exchange: order.exchange };
}
