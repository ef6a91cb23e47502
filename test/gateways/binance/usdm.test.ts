// BINANCE USD-M beside spot in one session, the listenKey's life (keep-alive, -1125, listenKeyExpired), the
// refusal of hedge mode, and amend in place (PUT /fapi/v1/order); all against the simulator, which routes USD-M streams by path as Binance does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  GatewayStatus,
  Offset,
  OrderType,
  Product,
  Status,
} from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { OrderRequest, TradeData } from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { BinanceGateway } from '../../../gateways/binance/index.js';
import { startBinanceSim, type BinanceSim } from '../../../gateways/binance/sim/server.js';
import { settle, until } from '../../helpers/wait.js';
import { settingFor } from './target.js';

let sim: BinanceSim;
test.before(async () => {
  sim = await startBinanceSim({ seed: 9, tickRate: 50, volatility: 0 });
});
test.after(() => sim.close());

function order(o: Partial<OrderRequest>): OrderRequest {
  return {
    symbol: 'BTCUSDT_SWAP',
    exchange: Exchange.BINANCE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    price: 90000,
    volume: 0.002,
    offset: Offset.NONE,
    ...o,
  };
}

async function usdm(setting: GatewaySetting = {}) {
  const me = new MainEngine({ log: false });
  const trades: TradeData[] = [];
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.addGateway(BinanceGateway, 'BINANCE');
  await me.connect({ ...settingFor(sim, 'USDM'), ...setting }, 'BINANCE');
  return { me, trades };
}

/** Two BINANCE gateways in one engine, BINANCE_SPOT and BINANCE_USDM, both connected to the simulator. */
async function spotAndUsdm(me: MainEngine): Promise<void> {
  me.addGateway(BinanceGateway, 'BINANCE_SPOT');
  me.addGateway(BinanceGateway, 'BINANCE_USDM');
  await me.connect(settingFor(sim, 'SPOT'), 'BINANCE_SPOT');
  await me.connect(settingFor(sim, 'USDM'), 'BINANCE_USDM');
}

