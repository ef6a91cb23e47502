// Open interest in HBDM ticks: the market links carry none, so the gateway polls the product's public
// open-interest call (swap_open_interest, USDT-M futures by business_type; contract_open_interest for coin-M
// futures) and pushes each changed figure with the contract's tick; a failing poll is logged once. The
// simulator's replies are held to HTX's documented examples.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange, LogLevel } from '../../../src/core/constant.js';
import * as doc from '../../fixtures/hbdm-messages.js';
import { until } from '../../helpers/wait.js';
import { agrees as agreesWith, quietSim, signedRest } from './target.js';
import { HBDM_CASES, btcUsdtQuarter, hbdmSession, hbdmSettingFor, type HbdmSession } from './target-hbdm.js';

const agrees = (what: string, served: unknown, documented: string): void =>
  agreesWith(what, served, JSON.parse(documented));

test('documented open interest: USDT-M swaps and futures, coin-M swaps, coin-M futures', async () => {
  const sim = await quietSim();
  try {
    const raw = signedRest(sim);
    const get = (path: string, q: Record<string, string> = {}) => raw('GET', path, q, false);
    const usdt = '/linear-swap-api/v1/swap_open_interest';
    const swaps = (await get(usdt)) as { data: Array<{ business_type: string }> };
    assert.ok(
      swaps.data.length > 0 && swaps.data.every((x) => x.business_type === 'swap'),
      'swaps by default',
    );
    agrees('GET swap_open_interest', swaps, doc.USDT_OPEN_INTEREST);
    const fut = (await get(usdt, { business_type: 'futures' })) as { data: unknown[] };
    assert.is(fut.data.length, 3, 'the three USDT-M futures');
    agrees('GET swap_open_interest?business_type=futures', fut, doc.USDT_FUT_OPEN_INTEREST);
    const one = (await get(usdt, { contract_code: btcUsdtQuarter() })) as { data: unknown[] };
    assert.is(one.data.length, 1, 'one future by its code');
    const all = (await get(usdt, { business_type: 'all' })) as { data: unknown[] };
    assert.is(all.data.length, swaps.data.length + 3, 'each contract once');
    const coin = (await get('/swap-api/v1/swap_open_interest')) as { data: unknown[] };
    assert.is(coin.data.length, 2, 'both coin-M swaps');
    agrees('GET /swap-api swap_open_interest', coin, doc.COIN_OPEN_INTEREST);
    const futures = (await get('/api/v1/contract_open_interest')) as { data: unknown[] };
    assert.is(futures.data.length, 3, 'the three coin-M futures');
    agrees('GET contract_open_interest', futures, doc.FUT_OPEN_INTEREST);
  } finally {
    await sim.close();
  }
});

const sessions: HbdmSession[] = [];
test.after.each(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

// Cross margin has the same contracts and calls as the isolated swaps; the four products suffice.
const cases = HBDM_CASES.filter((c) => c.what !== 'USDT-M swap (cross)');

for (const c of cases)
  test(`${c.what}: the tick carries the open interest and follows its change`, async () => {
    const s = await hbdmSession(c.settingOf, { openInterestMs: 1000 });
    sessions.push(s);
    const code = c.code();
    s.me.subscribe({ symbol: code, exchange: Exchange.HUOBI }, 'HBDM');
    await until(() => s.me.getTick(`${code}.HUOBI`)?.openInterest === 1000, 'the listed open interest');
    c.venue(s.sim).setOpenInterest(code, 4321);
    await until(() => s.me.getTick(`${code}.HUOBI`)?.openInterest === 4321, 'the changed open interest');
  });

test('a failing open-interest poll is logged once, and its recovery once', async () => {
  const s = await hbdmSession(hbdmSettingFor, { openInterestMs: 1000 });
  sessions.push(s);
  s.me.subscribe({ symbol: 'BTC-USDT', exchange: Exchange.HUOBI }, 'HBDM');
  await until(() => s.me.getTick('BTC-USDT.HUOBI')?.openInterest === 1000, 'open interest');
  s.sim.setMaintenance(true);
  const asked = s.sim.counts.openInterestRequests;
  await until(() => s.sim.counts.openInterestRequests >= asked + 3, 'three polls under maintenance');
  s.sim.setMaintenance(false);
  await until(() => s.logs.some((l) => /open interest answers again/.test(l.msg)), 'the recovery logged');
  const failures = s.logs.filter((l) => /open interest query failed/.test(l.msg));
  assert.is(failures.length, 1, 'one warning for the failing streak');
  assert.is(failures[0]!.level, LogLevel.WARNING);
});

test('openInterestMs 0: no poll', async () => {
  const s = await hbdmSession(hbdmSettingFor, { openInterestMs: 0 });
  sessions.push(s);
  s.me.subscribe({ symbol: 'BTC-USDT', exchange: Exchange.HUOBI }, 'HBDM');
  await until(() => (s.me.getTick('BTC-USDT.HUOBI')?.bidPrice1 ?? 0) > 0, 'ticks');
  // A second session polling at 1 s shows the time for a poll has passed on this machine.
  const other = await hbdmSession(hbdmSettingFor, { openInterestMs: 1000 });
  sessions.push(other);
  other.me.subscribe({ symbol: 'BTC-USDT', exchange: Exchange.HUOBI }, 'HBDM');
  await until(() => other.sim.counts.openInterestRequests >= 2, 'the other gateway polled twice');
  assert.is(s.sim.counts.openInterestRequests, 0, 'never asked');
  assert.is(s.me.getTick('BTC-USDT.HUOBI')?.openInterest, 0);
});

test.run();
