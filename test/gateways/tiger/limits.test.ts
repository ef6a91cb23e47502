// The client-side meter of Tiger's limits: per method (Tiger counts per tiger id and method), at the tier's
// budget for the rolling minute; a method full for the minute waits, the others go on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MethodLimiter, tierOf } from '../../../gateways/tiger/limits.js';

test("methods fall in the tiers Tiger's rate-limit page lists them in; unnamed ones count as low", () => {
  assert.is(tierOf('place_order'), 'high');
  assert.is(tierOf('orders'), 'high');
  assert.is(tierOf('future_contract_by_contract_code'), 'high');
  assert.is(tierOf('positions'), 'mid');
  assert.is(tierOf('contracts'), 'mid');
  assert.is(tierOf('something_new'), 'low');
});

test('a method full for the minute makes its next call wait; other methods of the same tier go on', async () => {
  const limiter = new MethodLimiter({ high: 2, mid: 1, low: 1 });
  await limiter.acquire('place_order');
  await limiter.acquire('place_order');
  let third = false;
  void limiter.acquire('place_order').then(() => (third = true));
  await limiter.acquire('cancel_order');
  await limiter.acquire('cancel_order');
  await limiter.acquire('positions');
  await limiter.acquire('market_state');
  let mid = false;
  void limiter.acquire('positions').then(() => (mid = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  assert.is(third, false, 'the third place_order waits for the minute');
  assert.is(mid, false, 'the second positions call waits (mid budget 1)');
  assert.is(limiter.used('place_order'), 2);
  assert.is(limiter.used('cancel_order'), 2);
  assert.is(limiter.used('positions'), 1);
  assert.is(limiter.used('market_state'), 1);
});

test.run();
