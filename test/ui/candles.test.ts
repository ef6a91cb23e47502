// Candle building and drawing: ticks make 1-minute bars (open, high, low, close, volume from the cumulative
// volume), another listing's or a late tick changes nothing, history joins the live bars, other intervals
// bucket on their own boundaries, and the drawing puts bodies, wicks and axes where the prices say.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange, Interval, Product } from '../../src/core/constant.js';
import { createBar, createContract, createTick } from '../../src/core/object.js';
import { bucketOf, CandleSeries, drawCandles, GLYPH, type Candle } from '../../src/ui/candles.js';
import { EarlierBars } from '../../src/ui/chart-history.js';
import { ChartView } from '../../src/ui/chart-view.js';
import { loadTheme } from '../../src/ui/theme.js';
import { offscreen } from '../helpers/screen.js';
import type { BarData } from '../../src/core/object.js';

const T0 = Date.UTC(2025, 0, 6, 9, 30, 0); // a Monday, 09:30 UTC
const tick = (at: number, lastPrice: number, volume: number, gatewayName = 'SIM') =>
  createTick({
    gatewayName,
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    datetime: at,
    lastPrice,
    volume,
    lastVolume: 1,
  });
const bar = (at: number, o: number, h: number, l: number, c: number, volume: number) =>
  createBar({
    gatewayName: 'SIM',
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    datetime: at,
    interval: Interval.MINUTE,
    openPrice: o,
    highPrice: h,
    lowPrice: l,
    closePrice: c,
    volume,
  });

test('ticks build minute bars: open, high, low, close and the volume traded between ticks', () => {
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE);
  assert.ok(s.onTick(tick(T0 + 1_000, 3850, 100)));
  s.onTick(tick(T0 + 10_000, 3853, 104));
  s.onTick(tick(T0 + 20_000, 3848, 110));
  s.onTick(tick(T0 + 59_999, 3851, 111));
  s.onTick(tick(T0 + 60_000, 3852, 115));
  assert.equal(s.candles(), [
    { time: T0, openPrice: 3850, highPrice: 3853, lowPrice: 3848, closePrice: 3851, volume: 11 },
    { time: T0 + 60_000, openPrice: 3852, highPrice: 3852, lowPrice: 3852, closePrice: 3852, volume: 4 },
  ]);
});

test("another listing's tick, a tick without a price and a late tick change nothing", () => {
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE);
  s.onTick(tick(T0 + 61_000, 3850, 100));
  assert.not.ok(s.onTick(tick(T0 + 62_000, 9999, 200, 'CTP')), 'the same symbol from another gateway');
  assert.not.ok(s.onTick(tick(T0 + 63_000, 0, 201)), 'no last price');
  assert.not.ok(s.onTick(tick(T0 + 1_000, 3000, 202)), 'a tick of a minute already past');
  assert.equal(s.candles(), [
    { time: T0 + 60_000, openPrice: 3850, highPrice: 3850, lowPrice: 3850, closePrice: 3850, volume: 0 },
  ]);
});

test('a cumulative volume that went down (a new day) counts the tick’s own volume', () => {
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE);
  s.onTick(tick(T0, 3850, 500));
  s.onTick(tick(T0 + 1_000, 3851, 3));
  assert.is(s.last()!.volume, 1);
});

test('history joins the live bars: older bars as given, the live one widened and closed at the last tick', () => {
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE);
  s.onTick(tick(T0 + 120_000 + 5_000, 3860, 100));
  s.onTick(tick(T0 + 120_000 + 6_000, 3842, 102));
  s.loadHistory([
    bar(T0, 3850, 3855, 3849, 3854, 40),
    bar(T0 + 60_000, 3854, 3858, 3853, 3857, 30),
    bar(T0 + 120_000, 3857, 3859, 3845, 3850, 20),
  ]);
  assert.equal(s.candles(), [
    { time: T0, openPrice: 3850, highPrice: 3855, lowPrice: 3849, closePrice: 3854, volume: 40 },
    { time: T0 + 60_000, openPrice: 3854, highPrice: 3858, lowPrice: 3853, closePrice: 3857, volume: 30 },
    { time: T0 + 120_000, openPrice: 3857, highPrice: 3860, lowPrice: 3842, closePrice: 3842, volume: 20 },
  ]);
  s.onTick(tick(T0 + 180_000, 3843, 105));
  assert.is(s.size, 4, 'live ticks go on after the history');
});

