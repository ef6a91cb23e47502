// Issue 25, the RPC case, with the RPC gateway's views setting: the server's SIM lists rb2501.SHFE under
// RPC/SIM on the client, beside the client's own SIM; the ticket and the tick row name RPC/SIM, and its
// prices are live (a view's link is its gateway's), not marked STALE.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { linesWith, Tmux } from '../helpers/tmux.js';
import type { ServerProcess } from '../rpc/helpers.js';
import { startDemoServer } from './demo-server.js';

const started: Tmux[] = [];
let server: ServerProcess | undefined;
test.after(async () => {
  started.forEach((t) => t.stop());
  await server?.kill('SIGTERM');
});

test('views on: rb2501.SHFE from SIM and RPC/SIM, two listings, the RPC/SIM row live', async () => {
  const demo = await startDemoServer('ui-rpc-views', { views: true });
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
  const listing = /rb2501\.SHFE\s+螺纹钢2501\s+SHFE\s+Futures\s+1 (SIM|RPC\/SIM)\s/;
  const searchRows = (s: string) => s.split('\n').filter((l) => listing.test(l));
  const search = await t.waitFor((s) => searchRows(s).length === 2, 'one search row per listing');
  const gateways = searchRows(search).map((l) => listing.exec(l)![1]);
  assert.equal([...gateways].sort(), ['RPC/SIM', 'SIM'], searchRows(search).join('\n'));
  if (gateways[0] === 'SIM') t.keys('Down');
  t.keys('Enter');
  await t.waitFor(/Gateway\s+RPC\/SIM ●/, 'the ticket names the RPC/SIM listing, connected');

  const viewRow = (s: string) =>
    linesWith(s, 'rb2501.SHFE').filter((l) => /螺纹钢2501/.test(l) && /RPC\/SIM/.test(l));
  const ticks = await t.waitFor((s) => viewRow(s).length === 1, 'a tick row for RPC/SIM');
  assert.not.match(viewRow(ticks)[0]!, /STALE/, viewRow(ticks)[0]);
  t.keys('Escape');
});

test.run();
