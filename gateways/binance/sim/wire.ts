// The simulated exchange's objects in Binance's wire shapes, and its refusals as Binance error codes.
import type {
  BookLevel,
  BookSnapshot,
  InstrumentSpec,
  MarketStats,
  PublicTrade,
  RejectCode,
  SimAccount,
  SimFill,
  SimOrder,
  SimPosition,
  SimOrderStatus,
} from '../../../src/sim/types.js';
import { Direction, OrderType } from '../../../src/core/constant.js';
import { formatToStep } from '../../common/decimal.js';
import type {
  DepthSnapshot,
  DepthUpdateEvent,
  ExchangeInfo,
  ExecutionReport,
  FuturesAccountUpdate,
  FuturesOrderUpdate,
  Market,
  RestOrder,
  RestTrade,
  TickerEvent,
  TimeInForce,
  TradeEvent,
  VenueError,
  VenueOrderStatus,
} from '../types.js';

export const ERR = {
  unknown: { code: -1000, msg: 'An unknown error occurred while processing the request.' },
  apiKey: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
  signature: { code: -1022, msg: 'Signature for this request is not valid.' },
  timestamp: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' },
  symbol: { code: -1121, msg: 'Invalid symbol.' },
  unknownOrder: { code: -2011, msg: 'Unknown order sent.' },
  noOrder: { code: -2013, msg: 'Order does not exist.' },
  limitOnly: { code: -5025, msg: 'Only limit order is supported.' },
  sameOrder: { code: -5027, msg: 'No need to modify the order.' },
  listenKey: { code: -1125, msg: 'This listenKey does not exist.' },
} as const satisfies Record<string, VenueError>;

export function missing(name: string): VenueError {
  return { code: -1102, msg: `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.` };
}

export function badParam(name: string, value: string): VenueError {
  return { code: -1100, msg: `Illegal characters found in parameter '${name}'; legal range is '${value}'.` };
}

export function rejectToError(code: RejectCode, reason: string, market: Market): VenueError {
  switch (code) {
    case 'UNKNOWN_INSTRUMENT':
      return ERR.symbol;
    case 'BAD_PRICE_TICK':
      return { code: -1013, msg: 'Filter failure: PRICE_FILTER' };
    case 'BAD_LOT_SIZE':
    case 'BELOW_MIN_VOLUME':
      return { code: -1013, msg: 'Filter failure: LOT_SIZE' };
    case 'PRICE_OUT_OF_BAND':
      return { code: -1013, msg: 'Filter failure: PERCENT_PRICE_BY_SIDE' };
    case 'INSUFFICIENT_FUNDS':
      return market === 'SPOT'
        ? { code: -2010, msg: 'Account has insufficient balance for requested action.' }
        : { code: -2019, msg: 'Margin is insufficient.' };
    case 'INSUFFICIENT_POSITION':
      return market === 'SPOT'
        ? { code: -2010, msg: 'Account has insufficient balance for requested action.' }
        : { code: -2022, msg: 'ReduceOnly Order is rejected.' };
    case 'WOULD_TAKE_LIQUIDITY':
      return market === 'SPOT'
        ? { code: -2010, msg: 'Order would immediately match and take.' }
        : {
            code: -5022,
            msg: 'Due to the order could not be executed as maker, the Post Only order will be rejected.',
          };
    case 'FOK_NOT_FILLABLE':
      return { code: -2010, msg: 'Order would not be filled in full (FOK).' };
    case 'DUPLICATE_CLIENT_ID':
      return { code: -2010, msg: 'Duplicate order sent.' };
    case 'UNKNOWN_ORDER':
    case 'ORDER_NOT_ACTIVE':
      return ERR.unknownOrder;
    default:
      return { code: -2010, msg: reason };
  }
}