test('hour, day and week bars start on their own boundaries (weeks on Monday 00:00 UTC)', () => {
  const t = T0 + 2 * 86_400_000 + 25 * 60_000; // Wednesday 09:55 UTC
  assert.is(bucketOf(Interval.MINUTE, t), t - (t % 60_000));
  assert.is(bucketOf(Interval.HOUR, t), Date.UTC(2025, 0, 8, 9));
  assert.is(bucketOf(Interval.DAILY, t), Date.UTC(2025, 0, 8));
  assert.is(bucketOf(Interval.WEEKLY, t), Date.UTC(2025, 0, 6));
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.HOUR);
  s.onTick(tick(Date.UTC(2025, 0, 8, 9, 1), 1, 0));
  s.onTick(tick(Date.UTC(2025, 0, 8, 9, 59), 2, 0));
  s.onTick(tick(Date.UTC(2025, 0, 8, 10, 0), 3, 0));
  assert.equal(
    s.candles().map((c) => [c.openPrice, c.closePrice]),
    [
      [1, 2],
      [3, 3],
    ],
  );
});

test('the series keeps its latest bars only', () => {
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE, 3);
  for (let i = 0; i < 5; i++) s.onTick(tick(T0 + i * 60_000, 3850 + i, 0));
  assert.equal(
    s.candles().map((c) => c.openPrice),
    [3852, 3853, 3854],
  );
});

test('earlier bars join before the first without duplicates, and stay past the live trim', () => {
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE, 3);
  s.loadHistory([bar(T0, 1, 1, 1, 1, 1), bar(T0 + 60_000, 2, 2, 2, 2, 1), bar(T0 + 120_000, 3, 3, 3, 3, 1)]);
  // An answer that overlaps what is kept (a gateway that ignores `end`): only the older bars are taken.
  const added = s.prepend([
    bar(T0 - 120_000, 8, 8, 8, 8, 1),
    bar(T0 - 60_000, 9, 9, 9, 9, 1),
    bar(T0 - 60_000, 9, 9, 9, 9, 1),
    bar(T0, 99, 99, 99, 99, 99),
  ]);
  assert.is(added, 2);
  assert.equal(
    s.candles().map((c) => [c.time - T0, c.openPrice]),
    [
      [-120_000, 8],
      [-60_000, 9],
      [0, 1],
      [60_000, 2],
      [120_000, 3],
    ],
  );
  // A new live bar does not trim the earlier bars the person scrolled to.
  s.onTick(tick(T0 + 180_000, 4, 0));
  assert.is(s.size, 6);
  assert.is(s.prepend([bar(T0, 1, 1, 1, 1, 1)]), 0, 'nothing older: nothing added');
});

const settleAll = () => new Promise((r) => setImmediate(r));

