// Issue 25's candle chart on the real binary in tmux at 80x24 on --demo: K on a tick row opens the chart of that
// listing with the simulator's history (candles, a price axis with the last close, times below), the last bar
// goes on changing with live ticks, d switches to daily bars, Esc goes back to the tables, and :chart opens
// another contract's chart from the palette.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GLYPH } from '../../src/ui/candles.js';
import { startDemo, type Tmux } from '../helpers/tmux.js';

let t: Tmux | undefined;
test.after(() => t?.stop());

/** The chart's title line (listing and interval) and the last bar's O H L C V under it. */
function title(screen: string): string {
  const lines = screen.split('\n');
  const i = lines.findIndex((l) => /\)\s+(1m|1h|d|w)\s/.test(l));
  if (i < 0) return '';
  const name = /\S+\.[A-Z]+ \S+ \(\w+\)\s+(1m|1h|d|w)/.exec(lines[i]!)?.[0] ?? '';
  const bar = /O [\d.]+ H [\d.]+ L [\d.]+ C [\d.]+ V [\d.]+/.exec(lines[i + 1] ?? '')?.[0] ?? '';
  return `${name} ${bar}`.replace(/\s+/g, ' ');
}

const candles = (screen: string): number =>
  [...screen].filter((c) => c === GLYPH.up || c === GLYPH.down || c === GLYPH.flat).length;

test('K opens the candle chart of the selected row, live; intervals, Esc, and :chart', async () => {
  const tm = (t = await startDemo());
  tm.keys('K');
  let screen = await tm.waitFor((s) => /\d\d:\d\d {3}\d\d:\d\d/.test(s) && candles(s) > 10, 'candles');
  assert.match(title(screen), /rb2501\.SHFE 螺纹钢2501 \(SIM\) 1m O \d+ H \d+ L \d+ C \d+ V \d+/);
  assert.match(screen, /K Chart/);
  assert.match(screen, /◀ \d{4}/, 'the last close on the price axis');
  assert.match(screen, /┤ \d{4}/, 'more prices on the axis');
  // Labels are words and figures, never a word ending in a stray colon ("Price:" with nothing after it).
  assert.not.match(screen, /\p{L}:(?=\s|│|$)/mu, 'no label ends in a stray colon');
  const first = title(screen);
  // The simulator keeps trading: the last bar (its close, high, low or volume, or a new minute) moves on.
  screen = await tm.waitFor((s) => title(s) !== '' && title(s) !== first, 'the last bar updated by ticks');

  tm.keys('d');
  screen = await tm.waitFor((s) => /\) d O /.test(title(s)) && /\d\d-\d\d/.test(s), 'daily bars');
  assert.ok(candles(screen) > 10, screen);
  assert.not.match(screen, /\p{L}:(?=\s|│|$)/mu, 'no stray colon on the daily chart');
  // Back through history and forth again: ← a bar, PgUp a screenful, End the latest.
  tm.keys('Left', 'Left', 'Left');
  screen = await tm.waitFor(/◀ 3 back/, 'three back');
  tm.keys('PageUp');
  screen = await tm.waitFor((s) => Number(/◀ (\d+) back/.exec(s)?.[1] ?? 0) > 10, 'a page further back');
  tm.keys('Right');
  const back = Number(/◀ (\d+) back/.exec(screen)![1]);
  await tm.waitFor(new RegExp(`◀ ${back - 1} back`), 'a bar forward');
  tm.keys('End');
  await tm.waitFor((s) => !/◀ \d+ back/.test(s) && candles(s) > 10, 'the latest again');

  tm.keys('Escape');
  screen = await tm.waitFor('1 Ticks', 'back to the tables');
  assert.not.match(screen, /K Chart/);

  tm.palette('chart au2506.SHFE 1m');
  screen = await tm.waitFor((s) => /au2506\.SHFE 黄金2506 \(SIM\) 1m O /.test(title(s)), 'the palette chart');
  assert.match(screen, /◀ \d+\.\d\d/, 'prices to the contract’s tick (0.02)');
  tm.keys('Escape');
  await tm.waitFor('1 Ticks', 'back again');
  tm.keys('q');
  await tm.waitFor('[vnt exited 0]', 'quit');
});

test.run();
