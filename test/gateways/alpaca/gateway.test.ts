// ALPACA gateway behaviour beyond the shared conformance suite: the initial sync, each order type and time in
// force, refusals with Alpaca's code and text, replies that are not the order, a partial fill missed while the
// trade stream was down (found in the activities, then the rest live, each quantity once), rare trade_updates
// events, amend as Alpaca's Replace Order (a new order; the old one ends "replaced by" it), the market-data
// errors (406 another program holds the feed, 409), crypto ticks, 429s and paged bars.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  Interval,
  LogLevel,
  Offset,
  OrderType,
  Status,
} from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData, OrderRequest, TickData, TradeData } from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { AlpacaGateway } from '../../../gateways/alpaca/index.js';
import {
  ACCOUNT,
  startAlpacaSim,
  type AlpacaSim,
  type AlpacaSimOptions,
} from '../../../gateways/alpaca/sim/server.js';
import { until } from '../../helpers/wait.js';
import { settingFor } from './target.js';

interface Session {
  sim: AlpacaSim;
  me: MainEngine;
  trades: TradeData[];
  ticks: TickData[];
  logs: LogData[];
  close(): Promise<void>;
}

async function session(
  o: AlpacaSimOptions = {},
  extra: GatewaySetting = {},
  before?: (sim: AlpacaSim) => void,
): Promise<Session> {
  const sim = await startAlpacaSim({ seed: 3, tickRate: 50, volatility: 0, ...o });
  before?.(sim);
  const me = new MainEngine({ log: false });
  const trades: TradeData[] = [];
  const ticks: TickData[] = [];
  const logs: LogData[] = [];
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(AlpacaGateway, 'ALPACA');
  try {
    await me.connect(settingFor(sim, extra), 'ALPACA');
  } catch (error) {
    await me.close();
    await sim.close();
    throw error;
  }
  return {
    sim,
    me,
    trades,
    ticks,
    logs,
    close: async () => {
      await me.close();
      await sim.close();
    },
  };
}

function order(o: Partial<OrderRequest> = {}): OrderRequest {
  return {
    symbol: 'AAPL',
    exchange: Exchange.NASDAQ,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    price: 200,
    volume: 1,
    offset: Offset.NONE,
    ...o,
  };
}

async function status(s: Session, vtOrderid: string, wanted: Status): Promise<void> {
  await until(
    () => s.me.getOrder(vtOrderid)?.status === wanted,
    `${vtOrderid} to be ${wanted} (is ${s.me.getOrder(vtOrderid)?.status})`,
  );
}

const venueOrder = (s: Session, vtOrderid: string) =>
  s.sim.exchange.getOrderByClientId(ACCOUNT, vtOrderid.split('.')[1]!);

test("connect resolves with contracts, account, positions, open orders and today's trades already in the OMS", async () => {
  const s = await session({}, {}, (sim) => {
    sim.exchange.placeOrder(ACCOUNT, {
      symbol: 'AAPL',
      side: 'BUY',
      type: OrderType.LIMIT,
      price: 200,
      volume: 3,
      clientOrderId: 'earlier-open',
    });
    sim.exchange.placeOrder(ACCOUNT, {
      symbol: 'AAPL',
      side: 'BUY',
      type: OrderType.LIMIT,
      price: 201,
      volume: 2,
      clientOrderId: 'earlier-filled',
    });
    sim.exchange.crossFromMarket('AAPL', 'SELL', 201, 2);
  });
  try {
    assert.ok(s.me.getContract('AAPL.NASDAQ'), 'the stock');
    const btc = s.me.getContract('BTC/USD.ALPACA');
    assert.ok(btc, 'the crypto pair');
    assert.is(btc!.pricetick, 1);
    assert.ok(s.me.getAllAccounts().some((a) => a.gatewayName === 'ALPACA' && a.balance > 0));
    const aapl = s.me.getAllPositions().find((p) => p.vtSymbol === 'AAPL.NASDAQ');
    assert.is(aapl?.volume, 12, '10 held at the start, 2 bought before connecting');
    assert.is(
      s.me.getAllPositions().find((p) => p.vtSymbol === 'BTC/USD.ALPACA')?.volume,
      2,
      'BTCUSD in positions is BTC/USD',
    );
    assert.is(s.me.getOrder('ALPACA.earlier-open')?.status, Status.NOTTRADED);
    assert.is(s.me.getOrder('ALPACA.earlier-filled')?.status, Status.ALLTRADED);
    const t = s.me.getAllTrades().filter((x) => x.orderid === 'earlier-filled');
    assert.is(t.length, 1);
    assert.is(t[0]!.volume, 2);
    assert.is(t[0]!.price, 201);
  } finally {
    await s.close();
  }
});

