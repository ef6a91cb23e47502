// Bitfinex arrays → vnt objects, and vnt requests → Bitfinex order fields. Pure functions over messages that
// shape.ts has already checked; the gateway adds state (orders it sent, trades already seen).
import { Direction, Exchange, Interval, OrderType, Product, Status } from '../../src/core/constant.js';
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
  type PositionData,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import { tickAt } from './precision.js';
import { splitPair, toPair } from './symbols.js';
import {
  CANDLE,
  FLAG,
  ORDER,
  PAIR_INFO,
  POSITION,
  TICKER,
  TRADE,
  WALLET,
  type Json,
  type TradingMode,
} from './types.js';

export const EXCHANGE = Exchange.BITFINEX;
/** Bitfinex amounts have 8 decimals. */
export const AMOUNT_STEP = 1e-8;

/** Candle time frames for vnt's intervals (rest-public-candles "TimeFrame"). */
export const CANDLE_FRAMES: Readonly<Record<Interval, string>> = {
  [Interval.MINUTE]: '1m',
  [Interval.HOUR]: '1h',
  [Interval.DAILY]: '1D',
  [Interval.WEEKLY]: '1W',
};

const num = (v: Json | undefined): number => (typeof v === 'number' ? v : Number(v ?? 0));

// ---- ids -----------------------------------------------------------------------------------------------------

/**
 * vnt's order id for a Bitfinex order: its client id (cid) where it has one, which is what vnt sends and what
 * survives a lost reply; else the venue id, marked so the two can never be confused.
 */
export function orderidOf(venueId: number | null, cid: number | null): string {
  if (typeof cid === 'number' && cid > 0) return String(cid);
  return `bfx${venueId ?? 0}`;
}

/** The cid behind a vnt order id, or undefined for orders vnt knows only by venue id. */
export function cidOf(orderid: string): number | undefined {
  return /^\d+$/.test(orderid) ? Number(orderid) : undefined;
}

/** The UTC date (YYYY-MM-DD) Bitfinex files a cid under: the order's creation day. */
export function cidDate(mts: number): string {
  return new Date(mts).toISOString().slice(0, 10);
}

// ---- contracts -----------------------------------------------------------------------------------------------

export interface PairDetails {
  minOrderSize: number;
  maxOrderSize: number;
}

/** pub:info:pair's reply ([[ [PAIR, [..details]], ... ]]) as a map. */
export function pairDetails(reply: Json): Map<string, PairDetails> {
  const out = new Map<string, PairDetails>();
  const list = Array.isArray(reply) && Array.isArray(reply[0]) ? reply[0] : [];
  for (const entry of list) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) continue;
    const d = entry[1];
    const min = Number(d[PAIR_INFO.MIN_ORDER_SIZE]);
    const max = Number(d[PAIR_INFO.MAX_ORDER_SIZE]);
    if (!(min > 0)) continue;
    out.set(entry[0], { minOrderSize: min, maxOrderSize: max > 0 ? max : Infinity });
  }
  return out;
}

/** The pair names of pub:list:pair:exchange's reply ([[ "BTCUSD", ... ]]). */
export function pairList(reply: Json): string[] {
  const list = Array.isArray(reply) && Array.isArray(reply[0]) ? reply[0] : [];
  return list.filter((p): p is string => typeof p === 'string' && p.length > 0);
}

/**
 * Contracts for the listed pairs that have details. The tick is the 5-significant-digit step at the last
 * price (`lastPrices`, from /v2/tickers); the gateway moves it when the price crosses a power of ten.
 */
export function parseContracts(
  pairs: readonly string[],
  details: ReadonlyMap<string, PairDetails>,
  lastPrices: ReadonlyMap<string, number>,
  gatewayName: string,
): ContractData[] {
  const out: ContractData[] = [];
  for (const pair of pairs) {
    const d = details.get(pair);
    if (!d) continue;
    const [base, quote] = splitPair(pair);
    out.push(
      createContract({
        gatewayName,
        symbol: pair,
        exchange: EXCHANGE,
        name: `${base}/${quote}`,
        product: Product.SPOT,
        size: 1,
        pricetick: tickAt(lastPrices.get(pair) ?? 0),
        minVolume: d.minOrderSize,
        volumeStep: AMOUNT_STEP,
        stopSupported: true,
        netPosition: true,
        historyData: true,
        currency: quote,
      }),
    );
  }
  return out;
}

