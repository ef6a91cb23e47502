// Issue 25's mouse on the real binary in tmux at 80x24: the console asks for SGR mouse reports (tmux's pane flags
// say so), and the reports tmux hands the pane — the same bytes a terminal sends — click a tab, select a row (a
// second click loads the ticket as Enter does, never an order), put a depth level's or a ladder row's price into
// the ticket, and turn the wheel over a table, the help and the chart. With ui.mouse off nothing is asked for and
// a report does nothing; one on the "too small" screen, or off every widget, is ignored.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GLOBAL_SCHEMA, TraderDir } from '../../src/core/settings.js';
import { defaultsOf, type GatewaySetting } from '../../src/core/setting-schema.js';
import { displayWidth } from '../../src/ui/text.js';
import { cellOf, EXITED, tempTraderDir, Tmux } from '../helpers/tmux.js';

const started: Tmux[] = [];
test.after(() => started.forEach((t) => t.stop()));

const TICKS = /rb2501\.SHFE\s+螺纹钢2501\s+\d/;

async function start(
  settings: GatewaySetting = {},
  cols = 80,
  rows = 24,
  dir = tempTraderDir(),
): Promise<Tmux> {
  new TraderDir(dir).save('vt_setting.json', GLOBAL_SCHEMA, { ...defaultsOf(GLOBAL_SCHEMA), ...settings });
  const t = Tmux.start({ cols, rows, args: ['--demo', '--trader-dir', dir], env: { NO_COLOR: '1' } });
  started.push(t);
  await t.waitFor((s) => s.includes('SIM ●') && TICKS.test(s) && /IF2501\.CFFEX/.test(s), 'ticks');
  return t;
}

/** The mouse modes the pane was asked for: press/release reports (1000) in the SGR encoding (1006). */
function mouseModes(t: Tmux): { standard: string; sgr: string } {
  return { standard: t.flag('mouse_standard_flag'), sgr: t.flag('mouse_sgr_flag') };
}

function clickText(t: Tmux, screen: string, text: string, line?: RegExp): void {
  const { x, y } = cellOf(screen, text, line);
  t.click(x + 1, y);
}

/** The ticket's Price field as drawn (its line starts at the ticket's left border). */
function ticketPrice(screen: string): string | undefined {
  return /^│Price\s+([\d.]+)/m.exec(screen)?.[1];
}

test('mouse reporting is on (SGR); a click on a tab switches to it; quitting gives the mouse back', async () => {
  const t = await start();
  assert.equal(mouseModes(t), { standard: '1', sgr: '1' });
  let screen = t.capture();
  clickText(t, screen, '4 Trades');
  screen = await t.waitFor(/│Trade\s+Order\s+Symbol/, 'the trades tab');
  clickText(t, screen, '7 Log');
  screen = await t.waitFor(/│Time\s+Level\s+Source\s+Message/, 'the log tab');
  clickText(t, screen, '1 Ticks');
  await t.waitFor(/│Symbol\s+Name\s+Last/, 'back on ticks');
  t.keys('q');
  await t.waitFor(EXITED, 'vnt quit');
  assert.equal(mouseModes(t), { standard: '0', sgr: '0' }, 'the shell after vnt has its mouse back');
});

test('a click selects a row as ↑/↓ would; a second click loads the ticket as Enter does, sending nothing', async () => {
  const t = await start();
  let screen = t.capture();
  clickText(t, screen, 'IF2501.CFFEX', /沪深300/);
  // Enter acts on the selection: the clicked row, not the first.
  t.keys('Enter');
  await t.waitFor('loaded IF2501.CFFEX', 'Enter on the clicked row');
  t.keys('Escape');
  screen = await t.waitFor('Tab ticket', 'focus back on the tables');
  clickText(t, screen, 'm2505.DCE', /豆粕/);
  clickText(t, screen, 'm2505.DCE', /豆粕/);
  screen = await t.waitFor('loaded m2505.DCE', 'the double click loads the ticket');
  assert.match(screen, /Ticket \(Enter reviews\)/, 'the ticket has the focus, as after Enter');
  assert.not.match(screen, /Send order|y send/, 'no confirmation, no order');
  assert.not.match(screen, /Active\(\d+\)/, 'no working order');
});

test('a key typed in the same instant as a click (one chunk of input) is not lost', async () => {
  const t = await start();
  const { x, y } = cellOf(t.capture(), 'IF2501.CFFEX', /沪深300/);
  // The click selects IF2501, the j in the same write moves on to the next row.
  t.type(`\x1b[<0;${x + 2};${y + 1}M\x1b[<0;${x + 2};${y + 1}mj`);
  t.keys('Enter');
  await t.waitFor('loaded m2505.DCE', 'the row after the clicked one');
});

