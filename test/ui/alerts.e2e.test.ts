// Issue 25's alerts on the real binary in tmux at 80x24: a price alert from the palette rings once (one far
// from the price waits, listed, until cleared); a fill rings and flashes the status bar; a rejection of one's
// own order rings the bell and is shown with its whole reason; alert.bell=false in vt_setting.json keeps the
// terminal quiet while a fill is still shown. The bell is read from tmux's window_bell_flag.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TraderDir, GLOBAL_SCHEMA } from '../../src/core/settings.js';
import { defaultsOf, type GatewaySetting } from '../../src/core/setting-schema.js';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';
import { until } from '../helpers/wait.js';

const started: Tmux[] = [];
test.after(() => started.forEach((t) => t.stop()));

async function start(settings: GatewaySetting = {}): Promise<Tmux> {
  const dir = tempTraderDir();
  const traderDir = new TraderDir(dir);
  traderDir.save('vt_setting.json', GLOBAL_SCHEMA, { ...defaultsOf(GLOBAL_SCHEMA), ...settings });
  const t = Tmux.start({ cols: 80, rows: 24, args: ['--demo', '--trader-dir', dir], env: { NO_COLOR: '1' } });
  started.push(t);
  await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  return t;
}

function palette(t: Tmux, line: string): void {
  t.keys(':');
  t.type(line);
  t.keys('Enter');
}

const bell = (t: Tmux) => t.flag('window_bell_flag');

test('a price alert rings once and is gone', async () => {
  const t = await start();
  assert.is(bell(t), '0', 'quiet at start');
  palette(t, 'alert rb2501.SHFE >= 1');
  await t.waitFor(/alert #1 rb2501\.SHFE >= 1: last \d+ \(SIM\)/, 'the alert');
  assert.is(bell(t), '1', 'the bell rang');
  palette(t, 'alert list');
  await t.waitFor('no price alerts set', 'one-shot');
  palette(t, 'alert rb2501.SHFE ~ 1');
  await t.waitFor(/"~" is not >= or <=/, 'a bad operator is refused');
  // One far above the price waits, listed, without a sound, until cleared.
  palette(t, 'alert rb2501.SHFE >= 99999');
  await t.waitFor('alert set: #2 rb2501.SHFE >= 99999', 'set');
  palette(t, 'alert list');
  await t.waitFor('alerts: #2 rb2501.SHFE >= 99999', 'listed, not fired');
  palette(t, 'alert clear');
  palette(t, 'alert list');
  await t.waitFor('no price alerts set', 'cleared');
});

test('a fill flashes the status bar (inverse) as well as ringing', async () => {
  const t = await start();
  palette(t, 'buy rb2501.SHFE 1');
  await t.waitFor(/filled Long 1 rb2501\.SHFE @ \d+/, 'the fill');
  // The flash lasts a moment: it is the first line drawn inverse.
  await until(() => t.captureEscapes().split('\n')[0]!.includes('\x1b[7m'), 'the status bar inverted');
  assert.is(bell(t), '1');
});

test('a rejection rings the bell and is shown whole', async () => {
  const t = await start();
  // More than the demo account can pay for: past the size limit, so confirm with y; the venue rejects it.
  palette(t, 'buy IF2501.CFFEX 5000');
  await t.waitFor('y send', 'the confirmation');
  assert.is(bell(t), '0');
  t.keys('y');
  const screen = await t.waitFor(/✗ SIM\.\d+ Long 5000 IF2501\.CFFEX rejected: /, 'the rejection');
  // At 80 columns the reason runs onto a second line rather than being cut.
  assert.match(
    screen.replace(/[│└─┘\s]+/g, ' '),
    /rejected: insufficient funds: [\d.]+ CNY needed, [\d.]+ available/,
  );
  assert.is(bell(t), '1', 'the bell rang');
});

test('alert.bell=false: a fill is shown, the terminal stays quiet', async () => {
  const t = await start({ 'alert.bell': false });
  palette(t, 'buy rb2501.SHFE 1');
  await t.waitFor(/filled Long 1 rb2501\.SHFE @ \d+/, 'the fill');
  assert.is(bell(t), '0', 'no bell');
});

test.run();
