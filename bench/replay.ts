// Recorded venue frames replayed through a gateway's parse path, against a baseline doing the least the same
// frames need (JSON.parse alone) in the same run: the best of several interleaved runs of each, as frames/s.
import { report } from './report.js';

export interface Replay {
  frames: readonly string[];
  /** One frame through the gateway's path (into TickData). */
  replay: (frame: string) => void;
  /** One frame through the baseline; return something derived from it so that the work is not optimised away. */
  baseline: (frame: string) => number;
  /** Before each timed gateway run (reset per-run counters). */
  beforeRun?: () => void;
  runs?: number;
}

export interface ReplayFigures {
  perSecond: number;
  baselinePerSecond: number;
}

export function compareReplay(r: Replay): ReplayFigures {
  let sink = 0;
  const time = (each: (frame: string) => void): number => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < r.frames.length; i++) each(r.frames[i]!);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const viaGateway = () => {
    r.beforeRun?.();
    return time(r.replay);
  };
  const viaBaseline = () => time((f) => void (sink += r.baseline(f)));
  viaGateway();
  viaBaseline();
  let best = Infinity;
  let baselineMs = Infinity;
  for (let i = 0; i < (r.runs ?? 10); i++) {
    best = Math.min(best, viaGateway());
    baselineMs = Math.min(baselineMs, viaBaseline());
  }
  if (!Number.isFinite(sink)) throw new Error('baseline produced no number');
  return {
    perSecond: (r.frames.length / best) * 1000,
    baselinePerSecond: (r.frames.length / baselineMs) * 1000,
  };
}

/** One JSON line for a replay comparison, with what the caller counted. */
export function reportReplay(
  bench: string,
  f: ReplayFigures,
  extra: Record<string, unknown> & { messages: number },
): void {
  report({
    bench,
    value: f.perSecond,
    unit: 'msgs/s',
    baseline: f.baselinePerSecond,
    baselineName: 'JSON.parse of the same frames',
    ...extra,
  });
}
