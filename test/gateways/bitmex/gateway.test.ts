// BITMEX gateway behaviour beyond the conformance suite, against the simulator: spot quantity conversion on
// the wire, amend in place (PUT /order), 503 "overloaded" never resent, a lost reply found by clOrdID and never resent, the x-ratelimit
// budget honoured, a book partial that comes after live frames, and the optional dead-man switch.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Interval, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { OrderRequest } from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { BitmexGateway } from '../../../gateways/bitmex/index.js';
import { startBitmexSim, type BitmexSim } from '../../../gateways/bitmex/sim/server.js';
import { until } from '../../helpers/wait.js';
import { settingFor } from './target.js';

async function session(
  extra: GatewaySetting = {},
): Promise<{ sim: BitmexSim; me: MainEngine; close(): Promise<void> }> {
  const sim = await startBitmexSim({ seed: 7, tickRate: 50, volatility: 0 });
  const me = new MainEngine({ log: false });
  me.addGateway(BitmexGateway, 'BITMEX');
  await me.connect(settingFor(sim, extra), 'BITMEX');
  return {
    sim,
    me,
    close: async () => {
      await me.close();
      await sim.close();
    },
  };
}

function order(o: Partial<OrderRequest> = {}): OrderRequest {
  return {
    symbol: 'XBTUSD',
    exchange: Exchange.BITMEX,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    price: 90000,
    volume: 100,
    offset: Offset.NONE,
    ...o,
  };
}

const posts = (sim: BitmexSim) => sim.requests.filter((r) => r.method === 'POST' && r.path === '/order');

test('spot: 0.0001 XBT goes out as orderQty 10000 and comes back as 0.0001', async () => {
  const s = await session();
  try {
    const c = s.me.getContract('XBT_USDT.BITMEX')!;
    assert.is(c.minVolume, 0.00001);
    const id = s.me.sendOrder(order({ symbol: 'XBT_USDT', volume: 0.0001 }), 'BITMEX');
    await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'the spot order to rest');
    const body = JSON.parse(posts(s.sim)[0]!.body) as { orderQty: number; clOrdID: string };
    assert.is(body.orderQty, 10000);
    assert.is(`BITMEX.${body.clOrdID}`, id, 'clOrdID is the vnt order id');
    assert.is(s.me.getOrder(id)!.volume, 0.0001);
  } finally {
    await s.close();
  }
});

test('amend: PUT /order changes price and orderQty in place, once; a finished order is refused', async () => {
  const s = await session();
  try {
    assert.ok(s.me.getCapabilities('BITMEX', 'XBTUSD.BITMEX').amend, 'BitMEX amends in place');
    const id = s.me.sendOrder(order({ price: 80000, volume: 100 }), 'BITMEX');
    await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'the order to rest');
    const orderid = id.slice('BITMEX.'.length);
    const amended = await s.me.amendOrder(
      { orderid, symbol: 'XBTUSD', exchange: Exchange.BITMEX, price: 80500, volume: 200 },
      'BITMEX',
    );
    assert.is(amended, id, 'the same order');
    await until(() => s.me.getOrder(id)?.price === 80500 && s.me.getOrder(id)?.volume === 200, 'amended');
    const puts = s.sim.requests.filter((r) => r.method === 'PUT' && r.path === '/order');
    assert.is(puts.length, 1, 'sent once');
    const body = JSON.parse(puts[0]!.body) as Record<string, unknown>;
    assert.equal(body, { origClOrdID: orderid, price: 80500, orderQty: 200 });
    assert.is(posts(s.sim).length, 1, 'no replacement order');
    assert.is(s.me.getOrder(id)!.status, Status.NOTTRADED);
    // The volume alone.
    await s.me.amendOrder({ orderid, symbol: 'XBTUSD', exchange: Exchange.BITMEX, volume: 300 }, 'BITMEX');
    await until(() => s.me.getOrder(id)?.volume === 300, 'the volume amended');
    assert.is(s.me.getOrder(id)!.price, 80500);
    s.me.cancelOrder({ orderid, symbol: 'XBTUSD', exchange: Exchange.BITMEX }, 'BITMEX');
    await until(() => s.me.getOrder(id)?.status === Status.CANCELLED, 'cancelled');
    assert.throws(
      () => s.me.amendOrder({ orderid, symbol: 'XBTUSD', exchange: Exchange.BITMEX, price: 81000 }, 'BITMEX'),
      /nothing to amend/,
    );
  } finally {
    await s.close();
  }
});

