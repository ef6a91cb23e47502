// OKX v5 messages → vnt objects. Pure functions over already shape-checked data (shape.ts), so the parse
// tests run them on the documented examples. Symbols are OKX instIds as they are: BTC-USDT (spot),
// BTC-USDT-SWAP (perpetual), BTC-USD-250328 (delivery futures) — unique across instrument types, so the
// OKEX and OKEXF gateways never share a vtSymbol.
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
import type {
  BalanceDetail,
  Candle,
  FeeRate,
  Fill,
  Instrument,
  InstType,
  OpenInterest,
  OrdState,
  OrdType,
  Order,
  Position,
  PublicTrade,
  Ticker,
} from './types.js';

export const EXCHANGE = Exchange.OKEX;

/** Candle bar sizes; the UTC-aligned ones, as vnt's daily and weekly bars start at 00:00 UTC. */
export const BARS: Readonly<Record<Interval, string>> = {
  [Interval.MINUTE]: '1m',
  [Interval.HOUR]: '1H',
  [Interval.DAILY]: '1Dutc',
  [Interval.WEEKLY]: '1Wutc',
};

const num = (s: string | undefined): number => (s === undefined || s === '' ? 0 : Number(s));

export function productOf(instType: InstType): Product | undefined {
  switch (instType) {
    case 'SPOT':
      return Product.SPOT;
    case 'SWAP':
      return Product.SWAP;
    case 'FUTURES':
      return Product.FUTURES;
    default:
      return undefined;
  }
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A live instrument as a contract; undefined for types vnt does not trade here or instruments not live. */
export function contractFromInstrument(
  inst: Instrument,
  gatewayName: string,
  netPosition: boolean,
): ContractData | undefined {
  const product = productOf(inst.instType);
  if (!product || inst.state !== 'live') return undefined;
  const spot = inst.instType === 'SPOT';
  const ctVal = num(inst.ctVal);
  const ctMult = num(inst.ctMult) || 1;
  const expiry = num(inst.expTime);
  const name = spot
    ? `${inst.baseCcy}/${inst.quoteCcy}`
    : inst.instType === 'SWAP'
      ? `${inst.instId} perpetual, ${inst.ctVal} ${inst.ctValCcy} a contract`
      : `${inst.instId} expiring ${expiry ? isoDate(expiry) : '?'}, ${inst.ctVal} ${inst.ctValCcy} a contract`;
  return createContract({
    gatewayName,
    symbol: inst.instId,
    exchange: EXCHANGE,
    name,
    product,
    size: spot ? 1 : ctVal * ctMult,
    pricetick: num(inst.tickSz),
    minVolume: num(inst.minSz),
    volumeStep: num(inst.lotSz),
    netPosition: spot || netPosition,
    historyData: true,
    currency: spot ? inst.quoteCcy : inst.settleCcy,
  });
}

export function statusFromState(state: OrdState): Status {
  switch (state) {
    case 'live':
      return Status.NOTTRADED;
    case 'partially_filled':
      return Status.PARTTRADED;
    case 'filled':
      return Status.ALLTRADED;
    case 'canceled':
    case 'mmp_canceled':
      return Status.CANCELLED;
  }
}

export function ordTypeFor(type: OrderType): OrdType | undefined {
  switch (type) {
    case OrderType.LIMIT:
      return 'limit';
    case OrderType.MARKET:
      return 'market';
    case OrderType.POSTONLY:
      return 'post_only';
    case OrderType.FOK:
      return 'fok';
    case OrderType.FAK:
      return 'ioc';
    default:
      return undefined;
  }
}

export function orderTypeOf(ordType: string): OrderType {
  switch (ordType) {
    case 'market':
    case 'optimal_limit_ioc':
      return OrderType.MARKET;
    case 'post_only':
      return OrderType.POSTONLY;
    case 'fok':
      return OrderType.FOK;
    case 'ioc':
      return OrderType.FAK;
    default:
      return OrderType.LIMIT;
  }
}

export function directionOf(side: 'buy' | 'sell'): Direction {
  return side === 'buy' ? Direction.LONG : Direction.SHORT;
}

/** In long/short mode the side and posSide say open or close: buy long opens, sell long closes. */
export function offsetOf(side: 'buy' | 'sell', posSide: string): Offset {
  if (posSide === 'long') return side === 'buy' ? Offset.OPEN : Offset.CLOSE;
  if (posSide === 'short') return side === 'sell' ? Offset.OPEN : Offset.CLOSE;
  return Offset.NONE;
}

/** posSide for an order in long/short mode: opening buys and closing buys of a short differ. */
export function posSideFor(direction: Direction, offset: Offset): 'long' | 'short' | undefined {
  if (offset === Offset.OPEN) return direction === Direction.LONG ? 'long' : 'short';
  if (offset === Offset.CLOSE || offset === Offset.CLOSETODAY || offset === Offset.CLOSEYESTERDAY)
    return direction === Direction.LONG ? 'short' : 'long';
  return undefined;
}

/** The vnt order id of a venue order: our clOrdId, or the venue's ordId for an order placed elsewhere. */
export function orderidOf(o: Pick<Order, 'clOrdId' | 'ordId'>): string {
  return o.clOrdId !== '' ? o.clOrdId : `x${o.ordId}`;
}

export function orderFromWire(o: Order, gatewayName: string): OrderData {
  const failed = o.code !== undefined && o.code !== '' && o.code !== '0';
  const statusMsg = failed
    ? `${o.msg ?? ''} (code ${o.code})`
    : o.state === 'canceled' && o.cancelSource
      ? `canceled (cancelSource ${o.cancelSource})`
      : '';
  return createOrder({
    gatewayName,
    symbol: o.instId,
    exchange: EXCHANGE,
    orderid: orderidOf(o),
    type: orderTypeOf(o.ordType),
    direction: directionOf(o.side),
    offset: offsetOf(o.side, o.posSide),
    price: num(o.px),
    volume: num(o.sz),
    traded: num(o.accFillSz),
    status: statusFromState(o.state),
    datetime: num(o.uTime),
    statusMsg,
  });
}

/** Trade ids are per instrument at OKX, so the instId is part of vnt's trade id. */
export function tradeidOf(instId: string, tradeId: string): string {
  return `${instId}:${tradeId}`;
}

/** The fill an orders-channel push reports, if it reports one. */
export function tradeFromOrder(o: Order, gatewayName: string): TradeData | undefined {
  if (!o.tradeId || num(o.fillSz) <= 0) return undefined;
  return createTrade({
    gatewayName,
    symbol: o.instId,
    exchange: EXCHANGE,
    orderid: orderidOf(o),
    tradeid: tradeidOf(o.instId, o.tradeId),
    direction: directionOf(o.side),
    offset: offsetOf(o.side, o.posSide),
    price: num(o.fillPx),
    volume: num(o.fillSz),
    datetime: num(o.fillTime),
  });
}

export function tradeFromFill(f: Fill, gatewayName: string): TradeData {
  return createTrade({
    gatewayName,
    symbol: f.instId,
    exchange: EXCHANGE,
    orderid: orderidOf(f),
    tradeid: tradeidOf(f.instId, f.tradeId),
    direction: directionOf(f.side),
    offset: offsetOf(f.side, f.posSide),
    price: num(f.fillPx),
    volume: num(f.fillSz),
    datetime: num(f.ts),
  });
}

export function positionFromWire(p: Position, gatewayName: string): PositionData {
  const direction =
    p.posSide === 'long' ? Direction.LONG : p.posSide === 'short' ? Direction.SHORT : Direction.NET;
  const volume = num(p.pos);
  const available =
    p.availPos === undefined || p.availPos === '' ? Math.abs(volume) : Math.abs(num(p.availPos));
  return createPosition({
    gatewayName,
    symbol: p.instId,
    exchange: EXCHANGE,
    direction,
    volume,
    frozen: Math.max(0, Math.abs(volume) - available),
    price: num(p.avgPx),
    pnl: num(p.upl),
  });
}

export function accountFromDetail(d: BalanceDetail, gatewayName: string): AccountData {
  const balance = num(d.eq) || num(d.cashBal);
  return createAccount({
    gatewayName,
    accountid: d.ccy,
    currency: d.ccy,
    balance,
    frozen: num(d.frozenBal),
    available: d.availBal === '' ? balance - num(d.frozenBal) : num(d.availBal),
  });
}

/** Candles arrive newest first; bars are returned oldest first. */
export function barsFromCandles(
  candles: readonly Candle[],
  symbol: string,
  interval: Interval,
  gatewayName: string,
  quoteTurnover: boolean,
): BarData[] {
  const bars = candles.map((c) =>
    createBar({
      gatewayName,
      symbol,
      exchange: EXCHANGE,
      interval,
      datetime: Number(c[0]),
      openPrice: Number(c[1]),
      highPrice: Number(c[2]),
      lowPrice: Number(c[3]),
      closePrice: Number(c[4]),
      volume: Number(c[5]),
      // volCcyQuote is the quote-currency turnover for every type; spot's volCcy is quote too.
      turnover: Number(c[7] ?? (quoteTurnover ? c[6] : 0)) || 0,
    }),
  );
  return bars.sort((a, b) => a.datetime - b.datetime);
}

/** The ticker's 24 h figures; for derivatives volCcy24h is in base currency, so turnover is approximated. */
export function applyTicker(tick: TickData, t: Ticker, instType: InstType): void {
  tick.lastPrice = num(t.last);
  tick.lastVolume = num(t.lastSz);
  tick.openPrice = num(t.open24h);
  tick.highPrice = num(t.high24h);
  tick.lowPrice = num(t.low24h);
  tick.volume = num(t.vol24h);
  tick.turnover = instType === 'SPOT' ? num(t.volCcy24h) : num(t.volCcy24h) * num(t.last);
  tick.datetime = num(t.ts);
}

export function applyTrade(tick: TickData, t: PublicTrade): void {
  tick.lastPrice = num(t.px);
  tick.lastVolume = num(t.sz);
  tick.datetime = num(t.ts);
}

export function applyOpenInterest(tick: TickData, oi: OpenInterest): void {
  tick.openInterest = num(oi.oi);
}

/** Which rates of a trade-fee answer apply to an instrument: by its margin (spot and coin-margined: the plain ones). */
export function feeFieldsFor(
  inst: Pick<Instrument, 'instType' | 'ctType' | 'settleCcy'>,
): readonly [keyof FeeRate, keyof FeeRate] {
  if (inst.instType === 'SPOT' || inst.instType === 'MARGIN' || inst.ctType === 'inverse')
    return ['maker', 'taker'];
  return inst.settleCcy === 'USDC' ? ['makerUSDC', 'takerUSDC'] : ['makerU', 'takerU'];
}

/** A contract's fees from OKX's rates (negative = charged): the taker's rate, the maker's beside it. */
export function feesFromOkx(maker: unknown, taker: unknown): ContractData['commission'] {
  if (typeof maker !== 'string' || typeof taker !== 'string' || !maker.trim() || !taker.trim())
    return undefined;
  const m = -Number(maker);
  const t = -Number(taker);
  if (!Number.isFinite(m) || !Number.isFinite(t)) return undefined;
  return { rate: t + 0, perLot: 0, maker: m + 0 };
}
