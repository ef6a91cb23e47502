// One instrument's limit order book with price-time priority. Prices are integer ticks and volumes integer
// lots, so matching never meets floating-point error and volume is conserved exactly; the exchange converts
// at its boundary. The book knows nothing of accounts: each resting order carries an opaque `ref` (null for
// synthetic liquidity) that the exchange interprets.

export const BUY = 0;
export const SELL = 1;
export type SideCode = typeof BUY | typeof SELL;

export class BookOrder<T> {
  prev: BookOrder<T> | null = null;
  next: BookOrder<T> | null = null;
  level: Level<T> | null = null;

  constructor(
    readonly id: number,
    readonly side: SideCode,
    readonly price: number,
    public remaining: number,
    readonly ref: T | null,
  ) {}
}

/** All orders at one price, oldest first (an intrusive list: cancel is O(1) without searching). */
export class Level<T> {
  volume = 0;
  count = 0;
  head: BookOrder<T> | null = null;
  tail: BookOrder<T> | null = null;

  constructor(readonly price: number) {}

  push(order: BookOrder<T>): void {
    order.level = this;
    order.prev = this.tail;
    order.next = null;
    if (this.tail) this.tail.next = order;
    else this.head = order;
    this.tail = order;
    this.volume += order.remaining;
    this.count += 1;
  }

  unlink(order: BookOrder<T>): void {
    if (order.prev) order.prev.next = order.next;
    else this.head = order.next;
    if (order.next) order.next.prev = order.prev;
    else this.tail = order.prev;
    order.prev = order.next = null;
    order.level = null;
    this.volume -= order.remaining;
    this.count -= 1;
  }
}

/** Called for each maker fill: the maker (already updated; removed from the book when done), volume, price. */
export type FillSink<T> = (maker: BookOrder<T>, volume: number, price: number) => void;

export class OrderBook<T> {
  /**
   * Levels per side, sorted so that the best price is LAST (bids ascending, asks descending): taking the top
   * level is a pop, and new levels near the top (the common case) splice near the end.
   */
  private readonly levels: [Level<T>[], Level<T>[]] = [[], []];
  private readonly byPrice: [Map<number, Level<T>>, Map<number, Level<T>>] = [new Map(), new Map()];
  private readonly orders = new Map<number, BookOrder<T>>();
  /** Increases with every change, for snapshot+diff feeds. */
  sequence = 0;

  get size(): number {
    return this.orders.size;
  }

  get(id: number): BookOrder<T> | undefined {
    return this.orders.get(id);
  }

  /** Best bid in ticks, or NaN when that side is empty. */
  bestBid(): number {
    const l = this.levels[BUY];
    return l.length ? l[l.length - 1]!.price : NaN;
  }

  bestAsk(): number {
    const l = this.levels[SELL];
    return l.length ? l[l.length - 1]!.price : NaN;
  }

  levelCount(side: SideCode): number {
    return this.levels[side].length;
  }

  /** The level `depth` places from the top of a side (0 = best), or undefined. */
  levelAt(side: SideCode, depth: number): Level<T> | undefined {
    const l = this.levels[side];
    return l[l.length - 1 - depth];
  }

  /** Volume resting at a price on a side (0 when none). */
  volumeAt(side: SideCode, price: number): number {
    return this.byPrice[side].get(price)?.volume ?? 0;
  }

  /** Rests an order without matching; the caller has matched it first. */
  add(id: number, side: SideCode, price: number, volume: number, ref: T | null): BookOrder<T> {
    const order = new BookOrder(id, side, price, volume, ref);
    let level = this.byPrice[side].get(price);
    if (!level) {
      level = new Level<T>(price);
      this.byPrice[side].set(price, level);
      insertLevel(this.levels[side], level, side);
    }
    level.push(order);
    this.orders.set(id, order);
    this.sequence += 1;
    return order;
  }

  /** Removes a resting order; returns it, or undefined when it is not in the book. */
  remove(id: number): BookOrder<T> | undefined {
    const order = this.orders.get(id);
    if (!order) return undefined;
    this.detach(order);
    this.sequence += 1;
    return order;
  }

  /** Reduces a resting order's volume in place (keeps its time priority). */
  reduce(order: BookOrder<T>, by: number): void {
    const level = order.level;
    if (!level) return;
    order.remaining -= by;
    level.volume -= by;
    if (order.remaining <= 0) this.detach(order);
    this.sequence += 1;
  }

