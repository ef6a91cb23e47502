// TORA-specific behaviour on top of the conformance suite, against the simulated 4.1.6 library through the
// real binding: Chinese names and products, T+1 (today's purchases are not sellable; ydVolume is what is),
// MARKET orders on both exchanges, trade ids that cannot collide between SSE and SZSE, TORA error codes with
// their Chinese messages in statusMsg and the log, five-level ticks in order, readable login and setting
// failures without secrets.
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
import type { LogData, OrderRequest } from '../../../src/core/object.js';
import { ToraGateway } from '../../../gateways/tora/index.js';
import { until } from '../../helpers/wait.js';
import { startSim, type ToraSim } from './sim.js';

let sim: ToraSim;
let me: MainEngine;
let logs: LogData[];

async function connect(prepare: string[] = []): Promise<void> {
  sim = await startSim({ version: '4.1.6' });
  for (const c of prepare) await sim.control(c);
  me = new MainEngine({ log: false });
  logs = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(ToraGateway, 'TORA');
  await me.connect(sim.setting(), 'TORA');
}

const order = (o: Partial<OrderRequest>): OrderRequest => ({
  symbol: '600000',
  exchange: Exchange.SSE,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 100,
  price: 9.9,
  offset: Offset.NONE,
  ...o,
});

const status = (vtOrderid: string) => me.getOrder(vtOrderid)?.status;
const position = (vtSymbol: string) => me.getPosition(`TORA.${vtSymbol}.NET`);

test.after.each(async () => {
  if (me?.eventEngine.isActive) await me.close();
});

test('contracts: Chinese (GBK) names, stock/ETF/bond products, lots, both exchanges', async () => {
  await connect();
  assert.is(me.getAllContracts().length, 6);
  const pf = me.getContract('600000.SSE')!;
  assert.is(pf.name, '浦发银行');
  assert.is(pf.product, Product.EQUITY);
  assert.is(pf.pricetick, 0.01);
  assert.is(pf.minVolume, 100);
  assert.ok(pf.netPosition);
  assert.is(me.getContract('000001.SZSE')!.name, '平安银行');
  assert.is(me.getContract('510050.SSE')!.product, Product.ETF);
  assert.is(me.getContract('019547.SSE')!.product, Product.BOND);
  assert.is(me.getContract('128136.SZSE')!.volumeStep, 10);
});

test("T+1: shares bought today are held but not sellable; selling more than yesterday's is REJECTED [18]", async () => {
  await connect(['position SSE 600000 300 0 9.5']);
  assert.is(position('600000.SSE')!.volume, 300);
  assert.is(position('600000.SSE')!.ydVolume, 300);
  const buy = me.sendOrder(order({ price: 10.01, volume: 200 }), 'TORA');
  await until(() => status(buy) === Status.ALLTRADED, 'the buy fills at the ask');
  await until(() => position('600000.SSE')?.volume === 500, 'the position grows to 500');
  assert.is(position('600000.SSE')!.ydVolume, 300, 'only yesterday is sellable');
  const tooMany = me.sendOrder(order({ direction: Direction.SHORT, price: 10, volume: 400 }), 'TORA');
  await until(() => status(tooMany) === Status.REJECTED, 'the oversized sell is rejected');
  assert.is(me.getOrder(tooMany)!.statusMsg, '[18] 可卖数量不足');
  await until(() => logs.some((l) => l.msg.includes('[18] 可卖数量不足')), 'the reason in the log');
  const sell = me.sendOrder(order({ direction: Direction.SHORT, price: 10, volume: 300 }), 'TORA');
  await until(() => status(sell) === Status.ALLTRADED, 'selling yesterday’s 300 fills');
  await until(() => position('600000.SSE')?.volume === 200, 'position 200 after the sell');
  assert.is(position('600000.SSE')!.ydVolume, 0);
  // The next day today's purchase settles and becomes sellable.
  await sim.control('new_day');
  me.getGateway('TORA').queryPosition();
  await until(() => position('600000.SSE')?.ydVolume === 200, 'sellable after the new day');
});

