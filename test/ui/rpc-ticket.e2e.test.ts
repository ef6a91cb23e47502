// Issue 25, the RPC case of the ticket: a console connected only to a real `vnt serve --demo` process (no SIM of
// its own) on the real binary in tmux at 80x24. The ticket asks for an Offset on rb2501.SHFE because the remote
// gateway needs one; a marketable ticket order opens (it was rejected for "needs an offset"); Enter on the
// RPC position pre-fills the closing order with CloseToday, which closes it; a resting order is amended through
// RPC in place.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Tmux } from '../helpers/tmux.js';
import type { ServerProcess } from '../rpc/helpers.js';
import { startDemoServer } from './demo-server.js';

let t: Tmux | undefined;
let server: ServerProcess | undefined;
test.after(async () => {
  t?.stop();
  await server?.kill('SIGTERM');
});

/** Enter in the ticket asks first; y sends. */
async function send(tm: Tmux): Promise<void> {
  tm.keys('Enter');
  await tm.waitFor('y send', 'the confirmation');
  tm.keys('y');
}

test('over RPC the ticket has the Offset row; it opens, Enter on the position closes, and amends go through', async () => {
  const demo = await startDemoServer('ui-rpc-ticket');
  server = demo.server;
  const dir = demo.dir;
  const tm = (t = Tmux.start({ cols: 80, rows: 24, args: ['--trader-dir', dir], env: { NO_COLOR: '1' } }));
  await tm.waitFor('RPC ○', 'the first screen');
  tm.palette('connect RPC');
  await tm.waitFor('Connect RPC', 'the connect form');
  tm.keys('Enter');
  await tm.waitFor('RPC ●', 'RPC connected');
  await tm.loadContract('rb2501.SHFE');
  let screen = await tm.waitFor(/Gateway\s+RPC ●/, 'the ticket on the RPC listing');
  assert.match(screen, /Offset\s+Open/, 'the remote gateway needs an offset: the ticket asks for it');

  // A price through the ask (within the daily band): the order trades at once.
  const last = Number(/Last\s+(\d+)/.exec(await tm.waitFor(/Last\s+\d+/, 'a last price'))![1]);
  tm.keys('Tab');
  await tm.waitFor('Enter review', 'the ticket focused');
  tm.keys('C-f');
  await tm.waitFor(/Price\s+\d+\s+\(last\)/, 'the price field');
  tm.type(String(Math.round(last * 1.02)));
  await send(tm);
  screen = await tm.waitFor(/filled Long 1 rb2501|rejected/i, 'the fill');
  assert.not.match(screen, /needs an offset|rejected/i, screen);
  tm.keys('Escape');
  await tm.waitFor('Tab ticket', 'the tables');
  tm.keys('5');
  await tm.waitFor(/rb2501\.SHFE\s+Long\s+1\s/, 'the RPC position');
  tm.keys('Enter');
  screen = await tm.waitFor(/Direction\s+Short/, 'the closing order');
  assert.match(screen, /Offset\s+CloseToday/, 'SHFE closes today’s position with CloseToday');
  assert.match(screen, /Gateway\s+RPC ●/);
  tm.keys('Up');
  tm.type(String(Math.round(last * 0.98)));
  await send(tm);
  await tm.waitFor(/filled Short 1 rb2501/, 'the close filled');
  tm.keys('Escape');
  await tm.waitFor('Tab ticket', 'the tables again');
  tm.keys('5');
  await tm.waitFor(/rb2501\.SHFE\s+Long\s+0\s/, 'the position closed');

  // A resting order amended through RPC: the server's simulator amends in place.
  const below = Math.round(last * 0.98);
  tm.palette(`buy rb2501.SHFE 1 @ ${below} RPC`);
  tm.keys('2');
  screen = await tm.waitFor(
    /(RPC\.\S+)\s+rb2501\.SHFE\s+Long\s+Open\s+\d+\s+1\s+Not traded/,
    'the resting order',
  );
  const id = /(RPC\.\S+)\s+rb2501\.SHFE\s+Long/.exec(screen)![1]!;
  tm.palette(`amend ${id} ${below - 3} 2`);
  await tm.waitFor(
    new RegExp(
      `${id.replace(/\./g, '\\.')}\\s+rb2501\\.SHFE\\s+Long\\s+Open\\s+${below - 3}\\s+2\\s+Not traded`,
    ),
    'the amended order, same id',
  );
  // :cancel takes the id as the table shows it.
  tm.palette(`cancel ${id}`);
  await tm.waitFor((s) => !s.includes('Active(1)'), 'cancelled');
  // Three orders through RPC: three ids, whole and told apart on the orders tab at 80 columns, with their
  // status (Traded gives way to it where both do not fit).
  tm.keys('3');
  screen = await tm.waitFor(
    (s) => /Cancelled/.test(s) && (s.match(/RPC\.\S+\s+rb2501/g) ?? []).length === 3,
    'the orders',
  );
  const ids = [...screen.matchAll(/(RPC\.\S+)\s+rb2501/g)].map((m) => m[1]!);
  assert.is(new Set(ids).size, 3, ids.join(' '));
  assert.ok(
    ids.every((i) => !i.includes('…')),
    ids.join(' '),
  );
  assert.ok(ids.includes(id), `${id} among ${ids.join(' ')}`);
  // The ticket's opening order and the palette's are recorded alike: Open, as the close is CloseToday.
  assert.is((screen.match(/rb2501\.SHFE\s+Long\s+Open\s/g) ?? []).length, 2, screen);
  assert.match(screen, /rb2501\.SHFE\s+Short\s+CloseToday\s/);
});

test.run();
