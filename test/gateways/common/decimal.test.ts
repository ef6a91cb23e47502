import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatToStep } from '../../../gateways/common/decimal.js';
import { isMultipleOf } from '../../../src/core/validate.js';

test('values are rounded to the step and printed without float noise or exponents', () => {
  assert.is(formatToStep(0.1 + 0.2, 0.01), '0.30');
  assert.is(formatToStep(52000, 0.01), '52000.00');
  assert.is(formatToStep(0.000123456, 1e-8), '0.00012346');
  assert.is(formatToStep(1e-7, 1e-8), '0.00000010');
  assert.is(formatToStep(1234.6, 1), '1235');
  assert.is(formatToStep(0.37, 0.05), '0.35');
});

test('crypto-sized prices off the tick are not mistaken for on-tick ones', () => {
  assert.not.ok(isMultipleOf(90000.005, 0.01));
  assert.not.ok(isMultipleOf(96500.05, 0.1));
  assert.ok(isMultipleOf(90000.01, 0.01));
  assert.ok(isMultipleOf(0.1 + 0.2, 0.1));
  assert.ok(isMultipleOf(0.003, 0.001));
});

test.run();
