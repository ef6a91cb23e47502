// Translations between the simulated exchange's records and vnt's objects (pure functions, no state).
import { Direction, Offset, Status, type Exchange } from '../../src/core/constant.js';
import {
  DEPTH_LEVELS,
  setDepthLevel,
  createAccount,
  createBar,
  createContract,
  createOrder,
  createPosition,
  createTick,
  createTrade,
  type AccountData,
  type BarData,
  type ContractData,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import type {
  BookSnapshot,
  InstrumentSpec,
  MarketStats,
  SimAccount,
  SimBar,
  SimFill,
  SimOrder,
  SimOrderStatus,
  SimPosition,
} from '../../src/sim/types.js';

const STATUS: Record<SimOrderStatus, Status> = {
  NEW: Status.NOTTRADED,
  PENDING_TRIGGER: Status.NOTTRADED,
  PARTIALLY_FILLED: Status.PARTTRADED,
  FILLED: Status.ALLTRADED,
  CANCELED: Status.CANCELLED,
  REJECTED: Status.REJECTED,
};

export function toContract(spec: InstrumentSpec, gatewayName: string): ContractData {
  return createContract({
    gatewayName,
    symbol: spec.symbol,
    exchange: spec.exchange,
    name: spec.name,
    product: spec.product,
    size: spec.size,
    pricetick: spec.pricetick,
    minVolume: spec.minVolume,
    volumeStep: spec.lotSize,
    stopSupported: true,
    netPosition: !(spec.offsets === 'open-close' || spec.offsets === 'today-yesterday'),
    historyData: true,
    currency: spec.currency,
    // What the simulated exchange charges and holds (src/sim/accounts.ts); it names no trading sessions.
    ...(spec.marginRate !== undefined
      ? { marginRatio: { long: spec.marginRate, short: spec.marginRate } }
      : {}),
    ...(spec.commissionRate !== undefined ? { commission: { rate: spec.commissionRate, perLot: 0 } } : {}),
  });
}

export function toOrder(o: SimOrder, exchange: Exchange, gatewayName: string, reference = ''): OrderData {
  return createOrder({
    gatewayName,
    symbol: o.symbol,
    exchange,
    orderid: o.clientOrderId,
    type: o.type,
    direction: o.side === 'BUY' ? Direction.LONG : Direction.SHORT,
    offset: o.offset,
    price: o.price,
    volume: o.volume,
    traded: o.filled,
    status: STATUS[o.status],
    // The order's time is when it was placed (VN Trader's OrderData.datetime), not its last update.
    datetime: o.createdAt,
    reference,
    statusMsg: o.reason,
  });
}

export function toTrade(f: SimFill, exchange: Exchange, gatewayName: string): TradeData {
  return createTrade({
    gatewayName,
    symbol: f.symbol,
    exchange,
    orderid: f.clientOrderId,
    tradeid: String(f.tradeId),
    direction: f.side === 'BUY' ? Direction.LONG : Direction.SHORT,
    offset: f.offset ?? Offset.NONE,
    price: f.price,
    volume: f.volume,
    datetime: f.time,
  });
}

export function toPosition(p: SimPosition, exchange: Exchange, gatewayName: string): PositionData {
  return createPosition({
    gatewayName,
    symbol: p.symbol,
    exchange,
    direction: p.direction,
    volume: p.volume,
    frozen: p.frozen,
    price: p.avgPrice,
    pnl: p.pnl,
    ydVolume: p.ydVolume,
  });
}

export function toAccount(a: SimAccount, gatewayName: string): AccountData {
  return createAccount({
    gatewayName,
    accountid: a.accountId,
    balance: a.balance,
    frozen: a.frozen,
    available: a.available,
    currency: a.currency,
  });
}

/** A tick from the book and the day's statistics (five levels each side, as VN Trader shows). */
export function toTick(
  spec: InstrumentSpec,
  book: BookSnapshot,
  stats: MarketStats,
  gatewayName: string,
  /** Above DEPTH_LEVELS, that many levels a side also go to tick.depth. */
  levels = DEPTH_LEVELS,
): TickData {
  const tick = createTick({
    gatewayName,
    symbol: spec.symbol,
    exchange: spec.exchange,
    datetime: Math.max(book.time, stats.time),
    name: spec.name,
    volume: stats.volume,
    turnover: stats.turnover,
    openInterest: stats.openInterest,
    lastPrice: stats.lastPrice,
    lastVolume: stats.lastVolume,
    limitUp: stats.limitUp,
    limitDown: stats.limitDown,
    openPrice: stats.openPrice,
    highPrice: stats.highPrice,
    lowPrice: stats.lowPrice,
    preClose: stats.preClose,
  });
  for (let i = 0; i < DEPTH_LEVELS; i++) {
    const bid = book.bids[i];
    if (bid) setDepthLevel(tick, 'bid', i, bid.price, bid.volume);
    const ask = book.asks[i];
    if (ask) setDepthLevel(tick, 'ask', i, ask.price, ask.volume);
  }
  if (levels > DEPTH_LEVELS) {
    const side = (l: readonly { price: number; volume: number }[]) =>
      l.slice(0, levels).map((x) => [x.price, x.volume] as const);
    tick.depth = { bids: side(book.bids), asks: side(book.asks) };
  }
  return tick;
}

export function toBar(b: SimBar, exchange: Exchange, gatewayName: string): BarData {
  return createBar({
    gatewayName,
    symbol: b.symbol,
    exchange,
    datetime: b.time,
    interval: b.interval,
    volume: b.volume,
    turnover: b.turnover,
    openPrice: b.open,
    highPrice: b.high,
    lowPrice: b.low,
    closePrice: b.close,
  });
}
