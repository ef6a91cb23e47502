// OKEX and OKEXF behaviour beyond the shared conformance suite: both in one session without mixing, the
// long/short position mode, book resync on a bad checksum or a sequence gap, the 64008 notice, the text
// heartbeat against the 30 s idle rule, an order whose reply is lost, 50011, DEMO, refusals at connect and
// paged history.
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
} from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { RequestError } from '../../../src/core/errors.js';
import type { LogData, OrderRequest } from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import type { OkxGateway } from '../../../gateways/okx/gateway.js';
import { OkexGateway, OkexfGateway } from '../../../gateways/okx/index.js';
import type { OkxSim, OkxSimOptions } from '../../../gateways/okx/sim/server.js';
import { until } from '../../helpers/wait.js';
import { quietSim, settingFor } from './target.js';

interface Session {
  me: MainEngine;
  sim: OkxSim;
  logs: LogData[];
  gw(name: string): OkxGateway;
  close(): Promise<void>;
}

async function session(
  names: ('OKEX' | 'OKEXF')[],
  simOptions: OkxSimOptions = {},
  extra: GatewaySetting = {},
): Promise<Session> {
  const sim = await quietSim(simOptions);
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  for (const n of names) {
    if (n === 'OKEX') me.addGateway(OkexGateway, n);
    else me.addGateway(OkexfGateway, n);
  }
  try {
    for (const n of names) await me.connect(settingFor(sim, extra), n);
  } catch (error) {
    await me.close();
    await sim.close();
    throw error;
  }
  let closed = false;
  const s: Session = {
    me,
    sim,
    logs,
    gw: (n) => me.getGateway(n) as OkxGateway,
    close: async () => {
      if (closed) return;
      closed = true;
      await me.close();
      await sim.close();
    },
  };
  open.push(s);
  return s;
}

/** Sessions of the running test, closed after it even when it fails (so the file always exits). */
const open: Session[] = [];
test.after.each(async () => {
  for (const s of open.splice(0)) await s.close();
});

function order(o: Partial<OrderRequest> = {}): OrderRequest {
  return {
    symbol: 'BTC-USDT',
    exchange: Exchange.OKEX,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    price: 90000,
    volume: 0.001,
    offset: Offset.NONE,
    ...o,
  };
}

const statusOf = (s: Session, vtOrderid: string) => s.me.getOrder(vtOrderid)?.status;

test('OKEX and OKEXF in one session: contracts, orders and positions never mix', async () => {
  const s = await session(['OKEX', 'OKEXF']);
  const by = (g: string) =>
    s.me
      .getAllContracts()
      .filter((c) => c.gatewayName === g)
      .map((c) => c.vtSymbol)
      .sort();
  assert.equal(by('OKEX'), ['BTC-USDT.OKEX', 'ETH-USDT.OKEX']);
  assert.equal(by('OKEXF'), ['BTC-USDT-261225.OKEX', 'BTC-USDT-SWAP.OKEX']);
  const spot = s.me.sendOrder(order(), 'OKEX');
  const swap = s.me.sendOrder(order({ symbol: 'BTC-USDT-SWAP', volume: 1, offset: Offset.OPEN }), 'OKEXF');
  await until(
    () => statusOf(s, spot) === Status.NOTTRADED && statusOf(s, swap) === Status.NOTTRADED,
    'both resting',
  );
  // Each gateway's client ids carry its own letter; each order is known once, under its own gateway.
  assert.match(spot, /^OKEX\.s/);
  assert.match(swap, /^OKEXF\.f/);
  const orders = s.me.getAllOrders();
  assert.is(orders.filter((o) => o.gatewayName === 'OKEX').length, 1);
  assert.is(orders.filter((o) => o.gatewayName === 'OKEXF').length, 1);
  s.sim.exchange.crossFromMarket('BTC-USDT-SWAP', 'SELL', 90000, 1);
  await until(() => statusOf(s, swap) === Status.ALLTRADED, 'the swap order filled');
  await until(
    () =>
      s.me
        .getAllPositions()
        .some((p) => p.gatewayName === 'OKEXF' && p.symbol === 'BTC-USDT-SWAP' && p.volume === 1),
    'the swap position under OKEXF',
  );
  assert.ok(!s.me.getAllPositions().some((p) => p.gatewayName === 'OKEX' && p.symbol.includes('SWAP')));
  assert.ok(!s.me.getAllTrades().some((t) => t.gatewayName === 'OKEX'), 'no OKEX trade from the swap fill');
  assert.throws(
    () => s.me.sendOrder(order({ symbol: 'BTC-USDT-SWAP', volume: 1 }), 'OKEX'),
    /unknown (OKEX symbol|contract)/,
  );
  await s.close();
});

