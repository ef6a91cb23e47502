// HBDM trigger orders held to HTX's documented examples (test/fixtures/hbdm-messages.ts, the "[Cross] … Trigger
// Order" pages): the simulator's swap_cross_trigger_order, _cancel, _openorders and _hisorders replies and its
// trigger_order_cross push; its refusals of bad trigger input and of an unsigned call. And the gateway on the
// documented push as HTX sends it: a trigger placed elsewhere becomes a STOP order t<id>; a created order's
// push arriving before the trigger push that names it is booked on the trigger's order, not as a twin.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OrderType, Status } from '../../../src/core/constant.js';
import type { HtxSim } from '../../../gateways/htx/sim/server.js';
import * as doc from '../../fixtures/hbdm-messages.js';
import { until } from '../../helpers/wait.js';
import { agrees as agreesWith, quietSim, signedRest } from './target.js';
import { hbdmSession, hbdmSettingFor, triggerBody, type HbdmSession } from './target-hbdm.js';

const agrees = (what: string, served: unknown, documented: string): void =>
  agreesWith(what, served, JSON.parse(documented));

const P = '/linear-swap-api/v1/swap_cross_';

test('documented trigger replies and push: place, open orders, the order push, cancel, history', async () => {
  const sim: HtxSim = await quietSim();
  try {
    const raw = signedRest(sim);
    const pushes: Array<Record<string, unknown>> = [];
    const sink = (m: unknown) => pushes.push(JSON.parse(JSON.stringify(m)) as Record<string, unknown>);
    assert.is(
      sim.linearCross.subscribeNotify('trigger_order_cross.*', sink),
      undefined,
      'the topic is served',
    );

    const placed = (await raw('POST', `${P}trigger_order`, triggerBody())) as {
      data: { order_id_str: string };
    };
    agrees('POST swap_cross_trigger_order', placed, doc.TRIGGER_ORDER_REPLY);
    const id = placed.data.order_id_str;
    const open = (await raw('POST', `${P}trigger_openorders`, { contract_code: 'BTC-USDT' })) as {
      data: { orders: Array<{ order_id_str: string; status: number }> };
    };
    assert.equal(
      open.data.orders.map((o) => [o.order_id_str, o.status]),
      [[id, 2]],
      'listed, waiting (2)',
    );
    agrees('POST swap_cross_trigger_openorders', open, doc.TRIGGER_OPEN_ORDERS);
    await until(() => pushes.length === 1, 'the order push');
    agrees('trigger_order_cross push', pushes[0], doc.TRIGGER_PUSH);
    assert.is(pushes[0]!.event, 'order');
    assert.is(pushes[0]!.topic, 'trigger_order_cross.*', 'addressed to the wildcard, as the example is');

    const cancelled = (await raw('POST', `${P}trigger_cancel`, {
      contract_code: 'BTC-USDT',
      order_id: `${id},1888`,
    })) as { data: { successes: string; errors: Array<{ order_id: string; err_code: number }> } };
    agrees('POST swap_cross_trigger_cancel', cancelled, doc.TRIGGER_CANCEL_REPLY);
    assert.is(cancelled.data.successes, id);
    assert.equal(
      cancelled.data.errors.map((e) => [e.order_id, e.err_code]),
      [['1888', 1061]],
    );
    await until(() => pushes.length === 2, 'the cancel push');
    assert.is(pushes[1]!.event, 'cancel');
    agrees('trigger_order_cross cancel push', pushes[1], doc.TRIGGER_PUSH);

    const history = await raw('POST', `${P}trigger_hisorders`, {
      contract_code: 'BTC-USDT',
      trade_type: 0,
      status: '0',
      create_date: 1,
    });
    agrees('POST swap_cross_trigger_hisorders', history, doc.TRIGGER_HIS_ORDERS);
    const items = (history as { data: { orders: Array<{ status: number }> } }).data.orders;
    assert.equal(
      items.map((t) => t.status),
      [6],
      'the cancelled trigger (6)',
    );
  } finally {
    await sim.close();
  }
});

