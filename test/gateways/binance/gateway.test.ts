// BINANCE gateway behaviour beyond the shared conformance suite: refusals at connect, the server clock,
// orders whose reply is lost, each order type, USD-M reduce-only, and paged history.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
import type { OrderRequest, TradeData } from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { BinanceGateway } from '../../../gateways/binance/index.js';
import { startBinanceSim, type BinanceSim } from '../../../gateways/binance/sim/server.js';
import type { Market } from '../../../gateways/binance/types.js';
import { startProxy } from '../../helpers/proxy.js';
import { settle, until } from '../../helpers/wait.js';
import { settingFor } from './target.js';

interface Session {
  me: MainEngine;
  trades: TradeData[];
  close(): Promise<void>;
}

async function connect(setting: GatewaySetting): Promise<Session> {
  const me = new MainEngine({ log: false });
  const trades: TradeData[] = [];
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.addGateway(BinanceGateway, 'BINANCE');
  try {
    await me.connect(setting, 'BINANCE');
  } catch (error) {
    await me.close();
    throw error;
  }
  return { me, trades, close: () => me.close() };
}

function order(o: Partial<OrderRequest> = {}): OrderRequest {
  return {
    symbol: 'BTCUSDT',
    exchange: Exchange.BINANCE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    price: 90000,
    volume: 0.001,
    offset: Offset.NONE,
    ...o,
  };
}

async function finalStatus(s: Session, vtOrderid: string, wanted: Status[]): Promise<string> {
  await until(
    () => wanted.includes(s.me.getOrder(vtOrderid)?.status as Status),
    `${vtOrderid} to reach ${wanted.join('/')}`,
  );
  return s.me.getOrder(vtOrderid)!.status;
}

let sim: BinanceSim;
test.before(async () => {
  sim = await startBinanceSim({ seed: 5, tickRate: 50, volatility: 0 });
});
test.after(() => sim.close());

test('the secret is a secret field, and the gateway is registered for the console', async () => {
  assert.is(BinanceGateway.defaultSetting.secret!.type, 'secret');
  const { loadGatewayClass } = await import('../../../src/cli/gateways.js');
  assert.is(await loadGatewayClass('binance'), BinanceGateway);
});

for (const market of ['SPOT', 'USDM'] as Market[]) {
  test(`${market}: a wrong secret or key is refused with Binance's reason, never the secret`, async () => {
    const wrongSecret = 'Zz9' + sim.credentials.secret.slice(3);
    const err = await connect({ ...settingFor(sim, market), secret: wrongSecret }).catch((e: Error) => e);
    assert.instance(err, Error);
    assert.match((err as Error).message, 'Signature for this request is not valid');
    assert.not.match((err as Error).message, wrongSecret);
    const err2 = await connect({ ...settingFor(sim, market), key: 'nope' }).catch((e: Error) => e);
    assert.match((err2 as Error).message, 'Invalid API-key');
  });
}

test('signed requests follow the server clock, not the local one', async () => {
  sim.setClockSkew(30_000);
  try {
    const s = await connect(settingFor(sim, 'SPOT'));
    const id = s.me.sendOrder(order(), 'BINANCE');
    assert.is(await finalStatus(s, id, [Status.NOTTRADED, Status.REJECTED]), Status.NOTTRADED);
    await s.close();
  } finally {
    sim.setClockSkew(0);
  }
});

test('after a reconnect the server clock is measured again before signing', async () => {
  const s = await connect(settingFor(sim, 'SPOT'));
  const gw = s.me.getGateway('BINANCE') as BinanceGateway;
  sim.setClockSkew(30_000);
  try {
    const seen: GatewayStatus[] = [];
    s.me.eventEngine.register('gateway', (e) => seen.push(e.data.status));
    sim.dropConnections();
    await until(() => seen.includes(GatewayStatus.RECONNECTING), 'RECONNECTING');
    await until(() => gw.status === GatewayStatus.CONNECTED, 'CONNECTED again');
    const id = s.me.sendOrder(order({ price: 90005 }), 'BINANCE');
    assert.is(await finalStatus(s, id, [Status.NOTTRADED, Status.REJECTED]), Status.NOTTRADED);
  } finally {
    sim.setClockSkew(0);
  }
  await s.close();
});

