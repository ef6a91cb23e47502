// RpcGateway against a server in another process: mirrored ids, shared fills, and re-sync after the server
// is killed and restarted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  GatewayStatus,
  Interval,
  Offset,
  OrderType,
  Status,
} from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { EventEngine } from '../../src/core/event.js';
import type { OrderData, TradeData } from '../../src/core/object.js';
import { RpcGateway } from '../../gateways/rpc/index.js';
import { nextEvent, until } from '../helpers/wait.js';
import { readToken, startFixture, tempDir, type ServerProcess } from './helpers.js';
import { CuttableProxy } from './proxy.js';
import { RpcClient } from '../../src/rpc/client.js';

interface Client {
  me: MainEngine;
  trades: TradeData[];
  orders: Map<string, OrderData>;
  statuses: GatewayStatus[];
}

async function client(url: string, token: string): Promise<Client> {
  const me = new MainEngine({ eventEngine: new EventEngine({ timerInterval: 0 }), log: false });
  me.addGateway(RpcGateway);
  const c: Client = { me, trades: [], orders: new Map(), statuses: [] };
  me.eventEngine.register('trade', (e) => c.trades.push(e.data));
  me.eventEngine.register('order', (e) => c.orders.set(e.data.vtOrderid, e.data));
  me.eventEngine.register('gateway', (e) => c.statuses.push(e.data.status));
  await me.connect({ address: url, token }, 'RPC');
  return c;
}

const buy = {
  symbol: 'FAKE1',
  exchange: Exchange.LOCAL,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 2,
  price: 100.5,
  offset: Offset.NONE,
};

const rb = {
  symbol: 'rb2501',
  exchange: Exchange.SHFE,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 2,
  price: 3900,
  offset: Offset.OPEN,
};

