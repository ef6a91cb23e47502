// The price ladder's rows and keys on a contract whose tick depends on the price (priceBands): every row and
// every cursor position is on its band's grid, ± crosses a boundary onto it, and the book, the last price and
// our orders land on the rows of their prices.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, OrderType, Product, Status } from '../../src/core/constant.js';
import {
  createContract,
  createOrder,
  createTick,
  type ContractData,
  type PriceBand,
} from '../../src/core/object.js';
import { HKEX_PART_A, toPriceBands } from '../../gateways/futu/spreads.js';
import { isMultipleOf, priceTickAt } from '../../src/core/validate.js';
import { US_EQUITY_PRICE_BANDS } from '../../gateways/common/price-bands.js';
import { Ladder } from '../../src/ui/ladder.js';

/** A contract of this tick and these bands; the rest does not matter to the ladder. */
function listing(symbol: string, pricetick: number, priceBands?: readonly PriceBand[]): ContractData {
  const base = { gatewayName: 'FAKE', symbol, name: symbol, size: 1, pricetick };
  return createContract({ ...base, exchange: Exchange.SEHK, product: Product.EQUITY, priceBands });
}

// HKEX's Part A spread table as the FUTU gateway lists it: …0.5–10 by 0.01, 10–20 by 0.02, 20–100 by 0.05…
const HK = listing('00001', 0.01, toPriceBands(HKEX_PART_A));

const tickAt = (c: ContractData, lastPrice: number, extra: Record<string, number> = {}) =>
  createTick({
    gatewayName: c.gatewayName,
    symbol: c.symbol,
    exchange: c.exchange,
    datetime: Date.now(),
    lastPrice,
    ...extra,
  });

test('rows step by the tick of their band and meet at the boundary', () => {
  const ladder = new Ladder(HK, 1);
  assert.ok(ladder.centre(tickAt(HK, 10)));
  const prices = ladder.rows(7, undefined, []).map((r) => r.price);
  // Three rows above 10 by 0.02, three below by 0.01, 10 itself once.
  assert.equal(prices, [10.06, 10.04, 10.02, 10, 9.99, 9.98, 9.97]);
  for (const p of prices) assert.ok(isMultipleOf(p, priceTickAt(HK, p)), `${p} on its band's grid`);
  assert.is(ladder.decimalsAt(10.06), 2);
});

test('± keys cross a band boundary onto it, and never leave the grid', () => {
  const ladder = new Ladder(HK, 1);
  ladder.centre(tickAt(HK, 9.98));
  const seen: number[] = [];
  for (let i = 0; i < 4; i++) {
    ladder.step(1);
    seen.push(ladder.cursor!);
  }
  assert.equal(seen, [9.99, 10, 10.02, 10.04]);
  ladder.step(-3);
  assert.is(ladder.cursor, 9.99, 'down from 10 uses the band beneath');
  // A page up of many ticks across two boundaries: every stop on a grid, 20 reached exactly.
  ladder.centre(tickAt(HK, 19.96));
  ladder.step(2);
  assert.is(ladder.cursor, 20);
  ladder.step(1);
  assert.is(ladder.cursor, 20.05);
});

test('a last price or a mid off the grid puts the cursor on the nearest price of its band', () => {
  const ladder = new Ladder(HK, 1);
  ladder.centre(tickAt(HK, 0, { bidPrice1: 10.02, askPrice1: 10.04 }));
  // The mid 10.03 is between two prices of the 0.02 grid: either will do, nothing between.
  assert.ok(ladder.cursor === 10.02 || ladder.cursor === 10.04, String(ladder.cursor));
  ladder.centre(tickAt(HK, 20.03));
  assert.is(ladder.cursor, 20.05, 'a last price of 20.03 goes onto the 0.05 grid');
});

test('US sub-penny: below $1 the rows are $0.0001 apart, from $1 a cent, the book on its rows', () => {
  const penny = listing('PNNY', 0.01, US_EQUITY_PRICE_BANDS);
  const ladder = new Ladder(penny, 1);
  const tick = tickAt(penny, 0.9999, {
    bidPrice1: 0.9998,
    bidVolume1: 300,
    askPrice1: 1,
    askVolume1: 200,
    askPrice2: 1.01,
    askVolume2: 100,
  });
  ladder.centre(tick);
  const order = createOrder({
    gatewayName: penny.gatewayName,
    symbol: penny.symbol,
    exchange: penny.exchange,
    orderid: '1',
    direction: Direction.LONG,
    price: 0.9997,
    volume: 5,
    status: Status.NOTTRADED,
  });
  const rows = ladder.rows(5, tick, [order]);
  assert.equal(
    rows.map((r) => r.price),
    [1.01, 1, 0.9999, 0.9998, 0.9997],
  );
  assert.equal(
    rows.map((r) => [r.askVolume, r.bidVolume, r.myBuy, r.last]),
    [
      [100, 0, 0, false],
      [200, 0, 0, false],
      [0, 0, 0, true],
      [0, 300, 0, false],
      [0, 0, 5, false],
    ],
  );
  assert.is(ladder.decimalsAt(0.9997), 4);
  assert.is(ladder.decimalsAt(1.01), 2);
  // ↑ from the last price: the ask at 1, then the one at 1.01; ↓ twice: the bid, then our order.
  ladder.level(1, tick, [order]);
  assert.is(ladder.cursor, 1);
  ladder.level(1, tick, [order]);
  assert.is(ladder.cursor, 1.01);
  ladder.centre(tick);
  ladder.level(-1, tick, [order]);
  ladder.level(-1, tick, [order]);
  assert.is(ladder.cursor, 0.9997);
  assert.equal(
    ladder.ordersAtCursor([order]).map((o) => o.orderid),
    ['1'],
  );
  const req = ladder.order(Direction.SHORT, 'cursor', tick, [], {
    orderTypes: [OrderType.LIMIT],
    history: false,
    offsets: false,
  });
  assert.ok(!('error' in req) && req.price === 0.9997);
});

test('without bands the ladder keeps one tick, and stops at the lowest price', () => {
  const rb = listing('rb2501', 1);
  const ladder = new Ladder(rb, 1);
  ladder.centre(tickAt(rb, 2));
  assert.equal(
    ladder.rows(5, undefined, []).map((r) => r.price),
    [4, 3, 2, 1],
  );
  ladder.step(-5);
  assert.is(ladder.cursor, 1);
});

test.run();
