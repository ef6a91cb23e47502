// Translation between CTP's records (field names and one-character codes as the SDK defines them) and vnt's
// objects. Pure functions: no session state beyond what the caller passes in.
import { chinaTime } from '../common/china-time.js';
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
  createTick,
  createTrade,
  type AccountData,
  type ContractData,
  type OrderData,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import type { RspInfo } from '../../bindings/ctp/protocol.js';
import type { CtpRecord } from '../../bindings/ctp/structs.js';

export const CTP_EXCHANGES: readonly Exchange[] = [
  Exchange.CFFEX,
  Exchange.SHFE,
  Exchange.CZCE,
  Exchange.DCE,
  Exchange.INE,
  Exchange.GFEX,
];

export const DIRECTION_TO_CTP: Partial<Record<Direction, string>> = {
  [Direction.LONG]: '0',
  [Direction.SHORT]: '1',
};
/** Direction codes of orders and trades (FEMAS uses the same). */
export const DIRECTION_FROM_CTP: Record<string, Direction> = { '0': Direction.LONG, '1': Direction.SHORT };
const POSITION_DIRECTION: Record<string, Direction> = {
  '1': Direction.NET,
  '2': Direction.LONG,
  '3': Direction.SHORT,
};

export const OFFSET_TO_CTP: Partial<Record<Offset, string>> = {
  [Offset.OPEN]: '0',
  [Offset.CLOSE]: '1',
  [Offset.CLOSETODAY]: '3',
  [Offset.CLOSEYESTERDAY]: '4',
};
/** Offset codes ('2' is a forced close); FEMAS uses the same. */
export const OFFSET_FROM_CTP: Record<string, Offset> = { '0': Offset.OPEN, '1': Offset.CLOSE, '2': Offset.CLOSE, '3': Offset.CLOSETODAY, '4': Offset.CLOSEYESTERDAY }; // prettier-ignore

/** OrderPriceType, TimeCondition, VolumeCondition (as VN Trader maps them). */
export const ORDER_TYPE_TO_CTP: Partial<Record<OrderType, [string, string, string]>> = {
  [OrderType.LIMIT]: ['2', '3', '1'],
  [OrderType.MARKET]: ['1', '3', '1'],
  [OrderType.FAK]: ['2', '1', '1'],
  [OrderType.FOK]: ['2', '1', '3'],
};

/** The order type from OrderPriceType, TimeCondition and VolumeCondition (FEMAS uses CTP's codes). */
export function orderTypeFromCtp(r: CtpRecord): OrderType {
  if (r.OrderPriceType === '1') return OrderType.MARKET;
  if (r.TimeCondition === '1') return r.VolumeCondition === '3' ? OrderType.FOK : OrderType.FAK;
  return OrderType.LIMIT;
}

const STATUS_FROM_CTP: Record<string, Status> = {
  '0': Status.ALLTRADED,
  '1': Status.PARTTRADED,
  '2': Status.CANCELLED,
  '3': Status.NOTTRADED,
  '4': Status.CANCELLED,
  '5': Status.CANCELLED,
  a: Status.SUBMITTING,
  b: Status.NOTTRADED,
  c: Status.NOTTRADED,
};

export const str = (r: CtpRecord, k: string): string => String(r[k] ?? '');
export const num = (r: CtpRecord, k: string): number => {
  const v = Number(r[k] ?? 0);
  // The feed marks empty prices with DBL_MAX.
  return Number.isFinite(v) && Math.abs(v) < 1e300 ? v : 0;
};

export function errorText(info: RspInfo): string {
  return `[${info.ErrorID}] ${info.ErrorMsg}`;
}

export function isError(info: RspInfo | null): info is RspInfo {
  return !!info && info.ErrorID !== 0;
}

export function orderidOf(frontId: number, sessionId: number, orderRef: string | number): string {
  return `${frontId}_${sessionId}_${String(orderRef).trim()}`;
}

export function exchangeOf(code: string): Exchange | null {
  return (CTP_EXCHANGES as readonly string[]).includes(code) ? (code as Exchange) : null;
}

export function parseContract(r: CtpRecord, gatewayName: string): ContractData | null {
  const exchange = exchangeOf(str(r, 'ExchangeID'));
  const cls = str(r, 'ProductClass');
  const product =
    cls === '1' ? Product.FUTURES : cls === '2' ? Product.OPTION : cls === '3' ? Product.SPREAD : null;
  if (!exchange || !product) return null;
  const optionType =
    product === Product.OPTION ? (r.OptionsType === '1' ? OptionType.CALL : OptionType.PUT) : null;
  return ftdcContract(r, gatewayName, exchange, product, optionType);
}

/** A contract from the instrument fields CTP and FEMAS share, once its exchange and product are known. */
export function ftdcContract(
  r: CtpRecord,
  gatewayName: string,
  exchange: Exchange,
  product: Product,
  optionType: OptionType | null,
): ContractData {
  const option = product === Product.OPTION;
  return createContract({
    gatewayName,
    symbol: str(r, 'InstrumentID'),
    exchange,
    name: str(r, 'InstrumentName'),
    product,
    size: num(r, 'VolumeMultiple') || 1,
    pricetick: num(r, 'PriceTick'),
    minVolume: num(r, 'MinLimitOrderVolume') || 1,
    currency: 'CNY',
    optionStrike: option ? num(r, 'StrikePrice') : 0,
    optionUnderlying: option ? str(r, 'UnderlyingInstrID') : '',
    optionType,
    optionExpiry: option ? chinaTime(str(r, 'ExpireDate'), '15:00:00') : null,
  });
}