test('two clients of a SIM server see the same order and fills, each with meaningful ids', async () => {
  const dir = tempDir('rpc-gw');
  const server = await startFixture(dir, { venue: 'sim' });
  const a = await client(server.url, readToken(dir));
  const b = await client(server.url, readToken(dir));
  try {
    assert.is(a.me.getContract('rb2501.SHFE')!.gatewayName, 'RPC');
    assert.ok(
      a.me.getAllAccounts().some((x) => x.vtAccountid === 'RPC.SIM.SIM-CNY'),
      'account id kept whole',
    );

    const vtOrderid = a.me.sendOrder(rb, 'RPC');
    assert.match(vtOrderid, /^RPC\.[0-9a-f]{6}-1$/, 'returned synchronously, before any reply');
    await until(() => a.orders.get(vtOrderid)?.status === Status.NOTTRADED, 'A sees its order rest');
    // B did not send it, so it knows the order by the server's own id inside its RPC id.
    await until(() => b.orders.get('RPC.SIM.1')?.status === Status.NOTTRADED, 'B sees the order');

    await server.command('fill SELL 3900 2');
    await until(() => a.trades.length === 1 && b.trades.length === 1, 'both clients see the fill');
    assert.match(a.trades[0]!.vtTradeid, /^RPC\.SIM\.\d+$/);
    assert.is(b.trades[0]!.vtTradeid, a.trades[0]!.vtTradeid, 'the same trade id on both');
    assert.is(a.trades[0]!.vtOrderid, vtOrderid, "A's trade points at A's order id");
    assert.is(b.trades[0]!.vtOrderid, 'RPC.SIM.1');
    await until(() => a.orders.get(vtOrderid)?.status === Status.ALLTRADED, 'A sees ALLTRADED');
    await until(() => a.me.getPosition('RPC.SIM.rb2501.SHFE.LONG')?.volume === 2, "A's mirrored position");

    // B cancels an order A placed, by the id B knows it under.
    const second = a.me.sendOrder(rb, 'RPC');
    await until(() => b.orders.get('RPC.SIM.2')?.status === Status.NOTTRADED, 'B sees the 2nd order');
    b.me.cancelOrder({ orderid: 'SIM.2', symbol: 'rb2501', exchange: Exchange.SHFE }, 'RPC');
    await until(() => a.orders.get(second)?.status === Status.CANCELLED, 'A sees the cancel');

    // A refusal on the server comes back as REJECTED with the venue's reason.
    await server.command('reject E042 risk limit exceeded');
    const refused = a.me.sendOrder(rb, 'RPC');
    await until(() => a.orders.get(refused)?.status === Status.REJECTED, 'the refused order is REJECTED');
    assert.match(a.orders.get(refused)!.statusMsg, /E042/);

    // An order too big for one request frame (1 MiB in UTF-8) is rejected here; the link stays up.
    const huge = a.me.sendOrder({ ...rb, reference: '注'.repeat(400_000) }, 'RPC');
    await until(() => a.orders.get(huge)?.status === Status.REJECTED, 'the oversized order is REJECTED');
    assert.match(a.orders.get(huge)!.statusMsg, /exceeds the server's 1048576-byte limit/);
    assert.is(a.me.getGateway('RPC').status, GatewayStatus.CONNECTED);

    const bars = await a.me.queryHistory(
      { symbol: 'rb2501', exchange: Exchange.SHFE, start: Date.now() - 3_600_000, interval: Interval.MINUTE },
      'RPC',
    );
    assert.ok(bars.length > 0, 'history through the server');
    assert.ok(bars.every((bar) => bar.gatewayName === 'RPC' && bar.vtSymbol === 'rb2501.SHFE'));
  } finally {
    await a.me.close();
    await b.me.close();
    await server.kill();
  }
});

test('two server gateways holding one symbol (two accounts behind one server) stay two positions', async () => {
  const dir = tempDir('rpc-two');
  const server = await startFixture(dir, { venue: 'sim2' });
  const token = readToken(dir);
  const live = await client(server.url, token);
  // The RPC gateway routes by contract, so the orders for each account go straight to its server gateway.
  const orderer = await RpcClient.connect(
    { url: server.url, token },
    { onEvent: () => {}, onClose: () => {} },
  );
  try {
    const longs = (c: Client) =>
      c.me
        .getAllPositions()
        .filter((p) => p.vtSymbol === 'rb2501.SHFE' && p.direction === Direction.LONG && p.volume > 0)
        .map((p) => `${p.vtPositionid}=${p.volume}`)
        .sort();
    const expected = ['RPC.SIM.rb2501.SHFE.LONG=2', 'RPC.SIM2.rb2501.SHFE.LONG=3'];
    await orderer.request('sendOrder', { req: rb, gatewayName: 'SIM' });
    await orderer.request('sendOrder', { req: { ...rb, volume: 3 }, gatewayName: 'SIM2' });
    await server.command('fill SELL 3900 5');
    await until(() => longs(live).join() === expected.join(), 'two positions from the live stream');
    assert.ok(live.me.getAllPositions().every((p) => p.gatewayName === 'RPC'));
    // A client that connects afterwards builds the same two rows from the snapshot.
    const late = await client(server.url, token);
    try {
      assert.equal(longs(late), expected);
      const accounts = late.me.getAllAccounts().map((x) => x.vtAccountid);
      assert.ok(
        accounts.includes('RPC.SIM.SIM-CNY') && accounts.includes('RPC.SIM2.SIM2-CNY'),
        `${accounts}`,
      );
    } finally {
      await late.me.close();
    }
  } finally {
    orderer.close();
    await live.me.close();
    await server.kill();
  }
});

test('orders active before a SIM server restart are marked cancelled with the reason, not left active', async () => {
  const dir = tempDir('rpc-stale');
  let server: ServerProcess = await startFixture(dir, { venue: 'sim' });
  const token = readToken(dir);
  const c = await client(server.url, token);
  try {
    const own = c.me.sendOrder(rb, 'RPC');
    await until(() => c.orders.get(own)?.status === Status.NOTTRADED, 'an own order resting');
    // An order placed by another client, known here by its remote id.
    const other = await RpcClient.connect(
      { url: server.url, token },
      { onEvent: () => {}, onClose: () => {} },
    );
    const remote = await other.request('sendOrder', { req: { ...rb, price: 3899 }, gatewayName: 'SIM' });
    other.close();
    await until(() => c.orders.get(`RPC.${remote}`)?.status === Status.NOTTRADED, "another's order resting");
    assert.is(c.me.getAllActiveOrders().length, 2);

    const port = server.port;
    // Each wait is set up before what causes it, which may happen while the test awaits something else.
    const down = nextEvent(c.me.eventEngine, 'gateway', (e) => e.data.status === GatewayStatus.RECONNECTING);
    await server.kill('SIGKILL');
    await down;
    const up = nextEvent(c.me.eventEngine, 'gateway', (e) => e.data.status === GatewayStatus.CONNECTED);
    // The restarted SIM exchange starts with an empty book: neither order exists there any more.
    server = await startFixture(dir, { venue: 'sim', port });
    await up;
    await until(() => c.me.getAllActiveOrders().length === 0, 'no order left active');
    for (const [id, remoteId] of [
      [own, 'SIM.1'],
      [`RPC.${remote}`, remote],
    ] as const) {
      const order = c.orders.get(id)!;
      assert.is(order.status, Status.CANCELLED, id);
      assert.match(order.statusMsg, `the RPC server restarted and no longer lists order ${remoteId}`);
    }

    // The restarted server numbers from SIM.1 again; the new order is not confused with the cancelled one.
    const after = c.me.sendOrder({ ...rb, price: 3901 }, 'RPC');
    await until(() => c.orders.get(after)?.status === Status.NOTTRADED, 'an order after the restart rests');
    assert.is(c.orders.get(own)!.status, Status.CANCELLED);
    assert.equal(
      c.me.getAllActiveOrders().map((o) => o.vtOrderid),
      [after],
    );
  } finally {
    await c.me.close();
    await server.kill();
  }
});

// The restart tests run the fake venue: unlike SIM, which starts empty, it reports the same history again
// after a restart (as a real venue does) while numbering new orders and trades from 1 again.
test('a server killed and restarted: the client shows it, re-syncs, repeats no trade, mixes up no id', async () => {
  const dir = tempDir('rpc-restart');
  let server: ServerProcess = await startFixture(dir, { preload: 2 });
  const c = await client(server.url, readToken(dir));
  try {
    await until(() => c.trades.length === 2, 'the preloaded trades');
    const before = c.me.sendOrder(buy, 'RPC');
    await until(() => c.orders.get(before)?.status === Status.NOTTRADED, 'an order before the restart');
    await server.command('fill');
    await until(() => c.trades.length === 3, 'its fill');
    const port = server.port;
    const down = nextEvent(c.me.eventEngine, 'gateway', (e) => e.data.status !== GatewayStatus.CONNECTED);
    await server.kill('SIGKILL');
    assert.is((await down).data.status, GatewayStatus.RECONNECTING);

    // The restarted fake venue reports the same two preloaded trades again and numbers orders and trades
    // from 1 again, as an in-memory venue does.
    const up = nextEvent(c.me.eventEngine, 'gateway', (e) => e.data.status === GatewayStatus.CONNECTED);
    server = await startFixture(dir, { port, preload: 2 });
    await up;
    assert.equal(
      c.trades.map((t) => t.vtTradeid),
      ['RPC.FAKE.pre-1', 'RPC.FAKE.pre-2', 'RPC.FAKE.t1'],
      'the re-reported trades were pushed once',
    );
    const after = c.me.sendOrder({ ...buy, price: 101 }, 'RPC');
    await until(() => c.orders.get(after)?.status === Status.NOTTRADED, 'an order after the restart rests');
    await server.command('fill');
    await until(() => c.trades.length === 4, 'its fill arrives');
    const last = c.trades[3]!;
    assert.is(last.vtOrderid, after);
    assert.is(last.price, 101);
    assert.match(last.vtTradeid, /^RPC\.FAKE\.t1#[0-9a-f]{8}$/, 'a reused trade id is kept apart');
    assert.is(c.orders.get(before)!.status, Status.ALLTRADED, 'the first order was not overwritten');
    assert.is(c.orders.get(before)!.price, 100.5);
  } finally {
    await c.me.close();
    await server.kill();
  }
});

test('an order whose reply was lost with the link is recognised as ours after reconnecting', async () => {
  const dir = tempDir('rpc-lost');
  const server = await startFixture(dir);
  const proxy = new CuttableProxy(server.port);
  await proxy.listen(0);
  const c = await client(`ws://127.0.0.1:${proxy.port}`, readToken(dir));
  const serverOrders: OrderData[] = [];
  const observer = await RpcClient.connect(
    { url: server.url, token: readToken(dir) },
    { onEvent: (e) => e.event === 'order' && serverOrders.push(e.data as OrderData), onClose: () => {} },
  );
  try {
    proxy.blackhole = true;
    const cancelled = c.me.sendOrder(buy, 'RPC');
    // Cancelled before the server has named it: the cancel waits for the name.
    c.me.cancelOrder(
      { orderid: cancelled.slice('RPC.'.length), symbol: 'FAKE1', exchange: Exchange.LOCAL },
      'RPC',
    );
    const id = c.me.sendOrder(buy, 'RPC');
    // Both orders reached the server (another client sees them) but no reply came back.
    await until(() => new Set(serverOrders.map((o) => o.vtOrderid)).size === 2, 'the orders on the server');
    await proxy.cut();
    await proxy.listen();
    await until(() => c.orders.get(id)?.status === Status.NOTTRADED, 'the order bound to its remote id');
    await until(() => c.orders.get(cancelled)?.status === Status.CANCELLED, 'the held cancel went out');
    assert.not.ok(c.orders.has('RPC.FAKE.1') || c.orders.has('RPC.FAKE.2'), 'no order shown twice');
    await server.command('fill');
    await until(() => c.trades.length === 1, 'its fill');
    assert.is(c.trades[0]!.vtOrderid, id);
  } finally {
    observer.close();
    await c.me.close();
    await proxy.cut();
    await server.kill();
  }
});

test.run();
