// Order checks before a venue sees the order: the price tick, and where a venue's tick depends on the price
// (HKEX's spread table, US stocks below $1) the tick of the band the price falls in.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Product } from '../../src/core/constant.js';
import type { GatewayCapabilities } from '../../src/core/gateway.js';
import { createContract, type OrderRequest } from '../../src/core/object.js';
import {
  formatVolume,
  priceDecimals,
  priceTickAt,
  stepPrice,
  tradingLot,
  validateOrderRequest,
} from '../../src/core/validate.js';

// Part of HKEX's spread table (Part A): 0.01–0.25 by 0.001, 0.25–0.50 by 0.005, 0.50–10 by 0.01,
// 10–20 by 0.02, 20–100 by 0.05, 100–200 by 0.1, 200–500 by 0.2.
const hk = createContract({
  gatewayName: 'T',
  symbol: '00700',
  exchange: Exchange.SEHK,
  name: 'TENCENT',
  product: Product.EQUITY,
  size: 1,
  pricetick: 0.2,
  priceBands: [
    { from: 0.01, to: 0.25, tick: 0.001 },
    { from: 0.25, to: 0.5, tick: 0.005 },
    { from: 0.5, to: 10, tick: 0.01 },
    { from: 10, to: 20, tick: 0.02 },
    { from: 20, to: 100, tick: 0.05 },
    { from: 100, to: 200, tick: 0.1 },
    { from: 200, to: 500, tick: 0.2 },
  ],
});
const plain = createContract({
  gatewayName: 'T',
  symbol: 'rb2501',
  exchange: Exchange.SHFE,
  name: 'rb',
  product: Product.FUTURES,
  size: 10,
  pricetick: 1,
});
const caps: GatewayCapabilities = { orderTypes: [OrderType.LIMIT], history: false, offsets: false };
const order = (price: number): OrderRequest => ({
  symbol: '00700',
  exchange: Exchange.SEHK,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 100,
  price,
  offset: Offset.NONE,
  reference: '',
});

test('the tick is the band the price falls in; a boundary belongs to the band above', () => {
  assert.is(priceTickAt(hk, 0.2), 0.001);
  assert.is(priceTickAt(hk, 0.25), 0.005);
  assert.is(priceTickAt(hk, 9.99), 0.01);
  assert.is(priceTickAt(hk, 10), 0.02);
  assert.is(priceTickAt(hk, 350), 0.2);
  assert.is(priceTickAt(hk, 600), 0.2, 'past the last band: the last band');
  assert.is(priceTickAt(hk, 0.001), 0.001, 'below the first band: the first band');
  assert.is(priceTickAt(plain, 3801), 1, 'no bands: the one tick');
});

test("a price on its band's tick passes, one off it is refused with the nearest legal prices", () => {
  validateOrderRequest(order(0.123), hk, caps);
  validateOrderRequest(order(15.02), hk, caps);
  validateOrderRequest(order(350.4), hk, caps);
  assert.throws(
    () => validateOrderRequest(order(15.01), hk, caps),
    /price tick 0\.02 at that price .*nearest: 15 or 15\.02/,
  );
  assert.throws(
    () => validateOrderRequest(order(350.3), hk, caps),
    /price tick 0\.2 at that price .*nearest: 350\.2 or 350\.4/,
  );
  // Under a single tick the message names no band.
  assert.throws(
    () =>
      validateOrderRequest(
        { ...order(3800.5), symbol: 'rb2501', exchange: Exchange.SHFE, offset: Offset.OPEN },
        plain,
        caps,
      ),
    /not a multiple of the price tick 1 for rb2501\.SHFE \(nearest: 3800 or 3801\)/,
  );
});

test('stepping a price: one tick of the band it moves through, across boundaries without jumping them', () => {
  assert.is(stepPrice(hk, 9.98, 1), 9.99);
  assert.is(stepPrice(hk, 9.99, 1), 10, 'onto the boundary');
  assert.is(stepPrice(hk, 10, 1), 10.02, 'above it: the band above');
  assert.is(stepPrice(hk, 10.02, -1), 10);
  assert.is(stepPrice(hk, 10, -1), 9.99, 'down from the boundary: the band below');
  assert.is(stepPrice(hk, 0.25, -1), 0.249);
  assert.is(stepPrice(hk, 0.249, 1), 0.25);
  assert.is(stepPrice(hk, 0.25, 1), 0.255);
  assert.is(stepPrice(hk, 199.9, 1), 200);
  assert.is(stepPrice(hk, 200, 1), 200.2);
  // Off the grid: to the next price on it in that direction.
  assert.is(stepPrice(hk, 15.01, 1), 15.02);
  assert.is(stepPrice(hk, 15.01, -1), 15);
  // Every step of a walk up and back is a legal price, and the walk comes back to where it started.
  let p = 9.9;
  const up: number[] = [];
  for (let i = 0; i < 20; i++) up.push((p = stepPrice(hk, p, 1)));
  for (const x of up) validateOrderRequest(order(x), hk, caps);
  for (let i = 0; i < 20; i++) p = stepPrice(hk, p, -1);
  assert.is(p, 9.9);
  // One tick, no bands; never to zero.
  assert.is(stepPrice(plain, 3801, 1), 3802);
  assert.is(stepPrice(plain, 3801, -1), 3800);
  assert.is(stepPrice(plain, 1, -1), 1);
  assert.is(stepPrice(hk, 0.001, -1), 0.001);
});

test('a price shows with the decimals of its band', () => {
  assert.is(priceDecimals(hk, 0.123), 3);
  assert.is(priceDecimals(hk, 350.4), 1);
  assert.is(priceDecimals(plain, 3801), 0);
});

test.run();

test('volumes read as decimals, and a fractional share is not the lot', () => {
  assert.is(formatVolume(1e-9), '0.000000001');
  assert.is(formatVolume(0.0123), '0.0123');
  assert.is(formatVolume(100), '100');
  assert.is(formatVolume(2.5e-7), '0.00000025');
  assert.is(tradingLot({ product: Product.EQUITY, minVolume: 1e-9 }), 1);
  assert.is(tradingLot({ product: Product.EQUITY, minVolume: 100 }), 100, 'an A-share lot stays 100');
  assert.is(tradingLot({ product: Product.SPOT, minVolume: 0.0001 }), 0.0001, 'crypto keeps its minimum');
  assert.is(tradingLot({ product: Product.FUTURES, minVolume: 1 }), 1);
});
