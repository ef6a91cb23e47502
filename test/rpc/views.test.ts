// The views setting: two server gateways listing one vtSymbol (SIM and SIM2 on one simulated exchange, as two
// accounts behind one server) stay two listings on the client: two contracts, two ticks, and orders, cancels
// and fills each on the server gateway whose listing sent them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, OrderType, Offset, Status } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { EventEngine } from '../../src/core/event.js';
import type { OrderData, TickData } from '../../src/core/object.js';
import { RpcGateway } from '../../gateways/rpc/index.js';
import { RpcClient } from '../../src/rpc/client.js';
import { until } from '../helpers/wait.js';
import { readToken, startFixture, tempDir } from './helpers.js';

const VT = 'rb2501.SHFE';
const rb = {
  symbol: 'rb2501',
  exchange: Exchange.SHFE,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 2,
  price: 3900,
  offset: Offset.OPEN,
};

test('one vtSymbol from two server gateways: contracts, ticks, orders and fills stay apart', async () => {
  const dir = tempDir('rpc-views');
  const server = await startFixture(dir, { venue: 'sim2' });
  const token = readToken(dir);
  const me = new MainEngine({ eventEngine: new EventEngine({ timerInterval: 0 }), log: false });
  me.addGateway(RpcGateway);
  const ticks: TickData[] = [];
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  // The server's own view of its orders: which of its gateways each request reached.
  const observer = await RpcClient.connect(
    { url: server.url, token },
    { onEvent: () => {}, onClose: () => {} },
  );
  const remoteOrders = async () => (await observer.request('getAllOrders')) as OrderData[];
  try {
    await me.connect({ address: server.url, token, views: true }, 'RPC');
    assert.equal(
      me
        .getListings(VT)
        .map((c) => c.gatewayName)
        .sort(),
      ['RPC/SIM', 'RPC/SIM2'],
    );
    assert.is(me.getContract(VT, 'RPC'), undefined, 'no merged listing under the bare name');

    for (const g of ['RPC/SIM', 'RPC/SIM2']) me.subscribe({ symbol: rb.symbol, exchange: rb.exchange }, g);
    await until(
      () => me.getTick(VT, 'RPC/SIM') !== undefined && me.getTick(VT, 'RPC/SIM2') !== undefined,
      'a tick on each listing',
    );
    assert.ok(
      ticks.every((t) => t.gatewayName === 'RPC/SIM' || t.gatewayName === 'RPC/SIM2'),
      'every tick names its listing',
    );

    const viaSim = me.sendOrder(rb, 'RPC/SIM');
    const viaSim2 = me.sendOrder({ ...rb, volume: 3 }, 'RPC/SIM2');
    await until(
      () =>
        me.getOrder(viaSim)?.status === Status.NOTTRADED && me.getOrder(viaSim2)?.status === Status.NOTTRADED,
      'both orders resting',
    );
    assert.is(me.getOrder(viaSim)!.gatewayName, 'RPC/SIM');
    assert.is(me.getOrder(viaSim2)!.gatewayName, 'RPC/SIM2');
    const placed = (await remoteOrders()).map((o) => `${o.gatewayName}:${o.volume}`).sort();
    assert.equal(placed, ['SIM2:3', 'SIM:2'], 'each order reached the server gateway of its listing');

    // An amend through one listing changes that order on its server gateway, and only it.
    await me.amendOrder(
      { orderid: me.getOrder(viaSim2)!.orderid, symbol: rb.symbol, exchange: rb.exchange, price: 3899 },
      'RPC/SIM2',
    );
    await until(() => me.getOrder(viaSim2)?.price === 3899, 'the SIM2 order amended');
    const amended = (await remoteOrders()).map((o) => `${o.gatewayName}:${o.price}`).sort();
    assert.equal(amended, ['SIM2:3899', 'SIM:3900'], 'the amend reached SIM2 alone');

    // A cancel through one listing reaches that order's server gateway, and only it.
    const cancel = (id: string, g: string) =>
      me.cancelOrder({ orderid: me.getOrder(id)!.orderid, symbol: rb.symbol, exchange: rb.exchange }, g);
    cancel(viaSim2, 'RPC/SIM2');
    await until(() => me.getOrder(viaSim2)?.status === Status.CANCELLED, 'the SIM2 order cancelled');
    const after = await remoteOrders();
    assert.ok(after.some((o) => o.gatewayName === 'SIM2' && o.status === Status.CANCELLED));
    assert.ok(
      after.some((o) => o.gatewayName === 'SIM' && o.status === Status.NOTTRADED),
      'SIM untouched',
    );

    // The fill lands on the SIM listing's position, priced from that listing's tick.
    await server.command('fill SELL 3900 2');
    await until(() => me.getOrder(viaSim)?.status === Status.ALLTRADED, 'the SIM order filled');
    await until(
      () => me.getAllPositions().some((p) => p.gatewayName === 'RPC/SIM' && p.volume === 2),
      "the SIM listing's position",
    );
    assert.not.ok(
      me.getAllPositions().some((p) => p.gatewayName === 'RPC/SIM2' && p.volume > 0),
      'nothing on SIM2',
    );
    assert.ok(me.getAllTrades().every((t) => t.gatewayName === 'RPC/SIM'));
    assert.is(me.getCapabilities('RPC/SIM2', VT).offsets, true, "SIM2's capabilities through its view");
  } finally {
    observer.close();
    await me.close();
    await server.kill();
  }
});

test('without the views setting a view name is an unknown gateway, as before', async () => {
  const me = new MainEngine({ eventEngine: new EventEngine({ timerInterval: 0 }), log: false });
  me.addGateway(RpcGateway);
  try {
    assert.throws(() => me.getGateway('RPC/SIM'), /unknown gateway "RPC\/SIM"/);
    assert.throws(() => me.addGateway(RpcGateway, 'A/B'), /invalid gateway name/);
  } finally {
    await me.close();
  }
});

test.run();
