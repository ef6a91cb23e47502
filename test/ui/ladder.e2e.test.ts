// Issue 25's price ladder on the real binary in tmux at 80x24, on a frozen simulated market (tickRate 0) so
// the book holds still: the cursor starts on the last price, ↑ steps to the next level with volume, - moves
// one tick, a digit picks a volume preset; b buys at the cursor after a confirmation and the order shows at
// its level; x cancels it; B buys one lot at the ask (a position, and selling would now close it today); F flattens.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SimGateway } from '../../gateways/sim/index.js';
import { defaultsOf } from '../../src/core/setting-schema.js';
import { TraderDir } from '../../src/core/settings.js';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';

let t: Tmux | undefined;
test.after(() => t?.stop());

/** The price on the cursor's (▶) row, and that row. */
function cursorRow(screen: string): { price: number; line: string } | undefined {
  const line = screen.split('\n').find((l) => l.includes('▶'));
  const m = line && /▶(.*?)\s(\d{4})( ◀)?\s/.exec(line);
  return m ? { price: Number(m[2]), line: line! } : undefined;
}

test('the ladder: levels, ticks, presets, orders at their level, cancel, take the ask, flatten', async () => {
  const dir = tempTraderDir();
  new TraderDir(dir).saveGatewaySetting('SIM', SimGateway.defaultSetting, {
    ...defaultsOf(SimGateway.defaultSetting),
    tickRate: 0,
  });
  const tm = (t = Tmux.start({
    cols: 80,
    rows: 24,
    args: ['--demo', '--trader-dir', dir],
    env: { NO_COLOR: '1' },
  }));
  await tm.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  await tm.loadContract('rb2501.SHFE');
  tm.keys('L');
  let screen = await tm.waitFor('My buy', 'the ladder');
  assert.match(screen, /rb2501\.SHFE 螺纹钢2501 \(SIM\)\s+vol 1/);
  assert.match(screen, /pos flat\s+buy→Open sell→Open/);
  const start = cursorRow(screen);
  assert.ok(start, screen);
  assert.match(start!.line, /◀/, 'the cursor starts on the last price');
  const last = start!.price;

  // ↑: the next level up with volume is the best ask, which shows its volume on the cursor row.
  tm.keys('Up');
  screen = await tm.waitFor((s) => (cursorRow(s)?.price ?? 0) > last, 'the cursor on the ask');
  const ask = cursorRow(screen)!;
  assert.match(ask.line, new RegExp(`${ask.price}\\s+\\d+\\s*│?$`), `ask volume on ${ask.line}`);
  // l back on the last price, then three ticks down with -.
  tm.keys('l');
  await tm.waitFor((s) => cursorRow(s)?.price === last, 'back on the last price');
  tm.keys('-', '-', '-');
  const target = last - 3;
  await tm.waitFor((s) => cursorRow(s)?.price === target, 'three ticks below');
  tm.keys('2');
  await tm.waitFor(/\(SIM\)\s+vol 2/, 'the volume preset 2');

  tm.keys('b');
  screen = await tm.waitFor('y send', 'the confirmation');
  assert.match(screen, new RegExp(`Long 2 rb2501\\.SHFE @ ${target} Open \\(SIM\\)`));
  tm.keys('y');
  // The working order shows under "My buy" on its own price's row.
  await tm.waitFor((s) => /▶\s+2\s/.test(cursorRow(s)?.line ?? ''), 'the order at its level');
  tm.keys('x');
  await tm.waitFor(/cancelled, 0 traded/, 'cancelled from the ladder');
  assert.not.match(cursorRow(tm.capture())!.line, /▶\s+2\s/);

  // One lot at the ask (the best ask may hold only one).
  tm.keys('1');
  await tm.waitFor(/\(SIM\)\s+vol 1/, 'the volume preset 1');
  tm.keys('B');
  screen = await tm.waitFor('y send', 'the confirmation at the ask');
  assert.match(screen, new RegExp(`Long 1 rb2501\\.SHFE @ ${ask.price} Open \\(SIM\\)`));
  tm.keys('y');
  await tm.waitFor(/pos Long 1\s+buy→Open sell→CloseToday/, 'the position, closed today by a sell');

  tm.keys('F');
  screen = await tm.waitFor('y send', 'the flatten confirmation');
  assert.match(screen, /Flatten rb2501\.SHFE \(SIM\): send 1 order\?/);
  tm.keys('y');
  await tm.waitFor(/pos flat/, 'flat again');
  tm.keys('Escape');
  await tm.waitFor(/1 Ticks\s+2 Active/, 'back to the tables');
});

test.run();
