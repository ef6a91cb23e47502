// Tick on the wire → on the screen. A feed process (bench/wire-feed.ts) serves the simulated exchange at
// 10,000 ticks/s over 200 contracts through the RPC service on loopback; the console (`vnt` in a
// pseudo-terminal at 160x48) connects its RPC gateway to it, subscribes every contract and has the probe
// contract in its ticket. One probe tick at a time, every price of it the digit d repeated (1111111, then
// 2222222, …: each differs from the one before in every cell, so blessed writes the whole number and the
// text is found in the terminal stream), is timed from the moment it goes onto the feed's bus to the moment
// the terminal output carrying it arrives here: bus, RPC session, socket, RPC gateway, console bus, the
// renderer's frame and the pty. Both processes read the same monotonic clock (CLOCK_MONOTONIC).
// Beside it, in the same run: the frame interval the console paints at, and a bare RPC client filtered to
// the probe (the wire alone) as the baseline. Counts: probes never painted (dropped), ticks the RPC session
// collapsed for a lagging console, and ticks per painted frame (what each frame coalesces). And the console
// process's CPU: with the simulator in the feed process, all of it is the console's own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { RpcGateway } from '../gateways/rpc/index.js';
import { defaultsOf } from '../src/core/setting-schema.js';
import { TraderDir } from '../src/core/settings.js';
import { RpcClient } from '../src/rpc/client.js';
import { readToken } from '../test/rpc/helpers.js';
import { count, cpuSeconds, floodSim, PtyOutput, spawnConsole, vntPid } from './pty.js';
import { percentile, report } from './report.js';

const CONTRACTS = 200;
const TICK_RATE = 10_000;
const PROBES = 300;
const PROBE_LIMIT_MS = 2000;
const PROBE_VT_SYMBOL = 'PROBE.LOCAL';
const FEED = fileURLToPath(new URL('./wire-feed.js', import.meta.url));

const now = (): bigint => process.hrtime.bigint();
const ms = (ns: bigint): number => Number(ns) / 1e6;
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));

const feedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-wire-feed-'));
const consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-wire-console-'));
const vtSymbols = floodSim(feedDir, CONTRACTS, TICK_RATE);

