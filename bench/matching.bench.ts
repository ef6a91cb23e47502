// Matching engine throughput: a mixed stream of limit orders (match, then rest), cancels and market orders
// on one book, against a plain sorted-array book doing the same stream in the same run. A second figure
// runs a similar stream through the whole exchange (validation, reserves, accounts, events).
import { Offset, OrderType } from '../src/core/constant.js';
import { BUY, OrderBook, SELL, type SideCode } from '../src/sim/book.js';
import { createSimExchange } from '../src/sim/exchange.js';
import { Rng } from '../src/sim/rng.js';
import { RB } from '../test/sim/fixtures.js';
import { bestOf, report } from './report.js';

const N = 1_000_000;
const ADD = 0;
const CANCEL = 1;
const MARKET = 2;
/** About this many orders rest in the book (a liquid futures contract's depth), held by the cancel rate. */
const RESTING = 2000;

// The stream is generated once, so both books do exactly the same work and generation is not timed. Cancels
// pick among orders still resting (found by replaying the stream while generating it), so the book stays at
// a realistic size instead of growing without end.
const rng = new Rng(2024);
const kind = new Uint8Array(N);
const side = new Uint8Array(N);
const price = new Int32Array(N);
const volume = new Int32Array(N);
const target = new Int32Array(N);
let restingAtEnd = 0;
{
  const book = new OrderBook<null>();
  const live: number[] = [];
  const none = (): void => undefined;
  for (let i = 0; i < N; i++) {
    const r = rng.next();
    const s: SideCode = rng.next() < 0.5 ? BUY : SELL;
    side[i] = s;
    // Buys mostly below 1000 and sells above, with some overlap so that limit orders also trade.
    price[i] = 1000 + (s === BUY ? -rng.int(-2, 20) : rng.int(-2, 20));
    volume[i] = rng.int(1, 10);
    // Pick a resting order to cancel, forgetting ids that have filled meanwhile.
    let victim = -1;
    while (r < (book.size > RESTING ? 0.55 : 0.3) && live.length && victim < 0) {
      const j = rng.int(0, live.length - 1);
      const id = live[j]!;
      live[j] = live[live.length - 1]!;
      live.pop();
      if (book.get(id)) victim = id;
    }
    if (victim >= 0) {
      kind[i] = CANCEL;
      target[i] = victim;
      book.remove(victim);
    } else if (r < 0.85) {
      kind[i] = ADD;
      const left = volume[i]! - book.match(s, price[i]!, volume[i]!, none);
      if (left > 0) {
        book.add(i, s, price[i]!, left, null);
        live.push(i);
      }
    } else {
      kind[i] = MARKET;
      book.match(s, s === BUY ? Infinity : -Infinity, volume[i]!, none);
    }
  }
  restingAtEnd = book.size;
}

let sink = 0;
const onFill = (_maker: unknown, v: number): void => {
  sink += v;
};

function runBook(): void {
  const book = new OrderBook<null>();
  for (let i = 0; i < N; i++) {
    const s = side[i] as SideCode;
    switch (kind[i]) {
      case ADD: {
        const left = volume[i]! - book.match(s, price[i]!, volume[i]!, onFill);
        if (left > 0) book.add(i, s, price[i]!, left, null);
        break;
      }
      case CANCEL:
        book.remove(target[i]!);
        break;
      default:
        book.match(s, s === BUY ? Infinity : -Infinity, volume[i]!, onFill);
    }
  }
}

/** The reference: each side one array of orders kept sorted by price then time, linear search to cancel. */
function runNaive(): void {
  type O = { id: number; price: number; volume: number };
  const bids: O[] = []; // best (highest) first
  const asks: O[] = []; // best (lowest) first
  const match = (s: number, limit: number, v: number): number => {
    const book = s === BUY ? asks : bids;
    let left = v;
    while (left > 0 && book.length > 0) {
      const top = book[0]!;
      if (s === BUY ? top.price > limit : top.price < limit) break;
      const f = Math.min(left, top.volume);
      top.volume -= f;
      left -= f;
      sink += f;
      if (top.volume === 0) book.shift();
    }
    return v - left;
  };
  for (let i = 0; i < N; i++) {
    const s = side[i]!;
    if (kind[i] === ADD) {
      const left = volume[i]! - match(s, price[i]!, volume[i]!);
      if (left > 0) {
        const book = s === BUY ? bids : asks;
        const p = price[i]!;
        let j = 0;
        while (j < book.length && (s === BUY ? book[j]!.price >= p : book[j]!.price <= p)) j++;
        book.splice(j, 0, { id: i, price: p, volume: left });
      }
    } else if (kind[i] === CANCEL) {
      const id = target[i]!;
      let j = bids.findIndex((o) => o.id === id);
      if (j >= 0) bids.splice(j, 1);
      else if ((j = asks.findIndex((o) => o.id === id)) >= 0) asks.splice(j, 1);
    } else {
      match(s, s === BUY ? Infinity : -Infinity, volume[i]!);
    }
  }
}

const bookMs = bestOf(5, runBook);
const naiveMs = bestOf(2, runNaive);
report({
  bench: 'matching.ops',
  value: N / (bookMs / 1000),
  unit: 'ops/s',
  baseline: N / (naiveMs / 1000),
  baselineName: 'sorted-array book',
  target: 1_000_000,
  mix: 'limit (match then rest), cancel of a resting order, 15% market; about 2000 orders resting',
  restingAtEnd,
});

// The same kind of stream through createSimExchange: two accounts trading with each other.
const M = 200_000;
const spec = { ...RB, volatility: 0, initialPrice: 1000, limitPct: undefined };
const exchangeMs = bestOf(3, () => {
  const ex = createSimExchange({ seed: 1, instruments: [spec], tickRate: 0, seedBooks: false, now: () => 0 });
  ex.on('fill', (f) => void (sink += f.volume));
  ex.openAccount('a', 1e15);
  ex.openAccount('b', 1e15);
  const ids: number[] = [];
  for (let i = 0; i < M; i++) {
    const account = i & 1 ? 'a' : 'b';
    if (kind[i] === CANCEL && ids.length) {
      ex.cancelOrder(account, ids[target[i]! % ids.length]!);
      continue;
    }
    const r = ex.placeOrder(account, {
      symbol: 'rb2501',
      side: side[i] === BUY ? 'BUY' : 'SELL',
      type: kind[i] === MARKET ? OrderType.MARKET : OrderType.LIMIT,
      price: price[i]!,
      volume: volume[i]!,
      offset: Offset.OPEN,
    });
    if (r.ok && ids.length < 4096) ids.push(r.value.orderId);
    else if (r.ok) ids[i % 4096] = r.value.orderId;
  }
});
report({
  bench: 'sim-exchange.ops',
  value: M / (exchangeMs / 1000),
  unit: 'ops/s',
  note: 'placeOrder/cancelOrder through validation, reserves, ledger and events',
});
if (sink === 42) console.log('');
