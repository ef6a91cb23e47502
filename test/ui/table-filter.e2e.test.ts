// Issue 25's k9s-like tables on the real binary in tmux at 80x24: `/` (f on the ticks tab) filters the rows in
// view as the person types, the tab says so, s/S sort by a column and reverse it, and a key acting on "the
// selected row" acts on a row the person can see.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';

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

/** The tick rows' symbols, top to bottom. */
const tickSymbols = (s: string) =>
  s
    .split('\n')
    .map((l) => /^│([A-Za-z0-9]+\.[A-Z]+)\s/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined);

test('f filters the ticks as typed; s sorts by symbol, S reverses; Esc drops the filter', async () => {
  await t.waitFor((s) => tickSymbols(s).length >= 6, 'every tick row');
  t.keys('f');
  await t.waitFor('filter ticks:', 'the filter line');
  t.type('shfe');
  await t.waitFor(
    (s) => tickSymbols(s).every((x) => x.endsWith('.SHFE')) && tickSymbols(s).length === 2,
    'SHFE rows only',
  );
  t.keys('Enter');
  await t.waitFor(
    (s) => !s.includes('filter ticks:') && s.includes('[/shfe]'),
    'the kept filter on the edge',
  );
  t.keys('s');
  let screen = await t.waitFor('Symbol▲', 'sorted by symbol');
  assert.equal(tickSymbols(screen), ['au2506.SHFE', 'rb2501.SHFE']);
  assert.match(screen, /\[\/shfe  Symbol ▲\]/);
  t.keys('S');
  screen = await t.waitFor('Symbol▼', 'reversed');
  assert.equal(tickSymbols(screen), ['rb2501.SHFE', 'au2506.SHFE']);
  t.keys('f');
  await t.waitFor('filter ticks: shfe', 'the filter line with the kept text');
  t.keys('Escape');
  screen = await t.waitFor((s) => tickSymbols(s).length >= 6, 'every row back');
  assert.not.match(screen, /\[\/shfe/);
});

test('/ on the active tab: x cancels the row shown, not one the filter hides', async () => {
  for (const line of ['buy rb2501.SHFE 1 @ 3700', 'buy au2506.SHFE 1 @ 600']) {
    t.keys(':');
    t.type(line);
    t.keys('Enter');
  }
  t.keys('2');
  await t.waitFor(/Active\(2\)/, 'two working orders');
  t.keys('/');
  await t.waitFor('filter active:', 'the filter line');
  t.type('au2506');
  await t.waitFor(
    (s) => s.includes('au2506.SHFE') && !/rb2501\.SHFE\s+Long/.test(s),
    'the au2506 order only',
  );
  t.keys('Enter');
  t.keys('x');
  await t.waitFor(/Active\(1\)/, 'one order cancelled');
  t.keys('/');
  t.keys('Escape');
  const screen = await t.waitFor(
    (s) => /rb2501\.SHFE/.test(s) && !s.includes('[/au2506]'),
    'the filter dropped',
  );
  assert.not.match(screen, /au2506\.SHFE\s+Long/, 'the au2506 order was the one cancelled');
});

test.run();
