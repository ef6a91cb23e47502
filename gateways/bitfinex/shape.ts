// What a Bitfinex array must hold before the gateway reads it by position. JSON.parse gives `unknown`; a
// wrong type at one index (a string price, a missing symbol) would otherwise become NaN in an order or a
// trade. Each check names the first field that is wrong, so the warning says what actually arrived.
import { quoteValue } from '../../src/core/errors.js';
import {
  NOTIFICATION,
  NOTIFICATION_LENGTH,
  ORDER,
  POSITION,
  TICKER,
  TICKER_LENGTH,
  TRADE,
  WALLET,
  WALLET_LENGTH,
  type Json,
} from './types.js';

type Kind = 'number' | 'id' | 'string' | 'nullable-number' | 'nullable-id';

const FITS: Record<Kind, (v: unknown) => boolean> = {
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  id: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  string: (v) => typeof v === 'string',
  'nullable-number': (v) => v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v)),
  'nullable-id': (v) => v === null || v === undefined || (typeof v === 'number' && Number.isSafeInteger(v)),
};

type Spec = readonly (readonly [name: string, index: number, kind: Kind])[];

function problem(a: unknown, what: string, spec: Spec, minLength: number): string | undefined {
  if (!Array.isArray(a)) return `${what} is ${quoteValue(a)}, not an array`;
  if (a.length < minLength) return `${what} has ${a.length} fields, fewer than ${minLength}`;
  for (const [name, index, kind] of spec) {
    if (!FITS[kind](a[index])) return `${what} field ${name} is ${quoteValue(a[index])}, not ${kind}`;
  }
  return undefined;
}

const ORDER_SPEC: Spec = [
  ['ID', ORDER.ID, 'id'],
  ['CID', ORDER.CID, 'nullable-id'],
  ['SYMBOL', ORDER.SYMBOL, 'string'],
  ['MTS_CREATE', ORDER.MTS_CREATE, 'nullable-number'],
  ['MTS_UPDATE', ORDER.MTS_UPDATE, 'nullable-number'],
  ['AMOUNT', ORDER.AMOUNT, 'number'],
  ['AMOUNT_ORIG', ORDER.AMOUNT_ORIG, 'number'],
  ['TYPE', ORDER.TYPE, 'string'],
  ['FLAGS', ORDER.FLAGS, 'nullable-number'],
  ['STATUS', ORDER.STATUS, 'string'],
  ['PRICE', ORDER.PRICE, 'nullable-number'],
];

/** An order of os/on/ou/oc or a REST order list. */
export function orderProblem(a: unknown): string | undefined {
  const p = problem(a, 'order', ORDER_SPEC, ORDER.STATUS + 1);
  if (p) return p;
  const o = a as Json[];
  if (o[ORDER.AMOUNT_ORIG] === 0) return 'order field AMOUNT_ORIG is 0';
  if (Math.abs(o[ORDER.AMOUNT] as number) > Math.abs(o[ORDER.AMOUNT_ORIG] as number) + 1e-12)
    return 'order field AMOUNT is larger than AMOUNT_ORIG';
  return undefined;
}

/** The order inside an "on-req" ERROR notification: it never existed, so ID may be null. */
export function requestedOrderProblem(a: unknown): string | undefined {
  return problem(
    a,
    'requested order',
    [
      ['CID', ORDER.CID, 'nullable-id'],
      ['SYMBOL', ORDER.SYMBOL, 'string'],
    ],
    ORDER.SYMBOL + 1,
  );
}

const TRADE_SPEC: Spec = [
  ['ID', TRADE.ID, 'id'],
  ['SYMBOL', TRADE.SYMBOL, 'string'],
  ['MTS', TRADE.MTS, 'number'],
  ['ORDER_ID', TRADE.ORDER_ID, 'id'],
  ['EXEC_AMOUNT', TRADE.EXEC_AMOUNT, 'number'],
  ['EXEC_PRICE', TRADE.EXEC_PRICE, 'number'],
  ['CID', TRADE.CID, 'nullable-id'],
];

export function tradeProblem(a: unknown): string | undefined {
  const p = problem(a, 'trade', TRADE_SPEC, TRADE.EXEC_PRICE + 1);
  if (p) return p;
  const t = a as Json[];
  if (t[TRADE.EXEC_AMOUNT] === 0 || !((t[TRADE.EXEC_PRICE] as number) > 0))
    return 'trade has no amount or no positive price';
  return undefined;
}

export function walletProblem(a: unknown): string | undefined {
  return problem(
    a,
    'wallet',
    [
      ['TYPE', WALLET.TYPE, 'string'],
      ['CURRENCY', WALLET.CURRENCY, 'string'],
      ['BALANCE', WALLET.BALANCE, 'number'],
      ['BALANCE_AVAILABLE', WALLET.BALANCE_AVAILABLE, 'nullable-number'],
    ],
    WALLET_LENGTH - 1,
  );
}

export function positionProblem(a: unknown): string | undefined {
  return problem(
    a,
    'position',
    [
      ['SYMBOL', POSITION.SYMBOL, 'string'],
      ['STATUS', POSITION.STATUS, 'string'],
      ['AMOUNT', POSITION.AMOUNT, 'number'],
      ['BASE_PRICE', POSITION.BASE_PRICE, 'number'],
      ['PL', POSITION.PL, 'nullable-number'],
    ],
    POSITION.BASE_PRICE + 1,
  );
}

export function notificationProblem(a: unknown): string | undefined {
  return problem(
    a,
    'notification',
    [
      ['MTS', NOTIFICATION.MTS, 'number'],
      ['TYPE', NOTIFICATION.TYPE, 'string'],
      ['STATUS', NOTIFICATION.STATUS, 'string'],
      ['TEXT', NOTIFICATION.TEXT, 'string'],
    ],
    NOTIFICATION_LENGTH,
  );
}

export function tickerProblem(a: unknown): string | undefined {
  const spec: [string, number, Kind][] = Object.entries(TICKER).map(([k, i]) => [k, i, 'number']);
  return problem(a, 'ticker', spec, TICKER_LENGTH);
}

/** A public trade [ID, MTS, AMOUNT, PRICE]. */
export function publicTradeProblem(a: unknown): string | undefined {
  return problem(
    a,
    'public trade',
    [
      ['ID', 0, 'id'],
      ['MTS', 1, 'number'],
      ['AMOUNT', 2, 'number'],
      ['PRICE', 3, 'number'],
    ],
    4,
  );
}

/** A P-precision book level [PRICE, COUNT, AMOUNT]. */
export function bookLevelProblem(a: unknown): string | undefined {
  const p = problem(
    a,
    'book level',
    [
      ['PRICE', 0, 'number'],
      ['COUNT', 1, 'id'],
      ['AMOUNT', 2, 'number'],
    ],
    3,
  );
  if (p) return p;
  const l = a as number[];
  if (!(l[0]! > 0) || l[1]! < 0)
    return `book level ${quoteValue(a)} has a non-positive price or a negative count`;
  if (l[1]! > 0 && l[2] === 0) return `book level ${quoteValue(a)} has orders but no amount`;
  return undefined;
}

/** A candle [MTS, OPEN, CLOSE, HIGH, LOW, VOLUME]. */
export function candleProblem(a: unknown): string | undefined {
  return problem(
    a,
    'candle',
    ['MTS', 'OPEN', 'CLOSE', 'HIGH', 'LOW', 'VOLUME'].map((n, i) => [n, i, 'number'] as const),
    6,
  );
}
