// FEMAS-specific behaviour on top of the conformance suite, against the simulated FEMAS library through the
// real binding and host: certification + login + investor id + contracts, ticks, local order ids above
// the login's MaxOrderLocalID, cancel by local id, each offset sent as its own code (VN Trader swaps close
// today and close yesterday), a reconnect that neither doubles positions nor repeats a trade, and login
// errors that reject connect without the secrets in the message.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData, TickData, TradeData } from '../../../src/core/object.js';
import { FemasGateway } from '../../../gateways/femas/index.js';
import { OFFSET_TO_FEMAS } from '../../../gateways/femas/parse.js';
import { until } from '../../helpers/wait.js';
import { rb2501Order } from '../ctp/sim.js';
import { startFemasSim, type FemasSim } from './sim.js';

let sim: FemasSim;
let me: MainEngine;
let logs: LogData[];
let trades: TradeData[];
let statuses: GatewayStatus[];

async function engine(prepare: string[] = []): Promise<void> {
  sim = await startFemasSim();
  for (const c of prepare) await sim.control(c);
  me = new MainEngine({ log: false });
  logs = [];
  trades = [];
  statuses = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('gateway', (e) => statuses.push(e.data.status));
  me.addGateway(FemasGateway, 'FEMAS');
}

const order = rb2501Order;

test.after.each(async () => {
  if (me?.eventEngine.isActive) await me.close();
  await sim?.control('reset');
});

test("VN Trader's FEMAS setting fields, plus the library paths", () => {
  const keys = Object.keys(FemasGateway.defaultSetting);
  for (const k of ['userid', 'password', 'brokerid', 'td_address', 'md_address', 'appid', 'auth_code']) {
    assert.ok(keys.includes(k), k);
  }
  assert.ok(keys.includes('td_library') && keys.includes('md_library'));
  assert.is(FemasGateway.defaultSetting.password!.type, 'secret');
  assert.is(FemasGateway.defaultSetting.auth_code!.type, 'secret');
  assert.not.ok(keys.includes('username'));
});

test('login syncs contracts (GBK names), account, positions; ticks carry depth', async () => {
  await engine(['position rb2501 L 3 2 3500', 'position m2505 S 1 0 2900']);
  await me.connect(sim.setting(), 'FEMAS');
  assert.ok(logs.some((l) => /FEMAS API "FEMAS V1\.0 femassim" loaded \(binding for 1\.0\)/.test(l.msg)));
  const c = me.getContract('rb2501.SHFE')!;
  assert.is(c.name, '螺纹钢2501');
  assert.is(c.size, 10);
  assert.is(c.pricetick, 1);
  const rb = me.getPosition('FEMAS.rb2501.SHFE.LONG')!;
  assert.is(rb.volume, 5);
  assert.is(rb.ydVolume, 3);
  assert.is(rb.price, 3500);
  assert.is(me.getPosition('FEMAS.m2505.DCE.SHORT')!.volume, 1);
  assert.ok(me.getAllAccounts().some((a) => a.balance === 1_000_000));
  const ticks: TickData[] = [];
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  me.subscribe({ symbol: 'm2505', exchange: Exchange.DCE }, 'FEMAS');
  await until(() => ticks.length > 0, 'a tick');
  const t = ticks[0]!;
  assert.is(t.exchange, Exchange.DCE);
  assert.is(t.name, '豆粕2505');
  assert.equal(
    [t.bidPrice1, t.askPrice1, t.bidPrice2, t.askPrice2, t.bidPrice3],
    [2900, 2901, 2899, 2902, 0],
  );
  assert.is(t.openInterest, 1000);
});

test('order ids are local ids above MaxOrderLocalID; cancel by local id; fill', async () => {
  // A previous session of this user reached local id 500 (orders or cancels).
  await engine(['local_id 500']);
  await me.connect(sim.setting(), 'FEMAS');
  const a = me.sendOrder(order({ volume: 2 }), 'FEMAS');
  assert.is(a, 'FEMAS.000000000501');
  await until(() => me.getOrder(a)?.status === Status.NOTTRADED, 'resting');
  me.cancelOrder({ orderid: '000000000501', symbol: 'rb2501', exchange: Exchange.SHFE }, 'FEMAS');
  await until(() => me.getOrder(a)?.status === Status.CANCELLED, 'cancelled');
  // The cancel used 502: the next order is 503, and the counter accepts it.
  const b = me.sendOrder(order({ price: 3501 }), 'FEMAS');
  assert.is(b, 'FEMAS.000000000503');
  await until(() => me.getOrder(b)?.status === Status.ALLTRADED, 'filled at the ask');
  await until(() => trades.length === 1, 'trade');
  assert.equal([trades[0]!.orderid, trades[0]!.price, trades[0]!.volume], ['000000000503', 3501, 1]);
});