export function exchangeInfo(
  instruments: Iterable<InstrumentSpec>,
  market: Market,
  now: number,
): ExchangeInfo {
  return {
    serverTime: now,
    symbols: [...instruments].map((s) => ({
      symbol: s.symbol,
      status: 'TRADING',
      baseAsset: s.baseAsset ?? s.symbol.replace(/USDT$/, ''),
      quoteAsset: s.currency,
      ...(market === 'USDM' ? { contractType: 'PERPETUAL' } : {}),
      filters: [
        {
          filterType: 'PRICE_FILTER',
          minPrice: String(s.pricetick),
          maxPrice: '10000000',
          tickSize: String(s.pricetick),
        },
        {
          filterType: 'LOT_SIZE',
          minQty: String(s.minVolume),
          maxQty: '100000',
          stepSize: String(s.lotSize),
        },
      ],
    })),
  };
}

function wireStatus(o: SimOrder): VenueOrderStatus {
  const s: SimOrderStatus = o.status;
  if (s === 'PENDING_TRIGGER') return 'NEW';
  // An immediate-or-cancel remainder is EXPIRED on Binance, not CANCELED.
  if (
    s === 'CANCELED' &&
    (o.type === OrderType.FAK || o.type === OrderType.FOK || o.type === OrderType.MARKET)
  ) {
    return 'EXPIRED';
  }
  return s;
}

export function wireType(type: OrderType, market: Market): { type: string; timeInForce: TimeInForce } {
  switch (type) {
    case OrderType.MARKET:
      return { type: 'MARKET', timeInForce: 'GTC' };
    case OrderType.FAK:
      return { type: 'LIMIT', timeInForce: 'IOC' };
    case OrderType.FOK:
      return { type: 'LIMIT', timeInForce: 'FOK' };
    case OrderType.POSTONLY:
      return market === 'SPOT'
        ? { type: 'LIMIT_MAKER', timeInForce: 'GTC' }
        : { type: 'LIMIT', timeInForce: 'GTX' };
    default:
      return { type: 'LIMIT', timeInForce: 'GTC' };
  }
}

export class Formatter {
  constructor(private readonly instruments: ReadonlyMap<string, InstrumentSpec>) {}

  price(symbol: string, v: number): string {
    const s = this.instruments.get(symbol);
    return s ? formatToStep(v, s.pricetick) : String(v);
  }

  qty(symbol: string, v: number): string {
    const s = this.instruments.get(symbol);
    return s ? formatToStep(v, s.lotSize) : String(v);
  }

  levels(symbol: string, levels: readonly BookLevel[]): [string, string][] {
    return levels.map((l) => [this.price(symbol, l.price), this.qty(symbol, l.volume)]);
  }

  restOrder(o: SimOrder, market: Market, reduceOnly = false): RestOrder {
    const t = wireType(o.type, market);
    return {
      symbol: o.symbol,
      orderId: o.orderId,
      clientOrderId: o.clientOrderId,
      price: this.price(o.symbol, o.type === OrderType.MARKET ? 0 : o.price),
      origQty: this.qty(o.symbol, o.volume),
      executedQty: this.qty(o.symbol, o.filled),
      status: wireStatus(o),
      timeInForce: t.timeInForce,
      type: t.type,
      side: o.side,
      time: o.createdAt,
      updateTime: o.updatedAt,
      ...(market === 'USDM' ? { positionSide: 'BOTH' as const, reduceOnly } : {}),
    };
  }

  restTrade(f: SimFill, market: Market): RestTrade {
    return {
      symbol: f.symbol,
      id: f.tradeId,
      orderId: f.orderId,
      price: this.price(f.symbol, f.price),
      qty: this.qty(f.symbol, f.volume),
      time: f.time,
      ...(market === 'SPOT' ? { isBuyer: f.side === 'BUY' } : { side: f.side }),
    };
  }

  /** The spot DELETE /api/v3/order reply: clientOrderId is the cancel request's id, the order's is in origClientOrderId. */
  spotCancelReply(o: SimOrder, cancelId: string, now: number): RestOrder {
    const t = wireType(o.type, 'SPOT');
    return {
      symbol: o.symbol,
      origClientOrderId: o.clientOrderId,
      orderId: o.orderId,
      orderListId: -1,
      clientOrderId: cancelId,
      transactTime: now,
      price: this.price(o.symbol, o.type === OrderType.MARKET ? 0 : o.price),
      origQty: this.qty(o.symbol, o.volume),
      executedQty: this.qty(o.symbol, o.filled),
      origQuoteOrderQty: '0.000000',
      cummulativeQuoteQty: (o.filled * o.avgPrice).toFixed(8),
      status: wireStatus(o),
      timeInForce: t.timeInForce,
      type: t.type,
      side: o.side,
      selfTradePreventionMode: 'NONE',
    };
  }

