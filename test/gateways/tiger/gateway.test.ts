// The TIGER gateway against its simulator, beyond the shared suite: heartbeats as negotiated, a half-dead
// push link found by its silence and healed with the fills it missed reconciled once, a kick-out that stops
// reconnecting, an order whose reply was garbled found by its user_mark (never sent twice), refusals with
// Tiger's code, rate-limit back-off, amend in place, HK board lots, and positions never doubled.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  GatewayStatus,
  Interval,
  Offset,
  OptionType,
  OrderType,
  Product,
  Status,
} from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { OrderRequest, TradeData } from '../../../src/core/object.js';
import { TigerGateway } from '../../../gateways/tiger/index.js';
import { FUTURE_CODE, OPTION_ID, type TigerSim } from '../../../gateways/tiger/sim/server.js';
import { startProxy } from '../../helpers/proxy.js';
import { until } from '../../helpers/wait.js';
import { settingFor, startSim, testCert } from './target.js';

interface Session {
  sim: TigerSim;
  me: MainEngine;
  gw: TigerGateway;
  trades: TradeData[];
  statuses: { status: GatewayStatus; message: string }[];
  logs: string[];
}

async function open(
  extra: Record<string, string | number | boolean> = {},
  running?: TigerSim,
): Promise<Session> {
  const sim = running ?? (await startSim());
  const me = new MainEngine({ log: false });
  const trades: TradeData[] = [];
  const statuses: Session['statuses'] = [];
  const logs: string[] = [];
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('gateway', (e) =>
    statuses.push({ status: e.data.status, message: e.data.message }),
  );
  // Every level: the secret checks read them all.
  me.eventEngine.register('log', (e) => logs.push(e.data.msg));
  const gw = me.addGateway(TigerGateway, 'TIGER') as TigerGateway;
  await me.connect(settingFor(sim, testCert().certFile, extra), 'TIGER');
  return { sim, me, gw, trades, statuses, logs };
}

async function shut(s: Session): Promise<void> {
  await s.me.close();
  await s.sim.close();
}

const buy = (price: number, volume = 2, symbol = 'AAPL', exchange = Exchange.SMART): OrderRequest => ({
  symbol,
  exchange,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  price,
  volume,
  offset: Offset.NONE,
});

const status = (s: Session, id: string) => s.me.getOrder(id)?.status;
const position = (s: Session, symbol = 'AAPL') =>
  s.me.getAllPositions().find((p) => p.symbol === symbol && p.gatewayName === 'TIGER')?.volume ?? 0;
const venuePosition = (s: Session, symbol = 'AAPL') =>
  s.sim.exchange.getPositions(s.sim.account).find((p) => p.symbol === symbol)?.volume ?? 0;

test('heartbeats: the larger of both intervals each way; the simulator hears them', async () => {
  const s = await open({ heartbeatMs: 300 });
  try {
    const push = (s.gw as unknown as { push: { agreed: [number, number] } }).push;
    // The simulator asks for 1000,1000; the gateway 300: each side uses the larger.
    assert.equal(push.agreed, [1000, 1000]);
    await until(() => s.sim.heartbeatsReceived() >= 2, 'two heartbeats at the simulator');
  } finally {
    await shut(s);
  }
});

