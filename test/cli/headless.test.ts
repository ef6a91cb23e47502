// The real `vnt --demo --headless` in a child process: it shows live data, trades from stdin commands, and
// exits cleanly on end of input and on SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { until } from '../helpers/wait.js';

const BIN = new URL('../../../bin/vnt.js', import.meta.url).pathname;

interface Session {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  exited: Promise<number | null>;
  send(line: string): void;
  /** Waits for a line matching the pattern that arrives after `from` lines; returns it. */
  waitLine(pattern: RegExp, from?: number): Promise<string>;
}

function start(): Session {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-headless-'));
  const child = spawn(process.execPath, [BIN, '--demo', '--headless', '--trader-dir', dir], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (stderr) process.stderr.write(`[vnt stderr] ${stderr}`);
      resolve(code);
    }),
  );
  return {
    child,
    lines,
    exited,
    send: (line) => child.stdin.write(line + '\n'),
    async waitLine(pattern, from = 0) {
      let found: string | undefined;
      await until(
        () => {
          found = lines.slice(from).find((l) => pattern.test(l));
          return found !== undefined;
        },
        `a line matching ${pattern} (last lines:\n${lines.slice(-8).join('\n')})`,
      );
      return found!;
    },
  };
}

test('shows live data with CJK names, trades from stdin, and exits 0 at end of input', async () => {
  const s = start();
  const ready = await s.waitLine(/^READY /);
  assert.match(ready, /rb2501\.SHFE/);
  assert.match(ready, /600036\.SSE/);
  await s.waitLine(/^TICK rb2501\.SHFE 螺纹钢2501 last \d+ bid \d+ x \d+ ask \d+ x \d+/);
  await s.waitLine(/^TICK 600036\.SSE 招商银行 /);

  // A market order fills against the synthetic book.
  let mark = s.lines.length;
  s.send('buy rb2501.SHFE 1');
  await s.waitLine(/^ORDER SIM\.1 LONG OPEN rb2501\.SHFE 1 market MARKET ALLTRADED traded 1/, mark);
  await s.waitLine(/^TRADE SIM\.\d+ order SIM\.1 LONG OPEN rb2501\.SHFE 1 @ \d+/, mark);
  await s.waitLine(/^POSITION rb2501\.SHFE LONG 1 /, mark);

  // A limit order far below the market rests; then it is cancelled by its vtOrderid.
  mark = s.lines.length;
  s.send('buy rb2501.SHFE 2 @ 3700');
  await s.waitLine(/^ORDER SIM\.2 .* 2 @ 3700 LIMIT NOTTRADED/, mark);
  s.send('cancel SIM.2');
  await s.waitLine(/^ORDER SIM\.2 .* CANCELLED .*\(cancelled by request\)/, mark);

  // Mistakes and refusals are reported, and the session goes on.
  mark = s.lines.length;
  s.send('buy rb2501.SHFE 2 3850');
  await s.waitLine(/^ERROR write the price after "@"/, mark);
  s.send('sell 600036.SSE 100');
  await s.waitLine(/^ORDER SIM\.3 .* REJECTED .*INSUFFICIENT_POSITION/, mark);
  s.send('buy rb2501.SHFE 1 @ 3850.5');
  await s.waitLine(/^ERROR .*price tick/, mark);

  s.child.stdin.end();
  assert.is(await s.exited, 0);
  assert.match(s.lines[s.lines.length - 1]!, /^BYE end of input/);
});

test('a script piping commands at once sees the effect of each command in the next', async () => {
  const s = start();
  s.child.stdin.end(['buy rb2501.SHFE 1 @ 3700', 'cancel all', ''].join('\n'));
  assert.is(await s.exited, 0);
  const text = s.lines.join('\n');
  assert.match(text, /CANCEL ALL: 1 cancel request\(s\) sent/);
  assert.match(text, /ORDER SIM\.1 .* @ 3700 LIMIT CANCELLED/);
  assert.match(s.lines[s.lines.length - 1]!, /^BYE end of input/);
});

test('SIGTERM closes the session cleanly', async () => {
  const s = start();
  await s.waitLine(/^READY /);
  s.child.kill('SIGTERM');
  assert.is(await s.exited, 0);
  assert.match(s.lines.join('\n'), /BYE terminated/);
});

test('--headless without --demo explains itself', async () => {
  const child = spawn(process.execPath, [BIN, '--headless'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.is(code, 2);
  assert.match(stderr, /--headless needs --demo/);
});

test.run();