export function parseOrder(r: CtpRecord, gatewayName: string, exchange: Exchange): OrderData {
  let status = STATUS_FROM_CTP[str(r, 'OrderStatus')] ?? Status.SUBMITTING;
  // Cancelled by the exchange's or the broker's check at insertion = a rejection.
  if (status === Status.CANCELLED && r.OrderSubmitStatus === '4') status = Status.REJECTED;
  return createOrder({
    gatewayName,
    orderid: orderidOf(num(r, 'FrontID'), num(r, 'SessionID'), str(r, 'OrderRef')),
    symbol: str(r, 'InstrumentID'),
    exchange,
    type: orderTypeFromCtp(r),
    direction: DIRECTION_FROM_CTP[str(r, 'Direction')] ?? Direction.LONG,
    offset: OFFSET_FROM_CTP[str(r, 'CombOffsetFlag').charAt(0)] ?? Offset.NONE,
    price: num(r, 'LimitPrice'),
    volume: num(r, 'VolumeTotalOriginal'),
    traded: num(r, 'VolumeTraded'),
    status,
    statusMsg: str(r, 'StatusMsg'),
    datetime: chinaTime(str(r, 'InsertDate'), str(r, 'InsertTime')),
  });
}

export function parseTrade(
  r: CtpRecord,
  gatewayName: string,
  exchange: Exchange,
  orderid: string,
): TradeData {
  return createTrade({
    gatewayName,
    orderid,
    tradeid: str(r, 'TradeID').trim(),
    symbol: str(r, 'InstrumentID'),
    exchange,
    direction: DIRECTION_FROM_CTP[str(r, 'Direction')] ?? Direction.LONG,
    offset: OFFSET_FROM_CTP[str(r, 'OffsetFlag')] ?? Offset.NONE,
    price: num(r, 'Price'),
    volume: num(r, 'Volume'),
    datetime: chinaTime(str(r, 'TradeDate'), str(r, 'TradeTime')),
  });
}

export function parseAccount(r: CtpRecord, gatewayName: string): AccountData {
  const balance = num(r, 'Balance');
  const available = num(r, 'Available');
  return createAccount({
    gatewayName,
    accountid: str(r, 'AccountID'),
    balance,
    available,
    frozen: balance - available,
    currency: str(r, 'CurrencyID') || 'CNY',
  });
}

/** One position row's contribution, for aggregation over the rows of one query answer. */
export interface PositionPart {
  symbol: string;
  exchange: Exchange | null;
  direction: Direction;
  volume: number;
  ydVolume: number;
  frozen: number;
  cost: number;
  pnl: number;
}

/**
 * SHFE and INE report today's and yesterday's holdings as separate rows (a history row has YdPosition and
 * no TodayPosition); the other exchanges report one row with TodayPosition inside Position.
 */
export function parsePositionRow(r: CtpRecord): PositionPart | null {
  const direction = POSITION_DIRECTION[str(r, 'PosiDirection')];
  if (!direction) return null;
  const exchange = exchangeOf(str(r, 'ExchangeID'));
  const position = num(r, 'Position');
  const splitRows = exchange === Exchange.SHFE || exchange === Exchange.INE;
  const ydVolume =
    splitRows && num(r, 'YdPosition') && !num(r, 'TodayPosition')
      ? position
      : position - num(r, 'TodayPosition');
  return {
    symbol: str(r, 'InstrumentID'),
    exchange,
    direction,
    volume: position,
    ydVolume,
    frozen: direction === Direction.LONG ? num(r, 'ShortFrozen') : num(r, 'LongFrozen'),
    cost: num(r, 'PositionCost'),
    pnl: num(r, 'PositionProfit'),
  };
}

export function parseTick(r: CtpRecord, gatewayName: string, exchange: Exchange, name: string): TickData {
  const day = str(r, 'ActionDay') || str(r, 'TradingDay');
  const tick = createTick({
    gatewayName,
    symbol: str(r, 'InstrumentID'),
    exchange,
    name,
    datetime: chinaTime(day, str(r, 'UpdateTime'), num(r, 'UpdateMillisec')),
    volume: num(r, 'Volume'),
    turnover: num(r, 'Turnover'),
    openInterest: num(r, 'OpenInterest'),
    lastPrice: num(r, 'LastPrice'),
    limitUp: num(r, 'UpperLimitPrice'),
    limitDown: num(r, 'LowerLimitPrice'),
    openPrice: num(r, 'OpenPrice'),
    highPrice: num(r, 'HighestPrice'),
    lowPrice: num(r, 'LowestPrice'),
    preClose: num(r, 'PreClosePrice'),
  });
  const levels = tick as unknown as Record<string, number>;
  for (let n = 1; n <= 5; n++) {
    levels[`bidPrice${n}`] = num(r, `BidPrice${n}`);
    levels[`askPrice${n}`] = num(r, `AskPrice${n}`);
    levels[`bidVolume${n}`] = num(r, `BidVolume${n}`);
    levels[`askVolume${n}`] = num(r, `AskVolume${n}`);
  }
  return tick;
}