test('a silent push link is dropped after 1.5x the interval; fills it missed are reconciled once, positions not doubled', async () => {
  const s = await open({ heartbeatMs: 200 });
  try {
    const id = s.me.sendOrder(buy(200), 'TIGER');
    await until(() => status(s, id) === Status.NOTTRADED, 'the order resting');
    const before = s.statuses.length;
    s.sim.silence();
    s.sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 2);
    await until(
      () => s.statuses.slice(before).some((x) => x.status === GatewayStatus.RECONNECTING),
      'RECONNECTING',
    );
    await until(
      () => s.statuses.slice(before).some((x) => x.status === GatewayStatus.CONNECTED),
      'CONNECTED again',
    );
    await until(() => status(s, id) === Status.ALLTRADED, 'the fill reconciled');
    await until(() => position(s) === venuePosition(s), 'the position as the venue has it');
    assert.is(venuePosition(s), 2);
    assert.is(s.trades.filter((t) => t.vtOrderid === id).length, 1, 'the fill is pushed once');
    assert.ok(
      s.logs.some((l) => /nothing received for \d+ ms/.test(l)),
      'the silence is logged',
    );
    // And the channel works again: a new fill arrives by push.
    const next = s.me.sendOrder(buy(199, 1), 'TIGER');
    await until(() => status(s, next) === Status.NOTTRADED, 'a new order resting');
    s.sim.exchange.crossFromMarket('AAPL', 'SELL', 199, 1);
    await until(() => status(s, next) === Status.ALLTRADED, 'filled by push');
    await until(() => position(s) === 3, 'position 3');
    assert.is(s.trades.length, 2);
  } finally {
    await shut(s);
  }
});

test('kick-out (4001): the gateway says so and does not fight the other login', async () => {
  const s = await open();
  try {
    s.sim.kickout();
    await until(() => s.statuses.some((x) => /kicked out/.test(x.message)), 'the kick-out status');
    assert.ok(s.logs.some((l) => /another connection with this tiger id took over/.test(l)));
    await until(() => s.sim.pushConnections() === 0, 'the link closed');
    // Give a reconnect every chance to happen (it must not): a REST round trip or two.
    s.gw.queryAccount();
    s.gw.queryAccount();
    await until(
      () => s.sim.requests.filter((r) => r.method === 'prime_assets').length >= 3,
      'two more queries',
    );
    assert.is(s.sim.pushConnections(), 0);
  } finally {
    await shut(s);
  }
});

test('a garbled reply to place_order: the order is found by its user_mark, not sent again', async () => {
  const s = await open();
  try {
    s.sim.replaceNextReply('place_order', '<html><body>502 Bad Gateway</body></html>');
    const id = s.me.sendOrder(buy(200), 'TIGER');
    await until(() => status(s, id) === Status.NOTTRADED, 'found and resting');
    assert.is(s.sim.requests.filter((r) => r.method === 'place_order').length, 1, 'sent once');
    assert.is(s.sim.exchange.getOpenOrders(s.sim.account).length, 1);
    const order = s.me.getOrder(id)!;
    s.me.cancelOrder({ orderid: order.orderid, symbol: order.symbol, exchange: order.exchange }, 'TIGER');
    await until(() => status(s, id) === Status.CANCELLED, 'and cancellable');
  } finally {
    await shut(s);
  }
});

test("refusals carry Tiger's code and message; a rate-limited query backs off and succeeds", async () => {
  const s = await open();
  try {
    s.sim.rejectNext('insufficient buying power');
    const id = s.me.sendOrder(buy(200), 'TIGER');
    await until(() => status(s, id) === Status.REJECTED, 'REJECTED');
    assert.match(s.me.getOrder(id)!.statusMsg, /insufficient buying power\) \(code 1200\)/);
    // Both documented forms of the refusal: HTTP 429 with code 5, and code 4 with "rate limit error".
    for (const [form, code] of [
      ['code5', 5],
      ['code4', 4],
    ] as const) {
      s.sim.rateLimitNext(1, form);
      const limited = s.me.sendOrder(buy(200), 'TIGER');
      await until(() => status(s, limited) === Status.REJECTED, `an order refused for rate limits (${form})`);
      assert.match(s.me.getOrder(limited)!.statusMsg, new RegExp(`rate limit error.*code ${code}`));
      assert.is(s.sim.exchange.getOpenOrders(s.sim.account).length, 0, 'nothing placed');
      const queries = s.sim.requests.length;
      s.sim.rateLimitNext(1, form);
      s.gw.queryPosition();
      await until(() => s.sim.requests.length >= queries + 2, `the query retried after ${form}`);
      assert.is(s.sim.requests[queries]!.method, 'positions');
      assert.is(s.sim.requests[queries + 1]!.method, 'positions');
    }
  } finally {
    await shut(s);
  }
});

