// Sim/doc agreement: every REST reply and stream frame `vnt sim onetoken` serves has the keys, types and
// nesting of 1Token's documented example (test/fixtures/onetoken-messages.ts). The simulator agreeing with
// the gateway proves little; the documentation is the truth, and where the two differ the simulator is fixed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { OnetokenGateway } from '../../../gateways/onetoken/index.js';
import { NonceSource, authHeaders } from '../../../gateways/onetoken/sign.js';
import type { OnetokenSim } from '../../../gateways/onetoken/sim/server.js';
import * as doc from '../../fixtures/onetoken-messages.js';
import { shapeDifferences } from '../../helpers/doc-shape.js';
import { until } from '../../helpers/wait.js';
import { quietSim, settingFor } from './target.js';

let sim: OnetokenSim;
let me: MainEngine;
const nonces = new NonceSource();

async function signedGet(endpoint: string): Promise<unknown> {
  const path = `/huobip/${sim.credentials.account}${endpoint.split('?')[0]}`;
  const headers = authHeaders(sim.credentials.key, sim.credentials.secret, 'GET', path, nonces.next(), '');
  const res = await fetch(`${sim.restUrl}/trade/huobip/${sim.credentials.account}${endpoint}`, { headers });
  assert.is(res.status, 200, `GET ${endpoint}`);
  return res.json();
}

function agree(what: string, actual: unknown, documented: unknown): void {
  assert.equal(shapeDifferences(actual, documented), [], `${what} agrees with 1Token's documented example`);
}

test.before(async () => {
  sim = await quietSim();
  me = new MainEngine({ log: false });
  me.addGateway(OnetokenGateway);
  await me.connect(settingFor(sim), 'ONETOKEN');
  // A session that makes the simulator send every kind of frame: a tick, an order's life, a fill, a cancel.
  me.subscribe({ symbol: 'btc.usdt', exchange: Exchange.HUOBI }, 'ONETOKEN');
  await until(() => me.getTick('btc.usdt.HUOBI') !== undefined, 'a tick');
  const req = {
    symbol: 'btc.usdt',
    exchange: Exchange.HUOBI,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    price: 90000,
    volume: 0.002,
    offset: Offset.NONE,
  };
  const filled = me.sendOrder(req, 'ONETOKEN');
  await until(() => me.getOrder(filled)?.status === Status.NOTTRADED, 'a resting order');
  sim.exchanges.get('huobip')!.crossFromMarket('btc.usdt', 'SELL', 90000, 0.002);
  await until(() => me.getAllTrades().length > 0, 'a trade');
  const cancelled = me.sendOrder(req, 'ONETOKEN');
  await until(() => me.getOrder(cancelled)?.status === Status.NOTTRADED, 'a second resting order');
  const o = me.getOrder(cancelled)!;
  me.cancelOrder({ orderid: o.orderid, symbol: o.symbol, exchange: o.exchange }, 'ONETOKEN');
  await until(() => me.getOrder(cancelled)?.status === Status.CANCELLED, 'a cancel');
});

test.after(async () => {
  await me.close();
  await sim.close();
});

test('tick stream frames: auth, subscribe acknowledgement, single-tick-verbose, pong', async () => {
  await until(() => (sim.sent.get('pong')?.length ?? 0) > 0, 'a pong');
  agree('auth reply', sim.sent.get('auth')![0], doc.TICK_AUTH_REPLY);
  agree('subscribe reply', sim.sent.get('subscribe-single-tick-verbose')![0], doc.TICK_SUBSCRIBED);
  for (const frame of sim.sent.get('single-tick-verbose')!) {
    agree('tick push', frame, { ...doc.TICK_PUSH, data: doc.TICK });
  }
  agree('pong', sim.sent.get('pong')![0], doc.PONG);
});

test('account stream frames: connected, sub-info, sub-order, info and order pushes', () => {
  agree(
    'connected',
    sim.sent.get('status')!.find((f) => (f as { code?: string }).code === 'connected'),
    doc.ACCOUNT_CONNECTED,
  );
  agree('sub-info reply', sim.sent.get('sub-info')![0], doc.SUB_INFO_REPLY);
  agree('sub-order reply', sim.sent.get('sub-order')![0], doc.SUB_ORDER_REPLY);
  for (const frame of sim.sent.get('info')!) {
    agree('info push', frame, { uri: 'info', type: 'snapshot', data: doc.SPOT_INFO });
  }
  const orders = sim.sent.get('order')!;
  assert.ok(
    orders.some((f) => ((f as { data: unknown[] }).data ?? []).length > 0),
    'an order push with an order',
  );
  for (const frame of orders) agree('order push', frame, { uri: 'order', type: 'update', data: [doc.ORDER] });
});

test('REST replies: contracts, info, orders, transactions', async () => {
  const contracts = (await (
    await fetch(`${sim.restUrl}/basic/contracts?exchange=huobip`)
  ).json()) as unknown[];
  assert.ok(contracts.length > 0);
  agree('contract list', contracts, [doc.CONTRACT]);
  agree('info', await signedGet('/info'), doc.SPOT_INFO);
  const orders = (await signedGet('/orders')) as unknown[];
  assert.ok(orders.length >= 2, 'the filled and the cancelled order');
  agree('order list', orders, [doc.ORDER]);
  const trans = (await signedGet('/trans')) as unknown[];
  assert.ok(trans.length > 0, 'the fill');
  agree('transaction list', trans, [doc.TRANSACTION]);
});

test("refusals use 1Token's documented error codes", async () => {
  const res = await fetch(`${sim.restUrl}/trade/huobip/${sim.credentials.account}/info`);
  const body = (await res.json()) as { code: string; message: string };
  assert.is(res.status, 401);
  assert.ok(['no-valid-authentication', 'invalid-api-key'].includes(body.code), body.code);
  assert.type(body.message, 'string');
});

test.run();