/** /v2/tickers' reply ([[SYMBOL, BID, ...], ...]) → last price by pair. */
export function lastPricesFromTickers(reply: Json): Map<string, number> {
  const out = new Map<string, number>();
  if (!Array.isArray(reply)) return out;
  for (const t of reply) {
    if (!Array.isArray(t) || typeof t[0] !== 'string') continue;
    const pair = toPair(t[0]);
    const last = Number(t[1 + TICKER.LAST_PRICE]);
    if (pair && last > 0) out.set(pair, last);
  }
  return out;
}

// ---- orders --------------------------------------------------------------------------------------------------

export interface VenueOrderType {
  type: string;
  flags: number;
}

/** The Bitfinex order type and flags for a vnt order type; undefined where Bitfinex has none. */
export function orderTypeToVenue(
  type: OrderType,
  mode: TradingMode,
  reduceOnly = false,
): VenueOrderType | undefined {
  const prefix = mode === 'EXCHANGE' ? 'EXCHANGE ' : '';
  const flags = reduceOnly && mode === 'MARGIN' ? FLAG.REDUCE_ONLY : 0;
  switch (type) {
    case OrderType.LIMIT:
      return { type: `${prefix}LIMIT`, flags };
    case OrderType.MARKET:
      return { type: `${prefix}MARKET`, flags };
    case OrderType.STOP:
      return { type: `${prefix}STOP`, flags };
    case OrderType.FAK:
      return { type: `${prefix}IOC`, flags };
    case OrderType.FOK:
      return { type: `${prefix}FOK`, flags };
    case OrderType.POSTONLY:
      return { type: `${prefix}LIMIT`, flags: flags | FLAG.POST_ONLY };
    default:
      return undefined;
  }
}

/** vnt's order type for a Bitfinex order type and flags. */
export function orderTypeFromVenue(type: string, flags: number): OrderType {
  const t = type.replace(/^EXCHANGE /, '');
  if (t === 'MARKET') return OrderType.MARKET;
  if (t === 'STOP' || t === 'STOP LIMIT' || t === 'TRAILING STOP') return OrderType.STOP;
  if (t === 'IOC') return OrderType.FAK;
  if (t === 'FOK') return OrderType.FOK;
  if ((flags & FLAG.POST_ONLY) !== 0) return OrderType.POSTONLY;
  return OrderType.LIMIT;
}

/**
 * Status from Bitfinex's status text: "ACTIVE", "EXECUTED @ 107.6(-0.2)", "PARTIALLY FILLED @ ...",
 * "CANCELED", "CANCELED was: PARTIALLY FILLED @ ...", "POSTONLY CANCELED", "IOC CANCELED",
 * "FILLORKILL CANCELED", "INSUFFICIENT MARGIN was: ...", "RSN_DUST", "RSN_PAUSE" (ws-auth-orders STATUS).
 */
export function statusFromVenue(text: string, traded: number): Status {
  if (text.startsWith('EXECUTED')) return Status.ALLTRADED;
  if (text.startsWith('ACTIVE')) return traded > 0 ? Status.PARTTRADED : Status.NOTTRADED;
  if (text.startsWith('PARTIALLY FILLED')) return Status.PARTTRADED;
  return Status.CANCELLED;
}

/** An order array (checked by shape.ts) as vnt's OrderData. */
export function orderFromArray(o: Json[], gatewayName: string): OrderData {
  const amountOrig = num(o[ORDER.AMOUNT_ORIG]);
  const remaining = num(o[ORDER.AMOUNT]);
  const volume = Math.abs(amountOrig);
  const traded = Number((volume - Math.abs(remaining)).toFixed(8));
  const statusText = String(o[ORDER.STATUS]);
  const status = statusFromVenue(statusText, traded);
  const pair = toPair(String(o[ORDER.SYMBOL])) ?? String(o[ORDER.SYMBOL]);
  return createOrder({
    gatewayName,
    orderid: orderidOf(o[ORDER.ID] as number, o[ORDER.CID] as number | null),
    symbol: pair,
    exchange: EXCHANGE,
    type: orderTypeFromVenue(String(o[ORDER.TYPE]), num(o[ORDER.FLAGS])),
    direction: amountOrig >= 0 ? Direction.LONG : Direction.SHORT,
    price: num(o[ORDER.PRICE]),
    volume,
    traded,
    status,
    datetime: num(o[ORDER.MTS_UPDATE]) || num(o[ORDER.MTS_CREATE]),
    statusMsg: status === Status.CANCELLED && statusText !== 'CANCELED' ? statusText : '',
  });
}

// ---- trades --------------------------------------------------------------------------------------------------