test('order types and time in force reach Alpaca as documented; fractional and crypto quantities', async () => {
  const s = await session({}, { timeInForce: 'gtc' });
  try {
    const check = async (req: Partial<OrderRequest>, type: string, tif: string, wanted: Status) => {
      const id = s.me.sendOrder(order(req), 'ALPACA');
      await status(s, id, wanted);
      const res = await fetch(
        `${s.sim.restUrl}/v2/orders:by_client_order_id?client_order_id=${id.split('.')[1]}`,
        {
          headers: {
            'APCA-API-KEY-ID': s.sim.credentials.key,
            'APCA-API-SECRET-KEY': s.sim.credentials.secret,
          },
        },
      );
      const o = (await res.json()) as { type: string; time_in_force: string };
      assert.is(
        `${o.type}/${o.time_in_force}`,
        `${type}/${tif}`,
        `${req.type ?? 'LIMIT'} ${req.symbol ?? 'AAPL'}`,
      );
      return id;
    };
    await check({}, 'limit', 'gtc', Status.NOTTRADED);
    await check({ type: OrderType.MARKET, volume: 1 }, 'market', 'day', Status.ALLTRADED);
    await check({ type: OrderType.STOP, price: 300 }, 'stop', 'gtc', Status.NOTTRADED);
    await check({ type: OrderType.FAK, price: 200 }, 'limit', 'ioc', Status.CANCELLED);
    await check({ type: OrderType.FOK, price: 200 }, 'limit', 'fok', Status.CANCELLED);
    await check(
      { symbol: 'BTC/USD', exchange: Exchange.ALPACA, price: 50000, volume: 0.0123 },
      'limit',
      'gtc',
      Status.NOTTRADED,
    );
    assert.throws(
      () => s.me.sendOrder(order({ volume: 0.5 }), 'ALPACA'),
      /fractional.*day/,
      'fractional needs day',
    );
    assert.throws(
      () =>
        s.me.sendOrder(
          order({
            symbol: 'BTC/USD',
            exchange: Exchange.ALPACA,
            type: OrderType.STOP,
            price: 90000,
            volume: 0.01,
          }),
          'ALPACA',
        ),
      /no stop orders for crypto/,
    );
    assert.throws(() => s.me.sendOrder(order({ type: OrderType.POSTONLY }), 'ALPACA'), /not supported/);
  } finally {
    await s.close();
  }
  const day = await session();
  try {
    const id = day.me.sendOrder(order({ type: OrderType.MARKET, volume: 0.5 }), 'ALPACA');
    await status(day, id, Status.ALLTRADED);
    assert.is(venueOrder(day, id)!.volume, 0.5, 'half a share');
    await until(() => day.trades.some((t) => t.orderid === id.split('.')[1]), 'the fractional trade');
  } finally {
    await day.close();
  }
});

test('below $1 an equity takes four decimals (sub-penny rule), from $1 two; refused before sending otherwise', async () => {
  const s = await session();
  try {
    const penny = s.me.getContract('PNNY.NASDAQ');
    assert.ok(penny?.priceBands?.length, 'the contract carries the bands');
    const id = s.me.sendOrder(order({ symbol: 'PNNY', price: 0.4012, volume: 100 }), 'ALPACA');
    await status(s, id, Status.NOTTRADED);
    assert.is(venueOrder(s, id)!.price, 0.4012, 'Alpaca got the four-decimal price');
    const placed = s.sim.exchange.getOpenOrders(ACCOUNT).length;
    assert.throws(
      () => s.me.sendOrder(order({ price: 200.005 }), 'ALPACA'),
      /price tick 0\.01 at that price for AAPL\.NASDAQ/,
    );
    assert.is(s.sim.exchange.getOpenOrders(ACCOUNT).length, placed, 'nothing more reached Alpaca');
  } finally {
    await s.close();
  }
});