test('MARKET orders fill on SSE and SZSE; equal TORA trade numbers of two exchanges stay two trades', async () => {
  await connect();
  const sse = me.sendOrder(order({ type: OrderType.MARKET, price: 0 }), 'TORA');
  await until(() => status(sse) === Status.ALLTRADED, 'SSE market order filled');
  const szse = me.sendOrder(
    order({ symbol: '000001', exchange: Exchange.SZSE, type: OrderType.MARKET, price: 0 }),
    'TORA',
  );
  await until(() => status(szse) === Status.ALLTRADED, 'SZSE market order filled');
  assert.is(me.getOrder(sse)!.type, OrderType.MARKET);
  const trades = me.getAllTrades();
  assert.is(trades.find((t) => t.vtOrderid === sse)!.price, 10.01, 'bought at the ask');
  assert.is(trades.find((t) => t.vtOrderid === szse)!.price, 12.01);
  assert.is(new Set(trades.map((t) => t.vtTradeid)).size, trades.length, 'trade ids are distinct');
  assert.ok(
    trades.every((t) => /^(SSE|SZSE)-\d+$/.test(t.tradeid)),
    'trade ids name the exchange',
  );
});

test('an odd-lot buy is refused before it is sent; a buy beyond the cash is REJECTED with TORA’s [17]', async () => {
  await connect();
  assert.throws(() => me.sendOrder(order({ volume: 150 }), 'TORA'), /lot size 100/);
  const rich = me.sendOrder(order({ volume: 1_000_000, price: 10 }), 'TORA');
  await until(() => status(rich) === Status.REJECTED, 'not enough cash');
  assert.is(me.getOrder(rich)!.statusMsg, '[17] 可用资金不足');
});

test('ticks carry five levels, the Chinese name, and a burst from the library thread arrives in order', async () => {
  await connect();
  const volumes: number[] = [];
  me.eventEngine.register('tick', (e) => volumes.push(e.data.volume));
  me.subscribe({ symbol: '000001', exchange: Exchange.SZSE }, 'TORA');
  await until(() => volumes.length === 1, 'the snapshot tick');
  const t = me.getTick('000001.SZSE')!;
  assert.is(t.name, '平安银行');
  assert.equal([t.bidPrice1, t.bidPrice5, t.askPrice1, t.askPrice5], [12, 11.96, 12.01, 12.05]);
  assert.ok(t.bidVolume5 > 0 && t.askVolume5 > 0, 'level-5 volumes');
  await sim.control('burst 3000');
  await until(() => volumes.length === 3001, '3000 more ticks');
  // The simulator numbers its ticks in Volume.
  for (let i = 1; i < volumes.length; i++)
    assert.is(volumes[i], volumes[i - 1]! + 1, `tick ${i} in sequence`);
});

test('a failed cancel reaches the log once with its TORA id and Chinese message', async () => {
  await connect();
  me.getGateway('TORA').cancelOrder({ orderid: '1_999_77', symbol: '600000', exchange: Exchange.SSE });
  await until(() => logs.some((l) => l.msg.includes('[20] 撤单找不到相应报单')), 'the cancel error');
  me.getGateway('TORA').cancelOrder({ orderid: 'garbage', symbol: '600000', exchange: Exchange.SSE });
  await until(() => logs.some((l) => l.msg.includes('cannot cancel garbage')), 'a bad id is named');
  assert.is(logs.filter((l) => l.msg.includes('[20]')).length, 1, 'logged once');
});

test('connect rejects readably on a TORA login error and leaks no secret', async () => {
  sim = await startSim({ version: '4.1.6' });
  await sim.control('login_error 3 用户名或密码错误');
  me = new MainEngine({ log: false });
  logs = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(ToraGateway, 'TORA');
  const error = await me.connect(sim.setting(), 'TORA').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.ok(error.includes('[3] 用户名或密码错误'), error);
  assert.is(me.getGateway('TORA').status, GatewayStatus.DISCONNECTED);
  const everything = [error, ...logs.map((l) => l.msg)].join('\n');
  assert.not.ok(everything.includes('pw-secret-789'), 'no password');
  assert.not.ok(everything.includes('dyn-secret-321'), 'no dynamic password');
});

test('bad settings are refused before anything loads, each with the field named', async () => {
  sim = await startSim({ version: '4.1.6' });
  me = new MainEngine({ log: false });
  me.addGateway(ToraGateway, 'TORA');
  const cases: [Record<string, string>, RegExp][] = [
    [{ td_library: '' }, /"td_library" is empty/],
    [{ md_library: '/no/such/libxmdapi.so' }, /"md_library": no file at \/no\/such/],
    [{ account: '' }, /"account" is empty/],
    [{ account_type: 'nonsense' }, /account_type/],
  ];
  for (const [extra, re] of cases) {
    const error = await me.connect(sim.setting(extra), 'TORA').then(
      () => '',
      (e: Error) => e.message,
    );
    assert.match(error, re);
  }
  assert.is(me.getGateway('TORA').status, GatewayStatus.DISCONNECTED);
});

test.run();
