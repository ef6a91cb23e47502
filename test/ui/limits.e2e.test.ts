// Issue 25's fat-finger limits on the real binary in tmux at 80x24: a size above the contract's limit (from
// order_limits.json, else 100 minimum lots) needs a confirmation that says so, also from the palette; a price
// beyond today's limit-up/limit-down is refused before it is sent; the ticket starts at the contract's preset.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ORDER_LIMITS_FILE } from '../../src/ui/order-limits.js';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';
import { until } from '../helpers/wait.js';

const started: Tmux[] = [];
let lastDir = '';

/** Everything the console wrote to its log files so far. */
function logFiles(dir: string): string {
  const folder = path.join(dir, 'log');
  if (!fs.existsSync(folder)) return '';
  return fs
    .readdirSync(folder)
    .map((f) => fs.readFileSync(path.join(folder, f), 'utf8'))
    .join('');
}
test.after(() => started.forEach((t) => t.stop()));

function start(limits: string | undefined): Tmux {
  const dir = tempTraderDir();
  lastDir = dir;
  if (limits !== undefined) fs.writeFileSync(path.join(dir, ORDER_LIMITS_FILE), limits);
  const t = Tmux.start({ cols: 80, rows: 24, args: ['--demo', '--trader-dir', dir], env: { NO_COLOR: '1' } });
  started.push(t);
  return t;
}

function palette(t: Tmux, line: string): void {
  t.keys(':');
  t.type(line);
  t.keys('Enter');
}

test('above the contract limit the palette asks, naming the limit; within it, it sends', async () => {
  const t = start(JSON.stringify({ contracts: { 'rb2501.SHFE': { maxVolume: 5, volume: 2 } } }));
  await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  palette(t, 'buy rb2501.SHFE 6');
  const confirm = await t.waitFor('y send', 'the confirmation');
  assert.match(confirm, /volume 6 is above the limit of 5 for rb2501\.SHFE/);
  t.keys('Escape');
  await t.waitFor((s) => !s.includes('y send'), 'the confirmation closed');
  palette(t, 'buy rb2501.SHFE 5');
  // Sent at once (its fills may already have replaced the message, and pushed the line off the Log tab's
  // rows): the log file says so.
  await until(() => /palette: sent Long 5 rb2501\.SHFE/.test(logFiles(lastDir)), 'sent at once');
  const screen = await t.waitFor((s) => s.includes('SIM ●'), 'the console');
  assert.not.ok(screen.includes('y send'), 'no confirmation within the limit');
  assert.not.match(logFiles(lastDir), /sent Long 6/, 'the order above the limit was never sent');
  // The ticket starts a loaded contract at its preset volume.
  t.keys('1');
  await t.waitFor(/Symbol\s+Name\s+Last/, 'the ticks tab');
  t.keys('Enter');
  await t.waitFor(/Name\s+螺纹钢2501/, 'the ticket loaded');
  await t.waitFor(/Volume\s+2\s/, 'the preset volume');
});

test('without a file, 100 minimum lots; a price beyond limit-up is refused before it is sent', async () => {
  const t = start(undefined);
  await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  palette(t, 'sell au2506.SHFE 101');
  const confirm = await t.waitFor('y send', 'the confirmation');
  assert.match(confirm, /volume 101 is above the limit of 100 for au2506\.SHFE/);
  t.keys('Escape');
  await t.waitFor((s) => !s.includes('y send'), 'the confirmation closed');
  palette(t, 'buy rb2501.SHFE 1 @ 99999');
  const refused = await t.waitFor(/limit-up/, 'the refusal');
  assert.match(refused, /price 99999 is above rb2501\.SHFE's limit-up \d+/);
  assert.not.match(refused, /SIM\.\d/, 'no order id: nothing was sent');
  // In the ticket too: the band shows on the depth and Enter refuses. Enter on the row leaves the cursor on
  // the price, which the first typed digit replaces.
  t.keys('Enter');
  await t.waitFor(/Name\s+螺纹钢2501/, 'the ticket loaded');
  await t.waitFor(/Depth ▲\d+ ▼\d+/, 'limit-up and limit-down shown');
  t.type('1');
  await t.waitFor(/Price\s+1\s/, 'the typed price');
  t.keys('Enter');
  // The ticket's message line wraps at 80 columns.
  await t.waitFor(
    (s) => /✗ price 1 is below/.test(s) && /rb2501\.SHFE's limit-down \d+/.test(s),
    'the ticket refuses',
  );
});

test('a notional above the default limit asks, naming it; a market order is priced at the last', async () => {
  // rb2501 trades near 3,850 a ton (within 5% of it all day), 10 tons a lot: 2 lots stay below 100,000, 3 above.
  const t = start(JSON.stringify({ default: { maxNotional: 100_000 } }));
  await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  palette(t, 'buy rb2501.SHFE 3');
  const confirm = await t.waitFor('y send', 'the confirmation');
  assert.match(
    confirm.replace(/[│\s]+/g, ' '),
    /notional [\d,.]+ is above the limit of 100,000(\.00)? for rb2501\.SHFE/,
  );
  t.keys('n');
  await t.waitFor((s) => !s.includes('y send'), 'the confirmation closed');
  palette(t, 'buy rb2501.SHFE 2');
  await until(() => /palette: sent Long 2 rb2501\.SHFE/.test(logFiles(lastDir)), 'within it: sent at once');
  assert.not.match(logFiles(lastDir), /sent Long 3/, 'the order above the limit was never sent');
});

test('a broken order_limits.json is reported and ignored', async () => {
  const t = start('{"default": {"maxVolume": "lots"}}');
  await t.waitFor('SIM ●', 'connected');
  t.keys('7');
  await t.waitFor(
    /ignoring order_limits\.json: default\.maxVolume must be/,
    'the report and its reason in the log',
  );
});

test.run();
