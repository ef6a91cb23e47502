// What a 1Token message must hold before the gateway uses it. JSON.parse gives `unknown`; a cast alone would
// let a missing price become NaN on an order. Each check names the first field that is wrong, so the warning
// says what was actually sent.
import { quoteValue } from '../../src/core/errors.js';

type Kind = 'string' | 'number' | 'text?' | 'object' | 'array' | 'bs' | 'levels';
type Spec = Readonly<Record<string, Kind>>;

function fits(v: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string' && v !== '';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'text?':
      return v === null || v === undefined || typeof v === 'string';
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'bs':
      return v === 'b' || v === 's';
    case 'levels':
      return (
        Array.isArray(v) &&
        v.every(
          (l) =>
            typeof l === 'object' &&
            l !== null &&
            Number.isFinite((l as { price?: unknown }).price) &&
            typeof (l as { price?: unknown }).price === 'number' &&
            typeof (l as { volume?: unknown }).volume === 'number' &&
            Number.isFinite((l as { volume: number }).volume),
        )
      );
  }
}

/** The first field of `o` that does not fit `spec`, described; undefined when all fit. */
export function shapeProblem(o: unknown, spec: Spec, what = 'the message'): string | undefined {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return `${what} is not an object`;
  const rec = o as Record<string, unknown>;
  for (const [key, kind] of Object.entries(spec)) {
    if (!fits(rec[key], kind)) return `${what}: field ${key} is ${quoteValue(rec[key])}`;
  }
  return undefined;
}

export const tickProblem = (t: unknown): string | undefined =>
  shapeProblem(t, { contract: 'string', time: 'string', bids: 'levels', asks: 'levels' }, 'tick') ??
  (typeof (t as { last?: unknown }).last === 'number' || (t as { last?: unknown }).last === null
    ? undefined
    : `tick: field last is ${quoteValue((t as { last?: unknown }).last)}`);

export const orderProblem = (o: unknown): string | undefined => {
  const p = shapeProblem(
    o,
    {
      contract: 'string',
      bs: 'bs',
      status: 'string',
      entrust_amount: 'number',
      dealt_amount: 'number',
      client_oid: 'text?',
      exchange_oid: 'text?',
    },
    'order',
  );
  if (p) return p;
  const r = o as { entrust_price: unknown; dealt_amount: number; entrust_amount: number };
  // A market order has no price; anything else must be a number.
  if (r.entrust_price !== null && r.entrust_price !== undefined && !fits(r.entrust_price, 'number')) {
    return `order: field entrust_price is ${quoteValue(r.entrust_price)}`;
  }
  if (r.dealt_amount < 0 || r.entrust_amount <= 0 || r.dealt_amount > r.entrust_amount * (1 + 1e-9)) {
    return `order: dealt_amount ${r.dealt_amount} of entrust_amount ${r.entrust_amount}`;
  }
  return undefined;
};

export const transactionProblem = (t: unknown): string | undefined => {
  const p = shapeProblem(
    t,
    {
      contract: 'string',
      bs: 'bs',
      exchange_tid: 'string',
      dealt_amount: 'number',
      dealt_price: 'number',
      client_oid: 'text?',
      exchange_oid: 'text?',
    },
    'transaction',
  );
  if (p) return p;
  const r = t as { dealt_amount: number; dealt_price: number };
  if (!(r.dealt_amount > 0)) return 'transaction: dealt_amount is not positive';
  return r.dealt_price > 0 ? undefined : `transaction: dealt_price ${r.dealt_price} is not positive`;
};

export const infoProblem = (i: unknown): string | undefined => {
  const p = shapeProblem(i, { position: 'array' }, 'account info');
  if (p) return p;
  for (const row of (i as { position: unknown[] }).position) {
    const q = shapeProblem(row, { contract: 'string', type: 'string', total_amount: 'number' }, 'position');
    if (q) return q;
  }
  return undefined;
};

export const contractProblem = (c: unknown): string | undefined =>
  shapeProblem(
    c,
    { symbol: 'string', min_change: 'number', min_amount: 'number', unit_amount: 'number' },
    'contract',
  ) ??
  ((c as { min_change: number }).min_change > 0 && (c as { unit_amount: number }).unit_amount > 0
    ? undefined
    : 'contract: min_change and unit_amount must be positive');
