// Reconnect and reconciliation: fills and cancels made while the fronts were down are found from the order
// and trade queries after the library reconnects and the gateway logs in again — each trade pushed once,
// the position counted once (not doubled by the replayed answers), and repeated drops change nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { TradeData } from '../../../src/core/object.js';
import { ToraGateway } from '../../../gateways/tora/index.js';
import { until } from '../../helpers/wait.js';
import { startSim } from './sim.js';

test('fills while down are reconciled once; positions are not doubled; a second drop adds nothing', async () => {
  const sim = await startSim({ version: '4.1.6' });
  await sim.control('position SZSE 000001 1000 0 11.5');
  const me = new MainEngine({ log: false });
  const trades: TradeData[] = [];
  const statuses: GatewayStatus[] = [];
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('gateway', (e) => statuses.push(e.data.status));
  me.addGateway(ToraGateway, 'TORA');
  try {
    await me.connect(sim.setting(), 'TORA');
    const pos = () => me.getPosition('TORA.000001.SZSE.NET');
    assert.is(pos()!.volume, 1000);
    const req = {
      symbol: '000001',
      exchange: Exchange.SZSE,
      type: OrderType.LIMIT,
      offset: Offset.NONE,
    };
    const buy = me.sendOrder({ ...req, direction: Direction.LONG, price: 11.9, volume: 300 }, 'TORA');
    const sell = me.sendOrder({ ...req, direction: Direction.SHORT, price: 12.2, volume: 200 }, 'TORA');
    const cancelled = me.sendOrder({ ...req, direction: Direction.LONG, price: 11.8, volume: 100 }, 'TORA');
    for (const id of [buy, sell, cancelled])
      await until(() => me.getOrder(id)?.status === Status.NOTTRADED, `${id} resting`);

    await sim.control('disconnect');
    await until(() => statuses.includes(GatewayStatus.RECONNECTING), 'RECONNECTING');
    // While down: the buy fills in two parts, the sell in one, and the third order is cancelled elsewhere.
    await sim.control('fill B 11.9 100');
    await sim.control('fill B 11.9 200');
    await sim.control('fill S 12.2 200');
    const before = statuses.length;
    await sim.control('restore');
    await until(() => statuses.slice(before).includes(GatewayStatus.CONNECTED), 'CONNECTED again');
    await until(() => me.getOrder(buy)?.status === Status.ALLTRADED, 'the buy reconciled');
    await until(() => me.getOrder(sell)?.status === Status.ALLTRADED, 'the sell reconciled');
    const volumeOf = (id: string) =>
      trades.filter((t) => t.vtOrderid === id).reduce((s, t) => s + t.volume, 0);
    // The orders' answer comes before the trades' answer: wait for the trades themselves.
    await until(() => volumeOf(buy) === 300 && volumeOf(sell) === 200, 'the trades made while down');
    assert.is(trades.filter((t) => t.vtOrderid === buy).length, 2, 'two fills of the buy');
    await until(() => pos()?.volume === 1100, 'position 1000 + 300 - 200');

    // A second drop and restore with nothing traded: no trade again, the position unchanged.
    const count = trades.length;
    const again = statuses.length;
    await sim.control('disconnect');
    await sim.control('restore');
    await until(
      () => statuses.slice(again).includes(GatewayStatus.CONNECTED),
      'CONNECTED after the 2nd drop',
    );
    me.getGateway('TORA').queryPosition();
    await until(() => me.getOrder(cancelled)?.status === Status.NOTTRADED, 'the live order is still live');
    assert.is(trades.length, count, 'no trade repeated');
    assert.is(new Set(trades.map((t) => t.vtTradeid)).size, trades.length);
    assert.is(pos()!.volume, 1100);
    assert.is(pos()!.ydVolume, 800, 'yesterday 1000 - 200 sold; today’s 300 not sellable');
  } finally {
    await me.close();
    await sim.stop();
  }
});

test.run();