test('earlier bars are asked for once per edge: before the first bar, then at the new edge, then no more', async () => {
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE);
  s.loadHistory([bar(T0, 1, 1, 1, 1, 1), bar(T0 + 60_000, 2, 2, 2, 2, 1)]);
  const asked: Array<[number, number]> = [];
  let answers: BarData[][] = [[bar(T0 - 120_000, 8, 8, 8, 8, 1), bar(T0 - 60_000, 9, 9, 9, 9, 1)], []];
  let changed = 0;
  const earlier = new EarlierBars(
    s,
    (start, end) => {
      asked.push([start - T0, end - T0]);
      return Promise.resolve(answers.shift() ?? []);
    },
    () => changed++,
    10,
  );
  earlier.atEdge();
  assert.is(earlier.marker(), 'loading earlier bars…');
  earlier.atEdge();
  earlier.atEdge();
  assert.equal(asked, [[-600_000, -1]], 'ten bars before the first, once while loading');
  await settleAll();
  assert.is(changed, 1);
  assert.is(s.size, 4);
  assert.is(earlier.marker(), '', 'more may come');
  earlier.atEdge();
  await settleAll();
  assert.equal(asked[1], [-720_000, -120_001], 'then before the new first bar');
  // Nothing there: the time before is asked, twice as long each time, up to 16 days found empty.
  assert.equal(asked[2], [-1_920_000, -720_001]);
  assert.equal(asked[3], [-4_320_000, -1_920_001]);
  assert.ok(-asked[asked.length - 1]![0] >= 16 * 86_400_000, 'sixteen days back');
  assert.ok(-asked[asked.length - 2]![0] < 16 * 86_400_000, 'and no further');
  assert.is(earlier.marker(), 'no earlier bars');
  const requests = earlier.requests;
  for (let i = 0; i < 5; i++) earlier.atEdge();
  await settleAll();
  assert.is(earlier.requests, requests, 'the edge with nothing before it is not asked again');
  answers = [];
});

test('earlier bars: a market closed for the night or a weekend is stepped over, not taken for the start', async () => {
  const M = 60_000;
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE);
  // Monday's first bar; the venue's last bars before it are Friday's, 2 days and 18 hours earlier.
  s.loadHistory([bar(T0, 1, 1, 1, 1, 1)]);
  const friday = T0 - (2 * 24 + 18) * 60 * M;
  const venue = (start: number, end: number): Promise<BarData[]> => {
    const out: BarData[] = [];
    for (let t = friday - 100 * M; t <= friday; t += M)
      if (t >= start && t <= end) out.push(bar(t, 2, 2, 2, 2, 1));
    return Promise.resolve(out);
  };
  const earlier = new EarlierBars(s, venue, () => {}, 300);
  earlier.atEdge();
  await new Promise((r) => setTimeout(r, 0));
  await settleAll();
  assert.is(earlier.marker(), '', 'more may come');
  assert.ok(s.candles()[0]!.time < friday, 'Friday’s bars loaded');
  assert.is(s.candles()[s.candles().length - 2]!.time, friday, 'joined without a bar invented in the gap');
});

test('earlier bars: no history at the gateway, or a failure, is said at the edge and not retried there', async () => {
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE);
  s.onTick(tick(T0, 3850, 0));
  const none = new EarlierBars(s, undefined, () => {});
  none.atEdge();
  assert.is(none.marker(), 'no earlier bars');
  assert.is(none.requests, 0);
  const failing = new EarlierBars(
    s,
    () => {
      throw new Error('not connected');
    },
    () => {},
  );
  failing.atEdge();
  failing.atEdge();
  await settleAll();
  assert.is(failing.marker(), 'earlier bars: not connected');
  assert.is(failing.requests, 1);
  const empty = new CandleSeries('x.SHFE', 'SIM', Interval.MINUTE);
  const nothing = new EarlierBars(
    empty,
    () => Promise.resolve([]),
    () => {},
  );
  nothing.atEdge();
  assert.is(nothing.requests, 0, 'no bars at all: no edge yet');
});

test('reaching back to a saved place: steps of bars until it is in view, or why it cannot be', async () => {
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE);
  const M = 60_000;
  s.loadHistory([bar(T0, 1, 1, 1, 1, 1)]);
  // The venue has minute bars back to T0 − 1000 minutes.
  const asked: number[] = [];
  const venue = (start: number, end: number): Promise<BarData[]> => {
    asked.push(Math.round((end + 1 - start) / M));
    const out: BarData[] = [];
    for (let t = Math.max(start, T0 - 1000 * M); t <= end; t += M) out.push(bar(t, 2, 2, 2, 2, 1));
    return Promise.resolve(out);
  };
  let changed = 0;
  const earlier = new EarlierBars(s, venue, () => changed++, 10);
  assert.is(await earlier.reachBack(T0 - 500 * M, 20), '');
  assert.ok(s.candles().filter((c) => c.time < T0 - 500 * M).length >= 20, 'a view ending there is full');
  assert.equal(asked, [520], 'one step: the bars back to it and the view before it');
  assert.is(changed, 1);
  assert.is(earlier.marker(), '');
  assert.is(await earlier.reachBack(T0 - 2000 * M, 20), 'no bars that far back');
  assert.is(s.candles()[0]!.time, T0 - 1000 * M, 'all there is was loaded');
  assert.is(earlier.marker(), 'no earlier bars', 'and the edge says so');
  const failing = new EarlierBars(
    s,
    () => Promise.reject(new Error('not connected')),
    () => {},
  );
  assert.is(await failing.reachBack(T0 - 5000 * M, 20), 'not connected');
  assert.is(failing.marker(), 'earlier bars: not connected');
  const none = new EarlierBars(s, undefined, () => {});
  assert.is(await none.reachBack(T0 - 5000 * M, 20), 'no history at this gateway');
});

