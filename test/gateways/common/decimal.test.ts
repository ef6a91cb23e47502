import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decimalsOf, formatToStep, isOnStep } from '../../../gateways/common/decimal.js';

test('decimals of a step', () => {
  assert.equal([1, 0.1, 0.01, 0.00001, 1e-8, 2.5e-7, 10].map(decimalsOf), [0, 1, 2, 5, 8, 8, 0]);
});

test('values are rounded to the step and printed without float noise', () => {
  assert.is(formatToStep(0.1 + 0.2, 0.01), '0.30');
  assert.is(formatToStep(52000, 0.01), '52000.00');
  assert.is(formatToStep(0.000123456, 1e-8), '0.00012346');
  assert.is(formatToStep(1234.6, 1), '1235');
  assert.is(formatToStep(0.37, 0.05), '0.35');
});

test('on-step checks tolerate float noise but not real misses', () => {
  assert.ok(isOnStep(0.3, 0.1));
  assert.ok(isOnStep(52000.01, 0.01));
  assert.not.ok(isOnStep(100.005, 0.01));
  assert.not.ok(isOnStep(0.15, 0.1));
});

test.run();
