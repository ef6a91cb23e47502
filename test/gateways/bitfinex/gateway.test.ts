// The BITFINEX gateway against its simulator, for what the shared suite does not cover: book integrity
// (checksums verified, a wrong one resubscribes the book, a sequence gap reconnects), info codes, Bitfinex
// error codes in rejections, an order whose reply is lost, nonces shared by two gateways and refused nonces,
// the dead man switch, history paging and rate limits.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  GatewayStatus,
  Interval,
  Offset,
  OrderType,
  Status,
} from '../../../src/core/constant.js';
import { EventEngine } from '../../../src/core/event.js';
import type { AnyEvent } from '../../../src/core/event.js';
import type { OrderData, OrderRequest, TickData } from '../../../src/core/object.js';
import { BitfinexGateway } from '../../../gateways/bitfinex/index.js';
import { MarketData } from '../../../gateways/bitfinex/market-data.js';
import { nonceSourceFor } from '../../../gateways/bitfinex/nonce.js';
import { restAuthHeaders } from '../../../gateways/bitfinex/sign.js';
import type { BitfinexSim } from '../../../gateways/bitfinex/sim/server.js';
import { MAX_CHANNELS_PER_CONNECTION } from '../../../gateways/bitfinex/types.js';
import { until as waitFor } from '../../helpers/wait.js';
import { settingFor, startQuietSim } from './target.js';

interface Rig {
  sim: BitfinexSim;
  gw: BitfinexGateway;
  ee: EventEngine;
  orders: Map<string, OrderData>;
  ticks: TickData[];
  logs: string[];
  statuses: { status: GatewayStatus; message: string }[];
  close(): Promise<void>;
}

async function rig(
  extra: Record<string, string | number | boolean> = {},
  existing?: BitfinexSim,
  name = 'BITFINEX',
): Promise<Rig> {
  const sim = existing ?? (await startQuietSim({ heartbeatMs: 200 }));
  const ee = new EventEngine();
  const orders = new Map<string, OrderData>();
  const ticks: TickData[] = [];
  const logs: string[] = [];
  const statuses: Rig['statuses'] = [];
  ee.registerGeneral((e: AnyEvent) => {
    if (e.type === 'order') orders.set(e.data.orderid, e.data);
    else if (e.type === 'tick') ticks.push(e.data);
    else if (e.type === 'log') logs.push(e.data.msg);
    else if (e.type === 'gateway') statuses.push({ status: e.data.status, message: e.data.message });
  });
  ee.start();
  const gw = new BitfinexGateway(ee, name);
  await gw.connect(settingFor(sim, extra));
  return {
    sim,
    gw,
    ee,
    orders,
    ticks,
    logs,
    statuses,
    close: async () => {
      await gw.close();
      ee.stop();
      if (!existing) await sim.close();
    },
  };
}

function buy(price = 90000, volume = 0.002, type = OrderType.LIMIT): OrderRequest {
  return {
    symbol: 'BTCUSD',
    exchange: Exchange.BITFINEX,
    direction: Direction.LONG,
    type,
    price,
    volume,
    offset: Offset.NONE,
  };
}

async function placed(r: Rig, req = buy()): Promise<string> {
  const vt = r.gw.sendOrder(req);
  const id = vt.split('.')[1]!;
  await waitFor(() => r.orders.get(id)?.status === Status.NOTTRADED, `${id} resting`);
  return id;
}

const test = suite('BITFINEX gateway');

test('connect: contracts with the 5-significant-digit tick, wallets as accounts, BTC as a position', async () => {
  const r = await rig();
  const events: string[] = [];
  r.ee.registerGeneral((e: AnyEvent) => events.push(e.type));
  assert.is(r.gw.status, GatewayStatus.CONNECTED);
  // Nothing new arrives once connected unless asked: the initial sync was already on the bus.
  r.gw.subscribe({ symbol: 'BTCUSD', exchange: Exchange.BITFINEX });
  await waitFor(() => r.ticks.length > 0, 'a tick');
  assert.throws(
    () => r.gw.subscribe({ symbol: 'NOPE', exchange: Exchange.BITFINEX }),
    /unknown Bitfinex pair/,
  );
  assert.throws(() => r.gw.sendOrder(buy(90000.5)), /5 significant digits/);
  await r.close();
});

