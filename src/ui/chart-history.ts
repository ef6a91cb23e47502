// Bars before the first one a chart has, asked of the gateway's queryHistory when the person scrolls to the
// left edge of what is loaded: one request per edge (a scroll key held at the edge, or every frame drawn there,
// asks nothing more), merged without duplicates, and a marker saying what became of it. The view stays in
// place because the chart's scroll is counted from the latest bar, which earlier bars do not move.
import { INTERVAL_MS } from '../core/constant.js';
import { errorMessage } from '../core/errors.js';
import type { BarData } from '../core/object.js';
import { MAX_KEPT_BARS, type CandleSeries } from './candles.js';

/** Asks the gateway for the bars whose open time is in [start, end] (ms). */
export type QueryBars = (start: number, end: number) => Promise<BarData[]>;

export class EarlierBars {
  private state: 'idle' | 'loading' | 'none' | 'error' = 'idle';
  private error = '';
  /** The first bar's time when bars before it were last asked for: that edge is not asked again. */
  private askedAt: number | undefined;
  /** Requests made (a test counts them: one per edge). */
  requests = 0;

  /**
   * @param query the gateway's queryHistory for this listing, or undefined when it serves no history
   * @param changed called when an answer (or a failure) arrived, to redraw
   * @param batch bars asked for at a time
   */
  constructor(
    private readonly series: CandleSeries,
    private readonly query: QueryBars | undefined,
    private readonly changed: () => void,
    private readonly batch = 300,
  ) {}

  /** The person has the oldest bar in view and scrolled toward it: ask for the bars before it, once per edge. */
  atEdge(): void {
    const first = this.series.candles()[0];
    if (!first || this.state === 'loading' || this.askedAt === first.time) return;
    this.askedAt = first.time;
    if (!this.query || this.series.full) {
      this.state = 'none';
      return;
    }
    this.state = 'loading';
    this.requests += 1;
    const span = INTERVAL_MS[this.series.interval];
    let pending: Promise<BarData[]>;
    try {
      pending = this.query(first.time - this.batch * span, first.time - 1);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (bars) => {
        this.state = this.series.prepend(bars) > 0 ? 'idle' : 'none';
        this.changed();
      },
      (error: unknown) => {
        this.state = 'error';
        this.error = errorMessage(error);
        this.changed();
      },
    );
  }

  /** What the left edge says: '' while more may come, else loading, no earlier bars, or the failure. */
  marker(): string {
    switch (this.state) {
      case 'loading':
        return 'loading earlier bars…';
      case 'none':
        return this.series.full ? `no earlier bars: ${MAX_KEPT_BARS} kept at most` : 'no earlier bars';
      case 'error':
        return `earlier bars: ${this.error}`;
      default:
        return '';
    }
  }
}