test("a refusal is REJECTED with Alpaca's message and code; a reply that is not the order is asked about, never resent", async () => {
  const s = await session();
  try {
    s.sim.rejectNext();
    const refused = s.me.sendOrder(order(), 'ALPACA');
    await status(s, refused, Status.REJECTED);
    assert.match(s.me.getOrder(refused)!.statusMsg, /insufficient buying power \(code 40310000\)/);
    assert.ok(s.logs.some((l) => l.level === LogLevel.WARNING && l.msg.includes('40310000')));

    s.sim.replaceNextReply('POST', '/v2/orders', '{"unexpected":true}');
    const lost = s.me.sendOrder(order(), 'ALPACA');
    await status(s, lost, Status.NOTTRADED);
    const placed = s.sim.exchange.getOrders(ACCOUNT).filter((o) => o.clientOrderId === lost.split('.')[1]);
    assert.is(placed.length, 1, 'sent once');

    const cancelled = s.me.sendOrder(order(), 'ALPACA');
    await status(s, cancelled, Status.NOTTRADED);
    const o = s.me.getOrder(cancelled)!;
    s.me.cancelOrder({ orderid: o.orderid, symbol: o.symbol, exchange: o.exchange }, 'ALPACA');
    await status(s, cancelled, Status.CANCELLED);
  } finally {
    await s.close();
  }
});

test('a partial fill while the trade stream is down is reconciled from the activities, the rest arrives live, each once', async () => {
  const s = await session();
  try {
    const id = s.me.sendOrder(order({ volume: 3 }), 'ALPACA');
    await status(s, id, Status.NOTTRADED);
    const gw = s.me.getGateway('ALPACA') as AlpacaGateway;
    s.sim.setReachable(false);
    await until(() => gw.status === 'RECONNECTING', 'the link down');
    s.sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 1);
    s.sim.setReachable(true);
    await until(() => gw.status === 'CONNECTED', 'reconnected');
    await status(s, id, Status.PARTTRADED);
    const mine = () => s.trades.filter((t) => t.vtOrderid === id);
    await until(() => mine().length === 1, 'the missed fill');
    assert.is(mine()[0]!.volume, 1);
    assert.match(mine()[0]!.tradeid, /::/, 'from the activities');
    s.sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 2);
    await status(s, id, Status.ALLTRADED);
    await until(() => mine().length === 2, 'the live fill');
    assert.is(mine()[1]!.volume, 2);
    // Another reconnect reads the same fills again: nothing is pushed twice.
    s.sim.dropConnections();
    await until(() => gw.status === 'RECONNECTING', 'down again');
    await until(() => gw.status === 'CONNECTED', 'up again');
    const again = s.me.sendOrder(order(), 'ALPACA');
    await status(s, again, Status.NOTTRADED);
    assert.is(mine().length, 2);
    assert.is(
      mine().reduce((n, t) => n + t.volume, 0),
      3,
    );
    await until(
      () => s.me.getAllPositions().find((p) => p.vtSymbol === 'AAPL.NASDAQ')?.volume === 13,
      'the position',
    );
  } finally {
    await s.close();
  }
});

test('rare trade_updates events: done_for_day keeps the order live, cancel rejected is logged', async () => {
  const s = await session();
  try {
    const id = s.me.sendOrder(order(), 'ALPACA');
    await status(s, id, Status.NOTTRADED);
    const o = venueOrder(s, id)!;
    s.sim.venue.pushEvent('done_for_day', o);
    await until(() => /next trading day/.test(s.me.getOrder(id)!.statusMsg), 'the note');
    assert.is(s.me.getOrder(id)!.status, Status.NOTTRADED);
    s.sim.venue.pushEvent('order_cancel_rejected', o);
    await until(() => s.logs.some((l) => l.msg.includes('order cancel rejected')), 'the warning');
    s.sim.venue.pushEvent('expired', { ...o, status: 'CANCELED' });
    await status(s, id, Status.CANCELLED);
  } finally {
    await s.close();
  }
});

