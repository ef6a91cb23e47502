// The console as a person uses it: the real `vnt --demo` binary in tmux at 80x24, driven by keys, asserted on
// what the screen shows. Every wait polls the screen until the text appears; nothing asserts on timing.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RpcClient } from '../../src/rpc/client.js';
import { displayWidth } from '../../src/ui/text.js';
import { readToken } from '../rpc/helpers.js';
import { EXITED, linesWith, tempTraderDir, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | undefined;
const traderDir = tempTraderDir();

test.after(() => tmux?.stop());

/** The tick table's rows (below its header), as shown. */
function tickRows(screen: string): string[] {
  const lines = screen.split('\n');
  const header = lines.findIndex((l) => /Symbol\s+Name\s+Last/.test(l));
  return header < 0 ? [] : lines.slice(header + 1).filter((l) => /\.[A-Z]+\s/.test(l));
}

/** Leaves the ticket for the tables; waits until the table key hints show that it has. */
async function toTables(): Promise<void> {
  tmux!.keys('Escape');
  await tmux!.waitFor('? help  : cmd', 'focus back on the tables');
}

/** Enter in the ticket asks first (only y sends): the issue-25 confirmation, answered yes. */
async function sendFromTicket(): Promise<void> {
  tmux!.keys('Enter');
  await tmux!.waitFor('y send', 'the order confirmation');
  tmux!.keys('y');
}

/** The last price on the depth panel. */
function lastPrice(screen: string): number {
  const m = /Last\s+([\d.]+)/.exec(screen);
  assert.ok(m, `no last price in the depth panel:\n${screen}`);
  return Number(m[1]);
}

/** The number on the ticket's Price row. */
function ticketPrice(screen: string): number {
  const m = /Price\s+([\d.]+)/.exec(screen);
  assert.ok(m, `no price in the ticket:\n${screen}`);
  return Number(m[1]);
}

test('starts connected to the simulator and shows ticks updating', async () => {
  tmux = Tmux.start({
    cols: 80,
    rows: 24,
    args: ['--demo', '--trader-dir', traderDir],
    env: { NO_COLOR: '1' },
  });
  const first = await tmux.waitFor((s) => s.includes('SIM ●') && tickRows(s).length >= 3, 'ticks');
  await tmux.waitFor((s) => tickRows(s).join('\n') !== tickRows(first).join('\n'), 'the tick rows to change');
  assert.ok(first.includes('1 Ticks'), 'the tab bar is shown');
  await tmux.waitFor('? help', 'the key hints');
});

test('? shows the help overlay and Esc closes it', async () => {
  tmux!.keys('?');
  await tmux!.waitFor('Keys (Esc closes');
  tmux!.keys('Escape');
  await tmux!.waitFor((s) => !s.includes('Keys (Esc closes'), 'the help to close');
});

test('/ finds a contract by name fragment with its Chinese name aligned, Enter loads the ticket', async () => {
  tmux!.keys('/');
  await tmux!.waitFor('Search contracts');
  tmux!.type('2501');
  const screen = await tmux!.waitFor(
    (s) => s.includes('螺纹钢2501') && s.includes('rb2501.SHFE'),
    'search results',
  );
  // The gateway column (after the name, exchange, product and tick columns) starts at the same display
  // column on every result row, whether the name is Chinese or not.
  const rows = screen.split('\n').filter((l) => /\w+\.[A-Z]+\s.* SIM /.test(l));
  assert.ok(rows.length >= 2, `several results:\n${screen}`);
  assert.ok(
    rows.some((l) => /[\u4e00-\u9fff]/.test(l)),
    'a Chinese name among the rows',
  );
  const gatewayColumns = rows.map((l) => displayWidth(l.slice(0, l.lastIndexOf(' SIM '))));
  assert.ok(
    gatewayColumns.every((c) => c === gatewayColumns[0]),
    `columns misaligned ${gatewayColumns}:\n${rows.join('\n')}`,
  );
  tmux!.keys('C-u');
  tmux!.type('rb2501');
  await tmux!.waitFor(
    (s) => /rb2501\.SHFE/.test(linesWith(s, '/ rb2501').join('') + s) && s.includes('1 of'),
    'one result',
  );
  tmux!.keys('Enter');
  const loaded = await tmux!.waitFor(
    (s) => /Name\s+螺纹钢2501/.test(s) && /Price\s+\d+/.test(s),
    'the ticket loaded',
  );
  assert.match(loaded, /Symbol\s+rb2501/);
  assert.match(loaded, /Ask1\s+\d+/);
  assert.match(loaded, /Bid1\s+\d+/);
});

test('an invalid order is refused with its reason and nothing is sent', async () => {
  // The ticket has focus on the price field after loading.
  tmux!.type('3850.5');
  tmux!.keys('Enter');
  await tmux!.waitFor('3850.5 is off the tick'); // the reason wraps inside the 30-cell ticket
  tmux!.keys('Down', 'C-u');
  tmux!.type('0');
  tmux!.keys('Enter');
  await tmux!.waitFor('volume must be more than');
  tmux!.keys('C-u');
  tmux!.type('abc');
  tmux!.keys('Enter');
  const screen = await tmux!.waitFor('volume "abc" is not a');
  assert.not.match(screen, /2 Active\(\d+\)/, 'no order is active');
});

test('a resting order from the ticket shows in active orders and x cancels it', async () => {
  tmux!.keys('C-u');
  tmux!.type('1');
  tmux!.keys('Up', 'C-f');
  const price = ticketPrice(await tmux!.waitFor(/Price\s+\d+\s+\(last\)/, 'the price to follow'));
  tmux!.type(String(Math.round(price * 0.95)));
  await sendFromTicket();
  await tmux!.waitFor(/sent Long 1 rb2501/);
  await toTables();
  tmux!.keys('2');
  const active = await tmux!.waitFor(
    (s) => s.includes('2 Active(1)') && /rb2501\.SHFE\s+Long/.test(s),
    'the active order',
  );
  assert.match(active, /Not traded|Submitting/);
  tmux!.keys('x');
  await tmux!.waitFor((s) => !s.includes('Active(1)'), 'the order to leave the active tab');
  tmux!.keys('3');
  await tmux!.waitFor(/rb2501\.SHFE\s+Long.*Cancelled/, 'the order cancelled in the orders tab');
});

test('a marketable order trades, and Enter on its position pre-fills the closing order', async () => {
  tmux!.keys('Tab');
  await tmux!.waitFor('Enter review');
  tmux!.keys('C-f');
  const price = ticketPrice(await tmux!.waitFor(/Price\s+\d+\s+\(last\)/, 'the price to follow'));
  tmux!.type(String(Math.round(price * 1.03)));
  await sendFromTicket();
  await tmux!.waitFor(/(sent|filled) Long 1 rb2501/);
  await toTables();
  tmux!.keys('4');
  await tmux!.waitFor(/rb2501\.SHFE\s+Long\s+Open\s+\d+/, 'the trade');
  tmux!.keys('5');
  await tmux!.waitFor(/rb2501\.SHFE\s+Long\s+1\s/, 'the long position');
  tmux!.keys('Enter');
  const prefilled = await tmux!.waitFor(/Direction\s+Short/, 'the closing order');
  // Today's position on SHFE closes with CLOSETODAY.
  assert.match(prefilled, /Offset\s+CloseToday/);
  assert.match(prefilled, /Volume\s+1\b/);
  // A price through the bid, so the close trades now rather than resting.
  tmux!.keys('Up');
  tmux!.type(String(Math.round(lastPrice(prefilled) * 0.97)));
  await sendFromTicket();
  await tmux!.waitFor(/(sent|filled) Short 1 rb2501/);
  await toTables();
  tmux!.keys('4');
  await tmux!.waitFor(/rb2501\.SHFE\s+Short\s+CloseT/, 'the closing trade');
  tmux!.keys('5');
  await tmux!.waitFor(/rb2501\.SHFE\s+Long\s+0\s/, 'the position closed');
});

test('a rejected palette command shows its reason and the console keeps running', async () => {
  tmux!.keys(':');
  tmux!.type('buy nosuch.SHFE 1 @ 10');
  tmux!.keys('Enter');
  await tmux!.waitFor('unknown symbol nosuch.SHFE');
  tmux!.keys(':');
  tmux!.type('frobnicate');
  tmux!.keys('Enter');
  await tmux!.waitFor('unknown command "frobnicate"');
  tmux!.keys(':');
  tmux!.type('theme neon');
  tmux!.keys('Enter');
  await tmux!.waitFor('no theme named "neon"');
  // This session runs with NO_COLOR, which wins over any theme.
  tmux!.keys(':');
  tmux!.type('theme light');
  tmux!.keys('Enter');
  await tmux!.waitFor('NO_COLOR is set: staying colourless');
  const saved = JSON.parse(fs.readFileSync(path.join(traderDir, 'vt_setting.json'), 'utf8')) as {
    theme?: string;
  };
  assert.is(saved.theme, 'light', 'the chosen theme is remembered in vt_setting.json');
});

test(':rpc start serves this session to another process, :rpc stop ends it', async () => {
  tmux!.keys(':');
  tmux!.type('rpc start 0');
  tmux!.keys('Enter');
  const screen = await tmux!.waitFor(/RPC service listening on ws:\/\/127\.0\.0\.1:\d+/, 'the RPC service');
  const url = /ws:\/\/127\.0\.0\.1:\d+/.exec(screen)![0];
  const client = await RpcClient.connect(
    { url, token: readToken(traderDir) },
    { onEvent: () => {}, onClose: () => {} },
  );
  try {
    const contract = await client.request('getContract', { vtSymbol: 'rb2501.SHFE' });
    assert.is(contract?.name, '螺纹钢2501', "the console's contracts, served over RPC");
    tmux!.keys(':');
    tmux!.type('rpc');
    tmux!.keys('Enter');
    await tmux!.waitFor(/RPC service on ws:\/\/127\.0\.0\.1:\d+, 1 client/, 'the status with one client');
  } finally {
    client.close();
  }
  tmux!.keys(':');
  tmux!.type('rpc stop');
  tmux!.keys('Enter');
  await tmux!.waitFor('RPC service stopped');
});

test('below 80x24 the console says the terminal is too small, and comes back when it grows', async () => {
  tmux!.resize(70, 20);
  await tmux!.waitFor('terminal too small');
  tmux!.resize(80, 24);
  await tmux!.waitFor((s) => !s.includes('terminal too small') && s.includes('1 Ticks'), 'the console back');
});

test('q with an active order asks first; y quits and the terminal is restored', async () => {
  const price = Math.round(lastPrice(tmux!.capture()) * 0.95);
  tmux!.keys(':');
  tmux!.type(`buy rb2501.SHFE 1 @ ${price}`);
  tmux!.keys('Enter');
  await tmux!.waitFor('2 Active(1)');
  tmux!.keys('X');
  await tmux!.waitFor('Cancel all 1 active order?');
  tmux!.keys('n');
  await tmux!.waitFor((s) => !s.includes('Cancel all 1'), 'the question to close');
  tmux!.keys('q');
  await tmux!.waitFor('still active');
  tmux!.keys('n');
  await tmux!.waitFor((s) => !s.includes('still active'), 'the question to close');
  tmux!.keys('q');
  await tmux!.waitFor('still active');
  tmux!.keys('y');
  const after = await tmux!.waitFor(`${EXITED} 0]`);
  await tmux!.waitFor('TTY-COOKED');
  assert.not.ok(after.includes('1 Ticks'), 'the console is gone from the screen');
  assert.is(tmux!.flag('alternate_on'), '0', 'back on the main screen');
  assert.is(tmux!.flag('cursor_flag'), '1', 'cursor visible');
});

test.run();
