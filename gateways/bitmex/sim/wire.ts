// The BitMEX simulator's instruments and its objects in BitMEX's wire shapes: every row carries the fields of
// the swagger definition of its table (BitMEX/api-connectors swagger.json, "definitions"), with swagger's
// types, so the sim/doc agreement test can compare them key by key.
import { Exchange, OrderType, Product } from '../../../src/core/constant.js';
import type { InstrumentSpec, SimAccount, SimFill, SimOrder, SimPosition } from '../../../src/sim/types.js';
import type { Execution, Instrument, L2Row, Margin, Order, Position, Wallet } from '../types.js';

/** What BitMEX says about an instrument beyond what the matching engine needs. */
export interface VenueInstrument {
  spec: InstrumentSpec;
  typ: 'FFWCSX' | 'FFCCSX' | 'IFXXXP';
  kind: 'inverse' | 'linear' | 'quanto' | 'spot';
  underlying: string;
  quoteCurrency: string;
  positionCurrency: string;
  settlCurrency: string;
  /** Venue lot in venue quantity units. */
  lotSize: number;
  multiplier: number;
  /** Venue quantity units per engine volume unit (1e8 for spot XBT; 1 for contracts). */
  qtyPerVolume: number;
  underlyingToPositionMultiplier: number | null;
  expiry: string | null;
}

const XBT = 96500;

/**
 * One of each kind BitMEX lists: an inverse perpetual (XBTUSD), a linear perpetual (XBTUSDT, 1 contract =
 * 0.000001 XBT), a quanto perpetual (ETHUSD) and a spot pair whose quantities are satoshis (XBT_USDT).
 * The engine trades all of them in one USDT account: its accounting is linear, BitMEX's inverse and quanto
 * settlement is not reproduced (docs/gateways/bitmex.md says so).
 */
export const INSTRUMENTS: VenueInstrument[] = [
  {
    spec: spec('XBTUSD', 'XBTUSD inverse perpetual', Product.SWAP, 0.5, 100, XBT, 0.01),
    typ: 'FFWCSX',
    kind: 'inverse',
    underlying: 'XBT',
    quoteCurrency: 'USD',
    positionCurrency: 'USD',
    settlCurrency: 'XBt',
    lotSize: 100,
    multiplier: -100000000,
    qtyPerVolume: 1,
    underlyingToPositionMultiplier: null,
    expiry: null,
  },
  {
    spec: spec('XBTUSDT', 'XBTUSDT linear perpetual', Product.SWAP, 0.5, 1000, XBT, 0.01, 1e-6),
    typ: 'FFWCSX',
    kind: 'linear',
    underlying: 'XBT',
    quoteCurrency: 'USDT',
    positionCurrency: 'XBT',
    settlCurrency: 'USDt',
    lotSize: 1000,
    multiplier: 1,
    qtyPerVolume: 1,
    underlyingToPositionMultiplier: 1000000,
    expiry: null,
  },
  {
    spec: spec('ETHUSD', 'ETHUSD quanto perpetual', Product.SWAP, 0.05, 1, 3400, 0.01),
    typ: 'FFWCSX',
    kind: 'quanto',
    underlying: 'ETH',
    quoteCurrency: 'USD',
    positionCurrency: 'USD',
    settlCurrency: 'XBt',
    lotSize: 1,
    multiplier: 100,
    qtyPerVolume: 1,
    underlyingToPositionMultiplier: null,
    expiry: null,
  },
  {
    spec: {
      ...spec('XBT_USDT', 'XBT/USDT spot', Product.SPOT, 0.5, 0.00001, XBT, 0),
      baseAsset: 'XBT',
    },
    typ: 'IFXXXP',
    kind: 'spot',
    underlying: 'XBT',
    quoteCurrency: 'USDT',
    positionCurrency: 'XBT',
    settlCurrency: 'USDt',
    lotSize: 1000,
    multiplier: 1,
    qtyPerVolume: 100000000,
    underlyingToPositionMultiplier: 100000000,
    expiry: null,
  },
];

function spec(
  symbol: string,
  name: string,
  product: Product,
  pricetick: number,
  lotSize: number,
  initialPrice: number,
  marginRate: number,
  size = 1,
): InstrumentSpec {
  return {
    symbol,
    exchange: Exchange.BITMEX,
    name,
    product,
    size,
    pricetick,
    lotSize,
    minVolume: lotSize,
    ...(marginRate > 0 ? { marginRate } : {}),
    commissionRate: 0.0005,
    initialPrice,
    volatility: 0.0005,
    currency: 'USDT',
  };
}

