// Sim/doc agreement: every reply and push the OKX simulator serves has the same keys, value types and
// nesting as OKX's documented example of it (test/fixtures/okx-messages.ts). A simulator that agrees with
// its gateway but not with OKX hides bugs, so where they differ the simulator is fixed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { OkxRest } from '../../../gateways/okx/client.js';
import { loginArgs } from '../../../gateways/okx/sign.js';
import { FUTURE_ID, type OkxSim } from '../../../gateways/okx/sim/server.js';
import * as doc from '../../fixtures/okx-messages.js';
import { until } from '../../helpers/wait.js';
import { quietSim } from './target.js';

type Shape = string | { [key: string]: Shape } | Shape[];

/** Keys, JSON types and nesting of a value; an array is described by its first element. */
function shapeOf(v: unknown): Shape {
  if (Array.isArray(v)) return v.length ? [shapeOf(v[0])] : [];
  if (v === null) return 'null';
  if (typeof v === 'object') {
    const out: Record<string, Shape> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = shapeOf((v as Record<string, unknown>)[k]);
    return out;
  }
  return typeof v;
}

function agrees(what: string, served: unknown, documented: unknown): void {
  assert.equal(
    shapeOf(served),
    shapeOf(documented),
    `${what}: the simulator's shape is OKX's documented one`,
  );
}

let sim: OkxSim;
let rest: OkxRest;
const raw = (method: 'GET' | 'POST', path: string, params: Record<string, string> = {}, signed = true) =>
  rest.http.request<unknown>({ method, path, params, signed, idempotent: method === 'GET' });

test.before(async () => {
  sim = await quietSim();
  rest = new OkxRest({
    baseUrl: sim.restUrl,
    apiKey: sim.credentials.apiKey,
    secret: sim.credentials.secret,
    passphrase: sim.credentials.passphrase,
    demo: false,
  });
});

test.after(() => sim.close());

test('documented: public REST replies (time, instruments, candles)', async () => {
  agrees('GET public/time', await raw('GET', '/api/v5/public/time', {}, false), doc.REST_TIME);
  agrees(
    'GET public/instruments SPOT',
    await raw('GET', '/api/v5/public/instruments', { instType: 'SPOT' }, false),
    doc.REST_INSTRUMENTS_SPOT,
  );
  // A swap has the same fields as the spot example, filled (ctVal, settleCcy, ...).
  agrees(
    'GET public/instruments SWAP',
    await raw('GET', '/api/v5/public/instruments', { instType: 'SWAP' }, false),
    doc.REST_INSTRUMENTS_SPOT,
  );
  agrees(
    'GET market/history-candles',
    await raw('GET', '/api/v5/market/history-candles', { instId: 'BTC-USDT', bar: '1m' }, false),
    doc.REST_CANDLES,
  );
});

test('documented: account REST replies (config, balance, trade-fee, positions, set-leverage)', async () => {
  agrees('GET account/config', await raw('GET', '/api/v5/account/config'), doc.REST_ACCOUNT_CONFIG);
  agrees('GET account/balance', await raw('GET', '/api/v5/account/balance'), doc.REST_BALANCE);
  agrees(
    'GET account/trade-fee',
    await raw('GET', '/api/v5/account/trade-fee', { instType: 'SPOT', instId: 'BTC-USDT' }),
    doc.REST_TRADE_FEE,
  );
  agrees(
    'POST account/set-leverage',
    await raw('POST', '/api/v5/account/set-leverage', {
      instId: 'BTC-USDT-SWAP',
      lever: '30',
      mgnMode: 'isolated',
      posSide: 'long',
    }),
    doc.REST_SET_LEVERAGE,
  );
  // A position to report: buy 3 swap contracts at market against the synthetic book.
  await raw('POST', '/api/v5/trade/order', {
    instId: FUTURE_ID,
    tdMode: 'cross',
    side: 'buy',
    ordType: 'market',
    sz: '3',
  });
  agrees('GET account/positions', await raw('GET', '/api/v5/account/positions'), doc.REST_POSITIONS);
});

