// Issue 25's contract info panel on the real binary in tmux at 80x24 on --demo: `i` on a tick row shows the
// listing's every field, what its gateway can do, the held position and the last tick; it scrolls to the end
// and Esc closes it. `:info` opens it for a symbol not in view, and a bad symbol is an error, not a crash.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startDemo, type Tmux } from '../helpers/tmux.js';

let t: Tmux | undefined;
test.after(() => t?.stop());

function palette(tm: Tmux, line: string): void {
  tm.keys(':');
  tm.type(line);
  tm.keys('Enter');
}

test('i on a tick row, scrolling, Esc; :info for another listing; an unknown symbol', async () => {
  const tm = (t = await startDemo());
  palette(tm, 'buy rb2501.SHFE 2');
  tm.keys('5');
  await tm.waitFor(/rb2501\.SHFE\s+Long\s+2\s/, 'a position to show');
  // Keys are read in order: back to the ticks tab, the first row, its info.
  tm.keys('1', 'g', 'i');
  let screen = await tm.waitFor('rb2501.SHFE 螺纹钢2501 (SIM)', 'the info panel');
  assert.match(screen, /Gateway\s+SIM\s/);
  assert.match(screen, /Exchange\s+SHFE\s/);
  assert.match(screen, /Product\s+Futures\s/);
  assert.match(screen, /Size\s+10 \(contract multiplier\)/);
  assert.match(screen, /Price tick\s+1\s/);
  assert.match(screen, /Min volume\s+1\s/);
  assert.match(screen, /Net position\s+no \(long and short held apart\)/);
  assert.match(screen, /History\s+yes/);
  // The simulator's own margin and fee; it names no trading sessions, so a dash rather than a guess.
  assert.match(screen, /Margin\s+10% of notional/);
  assert.match(screen, /Fees\s+0\.01% of turnover/);
  assert.match(screen, /Trading hours\s+—/);
  assert.not.match(screen, /Open interest/, 'the end is below the fold at 24 rows');
  // Scroll to the end: the position and the last tick.
  tm.keys('PageDown', 'PageDown');
  screen = await tm.waitFor(/Open interest\s+\d/, 'scrolled to the end');
  assert.match(screen, /Held\s+Long 2 @ \d+/);
  assert.match(screen, /Limit up\/down\s+\d+ \/ \d+/);
  assert.match(screen, /Offsets\s+yes/);
  tm.keys('Escape');
  await tm.waitFor((s) => !s.includes('螺纹钢2501 (SIM)'), 'closed by Esc');

  palette(tm, 'info 000001.SZSE');
  screen = await tm.waitFor('000001.SZSE 平安银行 (SIM)', ':info');
  assert.match(screen, /Min volume\s+100\s/);
  assert.match(screen, /Net position\s+yes \(one net position\)/);
  tm.keys('Escape');
  await tm.waitFor((s) => !s.includes('平安银行 (SIM)'), 'closed again');
  palette(tm, 'info zz9999.SHFE');
  await tm.waitFor('unknown symbol zz9999.SHFE', 'the error shown');
});

test.run();
