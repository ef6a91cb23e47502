// TAP-specific behaviour on top of the conformance suite, against the simulated library through the real
// binding: contracts with the commodity's tick and size, five-level ticks named after the contract and
// moved by fills, option ticks per strike and right, MARKET and STOP orders as TAP's order types, long and
// short positions per side that go flat when closed, funds per currency, readable login and setting
// failures that never show a secret.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  GatewayStatus,
  Offset,
  OptionType,
  OrderType,
  Product,
  Status,
} from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData, OrderRequest, TickData } from '../../../src/core/object.js';
import { TapGateway } from '../../../gateways/tap/index.js';
import { until } from '../../helpers/wait.js';
import { startSim, type TapSim } from './target.js';

let sim: TapSim;
let me: MainEngine;
let logs: LogData[];
const SECRETS = ['AUTH-secret-code-1', 'quote-secret-pw', 'trade-secret-pw'];

function engine(): MainEngine {
  me = new MainEngine({ log: false });
  logs = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(TapGateway, 'TAP');
  return me;
}

async function connect(extra: Record<string, string | number> = {}): Promise<void> {
  sim = await startSim();
  engine();
  await me.connect(sim.setting(extra), 'TAP');
}

const order = (o: Partial<OrderRequest>): OrderRequest => ({
  symbol: 'GC2612',
  exchange: Exchange.COMEX,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 2,
  price: 1990,
  offset: Offset.NONE,
  ...o,
});

const status = (vtOrderid: string) => me.getOrder(vtOrderid)?.status;
const volume = (direction: Direction) => me.getPosition(`TAP.GC2612.COMEX.${direction}`)?.volume ?? 0;

test.after.each(async () => {
  if (me?.eventEngine.isActive) await me.close();
  await sim?.stop();
});

test('contracts: the commodity tick and size, names, futures on their exchanges', async () => {
  await connect();
  const gc = me.getContract('GC2612.COMEX')!;
  assert.is(gc.name, 'COMEX Gold 2612');
  assert.is(gc.product, Product.FUTURES);
  assert.is(gc.pricetick, 0.1);
  assert.is(gc.size, 100);
  assert.is(gc.stopSupported, true);
  const es = me.getContract('ES2612.CME')!;
  assert.is(es.pricetick, 0.25);
  assert.is(es.size, 50);
  assert.is(me.getGateway('TAP').status, GatewayStatus.CONNECTED);
  const usd = me.getAllAccounts().find((a) => a.gatewayName === 'TAP')!;
  assert.is(usd.accountid, 'T001.USD');
  assert.is(usd.currency, 'USD');
  assert.is(usd.balance, 1_000_000);
});

test('options: strike, right, underlying and expiry from QryContract; an option order fills and is held', async () => {
  await connect();
  const call = me.getContract('OG2612C2000.COMEX')!;
  assert.ok(call, 'the call is listed under its own symbol');
  assert.is(call.product, Product.OPTION);
  assert.is(call.optionType, OptionType.CALL);
  assert.is(call.optionStrike, 2000);
  assert.is(call.optionUnderlying, 'GC2612');
  assert.is(call.optionExpiry, Date.UTC(2026, 11, 28));
  assert.is(call.pricetick, 0.1);
  const put = me.getContract('OG2612P1950.COMEX')!;
  assert.is(put.optionType, OptionType.PUT);
  assert.is(put.optionStrike, 1950);
  assert.is(me.getContract('GC2612.COMEX')!.optionType, null);
  // The call's reference price is 35: a buy at 35 fills; the fill and the position name the call.
  const id = me.sendOrder(order({ symbol: 'OG2612C2000', price: 35, volume: 1 }), 'TAP');
  await until(() => status(id) === Status.ALLTRADED, 'the option order fills');
  await until(() => me.getAllTrades().some((t) => t.symbol === 'OG2612C2000'), 'the fill names the call');
  await until(
    () => me.getPosition(`TAP.OG2612C2000.COMEX.${Direction.LONG}`)?.volume === 1,
    'the position is held under the call, not the future',
  );
  assert.is(volume(Direction.LONG), 0);
});

