// Sim/doc agreement: every reply and push the Bitfinex simulator serves has the keys, types and nesting of
// Bitfinex's documented example (test/fixtures/bitfinex-messages.ts). A simulator that only agrees with the
// gateway would hide the gateway's bugs; where the two differ, the simulator is wrong.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { nonceSourceFor } from '../../../gateways/bitfinex/nonce.js';
import { restAuthHeaders, wsAuthEvent } from '../../../gateways/bitfinex/sign.js';
import type { BitfinexSim } from '../../../gateways/bitfinex/sim/server.js';
import type { Json } from '../../../gateways/bitfinex/types.js';
import * as F from '../../fixtures/bitfinex-messages.js';
import { startQuietSim } from './target.js';

/**
 * Differences in shape: same JSON type at every position and key. A null in the documented example stands for
 * a field the example leaves empty, so the simulator may fill it; arrays compare position by position over
 * the documented length (Bitfinex may append fields) and objects key by key.
 */
function shapeDiff(doc: Json, sim: Json | undefined, path = '$'): string[] {
  const kind = (v: Json | undefined) =>
    v === undefined ? 'missing' : v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
  if (doc === null) return sim === undefined ? [`${path}: missing`] : [];
  if (kind(doc) !== kind(sim))
    return [`${path}: documented ${kind(doc)}, simulator ${kind(sim)} (${JSON.stringify(sim)})`];
  if (Array.isArray(doc)) {
    const s = sim as Json[];
    // A list of like items (a snapshot) compares each simulator item with the first documented one.
    if (doc.length > 0 && isList(doc)) {
      return s.flatMap((x, i) => shapeDiff(doc[0]!, x, `${path}[${i}]`));
    }
    if (s.length < doc.length) return [`${path}: documented ${doc.length} fields, simulator ${s.length}`];
    return doc.flatMap((d, i) => shapeDiff(d, s[i], `${path}[${i}]`));
  }
  if (typeof doc === 'object') {
    const s = sim as Record<string, Json>;
    return Object.entries(doc).flatMap(([k, v]) => shapeDiff(v, s[k], `${path}.${k}`));
  }
  return [];
}

/** Snapshots and lists: arrays whose items are all arrays of one length. */
function isList(a: Json[]): boolean {
  if (a.every((x) => typeof x === 'string')) return true;
  const first = a[0] as Json[];
  return a.every((x) => Array.isArray(x) && x.length === first.length) && first.length > 3;
}

/**
 * Paths where the documented example shows a value only because of its history, with the reason: the
 * simulator's null there is right.
 */
const HISTORY_ONLY: Record<string, string> = {
  // TYPE_PREV: the example's order had been amended; an order never amended has none.
  'cancel reply $[4][9]': 'TYPE_PREV',
};

function agree(what: string, doc: Json, sim: Json | undefined): void {
  assert.ok(sim !== undefined, `${what}: the simulator sent nothing`);
  const diff = shapeDiff(doc, sim).filter(
    (d) => !(`${what} ${d.split(':')[0]}` in HISTORY_ONLY && d.endsWith('(null)')),
  );
  assert.equal(diff, [], `${what} differs from the documented example:\n  ${diff.join('\n  ')}`);
}

let sim: BitfinexSim;
const key = () => sim.credentials.apiKey;

async function get(path: string): Promise<Json> {
  return (await (await fetch(sim.restUrl + path)).json()) as Json;
}