test('code 4 "access forbidden" is not a rate limit: the order is REJECTED with the reason, never retried', async () => {
  const s = await open();
  try {
    const before = s.sim.requests.length;
    s.sim.forbidNext();
    const id = s.me.sendOrder(buy(200), 'TIGER');
    await until(() => status(s, id) === Status.REJECTED, 'REJECTED');
    const msg = s.me.getOrder(id)!.statusMsg;
    assert.match(msg, /access forbidden/);
    assert.match(msg, /whitelist/);
    assert.match(msg, /code 4/);
    assert.is(s.sim.requests.filter((r, i) => i >= before && r.method === 'place_order').length, 1);
    // A query refused this way is not retried either: one positions call, then the next order goes through.
    s.sim.forbidNext();
    const queries = s.sim.requests.length;
    const forbidden = () => s.logs.filter((l) => /access forbidden/.test(l)).length;
    const logged = forbidden();
    s.gw.queryPosition();
    await until(() => forbidden() > logged, 'the refused query logged');
    const ok = s.me.sendOrder(buy(200), 'TIGER');
    await until(() => s.sim.exchange.getOpenOrders(s.sim.account).length === 1, 'the next order placed');
    assert.is(s.sim.requests.filter((r, i) => i >= queries && r.method === 'positions').length, 1);
    assert.ok(ok);
  } finally {
    await shut(s);
  }
});

test('a fill pushed before its order is known goes to the right order, once', async () => {
  const s = await open();
  try {
    // Neither the order push nor the place_order reply arrives before the fill: only its user_mark tells.
    s.sim.holdOrderPushes(true);
    const reply = s.sim.holdNextReply('place_order');
    const id = s.me.sendOrder(buy(200, 1), 'TIGER');
    await until(() => s.sim.exchange.getOpenOrders(s.sim.account).length === 1, 'the order at the venue');
    s.sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 1);
    await until(() => s.trades.length === 1, 'the trade');
    assert.is(s.trades[0]!.vtOrderid, id, 'the trade names the order sent');
    reply.release();
    s.sim.holdOrderPushes(false);
    await until(() => status(s, id) === Status.ALLTRADED, 'ALLTRADED');
    await until(() => position(s) === 1, 'position 1');
    assert.is(s.trades.length, 1);
    assert.is(s.me.getAllOrders().length, 1, 'no phantom order');
  } finally {
    await shut(s);
  }
});

test('amend: modify_order changes price and quantity in place, same vtOrderid', async () => {
  const s = await open();
  try {
    const id = s.me.sendOrder(buy(200), 'TIGER');
    await until(() => status(s, id) === Status.NOTTRADED, 'resting');
    const o = s.me.getOrder(id)!;
    s.gw.amendOrder({ orderid: o.orderid, symbol: o.symbol, exchange: o.exchange, price: 199.5, volume: 3 });
    await until(
      () => s.me.getOrder(id)!.price === 199.5 && s.me.getOrder(id)!.volume === 3,
      'the amended order',
    );
    const venue = s.sim.exchange.getOpenOrders(s.sim.account)[0]!;
    assert.is(venue.price, 199.5);
    assert.is(venue.volume, 3);
  } finally {
    await shut(s);
  }
});

test('history: kline pages followed to the end, oldest first, each bar once', async () => {
  const s = await open();
  try {
    s.sim.venue.klinePageLimit = 7;
    const start = Date.now() - 40 * 86_400_000;
    const bars = await s.me.queryHistory(
      { symbol: 'AAPL', exchange: Exchange.SMART, interval: Interval.DAILY, start },
      'TIGER',
    );
    const expected = s.sim.exchange.getBars('AAPL', Interval.DAILY, start, Date.now());
    assert.ok(expected.length > 14, 'more than two pages');
    assert.is(bars.length, expected.length);
    assert.equal(
      bars.map((b) => b.datetime),
      expected.map((b) => b.time),
    );
    assert.is(bars[0]!.closePrice, expected[0]!.close);
    assert.ok(s.sim.requests.filter((r) => r.method === 'kline').length >= 3, 'paged');
  } finally {
    await shut(s);
  }
});