test('each offset is sent as its own code: close today and close yesterday are not swapped', async () => {
  assert.equal(OFFSET_TO_FEMAS, {
    [Offset.OPEN]: '0',
    [Offset.CLOSE]: '1',
    [Offset.CLOSETODAY]: '3',
    [Offset.CLOSEYESTERDAY]: '4',
  });
  // 3 held from yesterday, 2 opened today.
  await engine(['position rb2501 L 3 2 3500']);
  await me.connect(sim.setting(), 'FEMAS');
  const sell = (offset: Offset, volume: number) =>
    me.sendOrder(order({ direction: Direction.SHORT, price: 3500, offset, volume }), 'FEMAS');
  // Closing 3 today is more than today's 2: refused (swapped, it would close yesterday's 3).
  const tooMany = sell(Offset.CLOSETODAY, 3);
  await until(() => me.getOrder(tooMany)?.status === Status.REJECTED, 'refused');
  assert.match(me.getOrder(tooMany)!.statusMsg, /\[30\] 平仓量超过持仓量/);
  const today = sell(Offset.CLOSETODAY, 2);
  await until(() => me.getOrder(today)?.status === Status.ALLTRADED, 'today closed');
  const yesterday = sell(Offset.CLOSEYESTERDAY, 3);
  await until(() => me.getOrder(yesterday)?.status === Status.ALLTRADED, 'yesterday closed');
  assert.equal(
    trades.map((t) => t.offset),
    [Offset.CLOSETODAY, Offset.CLOSEYESTERDAY],
  );
  me.getGateway('FEMAS').queryPosition();
  await until(() => me.getPosition('FEMAS.rb2501.SHFE.LONG')?.volume === 0, 'flat');
});

test('a reconnect neither doubles positions nor loses or repeats a trade; local ids continue', async () => {
  await engine(['position rb2501 L 3 2 3500', 'tick_interval_us 100000']);
  await me.connect(sim.setting(), 'FEMAS');
  const resting = me.sendOrder(order({ volume: 2 }), 'FEMAS');
  await until(() => me.getOrder(resting)?.status === Status.NOTTRADED, 'order resting');
  await sim.control('disconnect');
  await until(() => statuses.includes(GatewayStatus.RECONNECTING), 'RECONNECTING');
  // Filled while the link is down: only the reconciliation after re-login can report it.
  await sim.control('fill L 3400 2');
  await sim.control('restore');
  await until(() => me.getOrder(resting)?.status === Status.ALLTRADED, 'fill reconciled');
  // CONNECTED comes back only once orders and trades are reconciled, so the fill is known by then.
  await until(() => statuses.at(-1) === GatewayStatus.CONNECTED, 'CONNECTED again');
  me.getGateway('FEMAS').queryPosition();
  await until(() => me.getPosition('FEMAS.rb2501.SHFE.LONG')?.volume === 7, 'position 5 + 2');
  const own = trades.filter((t) => t.orderid === me.getOrder(resting)!.orderid);
  assert.is(own.length, 1, 'the fill is pushed once');
  // The next order after the reconnect gets a fresh local id the counter accepts.
  const next = me.sendOrder(order({}), 'FEMAS');
  assert.is.not(next, resting);
  await until(() => me.getOrder(next)?.status === Status.NOTTRADED, 'accepted after reconnect');
});

test('a certification or login error rejects connect with the code, never the secrets', async () => {
  await engine(['cert_error 3 认证码错误']);
  const error = await me.connect(sim.setting(), 'FEMAS').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /FEMAS certification failed: \[3\] 认证码错误/);
  for (const secret of ['pw-secret-123', 'auth-secret-456']) {
    assert.not.ok(error.includes(secret));
    assert.not.ok(logs.some((l) => l.msg.includes(secret)));
  }
  assert.is(me.getGateway('FEMAS').status, GatewayStatus.DISCONNECTED);
});

test('a library blocking forever in Init: connect rejects naming Init, DISCONNECTED', async () => {
  await engine(['hang init']);
  const error = await me.connect(sim.setting({ call_timeout_s: 4 }), 'FEMAS').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /did not return from CUstpFtdcTraderApi::Init within 4 s/);
  assert.is(me.getGateway('FEMAS').status, GatewayStatus.DISCONNECTED);
});

test.run();
