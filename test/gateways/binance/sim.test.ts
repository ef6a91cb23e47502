// The Binance simulator on its own, spoken to as Binance is: signed REST, stream subscriptions, the WS API
// user-data subscription, and the `vnt sim binance` command.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { OrderType } from '../../../src/core/constant.js';
import { encodeParams, type Params } from '../../../gateways/common/rest-client.js';
import { signWsParams, signedQuery } from '../../../gateways/binance/sign.js';
import { startBinanceSim, type BinanceSim } from '../../../gateways/binance/sim/server.js';
import { until } from '../../helpers/wait.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/vnt.js');

async function call(
  sim: BinanceSim,
  method: string,
  p: string,
  params: Params,
  o: { sign?: boolean; key?: string; secret?: string; timestamp?: number } = {},
): Promise<{ status: number; body: { code?: number; msg?: string } & Record<string, unknown> }> {
  const full = o.sign === false ? params : { ...params, timestamp: o.timestamp ?? Date.now() };
  const query = o.sign === false ? encodeParams(full) : signedQuery(full, o.secret ?? sim.credentials.secret);
  const res = await fetch(`${sim.restUrl}${p}?${query}`, {
    method,
    headers: { 'X-MBX-APIKEY': o.key ?? sim.credentials.apiKey },
  });
  return { status: res.status, body: (await res.json()) as never };
}

function openWs(url: string): Promise<{ ws: WebSocket; messages: Array<Record<string, unknown>> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: Array<Record<string, unknown>> = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as Record<string, unknown>));
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('error', reject);
  });
}

let sim: BinanceSim;
test.before(async () => {
  sim = await startBinanceSim({ seed: 3, tickRate: 50, volatility: 0 });
});
test.after(() => sim.close());

test('public endpoints: time, exchange info with filters, depth', async () => {
  const time = await call(sim, 'GET', '/api/v3/time', {}, { sign: false });
  assert.ok(Math.abs(Number(time.body.serverTime) - Date.now()) < 60_000);
  const info = await call(sim, 'GET', '/fapi/v1/exchangeInfo', {}, { sign: false });
  const symbols = info.body.symbols as Array<{
    symbol: string;
    filters: Array<{ filterType: string; tickSize?: string }>;
  }>;
  assert.equal(symbols[0]!.filters.find((f) => f.filterType === 'PRICE_FILTER')!.tickSize, '0.1');
  const depth = await call(sim, 'GET', '/api/v3/depth', { symbol: 'BTCUSDT', limit: 5 }, { sign: false });
  assert.ok(Number(depth.body.lastUpdateId) > 0);
  assert.ok((depth.body.bids as unknown[]).length > 0);
  const bad = await call(sim, 'GET', '/api/v3/depth', { symbol: 'NOPE' }, { sign: false });
  assert.equal([bad.status, bad.body.code], [400, -1121]);
});

test('SIGNED checks: API key, signature, timestamp window, mandatory params', async () => {
  const key = await call(sim, 'GET', '/api/v3/account', {}, { key: 'wrong' });
  assert.equal([key.status, key.body.code], [401, -2015]);
  const sig = await call(sim, 'GET', '/api/v3/account', {}, { secret: 'not-the-secret' });
  assert.equal(
    [sig.status, sig.body.code, sig.body.msg],
    [400, -1022, 'Signature for this request is not valid.'],
  );
  const old = await call(sim, 'GET', '/api/v3/account', {}, { timestamp: Date.now() - 10_000 });
  assert.is(old.body.code, -1021);
  const future = await call(sim, 'GET', '/api/v3/account', {}, { timestamp: Date.now() + 5_000 });
  assert.is(future.body.code, -1021);
  const wide = await call(
    sim,
    'GET',
    '/api/v3/account',
    { recvWindow: 20_000 },
    { timestamp: Date.now() - 10_000 },
  );
  assert.is(wide.status, 200);
  const noTs = await call(sim, 'GET', '/api/v3/account', {}, { sign: false });
  assert.is(noTs.body.code, -1102);
  const account = await call(sim, 'GET', '/api/v3/account', {});
  const balances = account.body.balances as Array<{ asset: string; free: string }>;
  assert.ok(balances.some((b) => b.asset === 'BTC' && Number(b.free) === 10));
});

