// The SIM gateway beyond the conformance suite: the demo defaults, history, bad settings, requests while the
// link is down.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { defaultsOf } from '../../../src/core/setting-schema.js';
import { createSimExchange } from '../../../src/sim/exchange.js';
import { SimGateway } from '../../../gateways/sim/index.js';
import { registerVenue, SimVenue, unregisterVenue } from '../../../gateways/sim/venue.js';
import { until } from '../../helpers/wait.js';
import { RB } from '../../sim/fixtures.js';

test('the default setting connects to the bundled demo instruments, with live ticks and history', async () => {
  const me = new MainEngine({ log: false });
  const gw = me.addGateway(SimGateway);
  await me.connect(defaultsOf(SimGateway.defaultSetting), 'SIM');
  await until(() => me.getAllContracts().length >= 6, 'the demo contracts');
  const names = new Map(me.getAllContracts().map((c) => [c.vtSymbol, c]));
  assert.is(names.get('rb2501.SHFE')?.name, '螺纹钢2501');
  assert.is(names.get('au2506.SHFE')?.name, '黄金2506');
  assert.match(names.get('IF2501.CFFEX')?.name ?? '', /沪深300/);
  assert.is(names.get('600036.SSE')?.name, '招商银行');
  assert.ok(names.get('BTCUSDT.SIM'), "a crypto pair, under the simulator's own exchange code");
  assert.not.ok(
    [...names.keys()].some((s) => s.endsWith('.BINANCE')),
    'the simulator does not pose as Binance',
  );
  assert.ok(
    [...names.values()].some((c) => c.exchange === Exchange.NASDAQ),
    'a US stock',
  );
  assert.is(names.get('rb2501.SHFE')?.netPosition, false);
  assert.is(names.get('600036.SSE')?.netPosition, true);
  await until(() => me.getAllAccounts().length === 3, 'one account per currency');

  me.subscribe({ symbol: 'rb2501', exchange: Exchange.SHFE }, 'SIM');
  const first = await (async () => {
    await until(() => me.getTick('rb2501.SHFE') !== undefined, 'a first tick');
    return me.getTick('rb2501.SHFE')!;
  })();
  await until(() => me.getTick('rb2501.SHFE') !== first, 'a live tick after the snapshot');
  // A trade since the start, so the live minute has a bar to join the history with.
  await until(() => me.getTick('rb2501.SHFE')!.volume > first.volume, 'a trade on the live market');
  const tick = me.getTick('rb2501.SHFE')!;
  assert.ok(tick.bidPrice5 > 0 && tick.askPrice5 > 0, 'five levels each side');
  assert.ok(tick.bidPrice1 < tick.askPrice1);
  assert.ok(tick.openInterest > 0, 'futures carry open interest');
  assert.is(tick.name, '螺纹钢2501');

  const now = Date.now();
  const bars = await me.queryHistory(
    {
      symbol: 'rb2501',
      exchange: Exchange.SHFE,
      interval: Interval.MINUTE,
      start: now - 3 * 3_600_000,
      end: now,
    },
    'SIM',
  );
  // 180 whole minutes, less the minute cut at each edge of the window (which of them falls inside depends on
  // the second the query runs): 178 at the least.
  assert.ok(bars.length >= 178 && bars.length <= 181, `three hours of minute bars (${bars.length})`);
  for (const b of bars) {
    assert.is(b.vtSymbol, 'rb2501.SHFE');
    assert.ok(b.lowPrice <= b.openPrice && b.openPrice <= b.highPrice);
  }
  // History ends where the live market began: within a few percent of the live price.
  const lastClose = bars[bars.length - 1]!.closePrice;
  assert.ok(
    Math.abs(lastClose - tick.lastPrice) / tick.lastPrice < 0.05,
    `${lastClose} near ${tick.lastPrice}`,
  );
  assert.ok(gw.exchange, 'the gateway owns an exchange');
  await me.close();
  assert.is(gw.status, GatewayStatus.DISCONNECTED);
});

test('a bad instruments file or an unknown venue is a clear connect error', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-sim-'));
  const file = path.join(dir, 'instruments.json');
  fs.writeFileSync(file, JSON.stringify({ instruments: [{ symbol: 'x', exchange: 'SHFE' }] }));
  const me = new MainEngine({ log: false });
  me.addGateway(SimGateway);
  try {
    await me.connect({ instruments: file }, 'SIM');
    assert.unreachable('connect should fail');
  } catch (error) {
    assert.match((error as Error).message, /instrument 1: "product" must be a non-empty string/);
    assert.match((error as Error).message, /instruments\.json/);
  }
  try {
    await me.connect({ venue: 'nowhere' }, 'SIM');
    assert.unreachable('connect should fail');
  } catch (error) {
    assert.match((error as Error).message, /no simulated venue named "nowhere"/);
  }
  fs.writeFileSync(file, '{ not json');
  await me.connect({ instruments: file }, 'SIM').then(
    () => assert.unreachable('connect should fail'),
    (error: Error) => assert.match(error.message, /not valid JSON/),
  );
  fs.rmSync(dir, { recursive: true, force: true });
  await me.close();
});

test('while the link is down orders are rejected and history fails; after restore both work', async () => {
  const exchange = createSimExchange({ seed: 9, instruments: [RB], tickRate: 0 });
  const venue = new SimVenue(exchange);
  registerVenue('down-test', venue);
  const me = new MainEngine({ log: false });
  const gw = me.addGateway(SimGateway);
  await me.connect({ venue: 'down-test' }, 'SIM');
  await until(() => me.getContract('rb2501.SHFE') !== undefined, 'the contract');
  venue.drop();
  await until(() => gw.status === GatewayStatus.RECONNECTING, 'RECONNECTING');
  const req = {
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    volume: 1,
    price: 3900,
    offset: Offset.OPEN,
  };
  const id = me.sendOrder(req, 'SIM');
  await until(() => me.getOrder(id)?.status === Status.REJECTED, 'the order to be rejected');
  assert.match(me.getOrder(id)!.statusMsg, /not connected/);
  await me
    .queryHistory({ symbol: 'rb2501', exchange: Exchange.SHFE, interval: Interval.HOUR, start: 0 }, 'SIM')
    .then(
      () => assert.unreachable('history while down'),
      (error: Error) => assert.match(error.message, /not connected/),
    );
  // Nothing reached the exchange.
  assert.is(exchange.getOrders('SIM-CNY').length, 0);
  venue.restore();
  await until(() => gw.status === GatewayStatus.CONNECTED, 'CONNECTED again');
  const again = me.sendOrder(req, 'SIM');
  await until(() => me.getOrder(again)?.status === Status.NOTTRADED, 'the order to rest');
  await me.close();
  unregisterVenue('down-test');
});

test('close then connect again starts a fresh session that trades', async () => {
  const me = new MainEngine({ log: false });
  const gw = me.addGateway(SimGateway);
  await me.connect({ tickRate: 0 }, 'SIM');
  await gw.close();
  await me.connect({ tickRate: 0, seed: 2 }, 'SIM');
  await until(() => me.getContract('rb2501.SHFE') !== undefined, 'contracts');
  const id = me.sendOrder(
    {
      symbol: 'rb2501',
      exchange: Exchange.SHFE,
      direction: Direction.LONG,
      type: OrderType.MARKET,
      volume: 1,
      price: 0,
      offset: Offset.OPEN,
    },
    'SIM',
  );
  await until(() => me.getOrder(id)?.status === Status.ALLTRADED, 'the market order to fill');
  assert.ok(gw.exchange!.getAccount('SIM-CNY'), 'the new exchange has the account');
  await me.close();
});

test.run();
