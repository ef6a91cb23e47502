// The book checksum against Bitfinex's documented algorithm and example, the price precision rule, and the
// side ordering VN Trader got wrong (it kept asks highest first).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTick } from '../../../src/core/object.js';
import { BitfinexBook } from '../../../gateways/bitfinex/book.js';
import { bookChecksum, checksumString, plainNumber } from '../../../gateways/bitfinex/checksum.js';
import { EXCHANGE } from '../../../gateways/bitfinex/parse.js';
import { isValidPrice, roundPrice, tickAt } from '../../../gateways/bitfinex/precision.js';
import { CHECKSUM_EXAMPLE as X } from '../../fixtures/bitfinex-messages.js';

const side = (levels: number[][]) => levels.map((l) => [l[0]!, l[2]!] as const);

test('the documented example: bid, ask interleaved per level, amounts signed, CRC32 signed', () => {
  assert.is(checksumString(side(X.bids), side(X.asks)), X.string);
  assert.is(bookChecksum(side(X.bids), side(X.asks)), X.checksum);
});

test('a price in exponent form is written in plain decimals, as Bitfinex does', () => {
  assert.is(plainNumber(1.7e-8), '0.000000017');
  assert.is(plainNumber(-2.5e-7), '-0.00000025');
  assert.is(plainNumber(1e21), '1000000000000000000000');
  assert.is(plainNumber(0.1), '0.1');
  const bids = [X.bids[0]!, [1.7e-8, 1, 2]];
  assert.is(checksumString(side(bids), side(X.asks)), X.expString);
  assert.is(bookChecksum(side(bids), side(X.asks)), X.expChecksum);
});

test('the local book reproduces the example from a snapshot given in any order', () => {
  const book = new BitfinexBook();
  book.snapshot([X.asks[1]!, X.bids[1]!, X.asks[0]!, X.bids[0]!]);
  assert.is(book.checksum(), X.checksum);
});

test('bids stay highest first and asks lowest first through inserts, updates and deletes', () => {
  const book = new BitfinexBook();
  book.snapshot([
    [100, 1, 1],
    [102, 2, 1],
    [101, 1, 1],
    [105, 1, -1],
    [103, 1, -2],
    [104, 3, -1],
  ]);
  book.update([102.5, 1, 4]);
  book.update([103.5, 1, -5]);
  book.update([101, 0, 1]);
  book.update([104, 0, -1]);
  book.update([106, 1, -1]);
  assert.equal(book.levels('bid', 5), [
    [102.5, 4],
    [102, 1],
    [100, 1],
  ]);
  assert.equal(book.levels('ask', 5), [
    [103, 2],
    [103.5, 5],
    [105, 1],
    [106, 1],
  ]);
  const tick = createTick({ gatewayName: 'BITFINEX', symbol: 'BTCUSD', exchange: EXCHANGE, datetime: 0 });
  book.fillTick(tick);
  assert.is(tick.askPrice1, 103, 'the best ask is the lowest');
  assert.is(tick.askPrice2, 103.5);
  assert.is(tick.askVolume1, 2, 'ask volumes are positive');
  assert.is(tick.bidPrice1, 102.5, 'the best bid is the highest');
  assert.is(tick.bidPrice4, 0);
  // A level that changes sides (the market crossed it) leaves the other side.
  book.update([102, 1, -7]);
  assert.equal(book.levels('bid', 2), [
    [102.5, 4],
    [100, 1],
  ]);
  assert.equal(book.levels('ask', 1), [[102, 7]]);
});

test('checksums cover 25 levels a side, and a one-unit change shows', () => {
  const book = new BitfinexBook();
  const levels: number[][] = [];
  for (let i = 0; i < 30; i++) levels.push([1000 - i, 1, 1 + i / 10], [1001 + i, 1, -(1 + i / 10)]);
  book.snapshot(levels);
  const full = book.checksum();
  book.update([970, 1, 9]); // 31st bid: outside the checksum
  assert.is(book.checksum(), full);
  book.update([999, 1, 9]);
  assert.is.not(book.checksum(), full);
});

test('prices: 5 significant digits, rounded, at most 8 decimals', () => {
  assert.is(tickAt(96500), 1);
  assert.is(tickAt(3400), 0.1);
  assert.is(tickAt(0.5), 0.00001);
  assert.is(tickAt(12.123), 0.001);
  assert.is(tickAt(0.0000012345), 1e-8);
  assert.is(roundPrice(96500.4), '96500');
  assert.is(roundPrice(1234.56), '1234.6');
  assert.is(roundPrice(0.1 + 0.2), '0.3');
  assert.is(roundPrice(0.000012345678), '0.00001235');
  assert.is(roundPrice(99999.9), '100000');
  assert.ok(isValidPrice(90000));
  assert.ok(isValidPrice(1.1234));
  assert.ok(!isValidPrice(90000.5));
  assert.ok(!isValidPrice(123.456));
  assert.ok(!isValidPrice(0));
});

test.run();