export const ACCOUNT_NUMBER = 2170;
/** The engine account is in USDT; BitMEX reports USDT amounts in USDt (1e-6). */
export const USDT_SCALE = 1e6;
export const XBT_SCALE = 1e8;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function instrumentRow(v: VenueInstrument, now: number, last = v.spec.initialPrice): Instrument {
  return {
    symbol: v.spec.symbol,
    rootSymbol: v.underlying,
    state: 'Open',
    typ: v.typ,
    listing: iso(Date.UTC(2016, 4, 13, 12)),
    expiry: v.expiry,
    underlying: v.underlying,
    quoteCurrency: v.quoteCurrency,
    positionCurrency: v.positionCurrency,
    settlCurrency: v.settlCurrency,
    maxOrderQty: 10000000,
    lotSize: v.lotSize,
    tickSize: v.spec.pricetick,
    multiplier: v.multiplier,
    underlyingToPositionMultiplier: v.underlyingToPositionMultiplier,
    isQuanto: v.kind === 'quanto',
    isInverse: v.kind === 'inverse',
    lastPrice: last,
    markPrice: last,
    fundingRate: v.kind === 'spot' ? null : 0.0001,
    volume24h: 0,
    turnover24h: 0,
    openInterest: 0,
    highPrice: last,
    lowPrice: last,
    prevClosePrice: v.spec.initialPrice,
    timestamp: iso(now),
  } as Instrument;
}

const STATUS: Record<SimOrder['status'], string> = {
  NEW: 'New',
  PENDING_TRIGGER: 'New',
  PARTIALLY_FILLED: 'PartiallyFilled',
  FILLED: 'Filled',
  CANCELED: 'Canceled',
  REJECTED: 'Rejected',
};

/** Fields of an order the engine does not know, kept by the venue from the request. */
export interface OrderExtras {
  orderID: string;
  clOrdID: string;
  ordType: string;
  timeInForce: string;
  execInst: string;
  stopPx: number | null;
  text: string;
}

export function orderRow(o: SimOrder, v: VenueInstrument, x: OrderExtras, now: number): Order {
  const qty = Math.round(o.volume * v.qtyPerVolume);
  const cum = Math.round(o.filled * v.qtyPerVolume);
  const done = o.status === 'FILLED' || o.status === 'CANCELED' || o.status === 'REJECTED';
  return {
    orderID: x.orderID,
    clOrdID: x.clOrdID,
    clOrdLinkID: '',
    account: ACCOUNT_NUMBER,
    symbol: o.symbol,
    side: o.side === 'BUY' ? 'Buy' : 'Sell',
    orderQty: qty,
    price: x.ordType === 'Limit' ? o.price : null,
    displayQty: null,
    stopPx: x.stopPx,
    pegOffsetValue: null,
    pegPriceType: '',
    currency: v.quoteCurrency,
    settlCurrency: v.settlCurrency,
    ordType: x.ordType,
    timeInForce: x.timeInForce,
    execInst: x.execInst,
    contingencyType: '',
    ordStatus: STATUS[o.status],
    triggered:
      o.type === OrderType.STOP
        ? o.status === 'PENDING_TRIGGER'
          ? 'NotTriggered'
          : 'StopOrderTriggered'
        : '',
    workingIndicator: !done && o.status !== 'PENDING_TRIGGER',
    ordRejReason: o.status === 'REJECTED' ? o.reason : '',
    leavesQty: done ? 0 : qty - cum,
    cumQty: cum,
    avgPx: o.filled > 0 ? o.avgPrice : null,
    text: o.status === 'CANCELED' && o.reason ? `Canceled: ${o.reason}` : x.text,
    transactTime: iso(o.createdAt),
    timestamp: iso(Math.max(o.updatedAt, now)),
  } as Order;
}