test('subscribe: a quiet market still shows its quote at once (quote_real_time snapshot)', async () => {
  const s = await open();
  try {
    s.sim.exchange.setMarketActive(false);
    const ticks: number[] = [];
    s.me.eventEngine.register('tick', (e) => {
      if (e.data.symbol === 'TSLA') ticks.push(e.data.lastPrice);
    });
    s.me.subscribe({ symbol: 'TSLA', exchange: Exchange.SMART }, 'TIGER');
    await until(() => ticks.length > 0, 'a tick from the snapshot');
    assert.is(ticks[0], s.sim.exchange.getStats('TSLA')!.lastPrice);
  } finally {
    await shut(s);
  }
});

test('HK: 00700.SEHK in board lots of 100, priced in 0.2 ticks', async () => {
  const s = await open();
  try {
    const c = s.me.getContract('00700.SEHK')!;
    assert.is(c.minVolume, 100);
    assert.is(c.pricetick, 0.2);
    assert.is(c.name, '腾讯控股', 'Chinese names by default (zh_CN)');
    const id = s.me.sendOrder(buy(400, 100, '00700', Exchange.SEHK), 'TIGER');
    await until(() => status(s, id) === Status.NOTTRADED, 'resting');
    s.sim.exchange.crossFromMarket('00700', 'SELL', 400, 100);
    await until(() => status(s, id) === Status.ALLTRADED, 'filled');
    await until(() => position(s, '00700') === 100, 'position');
  } finally {
    await shut(s);
  }
});

test("connect again after close: today's orders and fills come back once, the position not doubled", async () => {
  const s = await open();
  try {
    const id = s.me.sendOrder(buy(200), 'TIGER');
    await until(() => status(s, id) === Status.NOTTRADED, 'resting');
    s.sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 2);
    await until(() => position(s) === 2, 'position 2');
    await s.me.close();
    const me = new MainEngine({ log: false });
    const trades: TradeData[] = [];
    me.eventEngine.register('trade', (e) => trades.push(e.data));
    me.addGateway(TigerGateway, 'TIGER');
    try {
      await me.connect(settingFor(s.sim, testCert().certFile), 'TIGER');
      assert.is(trades.length, 1, "today's fill, once");
      assert.is(me.getAllPositions().find((p) => p.symbol === 'AAPL')!.volume, 2);
      assert.ok(me.getAllOrders().some((o) => o.status === Status.ALLTRADED));
    } finally {
      await me.close();
    }
  } finally {
    await s.sim.close();
  }
});

test('options: loaded by identifier, with their contract fields; quoted, traded and held', async () => {
  const s = await open({ symbols: `AAPL,${OPTION_ID}` });
  try {
    const c = s.me.getContract('AAPL260116C00230000.SMART')!;
    assert.ok(c, 'the option contract');
    assert.is(c.product, Product.OPTION);
    assert.is(c.optionType, OptionType.CALL);
    assert.is(c.optionStrike, 230);
    assert.is(c.optionUnderlying, 'AAPL');
    assert.is(c.optionExpiry, Date.UTC(2026, 0, 16));
    assert.is(c.size, 100);
    const ticks: number[] = [];
    s.me.eventEngine.register('tick', (e) => {
      if (e.data.symbol === c.symbol && e.data.bidPrice1 > 0) ticks.push(e.data.bidPrice1);
    });
    s.me.subscribe({ symbol: c.symbol, exchange: c.exchange }, 'TIGER');
    await until(() => ticks.length > 0, 'an option tick');
    const id = s.me.sendOrder(buy(10, 1, c.symbol, c.exchange), 'TIGER');
    await until(() => status(s, id) === Status.NOTTRADED, 'resting');
    const placed = s.sim.requests.filter((r) => r.method === 'place_order').pop()!;
    assert.match(placed.envelope.biz_content!, /"expiry":"20260116"/);
    assert.match(placed.envelope.biz_content!, /"right":"CALL"/);
    assert.match(placed.envelope.biz_content!, /"sec_type":"OPT"/);
    s.sim.exchange.crossFromMarket(OPTION_ID, 'SELL', 10, 1);
    await until(() => status(s, id) === Status.ALLTRADED, 'filled');
    await until(() => position(s, c.symbol) === 1, 'the option position');
    assert.is(s.trades.filter((t) => t.symbol === c.symbol).length, 1);
  } finally {
    await shut(s);
  }
});

