// Binance messages → vnt objects, and vnt requests → Binance parameters. Pure functions: the gateway adds
// state (orders it sent, trades already seen), the benchmark and tests call these directly.
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
import type { BookDiff, BookSnapshot } from '../common/order-book.js';
import { toVntSymbol } from './symbols.js';
import type {
  DepthSnapshot,
  DepthUpdateEvent,
  ExchangeInfo,
  ExecutionReport,
  FuturesAccountUpdate,
  FuturesBalance,
  FuturesOrderUpdate,
  FuturesPositionRisk,
  Kline,
  Market,
  PositionSide,
  RestOrder,
  RestTrade,
  TickerEvent,
  TimeInForce,
  TradeEvent,
  VenueOrderStatus,
  VenueSide,
} from './types.js';

export const EXCHANGE = Exchange.BINANCE;

export const KLINE_INTERVALS: Readonly<Record<Interval, string>> = {
  [Interval.MINUTE]: '1m',
  [Interval.HOUR]: '1h',
  [Interval.DAILY]: '1d',
  [Interval.WEEKLY]: '1w',
};

const STATUS: Readonly<Record<VenueOrderStatus, Status>> = {
  NEW: Status.NOTTRADED,
  PENDING_NEW: Status.SUBMITTING,
  PARTIALLY_FILLED: Status.PARTTRADED,
  FILLED: Status.ALLTRADED,
  CANCELED: Status.CANCELLED,
  PENDING_CANCEL: Status.NOTTRADED,
  REJECTED: Status.REJECTED,
  EXPIRED: Status.CANCELLED,
  EXPIRED_IN_MATCH: Status.CANCELLED,
};

export function statusFromVenue(status: string): Status {
  return STATUS[status as VenueOrderStatus] ?? Status.SUBMITTING;
}

export function directionFromSide(side: VenueSide): Direction {
  return side === 'BUY' ? Direction.LONG : Direction.SHORT;
}

export function sideFromDirection(direction: Direction): VenueSide {
  return direction === Direction.SHORT ? 'SELL' : 'BUY';
}

/** Binance order type and time in force for a vnt order type; undefined if the market lacks it. */
export function orderTypeToVenue(
  type: OrderType,
  market: Market,
): { type: string; timeInForce?: TimeInForce } | undefined {
  switch (type) {
    case OrderType.LIMIT:
      return { type: 'LIMIT', timeInForce: 'GTC' };
    case OrderType.MARKET:
      return { type: 'MARKET' };
    case OrderType.FAK:
      return { type: 'LIMIT', timeInForce: 'IOC' };
    case OrderType.FOK:
      return { type: 'LIMIT', timeInForce: 'FOK' };
    case OrderType.POSTONLY:
      return market === 'SPOT' ? { type: 'LIMIT_MAKER' } : { type: 'LIMIT', timeInForce: 'GTX' };
    default:
      return undefined;
  }
}

export function orderTypeFromVenue(type: string, tif: string | undefined): OrderType {
  if (type === 'MARKET') return OrderType.MARKET;
  if (type === 'LIMIT_MAKER' || tif === 'GTX') return OrderType.POSTONLY;
  if (type === 'LIMIT' && tif === 'IOC') return OrderType.FAK;
  if (type === 'LIMIT' && tif === 'FOK') return OrderType.FOK;
  if (type.startsWith('STOP') || type.startsWith('TAKE_PROFIT')) return OrderType.STOP;
  return OrderType.LIMIT;
}

// ---- contracts ---------------------------------------------------------------------------------------------

export function parseContracts(info: ExchangeInfo, market: Market, gatewayName: string): ContractData[] {
  const out: ContractData[] = [];
  for (const s of info.symbols) {
    if (s.status !== 'TRADING') continue;
    const price = s.filters.find((f) => f.filterType === 'PRICE_FILTER');
    const lot = s.filters.find((f) => f.filterType === 'LOT_SIZE');
    const pricetick = Number(price?.tickSize ?? 0);
    const step = Number(lot?.stepSize ?? 0);
    const minQty = Number(lot?.minQty ?? 0);
    out.push(
      createContract({
        gatewayName,
        symbol: toVntSymbol(s.symbol, market),
        exchange: EXCHANGE,
        name:
          market === 'SPOT' ? `${s.baseAsset}/${s.quoteAsset}` : `${s.symbol} ${s.contractType ?? ''}`.trim(),
        product: market === 'SPOT' ? Product.SPOT : Product.SWAP,
        size: 1,
        pricetick,
        minVolume: minQty > 0 ? minQty : step,
        volumeStep: step > 0 ? step : minQty,
        netPosition: market === 'USDM',
        historyData: true,
        currency: s.quoteAsset,
      }),
    );
  }
  return out;
}

