// Issue 25's "wrong or misleading" items, reproduced on the real binary in tmux at 80x24: the palette's input
// line stays visible, every theme renders without raw markup, and Enter alone never sends an order.
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
});

for (const name of themeNames()) {
  test(`theme ${name} renders without raw markup`, async () => {
    const t = start(['--demo', '--theme', name], { NO_COLOR: '' });
    const screen = await t.waitFor((s) => s.includes('rb2501.SHFE') && s.includes('SIM ●'), 'ticks');
    assert.not.match(screen, /\{\/?[a-z#0-9-]+\}/, `raw tags on screen:\n${screen}`);
  });
}

test.run();
