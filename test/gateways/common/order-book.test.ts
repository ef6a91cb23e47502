import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange } from '../../../src/core/constant.js';
import { createTick } from '../../../src/core/object.js';
import { LocalOrderBook, type BookSnapshot } from '../../../gateways/common/order-book.js';
import { until } from '../../helpers/wait.js';

/** A snapshot source the test releases by hand, so diffs can arrive before, during and after a fetch. */
function snapshots() {
  const waiting: Array<(s: BookSnapshot) => void> = [];
  return {
    fetch: () => new Promise<BookSnapshot>((r) => waiting.push(r)),
    get pending() {
      return waiting.length;
    },
    release(s: BookSnapshot) {
      waiting.shift()!(s);
    },
  };
}

const snap: BookSnapshot = {
  lastId: 100,
  bids: [
    [99, 1],
    [98, 2],
    [97, 3],
  ],
  asks: [
    [101, 1],
    [102, 2],
  ],
};

/** A book synced on `snap`, with the resync reasons it reports. */
async function syncedBook() {
  const src = snapshots();
  const reasons: string[] = [];
  const book = new LocalOrderBook({
    fetchSnapshot: src.fetch,
    onUpdate: () => undefined,
    onResync: (r) => reasons.push(r),
  });
  book.reset();
  src.release(snap);
  await until(() => book.state === 'synced', 'sync');
  return { src, book, reasons };
}

test('diffs before the snapshot are buffered; stale ones dropped; the first straddles the snapshot', async () => {
  const src = snapshots();
  let updates = 0;
  const book = new LocalOrderBook({ fetchSnapshot: src.fetch, onUpdate: () => updates++ });
  book.apply({ first: 95, last: 99, bids: [[50, 1]], asks: [] }); // older than the snapshot: dropped
  book.apply({
    first: 100,
    last: 102,
    bids: [
      [99, 0],
      [96, 4],
    ],
    asks: [],
  });
  book.apply({ first: 103, last: 103, bids: [], asks: [[101.5, 7]] });
  assert.is(book.state, 'syncing');
  await until(() => src.pending === 1, 'the snapshot request');
  src.release(snap);
  await until(() => book.state === 'synced', 'sync');
  assert.equal(book.bids.prices, [98, 97, 96]);
  assert.equal(book.asks.prices, [101, 101.5, 102]);
  assert.is(book.lastUpdateId, 103);
  assert.is(updates, 1);

  book.apply({ first: 104, last: 105, bids: [[98.5, 9]], asks: [[101, 0]] });
  const tick = createTick({ gatewayName: 'G', symbol: 'X', exchange: Exchange.BINANCE, datetime: 0 });
  book.fillTick(tick);
  assert.equal(
    [tick.bidPrice1, tick.bidVolume1, tick.bidPrice2, tick.bidPrice4, tick.bidPrice5, tick.bidVolume5],
    [98.5, 9, 98, 96, 0, 0],
  );
  assert.equal([tick.askPrice1, tick.askVolume1, tick.askPrice2, tick.askPrice3], [101.5, 7, 102, 0]);
  assert.is(updates, 2);
});

test('a gap discards the book and resynchronises from a new snapshot', async () => {
  const { src, book, reasons } = await syncedBook();
  book.apply({ first: 99, last: 100, bids: [[99, 7]], asks: [] }); // the snapshot's own last diff: no gap
  assert.is(book.state, 'synced');
  book.apply({ first: 101, last: 101, bids: [[99, 5]], asks: [] });
  book.apply({ first: 103, last: 104, bids: [[90, 1]], asks: [] }); // 102 is missing
  assert.is(book.state, 'syncing');
  assert.is(book.resyncs, 1);
  assert.match(reasons[0]!, 'does not follow 101');
  book.apply({ first: 105, last: 105, bids: [[91, 1]], asks: [] });
  await until(() => src.pending === 1, 'a new snapshot request');
  src.release({ lastId: 104, bids: [[90, 1]], asks: [[110, 1]] });
  await until(() => book.state === 'synced', 'resync');
  assert.equal(book.bids.prices, [91, 90]);
  assert.is(book.lastUpdateId, 105);
});

test('with prev ids (USD-M pu) continuity is checked on prev, not on first', async () => {
  const { book } = await syncedBook();
  book.apply({ first: 150, last: 160, prev: 100, bids: [[99, 2]], asks: [] });
  book.apply({ first: 170, last: 180, prev: 160, bids: [[99, 3]], asks: [] });
  assert.is(book.state, 'synced');
  assert.is(book.bids.volumes[0], 3);
  book.apply({ first: 190, last: 200, prev: 185, bids: [], asks: [] });
  assert.is(book.state, 'syncing');
});