// ---- market data -------------------------------------------------------------------------------------------

export function applyTicker(tick: TickData, ev: TickerEvent): void {
  tick.datetime = ev.E;
  tick.lastPrice = +ev.c;
  tick.lastVolume = +ev.Q;
  tick.openPrice = +ev.o;
  tick.highPrice = +ev.h;
  tick.lowPrice = +ev.l;
  tick.volume = +ev.v;
  tick.turnover = +ev.q;
  if (ev.x !== undefined) tick.preClose = +ev.x;
}

export function applyTrade(tick: TickData, ev: TradeEvent): void {
  tick.datetime = ev.T;
  tick.lastPrice = +ev.p;
  tick.lastVolume = +ev.q;
}

export function bookDiff(ev: DepthUpdateEvent): BookDiff {
  const diff: BookDiff = { first: ev.U, last: ev.u, bids: ev.b, asks: ev.a };
  if (ev.pu !== undefined) diff.prev = ev.pu;
  return diff;
}

export function bookSnapshot(s: DepthSnapshot): BookSnapshot {
  return { lastId: s.lastUpdateId, bids: s.bids, asks: s.asks };
}

// ---- orders and trades -------------------------------------------------------------------------------------

/**
 * vnt's trade id for a Binance trade: Binance numbers trades per symbol, so the id alone would make two
 * symbols' fills one trade (vtTradeid keys trades in the OMS and the monitors); the symbol goes with it.
 */
export function tradeIdOf(symbol: string, venueTradeId: number | string): string {
  return `${symbol}-${venueTradeId}`;
}

/** A cancelled order's executionReport carries the cancel request's id in c and the order's own in C. */
export function executionClientId(ev: ExecutionReport): string {
  return ev.X === 'CANCELED' && ev.C ? ev.C : ev.c;
}

export function orderFromExecution(ev: ExecutionReport, gatewayName: string): OrderData {
  return createOrder({
    gatewayName,
    orderid: executionClientId(ev),
    symbol: ev.s,
    exchange: EXCHANGE,
    type: orderTypeFromVenue(ev.o, ev.f),
    direction: directionFromSide(ev.S),
    price: +ev.p,
    volume: +ev.q,
    traded: +ev.z,
    status: statusFromVenue(ev.X),
    datetime: ev.T || ev.E,
    statusMsg: ev.r && ev.r !== 'NONE' ? ev.r : '',
  });
}

export function tradeFromExecution(ev: ExecutionReport, gatewayName: string): TradeData | undefined {
  if (ev.x !== 'TRADE' || !(+ev.l > 0)) return undefined;
  return createTrade({
    gatewayName,
    orderid: executionClientId(ev),
    tradeid: tradeIdOf(ev.s, ev.t),
    symbol: ev.s,
    exchange: EXCHANGE,
    direction: directionFromSide(ev.S),
    price: +ev.L,
    volume: +ev.l,
    datetime: ev.T,
  });
}

export function orderFromFutures(ev: FuturesOrderUpdate, gatewayName: string): OrderData {
  const o = ev.o;
  return createOrder({
    gatewayName,
    orderid: o.c,
    symbol: o.s,
    exchange: EXCHANGE,
    type: orderTypeFromVenue(o.o, o.f),
    direction: directionFromSide(o.S),
    offset: o.R ? Offset.CLOSE : Offset.NONE,
    price: +o.p,
    volume: +o.q,
    traded: +o.z,
    status: statusFromVenue(o.X),
    datetime: o.T || ev.T,
  });
}

export function tradeFromFutures(ev: FuturesOrderUpdate, gatewayName: string): TradeData | undefined {
  const o = ev.o;
  if (o.x !== 'TRADE' || !(+o.l > 0)) return undefined;
  return createTrade({
    gatewayName,
    orderid: o.c,
    tradeid: tradeIdOf(o.s, o.t),
    symbol: o.s,
    exchange: EXCHANGE,
    direction: directionFromSide(o.S),
    offset: o.R ? Offset.CLOSE : Offset.NONE,
    price: +o.L,
    volume: +o.l,
    datetime: o.T,
  });
}

/** The order's own client id in a REST reply: a spot cancel reply names the cancel's id in clientOrderId. */
export function restClientId(o: RestOrder): string {
  return o.origClientOrderId ?? o.clientOrderId;
}