test('book: every checksum verified; asks ascend and bids descend in every tick', async () => {
  const r = await rig();
  r.gw.subscribe({ symbol: 'BTCUSD', exchange: Exchange.BITFINEX });
  await waitFor(() => (r.gw.feed?.checksumsVerified ?? 0) >= 20, '20 verified checksums');
  assert.is(r.gw.feed!.checksumMismatches, 0);
  for (const t of r.ticks.slice(-50)) {
    const asks = [t.askPrice1, t.askPrice2, t.askPrice3, t.askPrice4, t.askPrice5].filter((p) => p > 0);
    const bids = [t.bidPrice1, t.bidPrice2, t.bidPrice3, t.bidPrice4, t.bidPrice5].filter((p) => p > 0);
    for (let i = 1; i < asks.length; i++) assert.ok(asks[i]! > asks[i - 1]!, `asks ascend: ${asks}`);
    for (let i = 1; i < bids.length; i++) assert.ok(bids[i]! < bids[i - 1]!, `bids descend: ${bids}`);
    assert.ok(t.bidPrice1 < t.askPrice1);
  }
  await r.close();
});

test('book: a wrong checksum resubscribes that book, which comes back verified', async () => {
  const r = await rig();
  r.gw.subscribe({ symbol: 'BTCUSD', exchange: Exchange.BITFINEX });
  await waitFor(() => (r.gw.feed?.checksumsVerified ?? 0) >= 3, 'verified checksums');
  r.sim.corruptNextChecksum('BTCUSD');
  await waitFor(() => r.gw.feed!.checksumMismatches === 1, 'the mismatch seen');
  assert.ok(r.logs.some((l) => /resubscribing book BTCUSD: book checksum/.test(l)));
  const verified = r.gw.feed!.checksumsVerified;
  await waitFor(() => r.gw.feed!.checksumsVerified > verified + 3, 'checksums verified again');
  assert.is(r.gw.feed!.checksumMismatches, 1);
  assert.is(r.gw.feed!.linkClients[0]!.connectionCount, 1, 'the connection stayed up');
  await r.close();
});

test('a sequence gap reconnects the public connection and resubscribes every channel', async () => {
  const r = await rig();
  r.gw.subscribe({ symbol: 'BTCUSD', exchange: Exchange.BITFINEX });
  await waitFor(() => (r.gw.feed?.checksumsVerified ?? 0) >= 3, 'verified checksums');
  r.sim.skipSequence();
  await waitFor(() => r.gw.feed!.linkClients[0]!.connectionCount === 2, 'a second connection');
  assert.ok(r.logs.some((l) => /sequence jumped/.test(l)));
  const before = r.ticks.length;
  await waitFor(() => r.ticks.length > before + 5, 'ticks after the resubscribe');
  await r.close();
});

test('channels are spread over connections of at most 25 (here 3) and each keeps its data', async () => {
  const sim = await startQuietSim();
  const ticks: TickData[] = [];
  const feed = new MarketData({
    gatewayName: 'BITFINEX',
    url: sim.wsUrl,
    maxChannels: 3,
    onTick: (t) => ticks.push(t),
    onStatus: () => undefined,
    log: () => undefined,
  });
  await feed.start();
  feed.subscribe('BTCUSD');
  feed.subscribe('ETHUSD');
  await waitFor(() => sim.channelCounts().join() === '3,3', 'two connections of three channels');
  await waitFor(
    () => ticks.some((t) => t.symbol === 'ETHUSD') && ticks.some((t) => t.symbol === 'BTCUSD'),
    'ticks of both',
  );
  assert.is(feed.connectionCount, 2);
  assert.is(MAX_CHANNELS_PER_CONNECTION, 25);
  await feed.close();
  await sim.close();
});