test('amend is Replace Order: the old order ends "replaced by" the new, which carries the rest; each keeps its own fills', async () => {
  const s = await session();
  try {
    const caps = s.me.getCapabilities('ALPACA', 'AAPL.NASDAQ');
    assert.ok(caps.amend && caps.amendReplaces, 'amended by a replacement under a new id');
    const id1 = s.me.sendOrder(order({ volume: 3 }), 'ALPACA');
    await status(s, id1, Status.NOTTRADED);
    s.sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 1);
    await status(s, id1, Status.PARTTRADED);
    const req = (vt: string) => ({ orderid: vt.split('.')[1]!, symbol: 'AAPL', exchange: Exchange.NASDAQ });

    // Price and volume: 4 in all, 1 traded, so the new order is for 3.
    const id2 = await s.me.amendOrder({ ...req(id1), price: 199, volume: 4 }, 'ALPACA');
    assert.is.not(id2, id1, 'a new order');
    await status(s, id2, Status.NOTTRADED);
    await status(s, id1, Status.CANCELLED);
    assert.is(s.me.getOrder(id1)!.statusMsg, `replaced by ${id2}`);
    assert.is(s.me.getOrder(id1)!.traded, 1, 'the old order keeps its fill');
    assert.equal(
      [s.me.getOrder(id2)!.price, s.me.getOrder(id2)!.volume, s.me.getOrder(id2)!.traded],
      [199, 3, 0],
    );
    const open = () => s.sim.exchange.getOpenOrders(ACCOUNT);
    assert.equal(
      open().map((o) => [o.clientOrderId, o.price, o.volume]),
      [[req(id2).orderid, 199, 3]],
      'one order at Alpaca, for the rest',
    );
    s.sim.exchange.crossFromMarket('AAPL', 'SELL', 199, 2);
    await status(s, id2, Status.PARTTRADED);
    const fills = (vt: string) => s.trades.filter((t) => t.vtOrderid === vt).map((t) => [t.price, t.volume]);
    await until(() => fills(id2).length === 1, 'the fill of the new order');
    assert.equal(fills(id1), [[200, 1]]);
    assert.equal(fills(id2), [[199, 2]]);

    // The price alone after a part fill: the rest (1) is sent, or Alpaca would take the whole 3 again.
    const id3 = await s.me.amendOrder({ ...req(id2), price: 198 }, 'ALPACA');
    await status(s, id3, Status.NOTTRADED);
    await status(s, id2, Status.CANCELLED);
    assert.equal(
      open().map((o) => [o.clientOrderId, o.price, o.volume]),
      [[req(id3).orderid, 198, 1]],
    );

    // Refused (403): the replacement is rejected with Alpaca's reason and the order goes on as it was.
    s.sim.rejectNext('insufficient buying power');
    const id4 = await s.me.amendOrder({ ...req(id3), price: 197 }, 'ALPACA');
    await status(s, id4, Status.REJECTED);
    assert.match(
      s.me.getOrder(id4)!.statusMsg,
      /did not replace .*insufficient buying power/,
      s.me.getOrder(id4)!.statusMsg,
    );
    assert.is(s.me.getOrder(id3)!.status, Status.NOTTRADED, 'never lost');
    assert.equal(
      open().map((o) => [o.clientOrderId, o.price]),
      [[req(id3).orderid, 198]],
    );

    // Filled at Alpaca before the replace arrives (its push not read yet): 422, and the fill is id3's.
    s.sim.exchange.crossFromMarket('AAPL', 'SELL', 198, 1);
    const id5 = await s.me.amendOrder({ ...req(id3), price: 196 }, 'ALPACA');
    await status(s, id5, Status.REJECTED);
    assert.match(s.me.getOrder(id5)!.statusMsg, /not replaceable \(status filled\)/);
    await status(s, id3, Status.ALLTRADED);
    await until(() => fills(id3).length === 1, 'the fill of id3');
    assert.equal(fills(id3), [[198, 1]]);
    assert.equal(fills(id5), []);
    assert.throws(() => s.me.amendOrder({ ...req(id3), price: 195 }, 'ALPACA'), /nothing to amend/);
  } finally {
    await s.close();
  }
});

