// Translation between FEMAS's records (CUstpFtdc* field names and USTP_FTDC_* one-character codes, as in
// vnpy_femas's femas_constant.py) and vnt's objects. Pure functions.
//
// VN Trader's FEMAS gateway maps CLOSETODAY to USTP_FTDC_OF_CloseYesterday and CLOSEYESTERDAY to
// USTP_FTDC_OF_CloseToday (swapped); here each offset maps to its own code ('3' close today, '4' close
// yesterday), pinned by test/gateways/femas/parse.test.ts.
import { chinaTime } from '../common/china-time.js';
import { Direction, Exchange, Offset, OptionType, Product, Status } from '../../src/core/constant.js';
import {
  createAccount,
  createOrder,
  createTrade,
  type AccountData,
  type ContractData,
  type OrderData,
  type TradeData,
} from '../../src/core/object.js';
import type { FemasRecord } from '../../bindings/femas/structs.js';
import {
  DIRECTION_FROM_CTP as DIRECTION_FROM_FEMAS,
  DIRECTION_TO_CTP,
  ftdcContract,
  num,
  OFFSET_FROM_CTP as OFFSET_FROM_FEMAS,
  OFFSET_TO_CTP,
  ORDER_TYPE_TO_CTP,
  orderTypeFromCtp,
  str,
  type PositionPart,
} from '../ctp/parse.js';

export { errorText, isError, parseTick } from '../ctp/parse.js';

export const FEMAS_EXCHANGES: readonly Exchange[] = [
  Exchange.CFFEX,
  Exchange.SHFE,
  Exchange.CZCE,
  Exchange.DCE,
  Exchange.INE,
];

/** USTP_FTDC_D_Buy '0' / _Sell '1': CTP's codes. */
export const DIRECTION_TO_FEMAS: Partial<Record<Direction, string>> = DIRECTION_TO_CTP;

/**
 * USTP_FTDC_OF_Open '0', _Close '1', _CloseToday '3', _CloseYesterday '4' (and '2' _ForceClose when read):
 * CTP's codes.
 */
export const OFFSET_TO_FEMAS: Partial<Record<Offset, string>> = OFFSET_TO_CTP;

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

/** vnt's order id of a FEMAS order: the user's own UserOrderLocalID. */
export const orderidOf = (r: FemasRecord): string => str(r, 'UserOrderLocalID').trim();

/** The local id format VN Trader uses: 12 digits, zero-padded. */
export const formatLocalId = (n: number): string => String(n).padStart(12, '0');

export function exchangeOf(code: string): Exchange | null {
  return (FEMAS_EXCHANGES as readonly string[]).includes(code) ? (code as Exchange) : null;
}

/** FEMAS has no ProductClass: options carry OptionsType, spreads a second leg (as VN Trader decides). */
export function parseContract(r: FemasRecord, gatewayName: string): ContractData | null {
  const exchange = exchangeOf(str(r, 'ExchangeID'));
  if (!exchange || !str(r, 'InstrumentID')) return null;
  const optionType = r.OptionsType === '1' ? OptionType.CALL : r.OptionsType === '2' ? OptionType.PUT : null;
  const product = optionType ? Product.OPTION : str(r, 'InstrumentID_2') ? Product.SPREAD : Product.FUTURES;
  return ftdcContract(r, gatewayName, exchange, product, optionType);
}

export function parseOrder(r: FemasRecord, gatewayName: string, exchange: Exchange): OrderData {
  return createOrder({
    gatewayName,
    orderid: orderidOf(r),
    symbol: str(r, 'InstrumentID'),
    exchange,
    type: orderTypeFromCtp(r),
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