  /**
   * The USD-M DELETE /fapi/v1/order reply, in the documented fields ("Cancel Order (TRADE)"): the order's own
   * clientOrderId (USD-M cancels have no id of their own), cumQty/cumQuote, origType, updateTime and no time.
   */
  futuresCancelReply(o: SimOrder, reduceOnly: boolean): RestOrder {
    const t = wireType(o.type, 'USDM');
    return {
      clientOrderId: o.clientOrderId,
      cumQty: this.qty(o.symbol, o.filled),
      cumQuote: (o.filled * o.avgPrice).toFixed(8),
      executedQty: this.qty(o.symbol, o.filled),
      orderId: o.orderId,
      origQty: this.qty(o.symbol, o.volume),
      origType: t.type,
      price: this.price(o.symbol, o.type === OrderType.MARKET ? 0 : o.price),
      reduceOnly,
      side: o.side,
      positionSide: 'BOTH',
      status: wireStatus(o),
      stopPrice: '0',
      closePosition: false,
      symbol: o.symbol,
      timeInForce: t.timeInForce,
      type: t.type,
      updateTime: o.updatedAt,
      workingType: 'CONTRACT_PRICE',
      priceProtect: false,
      priceMatch: 'NONE',
      selfTradePreventionMode: 'NONE',
      goodTillDate: 0,
    };
  }

  /** The reply to USD-M Modify Order (PUT /fapi/v1/order), with the documented example's fields. */
  futuresModifyReply(o: SimOrder, reduceOnly: boolean): Record<string, unknown> {
    const { cumQuote: _cumQuote, ...rest } = this.futuresCancelReply(o, reduceOnly);
    return {
      ...rest,
      pair: o.symbol,
      avgPrice: this.price(o.symbol, o.avgPrice),
      cumBase: '0',
    };
  }

  /**
   * `filled` is the cumulative volume as of this report (fills are reported one by one). A user's cancel
   * names the cancel request's id in c and the order's own in C.
   */
  executionReport(
    o: SimOrder,
    filled: number,
    fill: SimFill | undefined,
    now: number,
    cancelId?: string,
  ): ExecutionReport {
    const t = wireType(o.type, 'SPOT');
    const status: VenueOrderStatus = fill
      ? filled >= o.volume - 1e-12
        ? 'FILLED'
        : 'PARTIALLY_FILLED'
      : wireStatus(o);
    return {
      e: 'executionReport',
      E: now,
      s: o.symbol,
      c: cancelId ?? o.clientOrderId,
      S: o.side,
      o: t.type,
      f: t.timeInForce,
      q: this.qty(o.symbol, o.volume),
      p: this.price(o.symbol, o.type === OrderType.MARKET ? 0 : o.price),
      x: fill ? 'TRADE' : status === 'PARTIALLY_FILLED' || status === 'FILLED' ? 'NEW' : status,
      X: status,
      r: o.status === 'REJECTED' ? o.reason || 'REJECTED' : 'NONE',
      i: o.orderId,
      l: this.qty(o.symbol, fill?.volume ?? 0),
      z: this.qty(o.symbol, filled),
      L: this.price(o.symbol, fill?.price ?? 0),
      n: String(fill?.commission ?? 0),
      T: fill?.time ?? o.updatedAt,
      t: fill?.tradeId ?? -1,
      C: cancelId === undefined ? '' : o.clientOrderId,
      O: o.createdAt,
    };
  }

  futuresOrderUpdate(
    o: SimOrder,
    filled: number,
    fill: SimFill | undefined,
    reduceOnly: boolean,
    now: number,
    execution?: 'AMENDMENT',
  ): FuturesOrderUpdate {
    const spot = this.executionReport(o, filled, fill, now);
    const t = wireType(o.type, 'USDM');
    return {
      e: 'ORDER_TRADE_UPDATE',
      E: now,
      T: spot.T,
      o: {
        s: spot.s,
        c: spot.c,
        S: spot.S,
        o: t.type,
        f: t.timeInForce,
        q: spot.q,
        p: spot.p,
        ap: this.price(o.symbol, o.avgPrice),
        x: execution ?? spot.x,
        X: spot.X,
        i: spot.i,
        l: spot.l,
        z: spot.z,
        L: spot.L,
        T: spot.T,
        t: fill?.tradeId ?? 0,
        R: reduceOnly,
        ps: 'BOTH',
        rp: '0',
      },
    };
  }

