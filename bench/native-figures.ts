// What the native gateways' benches measure alike: a numbered burst of ticks through the gateway (its
// simulator numbers the ticks in `volume`, so a lost or reordered one shows), a decode timed beside the bare
// struct read of the same bytes, and the three figures reported beside their baselines.
import type { EventEngine } from '../src/core/event.js';
import { percentile, report } from './report.js';

export interface BurstResult {
  seconds: number;
  received: number;
  outOfSequence: number;
}

/** Starts the burst with `trigger` and waits for `n` ticks on the bus, checking their numbering. */
export async function tickBurst(ee: EventEngine, n: number, trigger: () => void): Promise<BurstResult> {
  let received = 0;
  let lastSeq = 0;
  let gaps = 0;
  let done: () => void = () => undefined;
  ee.register('tick', (e) => {
    if (lastSeq && e.data.volume !== lastSeq + 1) gaps++;
    lastSeq = e.data.volume;
    if (++received === n) done();
  });
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    done = resolve;
    trigger();
  });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, received, outOfSequence: gaps };
}

/** Seconds for `n` runs of `once` (whose results are summed so that the work is not optimised away). */
export function timeLoop(n: number, once: () => number): { seconds: number; sink: number } {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += once();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, sink };
}

export interface NativeFigures {
  prefix: string;
  ticks: number;
  burst: BurstResult;
  rawRate: number;
  decodes: number;
  bare: { seconds: number; sink: number };
  full: { seconds: number; sink: number };
  structName: string;
  rtts: number[];
  echoes: number[];
}

export function reportNativeFigures(f: NativeFigures): void {
  report({
    bench: `${f.prefix}.ticks`,
    value: f.ticks / f.burst.seconds,
    unit: 'ticks/s',
    baseline: f.rawRate,
    baselineName: 'raw koffi foreign-thread callback into the main thread',
    ticks: f.ticks,
    lost: f.ticks - f.burst.received,
    outOfSequence: f.burst.outOfSequence,
  });
  report({
    bench: `${f.prefix}.tick-decode`,
    value: f.decodes / f.full.seconds,
    unit: 'ticks/s',
    baseline: f.decodes / f.bare.seconds,
    baselineName: `bare ${f.structName} decode of the same bytes`,
    sink: f.bare.sink + f.full.sink > 0,
  });
  report({
    bench: `${f.prefix}.order-roundtrip.p50`,
    value: percentile(f.rtts, 50),
    unit: 'ms',
    baseline: percentile(f.echoes, 50),
    baselineName: 'bare IPC echo with a child process',
  });
}
