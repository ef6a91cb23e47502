// Translation between IB's vocabulary and vnt's: symbols typed by a person, products, order types,
// statuses, sides, and the vnt objects built from TWS messages. Every function here is pure, so each rule
// is tested on its own.
import {
  Direction,
  Exchange,
  isExchange,
  OrderType,
  Product,
  Status,
  type Interval,
} from '../../src/core/constant.js';
import {
  createBar,
  createContract,
  createOrder,
  createPosition,
  createTrade,
  type BarData,
  type ContractData,
  type OrderData,
  type PositionData,
  type TradeData,
} from '../../src/core/object.js';
import type {
  ContractDetailsMsg,
  ExecutionMsg,
  HistoricalBar,
  OpenOrderMsg,
  PortfolioMsg,
} from './incoming.js';
import { ibContract, type IbContract } from './protocol.js';
import { tradingHoursText } from './hours.js';
import { parseIbTime } from './time.js';

export type SymbolInput =
  { kind: 'conId'; conId: number } | { kind: 'lookup'; symbol: string; currency: string; secType: string };

const SEC_TYPES = new Set([
  'STK',
  'CASH',
  'FUT',
  'OPT',
  'IND',
  'CFD',
  'BOND',
  'FUND',
  'WAR',
  'CMDTY',
  'CRYPTO',
]);

/**
 * What a person typed as a symbol: a conId ("265598") or SYMBOL-CURRENCY-TYPE ("AAPL-USD-STK") to look up.
 * Returns a reason instead of a value when it is neither, so nothing malformed ever reaches the socket.
 */
export function parseSymbolInput(raw: unknown): SymbolInput | { kind: 'invalid'; reason: string } {
  if (typeof raw !== 'string') return { kind: 'invalid', reason: 'symbol must be text' };
  const text = raw.trim().toUpperCase();
  if (text === '') return { kind: 'invalid', reason: 'symbol is empty' };
  if (/^\d+$/.test(text)) {
    const conId = Number(text);
    if (conId < 1 || conId > 2147483646) {
      return { kind: 'invalid', reason: `conId ${text} is out of range` };
    }
    return { kind: 'conId', conId };
  }
  const m = /^([A-Z0-9][A-Z0-9. /&]{0,20})-([A-Z]{3})-([A-Z]+)$/.exec(text);
  if (!m || !SEC_TYPES.has(m[3]!)) {
    return {
      kind: 'invalid',
      reason: `"${raw.trim().slice(0, 40)}" is neither a conId (e.g. 265598) nor SYMBOL-CURRENCY-TYPE (e.g. AAPL-USD-STK)`,
    };
  }
  return { kind: 'lookup', symbol: m[1]!.trim(), currency: m[2]!, secType: m[3]! };
}

/** The contract that asks TWS to describe or quote a symbol input. */
export function contractForInput(input: SymbolInput, exchange: string): IbContract {
  return input.kind === 'conId'
    ? ibContract({ conId: input.conId, exchange })
    : ibContract({ symbol: input.symbol, currency: input.currency, secType: input.secType, exchange });
}

const PRODUCTS: Record<string, Product> = {
  STK: Product.EQUITY,
  CASH: Product.FOREX,
  FUT: Product.FUTURES,
  OPT: Product.OPTION,
  FOP: Product.OPTION,
  IND: Product.INDEX,
  BOND: Product.BOND,
  FUND: Product.FUND,
  WAR: Product.WARRANT,
  CFD: Product.SWAP,
  CMDTY: Product.SPOT,
  CRYPTO: Product.SPOT,
  BAG: Product.SPREAD,
};

export function productOf(secType: string): Product {
  return PRODUCTS[secType] ?? Product.EQUITY;
}

/** vnt's exchange for an IB routing exchange, or undefined when vnt has no such exchange. */
export function exchangeOf(ibExchange: string): Exchange | undefined {
  const x = ibExchange.toUpperCase();
  return isExchange(x) ? x : undefined;
}

export const ORDER_TYPE_TO_IB: Partial<Record<OrderType, string>> = {
  [OrderType.LIMIT]: 'LMT',
  [OrderType.MARKET]: 'MKT',
  [OrderType.STOP]: 'STP',
};

export const ORDER_TYPE_FROM_IB: Record<string, OrderType> = {
  LMT: OrderType.LIMIT,
  MKT: OrderType.MARKET,
  STP: OrderType.STOP,
};

export function directionOf(actionOrSide: string): Direction {
  return actionOrSide === 'SELL' || actionOrSide === 'SLD' || actionOrSide === 'SSHORT'
    ? Direction.SHORT
    : Direction.LONG;
}

/**
 * vnt's status for an IB order status. IB keeps "Submitted" while partly filled, so the filled quantity
 * decides between NOTTRADED and PARTTRADED. Unknown statuses keep the current one (vnpy raised KeyError).
 */
export function statusOf(ibStatus: string, filled: number, current: Status): Status {
  switch (ibStatus) {
    case 'ApiPending':
    case 'PendingSubmit':
      return filled > 0 ? Status.PARTTRADED : Status.SUBMITTING;
    case 'PreSubmitted':
    case 'Submitted':
    case 'PendingCancel':
      return filled > 0 ? Status.PARTTRADED : Status.NOTTRADED;
    case 'Filled':
      return Status.ALLTRADED;
    case 'ApiCancelled':
    case 'Cancelled':
      return Status.CANCELLED;
    case 'Inactive':
      return Status.REJECTED;
    default:
      return current;
  }
}

/** IB's bar size for each vnt interval. */
export const BAR_SIZE = { '1m': '1 min', '1h': '1 hour', d: '1 day', w: '1 week' } as const;

