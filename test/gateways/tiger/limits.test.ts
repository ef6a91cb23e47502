// The client-side meter of Tiger's per-minute tiers: calls within a tier's budget go at once, the next one
// waits for the minute to roll; tiers are counted apart.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MethodLimiter, tierOf } from '../../../gateways/tiger/limits.js';

test('methods fall in their tiers; unknown ones count as mid', () => {
  assert.is(tierOf('place_order'), 'high');
  assert.is(tierOf('positions'), 'mid');
  assert.is(tierOf('contracts'), 'low');
  assert.is(tierOf('something_new'), 'mid');
});

test('a tier full for the minute makes the next call wait; other tiers are not held up', async () => {
  const limiter = new MethodLimiter({ high: 2, mid: 1, low: 1 });
  await limiter.acquire('place_order');
  await limiter.acquire('cancel_order');
  let third = false;
  void limiter.acquire('modify_order').then(() => (third = true));
  await limiter.acquire('positions');
  await limiter.acquire('contracts');
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  assert.is(third, false, 'the third high-tier call waits for the minute');
  assert.is(limiter.used('high'), 2);
  assert.is(limiter.used('mid'), 1);
  assert.is(limiter.used('low'), 1);
});

test.run();
