// One instrument's order book from the `books` channel (docs-v5, Order book channel): a snapshot pushed on
// subscribe (prevSeqId -1), then updates whose prevSeqId must equal the seqId of the message before — a
// quiet book sends an empty update with seqId = prevSeqId, and a maintenance reset sends seqId < prevSeqId,
// both of which follow that rule. After each message the CRC32 checksum of the top 25 levels is compared
// (when OKX sends one; it sends 0 since the 2026 deprecation). Levels keep the venue's strings, because the
// checksum is computed over the strings exactly as sent ("0.10" and "0.1" give different sums).
import { DEPTH_LEVELS, setDepthLevel, type TickData } from '../../src/core/object.js';
import { CHECKSUM_LEVELS, crc32Signed } from './checksum.js';
import type { BookData, BookLevel } from './types.js';

class Side {
  readonly prices: number[] = [];
  readonly sizes: number[] = [];
  readonly pxText: string[] = [];
  readonly szText: string[] = [];
  constructor(private readonly descending: boolean) {}

  clear(): void {
    this.prices.length = 0;
    this.sizes.length = 0;
    this.pxText.length = 0;
    this.szText.length = 0;
  }

  set(px: string, sz: string): void {
    const price = +px;
    const size = +sz;
    const p = this.prices;
    let lo = 0;
    let hi = p.length;
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
    const exists = lo < p.length && p[lo] === price;
    if (size > 0) {
      if (exists) {
        this.sizes[lo] = size;
        this.szText[lo] = sz;
        this.pxText[lo] = px;
      } else {
        p.splice(lo, 0, price);
        this.sizes.splice(lo, 0, size);
        this.pxText.splice(lo, 0, px);
        this.szText.splice(lo, 0, sz);
      }
    } else if (exists) {
      p.splice(lo, 1);
      this.sizes.splice(lo, 1);
      this.pxText.splice(lo, 1);
      this.szText.splice(lo, 1);
    }
  }
}

export type BookState = 'syncing' | 'synced';

export class OkxBook {
  readonly bids = new Side(true);
  readonly asks = new Side(false);
  private stateValue: BookState = 'syncing';
  private seq = -1;
  /** Messages that broke the book (gap or checksum), for tests and diagnostics. */
  faults = 0;

  get state(): BookState {
    return this.stateValue;
  }

  get seqId(): number {
    return this.seq;
  }

  /** Waits for a new snapshot (after a fault, a resubscribe or a reconnect); updates are ignored meanwhile. */
  desync(): void {
    this.stateValue = 'syncing';
  }

  /** Applies one pushed message; returns why the book is broken (the caller resubscribes), else undefined. */
  apply(action: 'snapshot' | 'update', d: BookData): string | undefined {
    if (action === 'snapshot') {
      this.bids.clear();
      this.asks.clear();
    } else {
      if (this.stateValue !== 'synced') return undefined;
      if (d.prevSeqId !== this.seq) return this.fault(`update ${d.prevSeqId}->${d.seqId} after ${this.seq}`);
    }
    setLevels(this.bids, d.bids);
    setLevels(this.asks, d.asks);
    this.seq = d.seqId ?? -1;
    if (d.checksum !== undefined && d.checksum !== 0) {
      const mine = this.checksum();
      if (mine !== d.checksum) return this.fault(`checksum ${d.checksum} from OKX, ${mine} here`);
    }
    this.stateValue = 'synced';
    return undefined;
  }

  /** The documented CRC32 of this book's top 25 levels. */
  checksum(): number {
    const b = this.bids;
    const a = this.asks;
    const n = Math.min(CHECKSUM_LEVELS, Math.max(b.prices.length, a.prices.length));
    let s = '';
    for (let i = 0; i < n; i++) {
      if (i < b.prices.length) s += (s ? ':' : '') + b.pxText[i] + ':' + b.szText[i];
      if (i < a.prices.length) s += (s ? ':' : '') + a.pxText[i] + ':' + a.szText[i];
    }
    return crc32Signed(s);
  }

  fillTick(tick: TickData): void {
    for (let i = 0; i < DEPTH_LEVELS; i++) {
      setDepthLevel(tick, 'bid', i, this.bids.prices[i] ?? 0, this.bids.sizes[i] ?? 0);
      setDepthLevel(tick, 'ask', i, this.asks.prices[i] ?? 0, this.asks.sizes[i] ?? 0);
    }
  }

  private fault(reason: string): string {
    this.faults += 1;
    this.stateValue = 'syncing';
    return reason;
  }
}

function setLevels(side: Side, levels: readonly BookLevel[]): void {
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    side.set(l[0], l[1]);
  }
}
