// The what-if panel's words: the venue's figures with their currency, a range where it gives one, and a dash
// for what it leaves out (never a guessed zero).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType } from '../../src/core/constant.js';
import type { OrderRequest } from '../../src/core/object.js';
import { orderCostRecord } from '../../src/ui/order-cost.js';

const req: OrderRequest = {
  symbol: '265598',
  exchange: Exchange.SMART,
  direction: Direction.SHORT,
  type: OrderType.LIMIT,
  volume: 100,
  price: 190,
  offset: Offset.NONE,
};
const base = { gatewayName: 'IB', vtSymbol: '265598.SMART', currency: 'USD', warning: '' };

test('every figure: changes with the account after, equity before and after, commission', () => {
  const r = orderCostRecord(req, {
    ...base,
    initMarginChange: 9500,
    initMarginAfter: 12_345.5,
    maintMarginChange: -4750,
    maintMarginAfter: 0,
    equityBefore: 1_000_000,
    equityAfter: 999_998.1,
    commission: 1.9,
    warning: ' Margin is estimated ',
  });
  assert.equal(r, {
    Order: 'Short 100 265598.SMART Limit @ 190',
    Gateway: 'IB',
    'Initial margin': '+9,500.00 USD (account 12,345.50 USD)',
    'Maint. margin': '−4,750.00 USD (account 0.00 USD)',
    Commission: '1.90 USD',
    'Equity w/ loan': '1,000,000.00 → 999,998.10 USD',
    Warning: 'Margin is estimated',
    Sent: "no: the venue's estimate only",
  });
});

test('what the venue leaves out is a dash; a commission range where no figure', () => {
  const r = orderCostRecord(
    { ...req, type: OrderType.MARKET, price: 0 },
    {
      ...base,
      minCommission: 1,
      maxCommission: 2.5,
    },
  );
  const dash = ['Initial margin', 'Maint. margin', 'Equity w/ loan'].filter((k) => r[k] === '—');
  assert.equal(dash.length, 3, JSON.stringify(r));
  assert.equal(
    [r['Order'], r['Commission'], r['Warning']],
    ['Short 100 265598.SMART Market', '1.00 to 2.50 USD', 'none'],
  );
  assert.is(orderCostRecord(req, { ...base, initMarginAfter: 5 })['Initial margin'], '5.00 USD');
});

test.run();
