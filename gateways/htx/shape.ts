// Shape checks for every HTX spot message before use (gateways/common/shape.ts): a field of the wrong kind
// names itself in one warning and the message is skipped.
import { eachProblem, isDecimal, shapeProblem, type Spec } from '../common/shape.js';

const ORDER_TYPES = [
  'buy-limit',
  'sell-limit',
  'buy-market',
  'sell-market',
  'buy-limit-maker',
  'sell-limit-maker',
  'buy-ioc',
  'sell-ioc',
  'buy-limit-fok',
  'sell-limit-fok',
] as const;
const STATES = [
  'created',
  'submitted',
  'partial-filled',
  'filled',
  'partial-canceled',
  'canceling',
  'canceled',
] as const;

export const SYMBOL_SPEC: Spec = {
  'base-currency': 'text',
  'quote-currency': 'text',
  'price-precision': 'integer',
  'amount-precision': 'integer',
  symbol: 'text',
  state: 'text',
  'min-order-amt': 'decimal',
};

export const ORDER_SPEC: Spec = {
  id: 'integer',
  symbol: 'text',
  amount: 'decimal',
  price: 'decimal',
  'created-at': 'integer',
  type: ORDER_TYPES,
  state: STATES,
};

export const MATCH_SPEC: Spec = {
  'trade-id': 'integer',
  'order-id': 'integer',
  symbol: 'text',
  price: 'decimal',
  'filled-amount': 'decimal',
  'created-at': 'integer',
  type: ORDER_TYPES,
};

export const BALANCE_SPEC: Spec = { id: 'integer', list: 'array' };
export const BALANCE_ITEM_SPEC: Spec = { currency: 'text', type: 'text', balance: 'decimal' };

export const KLINE_SPEC: Spec = {
  id: 'integer',
  open: 'number',
  close: 'number',
  low: 'number',
  high: 'number',
  amount: 'number',
  vol: 'number',
};

const UPDATE_BASE: Spec = {
  eventType: ['creation', 'trade', 'cancellation', 'deletion'],
  symbol: 'text',
  orderId: 'integer',
  type: ORDER_TYPES,
  orderStatus: [...STATES, 'rejected'],
};
const TRADE_EXTRA: Spec = { tradeId: 'integer', tradePrice: 'decimal', tradeVolume: 'decimal' };

export const ACCOUNT_UPDATE_SPEC: Spec = { currency: 'text', accountId: 'integer', changeType: 'string' };

export const TICKER_SPEC: Spec = {
  open: 'number',
  high: 'number',
  low: 'number',
  close: 'number',
  amount: 'number',
  vol: 'number',
};

/** Present only on some events, but a decimal whenever present. */
const UPDATE_OPTIONAL_DECIMALS = ['orderSize', 'orderPrice', 'execAmt', 'remainAmt'] as const;
const UPDATE_OPTIONAL_TIMES = ['orderCreateTime', 'tradeTime', 'lastActTime'] as const;

export function orderUpdateProblem(u: unknown): string | undefined {
  const p = shapeProblem(u, UPDATE_BASE);
  if (p) return p;
  const rec = u as Record<string, unknown>;
  for (const k of UPDATE_OPTIONAL_DECIMALS)
    if (rec[k] !== undefined && !isDecimal(rec[k]))
      return `field ${k} is ${JSON.stringify(rec[k])?.slice(0, 40)}, not a decimal`;
  for (const k of UPDATE_OPTIONAL_TIMES)
    if (rec[k] !== undefined && !Number.isSafeInteger(rec[k])) return `field ${k} is not an integer time`;
  if (rec.clientOrderId !== undefined && typeof rec.clientOrderId !== 'string')
    return 'field clientOrderId is not a string';
  if ((u as { eventType: string }).eventType === 'trade') return shapeProblem(u, TRADE_EXTRA);
  return undefined;
}

export function balanceProblem(b: unknown): string | undefined {
  return (
    shapeProblem(b, BALANCE_SPEC) ?? eachProblem((b as { list: unknown }).list, BALANCE_ITEM_SPEC, 'list')
  );
}

function levelsProblem(levels: unknown, name: string): string | undefined {
  if (!Array.isArray(levels)) return `field ${name} is not an array`;
  for (const l of levels) {
    if (!Array.isArray(l) || l.length < 2 || !Number.isFinite(Number(l[0])) || !Number.isFinite(Number(l[1])))
      return `a ${name} level is ${JSON.stringify(l)?.slice(0, 40)}, not [price, amount]`;
  }
  return undefined;
}

export function depthProblem(tick: unknown): string | undefined {
  if (typeof tick !== 'object' || tick === null) return 'tick is not an object';
  const t = tick as { bids?: unknown; asks?: unknown };
  return levelsProblem(t.bids, 'bids') ?? levelsProblem(t.asks, 'asks');
}
