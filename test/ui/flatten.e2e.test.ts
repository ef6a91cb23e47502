// Issue 25: flatten, close-all and reverse on the real binary in tmux at 80x24. One confirmation lists every
// order it will send (SHFE's today volume closes with CloseToday); n sends nothing; y closes the position, or
// for a reverse holds the same volume the other way.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { linesWith, tempTraderDir, Tmux } from '../helpers/tmux.js';

let t: Tmux;
test.before(() => {
  t = Tmux.start({
    cols: 80,
    rows: 24,
    args: ['--demo', '--trader-dir', tempTraderDir()],
    env: { NO_COLOR: '1' },
  });
});
test.after(() => t.stop());

function palette(line: string): void {
  t.keys(':');
  t.type(line);
  t.keys('Enter');
}

/** The positions tab's row of a symbol and direction, e.g. "rb2501.SHFE  Long  3". */
const row = (symbol: string, direction: string, volume: number) =>
  new RegExp(`${symbol.replace('.', '\\.')}\\s+${direction}\\s+${volume}\\s`);

test('flatten a symbol: the confirmation lists the closing order; n sends nothing, y closes', async () => {
  await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  palette('buy rb2501.SHFE 3');
  t.keys('5');
  await t.waitFor(row('rb2501.SHFE', 'Long', 3), 'the long position');
  palette('flatten rb2501.SHFE');
  let confirm = await t.waitFor('y send', 'the confirmation');
  assert.match(confirm, /Flatten rb2501\.SHFE: send 1 order\?/);
  assert.match(confirm, /Short 3 rb2501\.SHFE at market CloseToday \(SIM\)/);
  t.keys('n');
  await t.waitFor((s) => !s.includes('y send'), 'the confirmation closed');
  assert.match(t.capture(), row('rb2501.SHFE', 'Long', 3), 'n sent nothing');
  palette('flatten rb2501.SHFE');
  confirm = await t.waitFor('y send', 'the confirmation again');
  t.keys('y');
  // Market orders fill in pieces: wait for the position to reach zero, then read the log.
  await t.waitFor(row('rb2501.SHFE', 'Long', 0), 'the position closed');
  t.keys('7');
  await t.waitFor(/flatten: sent Short 3 rb2501\.SHFE/, 'the flatten order in the log');
  t.keys('5');
});

test('R on a position reverses it; flatten all SIM closes every position of the gateway', async () => {
  palette('sell au2506.SHFE 2');
  await t.waitFor(row('au2506.SHFE', 'Short', 2), 'the short position');
  palette('buy m2505.DCE 1');
  await t.waitFor(row('m2505.DCE', 'Long', 1), 'the second position');
  // Select the au2506 row, then R.
  const screen = t.capture();
  const rows = screen.split('\n').filter((l) => /\.(SHFE|DCE)\s+(Long|Short)\s+\d/.test(l));
  const at = rows.findIndex((l) => row('au2506.SHFE', 'Short', 2).test(l));
  assert.ok(at >= 0, screen);
  t.keys('g');
  for (let i = 0; i < at; i++) t.keys('j');
  t.keys('R');
  const confirm = await t.waitFor('y send', 'the reverse confirmation');
  assert.match(confirm, /Reverse au2506\.SHFE \(SIM\): send 2 orders\?/);
  assert.match(confirm, /Long 2 au2506\.SHFE at market CloseToday \(SIM\)/);
  assert.match(confirm, /Long 2 au2506\.SHFE at market Open \(SIM\)/);
  t.keys('y');
  await t.waitFor(row('au2506.SHFE', 'Long', 2), 'long 2 after the reverse');

  palette('flatten all SIM');
  const all = await t.waitFor('y send', 'the close-all confirmation');
  assert.match(all, /Flatten every position on SIM: send 2 orders\?/);
  t.keys('y');
  const open = /\.(SHFE|DCE)\s+(Long|Short)\s+[1-9]/;
  const flat = await t.waitFor((s) => !open.test(s), 'every position closed');
  assert.equal(linesWith(flat, 'SIM').filter((l) => /\s0\s/.test(l)).length, 4, flat);
  palette('flatten all');
  await t.waitFor(/flatten: no open position \(every position\)/, 'nothing left to flatten');
});

test(':summary shows each gateway and currency: balance, float PnL, positions, trades, turnover', async () => {
  palette('summary');
  const screen = await t.waitFor('Summary per gateway', 'the summary');
  assert.match(screen, /SIM CNY\s+balance [\d,]+\.\d\d/);
  assert.match(screen, /positions[\s│]+0\b/, 'everything was flattened');
  assert.match(screen, /trades[\s│]+[1-9]/, 'the trades of this session');
  t.keys('Escape');
});

test.run();
