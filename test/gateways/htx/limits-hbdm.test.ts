// HBDM's per-UID limits (HTX's "API Rate Limit Illustration": Trade and Read calls each at most 72 per 3 s on
// USDT-M, 36 on coin-M; 1032 past it; ratelimit-limit/-interval/-remaining/-reset on every reply): the meter
// holds calls back before sending, learns the budget from the headers, and rides out a 1032 earned by
// another client of the same key; the simulator enforces the budget and sends the headers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Offset, Status } from '../../../src/core/constant.js';
import { UidLimiter, kindOf, limiterFor } from '../../../gateways/htx/hbdm/limits.js';
import { until } from '../../helpers/wait.js';
import { quietSim } from './target.js';
import { hbdmSession, hbdmSettingFor, openBuyParams, swapOrder, type HbdmSession } from './target-hbdm.js';
import { HtxRest } from '../../../gateways/htx/client.js';

const flush = () => new Promise((r) => setImmediate(r));

/** The meter's timers are unref'd (they must not hold a closing process); a bare unit test holds itself. */
async function held<T>(work: () => Promise<T>): Promise<T> {
  const keep = setInterval(() => undefined, 1000);
  try {
    return await work();
  } finally {
    clearInterval(keep);
  }
}

test('Trade calls are the placing and cancelling ones; the rest are Read', () => {
  for (const p of [
    '/linear-swap-api/v1/swap_order',
    '/linear-swap-api/v1/swap_cross_cancel',
    '/api/v1/contract_order',
    '/swap-api/v1/swap_cancel',
  ])
    assert.is(kindOf(p), 'trade', p);
  for (const p of [
    '/linear-swap-api/v1/swap_cross_order_info',
    '/linear-swap-api/v1/swap_account_info',
    '/api/v1/contract_openorders',
    '/swap-api/v1/swap_matchresults',
  ])
    assert.is(kindOf(p), 'read', p);
});

test('the meter lets `limit` calls of a kind out at once and holds the next until one leaves the interval', () =>
  held(async () => {
    const meter = new UidLimiter(3, 200);
    const done: string[] = [];
    const calls = [0, 1, 2, 3].map((i) => meter.acquire('trade').then(() => done.push(`t${i}`)));
    await meter.acquire('read');
    await flush();
    assert.equal(
      done,
      ['t0', 't1', 't2'],
      'three trades at once, the fourth held; reads have their own budget',
    );
    await Promise.all(calls);
    assert.is(done.length, 4);
    assert.is(meter.waits, 1, 'one call waited');
  }));

test('a reply saying nothing remains holds the kind until its reset; the headers set the limit', () =>
  held(async () => {
    const meter = new UidLimiter(72, 3000);
    meter.observe('read', { limit: 2, intervalMs: 300, remaining: 0, resetAt: Date.now() + 150 });
    assert.is(meter.limitOf('read'), 2);
    let out = false;
    const waiting = meter.acquire('read').then(() => (out = true));
    await flush();
    assert.is(out, false, 'held while the venue says the budget is spent');
    await waiting;
    assert.is(meter.waits, 1);
  }));

test('the simulator counts Trade and Read apart, refuses past the budget with 1032 and says so in headers', async () => {
  const sim = await quietSim();
  try {
    sim.setHbdmRateLimit(3, 60_000);
    const rest = new HtxRest({
      baseUrl: sim.restUrl,
      accessKey: sim.credentials.accessKey,
      secret: sim.credentials.secret,
    });
    const read = () => rest.post<unknown>('/linear-swap-api/v1/swap_account_info', {}, true);
    for (let i = 0; i < 3; i++) await read();
    assert.is(rest.http.usage.get('ratelimit-remaining'), 0);
    assert.is(rest.http.usage.get('ratelimit-limit'), 3);
    assert.is(rest.http.usage.get('ratelimit-interval'), 60_000);
    assert.ok((rest.http.usage.get('ratelimit-reset') ?? 0) > Date.now(), 'the reset is ahead (epoch ms)');
    try {
      await read();
      assert.unreachable('a fourth read within the interval');
    } catch (error) {
      assert.match((error as Error).message, /exceeded the limit.*1032/);
    }
    const placed = await rest.post<{ order_id_str: string }>(
      '/linear-swap-api/v1/swap_order',
      openBuyParams('BTC-USDT', '9101', 90000, 1),
      false,
    );
    assert.ok(placed.order_id_str, 'a Trade call still has its own budget');
    assert.is(sim.counts.rateRefusals, 1);
    await read().catch(() => undefined);
    // The coin-M APIs keep their own budgets.
    await rest.post<unknown>('/swap-api/v1/swap_account_info', {}, true);
    assert.is(sim.counts.rateRefusals, 2);
  } finally {
    await sim.close();
  }
});

const sessions: HbdmSession[] = [];
test.after.each(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

test('a burst of orders past the budget is paced by the meter: every order rests, no 1032', async () => {
  const s = await hbdmSession(hbdmSettingFor);
  sessions.push(s);
  s.sim.setHbdmRateLimit(3, 2000);
  const send = (price: number) =>
    s.me.sendOrder(swapOrder('BTC-USDT', Direction.LONG, Offset.OPEN, price, 1), 'HBDM');
  // The first reply teaches the meter the Trade budget (HTX states it on every reply).
  const first = send(80000);
  await until(() => s.me.getOrder(first)?.status === Status.NOTTRADED, 'the first order rests');
  const burst = Array.from({ length: 7 }, (_, i) => send(80001 + i));
  await until(
    () => burst.every((vt) => s.me.getOrder(vt)?.status === Status.NOTTRADED),
    'every order of the burst rests',
  );
  assert.is(s.sim.counts.rateRefusals, 0, 'HTX never had to refuse');
  const meter = limiterFor(s.sim.credentials.accessKey, 'usdt-swap', s.sim.restUrl);
  assert.is(meter.limitOf('trade'), 3, 'the budget learnt from the headers');
  assert.ok(meter.waits > 0, 'calls were held back');
});

test('a 1032 earned by another client of the key: the query waits out the interval and is asked again', async () => {
  const s = await hbdmSession(hbdmSettingFor);
  sessions.push(s);
  s.sim.setHbdmRateLimit(2, 1500);
  // Another client of the same key spends the Read budget.
  const other = new HtxRest({
    baseUrl: s.sim.restUrl,
    accessKey: s.sim.credentials.accessKey,
    secret: s.sim.credentials.secret,
  });
  for (let i = 0; i < 2; i++) await other.post('/linear-swap-api/v1/swap_account_info', {}, true);
  const accounts = s.me.getAllAccounts().length;
  let pushed = 0;
  s.me.eventEngine.register('account', () => (pushed += 1));
  s.me.getGateway('HBDM').queryAccount();
  await until(() => pushed > 0, 'the account query answered after the wait');
  assert.ok(s.sim.counts.rateRefusals >= 1, 'HTX refused once');
  assert.is(s.me.getAllAccounts().length, accounts);
  assert.ok(!s.logs.some((l) => /account query failed/.test(l.msg)), 'no failure logged');
});

test.run();
