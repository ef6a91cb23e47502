// Issue 25's "wrong or misleading" items, reproduced on the real binary in tmux at 80x24: the palette's input
// line stays visible with its cursor and Tab completes without losing what was typed, every theme renders
// without raw markup, Enter alone never sends an order, the first screen says what to do, prices of a
// disconnected gateway are marked stale, help scrolls at once, and a dialog never covers "too small".
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';
import { themeNames } from '../../src/ui/theme.js';

const started: Tmux[] = [];
test.after(() => started.forEach((t) => t.stop()));

function start(args: string[], env: Record<string, string> = { NO_COLOR: '1' }): Tmux {
  const t = Tmux.start({ cols: 80, rows: 24, args: [...args, '--trader-dir', tempTraderDir()], env });
  started.push(t);
  return t;
}

test('the palette at 80x24 shows the line being typed, its tail, and the cursor', async () => {
  const t = start(['--demo']);
  await t.waitFor('SIM ●', 'connected');
  t.keys(':');
  t.type('buy rb2501.SHFE 1 @ 3800');
  const screen = await t.waitFor(':buy rb2501.SHFE 1 @ 3800', 'the typed text on screen');
  const last = screen.trimEnd().split('\n').pop()!;
  assert.ok(last.startsWith(':buy rb2501.SHFE 1 @ 3800'), `the input is the bottom line:\n${screen}`);
  // The cursor: an inverse cell after the text.
  assert.match(t.captureEscapes().trimEnd().split('\n').pop()!, /3800\x1b\[7m \x1b\[0m/);
  t.type(' closetoday fak SIM and some more words to run past the edge');
  await t.waitFor((s) => s.includes('past the edge'), 'the end of a line longer than the terminal');
  t.keys('Escape');
  // Wait for it to close: an Escape and a ':' read in one go are Alt-: to the terminal library.
  await t.waitFor((s) => !s.includes('past the edge'), 'the palette closed');
  // Tab keeps what was typed and completes the argument.
  t.keys(':');
  t.type('buy rb25');
  t.keys('Tab');
  await t.waitFor(/^:buy rb2501\.SHFE\s*$/m, 'the symbol completed, the verb kept');
  // Completing in the middle of a line keeps what follows the cursor.
  t.keys('C-u');
  t.type('sell au25 2 @ 600');
  for (let i = 0; i < ' 2 @ 600'.length; i++) t.keys('Left');
  t.keys('Tab');
  await t.waitFor(/^:sell au2506\.SHFE 2 @ 600\s*$/m, 'the symbol completed, the volume and price kept');
  t.keys('Escape');
});

test('the first screen at 80x24 says what to do: c connect, ? help, q quit; c opens the connect form', async () => {
  const t = start([]);
  const screen = await t.waitFor('No gateway connected yet.', 'the first screen');
  assert.match(screen, /c connect a gateway\s+\? help\s+q quit/);
  assert.match(screen, /vnt --demo starts with the simulated exchange connected/);
  t.keys('c');
  await t.waitFor(/Connect \w+|Connect which gateway/, 'the connect form (or the choice of gateway)');
  t.keys('Escape');
});

test('after :disconnect the prices on screen are marked stale; reconnecting clears the marks', async () => {
  const t = start(['--demo']);
  await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  await t.loadContract('rb2501.SHFE');
  const stale = /rb2501\.SHFE\s+螺纹钢2501\s+\d+\?/;
  t.palette('disconnect SIM');
  let screen = await t.waitFor((s) => s.includes('SIM ○') && stale.test(s), 'the last price marked');
  assert.match(screen, /STALE/, 'the depth panel says so');
  // Wide enough for the tick table's Time column: it reads STALE instead of a time.
  t.resize(200, 50);
  screen = await t.waitFor(/rb2501\.SHFE\s+螺纹钢2501.*\sSTALE\s+SIM/, 'STALE in the Time column');
  t.resize(80, 24);
  t.palette('connect SIM');
  await t.waitFor('Connect SIM', 'the connect form');
  t.keys('Enter');
  screen = await t.waitFor(
    (s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d+[▲▼ ]/.test(s),
    'live',
  );
  assert.not.match(screen, /STALE/);
});

test('help scrolls from the first ↓ or j; a dialog open while the terminal shrinks stays under "too small"', async () => {
  const t = start(['--demo']);
  await t.waitFor('SIM ●', 'connected');
  t.keys('?');
  const top = (s: string): string => s.split('\n').find((l) => l.includes('Keys (Esc closes')) ?? '';
  const firstLine = (s: string): string => s.split('\n')[s.split('\n').indexOf(top(s)) + 1] ?? '';
  let screen = await t.waitFor((s) => top(s) !== '', 'the help');
  const before = firstLine(screen);
  t.keys('j');
  screen = await t.waitFor((s) => firstLine(s) !== before, 'one line down after one j');
  const after = firstLine(screen);
  t.keys('Down');
  await t.waitFor((s) => firstLine(s) !== after && firstLine(s) !== before, 'and one more after ↓');
  t.resize(60, 20);
  screen = await t.waitFor('terminal too small', 'the too-small screen');
  assert.not.match(screen, /Keys \(Esc closes/, 'the help does not cover it');
  t.resize(80, 24);
  await t.waitFor((s) => top(s) !== '' && !s.includes('terminal too small'), 'the help again');
  t.keys('Escape');
});

test('Enter in the ticket asks first; a second Enter does not send', async () => {
  const t = start(['--demo']);
  await t.waitFor((s) => s.includes('rb2501.SHFE') && s.includes('SIM ●'), 'ticks');
  t.keys('Enter');
  await t.waitFor(/Name\s+螺纹钢2501/, 'the ticket loaded from the ticks row');
  t.keys('Enter');
  await t.waitFor('y send', 'the confirmation');
  t.keys('Enter');
  t.keys('Escape');
  const screen = await t.waitFor((s) => !s.includes('y send'), 'the confirmation closed');
  assert.not.match(screen, /Active\(\d+\)/, 'nothing was sent');
  // The volume is each contract's own: 0.001 BTC does not become rb2501's volume.
  t.keys('Escape');
  await t.waitFor('Tab ticket', 'the tables');
  await t.loadContract('BTCUSDT.SIM');
  await t.waitFor(/Volume\s+0\.001\s/, 'the pair’s minimum');
  await t.loadContract('rb2501.SHFE');
  await t.waitFor(/Volume\s+1\s/, 'one lot of rb2501 again');
});

test(':theme high-contrast renders, is saved, and the next start renders it too', async () => {
  const dir = tempTraderDir();
  const run = () => {
    const t = Tmux.start({
      cols: 80,
      rows: 24,
      args: ['--demo', '--trader-dir', dir],
      env: { NO_COLOR: '' },
    });
    started.push(t);
    return t;
  };
  const ticks = (s: string): boolean => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s);
  let t = run();
  await t.waitFor(ticks, 'ticks');
  t.palette('theme high-contrast');
  let screen = await t.waitFor('theme high-contrast', 'the theme applied');
  assert.not.match(screen, /\{\/?[a-z#0-9-]+\}/, `raw tags on screen:\n${screen}`);
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit');
  const saved = JSON.parse(fs.readFileSync(path.join(dir, 'vt_setting.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  assert.is(saved['theme'], 'high-contrast');
  t = run();
  screen = await t.waitFor(ticks, 'ticks at the next start');
  assert.not.match(screen, /\{\/?[a-z#0-9-]+\}/, `raw tags on screen:\n${screen}`);
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit again');
});

for (const name of themeNames()) {
  test(`theme ${name} renders without raw markup`, async () => {
    const t = start(['--demo', '--theme', name], { NO_COLOR: '' });
    const screen = await t.waitFor((s) => s.includes('rb2501.SHFE') && s.includes('SIM ●'), 'ticks');
    assert.not.match(screen, /\{\/?[a-z#0-9-]+\}/, `raw tags on screen:\n${screen}`);
  });
}

test.run();
