// Synthetic participants: a random walk per instrument moves a fair price; market makers quote at least
// `DEPTH` levels a side around it, and takers trade through the book when the fair price moves past the
// quotes or at random. Their orders go through the same matching as accounts' orders, so a resting order of
// an account fills when the market moves through it.
import { BUY, SELL, type OrderBook, type SideCode } from './book.js';
import { Rng } from './rng.js';

/** Levels quoted each side (the interface promises at least 5). */
const DEPTH = 10;
/** Synthetic orders further than this many levels from the top are withdrawn now and then. */
const KEEP_LEVELS = 2 * DEPTH;
/** Chance per step of a random small trade (besides the ones the walk forces). */
const NOISE_TRADE = 0.35;

/** What the market needs from the exchange: the instrument's state and the matching entry point. */
export interface MarketInstrument<T> {
  readonly book: OrderBook<T>;
  /** Random-walk volatility per step, relative. */
  readonly volatility: number;
  /** Daily band in ticks (±Infinity when none). */
  limitUpTicks: number;
  limitDownTicks: number;
  /** Last traded price in ticks. */
  lastTicks: number;
  /** Typical resting quantity in lots. */
  readonly quoteLots: number;
}

export interface MarketHost<T> {
  nextOrderId(): number;
  /** A synthetic taker trades `lots` on `side` up to `limit` ticks (goes through full matching). */
  cross(inst: MarketInstrument<T>, side: SideCode, limit: number, lots: number): void;
}

interface WalkState {
  /** Fair price in (fractional) ticks. */
  fair: number;
  steps: number;
}

export class SyntheticMarket<T> {
  private readonly walks = new Map<MarketInstrument<T>, WalkState>();

  constructor(
    private readonly host: MarketHost<T>,
    private readonly rng: Rng,
  ) {}

  /** Puts an initial book around the last price (used at start and after a new trading day). */
  seed(inst: MarketInstrument<T>): void {
    const walk = this.walkOf(inst);
    walk.fair = this.clampFair(inst, inst.lastTicks);
    this.quote(inst, walk.fair);
  }

  /** One market event on one instrument: move the walk, trade if it crossed the quotes, re-quote. */
  step(inst: MarketInstrument<T>): void {
    const walk = this.walkOf(inst);
    const rng = this.rng;
    walk.fair = this.clampFair(inst, walk.fair * (1 + inst.volatility * rng.gaussian()));
    const book = inst.book;
    const fair = walk.fair;
    const ask = book.bestAsk();
    const bid = book.bestBid();
    // When the fair price moved through the quotes, takers clear every order it passed (accounts' too).
    if (ask === ask && fair > ask + 0.5) {
      const limit = Math.floor(fair);
      this.host.cross(inst, BUY, limit, book.fillable(BUY, limit, Number.MAX_SAFE_INTEGER));
    } else if (bid === bid && fair < bid - 0.5) {
      const limit = Math.ceil(fair);
      this.host.cross(inst, SELL, limit, book.fillable(SELL, limit, Number.MAX_SAFE_INTEGER));
    } else if (rng.next() < NOISE_TRADE) {
      const side = rng.next() < 0.5 ? BUY : SELL;
      const top = side === BUY ? book.bestAsk() : book.bestBid();
      if (top === top) this.host.cross(inst, side, top, Math.max(1, Math.round(this.lots(inst) / 3)));
    }
    this.quote(inst, fair);
    walk.steps += 1;
    if ((walk.steps & 15) === 0) this.trim(inst);
  }

  private walkOf(inst: MarketInstrument<T>): WalkState {
    let walk = this.walks.get(inst);
    if (!walk) {
      walk = { fair: inst.lastTicks, steps: 0 };
      this.walks.set(inst, walk);
    }
    return walk;
  }

  private clampFair(inst: MarketInstrument<T>, fair: number): number {
    const lo = Math.max(1, inst.limitDownTicks + DEPTH);
    const hi = inst.limitUpTicks - DEPTH;
    if (fair < lo) return Math.min(lo, hi > lo ? hi : lo);
    if (fair > hi && hi >= lo) return hi;
    return fair;
  }

  /**
   * Tops up DEPTH levels each side around the fair price, never crossing the other side. Levels are spaced by
   * about half a step's typical move, so an instrument whose tick is tiny next to its price (BTC at 0.01) still
   * has a book as deep as the market moves.
   */
  private quote(inst: MarketInstrument<T>, fair: number): void {
    const book = inst.book;
    const gap = Math.max(1, Math.round(fair * inst.volatility * 0.5));
    const bidTop = Math.ceil(fair) - 1;
    const askTop = Math.floor(fair) + 1;
    const want = inst.quoteLots;
    for (let k = 0; k < DEPTH; k++) {
      const bp = bidTop - k * gap;
      const ask = book.bestAsk();
      if (bp >= Math.max(1, inst.limitDownTicks) && !(bp >= ask) && book.volumeAt(BUY, bp) < want) {
        book.add(this.host.nextOrderId(), BUY, bp, this.lots(inst), null);
      }
      const ap = askTop + k * gap;
      const bid = book.bestBid();
      if (ap <= inst.limitUpTicks && !(ap <= bid) && book.volumeAt(SELL, ap) < want) {
        book.add(this.host.nextOrderId(), SELL, ap, this.lots(inst), null);
      }
    }
  }

  /** Withdraws synthetic orders far from the top so the book stays small. */
  private trim(inst: MarketInstrument<T>): void {
    for (const side of [BUY, SELL] as const) {
      if (inst.book.levelCount(side) <= KEEP_LEVELS) continue;
      const ids: number[] = [];
      inst.book.forEachLevel(side, (level, depth) => {
        if (depth < KEEP_LEVELS) return;
        for (let o = level.head; o; o = o.next) if (o.ref === null) ids.push(o.id);
      });
      for (const id of ids) inst.book.remove(id);
    }
  }

  private lots(inst: MarketInstrument<T>): number {
    return 1 + Math.floor(this.rng.next() * inst.quoteLots);
  }
}