const feed = spawn(process.execPath, [FEED, feedDir], { stdio: ['pipe', 'pipe', 'inherit'] });
const feedLines: string[] = [];
const feedWaiters: { prefix: string; resolve: (line: string) => void }[] = [];
readline.createInterface({ input: feed.stdout }).on('line', (line) => {
  const i = feedWaiters.findIndex((w) => line.startsWith(w.prefix));
  if (i >= 0) feedWaiters.splice(i, 1)[0]!.resolve(line);
  else feedLines.push(line);
});
/** Sends a command to the feed and resolves with its answer line (the one starting with prefix). */
function ask(command: string, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the feed did not answer "${command}"`)), 30_000);
    feedWaiters.push({ prefix, resolve: (l) => (clearTimeout(timer), resolve(l)) });
    if (command) feed.stdin.write(command + '\n');
  });
}

let child: ReturnType<typeof spawnConsole> | undefined;
let bare: RpcClient | undefined;
try {
  const url = (await ask('', 'url ')).slice(4);
  const token = readToken(feedDir);
  const dir = new TraderDir(consoleDir);
  dir.ensure();
  dir.saveGatewaySetting('RPC', RpcGateway.defaultSetting, {
    ...defaultsOf(RpcGateway.defaultSetting),
    address: url,
    token,
  });
  dir.saveGlobal({
    ...dir.loadGlobal(),
    'workspace.subscriptions': [PROBE_VT_SYMBOL, ...vtSymbols].map((s) => `RPC.${s}`).join(','),
    'workspace.ticket': `RPC.${PROBE_VT_SYMBOL}`,
  });

  // The baseline: the same probes to a client that does nothing else.
  const bareSeen = new Map<number, bigint>();
  bare = await RpcClient.connect(
    { url, token },
    {
      onEvent: (e) => {
        const data = e.data as { vtSymbol?: string; lastPrice?: number };
        if (e.event === 'tick' && data.vtSymbol === PROBE_VT_SYMBOL) bareSeen.set(data.lastPrice ?? 0, now());
      },
      onClose: () => {},
    },
  );
  await bare.request('setFilter', { types: ['tick'], vtSymbols: [PROBE_VT_SYMBOL] });

  const term = spawnConsole(['--trader-dir', consoleDir], 160, 48);
  child = term;
  const pty = new PtyOutput(term.stdout);
  // Frame times and the probe's arrival, stamped as each chunk comes in (PtyOutput has appended it first).
  const frameTimes: bigint[] = [];
  let pending: { text: string; from: number; seen?: bigint } | undefined;
  term.stdout.on('data', (chunk: string) => {
    const t = now();
    for (let n = count(chunk, '\x1b7'); n > 0; n--) frameTimes.push(t);
    if (pending && pending.seen === undefined && pty.find(pending.text, pending.from)) {
      pending.seen = t;
    }
  });

  await pty.wait('connect', 0, 30_000); // the first screen's hint
  term.stdin.write(':connect rpc');
  await sleep(300);
  term.stdin.write('\r');
  await pty.wait('Connect'); // the form's title (Connect RPC, the space is a skipped cell)
  await sleep(300);
  term.stdin.write('\r');

  const price = (d: number) => Number(String(d).repeat(7));
  /** One probe: resolves with [ns on the bus, ns painted or undefined]. */
  const probeOnce = async (d: number, limitMs: number): Promise<[bigint, bigint | undefined]> => {
    const p: { text: string; from: number; seen?: bigint } = { text: String(price(d)), from: pty.length };
    pending = p;
    const sent = BigInt((await ask(`probe ${d}`, `sent ${d} `)).split(' ')[2]!);
    const deadline = Date.now() + limitMs;
    while (p.seen === undefined && Date.now() < deadline) await sleep(2);
    return [sent, p.seen];
  };

  // Warm-up: the console is connected, subscribed and has the probe in its ticket once a probe shows.
  const warmUntil = Date.now() + 60_000;
  // The measured probes go on from the digit after the last warm-up one: a probe with the price already on
  // screen changes no cell, so nothing is written and it would be counted as dropped.
  let warmDigit = 1;
  for (; ; warmDigit = (warmDigit % 9) + 1) {
    const [, seen] = await probeOnce(warmDigit, 1000);
    if (seen !== undefined) break;
    if (Date.now() > warmUntil) {
      throw new Error(`no probe on screen; last output: ${JSON.stringify(pty.tail(600))}`);
    }
  }
  await sleep(3000); // the flood reaches its rate across every subscription

  const [ticks0, coalesced0] = (await ask('stats', 'stats ')).split(' ').slice(1).map(Number) as [
    number,
    number,
  ];
  const frames0 = frameTimes.length;
  const pid = vntPid(term);
  const cpu0 = cpuSeconds(pid);
  const t0 = now();
  const latencies: number[] = [];
  const wire: number[] = [];
  let dropped = 0;
  for (let i = 0; i < PROBES; i++) {
    const d = ((warmDigit + i) % 9) + 1;
    const [sent, seen] = await probeOnce(d, PROBE_LIMIT_MS);
    if (seen === undefined) dropped++;
    else latencies.push(ms(seen - sent));
    const bareAt = bareSeen.get(price(d));
    if (bareAt !== undefined && bareAt >= sent) wire.push(ms(bareAt - sent));
    await sleep(20 + Math.random() * 60); // off the frame clock's beat
  }
  const seconds = ms(now() - t0) / 1000;
  const cpu = (cpuSeconds(pid) - cpu0) / seconds;
  const [ticks1, coalesced1] = (await ask('stats', 'stats ')).split(' ').slice(1).map(Number) as [
    number,
    number,
  ];
  const frames = frameTimes.slice(frames0);
  const intervals = frames.slice(1).map((t, i) => ms(t - frames[i]!));
  const frameInterval = percentile(intervals, 50);
  const ticksPerSecond = (ticks1 - ticks0) / seconds;

  const common = {
    ticksPerSecond: Math.round(ticksPerSecond),
    contracts: CONTRACTS,
    frame_interval_ms: Math.round(frameInterval * 100) / 100,
    baselineName: 'the same probe ticks to a bare RPC client on loopback (the wire alone)',
    samples: latencies.length,
  };
  for (const p of [50, 99]) {
    report({
      bench: `ui.wire_to_screen.p${p}`,
      value: percentile(latencies, p),
      unit: 'ms',
      baseline: percentile(wire, p),
      target: 50,
      ...common,
    });
  }
  report({
    bench: 'ui.frame_interval.p50',
    value: frameInterval,
    unit: 'ms',
    p99: Math.round(percentile(intervals, 99) * 100) / 100,
    fps: Math.round((frames.length / seconds) * 100) / 100,
    target: 50,
  });
  report({
    bench: 'ui.cpu.rpc_fed',
    value: cpu,
    unit: 'cpu-s/s',
    target: 0.5,
    ticksPerSecond: Math.round(ticksPerSecond),
    contains:
      'the console process alone, the simulator in the feed process: RPC client, bus, OMS, tables and ticket drawn',
  });
  report({
    bench: 'ui.wire_to_screen.dropped',
    value: dropped,
    unit: 'probes',
    probes: PROBES,
    limit_ms: PROBE_LIMIT_MS,
  });
  report({
    bench: 'ui.wire_to_screen.coalesced',
    value: coalesced1 - coalesced0,
    unit: 'ticks',
    where: 'RPC session (console lagging)',
    ticks_sent: ticks1 - ticks0,
    ticks_per_frame: Math.round(((ticks1 - ticks0) / Math.max(1, frames.length)) * 10) / 10,
  });

  term.stdin.write('\x1b');
  await sleep(200);
  term.stdin.write('q');
  await new Promise((r) => term.once('exit', r));
} finally {
  bare?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
  feed.stdin.write('quit\n');
  await Promise.race([new Promise((r) => feed.once('exit', r)), sleep(3000)]);
  if (feed.exitCode === null) feed.kill('SIGKILL');
  fs.rmSync(feedDir, { recursive: true, force: true });
  fs.rmSync(consoleDir, { recursive: true, force: true });
}