test('orders: filter failures, placement, query, cancel and unknown orders, with Binance codes', async () => {
  const order = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001' };
  const tick = await call(sim, 'POST', '/api/v3/order', { ...order, price: '90000.005' });
  assert.equal([tick.body.code, tick.body.msg], [-1013, 'Filter failure: PRICE_FILTER']);
  const lot = await call(sim, 'POST', '/api/v3/order', { ...order, price: '90000', quantity: '0.0015' });
  assert.equal([lot.body.code, lot.body.msg], [-1013, 'Filter failure: LOT_SIZE']);
  const maker = await call(sim, 'POST', '/api/v3/order', {
    ...order,
    type: 'LIMIT_MAKER',
    timeInForce: undefined,
    price: '200000',
  });
  assert.equal([maker.body.code, maker.body.msg], [-2010, 'Order would immediately match and take.']);
  const placed = await call(sim, 'POST', '/api/v3/order', {
    ...order,
    price: '90000',
    newClientOrderId: 'abc-1',
  });
  assert.equal(
    [placed.body.status, placed.body.clientOrderId, placed.body.price],
    ['NEW', 'abc-1', '90000.00'],
  );
  const dup = await call(sim, 'POST', '/api/v3/order', {
    ...order,
    price: '90000',
    newClientOrderId: 'abc-1',
  });
  assert.is(dup.body.code, -2010);
  const q = await call(sim, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'abc-1' });
  assert.is(q.body.status, 'NEW');
  const cancelled = await call(sim, 'DELETE', '/api/v3/order', {
    symbol: 'BTCUSDT',
    origClientOrderId: 'abc-1',
  });
  assert.is(cancelled.body.status, 'CANCELED');
  const again = await call(sim, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'abc-1' });
  assert.equal([again.body.code, again.body.msg], [-2011, 'Unknown order sent.']);
  const missing = await call(sim, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'never' });
  assert.is(missing.body.code, -2013);
  const reduce = await call(sim, 'POST', '/fapi/v1/order', {
    ...order,
    side: 'SELL',
    price: '99000',
    reduceOnly: 'true',
  });
  assert.is(reduce.body.code, -2022);
});

test('market streams: SUBSCRIBE is acknowledged and depth diffs chain U to the previous u', async () => {
  const { ws, messages } = await openWs(sim.spotStreamUrl);
  ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms', 'btcusdt@ticker'], id: 7 }));
  await until(() => messages.filter((m) => m.e === 'depthUpdate').length >= 3, 'three depth updates');
  assert.equal(messages[0], { result: null, id: 7 });
  const diffs = messages.filter((m) => m.e === 'depthUpdate') as Array<{ U: number; u: number }>;
  for (let i = 1; i < diffs.length; i++) assert.is(diffs[i]!.U, diffs[i - 1]!.u + 1);
  await until(() => messages.some((m) => m.e === '24hrTicker'), 'a ticker');
  ws.send('not json');
  await until(() => messages.some((m) => m.code === 3), 'an error for bad JSON');
  ws.terminate();
});

test('depth diffs are batched as @depth@100ms is, so a snapshot falls inside the next diff (U <= id+1 <= u)', async () => {
  const { ws, messages } = await openWs(sim.spotStreamUrl);
  ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms'], id: 8 }));
  await until(() => messages.length > 0, 'the subscription');
  sim.setMarketActive(false);
  try {
    const venue = sim.venues.SPOT;
    const bid = venue.exchange.getBook('BTCUSDT', 1)!.bids[0]!.price;
    const place = (price: number) =>
      venue.exchange.placeOrder(venue.accountId, {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: OrderType.LIMIT,
        price,
        volume: 0.001,
      });
    // One book change, the snapshot, another change: all in one turn of the event loop, so the batch that
    // carries both changes is published after the snapshot was taken.
    assert.ok(place(bid - 1).ok);
    const snap = venue.handle('GET', '/api/v3/depth', { symbol: 'BTCUSDT' }).body as { lastUpdateId: number };
    assert.ok(place(bid - 2).ok);
    const from = messages.length;
    await until(
      () => messages.slice(from).some((m) => m.e === 'depthUpdate' && Number(m.u) > snap.lastUpdateId),
      'the diff past the snapshot',
    );
    const next = messages
      .slice(from)
      .find((m) => m.e === 'depthUpdate' && Number(m.u) > snap.lastUpdateId) as { U: number; u: number };
    assert.ok(next.U <= snap.lastUpdateId, `U ${next.U} at or before the snapshot ${snap.lastUpdateId}`);
    assert.ok(next.u >= snap.lastUpdateId + 1, `u ${next.u} past the snapshot`);
    for (const o of venue.exchange.getOpenOrders(venue.accountId))
      venue.exchange.cancelOrder(venue.accountId, o.orderId);
  } finally {
    sim.setMarketActive(true);
    ws.terminate();
  }
});