  spotBalances(a: SimAccount): { asset: string; free: string; locked: string }[] {
    const out = [{ asset: a.currency, free: a.available.toFixed(8), locked: a.frozen.toFixed(8) }];
    for (const [asset, v] of Object.entries(a.assets)) {
      out.push({ asset, free: v.free.toFixed(8), locked: v.locked.toFixed(8) });
    }
    return out;
  }

  accountUpdate(a: SimAccount, positions: readonly SimPosition[], now: number): FuturesAccountUpdate {
    return {
      e: 'ACCOUNT_UPDATE',
      E: now,
      T: now,
      a: {
        m: 'ORDER',
        B: [{ a: a.currency, wb: a.balance.toFixed(8), cw: a.available.toFixed(8) }],
        P: positions.map((p) => positionWire(this, p)),
      },
    };
  }

  ticker(s: MarketStats, now: number): TickerEvent {
    return {
      e: '24hrTicker',
      E: now,
      s: s.symbol,
      c: this.price(s.symbol, s.lastPrice),
      Q: this.qty(s.symbol, s.lastVolume),
      o: this.price(s.symbol, s.openPrice),
      h: this.price(s.symbol, s.highPrice),
      l: this.price(s.symbol, s.lowPrice),
      v: this.qty(s.symbol, s.volume),
      q: s.turnover.toFixed(8),
      x: this.price(s.symbol, s.preClose),
    };
  }

  trade(t: PublicTrade): TradeEvent {
    return {
      e: 'trade',
      E: t.time,
      s: t.symbol,
      t: t.tradeId,
      p: this.price(t.symbol, t.price),
      q: this.qty(t.symbol, t.volume),
      T: t.time,
      m: t.side === 'SELL',
    };
  }

  depthSnapshot(b: BookSnapshot): DepthSnapshot {
    return {
      lastUpdateId: b.sequence,
      bids: this.levels(b.symbol, b.bids),
      asks: this.levels(b.symbol, b.asks),
    };
  }

  /** The levels that changed between two views of a book, removed ones with quantity 0. */
  depthUpdate(prev: BookSnapshot, next: BookSnapshot, market: Market, now: number): DepthUpdateEvent {
    const ev: DepthUpdateEvent = {
      e: 'depthUpdate',
      E: now,
      s: next.symbol,
      U: prev.sequence + 1,
      u: next.sequence,
      b: this.levels(next.symbol, changed(prev.bids, next.bids)),
      a: this.levels(next.symbol, changed(prev.asks, next.asks)),
    };
    if (market === 'USDM') ev.pu = prev.sequence;
    return ev;
  }
}

function positionWire(f: Formatter, p: SimPosition) {
  const signed = p.direction === Direction.SHORT ? -p.volume : p.volume;
  return {
    s: p.symbol,
    pa: f.qty(p.symbol, signed),
    ep: f.price(p.symbol, p.avgPrice),
    up: p.pnl.toFixed(8),
    ps: 'BOTH' as const,
  };
}

export function positionRisk(f: Formatter, positions: readonly SimPosition[]) {
  return positions.map((p) => {
    const w = positionWire(f, p);
    return { symbol: w.s, positionAmt: w.pa, entryPrice: w.ep, unRealizedProfit: w.up, positionSide: w.ps };
  });
}

function changed(prev: readonly BookLevel[], next: readonly BookLevel[]): BookLevel[] {
  const before = new Map(prev.map((l) => [l.price, l.volume]));
  const out: BookLevel[] = [];
  for (const l of next) {
    if (before.get(l.price) !== l.volume) out.push(l);
    before.delete(l.price);
  }
  for (const price of before.keys()) out.push({ price, volume: 0 });
  return out;
}
