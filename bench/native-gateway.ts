// Measurements every native SDK gateway's benchmark takes alike: a decode loop beside its bare decode, and a
// tick burst from the simulated library's own thread counted into the event engine (the simulator numbers
// its ticks in Volume, so a lost or reordered tick shows).
import type { MainEngine } from '../src/core/engine.js';
import { percentile, report } from './report.js';

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
  report({
    bench: `${prefix}.ticks`,
    value: f.ticks.rate,
    unit: 'ticks/s',
    baseline: f.rawRate,
    baselineName: 'raw koffi foreign-thread callback into the main thread',
    ticks: f.n,
    lost: f.ticks.lost,
    outOfSequence: f.ticks.outOfSequence,
  });
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