test('documented: trade REST replies (place, refused place, amend, cancel, order, pending, fills, 429)', async () => {
  const place = await raw('POST', '/api/v5/trade/order', {
    instId: 'BTC-USDT',
    tdMode: 'cash',
    side: 'buy',
    ordType: 'limit',
    px: '90000',
    sz: '0.01',
    clOrdId: 'doc1',
  });
  agrees('POST trade/order', place, doc.REST_PLACE_ORDER);
  agrees(
    'GET trade/orders-pending',
    await raw('GET', '/api/v5/trade/orders-pending', { instType: 'SPOT' }),
    doc.REST_ORDER,
  );
  agrees(
    'POST trade/amend-order',
    await raw('POST', '/api/v5/trade/amend-order', {
      instId: 'BTC-USDT',
      clOrdId: 'doc1',
      newPx: '89990',
      reqId: 'b12344',
    }),
    doc.REST_AMEND_ORDER,
  );
  agrees(
    'POST trade/cancel-order',
    await raw('POST', '/api/v5/trade/cancel-order', { instId: 'BTC-USDT', clOrdId: 'doc1' }),
    doc.REST_CANCEL_ORDER,
  );
  sim.rejectNext('Order failed. Insufficient USDT balance in account.');
  agrees(
    'POST trade/order (refused)',
    await raw('POST', '/api/v5/trade/order', {
      instId: 'BTC-USDT',
      tdMode: 'cash',
      side: 'buy',
      ordType: 'limit',
      px: '90000',
      sz: '0.01',
      clOrdId: 'doc2',
    }),
    doc.REST_PLACE_ORDER_FAILED,
  );
  // A filled order, so the order and fill replies carry fill fields.
  await raw('POST', '/api/v5/trade/order', {
    instId: 'BTC-USDT',
    tdMode: 'cash',
    side: 'buy',
    ordType: 'market',
    sz: '0.001',
    tgtCcy: 'base_ccy',
    clOrdId: 'doc3',
  });
  agrees(
    'GET trade/order',
    await raw('GET', '/api/v5/trade/order', { instId: 'BTC-USDT', clOrdId: 'doc3' }),
    doc.REST_ORDER,
  );
  agrees('GET trade/fills', await raw('GET', '/api/v5/trade/fills', { instType: 'SPOT' }), doc.REST_FILLS);
  sim.rateLimitNext(1);
  const limited = await fetch(`${sim.restUrl}/api/v5/public/time`);
  assert.is(limited.status, 429);
  agrees('HTTP 429', await limited.json(), doc.REST_RATE_LIMITED);
});

/** A raw WebSocket that records every frame, parsed. */
async function socket(url: string): Promise<{ ws: WebSocket; got: Record<string, unknown>[] }> {
  const ws = new WebSocket(url);
  const got: Record<string, unknown>[] = [];
  ws.on('message', (d) => {
    const t = d.toString();
    got.push(t === 'pong' ? { pong: true } : (JSON.parse(t) as Record<string, unknown>));
  });
  await new Promise((r) => ws.once('open', r));
  return { ws, got };
}

/** The channel of a push (not of a subscribe answer, which also names its arg). */
const channelOf = (m: Record<string, unknown>) =>
  m.event === undefined ? (m.arg as { channel?: string } | undefined)?.channel : undefined;
type BookPush = { action: string; data: { asks: unknown[]; bids: unknown[] }[] };
/** A book update that changes this side, so that its level list has an element to compare. */
const sided = (m: Record<string, unknown>, side: 'asks' | 'bids') =>
  m.action === 'update' && (m as BookPush).data[0]![side].length > 0;
/** An update with both level lists filled (from two pushes where one changed only one side). */
function updateWithBothSides(got: Record<string, unknown>[]): unknown {
  const a = got.find((m) => sided(m, 'asks')) as BookPush;
  const b = got.find((m) => sided(m, 'bids')) as BookPush;
  return { ...a, data: [{ ...a.data[0]!, bids: b.data[0]!.bids }] };
}

