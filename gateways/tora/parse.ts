// Translation between TORA's records (field names and one-character codes as the TORA stock SDK defines
// them: TTORATstp*Type values) and vnt's objects. Pure functions: no session state beyond what the caller
// passes in.
import { Direction, Exchange, OrderType, Product, Status } from '../../src/core/constant.js';
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
import type { RspInfo } from '../../bindings/tora/protocol.js';
import type { ToraRecord } from '../../bindings/tora/structs.js';
import { chinaTime } from '../common/china-time.js';

/** TORA_TSTP_EXD_*: '1' SSE, '2' SZSE (HK '3' and BSE '4' are not traded through this gateway). */
const EXCHANGE_FROM_TORA: Record<string, Exchange> = { '1': Exchange.SSE, '2': Exchange.SZSE };
export const EXCHANGE_TO_TORA: Partial<Record<Exchange, string>> = {
  [Exchange.SSE]: '1',
  [Exchange.SZSE]: '2',
};
export const TORA_EXCHANGES: readonly Exchange[] = [Exchange.SSE, Exchange.SZSE];

export const DIRECTION_TO_TORA: Partial<Record<Direction, string>> = {
  [Direction.LONG]: '0',
  [Direction.SHORT]: '1',
};
const DIRECTION_FROM_TORA: Record<string, Direction> = { '0': Direction.LONG, '1': Direction.SHORT };

/**
 * OrderPriceType, TimeCondition, VolumeCondition. LIMIT is a limit order good for the day; MARKET is
 * 最优五档即时成交剩余撤销 (best five levels, the rest cancelled), the one market order both SSE and SZSE
 * accept for stocks, funds and bonds. The exchanges' other market orders (counterparty best, own-side best,
 * SZSE's all-or-nothing) have no vnt order type.
 */
export const ORDER_TYPE_TO_TORA: Partial<Record<OrderType, [string, string, string]>> = {
  [OrderType.LIMIT]: ['2', '3', '1'],
  [OrderType.MARKET]: ['5', '1', '1'],
};

const STATUS_FROM_TORA: Record<string, Status> = {
  '0': Status.SUBMITTING, // cached at the counter
  '1': Status.SUBMITTING, // unknown
  '#': Status.SUBMITTING, // sent to the trade engine
  '2': Status.NOTTRADED,
  '3': Status.PARTTRADED,
  '4': Status.ALLTRADED,
  '5': Status.CANCELLED,
  '6': Status.CANCELLED,
  '7': Status.REJECTED,
};

/** TORA_TSTP_PID_*: stock, fund and bond boards of SSE and SZSE (others: repo, standard bonds, HK links). */
const PRODUCT_FROM_TORA: Record<string, Product> = {
  '1': Product.EQUITY, // SHStock
  i: Product.EQUITY, // SHKC (STAR market)
  '7': Product.EQUITY, // SZStock
  '3': Product.FUND, // SHFund
  '9': Product.FUND, // SZFund
  '4': Product.BOND, // SHBond
  a: Product.BOND, // SZBond
};
/** TORA_TSTP_STP_* of exchange-traded funds. */
const ETF_TYPES = new Set(['b', 'c', 'd', 's', 't', 'K', 'L', 'M', 'N', 'O', 'P']);

const str = (r: ToraRecord, k: string): string => String(r[k] ?? '');
const num = (r: ToraRecord, k: string): number => {
  const v = Number(r[k] ?? 0);
  return Number.isFinite(v) && Math.abs(v) < 1e300 ? v : 0;
};

export function errorText(info: RspInfo): string {
  return `[${info.ErrorID}] ${info.ErrorMsg}`;
}

export function isError(info: RspInfo | null): info is RspInfo {
  return !!info && info.ErrorID !== 0;
}

export function exchangeOf(code: string): Exchange | null {
  return EXCHANGE_FROM_TORA[code] ?? null;
}

/** vnt's order id for a TORA order: the triple TORA cancels by (FrontID, SessionID, OrderRef). */
export function orderidOf(frontId: number, sessionId: number, orderRef: number | string): string {
  return `${frontId}_${sessionId}_${String(orderRef).trim()}`;
}

export function parseOrderid(
  orderid: string,
): { frontId: number; sessionId: number; orderRef: number } | null {
  const m = /^(-?\d+)_(-?\d+)_(\d+)$/.exec(orderid);
  return m ? { frontId: Number(m[1]), sessionId: Number(m[2]), orderRef: Number(m[3]) } : null;
}

/** SSE and SZSE number trades separately: the trade id names the exchange so that two cannot collide. */
export function tradeidOf(exchange: Exchange, tradeId: string): string {
  return `${exchange}-${tradeId.trim()}`;
}

