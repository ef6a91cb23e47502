// Sim/doc agreement: every REST reply and realtime row the simulator serves uses only fields that BitMEX's
// swagger definition documents, each with the documented type (null standing for an absent value), and the
// realtime envelopes have the shape of BitMEX's published frames (test/fixtures/bitmex-messages.ts).
import WebSocket from 'ws';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startBitmexSim, type BitmexSim } from '../../../gateways/bitmex/sim/server.js';
import { signedHeaders } from '../../../gateways/bitmex/sign.js';
import { wsAuthArgs } from '../../../gateways/bitmex/sign.js';
import { ERROR_BODY, ORDER_INSERT, WELCOME } from '../../fixtures/bitmex-messages.js';
import { SWAGGER_DEFINITIONS, type SwaggerType } from '../../fixtures/bitmex-swagger.js';
import { until } from '../../helpers/wait.js';

function typeOf(v: unknown): SwaggerType | 'null' {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string' || typeof v === 'boolean') return typeof v as SwaggerType;
  return 'object';
}

/** Fields the simulator sends that BitMEX's published frames carry beyond swagger (data.js, order insert). */
const PUBLISHED_EXTRAS = new Set(['error']);

function agrees(row: Record<string, unknown>, def: string, where: string): void {
  const spec = SWAGGER_DEFINITIONS[def]!;
  for (const [k, v] of Object.entries(row)) {
    if (PUBLISHED_EXTRAS.has(k)) continue;
    const want = spec[k];
    assert.ok(want, `${where}: field ${k} is not in swagger ${def}`);
    const got = typeOf(v);
    if (got === 'null') continue;
    // swagger "number" (double) admits integral values.
    assert.ok(
      got === want || (want === 'number' && got === 'integer'),
      `${where}: ${k} is ${got}, swagger says ${want}`,
    );
  }
}

let sim: BitmexSim;

async function get(path: string, signed = true): Promise<unknown> {
  const full = `/api/v1${path}`;
  const expires = Math.floor(Date.now() / 1000) + 30;
  const c = sim.credentials;
  const headers: Record<string, string> = signed
    ? { ...signedHeaders(c.apiKey, c.secret, 'GET', full, expires, '') }
    : {};
  const res = await fetch(sim.restUrl.replace(/\/api\/v1$/, '') + full, { headers });
  return res.json();
}

async function post(path: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const full = `/api/v1${path}`;
  const text = JSON.stringify(body);
  const expires = Math.floor(Date.now() / 1000) + 30;
  const c = sim.credentials;
  const res = await fetch(sim.restUrl.replace(/\/api\/v1$/, '') + full, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signedHeaders(c.apiKey, c.secret, 'POST', full, expires, text),
    },
    body: text,
  });
  return { status: res.status, body: await res.json() };
}

test.before(async () => {
  sim = await startBitmexSim({ seed: 3, tickRate: 50, volatility: 0 });
});

test.after(() => sim.close());

test('REST replies use swagger fields and types', async () => {
  for (const i of (await get('/instrument/active', false)) as Record<string, unknown>[]) {
    agrees(i, 'Instrument', 'GET /instrument/active');
  }
  for (const m of (await get('/user/margin?currency=all')) as Record<string, unknown>[])
    agrees(m, 'Margin', 'margin');
  for (const p of (await get('/position')) as Record<string, unknown>[]) agrees(p, 'Position', 'position');
  agrees((await get('/user/wallet')) as Record<string, unknown>, 'Wallet', 'wallet');
  const placed = await post('/order', {
    symbol: 'XBTUSD',
    side: 'Buy',
    orderQty: 100,
    price: 90000,
    ordType: 'Limit',
    clOrdID: 'doc1',
  });
  assert.is(placed.status, 200);
  agrees(placed.body as Record<string, unknown>, 'Order', 'POST /order');
  for (const o of (await get('/order')) as Record<string, unknown>[]) agrees(o, 'Order', 'GET /order');
  for (const r of (await get('/orderBook/L2?symbol=XBTUSD', false)) as Record<string, unknown>[]) {
    agrees(r, 'OrderBookL2', 'GET /orderBook/L2');
  }
  const bins = (await get(
    `/trade/bucketed?binSize=1m&symbol=XBTUSD&count=5&startTime=${new Date(Date.now() - 600_000).toISOString()}`,
    false,
  )) as Record<string, unknown>[];
  for (const b of bins) agrees(b, 'TradeBin', 'GET /trade/bucketed');
  sim.venue.exchange.crossFromMarket('XBTUSD', 'SELL', 90000, 100);
  const fills = (await get('/execution/tradeHistory')) as Record<string, unknown>[];
  assert.ok(fills.length >= 1);
  for (const e of fills) agrees(e, 'Execution', 'GET /execution/tradeHistory');
});