test('documented: public pushes (subscribe answers, books, tickers, trades, open-interest, notice)', async () => {
  const { ws, got } = await socket(sim.publicUrl);
  ws.send(JSON.stringify({ id: '1512', op: 'subscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] }));
  ws.send(
    JSON.stringify({
      op: 'subscribe',
      args: [
        { channel: 'tickers', instId: 'BTC-USDT' },
        { channel: 'trades', instId: 'BTC-USDT' },
        { channel: 'open-interest', instId: 'BTC-USDT-SWAP' },
      ],
    }),
  );
  ws.send(JSON.stringify({ id: '1512', op: 'subscribe', args: [{ channel: 'books', instId: 'NO-SUCH' }] }));
  // Trades against the synthetic book move it and print trades, tickers and open interest.
  // Market orders trade with the synthetic book: trades print, the book and the statistics move.
  for (const instId of ['BTC-USDT', 'BTC-USDT-SWAP']) {
    const spot = instId === 'BTC-USDT';
    await raw('POST', '/api/v5/trade/order', {
      instId,
      tdMode: spot ? 'cash' : 'cross',
      side: 'buy',
      ordType: 'market',
      sz: spot ? '0.001' : '2',
      ...(spot ? { tgtCcy: 'base_ccy' } : {}),
    });
  }
  await until(
    () =>
      got.some((m) => sided(m, 'asks')) &&
      got.some((m) => sided(m, 'bids')) &&
      ['tickers', 'trades', 'open-interest'].every((c) => got.some((m) => channelOf(m) === c)),
    'every public channel',
  );
  sim.sendNotice();
  ws.send('ping');
  await until(() => got.some((m) => m.event === 'notice') && got.some((m) => m.pong), 'notice and pong');
  agrees(
    'subscribe answer',
    got.find((m) => m.event === 'subscribe'),
    doc.WS_SUBSCRIBE_SUCCESS,
  );
  agrees(
    'subscribe error',
    got.find((m) => m.event === 'error'),
    doc.WS_SUBSCRIBE_FAILURE,
  );
  agrees(
    'books snapshot',
    got.find((m) => m.action === 'snapshot'),
    doc.WS_BOOKS_SNAPSHOT,
  );
  agrees('books update', updateWithBothSides(got), doc.WS_BOOKS_UPDATE);
  agrees(
    'tickers',
    got.find((m) => channelOf(m) === 'tickers'),
    doc.WS_TICKERS,
  );
  agrees(
    'trades',
    got.find((m) => channelOf(m) === 'trades'),
    doc.WS_TRADES,
  );
  agrees(
    'open-interest',
    got.find((m) => channelOf(m) === 'open-interest'),
    doc.WS_OPEN_INTEREST,
  );
  agrees(
    'notice',
    got.find((m) => m.event === 'notice'),
    doc.WS_NOTICE_64008,
  );
  const snapshot = got.find((m) => m.action === 'snapshot') as { data: { prevSeqId: number }[] };
  assert.is(snapshot.data[0]!.prevSeqId, -1, 'a snapshot has prevSeqId -1, as documented');
  ws.terminate();
});

test('documented: login answers and private pushes (orders, account, positions, balance_and_position)', async () => {
  const { ws, got } = await socket(sim.privateUrl);
  ws.send(
    JSON.stringify({
      op: 'login',
      args: [{ ...loginArgs(sim.credentials.apiKey, 'wrong', sim.credentials.passphrase, Date.now()) }],
    }),
  );
  await until(() => got.some((m) => m.event === 'error'), 'a refused login');
  agrees(
    'login failure',
    got.find((m) => m.event === 'error'),
    doc.WS_LOGIN_FAILURE,
  );
  const args = loginArgs(
    sim.credentials.apiKey,
    sim.credentials.secret,
    sim.credentials.passphrase,
    Date.now(),
  );
  agrees('login request', { op: 'login', args: [args] }, doc.WS_LOGIN_REQUEST);
  ws.send(JSON.stringify({ op: 'login', args: [args] }));
  await until(() => got.some((m) => m.event === 'login'), 'login');
  agrees(
    'login success',
    got.find((m) => m.event === 'login'),
    doc.WS_LOGIN_SUCCESS,
  );
  ws.send(
    JSON.stringify({
      op: 'subscribe',
      args: [
        { channel: 'orders', instType: 'SPOT', instId: 'BTC-USDT' },
        { channel: 'account' },
        { channel: 'positions', instType: 'FUTURES' },
        { channel: 'balance_and_position' },
      ],
    }),
  );
  await until(() => got.filter((m) => m.event === 'subscribe').length === 4, 'four subscriptions');
  await raw('POST', '/api/v5/trade/order', {
    instId: 'BTC-USDT',
    tdMode: 'cash',
    side: 'sell',
    ordType: 'market',
    sz: '0.001',
    clOrdId: 'doc4',
  });
  await raw('POST', '/api/v5/trade/order', {
    instId: FUTURE_ID,
    tdMode: 'cross',
    side: 'buy',
    ordType: 'market',
    sz: '1',
  });
  await until(
    () =>
      got.some((m) => channelOf(m) === 'orders' && (m.data as { tradeId: string }[])[0]!.tradeId !== '') &&
      ['account', 'positions', 'balance_and_position'].every((c) => got.some((m) => channelOf(m) === c)),
    'every private channel',
  );
  const fill = got.find(
    (m) => channelOf(m) === 'orders' && (m.data as { tradeId: string }[])[0]!.tradeId !== '',
  );
  agrees('orders push (a fill)', fill, doc.WS_ORDERS);
  agrees(
    'account push',
    got.find((m) => channelOf(m) === 'account'),
    doc.WS_ACCOUNT,
  );
  agrees(
    'positions push',
    got.find((m) => channelOf(m) === 'positions'),
    doc.WS_POSITIONS,
  );
  const bp = got.find((m) => channelOf(m) === 'balance_and_position') as { data: { posData: unknown[] }[] };
  // The posData item is held to the documented one; balData is empty on a position-only change.
  agrees(
    'balance_and_position posData',
    bp.data[0]!.posData[0],
    doc.WS_BALANCE_AND_POSITION.data[0]!.posData[0],
  );
  assert.equal(Object.keys(bp.data[0]!).sort(), Object.keys(doc.WS_BALANCE_AND_POSITION.data[0]!).sort());
  ws.terminate();
});

test.run();