test('a click on a depth level puts its price into the ticket; so does a click on a ladder row', async () => {
  const t = await start();
  await t.loadContract('rb2501.SHFE');
  let screen = await t.waitFor(/│Bid1\s+\d+/, 'the depth');
  clickText(t, screen, 'Bid1');
  screen = await t.waitFor(/price (\d+) from Bid1/, 'the Bid1 price in the ticket');
  const bid = /price (\d+) from Bid1/.exec(screen)![1];
  assert.is(ticketPrice(screen), bid, screen);
  assert.match(screen, /Ticket \(Enter reviews\)/, 'the ticket has the focus: Enter reviews it');
  assert.not.match(screen, /^│Price\s+[\d.]+ \(last\)/m, 'the price no longer follows the last price');
  clickText(t, screen, 'Ask2');
  screen = await t.waitFor(/price (\d+) from Ask2/, 'the Ask2 price in the ticket');
  const ask2 = /price (\d+) from Ask2/.exec(screen)![1];
  assert.is(ticketPrice(screen), ask2);
  assert.ok(Number(ask2) > Number(bid), `Ask2 ${ask2} is above Bid1 ${bid}`);

  t.keys('Escape');
  await t.waitFor('Tab ticket', 'focus back on the tables');
  t.keys('L');
  screen = await t.waitFor(/My buy\s+Bid vol\s+Price/, 'the ladder');
  // A price row three below the header, whichever it is: its price goes into the ticket and the cursor to it.
  const lines = screen.split('\n');
  const header = lines.findIndex((l) => /My buy\s+Bid vol/.test(l));
  const y = header + 3;
  const row = lines[y]!;
  // The ladder is the last box on the line (the ticket's Price field may show the same number on the left).
  const price = /(\d{4})(?: ◀)?\s/.exec(row.split('│')[3] ?? '')?.[1];
  assert.ok(price, `a price on the ladder row: ${row}`);
  t.click(displayWidth(row.slice(0, row.lastIndexOf(price))) + 1, y);
  screen = await t.waitFor(`price ${price} from the ladder`, 'the ladder price in the ticket');
  assert.is(ticketPrice(screen), price);
  assert.match(screen, new RegExp(`▶\\s.*\\b${price}\\b`), 'the ladder cursor is on the clicked price');
  assert.not.match(screen, /Send order|y send/, 'a click never trades');
});

test('the wheel moves the table selection, scrolls the help and the chart', async () => {
  const t = await start();
  let screen = t.capture();
  const { x, y } = cellOf(screen, 'rb2501.SHFE', /螺纹钢/);
  // One notch down: three rows, from the first row to the fourth.
  t.wheel(x, y, 'down');
  t.keys('Enter');
  screen = await t.waitFor(/loaded \S+/, 'Enter on the row the wheel reached');
  const fourth = screen.split('\n').filter((l) => /^│\S+\.\w+\s/.test(l))[3];
  assert.ok(fourth, screen);
  const symbol = /^│(\S+)/.exec(fourth)![1]!;
  assert.match(screen, `loaded ${symbol}`);
  t.keys('Escape');
  await t.waitFor('Tab ticket', 'focus back on the tables');

  t.keys('?');
  screen = await t.waitFor('this help', 'the help');
  t.wheel(40, 12, 'down');
  screen = await t.waitFor((s) => !s.includes('this help'), 'the help scrolled down');
  t.wheel(40, 12, 'up');
  await t.waitFor('this help', 'the help scrolled back');
  t.keys('Escape');
  await t.waitFor((s) => !s.includes('Keys (Esc closes'), 'help closed');

  t.keys('K');
  screen = await t.waitFor(/O [\d.]+ H [\d.]+ L [\d.]+ C [\d.]+/, 'the chart with bars');
  t.wheel(50, 12, 'up');
  await t.waitFor('◀ 3 back', 'three bars back');
  t.wheel(50, 12, 'down');
  await t.waitFor((s) => !s.includes(' back') && /O [\d.]+ H/.test(s), 'the latest bars again');
});

