// CTP-specific behaviour on top of the conformance suite, against the simulated 6.7.13 library: Chinese
// names, SHFE/INE position rows, close offsets, FAK/FOK/MARKET, CTP error ids with their Chinese messages in
// the log and in statusMsg, readable login failures without secrets, and queries paced under flow control.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData } from '../../../src/core/object.js';
import { CtpGateway } from '../../../gateways/ctp/index.js';
import { until } from '../../helpers/wait.js';
import { buildSim } from '../../../gateways/ctp/sim/build.js';
import { BUILD_DIR, startSim, type CtpSim, rb2501Order } from './sim.js';

let sim: CtpSim;
let me: MainEngine;
let logs: LogData[];

async function connect(prepare: string[] = [], extra = {}): Promise<void> {
  sim = await startSim({ abiVersion: '6.7.13' });
  for (const c of prepare) await sim.control(c);
  me = new MainEngine({ log: false });
  logs = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(CtpGateway, 'CTP');
  await me.connect(sim.setting(extra), 'CTP');
}

const order = rb2501Order;

const status = (vtOrderid: string) => me.getOrder(vtOrderid)?.status;

test.after.each(async () => {
  if (me?.eventEngine.isActive) await me.close();
});

test('contracts carry their Chinese (GBK) names; positions aggregate SHFE rows and DCE rows', async () => {
  await connect(['position rb2501 L 3 2 3500', 'position m2505 S 1 2 2900']);
  await until(() => me.getAllContracts().length === 6, 'six contracts');
  assert.is(me.getContract('rb2501.SHFE')!.name, '螺纹钢2501');
  assert.is(me.getContract('si2505.GFEX')!.name, '工业硅2505');
  assert.is(me.getContract('rb2501.SHFE')!.size, 10);
  const rb = me.getPosition('CTP.rb2501.SHFE.LONG')!;
  assert.is(rb.volume, 5);
  assert.is(rb.ydVolume, 3);
  assert.is(rb.price, 3500);
  const m = me.getPosition('CTP.m2505.DCE.SHORT')!;
  assert.is(m.volume, 3);
  assert.is(m.ydVolume, 1);
});

test('close offsets: CLOSETODAY fills, an oversized CLOSE is REJECTED with [30] and its Chinese reason', async () => {
  await connect(['position rb2501 L 3 2 3500']);
  const today = me.sendOrder(
    order({ direction: Direction.SHORT, offset: Offset.CLOSETODAY, volume: 2, price: 3500 }),
    'CTP',
  );
  await until(() => status(today) === Status.ALLTRADED, 'close-today fill');
  me.getGateway('CTP').queryPosition();
  await until(() => me.getPosition('CTP.rb2501.SHFE.LONG')?.volume === 3, 'long position down to 3');
  assert.is(me.getPosition('CTP.rb2501.SHFE.LONG')!.ydVolume, 3);
  const tooMuch = me.sendOrder(
    order({ direction: Direction.SHORT, offset: Offset.CLOSE, volume: 4, price: 3500 }),
    'CTP',
  );
  await until(() => status(tooMuch) === Status.REJECTED, 'rejection');
  assert.is(me.getOrder(tooMuch)!.statusMsg, '[30] CTP:平仓量超过持仓量');
  await until(() => logs.some((l) => l.msg.includes('[30] CTP:平仓量超过持仓量')), 'the error in the log');
});