test("Binance's serverShutdown notice moves the market stream to a new connection, subscriptions intact", async () => {
  const s = await connect(settingFor(sim, 'SPOT'));
  s.me.subscribe({ symbol: 'BTCUSDT', exchange: Exchange.BINANCE }, 'BINANCE');
  let ticks = 0;
  s.me.eventEngine.register('tick', () => ticks++);
  await until(() => ticks > 0, 'ticks');
  const logs: string[] = [];
  s.me.eventEngine.register('log', (e) => logs.push(e.data.msg));
  sim.announceShutdown();
  await until(() => logs.some((l) => l.includes('shutdown')), 'the notice to be acted on');
  const before = ticks;
  await until(() => ticks > before + 5, 'ticks on the new connection');
  await s.close();
});

test('spot order types: market fills, post-only that would cross is rejected with the code, IOC expires', async () => {
  const s = await connect(settingFor(sim, 'SPOT'));
  const market = s.me.sendOrder(order({ type: OrderType.MARKET, price: 0 }), 'BINANCE');
  assert.is(await finalStatus(s, market, [Status.ALLTRADED, Status.REJECTED]), Status.ALLTRADED);
  await until(() => s.trades.some((t) => t.vtOrderid === market), 'the market order trade');
  const post = s.me.sendOrder(order({ type: OrderType.POSTONLY, price: 120000 }), 'BINANCE');
  assert.is(await finalStatus(s, post, [Status.REJECTED, Status.NOTTRADED]), Status.REJECTED);
  assert.match(s.me.getOrder(post)!.statusMsg, /would immediately match and take.*-2010/);
  const ioc = s.me.sendOrder(order({ type: OrderType.FAK, price: 80000 }), 'BINANCE');
  assert.is(await finalStatus(s, ioc, [Status.CANCELLED, Status.REJECTED]), Status.CANCELLED);
  const fok = s.me.sendOrder(order({ type: OrderType.FOK, price: 80000 }), 'BINANCE');
  assert.is(await finalStatus(s, fok, [Status.CANCELLED, Status.REJECTED]), Status.REJECTED);
  await s.close();
});

// Binance's spot cancel reply (rest-api.md, "Cancel order (TRADE)") names the cancel request's own id in
// clientOrderId ("cancelMyOrder1") and the order's in origClientOrderId ("myOrder1"); USD-M's ("Cancel Order
// (TRADE)", DELETE /fapi/v1/order) has the order's id in clientOrderId. Either way the reply alone, with the
// stream push lost, must cancel the order itself and create no other order.
for (const market of ['SPOT', 'USDM'] as Market[]) {
  test(`${market}: a cancel reply cancels the order under its own id, with the stream push lost`, async () => {
    const s = await connect(settingFor(sim, market));
    const symbol = market === 'SPOT' ? 'BTCUSDT' : 'BTCUSDT_SWAP';
    const venue = sim.venues[market];
    try {
      const id = s.me.sendOrder(order({ symbol, price: 90006 }), 'BINANCE');
      await finalStatus(s, id, [Status.NOTTRADED]);
      const before = s.me.getAllOrders().length;
      venue.loseUserPushes = true;
      const o = s.me.getOrder(id)!;
      s.me.cancelOrder({ orderid: o.orderid, symbol: o.symbol, exchange: o.exchange }, 'BINANCE');
      assert.is(await finalStatus(s, id, [Status.CANCELLED]), Status.CANCELLED);
      await settle(s.me.eventEngine);
      assert.is(s.me.getAllOrders().length, before, "no order under the cancel request's id");
      assert.equal(
        s.me
          .getAllOrders()
          .filter((x) => x.status === Status.CANCELLED)
          .map((x) => x.vtOrderid),
        [id],
      );
    } finally {
      venue.loseUserPushes = false;
      await s.close();
    }
  });
}