test('ticks: five levels a tick apart, the contract name, and a fill moves the last price', async () => {
  await connect();
  const ticks: TickData[] = [];
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  me.subscribe({ symbol: 'GC2612', exchange: Exchange.COMEX }, 'TAP');
  await until(() => ticks.length > 0, 'the snapshot');
  const t = ticks[0]!;
  assert.is(t.name, 'COMEX Gold 2612');
  assert.is(t.lastPrice, 2000);
  assert.equal(
    [t.bidPrice1, t.bidPrice5, t.askPrice1, t.askPrice5].map((p) => Math.round(p * 10) / 10),
    [1999.9, 1999.5, 2000.1, 2000.5],
  );
  assert.equal([t.bidVolume1, t.askVolume5], [10, 14]);
  const buy = me.sendOrder(order({ price: 2001.5 }), 'TAP');
  await until(() => status(buy) === Status.ALLTRADED, 'a buy through the reference fills');
  await until(() => ticks.some((x) => x.volume === 2), 'the quote after the fill');
  assert.is(ticks[ticks.length - 1]!.lastPrice, 2000);
});

test('option ticks: each strike and right its own tick with the contract name; an option fill moves only its own', async () => {
  await connect();
  const ticks: TickData[] = [];
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  const of = (symbol: string) => ticks.filter((t) => t.symbol === symbol);
  for (const symbol of ['OG2612C2000', 'OG2612P1950', 'GC2612'])
    me.subscribe({ symbol, exchange: Exchange.COMEX }, 'TAP');
  await until(
    () => ['OG2612C2000', 'OG2612P1950', 'GC2612'].every((s) => of(s).length > 0),
    'three snapshots',
  );
  const call = of('OG2612C2000')[0]!;
  assert.is(call.vtSymbol, 'OG2612C2000.COMEX');
  assert.is(call.name, 'COMEX Gold Option 2612 C2000');
  assert.is(call.lastPrice, 35);
  assert.equal(
    [call.bidPrice1, call.bidPrice5, call.askPrice1, call.askPrice5].map((p) => Math.round(p * 10) / 10),
    [34.9, 34.5, 35.1, 35.5],
  );
  const put = of('OG2612P1950')[0]!;
  assert.is(put.name, 'COMEX Gold Option 2612 P1950');
  assert.is(put.lastPrice, 20);
  // A buy of the call above its reference fills at 35: the call's quote moves, the put's and the future's not.
  const id = me.sendOrder(order({ symbol: 'OG2612C2000', price: 35.2, volume: 1 }), 'TAP');
  await until(() => status(id) === Status.ALLTRADED, 'the option order fills');
  await until(() => of('OG2612C2000').some((t) => t.volume === 1), "the call's quote after the fill");
  assert.is(of('OG2612C2000').at(-1)!.lastPrice, 35);
  assert.ok(
    [...of('OG2612P1950'), ...of('GC2612')].every((t) => t.volume === 0),
    'no other contract traded',
  );
});

test('an option subscribed after its underlying future prices its first tick from the future at once', async () => {
  await connect();
  const ticks: TickData[] = [];
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  me.subscribe({ symbol: 'GC2612', exchange: Exchange.COMEX }, 'TAP');
  await until(() => ticks.some((t) => t.symbol === 'GC2612'), "the future's snapshot");
  me.subscribe({ symbol: 'OG2612P1950', exchange: Exchange.COMEX }, 'TAP');
  await until(() => ticks.some((t) => t.symbol === 'OG2612P1950'), "the put's snapshot");
  assert.is(ticks.find((t) => t.symbol === 'OG2612P1950')!.underlyingPrice, 2000);
});

