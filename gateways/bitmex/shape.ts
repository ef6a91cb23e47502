// What a BitMEX row must hold before the gateway uses it. Rows of `partial` and `insert` are full; rows of
// `update` carry the table's keys plus only the fields that changed (BitMEX's realtime API), so every check
// has required fields and optional ones that, when present, must have their swagger type. Each problem names
// the field, so the warning says what actually arrived.
import { quoteValue } from '../../src/core/errors.js';

type Kind = 'string' | 'number' | 'nnumber' | 'int' | 'side' | 'boolean';
type Spec = Readonly<Record<string, Kind>>;

function fits(v: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'nnumber':
      return v === null || (typeof v === 'number' && Number.isFinite(v));
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'side':
      return v === 'Buy' || v === 'Sell';
    case 'boolean':
      return typeof v === 'boolean';
  }
}

/** The first problem with a row: a required field missing or mistyped, or an optional one mistyped. */
export function rowProblem(row: unknown, required: Spec, optional: Spec = {}): string | undefined {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return 'a row is not an object';
  const r = row as Record<string, unknown>;
  for (const [key, kind] of Object.entries(required)) {
    if (!fits(r[key], kind)) return `field ${key} is ${quoteValue(r[key])}, not ${kind}`;
  }
  for (const [key, kind] of Object.entries(optional)) {
    if (r[key] !== undefined && !fits(r[key], kind)) {
      return `field ${key} is ${quoteValue(r[key])}, not ${kind}`;
    }
  }
  return undefined;
}

const ORDER_OPTIONAL: Spec = {
  clOrdID: 'string',
  symbol: 'string',
  side: 'side',
  orderQty: 'int',
  price: 'nnumber',
  stopPx: 'nnumber',
  ordType: 'string',
  ordStatus: 'string',
  leavesQty: 'int',
  cumQty: 'int',
  avgPx: 'nnumber',
  text: 'string',
  ordRejReason: 'string',
  timestamp: 'string',
};

export const SHAPES = {
  instrument: {
    required: { symbol: 'string', tickSize: 'number', lotSize: 'number' },
    optional: {
      multiplier: 'nnumber',
      isInverse: 'boolean',
      isQuanto: 'boolean',
      underlyingToPositionMultiplier: 'nnumber',
      lastPrice: 'nnumber',
      markPrice: 'nnumber',
      fundingRate: 'nnumber',
      volume24h: 'nnumber',
      turnover24h: 'nnumber',
      openInterest: 'nnumber',
      highPrice: 'nnumber',
      lowPrice: 'nnumber',
      prevClosePrice: 'nnumber',
      limitUpPrice: 'nnumber',
      limitDownPrice: 'nnumber',
    },
  },
  /** An instrument table update: only the symbol is sure to be there. */
  instrumentUpdate: { required: { symbol: 'string' }, optional: {} },
  order: {
    required: { orderID: 'string', symbol: 'string', side: 'side', orderQty: 'int', ordStatus: 'string' },
    optional: ORDER_OPTIONAL,
  },
  orderUpdate: { required: { orderID: 'string' }, optional: ORDER_OPTIONAL },
  execution: {
    required: { execID: 'string', symbol: 'string', execType: 'string' },
    optional: {
      orderID: 'string',
      clOrdID: 'string',
      side: 'side',
      lastQty: 'nnumber',
      lastPx: 'nnumber',
      cumQty: 'int',
      timestamp: 'string',
    },
  },
  /** An execution that is a fill must say how much, at what price and which way. */
  fill: { required: { side: 'side', lastQty: 'int', lastPx: 'number' }, optional: {} },
  position: {
    required: { account: 'int', symbol: 'string' },
    optional: { currentQty: 'int', avgEntryPrice: 'nnumber', unrealisedPnl: 'number', currency: 'string' },
  },
  margin: {
    required: { account: 'int', currency: 'string' },
    optional: { marginBalance: 'number', availableMargin: 'number', walletBalance: 'number' },
  },
  wallet: { required: { account: 'int', currency: 'string' }, optional: { amount: 'number' } },
  l2Full: {
    required: { symbol: 'string', id: 'int', side: 'side', size: 'int', price: 'number' },
    optional: {},
  },
  l2Update: { required: { symbol: 'string', id: 'int', side: 'side', size: 'int' }, optional: {} },
  l2Delete: { required: { symbol: 'string', id: 'int', side: 'side' }, optional: {} },
  trade: {
    required: { symbol: 'string', price: 'number', size: 'int', timestamp: 'string' },
    optional: { side: 'side' },
  },
  quote: {
    required: { symbol: 'string', timestamp: 'string' },
    optional: { bidPrice: 'nnumber', askPrice: 'nnumber', bidSize: 'nnumber', askSize: 'nnumber' },
  },
  tradeBin: {
    required: { timestamp: 'string', symbol: 'string' },
    optional: { open: 'nnumber', high: 'nnumber', low: 'nnumber', close: 'nnumber', volume: 'number' },
  },
} as const satisfies Record<string, { required: Spec; optional: Spec }>;

export type ShapeName = keyof typeof SHAPES;

export function problemOf(row: unknown, shape: ShapeName): string | undefined {
  const s = SHAPES[shape];
  return rowProblem(row, s.required, s.optional);
}

/** A realtime frame's envelope: {"table": string, "action": one of four, "data": [...]}. */
export function tableProblem(msg: Record<string, unknown>): string | undefined {
  if (typeof msg.table !== 'string') return `field table is ${quoteValue(msg.table)}`;
  if (!['partial', 'insert', 'update', 'delete'].includes(msg.action as string)) {
    return `field action is ${quoteValue(msg.action)}`;
  }
  if (!Array.isArray(msg.data)) return `field data is ${quoteValue(msg.data)}, not an array`;
  if (msg.keys !== undefined && !(Array.isArray(msg.keys) && msg.keys.every((k) => typeof k === 'string'))) {
    return `field keys is ${quoteValue(msg.keys)}`;
  }
  return undefined;
}