test('one session, two BINANCE gateways (SPOT and USDM): contracts, ticks, orders and positions stay apart', async () => {
  const me = new MainEngine({ log: false });
  try {
    await spotAndUsdm(me);
    const spot = me.getContract('BTCUSDT.BINANCE');
    const swap = me.getContract('BTCUSDT_SWAP.BINANCE');
    assert.is(spot?.gatewayName, 'BINANCE_SPOT');
    assert.is(spot?.product, Product.SPOT);
    assert.is(swap?.gatewayName, 'BINANCE_USDM');
    assert.is(swap?.product, Product.SWAP);

    me.subscribe({ symbol: 'BTCUSDT', exchange: Exchange.BINANCE }, 'BINANCE_SPOT');
    me.subscribe({ symbol: 'BTCUSDT_SWAP', exchange: Exchange.BINANCE }, 'BINANCE_USDM');
    // A USD-M tick needs the book, which only the /public route carries.
    await until(() => me.getTick('BTCUSDT_SWAP.BINANCE') !== undefined, 'a USD-M tick');
    await until(() => me.getTick('BTCUSDT.BINANCE') !== undefined, 'a spot tick');
    assert.is(me.getTick('BTCUSDT_SWAP.BINANCE')!.gatewayName, 'BINANCE_USDM');
    assert.is(me.getTick('BTCUSDT.BINANCE')!.gatewayName, 'BINANCE_SPOT');
    // The book must follow depth diffs, not only its first snapshot: an order inside the spread shows up.
    // The synthetic market is paused meanwhile: its takers would otherwise fill the order inside the spread.
    sim.setMarketActive(false);
    const venueTop = () => sim.venues.USDM.exchange.getBook('BTCUSDT', 1)!;
    await until(() => {
      const t = me.getTick('BTCUSDT_SWAP.BINANCE')!;
      return t.bidPrice1 === venueTop().bids[0]?.price && t.askPrice1 === venueTop().asks[0]?.price;
    }, 'the tick to show the paused book');
    const top = me.getTick('BTCUSDT_SWAP.BINANCE')!;
    assert.ok(
      top.askPrice1 - top.bidPrice1 > 0.15,
      `a spread to step into (${top.bidPrice1}/${top.askPrice1})`,
    );
    const inside = Number((top.bidPrice1 + 0.1).toFixed(1));
    const better = me.sendOrder(order({ price: inside, volume: 0.001 }), 'BINANCE_USDM');
    await until(() => me.getTick('BTCUSDT_SWAP.BINANCE')!.bidPrice1 === inside, `bid ${inside} on the tick`);
    const b = me.getOrder(better)!;
    me.cancelOrder({ orderid: b.orderid, symbol: b.symbol, exchange: b.exchange }, 'BINANCE_USDM');
    await until(() => me.getOrder(better)?.status === Status.CANCELLED, 'the inside order cancelled');
    sim.setMarketActive(true);

    const spotOrder = me.sendOrder(order({ symbol: 'BTCUSDT' }), 'BINANCE_SPOT');
    const swapOrder = me.sendOrder(order({ price: 90000.1 }), 'BINANCE_USDM');
    await until(() => me.getOrder(spotOrder)?.status === Status.NOTTRADED, 'the spot order resting');
    await until(() => me.getOrder(swapOrder)?.status === Status.NOTTRADED, 'the USD-M order resting');
    assert.is(me.getOrder(spotOrder)!.vtSymbol, 'BTCUSDT.BINANCE');
    assert.is(me.getOrder(swapOrder)!.vtSymbol, 'BTCUSDT_SWAP.BINANCE');
    const venueSwap = sim.venues.USDM.exchange.getOpenOrders('binance-usdm');
    assert.equal(
      venueSwap.map((o) => o.symbol),
      ['BTCUSDT'],
      'the venue saw its own symbol',
    );

    // Cancels map back too.
    const swapData = me.getOrder(swapOrder)!;
    me.cancelOrder(
      { orderid: swapData.orderid, symbol: swapData.symbol, exchange: swapData.exchange },
      'BINANCE_USDM',
    );
    await until(() => me.getOrder(swapOrder)?.status === Status.CANCELLED, 'the USD-M cancel');
    assert.is(me.getOrder(spotOrder)!.status, Status.NOTTRADED, 'the spot order untouched');

    const fill = me.sendOrder(order({ type: OrderType.MARKET, price: 0, volume: 0.001 }), 'BINANCE_USDM');
    await until(() => me.getOrder(fill)?.status === Status.ALLTRADED, 'the USD-M market order');
    await until(
      () => me.getPosition('BINANCE_USDM.BTCUSDT_SWAP.BINANCE.NET')?.volume === 0.001,
      'the USD-M position',
    );
    await until(
      () => me.getPosition('BINANCE_SPOT.BTCUSDT.BINANCE.NET') !== undefined,
      'the spot position (the BTC balance)',
    );
    assert.is(me.getPosition('BINANCE_SPOT.BTCUSDT.BINANCE.NET')!.volume, 10);
    const trade = me.getAllTrades().find((t) => t.vtOrderid === fill);
    assert.is(trade?.vtSymbol, 'BTCUSDT_SWAP.BINANCE');
  } finally {
    sim.setMarketActive(true);
    await me.close();
  }
});

