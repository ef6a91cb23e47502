// MINI-specific behaviour on top of the conformance suite, against the simulated Mini 1.6.3 library through
// the real binding: no settlement confirmation, SHFE today/yesterday rows placed by their contract (Mini's
// position rows have no ExchangeID), a reconnect that neither doubles positions nor loses or repeats a trade,
// and a library blocking forever in Init(bool) ending connect within the call limit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GatewayStatus, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData, TradeData } from '../../../src/core/object.js';
import { MiniGateway } from '../../../gateways/mini/index.js';
import { until } from '../../helpers/wait.js';
import { startSim, type CtpSim, rb2501Order } from '../ctp/sim.js';

let sim: CtpSim;
let me: MainEngine;
let logs: LogData[];
let trades: TradeData[];
let statuses: GatewayStatus[];

async function engine(prepare: string[] = [], abiVersion = '1.6.3'): Promise<void> {
  sim = await startSim({ family: 'mini', abiVersion });
  for (const c of prepare) await sim.control(c);
  me = new MainEngine({ log: false });
  logs = [];
  trades = [];
  statuses = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('gateway', (e) => statuses.push(e.data.status));
  me.addGateway(MiniGateway, 'MINI');
}

const order = rb2501Order;

test.after.each(async () => {
  if (me?.eventEngine.isActive) await me.close();
  await sim?.control('reset');
});

for (const abiVersion of ['1.5.6', '1.6.3']) {
  test(`${abiVersion}: login syncs without settlement confirmation; SHFE rows split by the contract's exchange`, async () => {
    await engine(['position rb2501 L 3 2 3500', 'position m2505 S 1 2 2900'], abiVersion);
    await me.connect(sim.setting(), 'MINI');
    assert.ok(
      logs.some((l) => /CTP Mini API V\d/.test(l.msg)),
      'the Mini version is logged',
    );
    assert.not.ok(
      logs.some((l) => /settlement confirmed/.test(l.msg)),
      'no settlement confirmation',
    );
    const rb = me.getPosition('MINI.rb2501.SHFE.LONG')!;
    assert.is(rb.volume, 5);
    assert.is(rb.ydVolume, 3);
    const m = me.getPosition('MINI.m2505.DCE.SHORT')!;
    assert.is(m.volume, 3);
    assert.is(m.ydVolume, 1);
  });
}

test('a reconnect neither doubles positions nor loses or repeats a trade', async () => {
  await engine(['position rb2501 L 3 2 3500', 'tick_interval_us 100000']);
  await me.connect(sim.setting(), 'MINI');
  const resting = me.sendOrder(order({ volume: 2 }), 'MINI');
  await until(() => me.getOrder(resting)?.status === Status.NOTTRADED, 'order resting');
  await sim.control('disconnect');
  await until(() => statuses.includes(GatewayStatus.RECONNECTING), 'RECONNECTING');
  // Filled while the link is down: only the reconciliation after re-login can report it.
  await sim.control('fill L 3400 2'); // fills live buy orders at 3400 or better
  await sim.control('restore');
  await until(() => me.getOrder(resting)?.status === Status.ALLTRADED, 'fill reconciled');
  // CONNECTED comes back only once orders and trades are reconciled, so the fill is known by then.
  await until(() => statuses.at(-1) === GatewayStatus.CONNECTED, 'CONNECTED again');
  me.getGateway('MINI').queryPosition();
  // 5 + 2, never the rows of before and after the reconnect added together.
  await until(() => me.getPosition('MINI.rb2501.SHFE.LONG')?.volume === 7, 'position 5 + 2');
  const own = trades.filter((t) => t.orderid === me.getOrder(resting)!.orderid);
  assert.is(own.length, 1, 'the fill is pushed once');
  assert.is(own[0]!.volume, 2);
});

test('a library blocking forever in Init(bool): connect rejects naming Init, DISCONNECTED', async () => {
  await engine(['hang init']);
  const error = await me.connect(sim.setting({ call_timeout_s: 4 }), 'MINI').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /did not return from CThostFtdcTraderApi::Init within 4 s/);
  assert.is(me.getGateway('MINI').status, GatewayStatus.DISCONNECTED);
});

test.run();