async function post(
  path: string,
  body: Record<string, unknown> = {},
): Promise<{ status: number; body: Json }> {
  const text = JSON.stringify(body);
  const headers = restAuthHeaders(key(), sim.credentials.secret, path, nonceSourceFor(key()).next(), text);
  const res = await fetch(sim.restUrl + path, {
    method: 'POST',
    body: text,
    headers: { ...headers, 'content-type': 'application/json' },
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** A raw WebSocket recording everything it receives. */
async function socket(): Promise<{
  ws: WebSocket;
  seen: Json[];
  next(pred: (m: Json) => boolean): Promise<Json>;
}> {
  const ws = new WebSocket(sim.wsUrl);
  const seen: Json[] = [];
  const waiters: { pred: (m: Json) => boolean; resolve: (m: Json) => void }[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as Json;
    seen.push(m);
    for (const w of [...waiters])
      if (w.pred(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
  });
  await new Promise((r) => ws.once('open', r));
  return {
    ws,
    seen,
    next: (pred) => {
      const found = seen.find(pred);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

const isType = (type: string) => (m: Json) => Array.isArray(m) && m[0] === 0 && m[1] === type;

test.before(async () => {
  sim = await startQuietSim();
});
test.after(() => sim.close());

test('documented: public REST replies (status, pair list, pair info, tickers, candles, error)', async () => {
  agree('platform status', F.REST_PLATFORM_STATUS, await get('/v2/platform/status'));
  agree('pub:list:pair:exchange', F.REST_PAIR_LIST, await get('/v2/conf/pub:list:pair:exchange'));
  agree('pub:info:pair', F.REST_PAIR_INFO, await get('/v2/conf/pub:info:pair'));
  agree('tickers', F.REST_TICKERS, await get('/v2/tickers?symbols=ALL'));
  agree('candles', F.REST_CANDLES, await get(`/v2/candles/trade:1m:tBTCUSD/hist?limit=5&end=${Date.now()}`));
  const res = await fetch(`${sim.restUrl}/v2/candles/trade:1m:tNOPE/hist`);
  assert.is(res.status, 500, 'Bitfinex answers errors with HTTP 500');
  agree('error', F.REST_ERROR, (await res.json()) as Json);
});

test('documented: the WebSocket greeting, subscribe replies and public channel payloads', async () => {
  const s = await socket();
  agree(
    'info greeting',
    F.WS_INFO_GREETING,
    await s.next((m) => !Array.isArray(m) && (m as { event?: string }).event === 'info'),
  );
  s.ws.send(JSON.stringify({ event: 'subscribe', channel: 'trades', symbol: 'tBTCUSD' }));
  const sub = (await s.next((m) => (m as { channel?: string }).channel === 'trades')) as { chanId: number };
  agree('subscribed', F.WS_SUBSCRIBED_TRADES, sub as unknown as Json);
  s.ws.send(JSON.stringify({ event: 'subscribe', channel: 'ticker', symbol: 'tBTCUSD' }));
  const tick = (await s.next((m) => (m as { channel?: string }).channel === 'ticker')) as { chanId: number };
  s.ws.send(
    JSON.stringify({ event: 'subscribe', channel: 'book', symbol: 'tBTCUSD', prec: 'P0', len: '25' }),
  );
  const book = (await s.next((m) => (m as { channel?: string }).channel === 'book')) as { chanId: number };
  agree('ticker', F.WS_TICKER, (await s.next((m) => Array.isArray(m) && m[0] === tick.chanId)) as Json);
  agree(
    'book snapshot',
    F.WS_BOOK_SNAPSHOT,
    (await s.next((m) => Array.isArray(m) && m[0] === book.chanId)) as Json,
  );
  sim.exchange.crossFromMarket('BTCUSD', 'BUY', 200000, 0); // nothing to fill: keep the synthetic trades
  const trades = (await s.next(
    (m) => Array.isArray(m) && m[0] === sub.chanId && Array.isArray(m[1]),
  )) as Json;
  agree('trades snapshot', F.WS_TRADES_SNAPSHOT, trades);
  s.ws.terminate();
});

test('documented: auth reply, snapshots, and the pushes of an order placed, filled and cancelled', async () => {
  const s = await socket();
  s.ws.send(JSON.stringify(wsAuthEvent(key(), sim.credentials.secret, nonceSourceFor(key()).next(), false)));
  agree('auth OK', F.WS_AUTH_OK, await s.next((m) => (m as { event?: string }).event === 'auth'));
  agree('wallet snapshot', F.WS_WALLET_SNAPSHOT, await s.next(isType('ws')));

  const submit = await post('/v2/auth/w/order/submit', {
    type: 'EXCHANGE LIMIT',
    symbol: 'tBTCUSD',
    amount: '0.002',
    price: '90000',
    cid: 17000000000001,
  });
  assert.is(submit.status, 200);
  agree('submit reply', F.REST_SUBMIT_REPLY, submit.body);
  agree('n on-req', F.WS_NOTIFICATION_ON_REQ, await s.next(isType('n')));
  agree('REST orders', F.REST_ORDERS, (await post('/v2/auth/r/orders')).body);
  sim.exchange.crossFromMarket('BTCUSD', 'SELL', 90000, 0.001);
  agree('te', F.WS_TRADE_EXECUTED, await s.next(isType('te')));
  agree('tu', F.WS_TRADE_UPDATE, await s.next(isType('tu')));
  agree('wu', F.WS_WALLET_UPDATE, await s.next(isType('wu')));
  agree('REST trades', F.REST_TRADES, (await post('/v2/auth/r/trades/hist', { start: 0 })).body);
  agree('REST wallets', F.REST_WALLETS, (await post('/v2/auth/r/wallets')).body);

  const id = ((submit.body as Json[])[4] as Json[][])[0]![0];
  // The documented update input, with this order's id, answered by the documented "ou-req" and an 'ou'.
  const [, , , update] = F.WS_INPUT_ORDER_UPDATE as [number, string, null, Record<string, Json>];
  const seenBefore = s.seen.length;
  s.ws.send(JSON.stringify([0, 'ou', null, { ...update, id, amount: '0.003', price: '89000' }]));
  const after = (pred: (m: Json) => boolean) => s.next((m) => s.seen.indexOf(m) >= seenBefore && pred(m));
  const ouReq = await after((m) => isType('n')(m) && ((m as Json[])[2] as Json[])[1] === 'ou-req');
  agree('n ou-req', F.WS_NOTIFICATION_OU_REQ, ouReq);
  assert.is(((ouReq as Json[])[2] as Json[])[6], 'SUCCESS');
  const ou = (await after(isType('ou'))) as Json[];
  // ws-auth-orders documents 'ou' and 'oc' with one order layout; its example is the 'oc'.
  agree('ou', F.WS_ORDER_CANCEL, ou);
  assert.is((ou[2] as Json[])[16], 89000, 'the new price');
  assert.is((ou[2] as Json[])[6], 0.003, 'the new remaining amount');
  assert.is((ou[2] as Json[])[7], 0.004, 'the total: the 0.001 filled and the new remaining amount');
  const cancel = await post('/v2/auth/w/order/cancel', { id });
  agree('cancel reply', F.REST_CANCEL_REPLY, cancel.body);
  agree('oc', F.WS_ORDER_CANCEL, await s.next(isType('oc')));

  // A second login sees the order snapshot.
  await post('/v2/auth/w/order/submit', {
    type: 'EXCHANGE LIMIT',
    symbol: 'tBTCUSD',
    amount: '0.002',
    price: '90000',
    cid: 17000000000002,
  });
  const s2 = await socket();
  s2.ws.send(JSON.stringify(wsAuthEvent(key(), sim.credentials.secret, nonceSourceFor(key()).next(), false)));
  agree('os', F.WS_ORDER_SNAPSHOT, await s2.next(isType('os')));
  s.ws.terminate();
  s2.ws.terminate();
});

test('documented: a bad signature, an old nonce and an unknown pair are Bitfinex error arrays', async () => {
  const body = '{}';
  const nonce = nonceSourceFor(key()).next();
  const bad = await fetch(`${sim.restUrl}/v2/auth/r/wallets`, {
    method: 'POST',
    body,
    headers: {
      ...restAuthHeaders(key(), 'wrong secret', 'v2/auth/r/wallets', nonce, body),
      'content-type': 'application/json',
    },
  });
  assert.is(bad.status, 500);
  assert.equal(await bad.json(), ['error', 10100, 'apikey: digest invalid']);
  const headers = restAuthHeaders(key(), sim.credentials.secret, 'v2/auth/r/wallets', '1', body);
  const old = await fetch(`${sim.restUrl}/v2/auth/r/wallets`, { method: 'POST', body, headers });
  agree('nonce error', F.REST_ERROR, (await old.json()) as Json);
  const unknown = await post('/v2/auth/w/order/submit', {
    type: 'EXCHANGE LIMIT',
    symbol: 'tNOPE',
    amount: '1',
    price: '1',
  });
  assert.equal(unknown.body, ['error', 10020, 'symbol: invalid']);
});

test('documented: info codes as Bitfinex words them', async () => {
  const s = await socket();
  await s.next((m) => (m as { event?: string }).event === 'info');
  for (const [code, doc] of [
    [20051, F.WS_INFO_RECONNECT],
    [20060, F.WS_INFO_MAINTENANCE_START],
    [20061, F.WS_INFO_MAINTENANCE_END],
  ] as const) {
    sim.sendInfo(code);
    const got = await s.next((m) => (m as { code?: number }).code === code);
    assert.equal(got, doc);
  }
  s.ws.terminate();
});

test.run();
