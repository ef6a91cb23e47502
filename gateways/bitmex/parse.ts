// BitMEX rows → vnt objects. Quantities: BitMEX counts swaps and futures in contracts, and spot pairs in the
// base currency's minor unit (orderQty 10000 on XBT_USDT is 0.0001 XBT, per the swagger description of
// POST /order orderQty); vnt shows what a trader means — contracts, or whole base units for spot — and
// converts here, with `qtyPerVolume` per instrument. Account amounts are integers in the settlement
// currency's minor unit (XBt, USDt) and are scaled to whole units.
import { Direction, Exchange, Interval, OrderType, Product, Status } from '../../src/core/constant.js';
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
  type TradeData,
} from '../../src/core/object.js';
import type { Execution, Instrument, Margin, Order, Position, TradeBin } from './types.js';

export const EXCHANGE = Exchange.BITMEX;

export type ContractKind = 'inverse' | 'linear' | 'quanto' | 'spot';

/** What the gateway needs beyond ContractData to talk about one instrument. */
export interface BitmexContract {
  contract: ContractData;
  kind: ContractKind;
  /** Venue quantity units per vnt volume unit: 1 for contracts, e.g. 1e8 for XBT_USDT. */
  qtyPerVolume: number;
  settlCurrency: string;
}

/** Settlement currencies' minor units as BitMEX names them, with the whole unit and its scale. */
const CURRENCIES: Record<string, { name: string; scale: number }> = {
  XBt: { name: 'XBT', scale: 1e8 },
  USDt: { name: 'USDT', scale: 1e6 },
  Gwei: { name: 'ETH', scale: 1e9 },
};

export function currencyOf(minor: string): { name: string; scale: number } {
  return CURRENCIES[minor] ?? { name: minor.toUpperCase(), scale: 1 };
}

function productOf(i: Instrument): Product | undefined {
  const typ = i.typ ?? '';
  if (typ === 'IFXXXP') return Product.SPOT;
  if (typ.startsWith('FFWCS')) return Product.SWAP;
  if (typ.startsWith('FFCCS') || i.expiry) return Product.FUTURES;
  return undefined;
}

/**
 * The tradable instruments of GET /instrument/active. Indices and instruments that are not open are
 * skipped; a row that is not an instrument at all is reported by the caller's shape check.
 */
export function parseInstrument(i: Instrument, gatewayName: string): BitmexContract | undefined {
  const product = productOf(i);
  if (!product || (i.state !== undefined && i.state !== 'Open')) return undefined;
  const lot = Number(i.lotSize);
  const tick = Number(i.tickSize);
  if (!(lot > 0) || !(tick > 0)) return undefined;
  const spot = product === Product.SPOT;
  const kind: ContractKind = spot ? 'spot' : i.isInverse ? 'inverse' : i.isQuanto ? 'quanto' : 'linear';
  const perPosition = Number(i.underlyingToPositionMultiplier) || 1;
  const qtyPerVolume = spot ? perPosition : 1;
  const settl = i.settlCurrency ?? '';
  const settle = currencyOf(settl).name;
  const expiry = i.expiry ? Date.parse(i.expiry) : NaN;
  const what =
    product === Product.SPOT
      ? 'spot'
      : `${kind} ${product === Product.SWAP ? 'perpetual' : 'future'}, settled in ${settle}`;
  const expires = Number.isFinite(expiry) ? `, expires ${new Date(expiry).toISOString().slice(0, 10)}` : '';
  // Size is what one unit of vnt volume is worth: a whole base unit for spot, the face value of a linear
  // contract in its underlying, one quote unit for an inverse contract, the multiplier for a quanto.
  let size = 1;
  if (kind === 'linear') size = 1 / perPosition;
  else if (kind === 'quanto') size = Math.abs(Number(i.multiplier) || 1) / currencyOf(settl).scale;
  const contract = createContract({
    gatewayName,
    symbol: i.symbol,
    exchange: EXCHANGE,
    name: `${i.symbol} ${what}${expires}`,
    product,
    size,
    pricetick: tick,
    minVolume: lot / qtyPerVolume,
    volumeStep: lot / qtyPerVolume,
    stopSupported: true,
    netPosition: true,
    historyData: true,
    currency: i.quoteCurrency ?? '',
  });
  return { contract, kind, qtyPerVolume, settlCurrency: settl };
}