export function orderFromRest(o: RestOrder, gatewayName: string): OrderData {
  return createOrder({
    gatewayName,
    orderid: restClientId(o),
    symbol: o.symbol,
    exchange: EXCHANGE,
    type: orderTypeFromVenue(o.type, o.timeInForce),
    direction: directionFromSide(o.side),
    offset: o.reduceOnly ? Offset.CLOSE : Offset.NONE,
    price: +o.price,
    volume: +o.origQty,
    traded: +o.executedQty,
    status: statusFromVenue(o.status),
    datetime: o.updateTime ?? o.transactTime ?? o.time ?? Date.now(),
  });
}

export function tradeFromRest(t: RestTrade, orderid: string, gatewayName: string): TradeData {
  const buy = t.side !== undefined ? t.side === 'BUY' : t.isBuyer === true;
  return createTrade({
    gatewayName,
    orderid,
    tradeid: tradeIdOf(t.symbol, t.id),
    symbol: t.symbol,
    exchange: EXCHANGE,
    direction: buy ? Direction.LONG : Direction.SHORT,
    price: +t.price,
    volume: +t.qty,
    datetime: t.time,
  });
}

// ---- accounts and positions --------------------------------------------------------------------------------

export function accountsFromSpot(
  balances: readonly { asset: string; free: string; locked: string }[],
  gatewayName: string,
): AccountData[] {
  return balances.map((b) =>
    createAccount({
      gatewayName,
      accountid: b.asset,
      balance: +b.free + +b.locked,
      frozen: +b.locked,
      available: +b.free,
      currency: b.asset,
    }),
  );
}

export function accountsFromPositionEvent(
  balances: readonly { a: string; f: string; l: string }[],
  gatewayName: string,
): AccountData[] {
  return accountsFromSpot(
    balances.map((b) => ({ asset: b.a, free: b.f, locked: b.l })),
    gatewayName,
  );
}

export function accountsFromFutures(balances: readonly FuturesBalance[], gatewayName: string): AccountData[] {
  return balances.map((b) => {
    const balance = +b.balance + +b.crossUnPnl;
    return createAccount({
      gatewayName,
      accountid: b.asset,
      balance,
      frozen: balance - +b.availableBalance,
      available: +b.availableBalance,
      currency: b.asset,
    });
  });
}

function positionDirection(side: PositionSide): Direction {
  return side === 'LONG' ? Direction.LONG : side === 'SHORT' ? Direction.SHORT : Direction.NET;
}

export function positionsFromRisk(
  risks: readonly FuturesPositionRisk[],
  gatewayName: string,
): PositionData[] {
  return risks.map((r) =>
    createPosition({
      gatewayName,
      symbol: r.symbol,
      exchange: EXCHANGE,
      direction: positionDirection(r.positionSide),
      volume: +r.positionAmt,
      price: +r.entryPrice,
      pnl: +r.unRealizedProfit,
    }),
  );
}

export function fromAccountUpdate(
  ev: FuturesAccountUpdate,
  gatewayName: string,
): { accounts: AccountData[]; positions: PositionData[] } {
  // ACCOUNT_UPDATE carries the wallet balance and the cross wallet balance, not an available figure: what is
  // in the wallet but not in the cross wallet (isolated margin) is counted frozen, so balance = available +
  // frozen as from GET /fapi/v2/balance.
  const accounts = ev.a.B.map((b) =>
    createAccount({
      gatewayName,
      accountid: b.a,
      balance: +b.wb,
      available: +b.cw,
      frozen: +b.wb - +b.cw,
      currency: b.a,
    }),
  );
  const positions = positionsFromRisk(
    ev.a.P.map((p) => ({
      symbol: p.s,
      positionAmt: p.pa,
      entryPrice: p.ep,
      unRealizedProfit: p.up,
      positionSide: p.ps,
    })),
    gatewayName,
  );
  return { accounts, positions };
}

// ---- history -----------------------------------------------------------------------------------------------

export function barsFromKlines(
  klines: readonly Kline[],
  symbol: string,
  interval: Interval,
  gatewayName: string,
): BarData[] {
  return klines.map((k) =>
    createBar({
      gatewayName,
      symbol,
      exchange: EXCHANGE,
      interval,
      datetime: k[0],
      openPrice: +k[1],
      highPrice: +k[2],
      lowPrice: +k[3],
      closePrice: +k[4],
      volume: +k[5],
      turnover: +k[7],
    }),
  );
}

/** A maker and a taker rate as the venue sends them (fractions as text): the contract's fees, if numbers. */
export function feesFromRates(maker: unknown, taker: unknown): ContractData['commission'] {
  const m = Number(maker);
  const t = Number(taker);
  if (typeof maker !== 'string' || typeof taker !== 'string' || !Number.isFinite(m) || !Number.isFinite(t)) {
    return undefined;
  }
  return { rate: t, perLot: 0, maker: m };
}