test('Binance numbers trades per symbol: fills on two symbols with the same trade id are two trades', async () => {
  // A simulator of its own with no synthetic market, so each symbol's first fill is its trade 1.
  const own = await startBinanceSim({ seed: 11, tickRate: 0 });
  const s = await connect(settingFor(own, 'SPOT'));
  try {
    const btc = s.me.sendOrder(order({ type: OrderType.MARKET, price: 0 }), 'BINANCE');
    const eth = s.me.sendOrder(
      order({ symbol: 'ETHUSDT', type: OrderType.MARKET, price: 0, volume: 0.01 }),
      'BINANCE',
    );
    await until(() => s.trades.some((t) => t.vtOrderid === btc), 'the BTCUSDT fill');
    await until(() => s.trades.some((t) => t.vtOrderid === eth), 'the ETHUSDT fill');
    const venueIds = await Promise.all(
      ['BTCUSDT', 'ETHUSDT'].map(async (symbol) => {
        const fills = own.venues.SPOT.handle('GET', '/api/v3/myTrades', { symbol }).body as { id: number }[];
        return fills[0]?.id;
      }),
    );
    assert.equal(venueIds, [1, 1], "the venue numbered each symbol's first fill 1");
    await settle(s.me.eventEngine);
    const trades = s.me.getAllTrades();
    assert.equal([...new Set(trades.map((t) => t.symbol))].sort(), ['BTCUSDT', 'ETHUSDT']);
    assert.is(new Set(trades.map((t) => t.vtTradeid)).size, trades.length, 'no trade hides another');
    assert.is(trades.length, s.trades.length);
  } finally {
    await s.close();
    await own.close();
  }
});

test('USD-M: reduce-only is refused without a position and closes one that exists', async () => {
  const s = await connect(settingFor(sim, 'USDM'));
  const swap = (o: Partial<OrderRequest>) => order({ symbol: 'BTCUSDT_SWAP', ...o });
  const lone = s.me.sendOrder(
    swap({ type: OrderType.MARKET, direction: Direction.SHORT, reduceOnly: true }),
    'BINANCE',
  );
  assert.is(await finalStatus(s, lone, [Status.REJECTED, Status.ALLTRADED]), Status.REJECTED);
  assert.match(s.me.getOrder(lone)!.statusMsg, /-2022/);
  const open = s.me.sendOrder(swap({ type: OrderType.MARKET }), 'BINANCE');
  await finalStatus(s, open, [Status.ALLTRADED]);
  const posId = 'BINANCE.BTCUSDT_SWAP.BINANCE.NET';
  await until(() => s.me.getPosition(posId)?.volume === 0.001, 'a net long of 0.001');
  const close = s.me.sendOrder(
    swap({ type: OrderType.MARKET, direction: Direction.SHORT, reduceOnly: true }),
    'BINANCE',
  );
  await finalStatus(s, close, [Status.ALLTRADED]);
  await until(() => s.me.getPosition(posId)?.volume === 0, 'the position closed');
  await s.close();
});

