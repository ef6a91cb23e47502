// Translation between FEMAS's records (CUstpFtdc* field names and USTP_FTDC_* one-character codes, as in
// vnpy_femas's femas_constant.py) and vnt's objects. Pure functions.
//
// VN Trader's FEMAS gateway maps CLOSETODAY to USTP_FTDC_OF_CloseYesterday and CLOSEYESTERDAY to
// USTP_FTDC_OF_CloseToday (swapped); here each offset maps to its own code ('3' close today, '4' close
// yesterday), pinned by test/gateways/femas/parse.test.ts.
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
  createTrade,
  type AccountData,
  type ContractData,
  type OrderData,
  type TradeData,
} from '../../src/core/object.js';
import type { FemasRecord } from '../../bindings/femas/structs.js';
import { ORDER_TYPE_TO_CTP, type PositionPart } from '../ctp/parse.js';

export { errorText, isError, parseTick } from '../ctp/parse.js';

export const FEMAS_EXCHANGES: readonly Exchange[] = [
  Exchange.CFFEX,
  Exchange.SHFE,
  Exchange.CZCE,
  Exchange.DCE,
  Exchange.INE,
];

/** USTP_FTDC_D_Buy / _Sell. */
export const DIRECTION_TO_FEMAS: Partial<Record<Direction, string>> = {
  [Direction.LONG]: '0',
  [Direction.SHORT]: '1',
};
const DIRECTION_FROM_FEMAS: Record<string, Direction> = { '0': Direction.LONG, '1': Direction.SHORT };

/** USTP_FTDC_OF_Open '0', _Close '1', _CloseToday '3', _CloseYesterday '4'. */
export const OFFSET_TO_FEMAS: Partial<Record<Offset, string>> = {
  [Offset.OPEN]: '0',
  [Offset.CLOSE]: '1',
  [Offset.CLOSETODAY]: '3',
  [Offset.CLOSEYESTERDAY]: '4',
};
// '2' is a forced close (USTP_FTDC_OF_ForceClose).
const OFFSET_FROM_FEMAS: Record<string, Offset> = { '0': Offset.OPEN, '1': Offset.CLOSE, '2': Offset.CLOSE, '3': Offset.CLOSETODAY, '4': Offset.CLOSEYESTERDAY }; // prettier-ignore

/** OrderPriceType, TimeCondition, VolumeCondition: FEMAS uses CTP's codes for these ('2' limit, '1' IOC…). */
export const ORDER_TYPE_TO_FEMAS = ORDER_TYPE_TO_CTP;

// USTP_FTDC_OS_*: 0 all traded, 1 part traded queueing, 2 part traded not queueing, 3 no trade queueing,
// 4 no trade not queueing, 5 cancelled, 6 accepted without reply.
const STATUS_FROM_FEMAS: Record<string, Status> = {
  '0': Status.ALLTRADED,
  '1': Status.PARTTRADED,
  '2': Status.CANCELLED,
  '3': Status.NOTTRADED,
  '4': Status.CANCELLED,
  '5': Status.CANCELLED,
  '6': Status.SUBMITTING,
};

const str = (r: FemasRecord, k: string): string => String(r[k] ?? '');
const num = (r: FemasRecord, k: string): number => {
  const v = Number(r[k] ?? 0);
  return Number.isFinite(v) && Math.abs(v) < 1e300 ? v : 0;
};

/** vnt's order id of a FEMAS order: the user's own UserOrderLocalID. */
export const orderidOf = (r: FemasRecord): string => str(r, 'UserOrderLocalID').trim();

/** The local id format VN Trader uses: 12 digits, zero-padded. */
export const formatLocalId = (n: number): string => String(n).padStart(12, '0');

export function exchangeOf(code: string): Exchange | null {
  return (FEMAS_EXCHANGES as readonly string[]).includes(code) ? (code as Exchange) : null;
}

function orderTypeOf(r: FemasRecord): OrderType {
  if (r.OrderPriceType === '1') return OrderType.MARKET;
  if (r.TimeCondition === '1') return r.VolumeCondition === '3' ? OrderType.FOK : OrderType.FAK;
  return OrderType.LIMIT;
}

/** FEMAS has no ProductClass: options carry OptionsType, spreads a second leg (as VN Trader decides). */
export function parseContract(r: FemasRecord, gatewayName: string): ContractData | null {
  const exchange = exchangeOf(str(r, 'ExchangeID'));
  if (!exchange || !str(r, 'InstrumentID')) return null;
  const optionType = r.OptionsType === '1' ? OptionType.CALL : r.OptionsType === '2' ? OptionType.PUT : null;
  const product = optionType ? Product.OPTION : str(r, 'InstrumentID_2') ? Product.SPREAD : Product.FUTURES;
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

export function parseOrder(r: FemasRecord, gatewayName: string, exchange: Exchange): OrderData {
  return createOrder({
    gatewayName,
    orderid: orderidOf(r),
    symbol: str(r, 'InstrumentID'),
    exchange,
    type: orderTypeOf(r),
    direction: DIRECTION_FROM_FEMAS[str(r, 'Direction')] ?? Direction.LONG,
    offset: OFFSET_FROM_FEMAS[str(r, 'OffsetFlag')] ?? Offset.NONE,
    price: num(r, 'LimitPrice'),
    volume: num(r, 'Volume'),
    traded: num(r, 'VolumeTraded'),
    status: STATUS_FROM_FEMAS[str(r, 'OrderStatus')] ?? Status.SUBMITTING,
    datetime: chinaTime(str(r, 'ActionDay') || str(r, 'TradingDay'), str(r, 'InsertTime')),
  });
}

export function parseTrade(r: FemasRecord, gatewayName: string, exchange: Exchange): TradeData {
  return createTrade({
    gatewayName,
    orderid: orderidOf(r),
    tradeid: str(r, 'TradeID').trim(),
    symbol: str(r, 'InstrumentID'),
    exchange,
    direction: DIRECTION_FROM_FEMAS[str(r, 'Direction')] ?? Direction.LONG,
    offset: OFFSET_FROM_FEMAS[str(r, 'OffsetFlag')] ?? Offset.NONE,
    price: num(r, 'TradePrice'),
    volume: num(r, 'TradeVolume'),
    datetime: chinaTime(str(r, 'ActionDay') || str(r, 'TradingDay'), str(r, 'TradeTime')),
  });
}

/** Balance = DynamicRights (VN Trader shows PreBalance, yesterday's); frozen = what is not available. */
export function parseAccount(r: FemasRecord, gatewayName: string): AccountData {
  const balance = num(r, 'DynamicRights') || num(r, 'PreBalance');
  const available = num(r, 'Available');
  return createAccount({
    gatewayName,
    accountid: str(r, 'AccountID') || str(r, 'InvestorID'),
    balance,
    available,
    frozen: balance - available,
    currency: 'CNY',
  });
}

/**
 * One position row (per direction and hedge flag; Position includes YdPosition). PositionCost is price
 * times volume without the multiplier, as VN Trader reads it.
 */
export function parsePositionRow(r: FemasRecord, exchange: Exchange | null): PositionPart | null {
  const direction = DIRECTION_FROM_FEMAS[str(r, 'Direction')];
  if (!direction) return null;
  return {
    symbol: str(r, 'InstrumentID'),
    exchange: exchangeOf(str(r, 'ExchangeID')) ?? exchange,
    direction,
    volume: num(r, 'Position'),
    ydVolume: num(r, 'YdPosition'),
    frozen: num(r, 'FrozenPosition'),
    cost: num(r, 'PositionCost'),
    pnl: 0,
  };
}