export function parseContract(r: ToraRecord, gatewayName: string): ContractData | null {
  const exchange = exchangeOf(str(r, 'ExchangeID'));
  let product = PRODUCT_FROM_TORA[str(r, 'ProductID')];
  if (!exchange || !product || !str(r, 'SecurityID')) return null;
  if (product === Product.FUND && ETF_TYPES.has(str(r, 'SecurityType'))) product = Product.ETF;
  const lot = num(r, 'LimitBuyTradingUnit') || num(r, 'MinLimitOrderBuyVolume') || 1;
  return createContract({
    gatewayName,
    symbol: str(r, 'SecurityID'),
    exchange,
    name: str(r, 'SecurityName'),
    product,
    size: num(r, 'VolumeMultiple') || 1,
    pricetick: num(r, 'PriceTick'),
    minVolume: num(r, 'MinLimitOrderBuyVolume') || lot,
    volumeStep: lot,
    netPosition: true,
    currency: 'CNY',
  });
}

function orderTypeFromTora(r: ToraRecord): OrderType {
  return r.OrderPriceType === '2' ? OrderType.LIMIT : OrderType.MARKET;
}

export function parseOrder(r: ToraRecord, gatewayName: string, exchange: Exchange): OrderData {
  return createOrder({
    gatewayName,
    orderid: orderidOf(num(r, 'FrontID'), num(r, 'SessionID'), num(r, 'OrderRef')),
    symbol: str(r, 'SecurityID'),
    exchange,
    type: orderTypeFromTora(r),
    direction: DIRECTION_FROM_TORA[str(r, 'Direction')] ?? Direction.LONG,
    price: num(r, 'LimitPrice'),
    volume: num(r, 'VolumeTotalOriginal'),
    traded: num(r, 'VolumeTraded'),
    status: STATUS_FROM_TORA[str(r, 'OrderStatus')] ?? Status.SUBMITTING,
    statusMsg: str(r, 'StatusMsg'),
    datetime: chinaTime(str(r, 'InsertDate'), str(r, 'InsertTime')),
  });
}

export function parseTrade(
  r: ToraRecord,
  gatewayName: string,
  exchange: Exchange,
  orderid: string,
): TradeData {
  return createTrade({
    gatewayName,
    orderid,
    tradeid: tradeidOf(exchange, str(r, 'TradeID')),
    symbol: str(r, 'SecurityID'),
    exchange,
    direction: DIRECTION_FROM_TORA[str(r, 'Direction')] ?? Direction.LONG,
    price: num(r, 'Price'),
    volume: num(r, 'Volume'),
    datetime: chinaTime(str(r, 'TradeDate'), str(r, 'TradeTime')),
  });
}

/**
 * TORA's cash account: UsefulMoney is what may be spent now, FrozenCash and FrozenCommission are held by
 * working orders. balance = available + frozen (cash; the market value of holdings is not included).
 */
export function parseAccount(r: ToraRecord, gatewayName: string): AccountData {
  const available = num(r, 'UsefulMoney');
  const frozen = num(r, 'FrozenCash') + num(r, 'FrozenCommission');
  return createAccount({
    gatewayName,
    accountid: str(r, 'AccountID'),
    balance: available + frozen,
    available,
    frozen,
    currency: 'CNY',
  });
}

/**
 * A stock position is NET. Under T+1 only what was held before today can be sold today: ydVolume is that
 * history (HistoryPos), volume the whole holding (CurrentPosition, today's purchases included), frozen what
 * working sell orders hold.
 */
export function parsePosition(r: ToraRecord, gatewayName: string): PositionData | null {
  const exchange = exchangeOf(str(r, 'ExchangeID'));
  if (!exchange || !str(r, 'SecurityID')) return null;
  const volume = num(r, 'CurrentPosition');
  const position = createPosition({
    gatewayName,
    symbol: str(r, 'SecurityID'),
    exchange,
    direction: Direction.NET,
  });
  position.volume = volume;
  position.ydVolume = num(r, 'HistoryPos');
  position.frozen = num(r, 'HistoryPosFrozen') + num(r, 'TodayBSPosFrozen') + num(r, 'TodayPRPosFrozen');
  position.price = volume ? num(r, 'TotalPosCost') / volume : 0;
  return position;
}

export function parseTick(r: ToraRecord, gatewayName: string, exchange: Exchange, name: string): TickData {
  const tick = createTick({
    gatewayName,
    symbol: str(r, 'SecurityID'),
    exchange,
    name: name || str(r, 'SecurityName'),
    datetime: chinaTime(str(r, 'TradingDay'), str(r, 'UpdateTime'), num(r, 'UpdateMillisec')),
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
