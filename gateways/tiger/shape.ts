// What a Tiger REST item must hold before vnt reads it (specs for gateways/common/shape.ts). Ids may be
// numbers or (past 2^53, after quoteBigIntegers) strings; only the fields vnt uses are required.
import { eachProblem, fits, shapeProblem, type Spec } from '../common/shape.js';

const ID = (v: unknown) => (typeof v === 'string' && /^-?\d+$/.test(v)) || fits(v, 'integer');

function idProblem(o: unknown, key: string): string | undefined {
  const v = (o as Record<string, unknown>)[key];
  return ID(v) ? undefined : `field ${key} is ${JSON.stringify(v) ?? 'undefined'}, not an id`;
}

const CONTRACT: Spec = { symbol: 'text', secType: 'text', market: 'text', currency: 'text' };
const FUTURE: Spec = { contractCode: 'text', type: 'text', currency: 'text', exchange: 'text' };
const ORDER: Spec = {
  account: 'string',
  symbol: 'text',
  secType: 'text',
  action: ['BUY', 'SELL'],
  orderType: 'text',
  totalQuantity: 'number',
  filledQuantity: 'number',
  status: 'text',
  openTime: 'number',
};
const TRANSACTION: Spec = {
  symbol: 'text',
  secType: 'text',
  action: ['BUY', 'SELL'],
  filledQuantity: 'number',
  filledPrice: 'number',
  transactionTime: 'number',
};
const POSITION: Spec = { symbol: 'text', secType: 'text', position: 'number', averageCost: 'number' };
const SEGMENT: Spec = {
  category: 'text',
  currency: 'text',
  cashAvailableForTrade: 'number',
  netLiquidation: 'number',
};

export function contractProblem(c: unknown): string | undefined {
  return shapeProblem(c, CONTRACT);
}

export function futureContractProblem(c: unknown): string | undefined {
  return shapeProblem(c, FUTURE);
}

export function orderProblem(o: unknown): string | undefined {
  return shapeProblem(o, ORDER) ?? idProblem(o, 'id');
}

export function transactionProblem(t: unknown): string | undefined {
  return shapeProblem(t, TRANSACTION) ?? idProblem(t, 'id') ?? idProblem(t, 'orderId');
}

export function positionProblem(p: unknown): string | undefined {
  return shapeProblem(p, POSITION);
}

export function primeAssetsProblem(a: unknown): string | undefined {
  return (
    shapeProblem(a, { segments: 'array' }) ??
    eachProblem((a as { segments: unknown }).segments, SEGMENT, 'segments')
  );
}

/** A paged list: {items: [...]} (with nextPageToken where there are more). */
export function pageProblem(p: unknown): string | undefined {
  return shapeProblem(p, { items: 'array' });
}

export function placeReplyProblem(p: unknown): string | undefined {
  return shapeProblem(p, {}) ?? idProblem(p, 'id');
}

const KLINE: Spec = {
  time: 'integer',
  open: 'number',
  high: 'number',
  low: 'number',
  close: 'number',
  volume: 'number',
};

export function klineProblem(b: unknown): string | undefined {
  return shapeProblem(b, KLINE);
}