test('the simulator refuses bad trigger input with HTX codes, and an unsigned trigger call', async () => {
  const sim: HtxSim = await quietSim();
  try {
    const raw = signedRest(sim);
    const refused = async (body: Record<string, string>, code: number, what: string) => {
      const r = (await raw('POST', `${P}trigger_order`, body)) as { status: string; err_code?: number };
      assert.is(r.status, 'error', `${what} is refused`);
      assert.is(r.err_code, code, what);
    };
    await refused(triggerBody({ trigger_type: 'gt' }), 1067, 'an unknown trigger type');
    await refused(triggerBody({ trigger_price: 'NaN' }), 1067, 'a trigger price that is not a number');
    await refused(triggerBody({ trigger_price: 'Infinity' }), 1067, 'an infinite trigger price');
    await refused(triggerBody({ order_price_type: 'opponent' }), 1052, 'a price type triggers do not take');
    await refused(triggerBody({ order_price_type: 'limit' }), 1067, 'a limit trigger without order_price');
    await refused(triggerBody({ lever_rate: '9' }), 1045, 'another leverage');
    await refused(triggerBody({ contract_code: 'XYZ-USDT' }), 1014, 'an unknown contract');
    const listed = (await raw('POST', `${P}trigger_openorders`, {})) as { data: { total_size: number } };
    assert.is(listed.data.total_size, 0, 'nothing was placed');
    const errorsBefore = sim.counts.signatureErrors;
    const unsigned = (await raw('POST', `${P}trigger_order`, triggerBody(), false)) as { status: string };
    assert.is(unsigned.status, 'error', 'an unsigned trigger order is refused');
    assert.is(sim.counts.signatureErrors, errorsBefore + 1, 'refused for its signature');
  } finally {
    await sim.close();
  }
});

const sessions: HbdmSession[] = [];
test.after.each(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

test("HTX's documented trigger push makes a STOP order t<id> with the exact id", async () => {
  const s = await hbdmSession(hbdmSettingFor, { marginMode: 'cross' });
  sessions.push(s);
  s.sim.sendRaw('notify', doc.TRIGGER_PUSH);
  const vt = 'HBDM.t918895474461802496';
  await until(() => s.me.getOrder(vt) !== undefined, 'the trigger is an order');
  const o = s.me.getOrder(vt)!;
  assert.is(o.type, OrderType.STOP);
  assert.is(o.status, Status.NOTTRADED);
  assert.is(o.price, 40000, 'at its trigger price');
  assert.is(o.volume, 1);
});

test("a created order's push before the trigger push naming it is booked on the trigger's order, once", async () => {
  const s = await hbdmSession(hbdmSettingFor, { marginMode: 'cross' });
  sessions.push(s);
  const created = '783650498317316098';
  const order = JSON.parse(doc.CROSS_ORDER_PUSH) as Record<string, unknown>;
  // The documented order push, as the order a trigger created: no client id, order_source "trigger", and the
  // documented contract and side of the trigger push.
  s.sim.sendRaw(
    'notify',
    JSON.stringify({ ...order, order_source: 'trigger', offset: 'open', volume: 8, client_order_id: null }),
  );
  const trigger = JSON.parse(doc.TRIGGER_PUSH) as { data: Array<Record<string, unknown>> };
  const fired = {
    ...trigger,
    event: 'trigger_success',
    data: [{ ...trigger.data[0], status: 4, relation_order_id: created, volume: 8 }],
  };
  s.sim.sendRaw('notify', JSON.stringify(fired));
  const vt = 'HBDM.t918895474461802496';
  await until(
    () => s.me.getOrder(vt)?.status === Status.ALLTRADED,
    "the created order's fill is the trigger's",
  );
  assert.is(s.me.getOrder(vt)!.traded, 8);
  await until(() => s.trades.length === 1, 'its trade');
  assert.is(s.trades[0]!.vtOrderid, vt);
  assert.is(s.me.getOrder(`HBDM.x${created}`), undefined, 'no twin under the created id');
});

test.run();
