// Alpaca messages → vnt objects. Pure functions: the gateway shape-checks a message (shape.ts) before it
// comes here, and names the vnt symbol (crypto pairs arrive as "BTC/USD" on some paths and "BTCUSD" on
// others, see symbols.ts).
import {
  Direction,
  Exchange,
  Interval,
  Offset,
  OrderType,
  Product,
  Status,
} from '../../src/core/constant.js';
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
import { US_EQUITY_PRICE_BANDS } from '../common/price-bands.js';
import type {
  Account,
  AlpacaOrder,
  Asset,
  DataBar,
  DataQuote,
  DataTrade,
  FillActivity,
  OrderStatus,
  Position,
  RestBar,
  TimeInForce,
  TradeEvent,
  TradeUpdate,
  VenueOrderType,
} from './types.js';

/** Listing exchanges as Alpaca names them → vnt exchanges. NYSEARCA is Alpaca's other name for ARCA. */
const LISTING: Record<string, Exchange> = {
  NASDAQ: Exchange.NASDAQ,
  NYSE: Exchange.NYSE,
  ARCA: Exchange.ARCA,
  NYSEARCA: Exchange.ARCA,
  AMEX: Exchange.AMEX,
  BATS: Exchange.BATS,
  OTC: Exchange.OTC,
};

export function exchangeOfAsset(asset: Pick<Asset, 'class' | 'exchange'>): Exchange {
  if (asset.class === 'crypto') return Exchange.ALPACA;
  return LISTING[asset.exchange] ?? Exchange.SMART;
}

/** Alpaca's finest fractional quantity: nine decimals (order qty "can take up to 9 decimal points"). */
export const FRACTION_STEP = 1e-9;
/**
 * Equities trade in cents at and above $1 and in $0.0001 below (Reg NMS sub-penny rule; Alpaca's orders page:
 * up to four decimals below $1.00, two above); the assets list gives no increment, so equities carry the bands.
 */
export const EQUITY_TICK = 0.01;

export function contractFromAsset(asset: Asset, gatewayName: string): ContractData | undefined {
  if (asset.status !== 'active' || !asset.tradable) return undefined;
  const exchange = exchangeOfAsset(asset);
  if (asset.class === 'crypto') {
    const min = Number(asset.min_order_size ?? 0);
    const step = Number(asset.min_trade_increment ?? 0);
    const tick = Number(asset.price_increment ?? 0);
    const quote = asset.symbol.includes('/') ? asset.symbol.split('/')[1]! : 'USD';
    return createContract({
      gatewayName,
      symbol: asset.symbol,
      exchange,
      name: asset.name || asset.symbol,
      product: Product.SPOT,
      size: 1,
      pricetick: tick > 0 ? tick : 0.01,
      minVolume: min > 0 ? min : step > 0 ? step : FRACTION_STEP,
      volumeStep: step > 0 ? step : FRACTION_STEP,
      stopSupported: true,
      netPosition: true,
      historyData: true,
      currency: quote,
    });
  }
  const step = asset.fractionable ? FRACTION_STEP : 1;
  return createContract({
    gatewayName,
    symbol: asset.symbol,
    exchange,
    name: asset.name || asset.symbol,
    product: Product.EQUITY,
    size: 1,
    pricetick: EQUITY_TICK,
    priceBands: US_EQUITY_PRICE_BANDS,
    minVolume: step,
    volumeStep: step,
    stopSupported: true,
    netPosition: true,
    historyData: true,
    currency: 'USD',
  });
}

// ---- orders ------------------------------------------------------------------------------------------------

