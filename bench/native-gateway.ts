// Measurements every native SDK gateway's benchmark takes alike: a decode loop beside its bare decode, a
// tick burst from the simulated library's own thread counted into the event engine (the simulator numbers
// its ticks in Volume, so a lost or reordered tick shows), and order round trips beside a bare IPC echo.
import type { MainEngine } from '../src/core/engine.js';
import type { OrderRequest, SubscribeRequest } from '../src/core/object.js';
import { percentile, report } from './report.js';
import { ipcEchoRoundTrips, orderRoundTrips } from './round-trip.js';

/** Runs `decode` n times; its sum goes to `sink` so that the work cannot be skipped. Returns decodes/s. */
export function decodeRate(n: number, decode: () => number, sink: { value: number }): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink.value += decode();
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/**
 * Starts the simulator's burst of `n` ticks with `trigger` (a control command) and waits for all of them on
 * the event engine.
 */
export async function tickBurst(
  me: MainEngine,
  n: number,
  trigger: () => void,
): Promise<{ rate: number; lost: number; outOfSequence: number }> {
  let received = 0;
  let lastSeq = 0;
  let gaps = 0;
  let done: () => void = () => undefined;
  me.eventEngine.register('tick', (e) => {
    if (lastSeq && e.data.volume !== lastSeq + 1) gaps++;
    lastSeq = e.data.volume;
    if (++received === n) done();
  });
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    done = resolve;
    trigger();
  });
  const sec = Number(process.hrtime.bigint() - start) / 1e9;
  return { rate: n / sec, lost: n - received, outOfSequence: gaps };
}

/** Subscribes `symbols` on `gateway` and waits for the first tick of each (the snapshot after subscribing). */
export async function subscribeAll(
  me: MainEngine,
  gateway: string,
  symbols: SubscribeRequest[],
): Promise<void> {
  let snapshots = 0;
  const count = () => snapshots++;
  me.eventEngine.register('tick', count);
  for (const s of symbols) me.subscribe(s, gateway);
  while (snapshots < symbols.length) await new Promise((r) => setTimeout(r, 5));
  me.eventEngine.unregister('tick', count);
}

/** The tick figure (`prefix.ticks`) beside the raw koffi callback rate of the same run. */
export function reportTicks(
  prefix: string,
  ticks: { rate: number; lost: number; outOfSequence: number },
  n: number,
  rawRate: number,
): void {
  report({
    bench: `${prefix}.ticks`,
    value: ticks.rate,
    unit: 'ticks/s',
    baseline: rawRate,
    baselineName: 'raw koffi foreign-thread callback into the main thread',
    ticks: n,
    lost: ticks.lost,
    outOfSequence: ticks.outOfSequence,
  });
}

/** Every figure of one native gateway's benchmark, as measured. */
export interface NativeGatewayFigures {
  ticks: { rate: number; lost: number; outOfSequence: number };
  /** Ticks asked of the simulator. */
  n: number;
  rawRate: number;
  decode: { full: number; bare: number; struct: string; sink: number };
  rtts: number[];
  echoes: number[];
}

/**
 * The three figures (`prefix.ticks`, `prefix.tick-decode`, `prefix.order-roundtrip.p50`), each beside its
 * baseline from the same run: the raw koffi callback rate, the bare struct decode, a bare IPC echo.
 */
export function reportNativeGateway(prefix: string, f: NativeGatewayFigures): void {
  reportTicks(prefix, f.ticks, f.n, f.rawRate);
  report({
    bench: `${prefix}.tick-decode`,
    value: f.decode.full,
    unit: 'ticks/s',
    baseline: f.decode.bare,
    baselineName: `bare ${f.decode.struct} decode of the same bytes`,
    sink: f.decode.sink > 0,
  });
  report({
    bench: `${prefix}.order-roundtrip.p50`,
    value: percentile(f.rtts, 50),
    unit: 'ms',
    baseline: percentile(f.echoes, 50),
    baselineName: 'bare IPC echo with a child process',
  });
}

/** A connected native gateway, ready for the tick burst and the order round trips. */
export interface NativeOrderBench {
  me: MainEngine;
  gateway: string;
  /** Ticks asked of the simulator by `burst`. */
  n: number;
  rawRate: number;
  decode: NativeGatewayFigures['decode'];
  /** Asks the simulator for a burst of `n` ticks (a control command). */
  burst(): void;
  /** The i-th order: one that rests (NOTTRADED), different from the others where the venue needs it. */
  order(i: number): OrderRequest;
  /** Stops the simulator's side once the engine is closed (the control socket, a server process). */
  stop(): Promise<void>;
}

const ORDERS = 200;

/**
 * The tail every native gateway's benchmark shares: the tick burst, ORDERS order round trips one at a time,
 * closing, the bare IPC echo baseline, and the three figures of reportNativeGateway.
 */
export async function benchNativeOrders(prefix: string, b: NativeOrderBench): Promise<void> {
  const ticks = await tickBurst(b.me, b.n, () => b.burst());
  const rtts = await orderRoundTrips(b.me.eventEngine, ORDERS, (i) => b.me.sendOrder(b.order(i), b.gateway));
  await b.me.close();
  await b.stop();
  // The baseline: a message to a child process and back over Node's IPC channel.
  const echoes = await ipcEchoRoundTrips(ORDERS);
  reportNativeGateway(prefix, { ticks, n: b.n, rawRate: b.rawRate, decode: b.decode, rtts, echoes });
}