test('a chart scrolled back stays on its bars while live bars are added after the latest', () => {
  const screen = offscreen(60, 20);
  const view = new ChartView(screen);
  view.box.width = 60;
  view.box.height = 20;
  const s = new CandleSeries('rb2501.SHFE', 'SIM', Interval.MINUTE);
  s.loadHistory(
    Array.from({ length: 200 }, (_, i) => bar(T0 + i * 60_000, 10 + i, 11 + i, 9 + i, 10 + i, 1)),
  );
  // Whole-number prices: the OHLCV line reads as the bar's index.
  const product = Product.FUTURES;
  const listing = { gatewayName: 'SIM', symbol: 'rb2501', exchange: Exchange.SHFE };
  const contract = createContract({ ...listing, name: 'rb', product, size: 10, pricetick: 1 });
  const theme = loadTheme('mono');
  const newest = (): string => /C (\d+)/.exec(view.box.getContent())?.[1] ?? '';
  view.scroll(30);
  view.draw(s, contract, theme, '');
  assert.is(newest(), String(10 + 199 - 30));
  s.onTick(tick(T0 + 200 * 60_000 + 1_000, 500, 10));
  s.onTick(tick(T0 + 201 * 60_000 + 1_000, 501, 11));
  view.draw(s, contract, theme, '');
  assert.is(newest(), String(10 + 199 - 30), 'the same bar is the newest in view');
  assert.is(view.back, 32);
  view.scroll(-32);
  view.draw(s, contract, theme, '');
  assert.is(newest(), '501', 'following the latest again');
  s.onTick(tick(T0 + 202 * 60_000 + 1_000, 502, 12));
  view.draw(s, contract, theme, '');
  assert.is(newest(), '502', 'and it follows');
  screen.destroy();
});

const text = (cells: Array<{ text: string }>): string => cells.map((c) => c.text).join('');

test('the drawing: a rising and a falling candle, wicks, price labels and the last close, times below', () => {
  const candles: Candle[] = [
    { time: T0, openPrice: 10, highPrice: 14, lowPrice: 10, closePrice: 13, volume: 1 },
    { time: T0 + 60_000, openPrice: 13, highPrice: 13, lowPrice: 8, closePrice: 9, volume: 1 },
  ];
  const d = drawCandles(candles, 20, 7, 1, Interval.MINUTE);
  assert.is(d.shown, 2);
  assert.is(d.lines.length, 8, 'seven chart rows and the time axis');
  for (const l of d.lines) assert.is(l.length, 20);
  const rows = d.lines.map(text);
  // Rows run from 14 (top) to 8 (bottom), one price unit each; the axis starts at column 14 (20 − " 14.0" − 1).
  const col = (r: number, c: number): string => rows[r]![c]!;
  const rise = 10;
  const fall = 12;
  assert.is(col(0, rise), GLYPH.wick, 'the high of the rising candle');
  assert.is(col(1, rise), GLYPH.up);
  assert.is(col(4, rise), GLYPH.up, 'its open at 10');
  assert.is(col(5, rise), ' ');
  assert.is(col(1, fall), GLYPH.down, 'the falling one opens at 13');
  assert.is(col(5, fall), GLYPH.down, 'and closes at 9');
  assert.is(col(6, fall), GLYPH.wick, 'its low at 8');
  assert.ok(rows[0]!.trimEnd().endsWith('┤ 14.0'), rows[0]);
  assert.ok(rows[5]!.trimEnd().endsWith('◀ 9.0'), rows[5]);
  assert.ok(rows[6]!.trimEnd().endsWith('┤ 8.0'), rows[6]);
  assert.match(rows[7]!, /^\s+\d\d:\d\d\s*$/, 'a time under the first candle that has room');
  assert.is(d.lines[1]![rise]!.kind, 'up');
  assert.is(d.lines[1]![fall]!.kind, 'down');
});