test("fees: every spot pair carries the account's commissionRates; a USD-M contract its own once subscribed", async () => {
  const me = new MainEngine({ log: false });
  try {
    await spotAndUsdm(me);
    // The simulated exchange charges makers and takers its instruments' one rate.
    const spotFee = { rate: 0.001, perLot: 0, maker: 0.001 };
    await until(() => me.getContract('ETHUSDT.BINANCE')?.commission !== undefined, 'spot fees');
    assert.equal(me.getContract('BTCUSDT.BINANCE')!.commission, spotFee);
    assert.equal(me.getContract('ETHUSDT.BINANCE')!.commission, spotFee);
    assert.is(me.getContract('BTCUSDT_SWAP.BINANCE')!.commission, undefined, 'not asked before use');
    me.subscribe({ symbol: 'BTCUSDT_SWAP', exchange: Exchange.BINANCE }, 'BINANCE_USDM');
    await until(() => me.getContract('BTCUSDT_SWAP.BINANCE')?.commission !== undefined, 'USD-M fees');
    assert.equal(me.getContract('BTCUSDT_SWAP.BINANCE')!.commission, {
      rate: 0.0004,
      perLot: 0,
      maker: 0.0004,
    });
  } finally {
    await me.close();
  }
});

test('USD-M: the listenKey is kept alive; on -1125 a new key, a new user stream, and a reconcile without duplicates', async () => {
  const s = await usdm({ listenKeyKeepAliveMs: 200 });
  try {
    const gw = s.me.getGateway('BINANCE') as BinanceGateway;
    const before = sim.venues.USDM.keepAlives;
    await until(() => sim.venues.USDM.keepAlives > before, 'a keep-alive PUT');
    assert.is(gw.status, GatewayStatus.CONNECTED, 'a successful keep-alive changes nothing');

    const id = s.me.sendOrder(order({ price: 90000.2 }), 'BINANCE');
    await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'the order resting');
    sim.venues.USDM.exchange.crossFromMarket('BTCUSDT', 'SELL', 90000.2, 0.001);
    await until(() => s.trades.filter((t) => t.vtOrderid === id).length === 1, 'the first fill, streamed');

    const oldKey = [...sim.venues.USDM.listenKeys][0];
    sim.expireListenKey(false);
    // Lost to the silent stream; only the reconcile after the new key can bring it.
    sim.venues.USDM.exchange.crossFromMarket('BTCUSDT', 'SELL', 90000.2, 0.001);
    await until(() => s.me.getOrder(id)?.status === Status.ALLTRADED, 'the order filled, by reconcile');
    await until(() => s.trades.filter((t) => t.vtOrderid === id).length === 2, 'the second fill');
    const newKey = [...sim.venues.USDM.listenKeys][0];
    assert.ok(newKey && newKey !== oldKey, 'a new listenKey');
    await until(() => gw.status === GatewayStatus.CONNECTED, 'CONNECTED again');
    // One more keep-alive round on the new key, then count: the reconcile's trades are not repeated.
    const now = sim.venues.USDM.keepAlives;
    await until(() => sim.venues.USDM.keepAlives > now, 'a keep-alive on the new key');
    await settle(s.me.eventEngine);
    const mine = s.trades.filter((t) => t.vtOrderid === id);
    assert.is(mine.length, 2);
    assert.is(new Set(mine.map((t) => t.tradeid)).size, 2, 'two distinct trades');
    assert.is(
      mine.reduce((v, t) => v + t.volume, 0),
      0.002,
    );
  } finally {
    await s.me.close();
  }
});

test('USD-M: listenKeyExpired on the stream brings a new key, a new user stream and a reconcile', async () => {
  const s = await usdm();
  try {
    const keepAlives = sim.venues.USDM.keepAlives;
    const id = s.me.sendOrder(order({ price: 90000.3 }), 'BINANCE');
    await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'the order resting');
    const oldKey = [...sim.venues.USDM.listenKeys][0];
    sim.expireListenKey(true);
    sim.venues.USDM.exchange.crossFromMarket('BTCUSDT', 'SELL', 90000.3, 0.002);
    await until(() => s.me.getOrder(id)?.status === Status.ALLTRADED, 'the fill, by reconcile');
    await until(() => s.trades.some((t) => t.vtOrderid === id), 'its trade');
    const newKey = [...sim.venues.USDM.listenKeys][0];
    assert.ok(newKey && newKey !== oldKey, 'a new listenKey');
    assert.is(sim.venues.USDM.keepAlives, keepAlives, 'the event alone did it, no keep-alive ran');
    await settle(s.me.eventEngine);
    assert.is(s.trades.filter((t) => t.vtOrderid === id).length, 1);
  } finally {
    await s.me.close();
  }
});

