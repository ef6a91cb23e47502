// In-place amend on the real binary in tmux against `vnt sim ib`: IB modifies an order by PLACE_ORDER again
// under its id, so the amend form says the order keeps its id, `:amend` changes the price and then the volume
// alone on the same row (one order, never replaced), and the Log tab says what was sent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IbGateway } from '../../gateways/ib/index.js';
import { defaultsOf } from '../../src/core/setting-schema.js';
import { TraderDir } from '../../src/core/settings.js';
import { startProcess, VNT_BIN, type ServerProcess } from '../rpc/helpers.js';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';

let t: Tmux | undefined;
let sim: ServerProcess | undefined;
test.after(async () => {
  t?.stop();
  await sim?.kill('SIGTERM');
});

/** The active tab's row of an order (IB has no offset: the column is blank): price, volume. */
const rowOf = (screen: string, id: string) =>
  new RegExp(`${id.replace('.', '\\.')}\\s+265598\\.SMART\\s+Long\\s+([\\d.]+)\\s+(\\d+)\\s+0\\s`).exec(
    screen,
  );

test('IB: a resting order amended in place, price then volume, on the same row', async () => {
  sim = await startProcess(
    [VNT_BIN, 'sim', 'ib', '--port', '0', '--tick-rate', '5'],
    /listening on (127\.0\.0\.1:\d+)/,
  );
  const dir = tempTraderDir();
  new TraderDir(dir).saveGatewaySetting('IB', IbGateway.defaultSetting, {
    ...defaultsOf(IbGateway.defaultSetting),
    host: '127.0.0.1',
    port: sim.port,
    clientId: 9,
    contracts: '265598',
  });
  const tm = (t = Tmux.start({ cols: 120, rows: 40, args: ['--trader-dir', dir] }));
  await tm.waitFor('connect', 'the first screen');
  tm.palette('connect ib');
  await tm.waitFor('Connect IB', 'the connect form');
  tm.keys('Enter');
  await tm.waitFor(/IB ●/, 'IB connected');
  tm.palette('buy 265598.SMART 10 @ 100');
  tm.keys('2');
  let screen = await tm.waitFor(/IB\.\d+\s+265598\.SMART\s+Long/, 'the resting order');
  const id = /(IB\.\d+)\s+265598\.SMART/.exec(screen)![1]!;
  await tm.waitFor((s) => rowOf(s, id) !== null, 'its row');
  tm.keys('a');
  screen = await tm.waitFor(`Amend ${id}`, 'the amend form');
  assert.match(screen, /amended in place: the order keeps its id/);
  tm.keys('Escape');
  await tm.waitFor((s) => !s.includes(`Amend ${id}`), 'the form closed');

  tm.palette(`amend ${id} 99.5`);
  screen = await tm.waitFor((s) => rowOf(s, id)?.[1] === '99.50', 'the new price on the row');
  assert.is(rowOf(screen, id)![2], '10', 'the volume kept');
  tm.palette(`amend ${id} - 12`);
  screen = await tm.waitFor((s) => rowOf(s, id)?.[2] === '12', 'the volume amended alone');
  assert.is(rowOf(screen, id)![1], '99.50', 'the price kept');
  assert.is(
    screen.match(/IB\.\d+\s+265598\.SMART\s+Long/g)?.length,
    1,
    'still one order: amended, not replaced',
  );

  tm.keys('7', 'f');
  tm.type('amend sent');
  tm.keys('Enter');
  screen = await tm.waitFor(`amend sent for ${id}: volume 12`, 'the Log tab');
  assert.ok(screen.includes(`amend sent for ${id}: price 99.5`), screen);
});

test.run();
