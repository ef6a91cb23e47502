// MainEngine.amendOrder: checked like a new order; in place where the gateway amends (SIM), cancel and replace
// where it does not (the fake gateway), and no replacement when the order ended otherwise.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SimGateway } from '../../gateways/sim/index.js';
import { Direction, Exchange, Offset, OrderType, Status } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { RequestError } from '../../src/core/errors.js';
import type { OrderRequest } from '../../src/core/object.js';
import { FakeGateway } from '../helpers/fake-gateway.js';
import { nextEvent, settle, until } from '../helpers/wait.js';

const rb = (patch: Partial<OrderRequest> = {}): OrderRequest => ({
  symbol: 'rb2501',
  exchange: Exchange.SHFE,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  price: 3800,
  volume: 2,
  offset: Offset.OPEN,
  ...patch,
});

async function fake(): Promise<MainEngine> {
  const me = new MainEngine({ log: false });
  me.addGateway(FakeGateway, 'FAKE');
  await me.connect({ account: 'a', password: 'pw' }, 'FAKE');
  await settle(me.eventEngine);
  return me;
}

test('a gateway without amend: the order is cancelled, then replaced with the new price and volume', async () => {
  const me = await fake();
  const first = me.sendOrder(rb(), 'FAKE');
  await until(() => me.getOrder(first)?.status === Status.NOTTRADED, 'the order to rest');
  const orderid = me.getOrder(first)!.orderid;
  const next = await me.amendOrder(
    { orderid, symbol: 'rb2501', exchange: Exchange.SHFE, price: 3801, volume: 3 },
    'FAKE',
  );
  assert.is.not(next, first, 'a new order');
  await settle(me.eventEngine);
  assert.is(me.getOrder(first)?.status, Status.CANCELLED);
  const replaced = me.getOrder(next)!;
  assert.is(replaced.price, 3801);
  assert.is(replaced.volume, 3);
  assert.is(replaced.offset, Offset.OPEN, 'the offset carries over');
  await me.close();
});

test('the replacement is only for what has not traded; a filled order is not replaced', async () => {
  const me = await fake();
  const venue = FakeGateway.lastVenue!;
  const first = me.sendOrder(rb({ volume: 5 }), 'FAKE');
  await until(() => me.getOrder(first)?.status === Status.NOTTRADED, 'the order to rest');
  venue.fill(3800, 2);
  await until(() => me.getOrder(first)?.traded === 2, 'a partial fill');
  const orderid = me.getOrder(first)!.orderid;
  const next = await me.amendOrder(
    { orderid, symbol: 'rb2501', exchange: Exchange.SHFE, price: 3799 },
    'FAKE',
  );
  await settle(me.eventEngine);
  assert.is(me.getOrder(next)?.volume, 3, '5 ordered, 2 traded: 3 left to replace');

  const other = me.sendOrder(rb({ volume: 1 }), 'FAKE');
  await until(() => me.getOrder(other)?.status === Status.NOTTRADED, 'the order to rest');
  // The venue fills it while the link is down, so the console still shows it working when the amend goes.
  const gateway = me.getGateway('FAKE') as FakeGateway;
  gateway.setLink(false);
  venue.fill(3800, 1);
  const pending = me.amendOrder(
    { orderid: me.getOrder(other)!.orderid, symbol: 'rb2501', exchange: Exchange.SHFE, price: 3790 },
    'FAKE',
  );
  gateway.setLink(true);
  const error = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof RequestError, 'refused');
  assert.match((error as Error).message, /ended ALLTRADED with 1 traded before it could be replaced/);
  await settle(me.eventEngine);
  assert.is(
    me.getAllActiveOrders().length,
    1,
    'no replacement was sent (the one working order is the first replacement)',
  );
  await me.close();
});

test('an amend is refused before anything is sent: unknown, finished, off-tick, at or below traded', async () => {
  const me = await fake();
  const id = me.sendOrder(rb(), 'FAKE');
  await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'the order to rest');
  const orderid = me.getOrder(id)!.orderid;
  const base = { orderid, symbol: 'rb2501', exchange: Exchange.SHFE };
  assert.throws(() => me.amendOrder({ ...base, orderid: '999', price: 3801 }, 'FAKE'), /no order FAKE\.999/);
  assert.throws(() => me.amendOrder({ ...base, price: 3800.5 }, 'FAKE'), /not a multiple of the price tick/);
  assert.throws(() => me.amendOrder({ ...base, volume: 0 }, 'FAKE'), /must be above the 0 already traded/);
  assert.throws(() => me.amendOrder({ ...base, price: 3800, volume: 2 }, 'FAKE'), /already has price/);
  me.cancelOrder({ orderid, symbol: 'rb2501', exchange: Exchange.SHFE }, 'FAKE');
  await until(() => me.getOrder(id)?.status === Status.CANCELLED, 'the cancel');
  assert.throws(
    () => me.amendOrder({ ...base, price: 3801 }, 'FAKE'),
    (e: unknown) => e instanceof RequestError && /nothing to amend/.test(e.message),
  );
  await me.close();
});

test('SIM amends in place: same vtOrderid, new price and volume, and a marketable amend trades', async () => {
  const me = new MainEngine({ log: false });
  const gw = me.addGateway(SimGateway, 'SIM');
  await me.connect({ tickRate: 0 }, 'SIM');
  await settle(me.eventEngine);
  assert.ok(me.getCapabilities('SIM', 'rb2501.SHFE').amend, 'SIM says it amends');
  const ex = gw.exchange!;
  const bid = ex.getBook('rb2501')!.bids[0]!.price;
  const ask = ex.getBook('rb2501')!.asks[0]!.price;
  const id = me.sendOrder(rb({ price: bid - 10, volume: 1 }), 'SIM');
  await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'the order to rest');
  const orderid = me.getOrder(id)!.orderid;
  const same = await me.amendOrder(
    { orderid, symbol: 'rb2501', exchange: Exchange.SHFE, price: bid - 5, volume: 2 },
    'SIM',
  );
  assert.is(same, id, 'amended in place');
  await until(() => me.getOrder(id)?.price === bid - 5, 'the new price');
  assert.is(me.getOrder(id)?.volume, 2);
  const traded = nextEvent(me.eventEngine, 'trade', (e) => e.data.vtOrderid === id);
  await me.amendOrder({ orderid, symbol: 'rb2501', exchange: Exchange.SHFE, price: ask + 5 }, 'SIM');
  await traded;
  await me.close();
});

test.run();
