// bookSides reads a tick's book the same way whether the venue sent five flat levels or a ten-level
// TickData.depth, and the simulated exchange's depth setting decides which of the two its ticks carry.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toTick } from '../../gateways/sim/parse.js';
import { Exchange } from '../../src/core/constant.js';
import { bookSides, createTick, setDepthLevel } from '../../src/core/object.js';
import { createSimExchange } from '../../src/sim/exchange.js';
import { loadInstruments } from '../../src/sim/instruments.js';

test('flat fields: best first, a side ends at its first empty level', () => {
  const tick = createTick({ gatewayName: 'T', symbol: 'X', exchange: Exchange.LOCAL, datetime: 0 });
  setDepthLevel(tick, 'bid', 0, 100, 5);
  setDepthLevel(tick, 'bid', 1, 99, 6);
  setDepthLevel(tick, 'bid', 3, 97, 8); // after a hole: not a level
  setDepthLevel(tick, 'ask', 0, 101, 7);
  assert.equal(bookSides(tick), {
    bids: [
      [100, 5],
      [99, 6],
    ],
    asks: [[101, 7]],
  });
});

test('TickData.depth, when present, is the book (all ten levels)', () => {
  const tick = createTick({ gatewayName: 'T', symbol: 'X', exchange: Exchange.LOCAL, datetime: 0 });
  const bids = [...Array(10).keys()].map((i) => [100 - i, i + 1] as const);
  const asks = [...Array(10).keys()].map((i) => [101 + i, i + 1] as const);
  tick.depth = { bids, asks };
  assert.equal(bookSides(tick), { bids, asks });
});

test('SIM ticks: depth 10 adds TickData.depth with ten levels matching the flat five; depth 5 does not', () => {
  const instruments = loadInstruments();
  const ex = createSimExchange({ seed: 3, instruments, tickRate: 0 });
  const spec = instruments[0]!;
  ex.step(50);
  const book = ex.getBook(spec.symbol)!;
  const stats = ex.getStats(spec.symbol)!;
  assert.ok(book.bids.length >= 10 && book.asks.length >= 10, 'the simulated book is ten deep');
  const five = toTick(spec, book, stats, 'SIM');
  assert.is(five.depth, undefined);
  const ten = toTick(spec, book, stats, 'SIM', 10);
  assert.is(ten.depth!.bids.length, 10);
  assert.is(ten.depth!.asks.length, 10);
  assert.equal(ten.depth!.bids[4], [five.bidPrice5, five.bidVolume5]);
  assert.equal(ten.depth!.asks[0], [five.askPrice1, five.askVolume1]);
  assert.equal(bookSides(ten).bids.slice(0, 5), bookSides(five).bids);
});

test.run();
