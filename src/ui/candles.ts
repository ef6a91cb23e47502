// Candles for one listing: history bars from queryHistory joined with bars built here from live ticks, and
// their drawing as text (bodies, wicks, a price axis on the right and a time axis below). Pure: the chart view
// (chart-view.ts) paints and places what this returns.
import { Interval, INTERVAL_MS } from '../core/constant.js';
import type { BarData, TickData } from '../core/object.js';
import { formatTime } from './text.js';

/** A bar as the chart keeps it: the core bar's prices and volume, and its open time (ms). */
export type Candle = { time: number } & Pick<
  BarData,
  'openPrice' | 'highPrice' | 'lowPrice' | 'closePrice' | 'volume'
>;

/** Weekly bars start on Monday 00:00 UTC, as the simulator's and most venues' do; the epoch was a Thursday. */
const WEEK_OFFSET = 4 * 86_400_000;

/** The open time of the bar of this interval that time t falls in. */
export function bucketOf(interval: Interval, t: number): number {
  const span = INTERVAL_MS[interval];
  const offset = interval === Interval.WEEKLY ? WEEK_OFFSET : 0;
  return t - ((((t - offset) % span) + span) % span);
}

/** Bars a series keeps at most once earlier ones were loaded by scrolling back (memory stays bounded). */
export const MAX_KEPT_BARS = 20_000;

function candleOf(h: BarData, time: number): Candle {
  const { openPrice, highPrice, lowPrice, closePrice, volume } = h;
  return { time, openPrice, highPrice, lowPrice, closePrice, volume };
}

export class CandleSeries {
  private bars: Candle[] = [];
  /** The cumulative volume of the last tick, so that each tick adds what traded since the one before. */
  private cumulative: number | undefined;
  /** Bars kept: `max` at first, more once the person has scrolled back into earlier bars (up to MAX_KEPT_BARS). */
  private keep: number;

  constructor(
    readonly vtSymbol: string,
    readonly gatewayName: string,
    readonly interval: Interval,
    private readonly max = 2000,
  ) {
    this.keep = max;
  }

  get size(): number {
    return this.bars.length;
  }

  candles(): readonly Candle[] {
    return this.bars;
  }

  last(): Candle | undefined {
    return this.bars[this.bars.length - 1];
  }

  /** Adds a tick of this listing to its bar; false when it is not this listing's, has no price or is too old. */
  onTick(tick: TickData): boolean {
    if (tick.vtSymbol !== this.vtSymbol || tick.gatewayName !== this.gatewayName) return false;
    if (!(tick.lastPrice > 0)) return false;
    const before = this.cumulative;
    this.cumulative = tick.volume;
    // The first tick gives only a baseline; a cumulative volume that went down is a new trading day, whose
    // tick's own last volume is all there is to go on.
    const traded = before === undefined ? 0 : tick.volume >= before ? tick.volume - before : tick.lastVolume;
    const time = bucketOf(this.interval, tick.datetime);
    const last = this.last();
    // A late tick of a bar already closed would repaint history that the venue's bars describe better.
    if (last && time < last.time) return false;
    const price = tick.lastPrice;
    if (last && last.time === time) {
      if (price > last.highPrice) last.highPrice = price;
      if (price < last.lowPrice) last.lowPrice = price;
      last.closePrice = price;
      last.volume += traded;
    } else {
      this.bars.push({
        time,
        openPrice: price,
        highPrice: price,
        lowPrice: price,
        closePrice: price,
        volume: traded,
      });
      this.trim();
    }
    return true;
  }

  /**
   * Joins bars from queryHistory. A bar the ticks have built too is the venue's bar widened to the ticks'
   * extremes and closed at the last tick, which is newer than any answer to a query.
   */
  loadHistory(history: readonly BarData[]): void {
    const byTime = new Map(this.bars.map((b) => [b.time, b]));
    for (const h of history) {
      if (h.interval !== this.interval || !(h.highPrice > 0)) continue;
      const time = bucketOf(this.interval, h.datetime);
      const live = byTime.get(time);
      const bar = candleOf(h, time);
      if (live) {
        bar.highPrice = Math.max(h.highPrice, live.highPrice);
        bar.lowPrice = Math.min(h.lowPrice, live.lowPrice);
        bar.closePrice = live.closePrice;
        bar.volume = Math.max(h.volume, live.volume);
      }
      byTime.set(time, bar);
    }
    this.bars = [...byTime.values()].sort((a, b) => a.time - b.time);
    this.trim();
  }

