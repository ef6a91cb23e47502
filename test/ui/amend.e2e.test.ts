// Issue 25, "amend": on the real binary in tmux at 80x24 on --demo, a resting order on the active tab is amended
// in place (the simulator amends: the order keeps its id) with `a` (price and volume in a form), then with
// `:amend <id> - <volume>` (the volume alone); the row shows the new price and volume, the Log tab says what
// was sent, and an amend of a finished order is refused with its reason.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { linesWith, startDemo, type Tmux } from '../helpers/tmux.js';

let t: Tmux | undefined;
test.after(() => t?.stop());

/** The active tab's row of an order: id, symbol, direction, offset, price, volume, traded. */
const rowOf = (screen: string, id: string) =>
  new RegExp(`${id.replace('.', '\\.')}\\s+rb2501\\.SHFE\\s+Long\\s+Open\\s+(\\d+)\\s+(\\d+)\\s+0\\s`).exec(
    screen,
  );

test('a amends a resting order in place; :amend changes its volume alone', async () => {
  const tm = (t = await startDemo());
  const last = Number(/rb2501\.SHFE\s+螺纹钢2501\s+(\d+)/.exec(tm.capture())![1]);
  // Below the market, within the daily band: the order rests.
  const price = Math.round(last * 0.98);
  tm.palette(`buy rb2501.SHFE 1 @ ${price}`);
  tm.keys('2');
  let screen = await tm.waitFor(/SIM\.\d+\s+rb2501\.SHFE\s+Long\s+Open\s+\d+\s+1\s+0\s/, 'the resting order');
  const id = /(SIM\.\d+)\s+rb2501/.exec(screen)![1]!;
  tm.keys('a');
  screen = await tm.waitFor(`Amend ${id}`, 'the amend form');
  assert.match(screen, /amended in place: the order keeps its id/);
  tm.keys('C-u');
  tm.type(String(price - 5));
  tm.keys('Down', 'C-u');
  tm.type('2');
  await tm.waitFor(/Volume\s+2\s/, 'the volume typed');
  tm.keys('Enter');
  screen = await tm.waitFor((s) => rowOf(s, id)?.[1] === String(price - 5), 'the new price on the row');
  assert.is(rowOf(screen, id)![2], '2', 'and the new volume');
  assert.is(linesWith(screen, 'rb2501.SHFE  Long').length, 1, 'still one order: amended, not replaced');

  tm.palette(`amend ${id} - 3`);
  screen = await tm.waitFor((s) => rowOf(s, id)?.[2] === '3', 'the volume amended alone');
  assert.is(rowOf(screen, id)![1], String(price - 5), 'the price kept');

  // The Log tab, filtered to the amends (the order's own events may have pushed them off its rows).
  tm.keys('7', 'f');
  tm.type('amend sent');
  tm.keys('Enter');
  screen = await tm.waitFor(`amend sent for ${id}: volume 3`, 'the Log tab');
  assert.match(screen, new RegExp(`amend sent for ${id.replace('.', '\\.')}: price ${price - 5}, volume 2`));
  // No Escape here: the kept filter stays on the Log tab anyway, and an Escape followed at once by a key
  // reads as Alt+key (the 2 below was lost that way now and then).
  tm.keys('2', 'x');
  await tm.waitFor((s) => !s.includes('Active(1)'), 'cancelled');
  tm.palette(`amend ${id} ${price}`);
  await tm.waitFor(`amend ${id} refused: order ${id} is CANCELLED; nothing to amend`, 'refused, with why');
});

test.run();