export function executionRow(
  order: Order,
  execType: 'New' | 'Trade' | 'Canceled',
  execID: string,
  fill: SimFill | undefined,
  v: VenueInstrument,
  now: number,
): Execution {
  const lastQty = fill ? Math.round(fill.volume * v.qtyPerVolume) : null;
  return {
    execID,
    orderID: order.orderID,
    clOrdID: order.clOrdID ?? '',
    clOrdLinkID: '',
    account: ACCOUNT_NUMBER,
    symbol: order.symbol ?? '',
    side: order.side ?? 'Buy',
    lastQty,
    lastPx: fill ? fill.price : null,
    lastLiquidityInd: fill ? (fill.maker ? 'AddedLiquidity' : 'RemovedLiquidity') : '',
    orderQty: order.orderQty ?? 0,
    price: order.price ?? null,
    displayQty: null,
    stopPx: order.stopPx ?? null,
    pegOffsetValue: null,
    pegPriceType: '',
    currency: v.quoteCurrency,
    settlCurrency: v.settlCurrency,
    execType,
    ordType: order.ordType ?? 'Limit',
    timeInForce: order.timeInForce ?? '',
    execInst: order.execInst ?? '',
    contingencyType: '',
    ordStatus: order.ordStatus ?? 'New',
    triggered: order.triggered ?? '',
    workingIndicator: order.workingIndicator ?? false,
    ordRejReason: order.ordRejReason ?? '',
    leavesQty: order.leavesQty ?? 0,
    cumQty: order.cumQty ?? 0,
    avgPx: order.avgPx ?? null,
    commission: 0.0005,
    feeType: fill ? 'Trade' : '',
    tradePublishIndicator: fill ? 'PublishTrade' : '',
    text: order.text ?? '',
    trdMatchID: fill ? `00000000-0000-0000-0000-${String(fill.tradeId).padStart(12, '0')}` : '',
    execCost: fill ? Math.round(fill.price * fill.volume * USDT_SCALE) : null,
    execComm: fill ? Math.round(fill.commission * USDT_SCALE) : null,
    homeNotional: fill ? fill.volume : null,
    foreignNotional: fill ? fill.volume * fill.price : null,
    transactTime: iso(fill?.time ?? now),
    timestamp: iso(fill?.time ?? now),
  } as Execution;
}

export function positionRow(p: SimPosition | undefined, v: VenueInstrument, now: number): Position {
  const signed = p ? (p.direction === 'SHORT' ? -p.volume : p.volume) : 0;
  return {
    account: ACCOUNT_NUMBER,
    symbol: v.spec.symbol,
    currency: v.settlCurrency,
    underlying: v.underlying,
    quoteCurrency: v.quoteCurrency,
    leverage: 100,
    crossMargin: true,
    currentQty: Math.round(signed * v.qtyPerVolume),
    isOpen: signed !== 0,
    markPrice: v.spec.initialPrice,
    unrealisedPnl: Math.round((p?.pnl ?? 0) * USDT_SCALE),
    avgEntryPrice: p && p.volume > 0 ? p.avgPrice : null,
    timestamp: iso(now),
  } as Position;
}

export function marginRow(a: SimAccount, now: number): Margin {
  const amount = Math.round(a.balance * USDT_SCALE);
  return {
    account: ACCOUNT_NUMBER,
    currency: 'USDt',
    riskLimit: 1000000000000,
    amount,
    realisedPnl: Math.round(a.realizedPnl * USDT_SCALE),
    unrealisedPnl: 0,
    walletBalance: amount,
    marginBalance: amount,
    availableMargin: Math.round(a.available * USDT_SCALE),
    withdrawableMargin: Math.round(a.available * USDT_SCALE),
    timestamp: iso(now),
  } as Margin;
}

export function walletRows(a: SimAccount, now: number): Wallet[] {
  const xbt = a.assets['XBT'];
  return [
    {
      account: ACCOUNT_NUMBER,
      currency: 'USDt',
      amount: Math.round(a.balance * USDT_SCALE),
      timestamp: iso(now),
    },
    {
      account: ACCOUNT_NUMBER,
      currency: 'XBt',
      amount: Math.round(((xbt?.free ?? 0) + (xbt?.locked ?? 0)) * XBT_SCALE),
      timestamp: iso(now),
    },
  ];
}

/** BitMEX L2 ids encode the price (one id per price and instrument). */
export function l2Id(index: number, v: VenueInstrument, price: number): number {
  return (88 + index) * 100_000_000 - Math.round(price / v.spec.pricetick);
}

export function l2Row(
  index: number,
  v: VenueInstrument,
  side: 'Buy' | 'Sell',
  price: number,
  volume: number,
  now: number,
): L2Row {
  return {
    symbol: v.spec.symbol,
    id: l2Id(index, v, price),
    side,
    size: Math.round(volume * v.qtyPerVolume),
    price,
    timestamp: iso(now),
  };
}
