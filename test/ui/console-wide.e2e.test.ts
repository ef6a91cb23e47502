// The console on a wide terminal (160x48): the ticket column beside full-height tables, the connect form
// generated from a gateway's schema (a saved secret is never shown), and SIGTERM giving the terminal back.
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BinanceGateway } from '../../gateways/binance/index.js';
import { TraderDir } from '../../src/core/settings.js';
import { defaultsOf } from '../../src/core/setting-schema.js';
import { EXITED, tempTraderDir, Tmux } from '../helpers/tmux.js';

const SAVED_SECRET = 'saved-secret-Zq81xv';
let tmux: Tmux | undefined;
const dir = tempTraderDir();

test.after(() => tmux?.stop());

/** The process whose parent is pid (the pane's shell runs vnt as its one child), read from /proc. */
function childOf(pid: number): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) return Number(entry);
    } catch {
      // Gone while we looked.
    }
  }
  return 0;
}

test('a wide terminal puts the ticket, depth and chart beside full-height tables', async () => {
  new TraderDir(dir).saveGatewaySetting('BINANCE', BinanceGateway.defaultSetting, {
    ...defaultsOf(BinanceGateway.defaultSetting),
    key: 'my-api-key',
    secret: SAVED_SECRET,
  });
  tmux = Tmux.start({ cols: 160, rows: 48, args: ['--demo', '--trader-dir', dir] });
  const screen = await tmux.waitFor((s) => /rb2501\.SHFE\s+螺纹钢2501/.test(s), 'ticks');
  const lines = screen.split('\n');
  assert.ok(
    lines.some((l) => l.includes('Ticket') && l.includes('1 Ticks')),
    `ticket and tables side by side:\n${screen}`,
  );
  assert.ok(lines.some((l) => l.includes('Depth')) && lines.some((l) => l.includes('Chart')));
  // Wide tables show the columns a narrow one drops.
  assert.match(screen, /Open\s+High\s+Low/);
  const rows = (s: string) =>
    s
      .split('\n')
      .filter((l) => /\.[A-Z]+\s/.test(l))
      .join('\n');
  await tmux.waitFor((s) => rows(s) !== rows(screen), 'the tick rows to change');
});

test('the connect form is built from the schema and never shows a saved secret', async () => {
  tmux!.keys('c');
  const chooser = await tmux!.waitFor('Connect which gateway?');
  for (const name of ['SIM', 'BINANCE', 'RPC']) assert.match(chooser, new RegExp(`│ ${name} +│`));
  tmux!.keys('Escape');
  await tmux!.waitFor((s) => !s.includes('Connect which gateway?'), 'the chooser to close');
  tmux!.keys(':');
  tmux!.type('connect binance');
  tmux!.keys('Enter');
  let form = await tmux!.waitFor('Connect BINANCE');
  assert.match(form, /API key <string>\s+my-api-key/);
  assert.match(form, /API secret <secret>\s+.*\(saved; type to replace\)/);
  assert.match(form, /Server <choice>\s+‹ REAL ›/);
  assert.match(form, /Proxy port <integer>\s+0/);
  assert.not.ok(form.includes(SAVED_SECRET), 'the saved secret is not on screen');
  tmux!.keys('Down');
  tmux!.type('typed-secret');
  form = await tmux!.waitFor('••••••••••••', 'the typed secret masked');
  assert.not.ok(form.includes('typed-secret'), 'a typed secret is not shown in clear');
  assert.not.ok(form.includes(SAVED_SECRET));
  // An integer field refuses what is not a whole number, and says which field.
  for (let i = 0; i < 4; i++) tmux!.keys('Down');
  tmux!.type('80x');
  tmux!.keys('Enter');
  await tmux!.waitFor(/field "proxyPort" must be a whole number, got "080x"/);
  tmux!.keys('Escape');
  await tmux!.waitFor((s) => !s.includes('Connect BINANCE'), 'the form to close');
});

test('a failing connect is reported on screen and the console carries on', async () => {
  tmux!.keys(':');
  tmux!.type('connect binance');
  tmux!.keys('Enter');
  await tmux!.waitFor('Connect BINANCE');
  // Point every URL at a loopback port nothing listens on (port 1 needs root to bind).
  for (let i = 0; i < 6; i++) tmux!.keys('Down');
  for (const url of ['http://127.0.0.1:1', 'ws://127.0.0.1:1', 'ws://127.0.0.1:1', 'ws://127.0.0.1:1']) {
    tmux!.keys('C-u');
    tmux!.type(url);
    tmux!.keys('Down');
  }
  tmux!.keys('Enter');
  const screen = await tmux!.waitFor(/BINANCE: connect failed/, 'the connect failure');
  assert.not.ok(screen.includes(SAVED_SECRET), 'the secret is not in the error');
  // In words when the status bar has room, else the mark alone (more gateways are listed since OKEX/OKEXF).
  assert.match(screen, /BINANCE ○( disconnected)?/);
  await tmux!.waitFor(
    (s) => /rb2501\.SHFE/.test(s) && /SIM ●( connected)?/.test(s),
    'the console still running',
  );
  // The form saved what was submitted, and the untouched secret kept its saved value.
  const saved = new TraderDir(dir).loadGatewaySetting('BINANCE', BinanceGateway.defaultSetting);
  assert.is(saved['restUrl'], 'http://127.0.0.1:1');
  assert.is(saved['secret'], SAVED_SECRET);
  assert.is(saved['key'], 'my-api-key');
});

test('SIGTERM restores the terminal', async () => {
  const shell = Number(tmux!.flag('pane_pid'));
  const vnt = childOf(shell);
  assert.ok(vnt > 0, 'found the vnt process');
  process.kill(vnt, 'SIGTERM');
  await tmux!.waitFor(`${EXITED} 143]`);
  await tmux!.waitFor('TTY-COOKED');
  assert.is(tmux!.flag('alternate_on'), '0', 'back on the main screen');
  assert.is(tmux!.flag('cursor_flag'), '1', 'cursor visible');
});

test.run();
