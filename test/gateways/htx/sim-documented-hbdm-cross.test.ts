// Sim/doc agreement for HBDM USDT-M cross margin: the simulator's swap_cross_* replies and *_cross pushes have
// the keys, JSON types and nesting of HTX's documented examples (test/fixtures/hbdm-messages.ts); and the
// HBDM gateway in cross margin trades on those paths only, with the one USDT account.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Offset, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { HbdmGateway } from '../../../gateways/htx/index.js';
import type { HtxSim } from '../../../gateways/htx/sim/server.js';
import * as doc from '../../fixtures/hbdm-messages.js';
import { until } from '../../helpers/wait.js';
import { agrees as agreesWith, quietSim, signedRest } from './target.js';
import { hbdmSession, hbdmSettingFor, openBuyParams, swapOrder, type HbdmSession } from './target-hbdm.js';

const agrees = (what: string, served: unknown, documented: string): void =>
  agreesWith(what, served, JSON.parse(documented));

test('documented cross margin: account, position, order info; orders, accounts and positions pushes', async () => {
  const sim: HtxSim = await quietSim();
  try {
    const raw = signedRest(sim);
    const pushes: Array<Record<string, unknown>> = [];
    const sink = (m: unknown) => pushes.push(JSON.parse(JSON.stringify(m)) as Record<string, unknown>);
    for (const topic of ['orders_cross.*', 'accounts_cross.*', 'positions_cross.*'])
      assert.is(sim.linearCross.subscribeNotify(topic, sink), undefined, `${topic} is served`);
    assert.ok(
      sim.linearCross.subscribeNotify('orders.*', sink),
      'isolated topics are not the cross account’s',
    );

    const p = '/linear-swap-api/v1/swap_cross_';
    const placed = await raw(
      'POST',
      `${p}order`,
      openBuyParams('BTC-USDT', '7301', 95000, 2) as Record<string, string>,
    );
    assert.is((placed as { status: string }).status, 'ok', 'the order is placed');
    sim.exchange.crossFromMarket('BTC-USDT', 'SELL', 95000, 2);
    agrees('POST swap_cross_account_info', await raw('POST', `${p}account_info`), doc.CROSS_ACCOUNT_INFO);
    const positions = (await raw('POST', `${p}position_info`)) as { data: unknown[] };
    assert.is(positions.data.length, 1, 'the long is listed');
    agrees('POST swap_cross_position_info', positions, doc.CROSS_POSITION_INFO);
    agrees(
      'POST swap_cross_order_info',
      await raw('POST', `${p}order_info`, { contract_code: 'BTC-USDT', client_order_id: '7301' }),
      doc.ORDER_INFO_REPLY,
    );
    const of = (kind: string) => pushes.filter((x) => String(x.topic).startsWith(kind));
    await until(() => of('orders_cross.').some((x) => (x.trade as unknown[]).length > 0), 'a fill push');
    await until(() => of('accounts_cross.').length > 0 && of('positions_cross.').length > 0, 'money pushes');
    for (const x of of('orders_cross.')) agrees('orders_cross push', x, doc.CROSS_ORDER_PUSH);
    agrees('accounts_cross push', of('accounts_cross.')[0], doc.CROSS_ACCOUNT_PUSH);
    assert.is(of('accounts_cross.')[0]!.topic, 'accounts_cross.usdt', 'the account topic names USDT');
    agrees('positions_cross push', of('positions_cross.')[0], doc.CROSS_POSITION_PUSH);
  } finally {
    await sim.close();
  }
});

test('the gateway in cross margin: one USDT account, orders on swap_cross_order, fills from orders_cross', async () => {
  const s: HbdmSession = await hbdmSession(hbdmSettingFor, { marginMode: 'cross' });
  try {
    await until(() => s.me.getAllAccounts().some((a) => a.accountid === 'USDT'), 'the USDT account');
    assert.is(s.me.getAllAccounts().length, 1, 'one account for all contracts');
    assert.ok(
      s.logs.some((l) => /cross margin/.test(l.msg)),
      'the log names the margin mode',
    );
    const vt = s.me.sendOrder(swapOrder('BTC-USDT', Direction.LONG, Offset.OPEN, 90000, 2), 'HBDM');
    await until(() => s.me.getOrder(vt)?.status === Status.NOTTRADED, 'rests');
    assert.is(s.sim.linearCross.placeRequests, 1, 'placed on swap_cross_order');
    assert.is(s.sim.linear.placeRequests, 0, 'not on the isolated path');
    s.sim.exchange.crossFromMarket('BTC-USDT', 'SELL', 90000, 2);
    await until(() => s.me.getOrder(vt)?.status === Status.ALLTRADED, 'filled');
    await until(() => s.trades.length === 1, 'one trade');
  } finally {
    await s.close();
  }
});

test('cross margin on a coin-M product is refused at connect', async () => {
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  me.addGateway(HbdmGateway, 'HBDM');
  try {
    await me.connect(hbdmSettingFor(sim, { product: 'coin-M swap', marginMode: 'cross' }), 'HBDM');
    assert.unreachable('connected with cross margin on coin-M');
  } catch (error) {
    assert.match((error as Error).message, /cross margin is for the USDT-M products only/);
  } finally {
    await me.close();
    await sim.close();
  }
});

test.run();