// Binance, "How to manage a local order book correctly" (spot web-socket-streams.md): the first event
// applied on a snapshot has lastUpdateId within its [U;u] range, and an event is a gap only when U is past
// the local id + 1. A diff arriving after the snapshot that straddles it is therefore no gap.
test('spot: the first diff after the snapshot may straddle it (U <= lastUpdateId+1 <= u)', async () => {
  const { book, reasons } = await syncedBook();
  book.apply({ first: 95, last: 105, bids: [[99, 6]], asks: [] });
  assert.equal(reasons, [], 'no resync');
  assert.is(book.state, 'synced');
  assert.is(book.lastUpdateId, 105);
  assert.is(book.bids.volumes[0], 6);
  book.apply({ first: 107, last: 108, bids: [], asks: [] });
  assert.is(book.state, 'syncing', 'an event past local id + 1 is still a gap');
});

// Binance USD-M futures, "How to manage a local order book correctly" (developers.binance.com, USDⓈ-M
// Futures / WebSocket Market Streams): drop events with u < lastUpdateId; the first processed event has
// U <= lastUpdateId AND u >= lastUpdateId; after it each event's pu equals the previous event's u.
test('USD-M: the first diff straddles the snapshot (U <= lastUpdateId <= u) although its pu is older', async () => {
  const { book, reasons } = await syncedBook();
  book.apply({ first: 90, last: 110, prev: 85, bids: [[99, 4]], asks: [] });
  assert.equal(reasons, [], 'no resync');
  assert.is(book.lastUpdateId, 110);
  book.apply({ first: 111, last: 120, prev: 110, bids: [[99, 5]], asks: [] });
  assert.is(book.bids.volumes[0], 5);
  // Once one diff is applied, only pu continuity counts: a straddling range with a wrong pu is a gap.
  book.apply({ first: 115, last: 130, prev: 118, bids: [], asks: [] });
  assert.is(book.state, 'syncing');
});

test('USD-M: a first diff that starts after the snapshot without linking to it is a gap', async () => {
  const { book } = await syncedBook();
  book.apply({ first: 102, last: 110, prev: 101, bids: [], asks: [] });
  assert.is(book.state, 'syncing');
  assert.is(book.resyncs, 1);
});

test('a snapshot older than every buffered diff is refetched', async () => {
  const src = snapshots();
  const book = new LocalOrderBook({ fetchSnapshot: src.fetch, onUpdate: () => undefined });
  book.apply({ first: 200, last: 201, bids: [], asks: [] });
  src.release(snap); // lastId 100 < 199
  await until(() => src.pending === 1, 'a second snapshot request');
  assert.is(book.resyncs, 1);
  src.release({ lastId: 205, bids: [[1, 1]], asks: [] });
  await until(() => book.state === 'synced', 'sync');
  assert.is(book.lastUpdateId, 205);
});

test('a failed snapshot leaves the book empty and the next diff retries', async () => {
  let calls = 0;
  const book = new LocalOrderBook({
    fetchSnapshot: () => (++calls === 1 ? Promise.reject(new Error('HTTP 500')) : Promise.resolve(snap)),
    onUpdate: () => undefined,
  });
  book.apply({ first: 101, last: 101, bids: [], asks: [] });
  await until(() => book.state === 'empty', 'the failure');
  book.apply({ first: 101, last: 101, bids: [[99, 8]], asks: [] });
  await until(() => book.state === 'synced', 'sync');
  assert.is(book.bids.volumes[0], 8);
  assert.is(calls, 2);
});

test('levels stay sorted under many random updates', () => {
  const book = new LocalOrderBook({
    fetchSnapshot: () => new Promise(() => undefined),
    onUpdate: () => undefined,
  });
  const ref = new Map<number, number>();
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 2000; i++) {
    const p = Math.floor(rnd() * 200);
    const v = rnd() < 0.3 ? 0 : Math.floor(rnd() * 10) + 1;
    book.bids.set(p, v);
    if (v) ref.set(p, v);
    else ref.delete(p);
  }
  const expected = [...ref.keys()].sort((a, b) => b - a);
  assert.equal(book.bids.prices, expected);
  assert.equal(
    book.bids.volumes,
    expected.map((p) => ref.get(p)),
  );
});

test.run();