  /** Room for bars older than the first: none once MAX_KEPT_BARS (or `max`, if larger) are kept. */
  get full(): boolean {
    return this.bars.length >= Math.max(this.max, MAX_KEPT_BARS);
  }

  /**
   * Adds the bars of `history` older than the first bar kept (earlier ones the person scrolled back to); bars at
   * or after it are ignored, so an answer that overlaps what is kept adds no duplicate. Returns how many were
   * added. From then on the series keeps up to MAX_KEPT_BARS, so live bars do not trim them off again.
   */
  prepend(history: readonly BarData[]): number {
    const first = this.bars[0]?.time ?? Infinity;
    const older = new Map<number, Candle>();
    for (const h of history) {
      if (h.interval !== this.interval || !(h.highPrice > 0)) continue;
      const time = bucketOf(this.interval, h.datetime);
      if (time >= first || older.has(time)) continue;
      older.set(time, candleOf(h, time));
    }
    const room = Math.max(this.max, MAX_KEPT_BARS) - this.bars.length;
    if (room <= 0) return 0;
    // Where not all fit, the newest of them: they join the bars kept without a gap.
    const sorted = [...older.values()].sort((a, b) => a.time - b.time);
    const added = sorted.slice(Math.max(0, sorted.length - room));
    this.bars.unshift(...added);
    if (added.length) this.keep = Math.max(this.max, MAX_KEPT_BARS);
    return added.length;
  }

  private trim(): void {
    if (this.bars.length > this.keep) this.bars.splice(0, this.bars.length - this.keep);
  }
}

/** What a cell of the drawing is, so the view can colour it: a rising or falling candle, or the axes. */
export type CellKind = 'up' | 'down' | 'axis';

export interface CandleDrawing {
  /** The chart's rows and then the time axis, each exactly `width` cells (every glyph is one cell). */
  lines: Array<Array<{ text: string; kind: CellKind }>>;
  /** How many candles fitted (the latest ones, or those ending `back` bars before the latest). */
  shown: number;
  /** The scroll back actually used: at most the bars before the oldest one that still fills the view. */
  back: number;
}

export interface CandleOptions {
  /** Bars scrolled back from the latest (0: the latest candle sits next to the axis). */
  back?: number;
  /** Rows of volume bars under the candles (taken from `rows`); 0 for none. */
  volumeRows?: number;
}

/** Eighths of a cell, for a volume bar's top. */
const EIGHTHS = ' ▁▂▃▄▅▆▇█';

export const GLYPH = { up: '█', down: '░', flat: '─', wick: '│' } as const;

/**
 * Draws the latest candles that fit in width x (rows + 1): `rows` of chart with the price axis on the right
 * (its top and bottom prices, some between, and the last close marked ◀), then one row of times. Each candle
 * takes two columns, its glyph and a gap. Rising candles (close ≥ open) have solid bodies, falling ones
 * shaded, so the two read apart without colour.
 */
