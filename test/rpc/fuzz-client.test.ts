// Seeded fuzzing of the RPC client side: an RpcGateway connected to a fake server (a ws server in this test)
// that pushes malformed frames and events of the wrong shape, and answers requests with malformed replies.
// The console process lives, each problem is logged, nothing malformed reaches the OMS, a trade pushed twice
// is mirrored once, and an order whose reply is unreadable is still settled rather than left hanging.
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocketServer, type WebSocket } from 'ws';
import { Direction, Exchange, LogLevel, Offset, OrderType, Status } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { EventEngine } from '../../src/core/event.js';
import {
  createContract,
  createOrder,
  createTrade,
  type OrderData,
  type TradeData,
} from '../../src/core/object.js';
import { Product } from '../../src/core/constant.js';
import { RpcGateway } from '../../gateways/rpc/index.js';
import { FuzzRng, type Json } from '../helpers/fuzz.js';
import { until } from '../helpers/wait.js';

const contract = createContract({
  gatewayName: 'FAKE',
  symbol: 'FAKE1',
  exchange: Exchange.LOCAL,
  name: 'Fake one',
  product: Product.SPOT,
  size: 1,
  pricetick: 0.5,
});
const remoteOrder = createOrder({
  gatewayName: 'FAKE',
  orderid: '1',
  symbol: 'FAKE1',
  exchange: Exchange.LOCAL,
  price: 100.5,
  volume: 2,
  status: Status.NOTTRADED,
});
const remoteTrade = createTrade({
  gatewayName: 'FAKE',
  orderid: '1',
  tradeid: '1',
  symbol: 'FAKE1',
  exchange: Exchange.LOCAL,
  price: 100.5,
  volume: 1,
  datetime: 1_764_000_000_000,
});

const asJson = (v: object): { [k: string]: Json } => JSON.parse(JSON.stringify(v)) as { [k: string]: Json };

interface FakeServer {
  url: string;
  /** The one connected client, once it has connected. */
  peer(): WebSocket | undefined;
  /** How to answer each method; undefined: the usual empty answer. */
  answer: (method: string, id: number) => string | undefined;
  stop(): Promise<void>;
}

async function fakeServer(): Promise<FakeServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  let peer: WebSocket | undefined;
  const s: FakeServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    peer: () => peer,
    answer: () => undefined,
    stop: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
  wss.on('connection', (ws) => {
    peer = ws;
    ws.send(
      JSON.stringify({
        type: 'hello',
        protocol: 1,
        gateways: ['FAKE'],
        heartbeatMs: 1000,
        timeoutMs: 30_000,
        serverId: 'fuzz-server',
      }),
    );
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; id: number; method: string; t?: number };
      if (m.type === 'ping') return ws.send(JSON.stringify({ type: 'pong', t: m.t }));
      if (m.type !== 'req') return;
      const custom = s.answer(m.method, m.id);
      if (custom !== undefined) return ws.send(custom);
      const result =
        m.method === 'getAllContracts'
          ? [contract]
          : m.method.startsWith('getAll')
            ? []
            : m.method === 'resolveOrders'
              ? {}
              : null;
      ws.send(JSON.stringify({ type: 'res', id: m.id, ok: true, result }));
    });
  });
  return s;
}

