// HBDM on coin-M swaps (product "coin-M swap") end to end against the HTX simulator's /swap-api paths and
// coin-M links: contracts of 100 USD, a tick with its turnover in USD, accounts in the coin, long and short
// held apart with open/close offsets, cancel, and a fill while the links are down reconciled once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData, OrderRequest, PositionData, TradeData } from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { HbdmGateway } from '../../../gateways/htx/index.js';
import type { HtxSim } from '../../../gateways/htx/sim/server.js';
import { until } from '../../helpers/wait.js';
import { quietSim } from './target.js';
import { hbdmCoinSettingFor, heldPosition, swapOrder } from './target-hbdm.js';

interface Session {
  me: MainEngine;
  sim: HtxSim;
  logs: LogData[];
  trades: TradeData[];
}

const open: Array<() => Promise<void>> = [];

async function session(extra: GatewaySetting = {}): Promise<Session> {
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  const trades: TradeData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.addGateway(HbdmGateway, 'HBDM');
  open.push(async () => {
    await me.close();
    await sim.close();
  });
  await me.connect(hbdmCoinSettingFor(sim, extra), 'HBDM');
  return { me, sim, logs, trades };
}

test.after.each(async () => {
  for (const close of open.splice(0)) await close();
});

const req = (direction: Direction, offset: Offset, price: number, volume: number): OrderRequest =>
  swapOrder('BTC-USD', direction, offset, price, volume);

const position = (me: MainEngine, direction: Direction): PositionData | undefined =>
  heldPosition(me, 'BTC-USD', direction);

test('contracts are coin-M: BTC-USD of 100 USD, no USDT-M contract is loaded', async () => {
  const s = await session();
  const c = s.me.getContract('BTC-USD.HUOBI');
  assert.ok(c, 'BTC-USD is listed');
  assert.is(c!.size, 100);
  assert.is(c!.pricetick, 0.1);
  assert.is(c!.currency, 'USD');
  assert.match(c!.name, /coin-M/);
  assert.is(s.me.getContract('BTC-USDT.HUOBI'), undefined, 'the USDT-M list is not read');
  assert.ok(
    s.logs.some((l) => /coin-M swaps/.test(l.msg)),
    'the log names the product',
  );
});

test('the account is the coin, its balance in the coin', async () => {
  const s = await session();
  await until(() => s.me.getAllAccounts().some((a) => a.accountid === 'BTC'), 'a BTC account');
  const btc = s.me.getAllAccounts().find((a) => a.accountid === 'BTC')!;
  assert.is(btc.currency, 'BTC');
  // The simulator's 1,000,000 USD wallet stated in BTC at 96,500.
  assert.ok(Math.abs(btc.balance - 1_000_000 / 96500) < 1e-6, `balance ${btc.balance}`);
});

test('a tick from /swap-ws: five levels, last, volume in contracts and turnover in USD', async () => {
  const s = await session();
  s.me.subscribe({ symbol: 'BTC-USD', exchange: Exchange.HUOBI }, 'HBDM');
  await until(() => (s.me.getTick('BTC-USD.HUOBI')?.bidPrice1 ?? 0) > 0, 'a tick with a bid');
  s.sim.exchange.crossFromMarket('BTC-USD', 'BUY', 200000, 3);
  await until(() => (s.me.getTick('BTC-USD.HUOBI')?.volume ?? 0) >= 3, 'volume counted');
  const t = s.me.getTick('BTC-USD.HUOBI')!;
  assert.ok(t.askPrice1 > t.bidPrice1, 'ask above bid');
  assert.ok(t.lastPrice > 0, 'a last price');
  assert.is(t.turnover, t.volume * 100, 'turnover is contracts × 100 USD');
});

test('open a long, open a short, close the long; cancel a resting order', async () => {
  const s = await session();
  const long = s.me.sendOrder(req(Direction.LONG, Offset.OPEN, 90000, 3), 'HBDM');
  await until(() => s.me.getOrder(long)?.status === Status.NOTTRADED, 'long open rests');
  s.sim.exchange.crossFromMarket('BTC-USD', 'SELL', 90000, 3);
  await until(() => position(s.me, Direction.LONG)?.volume === 3, 'long of 3 contracts');

  const short = s.me.sendOrder(req(Direction.SHORT, Offset.OPEN, 99000, 2), 'HBDM');
  await until(() => s.me.getOrder(short)?.status === Status.NOTTRADED, 'short open rests');
  s.sim.exchange.crossFromMarket('BTC-USD', 'BUY', 99000, 2);
  await until(() => position(s.me, Direction.SHORT)?.volume === 2, 'short of 2 contracts');
  assert.is(position(s.me, Direction.LONG)?.volume, 3, 'the long is untouched');

  const close = s.me.sendOrder(req(Direction.SHORT, Offset.CLOSE, 99100, 3), 'HBDM');
  await until(() => s.me.getOrder(close)?.status === Status.NOTTRADED, 'close rests');
  s.sim.exchange.crossFromMarket('BTC-USD', 'BUY', 99100, 3);
  await until(() => (position(s.me, Direction.LONG)?.volume ?? -1) === 0, 'long closed');
  assert.is(position(s.me, Direction.SHORT)?.volume, 2, 'the short stays');

  const resting = s.me.sendOrder(req(Direction.LONG, Offset.OPEN, 80000, 1), 'HBDM');
  await until(() => s.me.getOrder(resting)?.status === Status.NOTTRADED, 'resting');
  const o = s.me.getOrder(resting)!;
  s.me.cancelOrder({ orderid: o.orderid, symbol: o.symbol, exchange: o.exchange }, 'HBDM');
  await until(() => s.me.getOrder(resting)?.status === Status.CANCELLED, 'cancelled');
  assert.is(s.trades.length, 3, 'one trade per fill');
});

test('a fill while the links are down is reconciled after the reconnect, once', async () => {
  const s = await session();
  const id = s.me.sendOrder(req(Direction.LONG, Offset.OPEN, 90000, 4), 'HBDM');
  await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'rests');
  s.sim.exchange.crossFromMarket('BTC-USD', 'SELL', 90000, 1);
  await until(() => s.trades.length === 1, 'first fill pushed');
  const auths = s.sim.counts.auths;
  s.sim.setReachable(false);
  s.sim.exchange.crossFromMarket('BTC-USD', 'SELL', 90000, 2);
  s.sim.setReachable(true);
  await until(() => s.me.getOrder(id)?.traded === 3, 'the missed fill is reconciled');
  await until(() => position(s.me, Direction.LONG)?.volume === 3, 'position re-read');
  assert.ok(s.sim.counts.auths > auths, 'the notification link logged in again');
  assert.is(s.trades.length, 2, 'each fill once');
  assert.is(new Set(s.trades.map((t) => t.vtTradeid)).size, 2, 'distinct trade ids');
});

test('an unknown product is refused at connect with the choices named', async () => {
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  me.addGateway(HbdmGateway, 'HBDM');
  open.push(async () => {
    await me.close();
    await sim.close();
  });
  try {
    await me.connect(hbdmCoinSettingFor(sim, { product: 'options' }), 'HBDM');
    assert.unreachable('connected with an unknown product');
  } catch (error) {
    assert.match((error as Error).message, /USDT-M swap, coin-M swap/);
  }
  assert.is.not(me.getGateway('HBDM').status, GatewayStatus.CONNECTED);
});

test.run();