test('dialogs: a click picks a search result (a second click loads it), a column (a second shows/hides it)', async () => {
  const t = await start();
  t.keys('/');
  t.type('IF2501');
  let screen = await t.waitFor('1 of ', 'the search result');
  // Behind the dialog nothing takes a click: the m2505 tick row, showing left of the dialog, is not selected.
  t.click(1, cellOf(screen, '│m25').y);
  const result = /IF2501\.CFFEX\s+沪深300指数2501\s+CFFEX/;
  clickText(t, screen, 'IF2501.CFFEX', result);
  clickText(t, screen, 'IF2501.CFFEX', result);
  screen = await t.waitFor('loaded IF2501.CFFEX', 'the result loaded');
  assert.not.match(screen, /Search contracts/);
  t.keys('Escape');
  await t.waitFor('Tab ticket', 'focus back on the tables');
  t.keys('Enter');
  await t.waitFor('loaded rb2501.SHFE', 'Enter on the first tick row, not on m2505');
  t.keys('Escape');
  await t.waitFor('Tab ticket', 'focus back on the tables');
  t.keys('C');
  screen = await t.waitFor('[x] Name', 'the columns dialog');
  clickText(t, screen, '[x] Name');
  clickText(t, screen, '[x] Name');
  screen = await t.waitFor('[ ] Name', 'Name hidden by the second click');
  t.keys('Escape');
  screen = await t.waitFor((s) => !s.includes('[ ] Name'), 'the dialog closed');
  assert.not.match(screen, /│Symbol\s+Name/, 'the ticks table without its Name column');
});

test('at 160x40 (tables beside the ticket and depth) a tab and a depth level take clicks where they are drawn', async () => {
  const t = await start({}, 160, 40);
  await t.loadContract('rb2501.SHFE');
  let screen = await t.waitFor(/│Bid2\s+\d+/, 'the depth under the ticket');
  clickText(t, screen, 'Bid2');
  screen = await t.waitFor(/price (\d+) from Bid2/, 'the Bid2 price in the ticket');
  assert.is(ticketPrice(screen), /price (\d+) from Bid2/.exec(screen)![1]);
  clickText(t, screen, '5 Positions');
  await t.waitFor(/│Symbol\s+Dir\s+Volume\s+Yd/, 'the positions tab');
});

test('ui.mouse off: no reporting asked for, a click does nothing and the keys work as before', async () => {
  const t = await start({ 'ui.mouse': false });
  assert.equal(mouseModes(t), { standard: '0', sgr: '0' });
  assert.is(t.flag('mouse_any_flag'), '0', 'the terminal keeps the mouse for selecting text');
  const screen = t.capture();
  clickText(t, screen, 'IF2501.CFFEX', /沪深300/);
  clickText(t, screen, '4 Trades');
  t.keys('Enter');
  // The clicks changed nothing: Enter loads the first row, on the ticks tab.
  await t.waitFor('loaded rb2501.SHFE', 'Enter on the first row');
});

test(':mouse off leaves the mouse to the terminal at once and is saved; :mouse on asks again', async () => {
  const dir = tempTraderDir();
  const t = await start({}, 80, 24, dir);
  t.palette('mouse off');
  await t.waitFor('mouse off: the terminal selects text again (saved)', 'reporting off');
  assert.equal(mouseModes(t), { standard: '0', sgr: '0' });
  assert.is(new TraderDir(dir).loadGlobal()['ui.mouse'], false, 'saved for the next start');
  t.palette('mouse');
  await t.waitFor('usage: mouse on|off (it is off)', 'the usage says how it is');
  t.palette('mouse on');
  await t.waitFor('mouse on (saved)', 'reporting on');
  assert.equal(mouseModes(t), { standard: '1', sgr: '1' });
  assert.is(new TraderDir(dir).loadGlobal()['ui.mouse'], true);
  clickText(t, t.capture(), '7 Log');
  await t.waitFor(/│Time\s+Level\s+Source\s+Message/, 'a click works again');
});

test('clicks on nothing, off the screen and on the "too small" screen are ignored', async () => {
  const t = await start();
  t.click(0, 0);
  t.click(79, 23);
  t.type('\x1b[<0;500;500M');
  t.type('\x1b[<2;5;20M');
  t.resize(60, 20);
  await t.waitFor('terminal too small', 'the too-small screen');
  t.click(10, 15);
  t.wheel(10, 15, 'down');
  t.click(20, 10);
  t.resize(80, 24);
  await t.waitFor(TICKS, 'the console back');
  t.keys('Enter');
  // Still on ticks with the first row selected: nothing before acted.
  const screen = await t.waitFor('loaded rb2501.SHFE', 'Enter on the first row');
  assert.not.match(screen, new RegExp(EXITED.replace('[', '\\[')));
});

test.run();