const STATUS: Record<OrderStatus, Status> = {
  new: Status.NOTTRADED,
  accepted: Status.NOTTRADED,
  pending_new: Status.NOTTRADED,
  accepted_for_bidding: Status.NOTTRADED,
  held: Status.NOTTRADED,
  // Awaiting cancel or replace, stopped, suspended or resting until tomorrow: still live on the venue.
  pending_cancel: Status.NOTTRADED,
  pending_replace: Status.NOTTRADED,
  stopped: Status.NOTTRADED,
  suspended: Status.NOTTRADED,
  done_for_day: Status.NOTTRADED,
  partially_filled: Status.PARTTRADED,
  filled: Status.ALLTRADED,
  canceled: Status.CANCELLED,
  expired: Status.CANCELLED,
  // The order is gone; its replacement is a new order with its own id (replaced_by).
  replaced: Status.CANCELLED,
  rejected: Status.REJECTED,
  // Completed for the day (filled or done for day), settlement pending: final only when fully filled.
  calculated: Status.NOTTRADED,
};

/** What each trade_updates event says beyond the order's own status, shown as the order's statusMsg. */
const EVENT_NOTE: Partial<Record<TradeEvent, string>> = {
  done_for_day: 'done for the day; resumes next trading day',
  pending_cancel: 'cancel pending',
  pending_replace: 'replace pending',
  stopped: 'stopped: a trade is guaranteed but has not occurred',
  suspended: 'suspended: not eligible for trading',
  calculated: 'completed for the day; settlement calculations pending',
  expired: 'expired (time in force)',
  order_cancel_rejected: 'cancel rejected by Alpaca',
  order_replace_rejected: 'replace rejected by Alpaca',
};

/** The vnt status of an Alpaca order: from its status, with the filled quantity deciding the open ones. */
export function statusOf(o: Pick<AlpacaOrder, 'status' | 'filled_qty' | 'qty'>): Status {
  const base = STATUS[o.status] ?? Status.NOTTRADED;
  const filled = Number(o.filled_qty);
  const qty = o.qty === null ? NaN : Number(o.qty);
  if (o.status === 'calculated' && filled > 0 && filled >= qty) return Status.ALLTRADED;
  if (base === Status.NOTTRADED && filled > 0) return Status.PARTTRADED;
  return base;
}

export function directionOf(side: 'buy' | 'sell'): Direction {
  return side === 'sell' ? Direction.SHORT : Direction.LONG;
}

export function orderTypeOf(type: VenueOrderType, tif: TimeInForce): OrderType {
  switch (type) {
    case 'market':
      return OrderType.MARKET;
    case 'limit':
      return tif === 'ioc' ? OrderType.FAK : tif === 'fok' ? OrderType.FOK : OrderType.LIMIT;
    default:
      // stop, stop_limit and trailing_stop are all triggered orders; vnt has one STOP type.
      return OrderType.STOP;
  }
}

function time(text: string | null | undefined): number {
  const t = text ? Date.parse(text) : NaN;
  return Number.isFinite(t) ? t : Date.now();
}

function num(text: string | null | undefined): number {
  const n = text === null || text === undefined ? NaN : Number(text);
  return Number.isFinite(n) ? n : 0;
}

/** `symbol` is the vnt symbol of the order's asset; the order id is its client_order_id. */
export function orderFromAlpaca(
  o: AlpacaOrder,
  symbol: string,
  exchange: Exchange,
  gatewayName: string,
  event?: TradeEvent,
): OrderData {
  let statusMsg = event ? (EVENT_NOTE[event] ?? '') : '';
  if (o.status === 'replaced' && o.replaced_by) statusMsg = `replaced by order ${o.replaced_by}`;
  if (o.status === 'rejected') statusMsg = statusMsg || 'rejected by Alpaca';
  return createOrder({
    gatewayName,
    symbol,
    exchange,
    orderid: o.client_order_id,
    type: orderTypeOf(o.type, o.time_in_force),
    direction: directionOf(o.side),
    offset: Offset.NONE,
    // A market order has no limit price (VN Trader's float(None) crash): 0, or the trigger of a stop.
    price: num(o.limit_price ?? o.stop_price),
    volume: num(o.qty),
    traded: num(o.filled_qty),
    status: statusOf(o),
    datetime: time(o.updated_at ?? o.submitted_at ?? o.created_at),
    statusMsg,
  });
}