test('fees: a subscribed pair gets its trade-fee rates, a subscribed swap the USDT-margined rates of its family', async () => {
  const s = await session(['OKEX', 'OKEXF']);
  const fee = (vt: string, gw: string) => s.me.getContract(vt, gw)?.commission;
  s.me.subscribe({ symbol: 'BTC-USDT', exchange: Exchange.OKEX }, 'OKEX');
  s.me.subscribe({ symbol: 'BTC-USDT-SWAP', exchange: Exchange.OKEX }, 'OKEXF');
  await until(() => !!fee('BTC-USDT.OKEX', 'OKEX') && !!fee('BTC-USDT-SWAP.OKEX', 'OKEXF'), 'both fees');
  // The simulated exchange charges the instrument's one rate; OKX words a charge as a negative rate.
  assert.equal(fee('BTC-USDT.OKEX', 'OKEX'), { rate: 0.001, perLot: 0, maker: 0.001 });
  assert.equal(fee('BTC-USDT-SWAP.OKEX', 'OKEXF'), { rate: 0.0005, perLot: 0, maker: 0.0005 });
  // Not subscribed: another pair, and the futures of the same family (another instType), are not asked.
  assert.is(fee('ETH-USDT.OKEX', 'OKEX'), undefined);
  assert.is(fee('BTC-USDT-261225.OKEX', 'OKEXF'), undefined);
  assert.not.ok(s.logs.some((l) => /fees of .* not known/.test(l.msg)));
});

test('long/short mode: posMode read at connect; open and close map to posSide; no offset is refused', async () => {
  const s = await session(['OKEXF'], { posMode: 'long_short_mode' });
  const g = s.gw('OKEXF');
  assert.is(g.posMode, 'long_short_mode');
  assert.is(s.me.getContract('BTC-USDT-SWAP.OKEX')!.netPosition, false);
  assert.throws(
    () => s.me.sendOrder(order({ symbol: 'BTC-USDT-SWAP', volume: 1 }), 'OKEXF'),
    // The engine refuses it already (the contract is not net); the gateway would too.
    (e: unknown) => e instanceof RequestError && /offset|Open or Close/.test((e as Error).message),
  );
  const open = s.me.sendOrder(order({ symbol: 'BTC-USDT-SWAP', volume: 2, offset: Offset.OPEN }), 'OKEXF');
  await until(() => statusOf(s, open) === Status.NOTTRADED, 'open order resting');
  s.sim.exchange.crossFromMarket('BTC-USDT-SWAP', 'SELL', 90000, 2);
  await until(() => s.me.getPosition('OKEXF.BTC-USDT-SWAP.OKEX.LONG')?.volume === 2, 'a LONG position of 2');
  // Closing a long is a sell with posSide long.
  const close = s.me.sendOrder(
    order({
      symbol: 'BTC-USDT-SWAP',
      direction: Direction.SHORT,
      price: 200000,
      volume: 2,
      offset: Offset.CLOSE,
    }),
    'OKEXF',
  );
  await until(() => statusOf(s, close) === Status.NOTTRADED, 'close order resting');
  s.sim.exchange.crossFromMarket('BTC-USDT-SWAP', 'BUY', 200000, 2);
  await until(() => s.me.getPosition('OKEXF.BTC-USDT-SWAP.OKEX.LONG')?.volume === 0, 'the long closed');
  const trade = s.me.getAllTrades().find((t) => t.vtOrderid === close)!;
  assert.is(trade.offset, Offset.CLOSE);
  await s.close();
});

async function synced(s: Session, gw: string, instId: string) {
  s.me.subscribe({ symbol: instId, exchange: Exchange.OKEX }, gw);
  await until(() => (s.me.getTick(`${instId}.OKEX`)?.bidPrice1 ?? 0) > 0, `a tick for ${instId}`);
  return s.gw(gw).market!;
}

test('a checksum mismatch throws the book away and resubscribes; the new snapshot matches the venue', async () => {
  const s = await session(['OKEX']);
  const md = await synced(s, 'OKEX', 'BTC-USDT');
  s.sim.corruptChecksums(1);
  await until(() => (s.sim.exchange.step(1), md.resyncs >= 1), 'a resync');
  // The log line travels through the event bus, after the resync itself.
  await until(() => s.logs.some((l) => /checksum/.test(l.msg)), 'the reason logged');
  await until(() => md.book('BTC-USDT')!.state === 'synced', 'the book synced again');
  s.sim.exchange.step(5);
  await until(() => md.book('BTC-USDT')!.seqId === s.sim.venue.view('BTC-USDT')!.sequence, 'caught up');
  const venue = s.sim.venue.view('BTC-USDT')!;
  assert.is(md.book('BTC-USDT')!.bids.prices[0], venue.bids[0]!.price);
  assert.is(md.book('BTC-USDT')!.checksum() !== 0, true);
  await s.close();
});