test('info 20051 reconnects; 20060 reports maintenance, 20061 resubscribes and reconnects', async () => {
  const r = await rig();
  r.gw.subscribe({ symbol: 'BTCUSD', exchange: Exchange.BITFINEX });
  await waitFor(() => r.ticks.length > 0, 'ticks');
  r.sim.sendInfo(20051);
  await waitFor(
    () => r.gw.feed!.linkClients[0]!.connectionCount === 2 && r.gw.accountLink!.client.connectionCount === 2,
    'both links reconnected',
  );
  r.sim.sendInfo(20060);
  await waitFor(
    () => r.statuses.some((s) => s.status === GatewayStatus.RECONNECTING && /maintenance/.test(s.message)),
    'maintenance reported',
  );
  r.sim.sendInfo(20061);
  await waitFor(() => r.gw.feed!.linkClients[0]!.connectionCount === 3, 'resubscribed after maintenance');
  await waitFor(() => r.gw.status === GatewayStatus.CONNECTED, 'CONNECTED again');
  const before = r.ticks.length;
  await waitFor(() => r.ticks.length > before, 'ticks after maintenance');
  await r.close();
});

test("a refusal is REJECTED with Bitfinex's code and text, in statusMsg and the log", async () => {
  const r = await rig();
  r.sim.rejectNext('not enough exchange balance for 0.002 BTCUSD at 90000');
  const id = r.gw.sendOrder(buy()).split('.')[1]!;
  await waitFor(() => r.orders.get(id)?.status === Status.REJECTED, 'REJECTED');
  assert.match(r.orders.get(id)!.statusMsg, /Invalid order: not enough exchange balance.*\(code 10001\)/);
  assert.ok(r.logs.some((l) => l.includes('not enough exchange balance')));
  await r.close();
});

test("amend: 'ou' changes price and remaining amount in place; an update of a filled order is refused with Bitfinex's text", async () => {
  const r = await rig();
  try {
    assert.ok(r.gw.capabilitiesFor('BTCUSD.BITFINEX').amend, 'Bitfinex amends in place');
    const id = await placed(r);
    // The first 'on' carries the cid (the simulator once sent it without, and a second order appeared).
    assert.equal([...r.orders.keys()], [id], 'one order, under its cid');
    const ref = { orderid: id, symbol: 'BTCUSD', exchange: Exchange.BITFINEX };
    const venue = () => r.sim.exchange.getOrders(r.sim.accountId);
    r.gw.amendOrder({ ...ref, price: 89000 });
    await waitFor(() => r.orders.get(id)?.price === 89000, 'the price amended');
    assert.is(venue()[0]!.price, 89000, 'on the venue too');
    r.gw.amendOrder({ ...ref, volume: 0.005 });
    await waitFor(() => r.orders.get(id)?.volume === 0.005, 'the volume amended');
    assert.is(r.orders.get(id)!.price, 89000);
    assert.is(r.orders.get(id)!.status, Status.NOTTRADED);
    assert.equal(
      venue().map((o) => [o.price, o.volume, o.status]),
      [[89000, 0.005, 'NEW']],
      'one order, changed in place',
    );
    assert.ok(
      r.logs.some((l) => l.includes('ou-req: SUCCESS Submitting update to exchange limit buy order')),
    );
    // A sell's amount is negative: the simulator refuses a sign that is not the order's side.
    const sell = await placed(r, { ...buy(120000, 0.003), direction: Direction.SHORT });
    r.gw.amendOrder({ orderid: sell, symbol: 'BTCUSD', exchange: Exchange.BITFINEX, volume: 0.004 });
    await waitFor(() => r.orders.get(sell)?.volume === 0.004, 'the sell amended');
    // The order fills before Bitfinex reads the update: the simulator runs in this process and reads the
    // socket only after this synchronous block.
    r.gw.amendOrder({ ...ref, price: 88000 });
    r.sim.exchange.crossFromMarket('BTCUSD', 'SELL', 89000, 0.005);
    await waitFor(
      () => r.logs.some((l) => l.includes(`amend of ${id} refused: Order not found. (ERROR)`)),
      'the refusal',
    );
    await waitFor(() => r.orders.get(id)?.status === Status.ALLTRADED, 'the fill');
    assert.is(r.orders.get(id)!.traded, 0.005, 'the order is kept, filled');
    assert.is(r.orders.get(id)!.price, 89000, 'at the price it had');
  } finally {
    await r.close();
  }
});

