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
  parseL2Trade,
  mdsCode,
  parseOrder,
  parseSnapshot,
  parseTrade,
  rejectText,
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
  const r = parseOrder(
    { clSeqNo: 8, mktId: 1, securityId: '600000', ordQty: 100, ordStatus: 0 },
    'OES',
    1258,
  )!;
  assert.is(r.status, Status.REJECTED);
  assert.match(r.statusMsg, /1258/);
});

test("refusals carry OES's number and text: from a report head, or from a refused query row", () => {
  assert.is(rejectText(1258, '可卖持仓不足'), '[1258] 可卖持仓不足');
  assert.is(rejectText(1258), '[1258] OES reject reason 1258');
  const fromReport = parseOrder(
    { clSeqNo: 8, mktId: 1, securityId: '600000', ordQty: 100 },
    'OES',
    1296,
    '资金不足',
  )!;
  assert.is(fromReport.statusMsg, '[1296] 资金不足');
  // ordStatus 14 (> 10): refused; the row's own ordRejReason and the text the host read for it.
  const row = parseOrder(
    {
      clSeqNo: 9,
      mktId: 2,
      securityId: '999999',
      ordQty: 100,
      ordStatus: 14,
      ordRejReason: 1231,
      rejText: '证券代码不存在',
    },
    'OES',
  )!;
  assert.is(row.status, Status.REJECTED);
  assert.is(row.statusMsg, '[1231] 证券代码不存在');
});

test('snapshot: five levels ×10000, turnover, China time; other exchanges and empty records skipped', () => {
  const r: Record<string, number | bigint | string> = {
    exchId: 2,
    tradeDate: 20260105,
    updateTime: 93015250,
    SecurityID: '000001',
    TotalVolumeTraded: 12345n,
    TotalValueTraded: 1500000000n,
    TradePx: 121050,
    PrevClosePx: 120000,
  };
  for (let n = 1; n <= 5; n++) {
    r[`Bid${n}Price`] = 121000 - (n - 1) * 100;
    r[`Offer${n}Price`] = 121100 + (n - 1) * 100;
    r[`Bid${n}OrderQty`] = BigInt(n * 1000);
    r[`Offer${n}OrderQty`] = BigInt(n * 2000);
  }
  const t = parseSnapshot(r, 'OES', '平安银行')!;
  assert.is(t.vtSymbol, '000001.SZSE');
  assert.is(t.name, '平安银行');
  assert.equal([t.lastPrice, t.preClose, t.volume, t.turnover], [12.105, 12, 12345, 150000]);
  assert.equal([t.bidPrice1, t.bidPrice5, t.askPrice1, t.askPrice5], [12.1, 12.06, 12.11, 12.15]);
  assert.equal([t.bidVolume1, t.bidVolume5, t.askVolume5], [1000, 5000, 10000]);
  assert.is(t.datetime, Date.UTC(2026, 0, 5, 1, 30, 15, 250));
  assert.is(parseSnapshot({ ...r, exchId: 3 }, 'OES'), null);
  assert.is(parseSnapshot({}, 'OES'), null);
  assert.is(mdsCode('600000', Exchange.SSE), '600000.SH');
  assert.is(mdsCode('000001', Exchange.SZSE), '000001.SZ');
  assert.is(mdsCode('GC2612', Exchange.COMEX), null);
});

test('a Level-2 snapshot: five flat levels, all ten in depth, a thin side ending at its first empty level', () => {
  const r: Record<string, number | bigint | string> = {
    exchId: 1,
    SecurityID: '600000',
    tradeDate: 20260105,
    updateTime: 93015250,
    TradePx: 102550,
    TotalVolumeTraded: 500n,
  };
  for (let n = 1; n <= 10; n++) {
    r[`Bid${n}Price`] = 102500 - (n - 1) * 100;
    r[`Bid${n}OrderQty`] = BigInt(n * 100);
    // Only seven offers: levels 8..10 empty.
    r[`Offer${n}Price`] = n <= 7 ? 102600 + (n - 1) * 100 : 0;
    r[`Offer${n}OrderQty`] = n <= 7 ? BigInt(n * 10) : 0n;
  }
  const t = parseSnapshot(r, 'OES')!;
  assert.equal([t.bidPrice5, t.bidVolume5, t.askPrice5], [10.21, 500, 10.3]);
  assert.is(t.depth!.bids.length, 10);
  assert.equal(t.depth!.bids[9], [10.16, 1000]);
  assert.is(t.depth!.asks.length, 7);
  assert.equal(t.depth!.asks[6], [10.32, 70]);
  assert.is(parseSnapshot({ ...r, Bid3Price: -1 }, 'OES'), null, 'a negative price is a damaged message');
});

test('a tick-by-tick trade: price, quantity, its channel and number; a cancel or damaged one is none', () => {
  const r = {
    exchId: 2,
    SecurityID: '000001',
    ExecType: 'F',
    ChannelNo: 2011,
    ApplSeqNum: 7,
    TradePrice: 121100,
    TradeQty: 300,
    TradeMoney: 36330000n,
    tradeDate: 20260105,
    TransactTime: 93015250,
  };
  assert.equal(parseL2Trade(r), {
    vtSymbol: '000001.SZSE',
    channel: 'SZSE-2011',
    seq: 7,
    price: 12.11,
    volume: 300,
    turnover: 3633,
    datetime: Date.UTC(2026, 0, 5, 1, 30, 15, 250),
  });
  assert.is(parseL2Trade({ ...r, ExecType: '4' }), null, 'an SZSE cancel is no trade');
  assert.is(parseL2Trade({ ...r, TradeQty: 0 }), null);
});

test('damaged records are refused: codes, quantities, prices, account ids', () => {
  const order = { clSeqNo: 5, mktId: 1, securityId: '600000', ordQty: 100, ordPrice: 102500, ordStatus: 2 };
  assert.ok(parseOrder(order, 'OES'));
  assert.is(parseOrder({ ...order, securityId: '60\u0000\u00ff0' }, 'OES'), null);
  assert.is(parseOrder({ ...order, ordQty: 0 }, 'OES'), null);
  assert.is(parseOrder({ ...order, cumQty: 200 }, 'OES'), null);
  assert.is(parseOrder({ ...order, bsType: 30 }, 'OES'), null, 'a cancel request is not an order');
  const trade = { exchTrdNum: 9n, mktId: 1, securityId: '600000', trdQty: 100, trdPrice: 102500 };
  assert.ok(parseTrade(trade, 'OES'));
  assert.is(parseTrade({ ...trade, trdQty: -100 }, 'OES'), null);
  assert.is(parseTrade({ ...trade, exchTrdNum: 0n }, 'OES'), null);
  assert.is(parseAccount({ cashAcctId: '\u0001\u0002' }, 'OES'), null);
  assert.is(parseHolding({ mktId: 1, securityId: '600000', sumHld: 10n, sellAvlHld: 20n }, 'OES'), null);
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
  assert.is(a!.balance, 100000);
  assert.is(a!.frozen, 10000);
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
