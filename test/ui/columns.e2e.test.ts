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

test.run();