test('a lost submit reply: the order is found by its cid and never sent twice', async () => {
  const r = await rig();
  r.sim.dropNextReply('/v2/auth/w/order/submit');
  const id = r.gw.sendOrder(buy()).split('.')[1]!;
  await waitFor(() => r.orders.get(id)?.status === Status.NOTTRADED, 'found resting');
  assert.is(r.sim.exchange.getOpenOrders(r.sim.accountId).length, 1, 'one order on the venue');
  assert.ok(r.logs.some((l) => /outcome is unknown/.test(l)));
  await r.close();
});

test('two gateways with one key never send a nonce backwards; a nonce another process took is resent', async () => {
  const sim = await startQuietSim();
  const a = await rig({}, sim, 'BFX_A');
  const b = await rig({}, sim, 'BFX_B');
  const ids = await Promise.all([placed(a), placed(b), placed(a), placed(b)]);
  assert.is(new Set(ids).size, 4, 'four distinct cids');
  assert.is(sim.nonces.refused, 0, 'no nonce refused');
  // Another process with the key signs a request with a nonce 5 s ahead of this one's.
  const ahead = String(nonceSourceFor(sim.credentials.apiKey).current + 5_000_000);
  const headers = restAuthHeaders(
    sim.credentials.apiKey,
    sim.credentials.secret,
    'v2/auth/r/wallets',
    ahead,
    '{}',
  );
  assert.is(
    (await fetch(`${sim.restUrl}/v2/auth/r/wallets`, { method: 'POST', body: '{}', headers })).status,
    200,
  );
  await placed(a);
  assert.ok(sim.nonces.refused >= 1, 'the first attempt was refused and signed again');
  await a.close();
  await b.close();
  await sim.close();
});

test('dead man switch: with dms, dropping the account link cancels the orders; vnt reconciles them', async () => {
  const r = await rig({ dms: true });
  const id = await placed(r);
  r.sim.dropConnections();
  await waitFor(() => r.orders.get(id)?.status === Status.CANCELLED, 'cancelled by the venue and reconciled');
  await r.close();
});

test('history: candles paged past the per-request limit, oldest first, without gaps or repeats', async () => {
  const r = await rig();
  const end = Math.floor(Date.now() / 60_000) * 60_000;
  const start = end - 25_000 * 60_000;
  const bars = await r.gw.queryHistory({
    symbol: 'BTCUSD',
    exchange: Exchange.BITFINEX,
    interval: Interval.MINUTE,
    start,
    end,
  });
  assert.ok(bars.length > 20_000, `${bars.length} bars over three pages`);
  for (let i = 1; i < bars.length; i++) assert.is(bars[i]!.datetime - bars[i - 1]!.datetime, 60_000);
  await r.close();
});

test('a 429 blocks further requests for the documented minute instead of hammering', async () => {
  const r = await rig();
  r.sim.rateLimitNext(1);
  r.gw.queryAccount();
  await waitFor(
    () => r.logs.some((l) => /wallet query failed: .*(ratelimit: error|rate limited)/.test(l)),
    'the 429 logged',
  );
  const id = r.gw.sendOrder(buy()).split('.')[1]!;
  await waitFor(() => r.orders.get(id)?.status === Status.REJECTED, 'refused locally');
  assert.match(r.orders.get(id)!.statusMsg, /rate limited for another \d+ s/);
  assert.is(r.sim.exchange.getOpenOrders(r.sim.accountId).length, 0);
  await r.close();
});

test.run();
