// The fat-finger rules as pure functions: the file's shape, the per-contract override of the default, the
// built-in 100-lot confirmation, notional at the last price for a market order, and the price band.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Product } from '../../src/core/constant.js';
import { createContract, createTick, type OrderRequest } from '../../src/core/object.js';
import { bandRefusal, limitWarnings, NO_LIMITS, parseOrderLimits } from '../../src/ui/order-limits.js';

const contract = createContract({
  gatewayName: 'SIM',
  symbol: 'rb2501',
  exchange: Exchange.SHFE,
  name: '螺纹钢2501',
  product: Product.FUTURES,
  size: 10,
  pricetick: 1,
});
const tick = {
  ...createTick({ gatewayName: 'SIM', symbol: 'rb2501', exchange: Exchange.SHFE, datetime: 0 }),
};
tick.lastPrice = 3850;
tick.limitUp = 4119;
tick.limitDown = 3581;
const order = (volume: number, price: number): OrderRequest => ({
  symbol: 'rb2501',
  exchange: Exchange.SHFE,
  direction: Direction.LONG,
  type: price ? OrderType.LIMIT : OrderType.MARKET,
  volume,
  price,
  offset: Offset.OPEN,
  reference: 't',
});

test('the file: default and per-contract limits; bad keys and values are named', () => {
  const l = parseOrderLimits({
    default: { maxVolume: 50 },
    contracts: { 'rb2501.SHFE': { maxNotional: 500_000 } },
  });
  assert.equal(limitWarnings(order(10, 3850), contract, tick, l), []);
  assert.equal(limitWarnings(order(13, 0), contract, tick, l), [
    'notional 500,500 is above the limit of 500,000 for rb2501.SHFE',
  ]);
  assert.equal(limitWarnings(order(51, 1), contract, tick, l), [
    'volume 51 is above the limit of 50 for rb2501.SHFE',
  ]);
  assert.throws(() => parseOrderLimits({ default: { maxLots: 1 } }), /default: unknown key "maxLots"/);
  assert.throws(
    () => parseOrderLimits({ contracts: { x: { volume: -1 } } }),
    /contracts\.x\.volume must be a positive/,
  );
  assert.throws(() => parseOrderLimits([]), /expected an object/);
});

test('without limits, 100 minimum lots need a confirmation', () => {
  assert.equal(limitWarnings(order(100, 3850), contract, tick, NO_LIMITS), []);
  assert.equal(limitWarnings(order(101, 3850), contract, tick, NO_LIMITS).length, 1);
});

test('the price band refuses beyond limit-up and limit-down, and is silent without one', () => {
  assert.match(bandRefusal(order(1, 4120), tick) ?? '', /above rb2501\.SHFE's limit-up 4119/);
  assert.match(bandRefusal(order(1, 3580), tick) ?? '', /below rb2501\.SHFE's limit-down 3581/);
  assert.is(bandRefusal(order(1, 4119), tick), undefined);
  assert.is(bandRefusal(order(1, 0), tick), undefined, 'a market order has no price');
  assert.is(bandRefusal(order(1, 99999), { ...tick, limitUp: 0, limitDown: 0 }), undefined);
});

test.run();
