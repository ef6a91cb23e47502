// Draws the candle chart (candles.ts) in the tables' place: a title line with the listing and the interval, a
// line with the last bar's open/high/low/close/volume, the candles with their axes, and the keys.
import blessed from 'blessed';
import { Interval } from '../core/constant.js';
import type { ContractData } from '../core/object.js';
import { priceDecimals } from '../core/validate.js';
import { drawCandles, type CandleSeries, type CellKind } from './candles.js';
import { displayWidth, fit, wrap } from './text.js';
import { bold, esc, paint, type Theme } from './theme.js';

/** The chart's interval keys. */
export const CHART_INTERVALS: Readonly<Record<string, Interval>> = {
  m: Interval.MINUTE,
  h: Interval.HOUR,
  d: Interval.DAILY,
  w: Interval.WEEKLY,
};

export const CHART_KEYS = 'm h d w interval  ← → PgUp PgDn scroll  End latest  Esc tables';

export class ChartView {
  readonly box: blessed.Widgets.BoxElement;
  /** Bars scrolled back from the latest, as the last drawing settled it, and how many it showed. */
  back = 0;
  shown = 0;
  /** The last drawing had the oldest bar loaded in view, and the last scroll went back in time. */
  atOldest = false;
  private pastward = false;
  /**
   * The newest bar in view at the last drawing, and `back` then: scrolled back, the view stays on its bars while
   * live bars are added after the latest (else it would slide a bar toward now with each one).
   */
  private anchor: { time: number; back: number } | undefined;

  constructor(parent: blessed.Widgets.Node) {
    this.box = blessed.box({ parent, tags: true, wrap: false, hidden: true });
  }

  /** Scrolls by n bars (positive: back in time); the next draw clamps it to the history there is. */
  scroll(n: number): void {
    this.back = Math.max(0, this.back + n);
    this.pastward = n > 0;
  }

  /**
   * Back to the latest bars (a new chart), or `back` bars before them; `at`, the newest bar's time then, keeps
   * the view there should live bars be added before the next drawing.
   */
  reset(back = 0, at?: number): void {
    this.back = back;
    this.pastward = false;
    this.anchor = at !== undefined && back > 0 ? { time: at, back } : undefined;
  }

  /**
   * The open time of the newest bar in view when scrolled back, as the last drawing showed it (a live bar added
   * since does not change it); undefined when following the latest.
   */
  get newestShown(): number | undefined {
    return this.back > 0 ? this.anchor?.time : undefined;
  }

  /** The person scrolled back to the oldest bar loaded: the bars before it are wanted. */
  get wantsEarlier(): boolean {
    return this.atOldest && this.pastward;
  }

  /**
   * `note` says where the bars come from when that is not obvious (loading, no history, an error); `edge` what
   * lies before the oldest bar (loading, none), shown while that bar is in view.
   */
  draw(series: CandleSeries, contract: ContractData, theme: Theme, note: string, edge = ''): void {
    const W = Math.max(20, this.box.width as number);
    const H = Math.max(4, this.box.height as number);
    const candles = series.candles();
    if (this.anchor && this.back > 0) this.back += newerThan(candles, this.anchor.time) - this.anchor.back;
    // The decimals of the last close's band (a sub-penny stock's four), at least the contract tick's.
    const d = priceDecimals(contract, candles[candles.length - 1]?.closePrice ?? 0);
    // A note too long for the keys' line (a saved place not restored, an error) gets two lines of its own.
    const noteLines = note && displayWidth(note) + 2 > W ? wrap(note, W, 2) : [];
    // The last bar on a line of its own: at 80 columns it does not fit beside the name.
    const rows = H - 4 - noteLines.length;
    // A volume pane of a quarter of the rows once there are rows for both.
    const volumeRows = rows >= 12 ? Math.floor(rows / 4) : 0;
    const drawing = drawCandles(candles, W, rows, d, series.interval, { back: this.back, volumeRows });
    this.back = drawing.back;
    this.shown = drawing.shown;
    this.atOldest = drawing.shown > 0 && drawing.back + drawing.shown >= candles.length;
    // The OHLCV line tells of the newest bar in view: the latest, or where scrolling back has got to.
    const last = candles[candles.length - 1 - drawing.back];
    this.anchor = last && drawing.back > 0 ? { time: last.time, back: drawing.back } : undefined;
    const ohlc = last
      ? `O ${last.openPrice.toFixed(d)} H ${last.highPrice.toFixed(d)} L ${last.lowPrice.toFixed(d)} C ${last.closePrice.toFixed(d)} V ${Number(last.volume.toFixed(8))}`
      : '';
    const scrolled = drawing.back > 0 ? `  ◀ ${drawing.back} back` : '';
    const before = this.atOldest && edge ? `  ┃ ${edge}` : '';
    const suffix = `  ${series.interval}${scrolled}${before}`;
    // The listing gives way to the interval, the scroll and the edge marker: those are what a key changed.
    const name = fit(
      `${contract.vtSymbol} ${contract.name} (${contract.gatewayName})`,
      Math.max(8, W - displayWidth(suffix)),
    ).trimEnd();
    const title = `${bold(esc(name))}  ${bold(series.interval)}${esc(scrolled + before)}`;
    const colour: Record<CellKind, string> = { up: theme.up, down: theme.down, axis: theme.muted };
    const out = [title, esc(fit(ohlc, W).trimEnd())];
    drawing.lines.forEach((cells, i) => {
      if (i === 0 && !drawing.shown) {
        const first = noteLines.length ? '' : note;
        out.push(paint(esc(fit(first || `waiting for a price of ${contract.vtSymbol}`, W)), theme.muted));
        return;
      }
      // Runs of one kind are painted together: one tag pair per run, not per cell. A blank shows no colour, so
      // blanks join the run they are in rather than each gap between candles opening two runs (a frame of a
      // wide chart had some 5,000 runs to parse and draw, most of them one blank cell).
      let line = '';
      let run = '';
      let kind: CellKind | undefined;
      for (const cell of cells) {
        if (cell.text !== ' ' && cell.kind !== kind) {
          if (run && kind) {
            line += paint(esc(run), colour[kind]);
            run = '';
          }
          kind = cell.kind;
        }
        run += cell.text;
      }
      if (run) line += paint(esc(run), colour[kind ?? 'axis']);
      out.push(line);
    });
    for (const line of noteLines) out.push(paint(esc(line), theme.muted));
    const keys = note && drawing.shown && !noteLines.length ? `${note}  ${CHART_KEYS}` : CHART_KEYS;
    out.push(paint(esc(fit(keys, W).trimEnd()), theme.muted));
    this.box.setContent(out.join('\n'));
  }
}

/** How many of the candles (in time order) opened after time t. */
function newerThan(candles: readonly { time: number }[], t: number): number {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candles[mid]!.time > t) hi = mid;
    else lo = mid + 1;
  }
  return candles.length - lo;
}
