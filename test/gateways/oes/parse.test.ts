// OES records → vnt objects: prices ×10000, statuses of eOesOrdStatusT, refusals with OES's reason code,
// T+1 sellable shares as ydVolume, trade ids that cannot collide across SSE and SZSE, bad rows skipped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, OrderType, Status } from '../../../src/core/constant.js';
import {
  oesTime,
  ordTypeOf,
  parseAccount,
  parseContract,
  parseHolding,
  parseOrder,
  parseTrade,
  statusOf,
} from '../../../gateways/oes/parse.js';

test('contract: Chinese name, tick 0.01, lot 100, exchange from mktId', () => {
  const c = parseContract(
    {
      securityId: '600000',
      mktId: 1,
      securityType: 1,
      securityName: '浦发银行',
      priceTick: 100,
      buyQtyUnit: 100,
    },
    'OES',
  )!;
  assert.is(c.vtSymbol, '600000.SSE');
  assert.is(c.name, '浦发银行');
  assert.is(c.pricetick, 0.01);
  assert.is(c.minVolume, 100);
  assert.is(parseContract({ securityId: '600000', mktId: 9, securityType: 1 }, 'OES'), null);
});

test('order statuses and a refusal with its reason code', () => {
  assert.is(statusOf(2), Status.NOTTRADED);
  assert.is(statusOf(3), Status.PARTTRADED);
  assert.is(statusOf(7), Status.CANCELLED);
  assert.is(statusOf(8), Status.ALLTRADED);
  assert.is(statusOf(11), Status.REJECTED);
  const o = parseOrder(
    {
      clSeqNo: 7,
      mktId: 2,
      securityId: '000001',
      bsType: 2,
      ordType: 0,
      ordPrice: 121000,
      ordQty: 100,
      ordStatus: 2,
      ordDate: 20260105,
      ordTime: 93015250,
    },
    'OES',
  )!;
  assert.is(o.vtOrderid, 'OES.7');
  assert.is(o.price, 12.1);
  assert.is(o.direction, Direction.SHORT);
  assert.is(o.datetime, Date.UTC(2026, 0, 5, 1, 30, 15, 250));
  const r = parseOrder({ clSeqNo: 8, mktId: 1, securityId: '600000', ordStatus: 0 }, 'OES', 1258)!;
  assert.is(r.status, Status.REJECTED);
  assert.match(r.statusMsg, /1258/);
});

test('trade ids name the exchange; the same exchTrdNum on SSE and SZSE does not collide', () => {
  const a = parseTrade(
    { exchTrdNum: 5n, mktId: 1, securityId: '600000', clSeqNo: 1, trdPrice: 102600, trdQty: 100, trdSide: 1 },
    'OES',
  )!;
  const b = parseTrade(
    { exchTrdNum: 5n, mktId: 2, securityId: '000001', clSeqNo: 2, trdPrice: 121100, trdQty: 100, trdSide: 1 },
    'OES',
  )!;
  assert.is.not(a.vtTradeid, b.vtTradeid);
  assert.is(a.price, 10.26);
});

test('cash and T+1 holdings', () => {
  const a = parseAccount(
    { cashAcctId: 'SIM0001', currentTotalBal: 1000000000n, currentAvailableBal: 900000000n },
    'OES',
  );
  assert.is(a.balance, 100000);
  assert.is(a.frozen, 10000);
  const p = parseHolding(
    { securityId: '600000', mktId: 1, sumHld: 1200n, sellAvlHld: 1000n, sellFrzHld: 0n, costPrice: 102600n },
    'OES',
  )!;
  assert.is(p.volume, 1200);
  assert.is(p.ydVolume, 1000);
  assert.is(p.price, 10.26);
});

test('order types per exchange; unsupported ones refused; bad dates do not throw', () => {
  assert.is(ordTypeOf(OrderType.LIMIT, Exchange.SZSE), 0);
  assert.is(ordTypeOf(OrderType.MARKET, Exchange.SSE), 11);
  assert.is(ordTypeOf(OrderType.MARKET, Exchange.SZSE), 14);
  assert.is(ordTypeOf(OrderType.STOP, Exchange.SSE), null);
  assert.type(oesTime(0, 0), 'number');
});

test.run();
