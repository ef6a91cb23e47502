// A local order book built from a REST snapshot plus a stream of diffs, with sequence checks: diffs that
// arrive before the snapshot are buffered, stale ones dropped, and a gap throws the book away and starts a
// new snapshot (diffs keep buffering meanwhile). Feeds the five-level fields of TickData.
// The continuity rules are Binance's documented ones ("How to manage a local order book correctly"):
// without prev ids (spot) a diff follows when U <= local id + 1 (so the first diff after a snapshot may
// straddle it, U <= lastUpdateId + 1 <= u); with prev ids (USD-M) each diff's pu must equal the previous u,
// except the first one applied on a snapshot, which straddles it (U <= lastUpdateId <= u).
import type { TickData } from '../../src/core/object.js';

/**
 * [price, volume]; volume 0 removes the level. Venues send decimal strings; they are taken as they come and
 * converted once, here, so a diff costs no intermediate arrays.
 */
export type Level = readonly [number, number] | readonly [string, string];

export interface BookDiff {
  /** First and last update id covered by this diff. */
  first: number;
  last: number;
  /** The last id of the previous diff, where the venue says it (Binance USD-M `pu`). */
  prev?: number;
  bids: readonly Level[];
  asks: readonly Level[];
}

export interface BookSnapshot {
  lastId: number;
  bids: readonly Level[];
  asks: readonly Level[];
}

export type BookState = 'empty' | 'syncing' | 'synced';

/** Prices kept sorted best-first with a parallel volume array, so the top levels are always at hand. */
export class BookSide {
  readonly prices: number[] = [];
  readonly volumes: number[] = [];
  constructor(private readonly descending: boolean) {}

  clear(): void {
    this.prices.length = 0;
    this.volumes.length = 0;
  }

  set(priceIn: number | string, volumeIn: number | string): void {
    const price = +priceIn;
    const volume = +volumeIn;
    const p = this.prices;
    let lo = 0;
    let hi = p.length;
    // Two loops rather than one with a per-step branch on the side: this runs for every level of every diff.
    if (this.descending) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (p[mid]! > price) lo = mid + 1;
        else hi = mid;
      }
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (p[mid]! < price) lo = mid + 1;
        else hi = mid;
      }
    }
    if (lo < p.length && p[lo] === price) {
      if (volume > 0) this.volumes[lo] = volume;
      else {
        p.splice(lo, 1);
        this.volumes.splice(lo, 1);
      }
    } else if (volume > 0) {
      p.splice(lo, 0, price);
      this.volumes.splice(lo, 0, volume);
    }
  }
}

export interface LocalOrderBookOptions {
  /** Fetches a fresh snapshot (REST). */
  fetchSnapshot: () => Promise<BookSnapshot>;
  /** The book changed while in sync. */
  onUpdate: (book: LocalOrderBook) => void;
  /** A snapshot fetch failed or a gap was found; the book is resynchronising. */
  onResync?: (reason: string) => void;
  /** Diffs held while waiting for a snapshot; the oldest are dropped past this. */
  maxBuffered?: number;
}