export function drawCandles(
  candles: readonly Candle[],
  width: number,
  rows: number,
  decimals: number,
  interval: Interval,
  options: CandleOptions = {},
): CandleDrawing {
  const volumeRows = Math.max(0, Math.min(options.volumeRows ?? 0, rows - 2));
  rows -= volumeRows;
  let back = Math.max(0, Math.floor(options.back ?? 0));
  // Never so far back that the view would show less than it has room for (or nothing).
  const shownCandles = (n: number): readonly Candle[] => {
    const end = candles.length - Math.min(back, Math.max(0, candles.length - n));
    return candles.slice(Math.max(0, end - n), end);
  };
  // The axis is as wide as its widest label, which depends on the candles in view: settle it in two passes.
  let view = shownCandles(Math.floor((width - 2) / 2));
  let axisWidth = 2 + labelWidth(view, decimals);
  const fit = Math.max(0, Math.floor((width - axisWidth) / 2));
  view = shownCandles(fit);
  back = Math.min(back, Math.max(0, candles.length - fit));
  axisWidth = 2 + labelWidth(view, decimals);
  const plotWidth = Math.max(0, width - axisWidth);
  const blank = (): Array<{ text: string; kind: CellKind }> =>
    Array.from({ length: width }, () => ({ text: ' ', kind: 'axis' as CellKind }));
  const lines = Array.from({ length: rows }, blank);
  const volumeLines = Array.from({ length: volumeRows }, blank);
  const timeLine = blank();
  if (!view.length || rows < 1) return { lines: [...lines, ...volumeLines, timeLine], shown: 0, back: 0 };

  let hi = -Infinity;
  let lo = Infinity;
  for (const c of view) {
    if (c.highPrice > hi) hi = c.highPrice;
    if (c.lowPrice < lo) lo = c.lowPrice;
  }
  const rowOf = (p: number): number =>
    hi === lo ? Math.floor((rows - 1) / 2) : Math.round(((hi - p) / (hi - lo)) * (rows - 1));
  const priceOf = (r: number): number => (rows === 1 ? hi : hi - (r / (rows - 1)) * (hi - lo));
  const put = (
    line: Array<{ text: string; kind: CellKind }>,
    col: number,
    text: string,
    kind: CellKind,
  ): void => {
    for (let i = 0; i < text.length && col + i < width; i++)
      if (col + i >= 0) line[col + i] = { text: text[i]!, kind };
  };

  // Right-aligned: the latest candle sits next to the axis.
  const first = plotWidth - 2 * view.length;
  view.forEach((c, i) => {
    const col = first + 2 * i;
    const kind: CellKind = c.closePrice >= c.openPrice ? 'up' : 'down';
    const top = rowOf(Math.max(c.openPrice, c.closePrice));
    const bottom = rowOf(Math.min(c.openPrice, c.closePrice));
    for (let r = rowOf(c.highPrice); r <= rowOf(c.lowPrice); r++) {
      const body = r >= top && r <= bottom;
      const glyph = !body
        ? GLYPH.wick
        : c.openPrice === c.closePrice
          ? GLYPH.flat
          : kind === 'up'
            ? GLYPH.up
            : GLYPH.down;
      put(lines[r]!, col, glyph, kind);
    }
  });

  // Volume: a bar per candle in its colour, the pane's top labelled with the largest volume in view.
  if (volumeRows > 0) {
    const most = Math.max(...view.map((c) => c.volume));
    view.forEach((c, i) => {
      if (!(most > 0) || !(c.volume > 0)) return;
      const kind: CellKind = c.closePrice >= c.openPrice ? 'up' : 'down';
      // At least one eighth, so a small but real volume still shows.
      let eighths = Math.max(1, Math.round((c.volume / most) * volumeRows * 8));
      for (let r = volumeRows - 1; r >= 0 && eighths > 0; r--, eighths -= 8) {
        put(volumeLines[r]!, first + 2 * i, EIGHTHS[Math.min(8, eighths)]!, kind);
      }
    });
    for (let r = 0; r < volumeRows; r++) {
      put(volumeLines[r]!, plotWidth, r === 0 ? `┤ ${compactVolume(most)}` : '│', 'axis');
    }
  }

  const lastRow = rowOf(view[view.length - 1]!.closePrice);
  for (let r = 0; r < rows; r++) {
    const labelled = r === 0 || r === rows - 1 || r === lastRow || (r % 4 === 0 && r < rows - 2);
    const mark = r === lastRow ? '◀' : labelled ? '┤' : '│';
    const price = r === lastRow ? view[view.length - 1]!.closePrice : priceOf(r);
    put(lines[r]!, plotWidth, mark + (labelled ? ` ${price.toFixed(decimals)}` : ''), 'axis');
  }

  // A time under every few candles, as many as fit without touching.
  let free = 0;
  view.forEach((c, i) => {
    const col = first + 2 * i;
    const text = timeLabel(c.time, interval);
    if (col < free || col + text.length > width) return;
    put(timeLine, col, text, 'axis');
    free = col + text.length + 2;
  });
  return { lines: [...lines, ...volumeLines, timeLine], shown: view.length, back };
}

/** 1234567 → 1.2M, 29200 → 29k: short, so the volume label fits the price axis's width more often than not. */
function compactVolume(v: number): string {
  const units: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [n, u] of units) if (v >= n) return `${Number((v / n).toFixed(v >= 10 * n ? 0 : 1))}${u}`;
  return String(Number(v.toFixed(3)));
}

function labelWidth(view: readonly Candle[], decimals: number): number {
  let w = 1;
  for (const c of view)
    w = Math.max(w, c.highPrice.toFixed(decimals).length, c.lowPrice.toFixed(decimals).length);
  return w;
}

/** HH:MM for intraday bars, MM-DD for days and weeks, in local time like the rest of the console. */
export function timeLabel(t: number, interval: Interval): string {
  if (interval === Interval.MINUTE || interval === Interval.HOUR) return formatTime(t).slice(0, 5);
  const d = new Date(t);
  return `${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
