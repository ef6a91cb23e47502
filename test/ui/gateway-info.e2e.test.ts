// Issue 25's contract info panel on the real binary in tmux, fed by real gateways against their simulators:
// the trading hours IB's contract details carry (`vnt sim ib`), the fee rates Binance's account names
// (`vnt sim binance`), and the margin and fee rates a CTP or FEMAS counter answers (the g++-built simulated
// libraries, loaded by the console's native host). The console runs without --demo, so every listing on screen is the
// gateway's own; the panel stays open while rates asked for after the listing arrive.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BinanceGateway } from '../../gateways/binance/index.js';
import { CtpGateway } from '../../gateways/ctp/index.js';
import { FemasGateway } from '../../gateways/femas/index.js';
import { startSim } from '../gateways/ctp/sim.js';
import { startFemasSim } from '../gateways/femas/sim.js';
import {
  BINANCE_READY,
  binanceSpotSetting,
  connectedConsole,
  ibConsole,
  startedList,
  venueSimulator,
} from '../helpers/venue-console.js';

const started = startedList();
test.after(() => started.stop());

test('IB: the trading and liquid hours from CONTRACT_DATA, in the venue time zone', async () => {
  const t = await ibConsole(started, 7);
  t.palette('info 265598.SMART');
  const screen = await t.waitFor('265598.SMART APPLE INC (IB)', 'the info panel');
  // The simulated TWS's stock sessions: 04:00-20:00 trading, 09:30-16:00 liquid, weekends closed.
  // The text wraps inside the panel; three days always hold a weekday's sessions.
  const day = String.raw`\w{3} \d\d-\d\d`;
  assert.match(screen, new RegExp(`Trading hours\\s+${day} (04:00-20:00|closed); ${day}`));
  for (const text of ['04:00-20:00', '(US/Eastern)', 'liquid', '09:30-16:00'])
    assert.ok(screen.includes(text), `${text} in:\n${screen}`);
  // IB's contract details carry no margin or fee: a dash, not a guess.
  assert.match(screen, /Margin\s+—/);
  assert.match(screen, /Fees\s+—/);
  t.keys('Escape');
  await t.waitFor((s) => !s.includes('APPLE INC (IB)'), 'closed');

  // Margin and commission are IB's per order: a what-if order, answered by the simulated TWS (Regulation T's
  // 50% / 25% of 19,000 USD, its 0.01% commission), nothing placed.
  t.palette('whatif buy 265598.SMART 100 @ 190');
  const whatIf = await t.waitFor('What-if (IB)', 'the what-if panel');
  assert.match(whatIf, /Order\s+Long 100 265598\.SMART Limit @ 190/);
  assert.match(whatIf, /Initial margin\s+\+9,500\.00 USD \(account [\d,]+\.\d\d USD\)/);
  assert.match(whatIf, /Maint\. margin\s+\+4,750\.00 USD/);
  assert.match(whatIf, /Commission\s+1\.90 USD/);
  assert.match(whatIf, /Sent\s+no/);
  t.keys('Escape');
  await t.waitFor((s) => !s.includes('What-if (IB)'), 'closed');

  // Without arguments: the ticket's order (one share, a limit at the last price once a tick is in).
  await t.loadContract('265598.SMART');
  await t.waitFor(/265598\.SMART\s+APPLE INC\s.*\d\.\d/, 'a tick row');
  t.palette('whatif');
  const ticket = await t.waitFor('What-if (IB)', 'the what-if panel of the ticket');
  assert.match(ticket, /Order\s+Long 1 265598\.SMART Limit @ \d/);
  assert.match(ticket, /Initial margin\s+\+\d+\.\d\d USD/);
});

test("BINANCE: the spot account's commission rates on every pair", async () => {
  const sim = await venueSimulator(started, 'binance', BINANCE_READY);
  const t = await connectedConsole(
    started,
    'BINANCE',
    BinanceGateway.defaultSetting,
    await binanceSpotSetting(sim),
  );
  t.palette('info BTCUSDT.BINANCE');
  await t.waitFor('BTCUSDT.BINANCE', 'the info panel');
  // The simulated account charges 0.1% to makers and takers alike (GET /api/v3/account's commissionRates).
  const screen = await t.waitFor(/Fees\s+0\.1% of turnover/, 'the fee rate');
  assert.match(screen, /Gateway\s+BINANCE\s/);
  assert.match(screen, /Margin\s+—/, 'a spot pair has no margin rate');
  t.keys('Escape');
  await t.waitFor((s) => !/BTCUSDT\.BINANCE .*\(BINANCE\)/.test(s), 'closed');
  // Binance has no what-if order: said so, nothing sent.
  t.palette('whatif buy BTCUSDT.BINANCE 0.001 @ 90000');
  await t.waitFor('gateway BINANCE does not support order cost (what-if) queries', 'the refusal');
});

test('CTP: margin and fee rates the counter answers for a subscribed contract', async () => {
  const sim = await startSim({ abiVersion: '6.7.13' });
  // The console's own native host loads the library; no control socket is needed for what it asks.
  const setting = sim.setting();
  await sim.stop();
  const t = await connectedConsole(started, 'CTP', CtpGateway.defaultSetting, setting);
  // Not in use yet: never asked, so a dash (the counter allows a query a second).
  t.palette('info IF2501.CFFEX');
  const before = await t.waitFor(/IF2501\.CFFEX .*\(CTP\)/, 'the info panel');
  assert.match(before, /Margin\s+—/);
  assert.match(before, /Fees\s+—/);
  t.keys('Escape');
  await t.waitFor((s) => !/IF2501\.CFFEX .*\(CTP\)/.test(s), 'closed');
  t.palette('sub IF2501.CFFEX');
  t.palette('info IF2501.CFFEX');
  // Asked once subscribed; the open panel shows them when they arrive.
  const screen = await t.waitFor(/Margin\s+12% of notional/, 'the margin rate');
  // Closing today's position costs ten times as much (the end of the line wraps).
  await t.waitFor(
    /Fees\s+open 0\.0023% of turnover; close 0\.0023% of turnover; close today 0\.023%/,
    'the fee rates',
  );
  assert.match(screen, /Size\s+300 \(contract multiplier\)/);
  assert.match(screen, /Price tick\s+0\.2\s/);
});

test('FEMAS: ReqQryInvestorMargin / ReqQryInvestorFee answers for a subscribed contract', async () => {
  const sim = await startFemasSim();
  const setting = sim.setting();
  await sim.stop();
  const t = await connectedConsole(started, 'FEMAS', FemasGateway.defaultSetting, setting);
  t.palette('sub sc2503.INE');
  t.palette('info sc2503.INE');
  await t.waitFor(/sc2503\.INE .*\(FEMAS\)/, 'the info panel');
  const screen = await t.waitFor(/Margin\s+10% of notional/, 'the margin rate');
  assert.match(screen, /Size\s+1000 \(contract multiplier\)/);
  // Fees by volume from the product's row (ProductID "sc"); closing today's position is free.
  await t.waitFor(/Fees\s+open 20 CNY per lot; close 20 CNY per lot; close today none/, 'the fee rates');
});

test.run();