test('a book subscribed after the market moved chains its updates onto the snapshot (no needless resync)', async () => {
  const s = await session(['OKEX']);
  // Book events whose exchange sequence does not advance make the simulator number updates past it; a
  // snapshot numbered from the exchange instead of from the last update sent made the next update a "gap".
  s.sim.exchange.step(200);
  const md = await synced(s, 'OKEX', 'BTC-USDT');
  const start = md.book('BTC-USDT')!.seqId;
  await until(() => (s.sim.exchange.step(1), md.book('BTC-USDT')!.seqId > start + 20), 'twenty updates');
  assert.is(md.resyncs, 0, s.logs.map((l) => l.msg).join('\n'));
  await s.close();
});

test('a sequence gap resyncs; with checksum 0 (deprecated field) the book runs on seqId alone', async () => {
  const s = await session(['OKEX']);
  const md = await synced(s, 'OKEX', 'BTC-USDT');
  s.sim.gapNext();
  // Market steps until the book changes and the gapped update goes out (a quiet book sends none).
  await until(() => (s.sim.exchange.step(1), md.resyncs >= 1), 'a resync after the gap');
  await until(() => md.book('BTC-USDT')!.state === 'synced', 'synced again');
  s.sim.setChecksumMode('zero');
  const before = md.book('BTC-USDT')!.seqId;
  await until(
    () => (s.sim.exchange.step(1), md.book('BTC-USDT')!.seqId > before),
    'updates applied without a checksum',
  );
  assert.ok(md.book('BTC-USDT')!.state === 'synced');
  await s.close();
});

test('amend in place: new price and size keep the order id; the venue book moves; a dead order is refused', async () => {
  const s = await session(['OKEX', 'OKEXF']);
  assert.ok(s.me.getCapabilities('OKEX', 'BTC-USDT.OKEX').amend, 'OKEX amends in place');
  const id = s.me.sendOrder(order({ volume: 0.002 }), 'OKEX');
  await until(() => statusOf(s, id) === Status.NOTTRADED, 'the order working');
  const same = await s.me.amendOrder(
    {
      orderid: id.split('.').pop()!,
      symbol: 'BTC-USDT',
      exchange: Exchange.OKEX,
      price: 89990,
      volume: 0.003,
    },
    'OKEX',
  );
  assert.is(same, id, 'the order keeps its vtOrderid');
  await until(
    () => s.me.getOrder(id)?.price === 89990 && s.me.getOrder(id)?.volume === 0.003,
    'the amended order',
  );
  const venue = s.sim.exchange.getOpenOrders(s.sim.accountId, 'BTC-USDT');
  assert.equal(
    venue.map((o) => [o.price, o.volume]),
    [[89990, 0.003]],
    'one order at the venue, at the new price and size',
  );
  assert.is(s.me.getAllOrders().filter((o) => o.gatewayName === 'OKEX').length, 1, 'no second order');
  // The venue refuses an amend of an order it no longer has working; the console keeps the order as it was.
  s.sim.exchange.cancelOrder(s.sim.accountId, venue[0]!.orderId);
  await until(() => statusOf(s, id) === Status.CANCELLED, 'cancelled at the venue');
  s.gw('OKEX').amendOrder({
    orderid: id.split('.').pop()!,
    symbol: 'BTC-USDT',
    exchange: Exchange.OKEX,
    price: 89980,
  });
  await until(
    () => s.logs.some((l) => /amend of .* refused: .*51503/.test(l.msg)),
    'the refusal logged with its code',
  );
  assert.is(s.me.getOrder(id)?.price, 89990);
  // OKEXF in net mode: a swap order's size (contracts) amended the same way.
  const swap = s.me.sendOrder(order({ symbol: 'BTC-USDT-SWAP', volume: 1, offset: Offset.OPEN }), 'OKEXF');
  await until(() => statusOf(s, swap) === Status.NOTTRADED, 'the swap order working');
  await s.me.amendOrder(
    { orderid: swap.split('.').pop()!, symbol: 'BTC-USDT-SWAP', exchange: Exchange.OKEX, volume: 3 },
    'OKEXF',
  );
  await until(() => s.me.getOrder(swap)?.volume === 3, 'the swap order amended');
  await s.close();
});