/** IB's duration text covering a span: seconds up to a day, then days, then years. */
export function durationFor(spanMs: number): string {
  const seconds = Math.max(60, Math.ceil(spanMs / 1000));
  if (seconds <= 86_400) return `${seconds} S`;
  const days = Math.ceil(seconds / 86_400);
  return days <= 365 ? `${days} D` : `${Math.ceil(days / 365)} Y`;
}

export function describeInput(input: SymbolInput): string {
  return input.kind === 'conId'
    ? `conId ${input.conId}`
    : `${input.symbol}-${input.currency}-${input.secType}`;
}

/** orderRef travels as a protocol field: keep it printable and short. */
export function sanitizeRef(ref: string): string {
  return ref.replace(/[^\x20-\x7e]/g, '').slice(0, 40);
}

function multiplierOf(c: IbContract): number {
  const m = Number(c.multiplier);
  return m > 0 ? m : 1;
}

/**
 * The one exchange vnt lists a conId under. TWS answers a lookup with one CONTRACT_DATA per listing (TSLA:
 * SMART, AMEX, ...), all with the same conId and the same validExchanges, in an order of its choosing; the
 * home is read from what every listing shares, so it does not depend on which listing came last: IDEALPRO for
 * currencies, SMART where TWS routes the contract by SMART, else the first valid exchange vnt knows.
 */
export function homeExchange(m: ContractDetailsMsg): Exchange | undefined {
  const c = m.contract;
  const valid = m.validExchanges
    .split(',')
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);
  if (c.secType === 'CASH' && (c.exchange === 'IDEALPRO' || valid.includes('IDEALPRO'))) {
    return Exchange.IDEALPRO;
  }
  if (c.exchange.toUpperCase() === 'SMART' || valid.includes('SMART')) return Exchange.SMART;
  for (const x of valid) {
    const known = exchangeOf(x);
    if (known) return known;
  }
  return exchangeOf(c.exchange);
}

/** Where a position is listed when TWS could not describe its contract: by SMART, currencies on IDEALPRO. */
export function fallbackExchange(secType: string): Exchange {
  return secType === 'CASH' ? Exchange.IDEALPRO : Exchange.SMART;
}

/**
 * A contract from CONTRACT_DATA, keyed by conId and listed under its home exchange (whichever listing this
 * message describes); undefined when vnt knows none of its exchanges.
 */
export function contractFromDetails(m: ContractDetailsMsg, gatewayName: string): ContractData | undefined {
  const c = m.contract;
  const exchange = homeExchange(m);
  if (!exchange) return undefined;
  return createContract({
    gatewayName,
    symbol: String(c.conId),
    exchange,
    name: m.longName || c.localSymbol || c.symbol,
    product: productOf(c.secType),
    size: multiplierOf(c),
    pricetick: m.minTick > 0 ? m.minTick : 0.01,
    minVolume: m.minSize > 0 ? m.minSize : 1,
    volumeStep: m.sizeIncrement > 0 ? m.sizeIncrement : undefined,
    stopSupported: true,
    netPosition: true,
    historyData: true,
    currency: c.currency,
    ...hours(m),
  });
}

function hours(m: ContractDetailsMsg): Pick<ContractData, 'tradingHours'> {
  const text = tradingHoursText(m.tradingHours, m.liquidHours, m.timeZoneId);
  return text ? { tradingHours: text } : {};
}

/** An order this process did not send (another session, TWS itself, an earlier run), from OPEN_ORDER. */
export function orderFromOpenOrder(m: OpenOrderMsg, gatewayName: string): OrderData {
  return createOrder({
    gatewayName,
    orderid: String(m.orderId),
    symbol: String(m.contract.conId),
    exchange: exchangeOf(m.contract.exchange) ?? Exchange.SMART,
    type: ORDER_TYPE_FROM_IB[m.orderType] ?? OrderType.LIMIT,
    direction: directionOf(m.action),
    price: m.orderType === 'STP' ? m.auxPrice : m.lmtPrice,
    volume: m.totalQuantity,
    status: Status.NOTTRADED,
    reference: m.orderRef,
  });
}

/**
 * A trade from EXECUTION_DATA; the execId is the trade id, so a repeated report is recognisable. Execution
 * times are TWS's wall clock, twsOffsetMs ahead of UTC.
 */
export function tradeFromExecution(
  m: ExecutionMsg,
  exchange: Exchange,
  gatewayName: string,
  twsOffsetMs = 0,
): TradeData {
  const e = m.execution;
  return createTrade({
    gatewayName,
    symbol: String(m.contract.conId),
    exchange,
    orderid: String(m.orderId),
    tradeid: e.execId,
    direction: directionOf(e.side),
    price: e.price,
    volume: e.shares,
    datetime: parseIbTime(e.time, twsOffsetMs) ?? Date.now(),
  });
}

/** IB positions are net; the average cost includes the multiplier, vnt's price does not. */
export function positionFromPortfolio(
  m: PortfolioMsg,
  exchange: Exchange,
  gatewayName: string,
): PositionData {
  return createPosition({
    gatewayName,
    symbol: String(m.contract.conId),
    exchange,
    direction: Direction.NET,
    volume: m.position,
    price: m.averageCost / multiplierOf(m.contract),
    pnl: m.unrealizedPnl,
  });
}

export function barFromHistory(
  b: HistoricalBar,
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
    datetime: parseIbTime(b.date) ?? 0,
    openPrice: b.open,
    highPrice: b.high,
    lowPrice: b.low,
    closePrice: b.close,
    volume: b.volume,
    turnover: b.wap * b.volume,
  });
}