test('USD-M: each reconcile step runs on its own; a failing open-orders query leaves the rest done', async () => {
  const s = await usdm();
  const logs: string[] = [];
  s.me.eventEngine.register('log', (e) => logs.push(e.data.msg));
  const posId = 'BINANCE.BTCUSDT_SWAP.BINANCE.NET';
  try {
    const id = s.me.sendOrder(order({ price: 90000.4 }), 'BINANCE');
    await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'the order resting');
    const before = s.me.getPosition(posId)?.volume ?? 0;
    sim.setReachable(false);
    sim.venues.USDM.exchange.crossFromMarket('BTCUSDT', 'SELL', 90000.4, 0.002);
    // The reconcile's open-orders query gets a reply that is not a list.
    sim.replaceNextReply('GET', '/fapi/v1/openOrders', '{"unexpected":true}');
    sim.setReachable(true);
    await until(() => s.me.getOrder(id)?.status === Status.ALLTRADED, 'the order, asked for by its id');
    await until(() => s.trades.some((t) => t.vtOrderid === id), 'its trade');
    await until(() => s.me.getPosition(posId)?.volume === before + 0.002, 'the position');
    await until(
      () => logs.some((l) => /reconciled after reconnect, except: open orders$/.test(l)),
      'the summary',
    );
  } finally {
    await s.me.close();
  }
});

test('USD-M: amend in place (PUT /fapi/v1/order): price, then volume, the same order; a fill after it is its own', async () => {
  const s = await usdm();
  const logs: string[] = [];
  s.me.eventEngine.register('log', (e) => logs.push(e.data.msg));
  const venue = sim.venues.USDM;
  sim.setMarketActive(false);
  try {
    assert.ok(s.me.getCapabilities('BINANCE', 'BTCUSDT_SWAP.BINANCE').amend, 'USD-M amends in place');
    const bid = venue.exchange.getBook('BTCUSDT', 1)!.bids[0]!.price;
    const id = s.me.sendOrder(order({ price: bid - 50, volume: 0.002 }), 'BINANCE');
    await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'the order to rest');
    const orderid = id.slice('BINANCE.'.length);
    const venueId = venue.exchange.getOrderByClientId(venue.accountId, orderid)!.orderId;
    const req = { orderid, symbol: 'BTCUSDT_SWAP', exchange: Exchange.BINANCE };
    assert.is(await s.me.amendOrder({ ...req, price: bid - 40 }, 'BINANCE'), id, 'the same order');
    await until(() => s.me.getOrder(id)?.price === bid - 40, 'the price amended');
    assert.is(s.me.getOrder(id)!.volume, 0.002);
    await s.me.amendOrder({ ...req, volume: 0.003 }, 'BINANCE');
    await until(() => s.me.getOrder(id)?.volume === 0.003, 'the volume amended');
    assert.is(s.me.getOrder(id)!.price, bid - 40, 'the price kept');
    const open = venue.exchange.getOpenOrders(venue.accountId);
    assert.equal(
      open.map((o) => [o.orderId, o.price, o.volume]),
      [[venueId, bid - 40, 0.003]],
      'one order at the venue, amended, none sent anew',
    );
    // A fill at the new price belongs to the amended order.
    venue.exchange.crossFromMarket('BTCUSDT', 'SELL', bid - 40, 0.001);
    await until(() => s.me.getOrder(id)?.status === Status.PARTTRADED, 'the part fill');
    const trades = s.trades.filter((t) => t.vtOrderid === id);
    assert.equal(
      trades.map((t) => [t.price, t.volume]),
      [[bid - 40, 0.001]],
    );
    assert.is(s.me.getOrder(id)!.traded, 0.001);
    assert.is(s.me.getOrder(id)!.volume, 0.003, 'the fill push did not undo the amend');

    // Ended at the venue while its pushes were lost: Binance refuses the amend (-2013) and the order is asked for.
    venue.loseUserPushes = true;
    venue.exchange.cancelOrder(venue.accountId, venueId);
    venue.loseUserPushes = false;
    assert.is(s.me.getOrder(id)!.status, Status.PARTTRADED, 'the gateway has not heard yet');
    await s.me.amendOrder({ ...req, price: bid - 30 }, 'BINANCE');
    await until(() => s.me.getOrder(id)?.status === Status.CANCELLED, 'the order learnt cancelled');
    assert.ok(
      logs.some((m) => m.includes(`amend of ${orderid} refused`) && m.includes('Order does not exist')),
      logs.join('\n'),
    );
    assert.is(s.me.getOrder(id)!.price, bid - 40, 'the refused price never shown');
    assert.is(s.me.getOrder(id)!.traded, 0.001);
    assert.throws(() => s.me.amendOrder({ ...req, price: bid - 20 }, 'BINANCE'), /nothing to amend/);
  } finally {
    sim.setMarketActive(true);
    await s.me.close();
  }
});

