// What a 1Token message must hold before the gateway uses it (on the shared field checks of
// gateways/common/shape.ts), and the rules between fields that a field check cannot state. Each problem is
// prefixed with what was being read, so the warning says what was actually sent.
import { eachProblem, shapeProblem, type Spec } from '../common/shape.js';

const LEVEL: Spec = { price: 'number', volume: 'number' };
const SIDE = ['b', 's'] as const;

function problemOf(what: string, o: unknown, spec: Spec): string | undefined {
  const p = shapeProblem(o, spec);
  return p ? `${what}: ${p}` : undefined;
}

export const tickProblem = (t: unknown): string | undefined => {
  const p = problemOf('tick', t, {
    contract: 'text',
    time: 'text',
    bids: 'array',
    asks: 'array',
    last: 'number?',
  });
  if (p) return p;
  const r = t as { bids: unknown; asks: unknown; last?: unknown };
  // null when nothing has traded yet; absent is not a tick 1Token sends.
  if (r.last === undefined) return 'tick: field last is absent';
  const levels = eachProblem(r.bids, LEVEL, 'bids') ?? eachProblem(r.asks, LEVEL, 'asks');
  return levels ? `tick: ${levels}` : undefined;
};

export const orderProblem = (o: unknown): string | undefined => {
  const p = problemOf('order', o, {
    contract: 'text',
    bs: SIDE,
    status: 'text',
    // A market order has no price.
    entrust_price: 'number?',
    entrust_amount: 'number',
    dealt_amount: 'number',
    client_oid: 'string?',
    exchange_oid: 'string?',
  });
  if (p) return p;
  const r = o as { dealt_amount: number; entrust_amount: number };
  if (r.dealt_amount < 0 || r.entrust_amount <= 0 || r.dealt_amount > r.entrust_amount * (1 + 1e-9)) {
    return `order: dealt_amount ${r.dealt_amount} of entrust_amount ${r.entrust_amount}`;
  }
  return undefined;
};

export const transactionProblem = (t: unknown): string | undefined => {
  const p = problemOf('transaction', t, {
    contract: 'text',
    bs: SIDE,
    exchange_tid: 'text',
    dealt_amount: 'number',
    dealt_price: 'number',
    client_oid: 'string?',
    exchange_oid: 'string?',
  });
  if (p) return p;
  const r = t as { dealt_amount: number; dealt_price: number };
  if (!(r.dealt_amount > 0)) return 'transaction: dealt_amount is not positive';
  return r.dealt_price > 0 ? undefined : `transaction: dealt_price ${r.dealt_price} is not positive`;
};

export const infoProblem = (i: unknown): string | undefined => {
  const p = problemOf('account info', i, { position: 'array' });
  if (p) return p;
  const rows = eachProblem(
    (i as { position: unknown[] }).position,
    { contract: 'text', type: 'text', total_amount: 'number' },
    'position',
  );
  return rows ? `account info: ${rows}` : undefined;
};

export const contractProblem = (c: unknown): string | undefined =>
  problemOf('contract', c, {
    symbol: 'text',
    min_change: 'number',
    min_amount: 'number',
    unit_amount: 'number',
  }) ??
  ((c as { min_change: number }).min_change > 0 && (c as { unit_amount: number }).unit_amount > 0
    ? undefined
    : 'contract: min_change and unit_amount must be positive');