test('64008: both links move to a new connection at once and log in again', async () => {
  const s = await session(['OKEX']);
  await synced(s, 'OKEX', 'BTC-USDT');
  const logins = s.sim.counts.logins;
  const conns = s.sim.counts.wsConnections;
  s.sim.sendNotice();
  await until(() => s.sim.counts.logins > logins && s.sim.counts.wsConnections >= conns + 2, 'new links');
  await until(() => s.gw('OKEX').status === GatewayStatus.CONNECTED, 'CONNECTED');
  await until(() => s.logs.some((l) => /64008/.test(l.msg)), 'the notice logged');
  const before = s.me.getTick('BTC-USDT.OKEX')!.localtime;
  s.sim.exchange.step(5);
  await until(() => s.me.getTick('BTC-USDT.OKEX')!.localtime > before, 'ticks after the move');
  await s.close();
});

test("the text heartbeat keeps links alive under OKX's idle rule", async () => {
  const s = await session(['OKEX'], { idleMs: 400, tickRate: 0 }, { heartbeatMs: 100 });
  await until(() => s.sim.counts.pings >= 16, 'pings on both links');
  assert.is(s.sim.counts.idleCloses, 0);
  assert.is(s.gw('OKEX').privateClient!.connectionCount, 1);
  await s.close();
});

test('an order whose reply is lost is found by its clOrdId and never sent twice', async () => {
  const s = await session(['OKEX']);
  s.sim.loseNextReply('/api/v5/trade/order');
  const placed = s.sim.venue.placeRequests;
  const id = s.me.sendOrder(order(), 'OKEX');
  await until(() => statusOf(s, id) === Status.NOTTRADED, 'the order known as resting');
  assert.is(s.sim.venue.placeRequests, placed + 1);
  assert.ok(s.logs.some((l) => /outcome is unknown/.test(l.msg)));
  await s.close();
});

test('50011 on an order: REJECTED with the code, and nothing was placed', async () => {
  const s = await session(['OKEX']);
  s.sim.rateLimitNext(1);
  const id = s.me.sendOrder(order(), 'OKEX');
  await until(() => statusOf(s, id) === Status.REJECTED, 'REJECTED');
  assert.match(s.me.getOrder(id)!.statusMsg, /50011/);
  assert.is(s.sim.exchange.getOpenOrders(s.sim.accountId).length, 0);
  // A query (idempotent) is retried after the back-off instead.
  s.sim.rateLimitNext(1);
  const bars = await s.me.queryHistory(
    {
      symbol: 'BTC-USDT',
      exchange: Exchange.OKEX,
      interval: Interval.MINUTE,
      start: Date.now() - 10 * 60_000,
    },
    'OKEX',
  );
  assert.ok(bars.length > 0);
  await s.close();
});

test('DEMO: a demo key needs x-simulated-trading; REAL is refused with 50101, and no secret is shown', async () => {
  let message = '';
  try {
    await session(['OKEX'], { demo: true });
  } catch (error) {
    message = (error as Error).message;
  }
  assert.match(message, /50101/);
  const s = await session(['OKEX'], { demo: true }, { server: 'DEMO' });
  assert.is(s.gw('OKEX').status, GatewayStatus.CONNECTED);
  assert.ok(!message.includes(s.sim.credentials.secret) && !message.includes(s.sim.credentials.passphrase));
  await s.close();
});

test('refusals at connect: a wrong passphrase or missing credentials say why', async () => {
  const bad = await session(['OKEX'], {}, { passphrase: 'nope' }).catch((e: Error) => e);
  assert.instance(bad, Error);
  assert.match((bad as Error).message, /50105/);
  const none = await session(['OKEX'], {}, { secretKey: '' }).catch((e: Error) => e);
  assert.match((none as Error).message, /passphrase are required/);
});

test('queryHistory pages past 100 bars per request, oldest first, without duplicates', async () => {
  const s = await session(['OKEX']);
  const end = Date.now();
  const start = end - 250 * 60_000;
  const bars = await s.me.queryHistory(
    { symbol: 'BTC-USDT', exchange: Exchange.OKEX, interval: Interval.MINUTE, start, end },
    'OKEX',
  );
  assert.ok(bars.length > 200, `${bars.length} bars`);
  for (let i = 1; i < bars.length; i++) assert.ok(bars[i]!.datetime > bars[i - 1]!.datetime);
  assert.ok(bars[0]!.datetime >= start && bars[bars.length - 1]!.datetime <= end);
  await s.close();
});

test.run();