test("option ticks carry the underlying future's last price; the future's ticks reach the user once subscribed", async () => {
  await connect();
  const ticks: TickData[] = [];
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  const of = (symbol: string) => ticks.filter((t) => t.symbol === symbol);
  me.subscribe({ symbol: 'OG2612C2000', exchange: Exchange.COMEX }, 'TAP');
  await until(() => of('OG2612C2000').length > 0, "the call's snapshot");
  // The gateway subscribed GC2612 (the call's underlying) first: its snapshot priced the call's.
  assert.is(of('OG2612C2000')[0]!.underlyingPrice, 2000);
  assert.is(of('GC2612').length, 0, 'the future was not asked for');
  // A counterparty fills a resting buy of the future at 1990: the future's last moves.
  const rest = me.sendOrder(order({ price: 1990, volume: 2 }), 'TAP');
  await until(() => status(rest) === Status.NOTTRADED, 'the buy rests');
  await sim.control('fill B 1990 2');
  await until(() => status(rest) === Status.ALLTRADED, 'the counterparty fills it');
  // The call's next tick (after its own fill) carries the future's new last price.
  const id = me.sendOrder(order({ symbol: 'OG2612C2000', price: 35.2, volume: 1 }), 'TAP');
  await until(() => status(id) === Status.ALLTRADED, 'the option order fills');
  await until(() => of('OG2612C2000').some((t) => t.volume === 1), "the call's quote after the fill");
  assert.is(of('OG2612C2000').at(-1)!.underlyingPrice, 1990);
  assert.is(of('GC2612').length, 0);
  // Subscribing the future now gives its last tick at once; a future's tick has no underlying price.
  me.subscribe({ symbol: 'GC2612', exchange: Exchange.COMEX }, 'TAP');
  await until(() => of('GC2612').length > 0, "the future's last tick");
  assert.is(of('GC2612')[0]!.lastPrice, 1990);
  assert.is(of('GC2612')[0]!.underlyingPrice, undefined);
});

test('orders: MARKET fills, STOP rests with its trigger; long and short positions, flat when closed', async () => {
  await connect();
  const market = me.sendOrder(order({ type: OrderType.MARKET, price: 0, volume: 3 }), 'TAP');
  await until(() => status(market) === Status.ALLTRADED, 'the market order fills');
  assert.is(me.getOrder(market)!.type, OrderType.MARKET);
  await until(() => volume(Direction.LONG) === 3, 'three long');
  const stop = me.sendOrder(order({ type: OrderType.STOP, price: 2100, volume: 1 }), 'TAP');
  await until(() => status(stop) === Status.NOTTRADED, 'the stop rests');
  assert.is(me.getOrder(stop)!.type, OrderType.STOP);
  assert.is(me.getOrder(stop)!.price, 2100);
  const close = me.sendOrder(order({ direction: Direction.SHORT, price: 1999, volume: 3 }), 'TAP');
  await until(() => status(close) === Status.ALLTRADED, 'the sell fills');
  await until(() => volume(Direction.LONG) === 0, 'the long goes flat');
  const short = me.sendOrder(order({ direction: Direction.SHORT, price: 1999, volume: 2 }), 'TAP');
  await until(() => status(short) === Status.ALLTRADED, 'a second sell fills');
  await until(() => volume(Direction.SHORT) === 2, 'two short');
  const trades = me.getAllTrades().filter((t) => t.gatewayName === 'TAP');
  assert.is(trades.length, 3);
  assert.is(new Set(trades.map((t) => t.vtTradeid)).size, 3);
});

test('a refused login rejects connect with the TAP code; no secret reaches a log or an error', async () => {
  sim = await startSim();
  engine();
  let message = '';
  await me.connect(sim.setting({ trade_password: '' }), 'TAP').catch((e: Error) => (message = e.message));
  assert.match(message, /TAP trade login refused: \[10001\]/);
  assert.is(me.getGateway('TAP').status, GatewayStatus.DISCONNECTED);
  await me.close();
  await sim.stop();
  await connect();
  me.sendOrder(order({}), 'TAP');
  await until(() => logs.length > 3, 'some logs');
  for (const l of logs)
    for (const s of SECRETS) assert.not.ok(l.msg.includes(s), `"${l.msg}" shows a secret`);
});

test('settings: empty fields, bad ports and missing libraries are named before anything loads', async () => {
  sim = await startSim();
  engine();
  const tries: [Record<string, string | number>, RegExp][] = [
    [{ auth_code: '' }, /"auth_code" is empty/],
    [{ quote_port: 0 }, /"quote_port" must be a port number/],
    [{ trade_library: '/nonexistent/libiTapTradeAPI.so' }, /TAP trade library .* does not exist/],
    [{ trade_library: '', quote_library: '' }, /"library_folder" is empty/],
  ];
  for (const [extra, why] of tries) {
    let message = '';
    await me.connect(sim.setting(extra), 'TAP').catch((e: Error) => (message = e.message));
    assert.match(message, why);
    for (const s of SECRETS) assert.not.ok(message.includes(s));
  }
});

test.run();
