// Issue 25, "choose columns": on the real binary in tmux at 80x24 on --demo, C on the ticks tab hides the Name
// column (Volume, which did not fit, takes its room), the choice is saved in vt_setting.json and restored on the
// next start, and showing it again works the same way.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';

const started: Tmux[] = [];
test.after(() => started.forEach((t) => t.stop()));

function start(dir: string): Tmux {
  const t = Tmux.start({ cols: 80, rows: 24, args: ['--demo', '--trader-dir', dir], env: { NO_COLOR: '1' } });
  started.push(t);
  return t;
}

/** The ticks table's header line. */
const header = (screen: string): string => screen.split('\n').find((l) => /Symbol\s.*Last\s/.test(l)) ?? '';
const saved = (dir: string): unknown =>
  (JSON.parse(fs.readFileSync(path.join(dir, 'vt_setting.json'), 'utf8')) as Record<string, unknown>)[
    'columns.ticks'
  ];

test('C hides a column, the choice is saved and restored, and shown again', async () => {
  const dir = tempTraderDir();
  let t = start(dir);
  let screen = await t.waitFor(
    (s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s),
    'ticks',
  );
  assert.match(header(screen), /Symbol\s+Name\s+Last/);
  assert.not.match(header(screen), /Volume/, 'Volume does not fit at 80 columns');
  t.keys('C');
  screen = await t.waitFor('Ticks columns', 'the columns dialog');
  assert.match(screen, /\[x\] Symbol/);
  assert.match(screen, /\[x\] Gateway/);
  t.keys('j', 'Space');
  await t.waitFor('[ ] Name', 'Name unticked');
  t.keys('Escape');
  screen = await t.waitFor(
    (s) => !s.includes('Ticks columns') && /Symbol\s+Last\s+Bid/.test(header(s)),
    'no Name',
  );
  assert.match(header(screen), /Volume/, 'Volume has the room now');
  assert.not.match(screen, /螺纹钢2501/, 'no name on any row');
  assert.is(saved(dir), 'Name');
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit');

  t = start(dir);
  screen = await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+\d/.test(s), 'ticks again');
  assert.match(header(screen), /Symbol\s+Last\s+Bid/, 'restored at start');
  t.keys('C');
  await t.waitFor('[ ] Name', 'the dialog shows it hidden');
  t.keys('j', 'Space');
  await t.waitFor('[x] Name', 'Name ticked');
  t.keys('Escape');
  await t.waitFor((s) => /Symbol\s+Name\s+Last/.test(header(s)), 'Name back');
  assert.is(saved(dir), '');
});

test('K and J move a column; the order is saved with columns.ticks and restored', async () => {
  const dir = tempTraderDir();
  let t = start(dir);
  await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  t.keys('C');
  await t.waitFor('Ticks columns', 'the columns dialog');
  t.keys('j', 'j', 'K');
  await t.waitFor(/\[x\] Last\s*│.*\n.*\[x\] Name/, 'Last above Name in the list');
  assert.ok(String(saved(dir)).startsWith('+Symbol,+Last,+Name,+Bid,'), String(saved(dir)));
  t.keys('Escape');
  let screen = await t.waitFor(
    (s) => !s.includes('Ticks columns') && /Symbol\s+Last\s+Name\s+Bid/.test(header(s)),
    'Last left of Name in the table',
  );
  assert.match(screen, /rb2501\.SHFE\s+\d+\S*\s+螺纹钢2501/);
  // Last is second in the list now; J moves it down past Name and Bid, the cursor going with it.
  t.keys('C');
  await t.waitFor('Ticks columns', 'the dialog again');
  t.keys('j', 'J', 'J');
  await t.waitFor(/\[x\] Bid\s*│.*\n.*\[x\] Last/, 'Last after Bid in the list');
  t.keys('Escape');
  await t.waitFor(
    (s) => !s.includes('Ticks columns') && /Symbol\s+Name\s+Bid\s+Last/.test(header(s)),
    'Last after Bid in the table',
  );
  assert.ok(String(saved(dir)).startsWith('+Symbol,+Name,+Bid,+Last,'), String(saved(dir)));
  t.keys('q');
  await t.waitFor('[vnt exited 0]', 'quit');

  t = start(dir);
  screen = await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'again');
  assert.match(header(screen), /Symbol\s+Name\s+Bid\s+Last/, 'the order restored at start');
  t.keys('C');
  screen = await t.waitFor('Ticks columns', 'the dialog');
  assert.match(screen, /\[x\] Bid\s*│.*\n.*\[x\] Last/, 'listed in the order shown');
});

test.run();
