// Issue 25: the price ladder on a contract whose tick depends on its price, on the real binary in tmux. The
// console's Alpaca gateway connects to the Alpaca simulator on loopback; PNNY trades near $0.50, where US
// equities quote in $0.0001 (Reg NMS sub-penny bands, ContractData.priceBands), though the contract's one
// tick is a cent. The ladder's rows are then $0.0001 apart with four decimals, - moves the cursor by
// $0.0001, and an order from the cursor goes out at that sub-penny price (the Alpaca simulator refuses
// prices off its grid). AAPL, above $1, keeps cent rows.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AlpacaGateway } from '../../gateways/alpaca/index.js';
import { startAlpacaSim, type AlpacaSim } from '../../gateways/alpaca/sim/server.js';
import { TraderDir } from '../../src/core/settings.js';
import { settingFor } from '../gateways/alpaca/target.js';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';

let t: Tmux | undefined;
let sim: AlpacaSim | undefined;
test.after(async () => {
  t?.stop();
  await sim?.close();
});

/** The ladder panel's part of each screen line: right of its left border (the column of its title's corner). */
function ladderLines(screen: string): string[] {
  const lines = screen.split('\n');
  const title = lines.find((l) => l.includes('┌─ L Ladder'));
  if (!title) return [];
  const left = title.indexOf('┌─ L Ladder') + 1;
  return lines.map((l) => l.slice(left)).filter((l) => /^[▶ ]/.test(l));
}

/** A row's price: the number that ends where the "Price" title ends (◀ may count as one cell or two). */
function rowPrice(line: string, header: string): string | undefined {
  const end = header.indexOf('Price') + 'Price'.length;
  return /(\d+\.\d+)(?: ◀)? *$/.exec(line.slice(0, end + 1))?.[1];
}

/** The ladder's price column, top first. */
function ladderPrices(screen: string): string[] {
  const lines = ladderLines(screen);
  const header = lines.find((l) => l.includes('My buy'));
  if (!header) return [];
  return lines.map((l) => rowPrice(l, header)).filter((p): p is string => p !== undefined);
}

function cursorPrice(screen: string): string | undefined {
  const lines = ladderLines(screen);
  const header = lines.find((l) => l.includes('My buy'));
  const row = lines.find((l) => l.startsWith('▶'));
  return header && row ? rowPrice(row, header) : undefined;
}

test('a sub-penny ladder: rows and ± by $0.0001 below $1, an order at the cursor sent at that price', async () => {
  sim = await startAlpacaSim({ seed: 3, tickRate: 20, volatility: 0 });
  const dir = tempTraderDir();
  new TraderDir(dir).saveGatewaySetting('ALPACA', AlpacaGateway.defaultSetting, settingFor(sim));
  // Whole shares: the simulator takes no fractions of PNNY (the gateway lists fractional minimums).
  fs.writeFileSync(
    path.join(dir, 'order_limits.json'),
    JSON.stringify({ contracts: { 'PNNY.NASDAQ': { volume: 100 } } }),
  );
  const tm = (t = Tmux.start({ cols: 100, rows: 36, args: ['--trader-dir', dir], env: { NO_COLOR: '1' } }));
  await tm.waitFor('No gateway connected', 'the first screen');
  tm.palette('connect ALPACA');
  await tm.waitFor('Connect ALPACA', 'the connect form');
  tm.keys('Enter');
  await tm.waitFor(/ALPACA ●/, 'ALPACA connected');
  await tm.loadContract('PNNY.NASDAQ');
  tm.keys('L');
  let screen = await tm.waitFor((s) => s.includes('My buy') && cursorPrice(s) !== undefined, 'the ladder');
  assert.match(screen, /PNNY\.NASDAQ Penny.*vol 100/, screen);
  const prices = ladderPrices(screen);
  assert.ok(prices.length >= 10, screen);
  for (const p of prices) assert.match(p, /^0\.\d{4}$/, `four decimals below $1: ${prices.join(' ')}`);
  const steps = prices.slice(1).map((p, i) => Math.round((Number(prices[i]) - Number(p)) * 1e4));
  assert.ok(
    steps.every((s) => s === 1),
    `rows one $0.0001 apart: ${prices.join(' ')}\n${screen}`,
  );

  const start = Number(cursorPrice(screen));
  tm.keys('-', '-', '-');
  const target = (Math.round(start * 1e4) - 3) / 1e4;
  screen = await tm.waitFor((s) => Number(cursorPrice(s)) === target, 'three sub-penny ticks down');
  tm.keys('b');
  screen = await tm.waitFor('y send', 'the confirmation');
  assert.match(screen, new RegExp(`Long 100 PNNY\\.NASDAQ @ ${target}\\b`));
  tm.keys('y');
  // The working order shows under "My buy" on the cursor's row: Alpaca took the four-decimal price.
  await tm.waitFor(
    (s) => /^▶\s+100\s/.test(ladderLines(s).find((l) => l.startsWith('▶')) ?? ''),
    'the order',
  );
  const venue = sim.exchange.getOpenOrders('alpaca-paper');
  assert.ok(
    venue.some((o) => o.price === target),
    `at the venue: ${venue.map((o) => o.price).join(' ')}`,
  );

  // Above $1 the band's tick is a cent: AAPL's rows have two decimals, a cent apart.
  tm.keys('Escape');
  // The ladder gone, not only a hint of the tables' (which the ladder's screen shows too): an Escape followed
  // at once by the search's / reads as Alt+/, and the search never opened in one run.
  await tm.waitFor((s) => !s.includes('L Ladder') && s.includes('Tab ticket'), 'back to the tables');
  await tm.loadContract('AAPL.NASDAQ');
  tm.keys('L');
  screen = await tm.waitFor(
    (s) =>
      /AAPL\.NASDAQ/.test(s) && ladderPrices(s).length >= 10 && /^\d{3}\.\d{2}$/.test(ladderPrices(s)[0]!),
    'the AAPL ladder',
  );
  const cents = ladderPrices(screen);
  const gaps = cents.slice(1).map((p, i) => Math.round((Number(cents[i]) - Number(p)) * 100));
  assert.ok(
    gaps.every((g) => g === 1),
    `cent rows above $1: ${cents.join(' ')}`,
  );
});

test.run();
