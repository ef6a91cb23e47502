// Seeded fuzzing of the RPC server (a `vnt serve` child process over a fake venue): random frames, random
// JSON, and each method's valid params with one field broken. Every frame gets its answer (an error naming the
// problem, never an internal TypeError), the server lives, and the orders it accepted are all there, intact.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocket } from 'ws';
import type { OrderData } from '../../src/core/object.js';
import { METHODS, parseClientMessage, type Method } from '../../src/rpc/protocol.js';
import { FuzzRng, type Json } from '../helpers/fuzz.js';
import { until } from '../helpers/wait.js';
import { readToken, startFixture, tempDir } from './helpers.js';

const order = {
  symbol: 'FAKE1',
  exchange: 'LOCAL',
  direction: 'LONG',
  type: 'LIMIT',
  volume: 2,
  price: 100.5,
  offset: 'NONE',
};

/** A valid params object for each method, to break one field at a time. */
const VALID: Record<Method, { [k: string]: Json }> = {
  subscribe: { req: { symbol: 'FAKE1', exchange: 'LOCAL' }, gatewayName: 'FAKE' },
  sendOrder: { req: order, gatewayName: 'FAKE', clientOrderid: 'c-1' },
  cancelOrder: { req: { orderid: '1', symbol: 'FAKE1', exchange: 'LOCAL' }, gatewayName: 'FAKE' },
  queryHistory: {
    req: { symbol: 'FAKE1', exchange: 'LOCAL', start: 1_700_000_000_000, interval: '1m' },
    gatewayName: 'FAKE',
  },
  getTick: { vtSymbol: 'FAKE1.LOCAL' },
  getOrder: { vtOrderid: 'FAKE.1' },
  getTrade: { vtTradeid: 'FAKE.1' },
  getPosition: { vtPositionid: 'FAKE.FAKE1.LOCAL.NET' },
  getAccount: { vtAccountid: 'FAKE.FAKE' },
  getContract: { vtSymbol: 'FAKE1.LOCAL' },
  getAllTicks: {},
  getAllOrders: {},
  getAllTrades: {},
  getAllPositions: {},
  getAllAccounts: {},
  getAllContracts: {},
  getAllActiveOrders: { vtSymbol: 'FAKE1.LOCAL' },
  getAllGatewayNames: {},
  setFilter: { types: ['order', 'trade'], vtSymbols: ['FAKE1.LOCAL'] },
  resolveOrders: { clientOrderids: ['c-1'] },
  amendOrder: {
    req: { orderid: '1', symbol: 'FAKE1', exchange: 'LOCAL', price: 101 },
    gatewayName: 'FAKE',
  },
  getCapabilities: {},
  queryOrderCost: { req: order, gatewayName: 'FAKE' },
};

type Reply = { type: string; id?: number; ok?: boolean; error?: { code: string; message: string } };

test('random frames and broken params: one clear answer each; the server and its orders stay intact', async () => {
  const rng = new FuzzRng(8080);
  const dir = tempDir('rpc-fuzz');
  const server = await startFixture(dir);
  const ws = new WebSocket(server.url, { headers: { authorization: `Bearer ${readToken(dir)}` } });
  const replies: Reply[] = [];
  ws.on('message', (d) => replies.push(...([] as Reply[]).concat(JSON.parse(d.toString()) as Reply)));
  try {
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    await until(() => replies.some((m) => m.type === 'hello'), 'hello');
    replies.length = 0;

    let expected = 0;
    const sendOrderIds = new Set<number>();
    for (let id = 1; id <= 1500; id++) {
      let text: string;
      const roll = rng.int(0, 9);
      if (roll === 0) text = rng.bytes(rng.int(0, 40)).toString('latin1');
      else if (roll === 1) text = JSON.stringify(rng.json(3));
      else if (roll === 2)
        text = JSON.stringify(rng.mutate({ type: 'req', id, method: 'getAllOrders', params: {} }));
      else {
        const method = rng.pick(METHODS);
        const params = roll === 3 ? rng.json(2) : rng.mutate(VALID[method]);
        text = JSON.stringify({ type: 'req', id, method, params });
        if (method === 'sendOrder') sendOrderIds.add(id);
      }
      // What the server must answer: nothing to a pong, one message to anything else.
      let silent = false;
      try {
        silent = parseClientMessage(text).type === 'pong';
      } catch {
        // malformed: an error reply
      }
      if (!silent) expected++;
      ws.send(text);
    }
    await until(
      () => replies.filter((r) => r.type !== 'ping' && r.type !== 'event').length >= expected,
      `${expected} replies`,
    );
    const answers = replies.filter((r) => r.type !== 'ping' && r.type !== 'event');
    assert.is(answers.length, expected);
    for (const r of answers) {
      assert.ok(['res', 'error', 'pong'].includes(r.type), JSON.stringify(r));
      if (r.error) {
        assert.ok(['bad_message', 'unknown_method', 'bad_params', 'request_failed'].includes(r.error.code));
        // An internal fault surfacing as a reply is a crash that happened to be caught.
        assert.not.match(
          r.error.message,
          /Cannot read|is not a function|is not iterable|of undefined|TypeError/,
          r.error.message,
        );
      }
    }

    // Every sendOrder the server accepted is an order it holds, with sound fields.
    const accepted = answers.filter((r) => r.ok === true && r.id !== undefined && sendOrderIds.has(r.id));
    const probe = 1_000_000;
    ws.send(JSON.stringify({ type: 'req', id: probe, method: 'getAllOrders', params: {} }));
    await until(() => replies.some((r) => r.id === probe), 'the order list');
    const orders = (replies.find((r) => r.id === probe) as unknown as { result: OrderData[] }).result;
    const ids = new Set(orders.map((o) => o.vtOrderid));
    for (const r of accepted) assert.ok(ids.has((r as unknown as { result: string }).result), 'order kept');
    for (const o of orders) {
      assert.ok(Number.isFinite(o.price) && o.volume > 0 && o.traded >= 0, JSON.stringify(o));
      assert.type(o.symbol, 'string');
    }
    assert.ok(accepted.length > 0, 'some orders were valid');
  } finally {
    ws.terminate();
    await server.kill();
  }
});

test.run();