/** A fill or partial fill from the trade stream: the execution's own quantity and price. */
export function tradeFromUpdate(
  u: TradeUpdate,
  symbol: string,
  exchange: Exchange,
  gatewayName: string,
  volume: number = num(u.qty),
): TradeData {
  return createTrade({
    gatewayName,
    symbol,
    exchange,
    orderid: u.order.client_order_id,
    tradeid: u.execution_id ?? `${u.order.id}-${u.order.filled_qty}`,
    direction: directionOf(u.order.side),
    offset: Offset.NONE,
    price: num(u.price ?? u.order.filled_avg_price),
    volume,
    datetime: time(u.timestamp ?? u.order.filled_at ?? u.order.updated_at),
  });
}

/** A fill found by reconciliation in the account activities (the stream does not replay missed events). */
export function tradeFromActivity(
  a: FillActivity,
  orderid: string,
  symbol: string,
  exchange: Exchange,
  gatewayName: string,
  volume: number = num(a.qty),
): TradeData {
  return createTrade({
    gatewayName,
    symbol,
    exchange,
    orderid,
    tradeid: a.id,
    direction: directionOf(a.side),
    offset: Offset.NONE,
    price: num(a.price),
    volume,
    datetime: time(a.transaction_time),
  });
}

// ---- account and positions ---------------------------------------------------------------------------------

export function accountFromAlpaca(a: Account, gatewayName: string): AccountData {
  const balance = num(a.equity);
  const available = num(a.buying_power);
  return createAccount({
    gatewayName,
    accountid: a.account_number || a.id,
    balance,
    available,
    frozen: Math.max(0, balance - available),
    currency: a.currency || 'USD',
  });
}

export function positionFromAlpaca(
  p: Position,
  symbol: string,
  exchange: Exchange,
  gatewayName: string,
): PositionData {
  const qty = Math.abs(num(p.qty));
  const available = p.qty_available === undefined ? qty : Math.abs(num(p.qty_available));
  return createPosition({
    gatewayName,
    symbol,
    exchange,
    direction: Direction.NET,
    volume: p.side === 'short' ? -qty : qty,
    frozen: Math.max(0, qty - available),
    price: num(p.avg_entry_price),
    pnl: num(p.unrealized_pl),
  });
}

/** A position that is gone (Alpaca stops listing closed positions): flat. */
export function flatPosition(symbol: string, exchange: Exchange, gatewayName: string): PositionData {
  return createPosition({ gatewayName, symbol, exchange, direction: Direction.NET, volume: 0 });
}

// ---- market data -------------------------------------------------------------------------------------------

export function applyQuote(tick: TickData, q: DataQuote): void {
  tick.bidPrice1 = q.bp;
  tick.bidVolume1 = q.bs;
  tick.askPrice1 = q.ap;
  tick.askVolume1 = q.as;
  tick.datetime = time(q.t);
  tick.localtime = Date.now();
}

export function applyTrade(tick: TickData, t: DataTrade): void {
  tick.lastPrice = t.p;
  tick.lastVolume = t.s;
  tick.datetime = time(t.t);
  tick.localtime = Date.now();
}

/** A daily bar carries the session's open, high, low and volume so far. */
export function applyDailyBar(tick: TickData, b: DataBar): void {
  tick.openPrice = b.o;
  tick.highPrice = b.h;
  tick.lowPrice = b.l;
  tick.volume = b.v;
  if (typeof b.vw === 'number') tick.turnover = b.vw * b.v;
  if (!tick.lastPrice) tick.lastPrice = b.c;
}

/** vnt intervals → the timeframe parameter of the bars API. */
export const TIMEFRAMES: Readonly<Record<Interval, string>> = {
  [Interval.MINUTE]: '1Min',
  [Interval.HOUR]: '1Hour',
  [Interval.DAILY]: '1Day',
  [Interval.WEEKLY]: '1Week',
};

export function barFromRest(
  b: RestBar,
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
    datetime: time(b.t),
    openPrice: b.o,
    highPrice: b.h,
    lowPrice: b.l,
    closePrice: b.c,
    volume: b.v,
    turnover: typeof b.vw === 'number' ? b.vw * b.v : 0,
  });
}
