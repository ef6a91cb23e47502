import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { shapeDifferences } from './doc-shape.js';

test('same keys, types and nesting agree; null matches any type', () => {
  assert.equal(shapeDifferences({ a: 1, b: [{ c: 'x' }], d: null }, { a: 2, b: [{ c: 'y' }], d: 'z' }), []);
});

test('a missing, extra or differently typed field is named with its path', () => {
  assert.equal(shapeDifferences({ a: '1', x: 1, b: [{}] }, { a: 1, b: [{ c: 'y' }] }), [
    '$.a: string where the documentation has number',
    '$.b[0].c: documented, not sent',
    '$.x: sent, not documented',
  ]);
});

test.run();