export class LocalOrderBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  private lastId = 0;
  private stateValue: BookState = 'empty';
  private buffer: BookDiff[] = [];
  private fetching = false;
  private closed = false;
  /** Synced from a snapshot and no diff applied on it yet: the next diff may straddle the snapshot. */
  private fresh = false;
  /** Resynchronisations after a gap or a failed fetch, for tests and diagnostics. */
  resyncs = 0;

  constructor(private readonly o: LocalOrderBookOptions) {}

  get state(): BookState {
    return this.stateValue;
  }

  get lastUpdateId(): number {
    return this.lastId;
  }

  /** Starts (or restarts, after a reconnect) synchronisation from a new snapshot. */
  reset(): void {
    this.stateValue = 'syncing';
    this.buffer = [];
    this.requestSnapshot();
  }

  close(): void {
    this.closed = true;
  }

  apply(diff: BookDiff): void {
    if (this.closed) return;
    if (this.stateValue !== 'synced') {
      if (this.stateValue === 'empty') this.reset();
      this.buffer.push(diff);
      if (this.buffer.length > (this.o.maxBuffered ?? 1000)) this.buffer.shift();
      return;
    }
    // Already in the book (a diff replayed, or the one the snapshot ended on).
    if (diff.last <= this.lastId) return;
    if (!this.follows(diff)) {
      this.gap(`update ${diff.first}..${diff.last} does not follow ${this.lastId}`, diff);
      return;
    }
    this.applyLevels(diff);
    this.o.onUpdate(this);
  }

  /** Copies the top five levels into a tick. */
  fillTick(tick: TickData): void {
    fillDepth(tick, this.bids, this.asks);
  }

  private gap(reason: string, diff?: BookDiff): void {
    this.resyncs += 1;
    this.o.onResync?.(reason);
    this.reset();
    if (diff) this.buffer.push(diff);
  }

  private requestSnapshot(): void {
    if (this.fetching || this.closed) return;
    this.fetching = true;
    this.o.fetchSnapshot().then(
      (snap) => {
        this.fetching = false;
        if (!this.closed) this.onSnapshot(snap);
      },
      (error: unknown) => {
        this.fetching = false;
        if (this.closed) return;
        this.stateValue = 'empty';
        this.resyncs += 1;
        this.o.onResync?.(`snapshot failed: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }

  private onSnapshot(snap: BookSnapshot): void {
    this.bids.clear();
    this.asks.clear();
    for (const [p, v] of snap.bids) this.bids.set(p, v);
    for (const [p, v] of snap.asks) this.asks.set(p, v);
    this.lastId = snap.lastId;
    this.fresh = true;
    const pending = this.buffer;
    this.buffer = [];
    for (const diff of pending) {
      if (diff.last <= this.lastId) continue;
      if (!this.follows(diff)) {
        this.gap(
          this.fresh
            ? `snapshot ${snap.lastId} is older than the buffered update ${diff.first}`
            : `buffered update ${diff.first} does not follow ${this.lastId}`,
        );
        return;
      }
      this.applyLevels(diff);
    }
    this.stateValue = 'synced';
    this.o.onUpdate(this);
  }

  /** Whether a diff that ends past the local id can be applied next (callers drop the ones that do not). */
  private follows(diff: BookDiff): boolean {
    if (diff.prev === undefined) return diff.first <= this.lastId + 1;
    if (diff.prev === this.lastId) return true;
    return this.fresh && diff.first <= this.lastId && diff.last >= this.lastId;
  }

  private applyLevels(diff: BookDiff): void {
    this.fresh = false;
    for (const [p, v] of diff.bids) this.bids.set(p, v);
    for (const [p, v] of diff.asks) this.asks.set(p, v);
    this.lastId = diff.last;
  }
}

/** Copies the top five levels of two book sides into a tick (for books kept by other rules, e.g. BitMEX L2). */
export function fillDepth(tick: TickData, bids: BookSide, asks: BookSide): void {
  const b = bids;
  const a = asks;
  tick.bidPrice1 = b.prices[0] ?? 0;
  tick.bidPrice2 = b.prices[1] ?? 0;
  tick.bidPrice3 = b.prices[2] ?? 0;
  tick.bidPrice4 = b.prices[3] ?? 0;
  tick.bidPrice5 = b.prices[4] ?? 0;
  tick.bidVolume1 = b.volumes[0] ?? 0;
  tick.bidVolume2 = b.volumes[1] ?? 0;
  tick.bidVolume3 = b.volumes[2] ?? 0;
  tick.bidVolume4 = b.volumes[3] ?? 0;
  tick.bidVolume5 = b.volumes[4] ?? 0;
  tick.askPrice1 = a.prices[0] ?? 0;
  tick.askPrice2 = a.prices[1] ?? 0;
  tick.askPrice3 = a.prices[2] ?? 0;
  tick.askPrice4 = a.prices[3] ?? 0;
  tick.askPrice5 = a.prices[4] ?? 0;
  tick.askVolume1 = a.volumes[0] ?? 0;
  tick.askVolume2 = a.volumes[1] ?? 0;
  tick.askVolume3 = a.volumes[2] ?? 0;
  tick.askVolume4 = a.volumes[3] ?? 0;
  tick.askVolume5 = a.volumes[4] ?? 0;
}