export function toVenueQty(volume: number, c: BitmexContract): number {
  return Math.round(volume * c.qtyPerVolume);
}

export function fromVenueQty(qty: number, c: BitmexContract | undefined): number {
  const per = c?.qtyPerVolume ?? 1;
  return per === 1 ? qty : Number((qty / per).toPrecision(15));
}

/** BitMEX order fields for a vnt order type (POST /order ordType, timeInForce, execInst). */
export interface VenueOrderType {
  ordType: 'Limit' | 'Market' | 'Stop';
  timeInForce?: 'GoodTillCancel' | 'ImmediateOrCancel' | 'FillOrKill';
  execInst: string[];
}

export function orderTypeToVenue(type: OrderType): VenueOrderType | undefined {
  switch (type) {
    case OrderType.LIMIT:
      return { ordType: 'Limit', timeInForce: 'GoodTillCancel', execInst: [] };
    case OrderType.MARKET:
      return { ordType: 'Market', execInst: [] };
    case OrderType.STOP:
      // A stop-market triggered by the last price (BitMEX's default trigger is the mark price).
      return { ordType: 'Stop', execInst: ['LastPrice'] };
    case OrderType.FAK:
      return { ordType: 'Limit', timeInForce: 'ImmediateOrCancel', execInst: [] };
    case OrderType.FOK:
      return { ordType: 'Limit', timeInForce: 'FillOrKill', execInst: [] };
    case OrderType.POSTONLY:
      return { ordType: 'Limit', timeInForce: 'GoodTillCancel', execInst: ['ParticipateDoNotInitiate'] };
    default:
      return undefined;
  }
}

function orderTypeFromVenue(o: Order): OrderType {
  const inst = o.execInst ?? '';
  if (o.ordType === 'Market') return OrderType.MARKET;
  if (o.ordType === 'Stop') return OrderType.STOP;
  if (inst.includes('ParticipateDoNotInitiate')) return OrderType.POSTONLY;
  if (o.timeInForce === 'ImmediateOrCancel') return OrderType.FAK;
  if (o.timeInForce === 'FillOrKill') return OrderType.FOK;
  return OrderType.LIMIT;
}

const STATUS: Record<string, Status> = {
  New: Status.NOTTRADED,
  PartiallyFilled: Status.PARTTRADED,
  Filled: Status.ALLTRADED,
  Canceled: Status.CANCELLED,
  Rejected: Status.REJECTED,
  Expired: Status.CANCELLED,
  Stopped: Status.CANCELLED,
  DoneForDay: Status.CANCELLED,
};

export function statusFromVenue(ordStatus: string | undefined): Status | undefined {
  return ordStatus === undefined ? undefined : STATUS[ordStatus];
}

export function directionOf(side: string | undefined): Direction {
  return side === 'Sell' ? Direction.SHORT : Direction.LONG;
}

export function sideOf(direction: Direction): 'Buy' | 'Sell' {
  return direction === Direction.SHORT ? 'Sell' : 'Buy';
}

/** The vnt order id of a venue order: our clOrdID, or the venue's orderID for orders placed elsewhere. */
export function orderidOf(o: Pick<Order, 'orderID' | 'clOrdID'>): string {
  return o.clOrdID ? o.clOrdID : o.orderID;
}

function time(text: string | undefined): number {
  const t = text ? Date.parse(text) : NaN;
  return Number.isFinite(t) ? t : Date.now();
}

