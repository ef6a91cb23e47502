// Issue 25: one vtSymbol from two gateways never merges on screen, and the demo's simulated exchange lists
// its crypto pair under its own exchange code rather than posing as Binance. The second gateway is the
// console's RPC client connected to a real `vnt serve --demo` process, whose SIM lists the same contracts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { linesWith, tempTraderDir, Tmux } from '../helpers/tmux.js';
import type { ServerProcess } from '../rpc/helpers.js';
import { startDemoServer } from './demo-server.js';

const started: Tmux[] = [];
let server: ServerProcess | undefined;
test.after(async () => {
  started.forEach((t) => t.stop());
  await server?.kill('SIGTERM');
});

test('the demo lists its crypto pair under SIM, not BINANCE', async () => {
  const t = Tmux.start({ cols: 80, rows: 24, args: ['--demo', '--trader-dir', tempTraderDir()] });
  started.push(t);
  await t.waitFor('SIM ●', 'connected');
  t.keys('/');
  t.type('btcusdt');
  const screen = await t.waitFor(/BTCUSDT\.\w+/, 'the search result');
  const results = linesWith(screen, 'BTCUSDT');
  assert.ok(
    results.some((l) => /BTCUSDT\.SIM\s/.test(l)),
    results.join('\n'),
  );
  assert.not.ok(
    results.some((l) => l.includes('BINANCE')),
    `the simulator poses as Binance:\n${results.join('\n')}`,
  );
  t.keys('Escape');
});

test('rb2501.SHFE from SIM and from RPC: two search rows, two tick rows, the ticket keeps the gateway', async () => {
  const demo = await startDemoServer('ui-listings');
  server = demo.server;
  const dir = demo.dir;
  const t = Tmux.start({ cols: 240, rows: 50, args: ['--demo', '--trader-dir', dir] });
  started.push(t);
  await t.waitFor((s) => /rb2501\.SHFE\s+螺纹钢2501/.test(s) && /SIM ●/.test(s), 'SIM ticks');
  t.keys(':');
  t.type('connect rpc');
  t.keys('Enter');
  await t.waitFor('Connect RPC');
  t.keys('Enter');
  await t.waitFor(/RPC ●/, 'RPC connected');

  t.keys('/');
  t.type('rb2501');
  // A search row reads: symbol, name, exchange, product, tick, gateway.
  const listing = /rb2501\.SHFE\s+螺纹钢2501\s+SHFE\s+Futures\s+1 (SIM|RPC)\s/;
  const searchRows = (s: string) => s.split('\n').filter((l) => listing.test(l));
  const search = await t.waitFor((s) => searchRows(s).length === 2, 'one search row per listing');
  const gateways = searchRows(search).map((l) => listing.exec(l)![1]);
  assert.equal([...gateways].sort(), ['RPC', 'SIM'], searchRows(search).join('\n'));
  // The gateway's name narrows the search to its listing.
  t.type(' rpc');
  const narrowed = await t.waitFor((s) => /\/ rb2501 rpc\s/.test(s), 'the gateway typed');
  assert.equal(
    searchRows(narrowed).map((l) => listing.exec(l)![1]),
    ['RPC'],
    searchRows(narrowed).join('\n'),
  );
  t.keys('Enter');
  await t.waitFor(/Gateway\s+RPC ●/, 'the ticket names the RPC listing');

  // Subscribed through RPC: a second rb2501.SHFE tick row, its gateway beside it.
  const ticks = await t.waitFor(
    (s) => linesWith(s, 'rb2501.SHFE').filter((l) => /螺纹钢2501/.test(l)).length >= 2,
    'a tick row per listing',
  );
  const tickRows = linesWith(ticks, 'rb2501.SHFE').filter((l) => /螺纹钢2501/.test(l));
  assert.ok(
    tickRows.some((l) => /\bRPC\b/.test(l)),
    `an RPC row:\n${tickRows.join('\n')}`,
  );
  assert.ok(
    tickRows.some((l) => /\bSIM\b/.test(l)),
    `a SIM row:\n${tickRows.join('\n')}`,
  );

  // The confirmation names the gateway the order goes to.
  t.keys('Enter');
  const confirm = await t.waitFor('y send', 'the confirmation');
  assert.match(confirm, /RPC/);
  t.keys('Escape');
});

test.run();
