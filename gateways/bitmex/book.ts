// One symbol's orderBookL2 / orderBookL2_25 table, kept as BitMEX's realtime API defines it: a `partial`
// replaces the whole table (including one that comes again later); `insert`, `update` and `delete` apply by
// the table's keys (symbol, id, side), and an update carries no price — the row's price is the one it was
// inserted with. Anything that arrives before the first partial is discarded, as BitMEX's own connector
// does ("deltas before the partial can be safely discarded"). An update or delete of a row that is not
// there, or an insert of one that is, means the table is no longer the venue's: the book says so and waits
// for a new partial (the gateway resubscribes to get one).
import { BookSide } from '../common/order-book.js';
import type { L2Row } from './types.js';

export type L2State = 'awaiting-partial' | 'live';

interface Row {
  price: number;
  size: number;
  buy: boolean;
}

export class L2Book {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  private readonly rows = new Map<string, Row>();
  private stateValue: L2State = 'awaiting-partial';
  /** Messages dropped because no partial had arrived yet, for tests and diagnostics. */
  discarded = 0;

  constructor(readonly symbol: string) {}

  get state(): L2State {
    return this.stateValue;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Forget everything and wait for a new partial (after a reconnect or a broken table). */
  reset(): void {
    this.stateValue = 'awaiting-partial';
    this.clear();
  }

  partial(rows: readonly L2Row[]): void {
    this.clear();
    for (const r of rows) this.put(r, Number(r.price), Number(r.size));
    this.stateValue = 'live';
  }

  /**
   * Applies one insert/update/delete. Returns false when the book could not be applied (before the first
   * partial the message is discarded and true is returned; an integrity breach returns an explanation).
   */
  apply(action: 'insert' | 'update' | 'delete', rows: readonly L2Row[]): string | undefined {
    if (this.stateValue !== 'live') {
      this.discarded += 1;
      return undefined;
    }
    for (const r of rows) {
      const key = keyOf(r);
      const current = this.rows.get(key);
      if (action === 'insert') {
        if (current) return this.broken(`insert of row ${key} that is already in the book`);
        this.put(r, Number(r.price), Number(r.size));
      } else if (action === 'update') {
        if (!current) return this.broken(`update of row ${key} that is not in the book`);
        current.size = Number(r.size);
        (current.buy ? this.bids : this.asks).set(current.price, current.size);
      } else {
        if (!current) return this.broken(`delete of row ${key} that is not in the book`);
        this.rows.delete(key);
        (current.buy ? this.bids : this.asks).set(current.price, 0);
      }
    }
    return undefined;
  }

  private broken(reason: string): string {
    this.reset();
    return reason;
  }

  private put(r: L2Row, price: number, size: number): void {
    const buy = r.side === 'Buy';
    this.rows.set(keyOf(r), { price, size, buy });
    (buy ? this.bids : this.asks).set(price, size);
  }

  private clear(): void {
    this.rows.clear();
    this.bids.clear();
    this.asks.clear();
  }
}

function keyOf(r: L2Row): string {
  return `${r.side}:${r.id}`;
}
