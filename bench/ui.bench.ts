// The console under a flood: `vnt --demo` with the simulator pushing 10,000 ticks/s over 200 contracts, run in
// a pseudo-terminal (util-linux `script`) at 160x48. Measures frames written to the terminal per second (each
// blessed frame is one write bracketed by save/restore-cursor), bytes per second, CPU seconds per wall second
// of the vnt process, and the delay from a key press to its echo on screen (typing into the command palette) —
// with the tables in view, then again with the price ladder and with the candle chart open.
// The demo process runs the simulator too, and making 10,000 ticks/s costs it more than showing them: so the
// same flood is first run without the console (bench/demo-engine.ts: the same engine, simulator and
// subscriptions, nothing drawn), and the console's own CPU is reported as the whole process's less that.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, floodSim, PtyOutput, spawnConsole, vntPid } from './pty.js';
import { percentile, report, type Figure } from './report.js';

const CONTRACTS = 200;
const TICK_RATE = 10_000;
const MEASURE_MS = 10_000;
const KEY_SAMPLES = 150;
const ENGINE = fileURLToPath(new URL('./demo-engine.js', import.meta.url));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-ui-bench-'));
floodSim(dir, CONTRACTS, TICK_RATE);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** CPU seconds per wall second of a process over MEASURE_MS. */
async function cpuOver(pid: number): Promise<number> {
  const cpu0 = cpuSeconds(pid);
  const t0 = Date.now();
  await sleep(MEASURE_MS);
  return (cpuSeconds(pid) - cpu0) / ((Date.now() - t0) / 1000);
}

// The flood without the console, before the console starts (so the two never share the cores).
const engine = spawn(process.execPath, [ENGINE, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
let engineCpu: number;
try {
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: engine.stdout }).on('line', (l) => l.startsWith('ready') && resolve());
    engine.once('exit', (code) => reject(new Error(`demo-engine exited ${code}`)));
  });
  await sleep(3000); // as for the console below: the flood reaches its rate
  engineCpu = await cpuOver(engine.pid!);
} finally {
  engine.stdin.end('quit\n');
  await Promise.race([new Promise((r) => engine.once('exit', r)), sleep(3000)]);
  if (engine.exitCode === null) engine.kill('SIGKILL');
}
report({
  bench: 'ui.cpu.engine_only',
  value: engineCpu,
  unit: 'cpu-s/s',
  contains: 'the demo without its console: simulator making the flood, bus, OMS',
});
/** The console's own share of a whole-process figure of the same flood. */
const own = (whole: number): Figure => ({
  bench: '',
  value: whole - engineCpu,
  unit: 'cpu-s/s',
  target: 0.5,
  whole_process: Math.round(whole * 100) / 100,
  engine_only: Math.round(engineCpu * 100) / 100,
  contains: 'the demo process less the same flood without the console (ui.cpu.engine_only)',
});

const child = spawnConsole(['--demo', '--trader-dir', dir], 160, 48);
const pty = new PtyOutput(child.stdout);
const waitOutput = (text: string, from?: number, limitMs?: number): Promise<void> =>
  pty.wait(text, from, limitMs);

try {
  await waitOutput('connected');
  await sleep(3000); // subscriptions land and the flood reaches its rate
  const pid = vntPid(child);
  /** Frames and CPU over a window of pure market data (no keys). */
  const measure = async (): Promise<{ fps: number; cpu: number; bytes: number }> => {
    const frames0 = pty.frames;
    const bytes0 = pty.bytes;
    const t0 = Date.now();
    const cpu = await cpuOver(pid);
    const wall = (Date.now() - t0) / 1000;
    return { fps: (pty.frames - frames0) / wall, cpu, bytes: (pty.bytes - bytes0) / wall };
  };
  /** Key echo: '~' typed into the command palette, timed until it is written to the terminal; Esc closes it. */
  const keyEcho = async (): Promise<number[]> => {
    child.stdin.write(':');
    await waitOutput('disconnect'); // the palette's hint line (its command names)
    const samples: number[] = [];
    for (let i = 0; i < KEY_SAMPLES; i++) {
      if (i % 40 === 39) {
        child.stdin.write('\x15'); // C-u empties the line, so every '~' lands on a fresh cell
        await sleep(100);
      }
      const mark = pty.length;
      const start = process.hrtime.bigint();
      child.stdin.write('~');
      await waitOutput('~', mark, 5000);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      await sleep(20 + Math.random() * 40);
    }
    child.stdin.write('\x1b');
    await sleep(300); // Esc and the next key in one read would be Alt-<key>
    return samples;
  };
  const tables = await measure();
  report({
    bench: 'ui.fps',
    value: tables.fps,
    unit: 'frames/s',
    target: 20,
    ticksPerSecond: TICK_RATE,
    contracts: CONTRACTS,
  });
  report({ bench: 'ui.bytes', value: tables.bytes, unit: 'bytes/s', terminal: '160x48' });
  const whole = 'the whole demo process: console, simulator making the flood, bus, OMS';
  report({ bench: 'ui.cpu', value: tables.cpu, unit: 'cpu-s/s', target: 0.5, contains: whole });
  report({ ...own(tables.cpu), bench: 'ui.cpu.console_own' });
  const echo = await keyEcho();
  report({ bench: 'ui.key-echo.p50', value: percentile(echo, 50), unit: 'ms', samples: echo.length });
  report({ bench: 'ui.key-echo.p99', value: percentile(echo, 99), unit: 'ms', target: 100 });

  // The same flood with the price ladder, then the candle chart, in place of the tables (issue 25: the
  // figures must hold with them open); both open on the selected tick row.
  for (const [key, title, name] of [
    ['L', 'Ladder', 'ladder'],
    ['K', 'Chart', 'chart'],
  ] as const) {
    const mark = pty.length;
    child.stdin.write(key);
    await waitOutput(title, mark, 10_000);
    await sleep(1000); // the view's first frames (the chart loads its bars) are not the steady state
    const open = await measure();
    const extra = { view: name, baseline_name: 'the tables under the same flood in the same run' };
    report({
      bench: `ui.fps.${name}`,
      value: open.fps,
      unit: 'frames/s',
      target: 20,
      baseline: tables.fps,
      ...extra,
    });
    report({
      bench: `ui.cpu.${name}`,
      value: open.cpu,
      unit: 'cpu-s/s',
      target: 0.5,
      baseline: tables.cpu,
      contains: whole,
      ...extra,
    });
    report({
      ...own(open.cpu),
      bench: `ui.cpu.console_own.${name}`,
      baseline: tables.cpu - engineCpu,
      ...extra,
    });
    const viewEcho = await keyEcho();
    report({
      bench: `ui.key-echo.${name}.p99`,
      value: percentile(viewEcho, 99),
      unit: 'ms',
      target: 100,
      baseline: percentile(echo, 99),
      p50: percentile(viewEcho, 50),
      ...extra,
    });
    child.stdin.write('\x1b');
    await sleep(300);
  }

  child.stdin.write('\x1b');
  await sleep(200);
  child.stdin.write('q');
  await new Promise((r) => child.once('exit', r));
} finally {
  if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
}
