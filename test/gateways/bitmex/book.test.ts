// The keyed L2 book on BitMEX's own published frames (test/fixtures/bitmex-messages.ts), plus the ordering
// rules: frames before the first partial are dropped, a later partial replaces the table, and an update of a
// row that is not there breaks the table until a new partial.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { L2Book } from '../../../gateways/bitmex/book.js';
import { problemOf } from '../../../gateways/bitmex/shape.js';
import { orderFromVenue } from '../../../gateways/bitmex/parse.js';
import type { L2Row, Order, TableMessage } from '../../../gateways/bitmex/types.js';
import { Status } from '../../../src/core/constant.js';
import { ORDERBOOK_PARTIAL_AFTER_UPDATES, ORDER_INSERT } from '../../fixtures/bitmex-messages.js';

function play(frames: unknown[], symbol: string): L2Book {
  const book = new L2Book(symbol);
  for (const f of frames) {
    const m = f as TableMessage<L2Row>;
    if (m.table !== 'orderBookL2_25') continue;
    const rows = m.data.filter((r) => r.symbol === symbol);
    if (m.action === 'partial') {
      if (m.filter?.symbol === symbol) book.partial(rows);
    } else if (rows.length) {
      assert.is(book.apply(m.action, rows), undefined, `${m.action} applies`);
    }
  }
  return book;
}

test('documented sequence: the second XBTUSD partial replaces the first and its update applies', () => {
  const book = play(ORDERBOOK_PARTIAL_AFTER_UPDATES, 'XBTUSD');
  assert.is(book.state, 'live');
  assert.is(book.size, 2);
  assert.equal(book.bids.prices, [22078]);
  assert.equal(book.bids.volumes, [202500]);
  assert.equal(book.asks.prices, [22077.5]);
  // The update carried no price: the row keeps the one it was inserted with.
  assert.equal(book.asks.volumes, [77300]);
});

test('documented sequence: an empty partial leaves an empty, live book', () => {
  const book = play(ORDERBOOK_PARTIAL_AFTER_UPDATES, 'ETHYLDH23');
  assert.is(book.state, 'live');
  assert.is(book.size, 0);
});

test('frames before the first partial are discarded, then the partial is the book', () => {
  const book = new L2Book('XBTUSD');
  assert.is(book.apply('update', [{ symbol: 'XBTUSD', id: 1, side: 'Buy', size: 5 }]), undefined);
  assert.is(book.apply('delete', [{ symbol: 'XBTUSD', id: 2, side: 'Sell' }]), undefined);
  assert.is(book.discarded, 2);
  book.partial([{ symbol: 'XBTUSD', id: 1, side: 'Buy', size: 10, price: 100 }]);
  assert.equal(book.bids.volumes, [10]);
});

test('an update of a missing row, or an insert of a present one, breaks the table', () => {
  const book = new L2Book('XBTUSD');
  book.partial([{ symbol: 'XBTUSD', id: 1, side: 'Buy', size: 10, price: 100 }]);
  assert.match(
    String(book.apply('update', [{ symbol: 'XBTUSD', id: 9, side: 'Buy', size: 1 }])),
    /not in the book/,
  );
  assert.is(book.state, 'awaiting-partial');
  book.partial([{ symbol: 'XBTUSD', id: 1, side: 'Buy', size: 10, price: 100 }]);
  assert.match(
    String(book.apply('insert', [{ symbol: 'XBTUSD', id: 1, side: 'Buy', size: 1, price: 100 }])),
    /already in the book/,
  );
  book.partial([{ symbol: 'XBTUSD', id: 1, side: 'Buy', size: 10, price: 100 }]);
  assert.is(book.apply('delete', [{ symbol: 'XBTUSD', id: 1, side: 'Buy' }]), undefined);
  assert.is(book.size, 0);
  assert.equal(book.bids.prices, []);
});

test("BitMEX's documented order insert passes the shape check and maps to a NOTTRADED order", () => {
  const row = ORDER_INSERT.data[0] as unknown as Order;
  assert.is(problemOf(row, 'order'), undefined);
  const o = orderFromVenue(row, undefined, 'BITMEX');
  assert.is(o.status, Status.NOTTRADED);
  assert.is(o.orderid, 'ccfb1a6b-28c5-4e50-a3ca-8667358056a2', 'no clOrdID: the venue orderID names it');
  assert.is(o.price, 11390.5);
  assert.is(o.volume, 1);
});

test.run();