test('503 overloaded: the order is REJECTED with the venue text and sent exactly once', async () => {
  const s = await session();
  try {
    s.sim.overloadNext(1, 'POST', '/order');
    const id = s.me.sendOrder(order(), 'BITMEX');
    await until(() => s.me.getOrder(id)?.status === Status.REJECTED, 'REJECTED');
    assert.match(s.me.getOrder(id)!.statusMsg, /overloaded/);
    assert.is(posts(s.sim).length, 1, 'never resent');
    assert.is(s.sim.venue.exchange.getOpenOrders('bitmex').length, 0);
  } finally {
    await s.close();
  }
});

test('a GET answered 503 is retried (it never reached the engine)', async () => {
  const s = await session();
  try {
    s.sim.overloadNext(1, 'GET', '/trade/bucketed');
    const bars = await s.me.queryHistory(
      {
        symbol: 'XBTUSD',
        exchange: Exchange.BITMEX,
        interval: Interval.MINUTE,
        start: Date.now() - 3_600_000,
      },
      'BITMEX',
    );
    const tries = s.sim.requests.filter((r) => r.path === '/trade/bucketed');
    assert.is(tries[0]!.status, 503);
    assert.ok(tries.length >= 2);
    assert.ok(Array.isArray(bars));
  } finally {
    await s.close();
  }
});

test('a lost reply: the order is found by clOrdID and never sent twice', async () => {
  const s = await session();
  try {
    s.sim.dropNextReply('POST', '/order');
    const id = s.me.sendOrder(order(), 'BITMEX');
    await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'the order found by its clOrdID');
    assert.is(posts(s.sim).length, 1);
  } finally {
    await s.close();
  }
});

test('x-ratelimit-remaining 0: the next request waits for x-ratelimit-reset instead of earning a 429', async () => {
  const s = await session();
  try {
    s.sim.exhaustBudget(1500);
    const first = s.me.sendOrder(order(), 'BITMEX');
    await until(() => s.me.getOrder(first)?.status === Status.NOTTRADED, 'first order');
    const second = s.me.sendOrder(order({ price: 89000 }), 'BITMEX');
    await until(() => s.me.getOrder(second)?.status === Status.NOTTRADED, 'second order after the reset');
    assert.is(s.sim.requests.filter((r) => r.status === 429).length, 0, 'no 429 was earned');
  } finally {
    await s.close();
  }
});

test('429 with Retry-After: a refused order is REJECTED, not resent', async () => {
  const s = await session();
  try {
    s.sim.rateLimitNext(1, 1);
    const id = s.me.sendOrder(order(), 'BITMEX');
    await until(() => s.me.getOrder(id)?.status === Status.REJECTED, 'REJECTED');
    assert.match(s.me.getOrder(id)!.statusMsg, /Rate limit/);
    assert.is(posts(s.sim).length, 1);
  } finally {
    await s.close();
  }
});

test('a book partial preceded by live frames: those are dropped and the book equals the venue', async () => {
  const s = await session();
  try {
    s.sim.latePartialNext(1);
    const ticks: number[] = [];
    s.me.eventEngine.register('tick', (e) => ticks.push(e.data.bidPrice1));
    s.me.subscribe({ symbol: 'XBTUSD', exchange: Exchange.BITMEX }, 'BITMEX');
    await until(() => ticks.some((b) => b > 0), 'a tick');
    s.sim.venue.exchange.setMarketActive(false);
    const venue = () => s.sim.venue.publishedLevels('XBTUSD');
    const same = () => {
      const t = s.me.getTick('XBTUSD.BITMEX');
      const v = venue();
      return (
        !!t &&
        t.bidPrice1 === v.bids[0]![0] &&
        t.askPrice1 === v.asks[0]![0] &&
        t.bidVolume1 === v.bids[0]![1]
      );
    };
    await until(same, 'the gateway book to equal the venue book');
    assert.ok(same());
    assert.is(s.sim.subscribeCounts.get('orderBookL2_25:XBTUSD'), 1, 'no resubscription was needed');
  } finally {
    await s.close();
  }
});

test('dead-man switch: refreshed while connected; orders cancelled by BitMEX when refreshes stop', async () => {
  const s = await session({ deadManSwitchSec: 1 });
  try {
    const id = s.me.sendOrder(order(), 'BITMEX');
    await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'resting');
    await until(() => s.sim.venue.deadManCalls >= 3, 'refreshes');
    s.sim.setReachable(false);
    await until(() => s.sim.venue.deadManFired >= 1, 'the switch to cancel the order');
    assert.is(s.sim.venue.exchange.getOpenOrders('bitmex').length, 0);
    s.sim.setReachable(true);
  } finally {
    await s.close();
  }
});

test('dead-man switch is off by default', async () => {
  const s = await session();
  try {
    assert.is(BitmexGateway.defaultSetting.deadManSwitchSec!.default, 0);
    assert.is(s.sim.venue.deadManCalls, 0);
  } finally {
    await s.close();
  }
});

test.run();
