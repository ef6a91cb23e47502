// Issue 25, "saved workspace": on the real binary in tmux at 80x24, without --demo (which would subscribe every
// contract itself), SIM is connected by hand and two contracts subscribed; the ticks table is sorted by Symbol
// descending, the orders table by Price, au2506 is loaded in the ticket and the positions tab is left in view.
// Quitting keeps all of it in vt_setting.json; the next start opens on the positions tab, and once SIM is
// connected again the same two tick rows come back (and no others), in the saved order, with au2506 in the ticket.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';

const started: Tmux[] = [];
test.after(() => started.forEach((t) => t.stop()));

function start(dir: string, args: string[] = []): Tmux {
  const t = Tmux.start({ cols: 80, rows: 24, args: [...args, '--trader-dir', dir], env: { NO_COLOR: '1' } });
  started.push(t);
  return t;
}

async function connectSim(t: Tmux): Promise<void> {
  await t.waitFor('SIM ○', 'the first screen');
  t.palette('connect SIM');
  await t.waitFor('Connect SIM', 'the connect form');
  t.keys('Enter');
  await t.waitFor('SIM ●', 'SIM connected');
}

const settings = (dir: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(dir, 'vt_setting.json'), 'utf8')) as Record<string, unknown>;
/** The tick rows' symbols, top to bottom. */
const tickRows = (screen: string): string[] =>
  screen
    .split('\n')
    .map((l) => /^│(\S+\.[A-Z]+)\s/.exec(l)?.[1])
    .filter((s): s is string => s !== undefined);

test('the workspace is saved at exit and restored at the next start', async () => {
  const dir = tempTraderDir();
  let t = start(dir);
  await connectSim(t);
  t.palette('sub rb2501.SHFE');
  t.palette('sub au2506.SHFE');
  await t.waitFor((s) => tickRows(s).length === 2, 'two tick rows');
  t.keys('s', 'S');
  let screen = await t.waitFor('[Symbol ▼]', 'ticks sorted by Symbol, descending');
  assert.equal(tickRows(screen), ['rb2501.SHFE', 'au2506.SHFE']);
  t.keys('3');
  await t.waitFor(/Orders\s/, 'the orders tab');
  // Symbol, then the next columns up to Price.
  t.keys('s');
  screen = await t.waitFor(/\[\w+ ▲\]/, 'orders sorted');
  const ordersSort = /\[(\w+) ▲\]/.exec(screen)![1]!;
  t.keys('1');
  await t.loadContract('au2506.SHFE');
  t.keys('5');
  await t.waitFor(/Symbol\s+Dir\s+Volume\s+Yd/, 'the positions tab');
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit');
  const saved = settings(dir);
  assert.is(saved['workspace.tab'], 'positions');
  assert.is(saved['workspace.ticket'], 'SIM.au2506.SHFE');
  assert.is(saved['workspace.subscriptions'], 'SIM.rb2501.SHFE,SIM.au2506.SHFE');
  assert.is(saved['sort.ticks'], 'Symbol desc');
  assert.is(saved['sort.orders'], ordersSort);
  assert.is(saved['sort.trades'], '');

  t = start(dir);
  screen = await t.waitFor(/Symbol\s+Dir\s+Volume\s+Yd/, 'the positions tab at start');
  assert.not.match(screen, /Symbol\s+Name\s+Last/, 'not the ticks tab');
  await connectSim(t);
  t.keys('1');
  screen = await t.waitFor(
    (s) => tickRows(s).length === 2 && /Symbol▼/.test(s) && /au2506\s/.test(s) && s.includes('黄金2506'),
    'the two rows back, sorted, and au2506 in the ticket',
  );
  assert.equal(tickRows(screen), ['rb2501.SHFE', 'au2506.SHFE']);
  assert.match(screen, /\[Symbol ▼\]/);
  assert.match(screen, /Symbol\s+au2506\s/, 'the ticket holds au2506');
  t.keys('3');
  await t.waitFor(`[${ordersSort} ▲]`, 'the orders sort restored');
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit again');
  assert.is(settings(dir)['workspace.tab'], 'orders', 'saved again at the second exit');
});

test('the ladder, a filter and the selected row are kept too', async () => {
  const dir = tempTraderDir();
  const demo = () => start(dir, ['--demo']);
  let t = demo();
  await t.waitFor((s) => s.includes('SIM ●') && tickRows(s).length > 3, 'ticks');
  t.keys('f');
  t.type('shfe');
  t.keys('Enter');
  let screen = await t.waitFor((s) => s.includes('[/shfe') && tickRows(s).length === 2, 'filtered to SHFE');
  assert.equal(tickRows(screen), ['rb2501.SHFE', 'au2506.SHFE']);
  // The second row selected and loaded, then its ladder.
  t.keys('j', 'Enter');
  await t.waitFor(/Symbol\s+au2506\s/, 'au2506 in the ticket');
  // Out of the ticket Enter focused, then the ladder: an Escape followed at once by a letter reads as Alt+letter.
  t.keys('Escape');
  await t.waitFor('Tab ticket', 'focus back on the tables');
  t.keys('L');
  await t.waitFor(/au2506\.SHFE 黄金2506 \(SIM\)\s+vol/, 'the ladder');
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit');
  const saved = settings(dir);
  assert.is(saved['workspace.view'], 'ladder');
  assert.is(saved['filter.ticks'], 'shfe');
  assert.match(String(saved['select.ticks']), /au2506\.SHFE/);

  t = demo();
  await t.waitFor(/au2506\.SHFE 黄金2506 \(SIM\)\s+vol/, 'the ladder again at start');
  t.keys('Escape');
  screen = await t.waitFor((s) => s.includes('[/shfe') && tickRows(s).length === 2, 'the filter again');
  // The selected row is au2506's: i shows its contract.
  t.keys('i');
  await t.waitFor('au2506.SHFE 黄金2506 (SIM)', 'the info of the selected row');
  t.keys('Escape');
  // Esc and q in one burst would read as Alt-q: q once the dialog is gone.
  await t.waitFor((s) => !s.includes('黄金2506 (SIM)'), 'the info closed');
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit again');
});