test('market data: 406 says another program holds the feed and is retried; crypto ticks come on their own stream', async () => {
  const s = await session({}, {}, (sim) => sim.holdFeed('iex', true));
  try {
    s.me.subscribe({ symbol: 'AAPL', exchange: Exchange.NASDAQ }, 'ALPACA');
    await until(
      () => s.logs.some((l) => /another program is already connected to the iex feed/.test(l.msg)),
      'the 406 message',
    );
    assert.ok(s.logs.some((l) => /one market-data connection per account per feed/.test(l.msg)));
    s.sim.holdFeed('iex', false);
    await until(
      () => s.ticks.some((t) => t.vtSymbol === 'AAPL.NASDAQ' && t.bidPrice1 > 0),
      'stock ticks once the feed is free',
    );
    assert.is(s.sim.dataConnections('iex'), 1);
    s.me.subscribe({ symbol: 'BTC/USD', exchange: Exchange.ALPACA }, 'ALPACA');
    await until(
      () => s.ticks.some((t) => t.vtSymbol === 'BTC/USD.ALPACA' && t.askPrice1 > t.bidPrice1),
      'crypto ticks',
    );
    assert.is(s.sim.dataConnections('crypto'), 1);
    s.sim.sendDataError(407, 'slow client');
    await until(() => s.logs.some((l) => /too slow/.test(l.msg)), 'the 407 message');
  } finally {
    await s.close();
  }
});

test('market data: a feed outside the plan (409) is explained and not retried', async () => {
  const s = await session({ feeds: ['iex', 'crypto'] }, { feed: 'sip' });
  try {
    s.me.subscribe({ symbol: 'AAPL', exchange: Exchange.NASDAQ }, 'ALPACA');
    await until(() => s.logs.some((l) => /does not include the sip feed/.test(l.msg)), 'the 409 message');
    assert.is(s.sim.dataConnections('sip'), 0);
  } finally {
    await s.close();
  }
});

test('history: bars are paged with next_page_token; a 429 is waited out and the usage headers recorded', async () => {
  const s = await session();
  try {
    s.sim.venue.barPageLimit = 100;
    s.sim.rateLimitNext(1, 0);
    const end = Date.now();
    const bars = await s.me.queryHistory(
      {
        symbol: 'AAPL',
        exchange: Exchange.NASDAQ,
        interval: Interval.MINUTE,
        start: end - 5 * 3_600_000,
        end,
      },
      'ALPACA',
    );
    assert.ok(bars.length >= 299, `five hours of minutes (${bars.length})`);
    for (let i = 1; i < bars.length; i++)
      assert.ok(bars[i]!.datetime > bars[i - 1]!.datetime, 'ascending, no repeats');
    const gw = s.me.getGateway('ALPACA') as AlpacaGateway;
    assert.ok(gw.rateLimitUsage.has('x-ratelimit-remaining'));
    const crypto = await s.me.queryHistory(
      {
        symbol: 'BTC/USD',
        exchange: Exchange.ALPACA,
        interval: Interval.HOUR,
        start: end - 10 * 3_600_000,
        end,
      },
      'ALPACA',
    );
    assert.ok(crypto.length >= 9 && crypto.every((b) => b.vtSymbol === 'BTC/USD.ALPACA'));
  } finally {
    await s.close();
  }
});

test("connect with wrong keys is refused with Alpaca's reason and no secret", async () => {
  const sim = await startAlpacaSim({ tickRate: 0 });
  const me = new MainEngine({ log: false });
  me.addGateway(AlpacaGateway, 'ALPACA');
  try {
    await me.connect(settingFor(sim, { secret: 'not-the-secret-xyz' }), 'ALPACA');
    assert.unreachable('connected');
  } catch (error) {
    assert.match((error as Error).message, /request is not authorized \(code 40110000\)/);
    assert.not.match((error as Error).message, /not-the-secret-xyz/);
  } finally {
    await me.close();
    await sim.close();
  }
});

test.run();
