import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { backoffDelay, parseRetryAfter } from '../../../gateways/common/backoff.js';

test('delays grow by the factor and stop at the maximum', () => {
  const o = { baseMs: 100, maxMs: 1000, jitter: 0, random: () => 0.7 };
  assert.equal(
    [0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, o)),
    [100, 200, 400, 800, 1000, 1000],
  );
});

test('jitter takes off up to its fraction of the delay', () => {
  const o = { baseMs: 1000, maxMs: 10_000, jitter: 0.5 };
  assert.is(backoffDelay(0, { ...o, random: () => 0 }), 1000);
  assert.is(backoffDelay(0, { ...o, random: () => 0.999999 }), 500);
  for (let i = 0; i < 100; i++) {
    const d = backoffDelay(2, o);
    assert.ok(d >= 2000 && d <= 4000, `delay ${d} outside [2000, 4000]`);
  }
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  assert.is(parseRetryAfter('3'), 3000);
  assert.is(parseRetryAfter(2), 2000);
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.is(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
  assert.is(parseRetryAfter(undefined), undefined);
  assert.is(parseRetryAfter('soon'), undefined);
});

test.run();