/** A full order row (partial/insert, or stored row merged with updates). */
export function orderFromVenue(o: Order, c: BitmexContract | undefined, gatewayName: string): OrderData {
  const status = statusFromVenue(o.ordStatus) ?? Status.NOTTRADED;
  const reason = [o.ordRejReason, o.text].filter((s) => s).join(': ');
  return createOrder({
    gatewayName,
    orderid: orderidOf(o),
    symbol: o.symbol ?? '',
    exchange: EXCHANGE,
    type: orderTypeFromVenue(o),
    direction: directionOf(o.side),
    price: Number((o.ordType === 'Stop' ? o.stopPx : o.price) ?? 0),
    volume: fromVenueQty(Number(o.orderQty ?? 0), c),
    traded: fromVenueQty(Number(o.cumQty ?? 0), c),
    status,
    datetime: time(o.timestamp ?? o.transactTime),
    statusMsg: status === Status.REJECTED || status === Status.CANCELLED ? reason : '',
  });
}

/** A fill (execType "Trade"), or undefined for any other execution. */
export function tradeFromExecution(
  e: Execution,
  c: BitmexContract | undefined,
  gatewayName: string,
): TradeData | undefined {
  if (e.execType !== 'Trade' || !(Number(e.lastQty) > 0)) return undefined;
  return createTrade({
    gatewayName,
    symbol: e.symbol,
    exchange: EXCHANGE,
    orderid: e.clOrdID ? e.clOrdID : (e.orderID ?? ''),
    // execIDs are GUIDs, unique across all symbols.
    tradeid: e.execID,
    direction: directionOf(e.side),
    price: Number(e.lastPx ?? 0),
    volume: fromVenueQty(Number(e.lastQty), c),
    datetime: time(e.transactTime ?? e.timestamp),
  });
}

export function positionFromVenue(
  p: Position,
  c: BitmexContract | undefined,
  gatewayName: string,
): PositionData {
  const settle = currencyOf(p.currency ?? c?.settlCurrency ?? '');
  return createPosition({
    gatewayName,
    symbol: p.symbol,
    exchange: EXCHANGE,
    direction: Direction.NET,
    volume: fromVenueQty(Number(p.currentQty ?? 0), c),
    price: Number(p.avgEntryPrice ?? 0),
    pnl: Number(p.unrealisedPnl ?? 0) / settle.scale,
  });
}

export function accountFromMargin(m: Margin, gatewayName: string): AccountData {
  const cur = currencyOf(m.currency);
  const balance = Number(m.marginBalance ?? m.walletBalance ?? 0) / cur.scale;
  const available = Number(m.availableMargin ?? 0) / cur.scale;
  return createAccount({
    gatewayName,
    accountid: cur.name,
    balance,
    available,
    frozen: Math.max(0, balance - available),
    currency: cur.name,
  });
}

/** GET /trade/bucketed binSize per vnt interval (BitMEX has no weekly bins). */
export const BIN_SIZES: Partial<Record<Interval, { binSize: string; ms: number }>> = {
  [Interval.MINUTE]: { binSize: '1m', ms: 60_000 },
  [Interval.HOUR]: { binSize: '1h', ms: 3_600_000 },
  [Interval.DAILY]: { binSize: '1d', ms: 86_400_000 },
};

/**
 * BitMEX stamps a bin with its close time (the 00:01 bin covers 00:00-00:01); vnt bars carry their open
 * time, so the interval is subtracted.
 */
export function barFromBin(
  b: TradeBin,
  c: BitmexContract | undefined,
  interval: Interval,
  gatewayName: string,
): BarData {
  const ms = BIN_SIZES[interval]?.ms ?? 0;
  return createBar({
    gatewayName,
    symbol: b.symbol,
    exchange: EXCHANGE,
    interval,
    datetime: time(b.timestamp) - ms,
    openPrice: Number(b.open ?? 0),
    highPrice: Number(b.high ?? 0),
    lowPrice: Number(b.low ?? 0),
    closePrice: Number(b.close ?? 0),
    volume: fromVenueQty(Number(b.volume ?? 0), c),
    turnover: Number(b.turnover ?? 0),
  });
}
