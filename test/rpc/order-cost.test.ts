// An order's what-if cost (:whatif in the console) asked through RPC: the server's gateway answers, the
// client gets the figures under its own gateway name, and a server's refusal or a garbled answer is an error
// that says so, never a misleading figure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { EventEngine } from '../../src/core/event.js';
import type { OrderRequest } from '../../src/core/object.js';
import { RpcGateway } from '../../gateways/rpc/index.js';
import { readToken, startFixture, tempDir } from './helpers.js';

const buy: OrderRequest = {
  symbol: 'FAKE1',
  exchange: Exchange.LOCAL,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 3,
  price: 100,
  offset: Offset.NONE,
};

async function clientOf(url: string, token: string): Promise<MainEngine> {
  const me = new MainEngine({ eventEngine: new EventEngine({ timerInterval: 0 }), log: false });
  me.addGateway(RpcGateway);
  await me.connect({ address: url, token }, 'RPC');
  return me;
}

const failure = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => '',
    (e: Error) => e.message,
  );

test("the server gateway's what-if answer reaches the client, named by the client's gateway", async () => {
  const dir = tempDir('rpc-cost');
  const server = await startFixture(dir);
  const me = await clientOf(server.url, readToken(dir));
  try {
    const cost = await me.queryOrderCost(buy, 'RPC');
    assert.is(cost.gatewayName, 'RPC');
    assert.is(cost.vtSymbol, 'FAKE1.LOCAL');
    assert.is(cost.currency, 'CNY');
    assert.is(cost.initMarginChange, 300);
    assert.is(cost.commission, 6);
    assert.is(cost.maintMarginChange, undefined, 'a figure the venue did not give stays absent');
    assert.is(cost.warning, '');
    assert.is((await me.queryOrderCost({ ...buy, volume: 200 }, 'RPC')).warning, 'above the position limit');

    const garbled = await failure(me.queryOrderCost({ ...buy, reference: 'garbled' }, 'RPC'));
    assert.match(garbled, /answer was not usable: order cost field initMarginChange is "lots"/);
    assert.is(me.getAllOrders().length, 0, 'asking placed no order');
  } finally {
    await me.close();
    await server.kill();
  }
});

test("a server gateway that cannot answer what-if: the client's error names it", async () => {
  const dir = tempDir('rpc-cost-sim');
  const server = await startFixture(dir, { venue: 'sim' });
  const me = await clientOf(server.url, readToken(dir));
  try {
    const error = await failure(
      me.queryOrderCost(
        { ...buy, symbol: 'rb2501', exchange: Exchange.SHFE, price: 3900, offset: Offset.OPEN },
        'RPC',
      ),
    );
    assert.match(error, /SIM.*order cost \(what-if\) queries/);
  } finally {
    await me.close();
    await server.kill();
  }
});

test.run();
