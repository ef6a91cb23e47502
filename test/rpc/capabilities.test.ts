// What a server gateway needs travels over RPC: a futures contract behind RPC asks for an offset (the ticket
// shows the row, the engine refuses an order without one) and an order placed through RPC can be amended.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RpcGateway } from '../../gateways/rpc/index.js';
import { parseCapabilities } from '../../gateways/rpc/parse.js';
import { Direction, Exchange, Offset, OrderType, Status } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { EventEngine } from '../../src/core/event.js';
import { needsOffset } from '../../src/core/validate.js';
import { until } from '../helpers/wait.js';
import { readToken, startFixture, tempDir } from './helpers.js';

test('offsets and amend of the server gateway reach the client, per contract', async () => {
  const dir = tempDir('rpc-caps');
  const server = await startFixture(dir, { venue: 'sim' });
  const me = new MainEngine({ eventEngine: new EventEngine({ timerInterval: 0 }), log: false });
  me.addGateway(RpcGateway);
  try {
    await me.connect({ address: server.url, token: readToken(dir) }, 'RPC');
    await until(() => me.getContract('rb2501.SHFE', 'RPC') !== undefined, 'the mirrored contract');
    const caps = me.getCapabilities('RPC', 'rb2501.SHFE');
    assert.ok(caps.offsets, 'the server SIM needs offsets for rb2501');
    assert.ok(needsOffset(caps, me.getContract('rb2501.SHFE', 'RPC')), 'the ticket shows an Offset row');
    const req = {
      symbol: 'rb2501',
      exchange: Exchange.SHFE,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      volume: 1,
      price: 3800,
      offset: Offset.NONE,
    };
    assert.throws(() => me.sendOrder(req, 'RPC'), /needs an offset/, 'refused here, not by the server');
    const id = me.sendOrder({ ...req, offset: Offset.OPEN }, 'RPC');
    await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'the order to rest at the server');
    const next = await me.amendOrder(
      { orderid: me.getOrder(id)!.orderid, symbol: 'rb2501', exchange: Exchange.SHFE, price: 3801 },
      'RPC',
    );
    assert.is(next, id, 'the server amended in place');
    await until(() => me.getOrder(id)?.price === 3801, 'the amended price mirrored back');
    assert.is(me.getOrder(id)?.status, Status.NOTTRADED);
  } finally {
    await me.close();
    await server.kill();
  }
});

test('a server gateway that amends by replacing (Alpaca) is known as one here; broken capabilities are refused', () => {
  const base = { orderTypes: ['LIMIT', 'MARKET'], history: true, offsets: false };
  assert.equal(parseCapabilities({ ...base, amend: true, amendReplaces: true }), {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET],
    history: true,
    offsets: false,
    amend: true,
    amendReplaces: true,
  });
  assert.not.ok('amendReplaces' in parseCapabilities({ ...base, amend: true })!, 'in place unless told');
  assert.is(parseCapabilities({ ...base, orderTypes: ['LIMIT', 'ICEBERG'] }), undefined);
  assert.is(parseCapabilities({ ...base, offsets: 'yes' }), undefined);
});

test.run();
