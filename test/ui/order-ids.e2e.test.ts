// Issue 25: every Binance order showed as "vntmx5pq6…" — the ids share a long prefix and the column cut them
// where they start to differ. On the real binary at 80 columns against `vnt sim binance`, two resting orders
// show two whole, different ids on the active tab with their status, the detail view shows the whole id, and `:cancel` takes the
// id as the table shows it; a fill's ids do not push its price and volume out of view.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BinanceGateway } from '../../gateways/binance/index.js';
import {
  BINANCE_READY,
  binanceSpotSetting,
  connectedConsole,
  startedList,
  venueSimulator,
} from '../helpers/venue-console.js';

const started = startedList();
test.after(() => started.stop());

const ROW = /(BINANCE\.\S+)\s+BTCUSDT\.BIN\S*\s+Long/g;

test('Binance orders at 80 columns: whole ids told apart; the detail view; :cancel by the id shown', async () => {
  const sim = await venueSimulator(started, 'binance', BINANCE_READY);
  const t = await connectedConsole(
    started,
    'BINANCE',
    BinanceGateway.defaultSetting,
    await binanceSpotSetting(sim),
    { cols: 80, rows: 24 },
  );
  await t.loadContract('BTCUSDT.BINANCE');
  const priced = /Price\s+(\d+\.\d+) \(last\)/;
  const last = Number(priced.exec(await t.waitFor(priced, 'the ticket priced at the last'))![1]);
  // Two buys well below the market rest.
  const below = Math.floor(last * 0.95);
  t.palette(`buy BTCUSDT.BINANCE 0.001 @ ${below}`);
  t.palette(`buy BTCUSDT.BINANCE 0.002 @ ${below - 1}`);
  t.keys('2');
  const screen = await t.waitFor(
    (s) => (s.match(ROW) ?? []).length === 2 && (s.match(/Not traded/g) ?? []).length >= 2,
    'two resting orders on the active tab',
  );
  const ids = [...screen.matchAll(ROW)].map((m) => m[1]!);
  assert.is(new Set(ids).size, 2, `two different ids on screen:\n${screen}`);
  for (const id of ids) assert.not.match(id, /…/, `${id} is shown whole`);
  // With ids this long, the spot orders' empty Offset column gives way so that their status stays in view.
  assert.not.match(screen, /Offset/, screen);

  // The detail view of the selected row shows its whole id.
  t.keys('i');
  const detail = await t.waitFor(/BINANCE\.\S+/, 'the detail view');
  assert.ok(
    ids.some((id) => detail.includes(id)),
    `the detail view names one of ${ids.join(', ')}:\n${detail}`,
  );
  t.keys('Escape');
  await t.waitFor('Tab ticket', 'the tables again');

  // :cancel takes the id as the table shows it; the other order stays.
  t.palette(`cancel ${ids[0]!}`);
  await t.waitFor((s) => (s.match(ROW) ?? []).length === 1, 'one order cancelled');
  const after = t.capture();
  assert.ok(after.includes(ids[1]!), `the other order stays:\n${after}`);

  // A buy through the ask fills (in one or more trades): the trades tab shows the order's whole id and,
  // beside it, each trade's price and volume — the trade's own id gives way where all do not fit.
  t.palette(`buy BTCUSDT.BINANCE 0.003 @ ${Math.ceil(last * 1.05)}`);
  t.keys('4');
  const trades = await t.waitFor(/BINANCE\.vntmx\w+\s+BTCUSDT\.BIN\S*\s+Long\s/, 'the fill');
  assert.match(
    trades,
    /BINANCE\.vntmx\w+\s+BTCUSDT\.BIN\S*\s+Long\s+\d+\.\d\d\s+0\.00[123]\b/,
    `the fill's price and volume are in view:\n${trades}`,
  );
});

test.run();
