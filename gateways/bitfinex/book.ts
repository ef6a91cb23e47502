// One Bitfinex P-precision book ([PRICE, COUNT, AMOUNT] levels, docs.bitfinex.com/reference/ws-public-books):
// the snapshot replaces everything, each update sets or (COUNT 0) deletes one level, a positive AMOUNT is a
// bid and a negative one an ask. Bids are kept highest first and asks lowest first — VN Trader's Bitfinex
// gateway sorted asks highest first and showed the worst ask as the best — and the checksum Bitfinex sends
// after changes is verified against the top 25 of each side.
import type { TickData } from '../../src/core/object.js';
import { BookSide } from '../common/order-book.js';
import { bookChecksum, type ChecksumLevel } from './checksum.js';

/** The top `n` levels of a side as the checksum takes them: asks with Bitfinex's negative amounts. */
function top(side: BookSide, n: number, sign: 1 | -1): ChecksumLevel[] {
  const out: ChecksumLevel[] = [];
  for (let i = 0; i < n && i < side.prices.length; i++) out.push([side.prices[i]!, sign * side.volumes[i]!]);
  return out;
}

export class BitfinexBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  /** True once a snapshot has arrived (and until the book is reset). */
  synced = false;

  reset(): void {
    this.bids.clear();
    this.asks.clear();
    this.synced = false;
  }

  snapshot(levels: readonly (readonly number[])[]): void {
    this.bids.clear();
    this.asks.clear();
    for (const l of levels) this.update(l);
    this.synced = true;
  }

  /** Applies one [PRICE, COUNT, AMOUNT]. */
  update(level: readonly number[]): void {
    const price = level[0]!;
    const count = level[1]!;
    const amount = level[2]!;
    if (count === 0) {
      // Bitfinex marks the side of a deletion by the sign of AMOUNT (1 bids, -1 asks).
      (amount > 0 ? this.bids : this.asks).set(price, 0);
      return;
    }
    // A level moves sides when the market crosses it; it cannot be both a bid and an ask.
    (amount > 0 ? this.bids : this.asks).set(price, Math.abs(amount));
    (amount > 0 ? this.asks : this.bids).set(price, 0);
  }

  checksum(): number {
    return bookChecksum(top(this.bids, 25, 1), top(this.asks, 25, -1));
  }

  /** Top levels as [price, volume] with volumes positive, best first. */
  levels(side: 'bid' | 'ask', n: number): [number, number][] {
    const s = side === 'bid' ? this.bids : this.asks;
    return top(s, n, 1).map(([p, v]) => [p, v]);
  }

  fillTick(tick: TickData): void {
    const b = this.bids;
    const a = this.asks;
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
}
