// Bars before the first one a chart has, asked of the gateway's queryHistory when the person scrolls to the
// left edge of what is loaded: asked once per edge (a scroll key held at the edge, or every frame drawn there,
// asks nothing more), past the hours a market is closed, merged without duplicates, and a marker saying what
// became of it. The view stays in place because the chart's scroll is counted from the latest bar, which
// earlier bars do not move. A chart reopened at a saved place older than its first bars loads the bars back
// to it in a few larger steps.
import { INTERVAL_MS } from '../core/constant.js';
import { errorMessage } from '../core/errors.js';
import type { BarData } from '../core/object.js';
import { MAX_KEPT_BARS, type CandleSeries } from './candles.js';

/** Asks the gateway for the bars whose open time is in [start, end] (ms). */
export type QueryBars = (start: number, end: number) => Promise<BarData[]>;

/** Bars asked for at most in one step back toward a saved place: a few requests, none of them huge. */
const REACH_STEP_BARS = 5000;
/**
 * Time found empty before the first bar after which there are taken to be no earlier bars: longer than any
 * market's closure (a weekend, the Spring Festival), shorter than most of a daily chart's first request.
 */
const MAX_GAP_MS = 16 * 86_400_000;

export class EarlierBars {
  private state: 'idle' | 'loading' | 'none' | 'error' = 'idle';
  private error = '';
  /** The first bar's time when bars before it were last asked for: that edge is not asked again. */
  private askedAt: number | undefined;
  /** Requests made (a test counts them). */
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
    this.loadBefore(first.time, this.batch).then(
      (added) => {
        this.state = added > 0 ? 'idle' : 'none';
        this.changed();
      },
      (error: unknown) => {
        this.state = 'error';
        this.error = errorMessage(error);
        this.changed();
      },
    );
  }

  /**
   * Asks for `bars` bars' time before `first`. An empty answer is a market closed (a night between sessions, a
   * weekend, a holiday) as often as the start of history: the time before it is asked, twice as long each
   * time, until MAX_GAP_MS in all has come back empty. Returns how many bars were added.
   */
  private async loadBefore(first: number, bars: number): Promise<number> {
    const query = this.query!;
    let end = first - 1;
    let width = bars * INTERVAL_MS[this.series.interval];
    let empty = 0;
    for (;;) {
      this.requests += 1;
      const added = this.series.prepend(await query(end + 1 - width, end));
      if (added > 0) return added;
      empty += width;
      if (empty >= MAX_GAP_MS) return 0;
      end -= width;
      width *= 2;
    }
  }

  /**
   * Loads earlier bars, in steps, until `margin` bars older than time `at` are kept (so that a view ending at
   * `at` is full), there are none before, or MAX_KEPT_BARS are kept. Resolves to '' once `at` is among the bars
   * kept, else to why it is not. The edge is not asked meanwhile; afterwards it says what the steps found.
   */
  async reachBack(at: number, margin: number): Promise<string> {
    if (this.state === 'loading') return 'earlier bars are still loading';
    const span = INTERVAL_MS[this.series.interval];
    const older = (): number => this.series.candles().filter((c) => c.time < at).length;
    this.state = 'loading';
    try {
      for (;;) {
        const first = this.series.candles()[0];
        if (!first) return 'no bars';
        if (older() >= margin) break;
        this.askedAt = first.time;
        if (!this.query) {
          this.state = 'none';
          return first.time > at ? 'no history at this gateway' : '';
        }
        if (this.series.full) {
          this.state = 'none';
          return first.time > at ? `${MAX_KEPT_BARS} bars kept at most` : '';
        }
        const wanted = Math.ceil(Math.max(0, first.time - at) / span) + margin;
        const bars = Math.min(REACH_STEP_BARS, Math.max(this.batch, wanted));
        if ((await this.loadBefore(first.time, bars)) === 0) {
          this.state = 'none';
          return first.time > at ? 'no bars that far back' : '';
        }
      }
      this.state = 'idle';
      return '';
    } catch (error) {
      this.state = 'error';
      this.error = errorMessage(error);
      return this.error;
    } finally {
      this.changed();
    }
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
