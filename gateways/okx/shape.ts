// What an OKX message must hold before the gateway uses it (fields the gateway reads; OKX adds fields freely,
// so extra ones are fine). Each check names the first field that is wrong.
import { quoteValue } from '../../src/core/errors.js';
import { eachProblem, isDecimal, shapeProblem, type Spec } from '../common/shape.js';

const SIDE = ['buy', 'sell'] as const;
const STATES = ['live', 'partially_filled', 'filled', 'canceled', 'mmp_canceled'] as const;

export const ORDER_SPEC: Spec = {
  instId: 'text',
  ordId: 'text',
  clOrdId: 'string',
  px: 'decimal?',
  sz: 'decimal',
  ordType: 'text',
  side: SIDE,
  posSide: 'string',
  accFillSz: 'decimal?',
  state: STATES,
  uTime: 'decimal',
};

export function orderProblem(o: unknown): string | undefined {
  const p = shapeProblem(o, ORDER_SPEC);
  if (p) return p;
  // A fill needs its trade id, size and price: without them it could not be told apart from its repeats.
  const f = o as { tradeId?: unknown; fillSz?: unknown; fillPx?: unknown };
  if (f.tradeId !== undefined && f.tradeId !== '' && isDecimal(f.fillSz) && +String(f.fillSz) > 0) {
    return shapeProblem(o, { tradeId: 'text', fillPx: 'decimal', fillSz: 'decimal', fillTime: 'decimal' });
  }
  return undefined;
}

export const FILL_SPEC: Spec = {
  instId: 'text',
  tradeId: 'text',
  ordId: 'text',
  clOrdId: 'string',
  fillPx: 'decimal',
  fillSz: 'decimal',
  side: SIDE,
  ts: 'decimal',
};

export const POSITION_SPEC: Spec = {
  instId: 'text',
  posSide: ['net', 'long', 'short'],
  pos: 'decimal?',
  avgPx: 'decimal?',
  upl: 'decimal?',
};

export const DETAIL_SPEC: Spec = {
  ccy: 'text',
  eq: 'decimal?',
  cashBal: 'decimal?',
  availBal: 'decimal?',
  frozenBal: 'decimal?',
};

export function balanceProblem(b: unknown): string | undefined {
  return (
    shapeProblem(b, { details: 'array' }) ??
    eachProblem((b as { details: unknown }).details, DETAIL_SPEC, 'details')
  );
}

export const INSTRUMENT_SPEC: Spec = {
  instType: 'text',
  instId: 'text',
  tickSz: 'decimal',
  lotSz: 'decimal',
  minSz: 'decimal',
  ctVal: 'decimal?',
  ctMult: 'decimal?',
  expTime: 'decimal?',
  state: 'text',
};

export const TICKER_SPEC: Spec = {
  instId: 'text',
  last: 'decimal?',
  lastSz: 'decimal?',
  open24h: 'decimal?',
  high24h: 'decimal?',
  low24h: 'decimal?',
  vol24h: 'decimal?',
  volCcy24h: 'decimal?',
  ts: 'decimal',
};

export const TRADE_SPEC: Spec = {
  instId: 'text',
  tradeId: 'text',
  px: 'decimal',
  sz: 'decimal',
  ts: 'decimal',
};

export const OPEN_INTEREST_SPEC: Spec = { instId: 'text', oi: 'decimal', ts: 'decimal' };

const isLevel = (l: unknown): boolean =>
  Array.isArray(l) &&
  l.length >= 2 &&
  typeof l[0] === 'string' &&
  isDecimal(l[0]) &&
  typeof l[1] === 'string' &&
  isDecimal(l[1]);

export function bookProblem(d: unknown, action: unknown): string | undefined {
  if (action !== 'snapshot' && action !== 'update')
    return `action is ${quoteValue(action)}, not snapshot or update`;
  const p = shapeProblem(d, {
    asks: 'array',
    bids: 'array',
    ts: 'decimal',
    seqId: 'integer',
    prevSeqId: 'integer',
  });
  if (p) return p;
  const b = d as { asks: unknown[]; bids: unknown[]; checksum?: unknown };
  if (b.checksum !== undefined && !(typeof b.checksum === 'number' && Number.isSafeInteger(b.checksum)))
    return `field checksum is ${quoteValue(b.checksum)}, not an integer`;
  const bad = [...b.asks, ...b.bids].find((l) => !isLevel(l));
  return bad === undefined ? undefined : `a level is ${quoteValue(bad)}, not [price, size, ...] strings`;
}

export function candleProblem(c: unknown): string | undefined {
  if (!Array.isArray(c) || c.length < 6 || !c.slice(0, 6).every((v) => typeof v === 'string' && isDecimal(v)))
    return `a candle is ${quoteValue(c)}, not [ts, o, h, l, c, vol, ...]`;
  return undefined;
}

export { eachProblem, shapeProblem };