function sound(o: object): boolean {
  return Object.entries(o).every(
    ([k, v]) =>
      (typeof v !== 'number' || Number.isFinite(v)) &&
      (v !== null || k.startsWith('option')) &&
      !(typeof v === 'string' && /undefined|\[object/.test(v) && k !== 'msg'),
  );
}

test('malformed frames, events and replies from the server: logged, kept out of the OMS, orders settled', async () => {
  const rng = new FuzzRng(5150);
  const server = await fakeServer();
  const me = new MainEngine({ eventEngine: new EventEngine({ timerInterval: 0 }), log: false });
  const trades: TradeData[] = [];
  const orders: OrderData[] = [];
  const warnings: string[] = [];
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('order', (e) => orders.push(e.data));
  me.eventEngine.register('log', (e) => {
    if (e.data.level >= LogLevel.WARNING) warnings.push(e.data.msg);
  });
  me.addGateway(RpcGateway);
  try {
    await me.connect({ address: server.url, token: 'fuzz' }, 'RPC');
    const ws = server.peer()!;
    const events: { [k: string]: Json }[] = [
      { type: 'event', event: 'order', key: '', data: asJson(remoteOrder) },
      { type: 'event', event: 'trade', key: '', data: asJson(remoteTrade) },
      { type: 'event', event: 'contract', key: '', data: asJson(contract) },
      { type: 'event', event: 'log', key: '', data: { msg: 'hello', level: 20, gatewayName: 'FAKE' } },
      { type: 'res', id: 99_999, ok: false, error: { code: 'bad_params', message: 'x' } },
    ];
    let garbage = 0;
    for (let i = 0; i < 1500; i++) {
      const roll = rng.int(0, 9);
      if (roll === 0) {
        garbage++;
        ws.send(rng.pick(['{', 'nope', '', '[1,', '\u0000']));
      } else if (roll === 1) ws.send(JSON.stringify(rng.json(3)));
      else if (roll === 2) ws.send(JSON.stringify([rng.mutate(rng.pick(events)), rng.json(2)]));
      else ws.send(JSON.stringify(rng.mutate(rng.pick(events))));
    }
    // The valid trade, twice, then a marker order: once the marker is in, everything before it was handled.
    const good = JSON.stringify(events[1]);
    ws.send(good);
    ws.send(good);
    const marker = asJson({ ...remoteOrder, orderid: 'marker', vtOrderid: 'FAKE.marker' });
    ws.send(JSON.stringify({ type: 'event', event: 'order', key: '', data: marker }));
    await until(() => orders.some((o) => o.orderid === 'FAKE.marker'), 'the marker order');

    assert.ok(
      warnings.filter((w) => /unreadable frame/.test(w)).length >= garbage,
      `${garbage} unreadable frames, ${warnings.length} warnings`,
    );
    for (const x of [...orders, ...trades, ...me.getAllContracts()]) assert.ok(sound(x), JSON.stringify(x));
    for (const o of orders)
      assert.ok(Object.values(Status).includes(o.status), `a known status: ${JSON.stringify(o)}`);
    const valid = trades.filter((t) => t.vtTradeid === 'RPC.FAKE.1' && t.price === 100.5 && t.volume === 1);
    assert.is(valid.length, 1, 'the valid trade is mirrored once');
    assert.equal(new Set(trades.map((t) => t.vtTradeid)).size, trades.length, 'no trade twice');

    // A sendOrder whose reply cannot be read (an error without a body, a result that is not an id): the
    // order must not hang in SUBMITTING. It is settled through resolveOrders (here: not placed → rejected).
    for (const reply of [
      (id: number) => JSON.stringify({ type: 'res', id, ok: false }),
      (id: number) => JSON.stringify({ type: 'res', id, ok: false, error: 'boom' }),
      (id: number) => JSON.stringify({ type: 'res', id, ok: true, result: { not: 'an id' } }),
      (id: number) => JSON.stringify({ type: 'res', id, ok: true, result: null }),
    ]) {
      server.answer = (method, id) => (method === 'sendOrder' ? reply(id) : undefined);
      const vt = me.sendOrder(
        {
          symbol: 'FAKE1',
          exchange: Exchange.LOCAL,
          direction: Direction.LONG,
          type: OrderType.LIMIT,
          price: 100.5,
          volume: 1,
          offset: Offset.NONE,
        },
        'RPC',
      );
      await until(() => me.getOrder(vt)?.status === Status.REJECTED, `${vt} settled`);
      assert.match(me.getOrder(vt)!.statusMsg, /did not confirm|unreadable/);
    }
  } finally {
    await me.close();
    await server.stop();
  }
});

test.run();
