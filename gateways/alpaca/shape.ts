// What an Alpaca message must hold before the gateway uses it. JSON.parse gives `unknown`; a cast alone would
// let "filled_qty": "abc" become NaN on an order. Each check names the first field that is wrong, so the
// warning says what Alpaca (or whatever answered in its place) actually sent.
import { quoteValue } from '../../src/core/errors.js';
import { TRADE_EVENTS } from './types.js';

/** decimal: Alpaca's quoted number ("1.5"); decimal? and string? also allow null. */
type Kind = 'string' | 'string?' | 'decimal' | 'decimal?' | 'number' | 'boolean' | 'object' | 'array';
type Spec = Readonly<Record<string, Kind>>;

const isDecimal = (v: unknown): boolean =>
  typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v));

function fits(v: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'string?':
      return v === null || v === undefined || typeof v === 'string';
    case 'decimal':
      return isDecimal(v);
    case 'decimal?':
      return v === null || v === undefined || isDecimal(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
  }
}

/** Each spec's entries, listed once: stream checks run per message. */
const ENTRIES = new WeakMap<Spec, [string, Kind][]>();

/** The first field of `o` that does not fit `spec`, described; undefined when all fit. */
function problem(o: unknown, spec: Spec, path = ''): string | undefined {
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    return `${path || 'the message'} is not an object`;
  const rec = o as Record<string, unknown>;
  let entries = ENTRIES.get(spec);
  if (!entries) ENTRIES.set(spec, (entries = Object.entries(spec)));
  for (const [key, kind] of entries) {
    if (!fits(rec[key], kind)) return `field ${path}${key} is ${quoteValue(rec[key])}, not ${describe(kind)}`;
  }
  return undefined;
}

function describe(kind: Kind): string {
  const base = kind.replace('?', '');
  const a = base === 'object' || base === 'array' ? 'an' : 'a';
  return kind.endsWith('?') ? `${a} ${base} or null` : `${a} ${base}`;
}

const ORDER: Spec = {
  id: 'string',
  client_order_id: 'string',
  symbol: 'string',
  side: 'string',
  type: 'string',
  time_in_force: 'string',
  status: 'string',
  created_at: 'string',
  filled_qty: 'decimal',
  qty: 'decimal?',
  limit_price: 'decimal?',
  stop_price: 'decimal?',
  filled_avg_price: 'decimal?',
};

export function orderProblem(o: unknown): string | undefined {
  const p = problem(o, ORDER);
  if (p) return p;
  const side = (o as { side: string }).side;
  if (side !== 'buy' && side !== 'sell') return `field side is ${quoteValue(side)}, not buy or sell`;
  return undefined;
}

const EVENTS: ReadonlySet<string> = new Set(TRADE_EVENTS);
const FILL: Spec = { execution_id: 'string', price: 'decimal', qty: 'decimal' };

export function tradeUpdateProblem(u: unknown): string | undefined {
  const p = problem(u, { event: 'string', order: 'object' });
  if (p) return p;
  const rec = u as { event: string; order: unknown };
  if (!EVENTS.has(rec.event)) return `event ${quoteValue(rec.event)} is not one Alpaca documents`;
  const op = orderProblem(rec.order);
  if (op) return `order: ${op}`;
  if (rec.event === 'fill' || rec.event === 'partial_fill') {
    const fp = problem(u, FILL);
    if (fp) return fp;
    if (!(Number((u as { qty: string }).qty) > 0)) return 'field qty is not positive';
  }
  return undefined;
}

export function assetProblem(a: unknown): string | undefined {
  return problem(a, {
    symbol: 'string',
    class: 'string',
    exchange: 'string',
    status: 'string',
    tradable: 'boolean',
    fractionable: 'boolean',
    min_order_size: 'decimal?',
    min_trade_increment: 'decimal?',
    price_increment: 'decimal?',
  });
}

export function accountProblem(a: unknown): string | undefined {
  return problem(a, { id: 'string', equity: 'decimal', buying_power: 'decimal', cash: 'decimal' });
}

export function positionProblem(p: unknown): string | undefined {
  const e = problem(p, { symbol: 'string', qty: 'decimal', avg_entry_price: 'decimal', side: 'string' });
  if (e) return e;
  const side = (p as { side: string }).side;
  return side === 'long' || side === 'short' ? undefined : `field side is ${quoteValue(side)}`;
}

export function activityProblem(a: unknown): string | undefined {
  return problem(a, {
    id: 'string',
    order_id: 'string',
    price: 'decimal',
    qty: 'decimal',
    cum_qty: 'decimal',
    side: 'string',
    symbol: 'string',
  });
}

const BAR: Spec = {
  S: 'string',
  o: 'number',
  h: 'number',
  l: 'number',
  c: 'number',
  v: 'number',
  t: 'string',
};
const DATA: Readonly<Record<string, Spec>> = {
  t: { S: 'string', p: 'number', s: 'number', t: 'string' },
  q: { S: 'string', bp: 'number', bs: 'number', ap: 'number', as: 'number', t: 'string' },
  b: BAR,
  d: BAR,
  u: BAR,
  success: { msg: 'string' },
  error: { code: 'number', msg: 'string' },
  subscription: {},
};

/** A market-data stream element; unknown types (statuses, lulds, ...) are not problems, only skipped. */
export function dataProblem(m: unknown): string | undefined {
  const p = problem(m, { T: 'string' });
  if (p) return p;
  const spec = DATA[(m as { T: string }).T];
  return spec ? problem(m, spec) : undefined;
}

export function barProblem(b: unknown): string | undefined {
  return problem(b, { t: 'string', o: 'number', h: 'number', l: 'number', c: 'number', v: 'number' });
}
