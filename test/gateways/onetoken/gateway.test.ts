// The ONETOKEN gateway's own behaviour against `vnt sim onetoken`: refusals, lost replies, rate limits, the
// 50-contracts-per-link rule, the 30 s idle rule and two gateways sharing one OT key.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { OrderRequest } from '../../../src/core/object.js';
import { OnetokenGateway } from '../../../gateways/onetoken/index.js';
import type { OnetokenSim, OnetokenSimOptions } from '../../../gateways/onetoken/sim/server.js';
import { until } from '../../helpers/wait.js';
import { quietSim, settingFor } from './target.js';

const buy = (price = 90000, volume = 0.002, symbol = 'btc.usdt'): OrderRequest => ({
  symbol,
  exchange: Exchange.HUOBI,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  price,
  volume,
  offset: Offset.NONE,
});

async function session(
  opts: OnetokenSimOptions = {},
  setting: Record<string, string | number> = {},
): Promise<{ sim: OnetokenSim; me: MainEngine; logs: string[]; done: () => Promise<void> }> {
  const sim = await quietSim(opts);
  const me = new MainEngine({ log: false });
  const logs: string[] = [];
  me.eventEngine.register('log', (e) => void logs.push(e.data.msg));
  me.addGateway(OnetokenGateway);
  await me.connect({ ...settingFor(sim), ...setting }, 'ONETOKEN');
  return {
    sim,
    me,
    logs,
    done: async () => {
      await me.close();
      await sim.close();
    },
  };
}

test('a wrong secret fails the connect with a reason a person can act on, never the secret', async () => {
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  me.addGateway(OnetokenGateway);
  const secret = 'a-wrong-secret-1234567890';
  try {
    await me.connect({ ...settingFor(sim), secret }, 'ONETOKEN');
    assert.unreachable('connected with a wrong secret');
  } catch (error) {
    const msg = (error as Error).message;
    assert.match(msg, /refused|invalid-api-key/);
    assert.match(msg, /OT key, secret and account/);
    assert.not.match(msg, new RegExp(secret));
  }
  assert.is(me.getGateway('ONETOKEN').status, GatewayStatus.DISCONNECTED);
  await me.close();
  await sim.close();
});

test('an unknown account fails the connect naming the account problem in plain words', async () => {
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  me.addGateway(OnetokenGateway);
  const msg = await me
    .connect({ ...settingFor(sim), account: 'no-such-account' }, 'ONETOKEN')
    .then(() => 'connected')
    .catch((e: Error) => e.message);
  assert.match(msg, /invalid-account-config: unknown account/);
  assert.not.match(msg, /\[object Object\]/);
  assert.ok(!msg.includes(sim.credentials.secret), 'no secret in the message');
  assert.is(me.getGateway('ONETOKEN').status, GatewayStatus.DISCONNECTED);
  await me.close();
  await sim.close();
});

test("a venue refusal is REJECTED with 1Token's code and message, in statusMsg and the log", async () => {
  const s = await session();
  s.sim.rejectNext('exg-place-order-no-money', 'not enough usdt');
  const id = s.me.sendOrder(buy(), 'ONETOKEN');
  await until(() => s.me.getOrder(id)?.status === Status.REJECTED, 'REJECTED');
  assert.is(s.me.getOrder(id)!.statusMsg, 'exg-place-order-no-money: not enough usdt');
  assert.ok(
    s.logs.some((l) => l.includes('exg-place-order-no-money')),
    'logged',
  );
  await s.done();
});

test('a placement refused by the rate limit (429) is REJECTED and not placed', async () => {
  const s = await session();
  s.sim.rateLimitNext(1);
  const id = s.me.sendOrder(buy(), 'ONETOKEN');
  await until(() => s.me.getOrder(id)?.status === Status.REJECTED, 'REJECTED');
  assert.match(s.me.getOrder(id)!.statusMsg, /exg-rate-limit-exceeded/);
  const account = s.sim.accountId('huobip');
  assert.is(s.sim.exchanges.get('huobip')!.getOpenOrders(account).length, 0, 'nothing rests at the venue');
  await s.done();
});

test('a placement whose reply is lost is found by its client_oid and never sent twice', async () => {
  const s = await session();
  s.sim.losePlacement('after');
  const id = s.me.sendOrder(buy(), 'ONETOKEN');
  await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'the order found as NOTTRADED');
  const account = s.sim.accountId('huobip');
  const orderid = s.me.getOrder(id)!.orderid;
  const atVenue = s.sim.exchanges
    .get('huobip')!
    .getOrders(account)
    .filter((o) => o.clientOrderId.endsWith(orderid));
  assert.is(atVenue.length, 1, 'exactly one order at the venue');
  await s.done();
});

test('a placement that never reached the venue becomes REJECTED after the lookups, and is not resent', async () => {
  const s = await session();
  s.sim.losePlacement('before');
  const id = s.me.sendOrder(buy(), 'ONETOKEN');
  await until(() => s.me.getOrder(id)?.status === Status.REJECTED, 'REJECTED');
  assert.match(s.me.getOrder(id)!.statusMsg, /never received/);
  assert.is(s.sim.exchanges.get('huobip')!.getOrders(s.sim.accountId('huobip')).length, 0);
  await s.done();
});

