import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LinkHealth } from '../../../gateways/common/links.js';

test('up only while every link is up; while one is down its reason is the status, also after another returns', () => {
  const h = new LinkHealth();
  assert.is(h.report('trading', true, ''), undefined);
  assert.is(h.report('market data', false, 'socket hang up'), 'market data link: socket hang up');
  assert.is(h.report('trading', false, 'ECONNRESET'), 'market data link: socket hang up');
  assert.is(h.report('market data', true, ''), 'trading link: ECONNRESET', 'the link still down is named');
  assert.not.ok(h.allUp);
  assert.is(h.report('trading', true, ''), undefined);
  assert.ok(h.allUp);
  h.report('trading', false, 'x');
  h.clear();
  assert.ok(h.allUp);
});

test.run();