test('the chart is kept: its listing, interval and scroll, or live', async () => {
  const dir = tempTraderDir();
  const demo = () => start(dir, ['--demo']);
  const chartOf = (s: string) => /(\w+\.[A-Z]+) \S+ \(SIM\)\s+(1m|1h|d|w)(?:\s+◀ (\d+) back)?/.exec(s);
  let t = demo();
  await t.waitFor((s) => s.includes('SIM ●') && tickRows(s).length > 3, 'ticks');
  t.palette('chart au2506.SHFE d');
  await t.waitFor((s) => chartOf(s)?.[2] === 'd' && !s.includes('loading history'), 'the daily chart');
  t.keys('Left', 'Left', 'Left', 'Left', 'Left');
  await t.waitFor((s) => chartOf(s)?.[3] === '5', 'five days back');
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit');
  let saved = settings(dir);
  assert.is(saved['workspace.view'], 'chart');
  const place = String(saved['workspace.chart']);
  assert.match(place, /^SIM\.au2506\.SHFE d \d{4}-\d\d-\d\dT00:00:00\.000Z$/);

  // The chart again at start, on the same day bar (daily bars stay put between two starts).
  t = demo();
  await t.waitFor(
    (s) => chartOf(s)?.[1] === 'au2506.SHFE' && chartOf(s)?.[3] === '5',
    'the chart again, five days back',
  );
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit');
  assert.is(settings(dir)['workspace.chart'], place, 'the same day is the newest in view');
  t = demo();
  await t.waitFor((s) => chartOf(s)?.[3] === '5', 'five days back again');
  // Following the latest again is kept as live; the hour bars as the interval.
  t.keys('h', 'End');
  await t.waitFor((s) => chartOf(s)?.[2] === '1h' && chartOf(s)?.[3] === undefined, 'live hour bars');
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit again');
  saved = settings(dir);
  assert.is(saved['workspace.chart'], 'SIM.au2506.SHFE 1h live');
  t = demo();
  await t.waitFor((s) => chartOf(s)?.[2] === '1h' && /◀ \d+\.\d\d/.test(s), 'the live hour chart at start');
  // Back to the tables: the next save keeps the chart for K, but the tables in view.
  t.keys('Escape');
  await t.waitFor('1 Ticks', 'the tables');
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit a third time');
  saved = settings(dir);
  assert.is(saved['workspace.view'], 'tables');
  assert.is(saved['workspace.chart'], 'SIM.au2506.SHFE 1h live');
});

/** A trader dir whose last session ended on this chart place ("SIM.rb2501.SHFE 1m 2026-…Z"). */
function endedOnChart(place: string): string {
  const dir = tempTraderDir();
  const setting = { 'workspace.view': 'chart', 'workspace.chart': place };
  fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify(setting));
  return dir;
}
const minutesAgo = (n: number, span = 60_000): string =>
  new Date(Math.floor((Date.now() - n * 60_000) / span) * span).toISOString();

test('a chart saved further back than the bars first loaded loads the bars back to it, or says it could not', async () => {
  const backOf = (s: string): number => Number(/ 1[mh]  ◀ (\d+) back/.exec(s)?.[1] ?? -1);
  // Two days of minute bars back: far beyond the 300 first loaded, within the simulator's 90 days.
  const at = minutesAgo(2 * 24 * 60);
  const dir = endedOnChart(`SIM.rb2501.SHFE 1m ${at}`);
  let t = start(dir, ['--demo']);
  let screen = await t.waitFor(
    (s) => backOf(s) > 2 * 24 * 60 - 5 && !s.includes('loading history'),
    'the chart two days back',
  );
  assert.not.match(screen, /not restored/, screen);
  assert.ok(backOf(screen) <= 2 * 24 * 60, screen);
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit');
  assert.is(
    settings(dir)['workspace.chart'],
    `SIM.rb2501.SHFE 1m ${at}`,
    'the saved bar is the newest in view',
  );

  // A hundred days of hour bars back: the simulator keeps 90. The chart says so and shows the oldest it has.
  const old = minutesAgo(100 * 24 * 60, 3_600_000);
  t = start(endedOnChart(`SIM.rb2501.SHFE 1h ${old}`), ['--demo']);
  // At 80 columns the reason takes two lines above the keys: read it as one.
  const flat = (s: string): string => s.replace(/[│\s]+/g, ' ');
  const why = /saved place \d{4}-\d\d-\d\d \d\d:\d\d not restored: no bars that far back/;
  screen = await t.waitFor((s) => why.test(flat(s)), 'why not');
  assert.match(screen, /┃ no earlier bars/, 'the oldest bar is in view');
  assert.ok(backOf(screen) > 80 * 24, `more than 80 days of hour bars loaded: ${backOf(screen)}`);
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit again');
});

test.run();