test('futures: loaded by contract code with their fields; quoted, traded long and short, held; a held future not asked for is loaded', async () => {
  const s = await open({ futures: `${FUTURE_CODE},NOPE2612` });
  try {
    const c = s.me.getContract(`${FUTURE_CODE}.CME`)!;
    assert.ok(c, 'the future contract, on its own exchange');
    assert.is(c.product, Product.FUTURES);
    assert.is(c.size, 50);
    assert.is(c.pricetick, 0.25);
    assert.is(c.minVolume, 1);
    assert.is(c.optionExpiry, Date.UTC(2026, 11, 18));
    assert.is(c.name, 'E-mini S&P 500 - Dec 2026');
    await until(
      () => s.logs.some((l) => l.includes('Tiger has no future NOPE2612')),
      'the unknown code logged',
    );
    const ticks: number[] = [];
    s.me.eventEngine.register('tick', (e) => {
      if (e.data.symbol === c.symbol && e.data.bidPrice1 > 0) ticks.push(e.data.bidPrice1);
    });
    s.me.subscribe({ symbol: c.symbol, exchange: c.exchange }, 'TIGER');
    await until(() => ticks.length > 0, 'a future tick');
    const id = s.me.sendOrder(buy(5000, 1, c.symbol, c.exchange), 'TIGER');
    await until(() => status(s, id) === Status.NOTTRADED, 'resting');
    const placed = s.sim.requests.filter((r) => r.method === 'place_order').pop()!;
    assert.match(placed.envelope.biz_content!, new RegExp(`"symbol":"${FUTURE_CODE}"`));
    assert.match(placed.envelope.biz_content!, /"sec_type":"FUT"/);
    s.sim.exchange.crossFromMarket(FUTURE_CODE, 'SELL', 5000, 1);
    await until(() => status(s, id) === Status.ALLTRADED, 'filled');
    await until(() => position(s, c.symbol) === 1, 'the long future');
    // Net positions: selling two from one long leaves one short.
    const sell = s.me.sendOrder(
      { ...buy(7000, 2, c.symbol, c.exchange), direction: Direction.SHORT },
      'TIGER',
    );
    await until(() => status(s, sell) === Status.NOTTRADED, 'the sell resting');
    s.sim.exchange.crossFromMarket(FUTURE_CODE, 'BUY', 7000, 2);
    await until(() => status(s, sell) === Status.ALLTRADED, 'the sell filled');
    await until(() => position(s, c.symbol) === -1, 'short one');
    assert.is(s.trades.filter((t) => t.symbol === c.symbol).length, 2);
    assert.is(venuePosition(s, FUTURE_CODE), -1);
    // A new console on the same account, not asking for the future: the held one is loaded from the
    // positions reply, and its short shows.
    await s.me.close();
    const again = await open({}, s.sim);
    try {
      await until(() => position(again, FUTURE_CODE) === -1, 'the held short future, after a restart');
      assert.ok(again.me.getContract(`${FUTURE_CODE}.CME`), 'the held future loaded');
    } finally {
      await again.me.close();
    }
  } finally {
    await shut(s);
  }
});

