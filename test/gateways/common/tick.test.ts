import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange } from '../../../src/core/constant.js';
import { createTick } from '../../../src/core/object.js';
import { copyTick } from '../../../gateways/common/tick.js';

test('a copy has every field of the tick and is a separate object', () => {
  const t = createTick({
    gatewayName: 'G',
    symbol: 'X',
    exchange: Exchange.BINANCE,
    datetime: 5,
    bidPrice3: 7,
  });
  let n = 0;
  for (const k of Object.keys(t) as (keyof typeof t)[])
    (t as unknown as Record<string, unknown>)[k] = typeof t[k] === 'number' ? ++n : `${k}!`;
  const c = copyTick(t);
  assert.equal(c, t);
  assert.equal(Object.keys(c).sort(), Object.keys(t).sort());
  t.bidPrice1 = -1;
  assert.is.not(c.bidPrice1, -1);
});

test.run();