test('a fill arrives once as a trade with the venue trade id, and the order and account follow it', async () => {
  const s = await session();
  const id = s.me.sendOrder(buy(), 'ONETOKEN');
  await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'NOTTRADED');
  s.sim.exchanges.get('huobip')!.crossFromMarket('btc.usdt', 'SELL', 90000, 0.001);
  await until(() => s.me.getAllTrades().length === 1, 'one trade');
  s.sim.exchanges.get('huobip')!.crossFromMarket('btc.usdt', 'SELL', 90000, 0.001);
  await until(() => s.me.getOrder(id)?.status === Status.ALLTRADED, 'ALLTRADED');
  await until(() => s.me.getAllTrades().length === 2, 'two trades');
  const trades = s.me.getAllTrades();
  assert.ok(
    trades.every((t) => t.vtTradeid.startsWith('ONETOKEN.huobip/btc.usdt-')),
    'venue trade ids',
  );
  assert.is(new Set(trades.map((t) => t.vtTradeid)).size, 2);
  await until(
    () => (s.me.getAllPositions().find((p) => p.vtSymbol === 'btc.usdt.HUOBI')?.volume ?? 0) > 10,
    'the BTC holding to grow past 10',
  );
  await s.done();
});

test('more than 50 subscriptions open a second tick connection, and its contracts tick', async () => {
  const s = await session({ extraPairs: 51 });
  const gw = s.me.getGateway('ONETOKEN') as OnetokenGateway;
  for (let i = 1; i <= 51; i++)
    s.me.subscribe({ symbol: `c${i}.usdt`, exchange: Exchange.HUOBI }, 'ONETOKEN');
  await until(() => gw.tickLinkCount === 2, 'a second tick link');
  await until(() => s.me.getTick('c51.usdt.HUOBI') !== undefined, 'a tick of the 51st contract');
  await until(() => s.me.getTick('c1.usdt.HUOBI') !== undefined, 'a tick of the first contract');
  await s.done();
});

test("the gateway's pings keep both streams open past 1Token's idle rule", async () => {
  const s = await session({ idleMs: 400 }, { pingMs: 100 });
  const acceptedAtStart = s.sim.accepted();
  await until(() => (s.sim.sentCount.get('pong') ?? 0) >= 20, 'twenty pongs (several idle periods)');
  assert.is(s.sim.accepted(), acceptedAtStart, 'no stream was closed and reopened');
  assert.is(s.me.getGateway('ONETOKEN').status, GatewayStatus.CONNECTED);
  await s.done();
});

test('a bandwidth notice closes the streams; they come back and ticks resume', async () => {
  const s = await session();
  s.me.subscribe({ symbol: 'btc.usdt', exchange: Exchange.HUOBI }, 'ONETOKEN');
  await until(() => s.me.getTick('btc.usdt.HUOBI') !== undefined, 'a tick');
  const accepted = s.sim.accepted();
  s.sim.exceedBandwidth();
  await until(() => s.sim.accepted() >= accepted + 2, 'both streams reconnected');
  await until(() => s.me.getGateway('ONETOKEN').status === GatewayStatus.CONNECTED, 'CONNECTED');
  const before = s.sim.sentCount.get('single-tick-verbose') ?? 0;
  await until(() => (s.sim.sentCount.get('single-tick-verbose') ?? 0) > before, 'ticks resume');
  assert.ok(
    s.logs.some((l) => l.includes('rate-limit-exceed')),
    'the notice is logged',
  );
  await s.done();
});

test('two gateways on one OT key (two exchanges) send at once: every request is accepted, none mixes', async () => {
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  const logs: string[] = [];
  me.eventEngine.register('log', (e) => void logs.push(e.data.msg));
  me.addGateway(OnetokenGateway, 'OT_HUOBIP');
  me.addGateway(OnetokenGateway, 'OT_BINANCE');
  await Promise.all([
    me.connect({ ...settingFor(sim, 'HUOBIP') }, 'OT_HUOBIP'),
    me.connect({ ...settingFor(sim, 'BINANCE') }, 'OT_BINANCE'),
  ]);
  const ids: string[] = [];
  for (let i = 0; i < 15; i++) {
    ids.push(me.sendOrder({ ...buy(90000 + i), exchange: Exchange.HUOBI }, 'OT_HUOBIP'));
    ids.push(me.sendOrder({ ...buy(90000 + i), exchange: Exchange.BINANCE }, 'OT_BINANCE'));
  }
  await until(
    () =>
      ids.every(
        (id) => me.getOrder(id)?.status === Status.NOTTRADED || me.getOrder(id)?.status === Status.REJECTED,
      ),
    'every order answered',
  );
  const rejected = ids.map((id) => me.getOrder(id)!).filter((o) => o.status === Status.REJECTED);
  assert.equal(
    rejected.map((o) => o.statusMsg),
    [],
    'no request was refused (a nonce collision would be)',
  );
  assert.is(sim.exchanges.get('huobip')!.getOpenOrders(sim.accountId('huobip')).length, 15);
  assert.is(sim.exchanges.get('binance')!.getOpenOrders(sim.accountId('binance')).length, 15);
  await me.close();
  await sim.close();
});

test.run();