/** A loopback HTTP forwarder that can lose the reply to (or the whole of) the next order placement. */
async function lossyProxy(target: string) {
  let mode: 'pass' | 'lose-reply' | 'lose-request' = 'pass';
  const server = http.createServer((req, res) => {
    const isOrder = req.method === 'POST' && req.url?.startsWith('/api/v3/order');
    const m = isOrder ? mode : 'pass';
    if (isOrder) mode = 'pass';
    if (m === 'lose-request') {
      req.socket.destroy();
      return;
    }
    const up = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (upRes) => {
      if (m === 'lose-reply') {
        upRes.resume();
        upRes.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arm(next: 'lose-reply' | 'lose-request') {
      mode = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

test('an order whose reply is lost is found by its client id, once; one that never arrived is rejected', async () => {
  const proxy = await lossyProxy(sim.restUrl);
  const s = await connect({ ...settingFor(sim, 'SPOT'), restUrl: proxy.url });
  proxy.arm('lose-reply');
  const id = s.me.sendOrder(order({ price: 90001 }), 'BINANCE');
  assert.is(await finalStatus(s, id, [Status.NOTTRADED, Status.REJECTED]), Status.NOTTRADED);
  const clientId = s.me.getOrder(id)!.orderid;
  const venueOrders = sim.venues.SPOT.exchange
    .getOrders('binance-spot')
    .filter((o) => o.clientOrderId === clientId);
  assert.is(venueOrders.length, 1, 'placed exactly once');

  proxy.arm('lose-request');
  const lost = s.me.sendOrder(order({ price: 90002 }), 'BINANCE');
  assert.is(await finalStatus(s, lost, [Status.NOTTRADED, Status.REJECTED]), Status.REJECTED);
  assert.match(s.me.getOrder(lost)!.statusMsg, 'never received');
  await s.close();
  await proxy.close();
});

test('with a proxy set, REST and both WebSockets go through it', async () => {
  const proxy = await startProxy();
  const s = await connect({ ...settingFor(sim, 'SPOT'), proxyHost: proxy.host, proxyPort: proxy.port });
  const id = s.me.sendOrder(order({ price: 90003 }), 'BINANCE');
  assert.is(await finalStatus(s, id, [Status.NOTTRADED, Status.REJECTED]), Status.NOTTRADED);
  const host = sim.restUrl.replace('http://', '');
  assert.ok(proxy.seen.includes(`CONNECT ${host}`), 'WebSockets tunnelled');
  assert.is(proxy.seen.filter((x) => x.startsWith('CONNECT')).length, 2, 'market and user data');
  assert.ok(
    proxy.seen.some((x) => x.startsWith(`POST ${sim.restUrl}/api/v3/order?`)),
    'the order went via the proxy',
  );
  await s.close();
  await proxy.close();
});

test('rate limits: usage is read from the headers; a 429 rejects an order but a query waits and retries', async () => {
  const s = await connect(settingFor(sim, 'SPOT'));
  const gw = s.me.getGateway('BINANCE') as BinanceGateway;
  assert.ok((gw.rateLimitUsage.get('x-mbx-used-weight-1m') ?? 0) > 0, 'weight usage recorded');
  sim.rateLimitNext(1, 0);
  const id = s.me.sendOrder(order({ price: 90004 }), 'BINANCE');
  assert.is(await finalStatus(s, id, [Status.REJECTED, Status.NOTTRADED]), Status.REJECTED);
  assert.match(s.me.getOrder(id)!.statusMsg, /Too many requests.*-1003/);
  sim.rateLimitNext(1, 0);
  const end = Date.now();
  const bars = await s.me.queryHistory(
    {
      symbol: 'BTCUSDT',
      exchange: Exchange.BINANCE,
      interval: Interval.MINUTE,
      start: end - 10 * 60_000,
      end,
    },
    'BINANCE',
  );
  assert.ok(bars.length > 0, 'the query went through after the 429');
  await s.close();
});

test('history: klines are paged into bars across more than one page', async () => {
  const s = await connect(settingFor(sim, 'SPOT'));
  const end = Date.now();
  const bars = await s.me.queryHistory(
    {
      symbol: 'BTCUSDT',
      exchange: Exchange.BINANCE,
      interval: Interval.MINUTE,
      start: end - 1500 * 60_000,
      end,
    },
    'BINANCE',
  );
  assert.ok(bars.length > 1000, `got ${bars.length} bars`);
  for (let i = 1; i < bars.length; i++)
    assert.ok(bars[i]!.datetime > bars[i - 1]!.datetime, 'ascending, no repeats');
  assert.ok(bars.every((b) => b.highPrice >= b.lowPrice && b.vtSymbol === 'BTCUSDT.BINANCE'));
  await s.close();
});

test('status: the gateway reports RECONNECTING on a drop and CONNECTED when both links are back', async () => {
  const s = await connect(settingFor(sim, 'SPOT'));
  const seen: GatewayStatus[] = [];
  s.me.eventEngine.register('gateway', (e) => seen.push(e.data.status));
  sim.dropConnections();
  await until(() => seen.includes(GatewayStatus.RECONNECTING), 'RECONNECTING');
  await until(() => seen[seen.length - 1] === GatewayStatus.CONNECTED, 'CONNECTED again');
  await s.close();
});

test.run();
