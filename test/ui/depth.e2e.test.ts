// The depth panel on the real binary in tmux: a venue that sends ten levels (SIM with depth 10, as TickData.depth)
// shows Ask10…Bid10 where the terminal has the rows, its best five with "1-5/10" on the title where it has not
// (80x24), and D pages to levels 6-10 ("6-10/10"), and a five-level venue shows five as before.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SimGateway } from '../../gateways/sim/index.js';
import { defaultsOf } from '../../src/core/setting-schema.js';
import { TraderDir } from '../../src/core/settings.js';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';

const started: Tmux[] = [];
test.after(() => started.forEach((t) => t.stop()));

async function start(depth: number, cols: number, rows: number): Promise<Tmux> {
  const dir = tempTraderDir();
  new TraderDir(dir).saveGatewaySetting('SIM', SimGateway.defaultSetting, {
    ...defaultsOf(SimGateway.defaultSetting),
    depth,
  });
  const t = Tmux.start({ cols, rows, args: ['--demo', '--trader-dir', dir], env: { NO_COLOR: '1' } });
  started.push(t);
  await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  await t.loadContract('rb2501.SHFE');
  return t;
}

/** The depth rows on screen, by name (Ask10 … Last … Bid10), with their price. */
function levels(screen: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of screen.matchAll(/│(Ask\d+|Bid\d+)\s+(\d+)/g)) out.set(m[1]!, Number(m[2]));
  return out;
}

test('ten levels at 120x40: Ask10 down to Bid10, prices in order', async () => {
  const t = await start(10, 120, 40);
  const screen = await t.waitFor((s) => levels(s).has('Ask10') && levels(s).has('Bid10'), 'ten levels');
  const l = levels(screen);
  const asks = [...Array(10).keys()].map((i) => l.get(`Ask${i + 1}`));
  const bids = [...Array(10).keys()].map((i) => l.get(`Bid${i + 1}`));
  assert.ok(asks.every((p) => p !== undefined) && bids.every((p) => p !== undefined), screen);
  for (let i = 1; i < 10; i++) {
    assert.ok(asks[i]! > asks[i - 1]!, `asks rise away from the best: ${asks.join(' ')}`);
    assert.ok(bids[i]! < bids[i - 1]!, `bids fall away from the best: ${bids.join(' ')}`);
  }
  assert.ok(bids[0]! < asks[0]!, 'the book is not crossed');
  assert.not.match(screen, /Depth \d+-\d+\/10/);
  // The tables still have their rows below the taller band.
  assert.match(screen, /Symbol\s+Name/);
});

test('ten levels at 80x24: the best five, the title says 1-5/10 (without the word Depth when the limits need its room); D pages to 6-10 and back', async () => {
  const t = await start(10, 80, 24);
  let screen = await t.waitFor((s) => /─ (Depth )?1-5\/10 /.test(s) && levels(s).has('Bid5'), 'five of ten');
  assert.ok(levels(screen).has('Ask5'), screen);
  assert.not.ok(levels(screen).has('Ask6') || levels(screen).has('Bid6'), screen);

  t.keys('D');
  screen = await t.waitFor(
    (s) => /─ (Depth )?6-10\/10 /.test(s) && levels(s).has('Ask10') && levels(s).has('Bid10'),
    'levels 6 to 10',
  );
  const deep = levels(screen);
  for (let i = 6; i <= 10; i++) assert.ok(deep.has(`Ask${i}`) && deep.has(`Bid${i}`), screen);
  assert.not.ok(deep.has('Ask5') || deep.has('Bid1'), screen);
  // Further from the best as the level numbers grow, as on the first page.
  assert.ok(deep.get('Ask10')! > deep.get('Ask6')! && deep.get('Bid10')! < deep.get('Bid6')!, screen);

  t.keys('D');
  await t.waitFor((s) => /─ (Depth )?1-5\/10 /.test(s) && levels(s).has('Ask1'), 'back to the best five');
  // The help names the key.
  t.keys('?');
  await t.waitFor(/D\s+depth: next page of levels/, 'D in the help');
});

test('a book that fits pages nowhere: D says all levels are shown', async () => {
  const t = await start(5, 80, 24);
  await t.waitFor((s) => levels(s).has('Bid5'), 'five levels');
  t.keys('D');
  await t.waitFor('all 5 depth levels are shown', 'the reason D does nothing');
});

test('a five-level venue at 120x40 shows five, no count on the title', async () => {
  const t = await start(5, 120, 40);
  const screen = await t.waitFor((s) => levels(s).has('Bid5') && levels(s).has('Ask5'), 'five levels');
  assert.not.ok(levels(screen).has('Ask6') || levels(screen).has('Bid6'), screen);
  assert.not.match(screen, /Depth \d+\/\d+/);
});

test.run();