/** An own trade (te/tu or trades/hist) as vnt's TradeData; `orderid` is the order's vnt id. */
export function tradeFromArray(t: Json[], orderid: string, gatewayName: string): TradeData {
  const amount = num(t[TRADE.EXEC_AMOUNT]);
  return createTrade({
    gatewayName,
    symbol: toPair(String(t[TRADE.SYMBOL])) ?? String(t[TRADE.SYMBOL]),
    exchange: EXCHANGE,
    orderid,
    // Trade ids are unique across all of Bitfinex's pairs, so one symbol's trade cannot take another's id.
    tradeid: String(t[TRADE.ID]),
    direction: amount >= 0 ? Direction.LONG : Direction.SHORT,
    price: num(t[TRADE.EXEC_PRICE]),
    volume: Math.abs(amount),
    datetime: num(t[TRADE.MTS]),
  });
}

// ---- wallets and positions -----------------------------------------------------------------------------------

/** The wallet type a trading mode uses. */
export function walletTypeFor(mode: TradingMode): string {
  return mode === 'EXCHANGE' ? 'exchange' : 'margin';
}

/**
 * A wallet as vnt's AccountData. BALANCE_AVAILABLE is null in pushes until Bitfinex calculates it, so the
 * last known value is kept by the caller; here null means "all of it".
 */
export function accountFromWallet(w: Json[], gatewayName: string, available?: number): AccountData {
  const balance = num(w[WALLET.BALANCE]);
  const reported = w[WALLET.BALANCE_AVAILABLE];
  const free = typeof reported === 'number' ? reported : (available ?? balance);
  return createAccount({
    gatewayName,
    accountid: `${String(w[WALLET.TYPE])}:${String(w[WALLET.CURRENCY])}`,
    balance,
    available: free,
    frozen: Number((balance - free).toFixed(8)),
    currency: String(w[WALLET.CURRENCY]),
  });
}

/** A margin position (ps/pn/pu/pc, rest positions) as a NET position; closed ones have volume 0. */
export function positionFromArray(p: Json[], gatewayName: string): PositionData {
  const closed = String(p[POSITION.STATUS]) === 'CLOSED';
  return createPosition({
    gatewayName,
    symbol: toPair(String(p[POSITION.SYMBOL])) ?? String(p[POSITION.SYMBOL]),
    exchange: EXCHANGE,
    direction: Direction.NET,
    volume: closed ? 0 : num(p[POSITION.AMOUNT]),
    price: num(p[POSITION.BASE_PRICE]),
    pnl: closed ? 0 : num(p[POSITION.PL]),
  });
}

/** An exchange-wallet holding of a pair's base currency shown as a NET position in that pair. */
export function spotPosition(
  pair: string,
  balance: number,
  available: number,
  gatewayName: string,
): PositionData {
  return createPosition({
    gatewayName,
    symbol: pair,
    exchange: EXCHANGE,
    direction: Direction.NET,
    volume: balance,
    frozen: Number(Math.max(0, balance - available).toFixed(8)),
  });
}

// ---- market data ---------------------------------------------------------------------------------------------

/** Applies a ticker payload (after the channel id) to a tick. */
export function applyTicker(tick: TickData, t: Json[]): void {
  tick.lastPrice = num(t[TICKER.LAST_PRICE]);
  tick.volume = num(t[TICKER.VOLUME]);
  tick.highPrice = num(t[TICKER.HIGH]);
  tick.lowPrice = num(t[TICKER.LOW]);
  // DAILY_CHANGE is against the price 24 hours ago, which is the nearest thing Bitfinex has to an open.
  tick.openPrice = Number((tick.lastPrice - num(t[TICKER.DAILY_CHANGE])).toPrecision(12));
  tick.turnover = tick.volume * tick.lastPrice;
}

/** Applies a public trade ([ID, MTS, AMOUNT, PRICE]) to a tick. */
export function applyTrade(tick: TickData, t: Json[]): void {
  tick.lastPrice = num(t[3]);
  tick.lastVolume = Math.abs(num(t[2]));
  tick.datetime = num(t[1]) || tick.datetime;
}

/** Candles (newest or oldest first) as bars, oldest first. */
export function barsFromCandles(
  candles: Json[][],
  symbol: string,
  interval: Interval,
  gatewayName: string,
): BarData[] {
  return candles
    .map((c) =>
      createBar({
        gatewayName,
        symbol,
        exchange: EXCHANGE,
        interval,
        datetime: num(c[CANDLE.MTS]),
        openPrice: num(c[CANDLE.OPEN]),
        closePrice: num(c[CANDLE.CLOSE]),
        highPrice: num(c[CANDLE.HIGH]),
        lowPrice: num(c[CANDLE.LOW]),
        volume: num(c[CANDLE.VOLUME]),
      }),
    )
    .sort((a, b) => a.datetime - b.datetime);
}
