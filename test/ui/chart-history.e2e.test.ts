// Issue 25: the candle chart scrolls beyond the bars first loaded, on the real binary in tmux at 80x24 on
// --demo. Home at the 300 minute bars first loaded asks the simulator's queryHistory for the 300 before them
// and keeps the view where it was; Home again goes that much further back. The simulator keeps 90 days, so
// its daily chart has nothing before its first bar: Home there says "no earlier bars", and → leaves the edge
// (the marker goes); a gateway without history says the same (unit tests: test/ui/candles.test.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startDemo, type Tmux } from '../helpers/tmux.js';

let t: Tmux | undefined;
test.after(() => t?.stop());

const backOf = (screen: string): number => Number(/◀ (\d+) back/.exec(screen)?.[1] ?? 0);
/** The newest bar in view, as the line under the title tells it. */
const ohlcv = (screen: string): string =>
  /O [\d.]+ H [\d.]+ L [\d.]+ C [\d.]+ V [\d.]+/.exec(screen)?.[0] ?? '';

test('Home at the first loaded bar loads the bars before it, in place; daily bars end in "no earlier bars"', async () => {
  const tm = (t = await startDemo());
  tm.keys('K');
  await tm.waitFor(
    (s) => /\(SIM\)\s+1m/.test(s) && ohlcv(s) !== '' && !s.includes('loading history'),
    'the chart',
  );

  tm.keys('Home');
  // The oldest of the 300 bars first loaded at the left edge: fewer than 300 back (a screenful is in view).
  let screen = await tm.waitFor((s) => backOf(s) > 200, 'the left edge of the first bars');
  const first = backOf(screen);
  assert.ok(first < 300, screen);
  // Loading the bars before them does not move the view: the same bar is the newest in view.
  screen = await tm.waitFor(
    (s) => !s.includes('loading earlier bars') && backOf(s) >= first,
    'the earlier bars loaded',
  );
  assert.not.match(screen, /no earlier bars/, screen);
  const bar = ohlcv(screen);
  tm.keys('Left');
  await tm.waitFor((s) => ohlcv(s) !== '' && ohlcv(s) !== bar, 'a bar further back');
  tm.keys('Right');
  // The same bar again (a live bar added meanwhile does not move a view scrolled back).
  await tm.waitFor((s) => ohlcv(s) === bar, 'back on the same bar');

  tm.keys('Home');
  screen = await tm.waitFor((s) => backOf(s) > first + 250, 'three hundred bars further back');
  assert.ok(backOf(screen) < first + 300 + 1, `no duplicate bars: ${backOf(screen)} back after ${first}`);

  tm.keys('d');
  await tm.waitFor((s) => /\(SIM\)\s+d/.test(s) && !s.includes('loading history'), 'daily bars');
  tm.keys('Home');
  screen = await tm.waitFor(/┃ no earlier bars/, 'nothing before the first daily bar');
  const oldest = backOf(screen);
  tm.keys('Home', 'Left');
  // Asked once: still the same edge, still the marker, nothing loading.
  screen = await tm.waitFor((s) => /┃ no earlier bars/.test(s) && backOf(s) === oldest, 'the same edge');
  assert.not.match(screen, /loading earlier/);
  tm.keys('Right');
  await tm.waitFor((s) => backOf(s) === oldest - 1 && !/no earlier bars/.test(s), 'off the edge, no marker');
  tm.keys('q');
  await tm.waitFor('[vnt exited 0]', 'quit');
});

test.run();