test('WS API: user data subscription checks the signature and then carries executionReports', async () => {
  const { ws, messages } = await openWs(sim.spotWsApiUrl);
  const bad = signWsParams({}, sim.credentials.apiKey, 'wrong-secret', Date.now());
  ws.send(JSON.stringify({ id: 'a', method: 'userDataStream.subscribe.signature', params: bad }));
  await until(() => messages.length === 1, 'the refusal');
  assert.equal(messages[0]!.error, { code: -1022, msg: 'Signature for this request is not valid.' });
  const good = signWsParams({}, sim.credentials.apiKey, sim.credentials.secret, Date.now());
  ws.send(JSON.stringify({ id: 'b', method: 'userDataStream.subscribe.signature', params: good }));
  await until(() => messages.length === 2, 'the subscription');
  assert.equal(messages[1], { id: 'b', status: 200, result: { subscriptionId: 0 } });
  await call(sim, 'POST', '/api/v3/order', {
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '0.002',
    price: '91000',
    newClientOrderId: 'ws-1',
  });
  sim.venues.SPOT.exchange.crossFromMarket('BTCUSDT', 'SELL', 91000, 0.001);
  await until(
    () => messages.some((m) => (m.event as { x?: string } | undefined)?.x === 'TRADE'),
    'a TRADE executionReport',
  );
  const reports = messages
    .filter((m) => (m.event as { e?: string } | undefined)?.e === 'executionReport')
    .map((m) => m.event as { c: string; x: string; X: string; z: string; l: string });
  assert.equal(
    reports.filter((r) => r.c === 'ws-1').map((r) => [r.x, r.X, r.z, r.l]),
    [
      ['NEW', 'NEW', '0.000', '0.000'],
      ['TRADE', 'PARTIALLY_FILLED', '0.001', '0.001'],
    ],
  );
  assert.ok(messages.some((m) => (m.event as { e?: string } | undefined)?.e === 'outboundAccountPosition'));
  ws.terminate();
});

test('admin: dropping connections ends every WebSocket; unreachable refuses new ones', async () => {
  const { ws } = await openWs(sim.spotStreamUrl);
  const closed = new Promise((r) => ws.once('close', r));
  await fetch(`${sim.restUrl}/admin/drop`, { method: 'POST' });
  await closed;
  await fetch(`${sim.restUrl}/admin/reachable?on=false`, { method: 'POST' });
  const refused = await openWs(sim.spotStreamUrl).then(
    () => 'opened',
    () => 'refused',
  );
  assert.is(refused, 'refused');
  await fetch(`${sim.restUrl}/admin/reachable?on=true`, { method: 'POST' });
  const again = await openWs(sim.spotStreamUrl);
  again.ws.terminate();
});

test('`vnt sim binance --port 0` prints its URLs and test credentials and serves Binance paths', async () => {
  const child = spawn(process.execPath, [BIN, 'sim', 'binance', '--port', '0', '--tick-rate', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  try {
    await until(() => out.includes('test secret'), 'the simulator banner');
    const rest = /REST[^:]*:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    assert.ok(rest, out);
    assert.match(out, /spot WebSocket API \(user data\): ws:\/\/127\.0\.0\.1:\d+\/ws-api\/v3/);
    assert.match(out, /test API key: \w{64}/);
    const ping = await fetch(`${rest}/api/v3/ping`);
    assert.equal(await ping.json(), {});
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

test.run();