  /**
   * Matches an incoming order against the opposite side at prices no worse than `limit` (Infinity or
   * -Infinity for no limit) for up to `volume`; returns the volume filled. Makers are filled oldest first at
   * the best price first. `accept` may skip makers (they keep their place).
   */
  match(
    side: SideCode,
    limit: number,
    volume: number,
    sink: FillSink<T>,
    accept?: (maker: BookOrder<T>) => boolean,
  ): number {
    const opp = (1 - side) as SideCode;
    const levels = this.levels[opp];
    let left = volume;
    let idx = levels.length - 1;
    while (left > 0 && idx >= 0) {
      const level = levels[idx]!;
      if (side === BUY ? level.price > limit : level.price < limit) break;
      let order = level.head;
      while (order && left > 0) {
        const nextOrder = order.next;
        if (accept && !accept(order)) {
          order = nextOrder;
          continue;
        }
        const v = order.remaining < left ? order.remaining : left;
        left -= v;
        order.remaining -= v;
        level.volume -= v;
        if (order.remaining === 0) {
          level.unlink(order);
          this.orders.delete(order.id);
        }
        sink(order, v, level.price);
        order = nextOrder;
      }
      if (level.count === 0) {
        this.byPrice[opp].delete(level.price);
        levels.splice(idx, 1);
      }
      idx -= 1;
    }
    if (left !== volume) this.sequence += 1;
    return volume - left;
  }

  /** How much of `volume` an order on `side` limited at `limit` could fill now (for FOK and cost checks). */
  fillable(side: SideCode, limit: number, volume: number, accept?: (maker: BookOrder<T>) => boolean): number {
    const levels = this.levels[(1 - side) as SideCode];
    let got = 0;
    for (let i = levels.length - 1; i >= 0 && got < volume; i--) {
      const level = levels[i]!;
      if (side === BUY ? level.price > limit : level.price < limit) break;
      if (!accept) {
        got += level.volume;
        continue;
      }
      for (let o = level.head; o && got < volume; o = o.next) if (accept(o)) got += o.remaining;
    }
    return got < volume ? got : volume;
  }

  /** Sum of price × volume to fill `volume` against the opposite side within `limit` (cost estimate). */
  cost(side: SideCode, limit: number, volume: number): number {
    const levels = this.levels[(1 - side) as SideCode];
    let left = volume;
    let sum = 0;
    for (let i = levels.length - 1; i >= 0 && left > 0; i--) {
      const level = levels[i]!;
      if (side === BUY ? level.price > limit : level.price < limit) break;
      const v = level.volume < left ? level.volume : left;
      sum += v * level.price;
      left -= v;
    }
    return sum;
  }

  /** Walks a side from the best level outwards. */
  forEachLevel(side: SideCode, fn: (level: Level<T>, depth: number) => boolean | void): void {
    const levels = this.levels[side];
    for (let i = levels.length - 1, d = 0; i >= 0; i--, d++) {
      if (fn(levels[i]!, d) === false) return;
    }
  }

  /** Every resting order (for invariant checks and reconciliation; not for the hot path). */
  allOrders(): BookOrder<T>[] {
    return [...this.orders.values()];
  }

  private detach(order: BookOrder<T>): void {
    const level = order.level;
    this.orders.delete(order.id);
    if (!level) return;
    level.unlink(order);
    if (level.count === 0) {
      const side = order.side;
      this.byPrice[side].delete(level.price);
      const levels = this.levels[side];
      const i = findLevel(levels, level.price, side);
      if (i >= 0) levels.splice(i, 1);
    }
  }
}

/** Position of a price in a side's array (best last): bids ascending, asks descending. */
function findLevel<T>(levels: Level<T>[], price: number, side: SideCode): number {
  let lo = 0;
  let hi = levels.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = levels[mid]!.price;
    if (p === price) return mid;
    if (side === BUY ? p < price : p > price) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function insertLevel<T>(levels: Level<T>[], level: Level<T>, side: SideCode): void {
  const price = level.price;
  // Most new levels arrive at or near the top, so search from the end.
  let i = levels.length;
  while (i > 0) {
    const p = levels[i - 1]!.price;
    if (side === BUY ? p < price : p > price) break;
    i -= 1;
  }
  if (i === levels.length) levels.push(level);
  else levels.splice(i, 0, level);
}