/** 100 rising candles a minute apart, each closing at 100 + its index. */
const many: Candle[] = Array.from({ length: 100 }, (_, i) => ({
  time: T0 + i * 60_000,
  openPrice: 100 + i,
  highPrice: 101 + i,
  lowPrice: 99 + i,
  closePrice: 100 + i,
  volume: 0,
}));

test('the drawing shows the latest candles that fit, and nothing without candles', () => {
  const d = drawCandles(many, 40, 5, 0, Interval.MINUTE);
  assert.is(d.shown, Math.floor((40 - 5) / 2), 'two columns a candle beside a 5-column axis');
  assert.ok(text(d.lines[4]!).trimEnd().endsWith('┤ 182'), 'scaled to the candles in view (the lowest low)');
  assert.ok(text(d.lines[0]!).trimEnd().endsWith('◀ 199'), 'the last close on the top row');
  const empty = drawCandles([], 40, 5, 0, Interval.MINUTE);
  assert.is(empty.shown, 0);
  assert.ok(empty.lines.every((l) => text(l).trim() === ''));
});

test('scrolling back shows older candles, and never past the oldest screenful', () => {
  const d = drawCandles(many, 40, 5, 0, Interval.MINUTE, { back: 30 });
  assert.is(d.back, 30);
  assert.ok(text(d.lines[0]!).trimEnd().endsWith('◀ 169'), 'the newest candle in view is 30 bars back');
  const far = drawCandles(many, 40, 5, 0, Interval.MINUTE, { back: 10_000 });
  assert.is(far.back, 100 - far.shown, 'clamped: the view starts at the oldest candle');
  assert.is(far.shown, d.shown, 'still a full view');
  assert.ok(text(far.lines[4]!).trimEnd().endsWith('┤ 99'), 'the oldest low at the bottom');
});

test('a volume pane under the candles: bars in proportion, the largest labelled', () => {
  const c = (i: number, volume: number, up: boolean): Candle => ({
    time: T0 + i * 60_000,
    openPrice: up ? 100 : 101,
    highPrice: 102,
    lowPrice: 99,
    closePrice: up ? 101 : 100,
    volume,
  });
  const d = drawCandles([c(0, 400, true), c(1, 100, false), c(2, 0, true)], 30, 10, 0, Interval.MINUTE, {
    volumeRows: 4,
  });
  assert.is(d.lines.length, 11, 'six rows of candles, four of volume, the times');
  const pane = d.lines.slice(6, 10);
  const column = (col: number) => pane.map((l) => l[col]!.text).join('');
  const first = d.lines[0]!.findIndex((cell) => cell.kind === 'up' || cell.kind === 'down');
  assert.ok(first >= 0);
  // Columns of the three candles: two apart, right-aligned to the axis.
  const cols = [0, 1, 2].map((i) => first + 2 * i);
  assert.is(column(cols[0]!), '████', 'the largest volume fills the pane');
  assert.is(column(cols[1]!), '   █', 'a quarter of it: one row');
  assert.is(column(cols[2]!).trim(), '', 'no volume, no bar');
  assert.is(pane[1]![cols[1]!]!.kind, 'axis');
  assert.is(pane[3]![cols[1]!]!.kind, 'down', 'in the candle’s colour');
  assert.ok(text(pane[0]!).trimEnd().endsWith('┤ 400'), 'the largest volume on the axis');
});

test.run();
