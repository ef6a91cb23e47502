// Sim/doc agreement: every REST reply and stream push the Alpaca simulator serves has the keys, types and
// nesting of Alpaca's documented example (test/fixtures/alpaca-messages.ts). Where they differ, the
// simulator is wrong: it would hide a gateway bug that the venue would not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { startAlpacaSim, type AlpacaSim } from '../../../gateways/alpaca/sim/server.js';
import * as M from '../../fixtures/alpaca-messages.js';
import { until } from '../../helpers/wait.js';

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** Nullable strings (filled_at, limit_price, ...) are null in one example and set in another: one kind. */
function kind(v: unknown): Kind {
  if (v === null || typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return typeof v as Kind;
}

/** Where `actual` differs from `doc` in keys, types or nesting; `extra` names keys the doc example lacks. */
function differences(actual: unknown, doc: unknown, path = '', extra: readonly string[] = []): string[] {
  if (kind(actual) !== kind(doc))
    return [`${path || '(top)'}: ${kind(actual)} where the doc has ${kind(doc)}`];
  if (kind(doc) === 'array') {
    const a = actual as unknown[];
    const d = doc as unknown[];
    if (d.length === 0 || a.length === 0) return [];
    return a.flatMap((x, i) => differences(x, d[0], `${path}[${i}]`, extra));
  }
  if (kind(doc) !== 'object') return [];
  const a = actual as Record<string, unknown>;
  const d = doc as Record<string, unknown>;
  const out: string[] = [];
  for (const k of Object.keys(d)) {
    if (!(k in a)) out.push(`${path}${k}: missing`);
    else out.push(...differences(a[k], d[k], `${path}${k}.`, extra));
  }
  for (const k of Object.keys(a))
    if (!(k in d) && !extra.includes(k)) out.push(`${path}${k}: not in the doc`);
  return out;
}

function agrees(actual: unknown, doc: unknown, what: string, extra: readonly string[] = []): void {
  assert.equal(differences(actual, doc, '', extra), [], what);
}

let sim: AlpacaSim;
const headers = () => ({
  'APCA-API-KEY-ID': sim.credentials.key,
  'APCA-API-SECRET-KEY': sim.credentials.secret,
  'content-type': 'application/json',
});

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.restUrl}${path}`, {
    method,
    headers: headers(),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A day limit order to buy 2 AAPL. */
const dayBuy = (limitPrice: string, clientOrderId: string) => ({
  symbol: 'AAPL',
  qty: '2',
  side: 'buy',
  type: 'limit',
  time_in_force: 'day',
  limit_price: limitPrice,
  client_order_id: clientOrderId,
});

/** The trading stream's login with the simulator's keys. */
function authenticate(ws: WebSocket): void {
  ws.send(
    JSON.stringify({
      action: 'authenticate',
      data: { key_id: sim.credentials.key, secret_key: sim.credentials.secret },
    }),
  );
}

/** A WebSocket that records every message (binary frames decoded as UTF-8 JSON). */
async function socket(url: string): Promise<{ ws: WebSocket; got: unknown[]; binary: boolean[] }> {
  const ws = new WebSocket(url);
  const got: unknown[] = [];
  const binary: boolean[] = [];
  ws.on('message', (data, isBinary) => {
    binary.push(isBinary);
    got.push(JSON.parse(data.toString()));
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, got, binary };
}

test.before(async () => {
  sim = await startAlpacaSim({ seed: 7, tickRate: 200, volatility: 0 });
});

test.after(async () => {
  await sim.close();
});

test('documented: account, assets and positions', async () => {
  agrees((await call('GET', '/v2/account')).body, M.ACCOUNT, 'GET /v2/account');
  const equities = (await call('GET', '/v2/assets?status=active&asset_class=us_equity')).body as unknown[];
  assert.ok(equities.length > 0);
  for (const a of equities) agrees(a, M.ASSET_EQUITY, 'a us_equity asset');
  const crypto = (await call('GET', '/v2/assets?status=active&asset_class=crypto')).body as unknown[];
  assert.ok(crypto.length > 0);
  for (const a of crypto) agrees(a, M.ASSET_CRYPTO, 'a crypto asset');
  const positions = (await call('GET', '/v2/positions')).body as { symbol: string }[];
  assert.ok(positions.length >= 2, 'the account starts holding AAPL and BTC');
  for (const p of positions) agrees(p, M.POSITION, `position ${p.symbol}`);
  assert.ok(
    positions.some((p) => p.symbol === 'BTCUSD'),
    'crypto positions are written without the slash',
  );
});

test('documented: order replies, lists, lookups, fills and errors; trade_updates pushes', async () => {
  const stream = await socket(sim.streamUrl);
  authenticate(stream.ws);
  await until(() => stream.got.length >= 1, 'authorization');
  agrees(stream.got[0], M.AUTHORIZED, 'authorization');
  stream.ws.send(JSON.stringify({ action: 'listen', data: { streams: ['trade_updates'] } }));
  await until(() => stream.got.length >= 2, 'listening');
  agrees(stream.got[1], M.LISTENING, 'listening');
  assert.ok(stream.binary.every(Boolean), 'paper frames are binary');

  const placed = await call('POST', '/v2/orders', dayBuy('200', 'doc-1'));
  assert.is(placed.status, 200);
  agrees(placed.body, M.ORDER, 'POST /v2/orders', ['cancel_requested_at']);
  const id = (placed.body as { id: string }).id;
  sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 1);
  sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 1);
  const canceled = await call('POST', '/v2/orders', {
    symbol: 'BTC/USD',
    qty: '0.01',
    side: 'buy',
    type: 'limit',
    time_in_force: 'gtc',
    limit_price: '50000',
    client_order_id: 'doc-2',
  });
  assert.is(canceled.status, 200);
  const del = await call('DELETE', `/v2/orders/${(canceled.body as { id: string }).id}`);
  assert.is(del.status, 204);
  assert.is(del.body, undefined, '204 has no body');

  const updates = () =>
    stream.got.filter((m) => (m as { stream: string }).stream === 'trade_updates') as {
      data: { event: string };
    }[];
  await until(
    () =>
      updates().filter((u) => u.data.event === 'new').length >= 2 &&
      updates().some((u) => u.data.event === 'canceled'),
    'the pushes',
  );
  await until(() => updates().some((u) => u.data.event === 'fill'), 'the fill push');
  const events = updates().map((u) => u.data.event);
  assert.ok(events.includes('partial_fill') && events.includes('fill'), events.join(','));
  for (const u of updates()) {
    const fill = u.data.event === 'fill' || u.data.event === 'partial_fill';
    // Events other than fills carry the order and a timestamp only (streaming page, "Trade Updates").
    const doc = fill
      ? M.TRADE_UPDATE_FILL
      : {
          stream: 'trade_updates',
          data: { event: 'new', order: M.TRADE_UPDATE_FILL.data.order, timestamp: '' },
        };
    agrees(u, doc, `trade_updates ${u.data.event}`);
  }

  const list = (await call('GET', '/v2/orders?status=all&direction=asc&limit=500')).body as unknown[];
  assert.is(list.length, 2);
  for (const o of list) agrees(o, M.ORDER, 'GET /v2/orders', ['cancel_requested_at']);
  agrees((await call('GET', `/v2/orders/${id}`)).body, M.ORDER, 'GET /v2/orders/{id}', [
    'cancel_requested_at',
  ]);
  agrees(
    (await call('GET', '/v2/orders:by_client_order_id?client_order_id=doc-1')).body,
    M.ORDER,
    'by client id',
    ['cancel_requested_at'],
  );
  const fills = (await call('GET', '/v2/account/activities/FILL?direction=asc')).body as unknown[];
  assert.is(fills.length, 2);
  for (const f of fills) agrees(f, M.FILL_ACTIVITY, 'a FILL activity');

  await call('POST', '/v2/orders', {
    symbol: 'AAPL',
    qty: '1',
    side: 'buy',
    type: 'limit',
    time_in_force: 'day',
    limit_price: '201',
    client_order_id: 'doc-3',
  });
  const all = await call('DELETE', '/v2/orders');
  assert.is(all.status, 207);
  for (const r of all.body as unknown[])
    agrees(r, M.CANCELED_ORDER_RESPONSE, 'DELETE /v2/orders element', ['body']);

  const error = { code: 40310000, message: 'insufficient buying power' };
  sim.rejectNext();
  const refused = await call('POST', '/v2/orders', {
    symbol: 'AAPL',
    qty: '1',
    side: 'buy',
    type: 'market',
    time_in_force: 'day',
  });
  assert.is(refused.status, 403);
  agrees(refused.body, error, '403');
  const invalid = await call('POST', '/v2/orders', {
    symbol: 'AAPL',
    qty: '1',
    side: 'buy',
    type: 'limit',
    time_in_force: 'day',
    limit_price: '200.001',
  });
  assert.is(invalid.status, 422);
  agrees(invalid.body, error, '422');
  assert.is((invalid.body as { code: number }).code, 42210000);
  // The sub-penny rule by price: four decimals below $1, two from $1.
  const penny = { symbol: 'PNNY', qty: '1', side: 'buy', type: 'limit', time_in_force: 'day' };
  assert.is((await call('POST', '/v2/orders', { ...penny, limit_price: '0.4001' })).status, 200);
  const above = await call('POST', '/v2/orders', { ...penny, limit_price: '1.0001' });
  assert.is(above.status, 422);
  assert.match(JSON.stringify(above.body), /sub-penny increment/);
  const missing = await call('GET', '/v2/orders:by_client_order_id?client_order_id=nope');
  assert.is(missing.status, 404);
  agrees(missing.body, error, '404');
  sim.rateLimitNext(1, 1);
  const limited = await call('GET', '/v2/account');
  assert.is(limited.status, 429);
  agrees(limited.body, error, '429');
  const res = await fetch(`${sim.restUrl}/v2/account`, {
    headers: { 'APCA-API-KEY-ID': 'wrong', 'APCA-API-SECRET-KEY': 'x' },
  });
  assert.is(res.status, 401);
  agrees(await res.json(), error, '401');
  stream.ws.terminate();
});

test('documented: Replace Order (PATCH) answers an order, the old one replaced; its errors; the stream events', async () => {
  const stream = await socket(sim.streamUrl);
  authenticate(stream.ws);
  stream.ws.send(JSON.stringify({ action: 'listen', data: { streams: ['trade_updates'] } }));
  await until(() => stream.got.length >= 2, 'listening');
  const placed = await call('POST', '/v2/orders', dayBuy('190', 'doc-r1'));
  const oldId = (placed.body as { id: string }).id;
  const same = await call('PATCH', `/v2/orders/${oldId}`, { limit_price: '190' });
  assert.is(same.status, 422);
  assert.equal(same.body, { code: 42210000, message: 'order parameters are not changed' });
  const replaced = await call('PATCH', `/v2/orders/${oldId}`, {
    limit_price: '189',
    client_order_id: 'doc-r2',
  });
  assert.is(replaced.status, 200);
  agrees(replaced.body, M.ORDER, 'PATCH /v2/orders/{id}', ['cancel_requested_at']);
  const next = replaced.body as {
    id: string;
    client_order_id: string;
    replaces: string;
    limit_price: string;
  };
  assert.is.not(next.id, oldId, 'a new order id');
  assert.equal([next.client_order_id, next.replaces, Number(next.limit_price)], ['doc-r2', oldId, 189]);
  const old = (await call('GET', `/v2/orders/${oldId}`)).body as { status: string; replaced_by: string };
  assert.equal([old.status, old.replaced_by], ['replaced', next.id]);
  const again = await call('PATCH', `/v2/orders/${oldId}`, { limit_price: '188' });
  assert.is(again.status, 422, 'a replaced order cannot be replaced');
  assert.is((await call('PATCH', '/v2/orders/no-such-order', { limit_price: '188' })).status, 404);
  const updates = () =>
    (stream.got as { stream: string; data: { event: string; order: { id: string } } }[]).filter(
      (m) => m.stream === 'trade_updates',
    );
  await until(() => updates().some((u) => u.data.event === 'replaced'), 'the replaced push');
  assert.equal(
    updates().map((u) => [u.data.event, u.data.order.id === oldId ? 'old' : 'new']),
    [
      ['new', 'old'],
      ['new', 'new'],
      ['pending_replace', 'old'],
      ['replaced', 'old'],
    ],
  );
  for (const u of updates()) {
    agrees(
      u,
      {
        stream: 'trade_updates',
        data: { event: 'new', order: M.TRADE_UPDATE_FILL.data.order, timestamp: '' },
      },
      `trade_updates ${u.data.event}`,
    );
  }
  await call('DELETE', '/v2/orders');
  stream.ws.terminate();
});

test('documented: historical bars page', async () => {
  const start = new Date(Date.now() - 3 * 3_600_000).toISOString();
  const page = (await call('GET', `/v2/stocks/bars?symbols=AAPL&timeframe=1Min&start=${start}&limit=50`))
    .body;
  agrees(page, { ...M.BARS_PAGE, bars: {} }, 'the page', ['AAPL']);
  const bars = (page as { bars: Record<string, unknown[]> }).bars.AAPL!;
  assert.is(bars.length, 50);
  for (const b of bars) agrees(b, M.BARS_PAGE.bars.AAPL[0], 'a stock bar');
  assert.type((page as { next_page_token: unknown }).next_page_token, 'string', 'more pages: a token');
  const crypto = (await call('GET', `/v1beta3/crypto/us/bars?symbols=BTC/USD&timeframe=1Hour&start=${start}`))
    .body as {
    bars: Record<string, unknown[]>;
  };
  for (const b of crypto.bars['BTC/USD']!) agrees(b, M.BARS_PAGE.bars.AAPL[0], 'a crypto bar');
});

/** The subscription message lists every channel of the stream; the doc example names three of them. */
const STOCK_EXTRA = ['updatedBars', 'dailyBars', 'statuses', 'lulds'];
const CRYPTO_EXTRA = ['orderbooks', 'updatedBars', 'dailyBars'];

test('documented: market-data streams (connect, auth, subscribe, quotes, trades, daily bars, errors)', async () => {
  for (const [url, symbol, extra, quote, trade] of [
    [sim.stockStreamUrl.replace('{feed}', 'iex'), 'AAPL', STOCK_EXTRA, M.STOCK_QUOTE, M.STOCK_TRADE],
    [sim.cryptoStreamUrl, 'BTC/USD', CRYPTO_EXTRA, M.CRYPTO_QUOTE, M.CRYPTO_TRADE],
  ] as const) {
    const s = await socket(url);
    await until(() => s.got.length >= 1, 'the welcome');
    agrees(s.got[0], M.DATA_CONNECTED, 'connected');
    assert.equal(s.got[0], M.DATA_CONNECTED);
    s.ws.send(JSON.stringify({ action: 'auth', key: sim.credentials.key, secret: sim.credentials.secret }));
    await until(() => s.got.length >= 2, 'authenticated');
    assert.equal(s.got[1], M.DATA_AUTHENTICATED);
    s.ws.send(
      JSON.stringify({ action: 'subscribe', trades: [symbol], quotes: [symbol], dailyBars: [symbol] }),
    );
    await until(() => s.got.length >= 3, 'the subscription');
    agrees(s.got[2], M.DATA_SUBSCRIPTION, 'subscription', extra);
    const of = (T: string) => s.got.flat().filter((m) => (m as { T: string }).T === T);
    await until(
      () => of('q').length > 0 && of('t').length > 0 && of('d').length > 0,
      'quotes, trades and daily bars',
    );
    for (const m of of('q')) agrees(m, quote, 'a quote');
    for (const m of of('t')) agrees(m, trade, 'a trade');
    for (const m of of('d')) agrees(m, { ...M.DAILY_BAR, n: 0, vw: 0 }, 'a daily bar');
    // A second connection to the same feed is refused as Alpaca refuses it.
    const second = await socket(url);
    await until(() => second.got.length >= 1, 'the second welcome');
    second.ws.send(
      JSON.stringify({ action: 'auth', key: sim.credentials.key, secret: sim.credentials.secret }),
    );
    await until(() => second.got.length >= 2, 'the 406');
    assert.equal(second.got[1], [M.DATA_ERRORS[6]]);
    second.ws.terminate();
    s.ws.terminate();
  }
  const bad = await socket(sim.cryptoStreamUrl);
  await until(() => bad.got.length >= 1, 'the welcome');
  bad.ws.send(JSON.stringify({ action: 'subscribe', trades: ['BTC/USD'] }));
  bad.ws.send('{');
  bad.ws.send(JSON.stringify({ action: 'auth', key: 'x', secret: 'y' }));
  await until(() => bad.got.length >= 4, 'three errors');
  assert.equal(bad.got.slice(1), [[M.DATA_ERRORS[1]], [M.DATA_ERRORS[0]], [M.DATA_ERRORS[2]]]);
  bad.ws.terminate();
});

test.run();
