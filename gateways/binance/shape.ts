// What a Binance stream event must hold before the gateway uses it. JSON.parse gives `unknown`; a cast alone
// would let "price": "abc" become NaN on an order or a trade. Each check names the first field that is wrong,
// so the warning says what Binance (or whatever answered in its place) actually sent.
import { quoteValue } from '../../src/core/errors.js';

/** A field's required type: decimal is Binance's quoted number ("0.001"); levels is [[price, qty], ...]. */
type Kind = 'string' | 'decimal' | 'number' | 'id' | 'side' | 'levels' | 'object' | 'array';

type Spec = Readonly<Record<string, Kind>>;

const isDecimal = (v: unknown): boolean =>
  (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) ||
  (typeof v === 'number' && Number.isFinite(v));

function fits(v: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'decimal':
      return isDecimal(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'id':
      return (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && v !== '');
    case 'side':
      return v === 'BUY' || v === 'SELL';
    case 'levels':
      return (
        Array.isArray(v) &&
        v.every((l) => Array.isArray(l) && l.length >= 2 && isDecimal(l[0]) && isDecimal(l[1]))
      );
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
  }
}

/** The first field of `o` that does not fit `spec`, described; undefined when all fit. */
export function shapeProblem(o: unknown, spec: Spec, path = ''): string | undefined {
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    return `${path || 'the message'} is not an object`;
  const rec = o as Record<string, unknown>;
  for (const [key, kind] of Object.entries(spec)) {
    if (!fits(rec[key], kind)) return `field ${path}${key} is ${quoteValue(rec[key])}, not ${article(kind)}`;
  }
  return undefined;
}

function article(kind: Kind): string {
  return kind === 'id' ? 'an id' : kind === 'array' || kind === 'object' ? `an ${kind}` : `a ${kind}`;
}

const ORDER_FIELDS = {
  s: 'string',
  c: 'string',
  S: 'side',
  o: 'string',
  q: 'decimal',
  p: 'decimal',
  x: 'string',
  X: 'string',
  l: 'decimal',
  z: 'decimal',
  L: 'decimal',
  T: 'number',
} as const;

/** Why a spot executionReport cannot be used, or undefined. */
export function executionReportProblem(ev: unknown): string | undefined {
  const p = shapeProblem(ev, { ...ORDER_FIELDS, E: 'number' });
  if (p) return p;
  // A fill needs its trade id: without one it could not be told apart from its repeats.
  return (ev as { x: string }).x === 'TRADE' ? shapeProblem(ev, { t: 'id' }) : undefined;
}

/** Why a USD-M ORDER_TRADE_UPDATE cannot be used, or undefined. */
export function futuresOrderProblem(ev: unknown): string | undefined {
  const p =
    shapeProblem(ev, { T: 'number', o: 'object' }) ??
    shapeProblem((ev as { o: unknown }).o, ORDER_FIELDS, 'o.');
  if (p) return p;
  const o = (ev as { o: { x: string } }).o;
  return o.x === 'TRADE' ? shapeProblem(o, { t: 'id' }, 'o.') : undefined;
}

function eachProblem(items: unknown, spec: Spec, path: string): string | undefined {
  if (!Array.isArray(items)) return `field ${path} is ${quoteValue(items)}, not an array`;
  for (let i = 0; i < items.length; i++) {
    const p = shapeProblem(items[i], spec, `${path}[${i}].`);
    if (p) return p;
  }
  return undefined;
}

/** Why a spot outboundAccountPosition cannot be used, or undefined. */
export function accountPositionProblem(ev: unknown): string | undefined {
  return (
    shapeProblem(ev, { B: 'array' }) ??
    eachProblem((ev as { B: unknown }).B, { a: 'string', f: 'decimal', l: 'decimal' }, 'B')
  );
}

/** Why a USD-M ACCOUNT_UPDATE cannot be used, or undefined. */
export function accountUpdateProblem(ev: unknown): string | undefined {
  const p = shapeProblem(ev, { a: 'object' });
  if (p) return p;
  const a = (ev as { a: { B: unknown; P: unknown } }).a;
  return (
    eachProblem(a.B, { a: 'string', wb: 'decimal', cw: 'decimal' }, 'a.B') ??
    eachProblem(a.P, { s: 'string', pa: 'decimal', ep: 'decimal', up: 'decimal' }, 'a.P')
  );
}

/** Why a user-data event of a type the gateway reads cannot be used, or undefined (also for other types). */
export function userEventProblem(ev: { e?: unknown }): string | undefined {
  switch (ev.e) {
    case 'executionReport':
      return executionReportProblem(ev);
    case 'ORDER_TRADE_UPDATE':
      return futuresOrderProblem(ev);
    case 'outboundAccountPosition':
      return accountPositionProblem(ev);
    case 'ACCOUNT_UPDATE':
      return accountUpdateProblem(ev);
    default:
      return undefined;
  }
}

/** Why an order in a REST reply (place, cancel, query, open orders) cannot be used, or undefined. */
export function restOrderProblem(o: unknown): string | undefined {
  const orig = (o as { origClientOrderId?: unknown } | null)?.origClientOrderId;
  if (orig !== undefined && typeof orig !== 'string')
    return `field origClientOrderId is ${quoteValue(orig)}, not a string`;
  return shapeProblem(o, {
    symbol: 'string',
    clientOrderId: 'string',
    orderId: 'id',
    price: 'decimal',
    origQty: 'decimal',
    executedQty: 'decimal',
    status: 'string',
    type: 'string',
    side: 'side',
  });
}

/** Why a trade in a REST myTrades/userTrades reply cannot be used, or undefined. */
export function restTradeProblem(t: unknown): string | undefined {
  return shapeProblem(t, { id: 'id', orderId: 'id', price: 'decimal', qty: 'decimal', time: 'number' });
}

const MARKET_SPECS: Readonly<Record<string, Spec>> = {
  depthUpdate: { E: 'number', U: 'number', u: 'number', b: 'levels', a: 'levels' },
  '24hrTicker': {
    E: 'number',
    c: 'decimal',
    Q: 'decimal',
    o: 'decimal',
    h: 'decimal',
    l: 'decimal',
    v: 'decimal',
    q: 'decimal',
  },
  trade: { T: 'number', p: 'decimal', q: 'decimal' },
};

/** Why a market stream event of a type the gateway reads cannot be used, or undefined (also for other types). */
export function marketEventProblem(ev: { e?: unknown }): string | undefined {
  const spec = typeof ev.e === 'string' ? MARKET_SPECS[ev.e] : undefined;
  if (!spec) return undefined;
  const p = shapeProblem(ev, spec);
  if (p) return p;
  const x = (ev as { x?: unknown; pu?: unknown }).x;
  if (ev.e === '24hrTicker' && x !== undefined && !isDecimal(x))
    return `field x is ${quoteValue(x)}, not a decimal`;
  const pu = (ev as { pu?: unknown }).pu;
  if (ev.e === 'depthUpdate' && pu !== undefined && !fits(pu, 'number'))
    return `field pu is ${quoteValue(pu)}, not a number`;
  return undefined;
}