test('FAK and FOK that cannot fill are cancelled; crossing FOK and MARKET fill', async () => {
  await connect();
  const fak = me.sendOrder(order({ type: OrderType.FAK, price: 3400 }), 'CTP');
  const fok = me.sendOrder(order({ type: OrderType.FOK, price: 3501, volume: 2 }), 'CTP');
  const mkt = me.sendOrder(order({ type: OrderType.MARKET, price: 0 }), 'CTP');
  await until(() => status(fak) === Status.CANCELLED, 'FAK cancelled');
  await until(() => status(fok) === Status.ALLTRADED, 'FOK filled');
  await until(() => status(mkt) === Status.ALLTRADED, 'MARKET filled');
  assert.is(me.getOrder(fak)!.type, OrderType.FAK);
  assert.is(me.getOrder(fok)!.type, OrderType.FOK);
  assert.is(me.getOrder(mkt)!.type, OrderType.MARKET);
  const trades = me.getAllTrades();
  assert.is(
    trades.filter((t) => t.vtOrderid === fok).reduce((s, t) => s + t.volume, 0),
    2,
  );
  assert.is(trades.find((t) => t.vtOrderid === mkt)!.price, 3501);
});

test('a burst of ticks from the library thread arrives complete and in order', async () => {
  await connect();
  const volumes: number[] = [];
  me.eventEngine.register('tick', (e) => volumes.push(e.data.volume));
  me.subscribe({ symbol: 'rb2501', exchange: Exchange.SHFE }, 'CTP');
  await until(() => volumes.length === 1, 'the snapshot tick');
  await sim.control('burst 5000');
  await until(() => volumes.length === 5001, '5000 more ticks');
  // The simulator numbers its ticks in Volume.
  for (let i = 1; i < volumes.length; i++)
    assert.is(volumes[i], volumes[i - 1]! + 1, `tick ${i} in sequence`);
});

test('a failed cancel reaches the log with its CTP id and Chinese message', async () => {
  await connect();
  me.getGateway('CTP').cancelOrder({ orderid: '1_999_77', symbol: 'rb2501', exchange: Exchange.SHFE });
  await until(
    () => logs.some((l) => l.msg.includes('[25] CTP:撤单找不到相应报单')),
    'the cancel error in the log',
  );
});

for (const [control, expected] of [
  ['login_error 3 CTP:不合法的登录', '[3] CTP:不合法的登录'],
  ['auth_error 63 CTP:客户端认证失败', '[63] CTP:客户端认证失败'],
] as const) {
  test(`connect rejects readably on "${expected}" and leaks no secret`, async () => {
    sim = await startSim({ abiVersion: '6.7.13' });
    await sim.control(control);
    me = new MainEngine({ log: false });
    logs = [];
    me.eventEngine.register('log', (e) => logs.push(e.data));
    me.addGateway(CtpGateway, 'CTP');
    const error = await me.connect(sim.setting(), 'CTP').then(
      () => '',
      (e: Error) => e.message,
    );
    assert.ok(error.includes(expected), error);
    await until(() => logs.some((l) => l.msg.includes(expected)), 'the error in the log');
    const everything = [error, ...logs.map((l) => l.msg)].join('\n');
    assert.not.ok(everything.includes('pw-secret-123'), 'no password');
    assert.not.ok(everything.includes('auth-secret-456'), 'no auth code');
  });
}

test('connect names the supported versions when the library is of another version', async () => {
  const lib = await buildSim({ abiVersion: '6.7.13', versionText: 'v6.2.0_20150101' }, BUILD_DIR);
  sim = await startSim({ abiVersion: '6.7.13' });
  me = new MainEngine({ log: false });
  me.addGateway(CtpGateway, 'CTP');
  const error = await me.connect(sim.setting({ td_library: lib, md_library: lib }), 'CTP').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /v6\.2\.0_20150101.*supported CTP versions: 6\.3\.15, 6\.3\.19, 6\.5\.1/);
  assert.is(me.getGateway('CTP').status, GatewayStatus.DISCONNECTED);
});

test('queries refused by flow control are retried until the sync completes', async () => {
  // The library answers -3 to queries less than 150 ms apart; the gateway asks with no spacing of its own.
  await connect(['query_limit_ms 150'], { query_interval_ms: 0 });
  assert.is(me.getAllContracts().length, 6);
  assert.ok(me.getAllAccounts().length > 0, 'account synced');
});

test.run();