test('an order row has every key of the documented order insert that swagger defines', async () => {
  const rows = (await get('/order')) as Record<string, unknown>[];
  const documented = Object.keys(ORDER_INSERT.data[0]!).filter((k) => k in SWAGGER_DEFINITIONS.Order!);
  for (const k of documented) assert.ok(k in rows[0]!, `sim order row has ${k}`);
});

test('error replies have the documented {"error":{"message","name"}} shape', async () => {
  const res = await fetch(`${sim.restUrl}/position`, {
    headers: { 'api-key': 'nope', 'api-expires': '1', 'api-signature': 'x' },
  });
  assert.is(res.status, 401);
  const body = (await res.json()) as typeof ERROR_BODY;
  assert.equal(Object.keys(body), Object.keys(ERROR_BODY));
  assert.equal(Object.keys(body.error).sort(), Object.keys(ERROR_BODY.error).sort());
  assert.is(typeof body.error.message, 'string');
});

test('realtime: welcome, auth, partials with keys, and rows with swagger fields', async () => {
  const ws = new WebSocket(sim.wsUrl);
  const frames: Record<string, unknown>[] = [];
  ws.on('message', (d) => {
    const t = d.toString();
    frames.push(t === 'pong' ? { pong: true } : (JSON.parse(t) as Record<string, unknown>));
  });
  await new Promise((r) => ws.once('open', r));
  await until(() => frames.length >= 1, 'welcome');
  assert.equal(
    Object.keys(frames[0]!)
      .filter((k) => k in WELCOME)
      .sort(),
    ['docs', 'info', 'limit', 'timestamp', 'version'],
  );
  ws.send(
    JSON.stringify({
      op: 'authKeyExpires',
      args: wsAuthArgs(sim.credentials.apiKey, sim.credentials.secret, Math.floor(Date.now() / 1000) + 30),
    }),
  );
  await until(() => frames.some((f) => f.success === true), 'auth');
  ws.send(
    JSON.stringify({
      op: 'subscribe',
      args: [
        'orderBookL2_25:XBTUSD',
        'order',
        'execution',
        'position',
        'margin',
        'wallet',
        'instrument:XBTUSD',
        'trade:XBTUSD',
        'quote:XBTUSD',
      ],
    }),
  );
  ws.send('ping');
  await until(
    () => frames.some((f) => f.pong) && frames.filter((f) => f.action === 'partial').length >= 9,
    'partials',
  );
  sim.venue.exchange.crossFromMarket('XBTUSD', 'SELL', 90000, 100);
  await post('/order', {
    symbol: 'XBTUSD',
    side: 'Buy',
    orderQty: 100,
    price: 90000,
    ordType: 'Limit',
    clOrdID: 'doc2',
  });
  sim.venue.exchange.crossFromMarket('XBTUSD', 'SELL', 90000, 100);
  await until(() => frames.some((f) => f.table === 'execution' && f.action === 'insert'), 'an execution');
  const DEF: Record<string, string> = {
    orderBookL2_25: 'OrderBookL2',
    order: 'Order',
    execution: 'Execution',
    position: 'Position',
    margin: 'Margin',
    wallet: 'Wallet',
    instrument: 'Instrument',
    trade: 'Trade',
    quote: 'Quote',
  };
  for (const f of frames.filter((x) => typeof x.table === 'string')) {
    if (f.action === 'partial')
      assert.ok(
        Array.isArray(f.keys) && 'filter' in f && 'types' in f,
        `${String(f.table)} partial has keys, types, filter`,
      );
    for (const row of f.data as Record<string, unknown>[])
      agrees(row, DEF[String(f.table)]!, `${String(f.table)} ${String(f.action)}`);
  }
  await new Promise<void>((r) => {
    ws.once('close', () => r());
    ws.terminate();
  });
});

test.run();