test('USD-M: pushes held back until after the amend (NEW with the old price first) do not undo it', async () => {
  const s = await usdm();
  const venue = sim.venues.USDM;
  sim.setMarketActive(false);
  try {
    const bid = venue.exchange.getBook('BTCUSDT', 1)!.bids[0]!.price;
    venue.holdUserPushes = true;
    const id = s.me.sendOrder(order({ price: bid - 50, volume: 0.002 }), 'BINANCE');
    await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'the order resting, from the reply');
    const orderid = id.slice('BINANCE.'.length);
    const req = { orderid, symbol: 'BTCUSDT_SWAP', exchange: Exchange.BINANCE };
    await s.me.amendOrder({ ...req, price: bid - 45, volume: 0.004 }, 'BINANCE');
    await until(() => s.me.getOrder(id)?.price === bid - 45, 'the amend, from its reply');
    const seen: number[] = [];
    s.me.eventEngine.register('order', (e) => {
      if (e.data.vtOrderid === id) seen.push(e.data.price);
    });
    // NEW (old price and quantity) then AMENDMENT arrive now; a later cancel shows both were read.
    venue.releaseUserPushes();
    s.me.cancelOrder(req, 'BINANCE');
    await until(() => s.me.getOrder(id)?.status === Status.CANCELLED, 'cancelled');
    assert.ok(!seen.includes(bid - 50), `the old price never came back: ${seen.join(', ')}`);
    assert.equal([s.me.getOrder(id)!.price, s.me.getOrder(id)!.volume], [bid - 45, 0.004]);
  } finally {
    venue.releaseUserPushes();
    sim.setMarketActive(true);
    await s.me.close();
  }
});

test('USD-M: an account in hedge mode is refused at connect with a clear reason', async () => {
  sim.venues.USDM.dualSidePosition = true;
  const me = new MainEngine({ log: false });
  me.addGateway(BinanceGateway, 'BINANCE');
  try {
    const err = await me.connect(settingFor(sim, 'USDM'), 'BINANCE').catch((e: Error) => e);
    assert.instance(err, Error);
    assert.match((err as Error).message, /hedge mode/);
    assert.match((err as Error).message, /one-way/);
    assert.is(me.getGateway('BINANCE').status, GatewayStatus.DISCONNECTED);
  } finally {
    sim.venues.USDM.dualSidePosition = false;
    await me.close();
  }
  // One-way again: the same gateway class connects.
  const s = await usdm();
  await s.me.close();
});

test.run();