test('futures by exchange: exchange:CME loads every CME future the venue lists, and nothing else', async () => {
  const s = await open({ futures: 'exchange:cme' });
  try {
    const futures = s.me.getAllContracts().filter((c) => c.product === Product.FUTURES);
    assert.equal(
      futures.map((c) => c.vtSymbol),
      [`${FUTURE_CODE}.CME`],
    );
    const req = s.sim.requests.find((r) => r.method === 'future_contract_by_exchange_code')!;
    assert.match(req.envelope.biz_content!, /"exchange_code":"CME"/);
  } finally {
    await shut(s);
  }
});

test('HK licence: the token goes in Authorization on every call, and never into a log', async () => {
  const s = await open({ token: 'hk-token-secret-value' });
  try {
    assert.ok(s.sim.requests.length > 0);
    for (const r of s.sim.requests) assert.is(r.authorization, 'hk-token-secret-value');
    assert.not.ok(s.logs.some((l) => l.includes('hk-token-secret-value')));
  } finally {
    await shut(s);
  }
});

test('contract names follow the language setting', async () => {
  const s = await open({ language: 'en_US' });
  try {
    assert.is(s.me.getContract('00700.SEHK')!.name, 'TENCENT');
    const contracts = s.sim.requests.find((r) => r.method === 'contracts')!;
    assert.match(contracts.envelope.biz_content!, /"lang":"en_US"/);
  } finally {
    await shut(s);
  }
});

test('a global account: assets from `assets`, trading on the account given', async () => {
  const sim = await startSim();
  const me = new MainEngine({ log: false });
  try {
    me.addGateway(TigerGateway, 'TIGER');
    await me.connect(
      settingFor(sim, testCert().certFile, { standardAccount: '', account: sim.account }),
      'TIGER',
    );
    const a = me.getAllAccounts().find((x) => x.gatewayName === 'TIGER')!;
    assert.is(a.accountid, sim.account);
    assert.is(a.balance, 1_000_000);
    assert.ok(sim.requests.some((r) => r.method === 'assets'));
    assert.not.ok(sim.requests.some((r) => r.method === 'prime_assets'));
    // A fill's asset push updates the same account, not a second one.
    const id = me.sendOrder(buy(200), 'TIGER');
    await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'resting');
    sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 2);
    await until(() => me.getOrder(id)?.status === Status.ALLTRADED, 'filled');
    await until(
      () => me.getAllAccounts().find((x) => x.accountid === sim.account)!.available < 1_000_000,
      'cash spent',
    );
    assert.equal(
      me
        .getAllAccounts()
        .filter((x) => x.gatewayName === 'TIGER')
        .map((x) => x.accountid),
      [sim.account],
    );
  } finally {
    await me.close();
    await sim.close();
  }
});

test('with a proxy set, REST and the TLS push link both go through it, and the push link comes back through it', async () => {
  const proxy = await startProxy();
  const sim = await startSim();
  try {
    const s = await open({ proxyHost: proxy.host, proxyPort: proxy.port }, sim);
    try {
      const push = `CONNECT ${sim.pushHost}:${sim.pushPort}`;
      assert.ok(proxy.seen.includes(push), 'the push link tunnelled');
      assert.ok(
        proxy.seen.some((l) => l.startsWith('POST http://') && l.endsWith('/gateway')),
        'REST forwarded',
      );
      const tunnels = proxy.seen.filter((l) => l === push).length;
      sim.dropConnections();
      await until(
        () => proxy.seen.filter((l) => l === push).length > tunnels,
        'reconnected through the proxy',
      );
      await until(() => sim.pushConnections() === 1, 'logged in again');
    } finally {
      await s.me.close();
    }
    proxy.refuse = true;
    const me = new MainEngine({ log: false });
    me.addGateway(TigerGateway, 'TIGER');
    let reason = '';
    try {
      await me.connect(
        settingFor(sim, testCert().certFile, { proxyHost: proxy.host, proxyPort: proxy.port }),
        'TIGER',
      );
    } catch (error) {
      reason = (error as Error).message;
    }
    assert.match(reason, /connect failed: HTTP 403/, "the proxy's refusal is the reason");
    await me.close();
  } finally {
    await sim.close();
    await proxy.close();
  }
});

test.run();
