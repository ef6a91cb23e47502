// Translation between TAP's trade records (field names and one-character codes as iTapTradeAPIDataType.h
// defines them: TAPI_ORDER_STATE_*, TAPI_SIDE_*, TAPI_ORDER_TYPE_*, TAPI_COMMODITY_TYPE_*; facts from
// reference/vendor-structs.md) and vnt's objects. Pure functions: no session state beyond what the caller
// passes in. vnt's symbol of a TAP contract is commodity + contract ("GC" + "2612" = "GC2612"), as VN Trader's.
import {
  Direction,
  Exchange,
  Offset,
  OptionType,
  OrderType,
  Product,
  Status,
} from '../../src/core/constant.js';
import {
  createAccount,
  createContract,
  createOrder,
  createPosition,
  createTick,
  createTrade,
  type AccountData,
  type ContractData,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import type { TapRecord } from '../../bindings/tap/structs.js';
import { chinaTime } from '../common/china-time.js';

/**
 * TAP's exchange numbers → vnt (HKEX's futures market is HKFE in vnt; Zhengzhou is ZCE in TAP; ICE's US and
 * Europe markets are ICUS and ICEU, both ICE in vnt). Orders and subscriptions use the exchange number the
 * contract came with, never this map backwards, so ICUS and ICEU contracts keep their own market.
 */
const EXCHANGE_FROM_TAP: Record<string, Exchange> = {
  CME: Exchange.CME,
  COMEX: Exchange.COMEX,
  NYMEX: Exchange.NYMEX,
  CBOT: Exchange.CBOT,
  ICE: Exchange.ICE,
  ICUS: Exchange.ICE,
  ICEU: Exchange.ICE,
  LME: Exchange.LME,
  SGX: Exchange.SGX,
  HKEX: Exchange.HKFE,
  APEX: Exchange.APEX,
  TOCOM: Exchange.TOCOM,
  KRX: Exchange.KRX,
  INE: Exchange.INE,
  DCE: Exchange.DCE,
  ZCE: Exchange.CZCE,
};
/** The vnt exchanges a TAP account may list. */
export const TAP_EXCHANGES: readonly Exchange[] = [...new Set(Object.values(EXCHANGE_FROM_TAP))];
export const EXCHANGE_TO_TAP: Partial<Record<Exchange, string>> = Object.fromEntries(
  Object.entries(EXCHANGE_FROM_TAP).map(([tap, vnt]) => [vnt, tap]),
);

/** TAPI_SIDE_BUY 'B', TAPI_SIDE_SELL 'S'. */
export const DIRECTION_TO_TAP: Partial<Record<Direction, string>> = {
  [Direction.LONG]: 'B',
  [Direction.SHORT]: 'S',
};
const DIRECTION_FROM_TAP: Record<string, Direction> = { B: Direction.LONG, S: Direction.SHORT };

/** TAPI_ORDER_TYPE_MARKET '1', LIMIT '2', STOP_MARKET '3' (STOP_LIMIT '4' has no vnt type). */
export const ORDER_TYPE_TO_TAP: Partial<Record<OrderType, string>> = {
  [OrderType.MARKET]: '1',
  [OrderType.LIMIT]: '2',
  [OrderType.STOP]: '3',
};
const ORDER_TYPE_FROM_TAP: Record<string, OrderType> = {
  '1': OrderType.MARKET,
  '2': OrderType.LIMIT,
  '3': OrderType.STOP,
  '4': OrderType.STOP,
};

/** TAPI_PositionEffect: 'O' open, 'C' close, 'T' close today. */
export const OFFSET_TO_TAP: Partial<Record<Offset, string>> = {
  [Offset.NONE]: 'N',
  [Offset.OPEN]: 'O',
  [Offset.CLOSE]: 'C',
  [Offset.CLOSETODAY]: 'T',
};
const OFFSET_FROM_TAP: Record<string, Offset> = {
  N: Offset.NONE,
  O: Offset.OPEN,
  C: Offset.CLOSE,
  T: Offset.CLOSETODAY,
};

/**
 * TAPI_ORDER_STATE_*. Canceling ('7') and modifying ('8') orders are still working; a suspended ('D') or
 * triggering stop is working but not in the book.
 */
const STATUS_FROM_TAP: Record<string, Status> = {
  '0': Status.SUBMITTING, // submitted
  '1': Status.SUBMITTING, // accepted
  '2': Status.NOTTRADED, // triggering (stop)
  '3': Status.NOTTRADED, // exchange triggering
  '4': Status.NOTTRADED, // queued
  '5': Status.PARTTRADED,
  '6': Status.ALLTRADED,
  '7': Status.NOTTRADED, // canceling
  '8': Status.NOTTRADED, // modifying
  '9': Status.CANCELLED,
  A: Status.CANCELLED, // the remainder cancelled
  B: Status.REJECTED, // failed
  C: Status.CANCELLED, // deleted by the exchange
  D: Status.NOTTRADED, // suspended
  E: Status.CANCELLED, // deleted on expiry
  F: Status.NOTTRADED, // in effect
  G: Status.SUBMITTING, // applied
};

/** TAPI_COMMODITY_TYPE_*. */
const PRODUCT_FROM_TAP: Record<string, Product> = {
  F: Product.FUTURES,
  O: Product.OPTION,
  S: Product.SPREAD, // calendar spread
  M: Product.SPREAD, // commodity spread
  Z: Product.INDEX,
  T: Product.EQUITY,
  P: Product.SPOT,
};

/** A text field of a TAP record, trimmed ('' when the record or field is missing). */
export const str = (r: TapRecord | null | undefined, k: string): string => String(r?.[k] ?? '').trim();
const num = (r: TapRecord, k: string): number => {
  const v = Number(r[k] ?? 0);
  return Number.isFinite(v) && Math.abs(v) < 1e300 ? v : 0;
};

/** TAP's "YYYY-MM-DD HH:MM:SS[.mmm]" (the counter's China time) as a timestamp. */
export function tapTime(text: string): number {
  const [date = '', stamp = ''] = text.trim().split(' ');
  const [time = '', ms = '0'] = stamp.split('.');
  return chinaTime(date.replace(/-/g, ''), time, Number(ms.padEnd(3, '0').slice(0, 3)) || 0);
}

/** A commodity's key: exchange, commodity type and commodity number, as TAP's records carry them. */
export function commodityKey(r: TapRecord): string {
  return `${str(r, 'ExchangeNo')}|${str(r, 'CommodityType')}|${str(r, 'CommodityNo')}`;
}

/** QryCommodity's record: the price tick (CommodityTickSize) its contracts trade in. */
export function commodityTick(r: TapRecord): number {
  const tick = num(r, 'CommodityTickSize');
  return tick > 0 ? tick : 0;
}

/**
 * The flags of a TapAPINewOrder vnt does not vary: the 9.3.8.7 library refuses an order whose flag is not one
 * of its type's constants (a NUL too), with TAPIERROR_INPUTERROR_<type>. GFD, speculation, no tactics and no
 * trigger; OrderSource '1' is TAPI_ORDER_SOURCE_SELF_ETRADER.
 */
export const NEW_ORDER_FLAGS = {
  CallOrPutFlag: 'N',
  CallOrPutFlag2: 'N',
  OrderSource: '1',
  TimeInForce: '0', // TAPI_ORDER_TIMEINFORCE_GFD
  IsRiskOrder: 'N',
  PositionEffect: 'N',
  PositionEffect2: 'N',
  HedgeFlag: 'T', // TAPI_HEDGEFLAG_T: speculation
  TacticsType: 'N', // TAPI_TACTICS_TYPE_NONE
  TriggerCondition: 'N',
  TriggerPriceType: 'N',
  AddOneIsValid: 'N',
} as const satisfies TapRecord;

/** The TapAPIContract (quote API) of a trade contract record, for SubscribeQuote. */
export function quoteContractOf(r: TapRecord): TapRecord {
  return {
    ExchangeNo: str(r, 'ExchangeNo'),
    CommodityType: str(r, 'CommodityType'),
    CommodityNo: str(r, 'CommodityNo'),
    ContractNo1: str(r, 'ContractNo1'),
    StrikePrice1: str(r, 'StrikePrice1'),
    CallOrPutFlag1: str(r, 'CallOrPutFlag1') || 'N',
    ContractNo2: '',
    StrikePrice2: '',
    CallOrPutFlag2: 'N',
  };
}

/** OnRspSubscribeQuote / OnRtnQuote's TapAPIQuoteWhole: last, day's range, limits and five levels. */
export function parseTick(r: TapRecord, gatewayName: string, name = ''): TickData | null {
  const exchange = exchangeOf(str(r, 'ExchangeNo'));
  if (!exchange || !str(r, 'CommodityNo') || !str(r, 'ContractNo1')) return null;
  const tick = createTick({
    gatewayName,
    symbol: recordSymbol(r, '1'),
    exchange,
    datetime: tapTime(str(r, 'DateTimeStamp')),
    name,
    lastPrice: num(r, 'QLastPrice'),
    lastVolume: num(r, 'QLastQty'),
    volume: num(r, 'QTotalQty'),
    turnover: num(r, 'QTotalTurnover'),
    openInterest: num(r, 'QPositionQty'),
    openPrice: num(r, 'QOpeningPrice'),
    highPrice: num(r, 'QHighPrice'),
    lowPrice: num(r, 'QLowPrice'),
    preClose: num(r, 'QPreClosingPrice'),
    limitUp: num(r, 'QLimitUpPrice'),
    limitDown: num(r, 'QLimitDownPrice'),
  });
  const bid = (i: number) => num(r, `QBidPrice${i}`);
  const ask = (i: number) => num(r, `QAskPrice${i}`);
  const bidQty = (i: number) => num(r, `QBidQty${i}`);
  const askQty = (i: number) => num(r, `QAskQty${i}`);
  Object.assign(tick, {
    bidPrice1: bid(0), bidPrice2: bid(1), bidPrice3: bid(2), bidPrice4: bid(3), bidPrice5: bid(4),
    askPrice1: ask(0), askPrice2: ask(1), askPrice3: ask(2), askPrice4: ask(3), askPrice5: ask(4),
    bidVolume1: bidQty(0), bidVolume2: bidQty(1), bidVolume3: bidQty(2), bidVolume4: bidQty(3),
    bidVolume5: bidQty(4), askVolume1: askQty(0), askVolume2: askQty(1), askVolume3: askQty(2),
    askVolume4: askQty(3), askVolume5: askQty(4),
  } satisfies Partial<TickData>); // prettier-ignore
  return tick;
}

/** A TAP error code with the library's text for it (GetITapErrorDescribe) when there is one. */
export function errorText(code: number, text = ''): string {
  return text ? `[${code}] ${text}` : `[${code}]`;
}

export function exchangeOf(code: string): Exchange | null {
  return EXCHANGE_FROM_TAP[code.trim()] ?? null;
}

export function symbolOf(commodityNo: string, contractNo: string): string {
  return `${commodityNo.trim()}${contractNo.trim()}`;
}

/** TAPI_CALLPUT_FLAG_CALL 'C', _PUT 'P' ('N': not an option). */
const OPTION_TYPE_FROM_TAP: Record<string, OptionType> = { C: OptionType.CALL, P: OptionType.PUT };

/**
 * vnt's symbol of the contract a TAP record names: commodity + contract ("GC2612"), and for an option its
 * right and strike too ("OG2612C2000"), so that the strikes of one expiry stay apart. `n` is the field-name
 * suffix: "1" in contract and quote records (ContractNo1, StrikePrice1, CallOrPutFlag1), "" in order, fill
 * and position records.
 */
export function recordSymbol(r: TapRecord, n: '' | '1'): string {
  const base = symbolOf(str(r, 'CommodityNo'), str(r, `ContractNo${n}`));
  const flag = str(r, `CallOrPutFlag${n}`).trim();
  return OPTION_TYPE_FROM_TAP[flag] ? `${base}${flag}${str(r, `StrikePrice${n}`).trim()}` : base;
}

/** A TAP date ("20261228" or "2026-12-28") as the UTC midnight of that day; 0 when it is not one. */
function tapDate(text: string): number {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(text.trim());
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : 0;
}

/**
 * TAP's contract record; the price tick comes from the commodity (QryCommodity), passed by the caller. An
 * option (CommodityType 'O') carries its strike (StrikePrice1), right (CallOrPutFlag1), expiry
 * (ContractExpDate, else LastTradeDate) and underlying (QuoteUnderlyingContract, else the future of the same
 * commodity and contract month).
 */
export function parseContract(r: TapRecord, gatewayName: string, pricetick: number): ContractData | null {
  const exchange = exchangeOf(str(r, 'ExchangeNo'));
  const product = PRODUCT_FROM_TAP[str(r, 'CommodityType')];
  if (!exchange || !product || !str(r, 'CommodityNo') || !str(r, 'ContractNo1')) return null;
  const commodity = str(r, 'CommodityNo');
  const month = str(r, 'ContractNo1');
  const base = {
    gatewayName,
    exchange,
    product,
    size: num(r, 'ContractSize') || 1,
    pricetick,
    stopSupported: true,
  };
  if (product !== Product.OPTION) {
    const symbol = recordSymbol(r, '1');
    return createContract({ ...base, symbol, name: str(r, 'ContractName') || symbol });
  }
  const optionType = OPTION_TYPE_FROM_TAP[str(r, 'CallOrPutFlag1').trim()];
  const strike = Number(str(r, 'StrikePrice1'));
  // An option row without a right or a strike cannot be told apart from its siblings: not listed.
  if (!optionType || !Number.isFinite(strike) || strike <= 0) return null;
  const symbol = recordSymbol(r, '1');
  const expiry = tapDate(str(r, 'ContractExpDate')) || tapDate(str(r, 'LastTradeDate'));
  return createContract({
    ...base,
    symbol,
    name: str(r, 'ContractName') || symbol,
    optionStrike: strike,
    optionType,
    optionUnderlying: str(r, 'QuoteUnderlyingContract').trim() || symbolOf(commodity, month),
    optionExpiry: expiry || null,
  });
}

export function parseOrder(r: TapRecord, gatewayName: string, orderid: string): OrderData | null {
  const exchange = exchangeOf(str(r, 'ExchangeNo'));
  if (!exchange) return null;
  const traded = num(r, 'OrderMatchQty');
  let status = STATUS_FROM_TAP[str(r, 'OrderState')] ?? Status.SUBMITTING;
  if (status === Status.NOTTRADED && traded > 0) status = Status.PARTTRADED;
  return createOrder({
    gatewayName,
    orderid,
    symbol: recordSymbol(r, ''),
    exchange,
    type: ORDER_TYPE_FROM_TAP[str(r, 'OrderType')] ?? OrderType.LIMIT,
    direction: DIRECTION_FROM_TAP[str(r, 'OrderSide')] ?? Direction.LONG,
    offset: OFFSET_FROM_TAP[str(r, 'PositionEffect')] ?? Offset.NONE,
    price: num(r, 'OrderPrice'),
    volume: num(r, 'OrderQty'),
    traded,
    status,
    statusMsg: num(r, 'ErrorCode') ? errorText(num(r, 'ErrorCode') | 0, str(r, 'ErrorText')) : '',
    datetime: tapTime(str(r, 'OrderInsertTime')),
  });
}

export function parseTrade(r: TapRecord, gatewayName: string, orderid: string): TradeData | null {
  const exchange = exchangeOf(str(r, 'ExchangeNo'));
  if (!exchange || !str(r, 'MatchNo')) return null;
  return createTrade({
    gatewayName,
    orderid,
    tradeid: str(r, 'MatchNo'),
    symbol: recordSymbol(r, ''),
    exchange,
    direction: DIRECTION_FROM_TAP[str(r, 'MatchSide')] ?? Direction.LONG,
    offset: OFFSET_FROM_TAP[str(r, 'PositionEffect')] ?? Offset.NONE,
    price: num(r, 'MatchPrice'),
    volume: num(r, 'MatchQty'),
    datetime: tapTime(str(r, 'MatchDateTime')),
  });
}

/** One account per currency: TAP reports funds per account and currency. */
export function parseAccount(r: TapRecord, gatewayName: string): AccountData {
  const balance = num(r, 'Balance');
  const available = num(r, 'Available');
  return createAccount({
    gatewayName,
    accountid: `${str(r, 'AccountNo')}.${str(r, 'CurrencyNo')}`,
    balance,
    available,
    frozen: balance - available,
    currency: str(r, 'CurrencyNo'),
  });
}

/** A TAP position row (one per opening fill or summary): long or short by its match side. */
export function parsePosition(r: TapRecord, gatewayName: string): PositionData | null {
  const exchange = exchangeOf(str(r, 'ExchangeNo'));
  const direction = DIRECTION_FROM_TAP[str(r, 'MatchSide')];
  if (!exchange || !direction || !str(r, 'CommodityNo')) return null;
  const position = createPosition({
    gatewayName,
    symbol: recordSymbol(r, ''),
    exchange,
    direction,
  });
  position.volume = num(r, 'PositionQty');
  position.price = num(r, 'PositionPrice');
  position.pnl = num(r, 'PositionProfit');
  return position;
}

/**
 * TAP answers one position row per opening (PositionNo); vnt holds one position per contract and side: the
 * rows are summed, the price volume-weighted.
 */
export function sumPositions(rows: readonly PositionData[]): PositionData[] {
  const out = new Map<string, PositionData>();
  for (const p of rows) {
    const have = out.get(p.vtPositionid);
    if (!have) {
      out.set(p.vtPositionid, { ...p });
      continue;
    }
    const volume = have.volume + p.volume;
    have.price = volume ? (have.price * have.volume + p.price * p.volume) / volume : 0;
    have.volume = volume;
    have.pnl += p.pnl;
    have.frozen += p.frozen;
    have.ydVolume += p.ydVolume;
  }
  return [...out.values()];
}
