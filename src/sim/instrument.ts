// One instrument's state inside the simulated exchange: its book, the day's statistics and price band, its
// bars and the conversions between venue units (prices, volumes) and the book's integer ticks and lots.
import { decimalsOf, isMultipleOf } from '../core/validate.js';
import { positionMode } from './accounts.js';
import { BarStore } from './bars.js';
import { BUY, OrderBook, SELL, type SideCode } from './book.js';
import type { MarketInstrument } from './market.js';
import { hashString } from './rng.js';
import type { BookLevel, BookSnapshot, InstrumentSpec, MarketStats } from './types.js';

export interface InstrumentState<T> extends MarketInstrument<T> {
  readonly spec: InstrumentSpec;
  readonly tick: number;
  readonly lot: number;
  readonly priceDecimals: number;
  readonly volumeDecimals: number;
  readonly stats: MarketStats;
  readonly bars: BarStore;
  /** Stop orders waiting for their trigger. */
  stops: T[];
  /** Futures carry open interest; spot does not. */
  readonly hasOpenInterest: boolean;
  /** Book sequence last announced to listeners. */
  announced: number;
  statsDirty: boolean;
}

/**
 * @param stepsPerMinute market steps this instrument is expected to get per minute, so that generated history
 *   moves as much per minute as the live walk does.
 */
export function createInstrumentState<T>(
  spec: InstrumentSpec,
  start: number,
  seed: number,
  stepsPerMinute = 1,
): InstrumentState<T> {
  checkSpec(spec);
  const tick = spec.pricetick;
  const lastTicks = Math.max(1, Math.round(spec.initialPrice / tick));
  const priceDecimals = decimalsOf(tick);
  const initial = Number((lastTicks * tick).toFixed(priceDecimals));
  const minLots = Math.max(1, Math.round(spec.minVolume / spec.lotSize));
  const hasOpenInterest = positionMode(spec) !== 'spot';
  const inst: InstrumentState<T> = {
    spec,
    tick,
    lot: spec.lotSize,
    priceDecimals,
    volumeDecimals: decimalsOf(spec.lotSize),
    book: new OrderBook<T>(),
    volatility: spec.volatility,
    limitUpTicks: Infinity,
    limitDownTicks: -Infinity,
    lastTicks,
    quoteLots: minLots * 10,
    stats: {
      symbol: spec.symbol,
      lastPrice: initial,
      lastVolume: 0,
      volume: 0,
      turnover: 0,
      openInterest: hasOpenInterest ? minLots * 10_000 * spec.lotSize : 0,
      openPrice: 0,
      highPrice: 0,
      lowPrice: 0,
      preClose: initial,
      limitUp: 0,
      limitDown: 0,
      time: start,
    },
    bars: new BarStore(
      {
        symbol: spec.symbol,
        initialPrice: initial,
        minuteVolatility: spec.volatility * Math.sqrt(Math.max(1, stepsPerMinute)),
        pricetick: tick,
        minuteVolume: minLots * 20 * spec.lotSize,
        size: spec.size,
      },
      start,
      hashString(spec.symbol, seed),
    ),
    stops: [],
    hasOpenInterest,
    announced: 0,
    statsDirty: false,
  };
  setBand(inst);
  return inst;
}

/** Today's limit-up/limit-down from the previous close (none when the spec has no limitPct). */
export function setBand<T>(inst: InstrumentState<T>): void {
  const pct = inst.spec.limitPct;
  const s = inst.stats;
  if (!(pct && pct > 0)) {
    inst.limitUpTicks = Infinity;
    inst.limitDownTicks = -Infinity;
    s.limitUp = 0;
    s.limitDown = 0;
    return;
  }
  const pre = s.preClose / inst.tick;
  inst.limitUpTicks = Math.floor(pre * (1 + pct) + 1e-9);
  inst.limitDownTicks = Math.max(1, Math.ceil(pre * (1 - pct) - 1e-9));
  s.limitUp = toPrice(inst, inst.limitUpTicks);
  s.limitDown = toPrice(inst, inst.limitDownTicks);
}

export function toPrice<T>(inst: InstrumentState<T>, ticks: number): number {
  return Number((ticks * inst.tick).toFixed(inst.priceDecimals));
}

export function toVolume<T>(inst: InstrumentState<T>, lots: number): number {
  return Number((lots * inst.lot).toFixed(inst.volumeDecimals));
}

export function snapshotBook<T>(inst: InstrumentState<T>, depth: number, time: number): BookSnapshot {
  const side = (s: SideCode): BookLevel[] => {
    const out: BookLevel[] = [];
    inst.book.forEachLevel(s, (level, d) => {
      if (d >= depth) return false;
      out.push({ price: toPrice(inst, level.price), volume: toVolume(inst, level.volume) });
      return true;
    });
    return out;
  };
  return { symbol: inst.spec.symbol, sequence: inst.book.sequence, bids: side(BUY), asks: side(SELL), time };
}

/** Refuses instrument definitions the engine cannot run (a bad data file should fail loudly at start). */
function checkSpec(spec: InstrumentSpec): void {
  const bad = (what: string): never => {
    throw new Error(`instrument ${String(spec.symbol)}: ${what}`);
  };
  if (typeof spec.symbol !== 'string' || spec.symbol === '') bad('symbol must be a non-empty string');
  for (const key of ['size', 'pricetick', 'lotSize', 'minVolume', 'initialPrice'] as const) {
    const v = spec[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) bad(`${key} must be a positive number`);
  }
  if (typeof spec.volatility !== 'number' || !(spec.volatility >= 0)) bad('volatility must be a number >= 0');
  if (!isMultipleOf(spec.minVolume, spec.lotSize)) bad('minVolume must be a multiple of lotSize');
}
