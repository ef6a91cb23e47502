// Reconnect and reconciliation against the simulated OpenD: an order whose PlaceOrder answer was lost is found
// by its remark and never sent twice; fills made while the link was down arrive once; positions are never
// doubled; a silent OpenD (KeepAlive unanswered) is detected and the link rebuilt.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange, GatewayStatus, Status } from '../../../src/core/constant.js';
import { startFutuSimulator } from '../../../gateways/futu/sim/index.js';
import { until } from '../../helpers/wait.js';
import { buy, connectFutu, realSetting } from './engine.js';

const REAL = '281756455988880';

test('a PlaceOrder whose answer was lost is found by its remark after reconnecting, and not sent again', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    sim.dropAfter = 'Trd_PlaceOrder';
    const statusesBefore = seen.statuses.length;
    const vtOrderid = me.sendOrder(buy(300, 200), 'FUTU');
    await until(
      () => seen.statuses.slice(statusesBefore).includes(GatewayStatus.RECONNECTING),
      'the link to drop',
    );
    await until(
      () => seen.statuses.slice(statusesBefore).includes(GatewayStatus.CONNECTED),
      'CONNECTED again',
    );
    await until(() => seen.last(vtOrderid)?.status === Status.NOTTRADED, 'the order found as NOTTRADED');
    assert.match(seen.logText(), /outcome unknown/);
    assert.is(sim.received.get('Trd_PlaceOrder'), 1, 'sent once');
    assert.is(exchange.getOpenOrders(REAL).length, 1, 'one order at OpenD');
    const order = me.getOrder(vtOrderid)!;
    me.cancelOrder({ orderid: order.orderid, symbol: order.symbol, exchange: order.exchange }, 'FUTU');
    await until(
      () => seen.last(vtOrderid)?.status === Status.CANCELLED,
      'cancelled through the bound Futu id',
    );
    assert.is(exchange.getOpenOrders(REAL).length, 0);
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('OpenD restart: fills while down arrive once, the position is one holding of the right size', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    const vtOrderid = me.sendOrder(buy(300, 300), 'FUTU');
    await until(() => seen.last(vtOrderid)?.status === Status.NOTTRADED, 'NOTTRADED');
    exchange.crossFromMarket('HK.00700', 'SELL', 300, 100);
    await until(() => seen.last(vtOrderid)?.traded === 100, 'the first fill');
    await until(
      () => me.getAllPositions().some((p) => p.vtSymbol === '00700.SEHK' && p.volume === 100),
      'a 100-share position',
    );
    const before = seen.statuses.length;
    await sim.restart();
    await until(() => seen.statuses.slice(before).includes(GatewayStatus.RECONNECTING), 'RECONNECTING');
    exchange.crossFromMarket('HK.00700', 'SELL', 300, 100);
    exchange.crossFromMarket('HK.00700', 'SELL', 300, 100);
    await sim.resume();
    await until(() => seen.statuses.slice(before).includes(GatewayStatus.CONNECTED), 'CONNECTED again');
    await until(() => seen.last(vtOrderid)?.status === Status.ALLTRADED, 'ALLTRADED from the reconciliation');
    await until(() => seen.trades.reduce((n, t) => n + t.volume, 0) === 300, 'all 300 shares of trades');
    const ids = seen.trades.map((t) => t.vtTradeid);
    assert.is(new Set(ids).size, ids.length, 'no trade twice');
    assert.is(ids.length, 3);
    await until(
      () => me.getAllPositions().some((p) => p.vtSymbol === '00700.SEHK' && p.volume === 300),
      'the 300-share position',
    );
    const held = me.getAllPositions().filter((p) => p.vtSymbol === '00700.SEHK' && p.volume > 0);
    assert.is(held.length, 1, 'one holding, not doubled');
    assert.is(held[0]!.price, 300, 'average cost');
    assert.ok(sim.unlocked, 'unlocked again after the restart');
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('a silent OpenD (KeepAlive unanswered) is detected; the link is rebuilt and ticks resume', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0, keepAliveInterval: 1 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    const ticks: number[] = [];
    me.eventEngine.register('tick', (e) => void ticks.push(e.data.lastPrice));
    me.subscribe({ symbol: '00700', exchange: Exchange.SEHK }, 'FUTU');
    await until(() => ticks.length > 0, 'a first tick');
    const before = seen.statuses.length;
    sim.silent = true;
    await until(
      () => seen.statuses.slice(before).includes(GatewayStatus.RECONNECTING),
      'the silence detected',
    );
    assert.match(seen.logText(), /KeepAlive missed/);
    sim.silent = false;
    const ticksBefore = ticks.length;
    await until(() => seen.statuses.slice(before).includes(GatewayStatus.CONNECTED), 'CONNECTED again');
    await until(() => ticks.length > ticksBefore, 'ticks after resubscribing');
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test.run();
