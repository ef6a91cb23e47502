// One JSON line per figure, so that results can be collected and compared by machine.
export interface Figure {
  bench: string;
  value: number;
  unit: string;
  /** The same work done by a reference implementation in the same run. */
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
  [extra: string]: unknown;
}

export function report(figure: Figure): void {
  const out: Figure = { ...figure, value: round(figure.value) };
  if (figure.baseline !== undefined) {
    out.baseline = round(figure.baseline);
    out.ratio = round(figure.value / figure.baseline, 3);
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Percentile of a numeric sample (p in 0..100). */
export function percentile(sample: number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Best of several timed runs of fn (ms), after one warm-up run. */
export function bestOf(runs: number, fn: () => void): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}
