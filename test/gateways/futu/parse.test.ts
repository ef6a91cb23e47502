// OpenD messages → vnt objects, on the documented shapes of test/fixtures/futu/documented.ts (field names and
// types from Futu's OpenAPI protocol reference). Each fixture also round-trips through vnt's protobuf schema,
// so a field number or type in gateways/futu/proto.ts that disagrees with the reference shows here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Interval, OrderType, Product, Status } from '../../../src/core/constant.js';
import { decodeBody, encodeBody } from '../../../gateways/futu/codec.js';
import {
  accountFromFunds,
  applyBasicQot,
  applyOrderBook,
  applyTickers,
  barFromKLine,
  contractFromStatic,
  emptyTick,
  formatMarketTime,
  orderFromFutu,
  ParseError,
  positionFromFutu,
  statusOf,
  tradeFromFill,
} from '../../../gateways/futu/parse.js';
import { ORDER_STATUS, PROTO, QUOTE_PUSHES } from '../../../gateways/futu/protocol.js';
import * as F from '../../fixtures/futu/documented.js';

const roundTrip = (type: string, s2c: unknown) =>
  decodeBody(
    type,
    encodeBody(type, { retType: 0, s2c: s2c as Record<string, unknown> }),
    QUOTE_PUSHES.has(PROTO[type.split('.')[0] as keyof typeof PROTO]),
  );

test('every documented reply and push survives vnt schema encode/decode unchanged', () => {
  for (const [proto, s2c] of Object.entries({ ...F.DOCUMENTED_REPLIES, ...F.DOCUMENTED_PUSHES })) {
    const back = roundTrip(`${proto}.Response`, s2c) as { s2c?: unknown; retType: number };
    assert.equal(back.s2c ?? {}, s2c, `${proto}: decoded as documented`);
  }
});

test('contract from static info: code, SEHK, Chinese name, lot size, equity', () => {
  const c = contractFromStatic(F.STATIC_INFO, 'FUTU');
  assert.is(c.vtSymbol, '00700.SEHK');
  assert.is(c.name, '腾讯控股');
  assert.is(c.minVolume, 100);
  assert.is(c.volumeStep, 100);
  assert.is(c.product, Product.EQUITY);
  assert.is(c.currency, 'HKD');
  assert.ok(c.pricetick > 0);
  const sz = contractFromStatic(
    { basic: { ...F.STATIC_INFO.basic, security: { market: 22, code: '000001' }, name: '平安银行' } },
    'FUTU',
  );
  assert.is(sz.vtSymbol, '000001.SZSE');
  assert.throws(
    () => contractFromStatic({ basic: { ...F.STATIC_INFO.basic, lotSize: 0 } }, 'FUTU'),
    /lotSize/,
  );
  assert.throws(
    () =>
      contractFromStatic({ basic: { ...F.STATIC_INFO.basic, security: { market: 99, code: 'X' } } }, 'FUTU'),
    /market 99/,
  );
});

test('tick from a basic quote and an order book', () => {
  const tick = emptyTick('00700', Exchange.SEHK, '', 'FUTU');
  applyBasicQot(tick, F.BASIC_QOT);
  assert.is(tick.lastPrice, 385.2);
  assert.is(tick.preClose, 380.6);
  assert.is(tick.volume, 12817400, 'int64 volume (a string on the wire) becomes a number');
  assert.is(tick.turnover, 4921000000.5);
  assert.is(tick.datetime, 1796177703456);
  assert.is(tick.name, '腾讯控股');
  applyOrderBook(tick, F.ORDER_BOOK_S2C);
  assert.is(tick.bidPrice1, 385.2);
  assert.is(tick.bidVolume1, 18600);
  assert.is(tick.askPrice1, 385.4);
  assert.is(tick.askVolume1, 32100);
  assert.is(tick.bidPrice2, 0, 'levels the push does not have are empty');
  assert.throws(
    () => applyBasicQot(tick, { ...F.BASIC_QOT, curPrice: undefined }),
    (e: unknown) => e instanceof ParseError,
  );
});

test('ticker pushes set the last trade price, size and time', () => {
  const tick = emptyTick('00700', Exchange.SEHK, '', 'FUTU');
  assert.ok(applyTickers(tick, F.TICKER_S2C));
  assert.is(tick.lastPrice, 385.2);
  assert.is(tick.lastVolume, 400);
  assert.is(tick.datetime, 1796177703456);
  assert.not.ok(applyTickers(tick, { ...F.TICKER_S2C, tickerList: [] }));
  assert.throws(
    () => applyTickers(tick, { tickerList: [{ ...F.TICKER_S2C.tickerList[0]!, price: 0 }] }),
    /not a trade/,
  );
});

test('order: remark-bound id, direction, type, PARTTRADED from Filled_Part', () => {
  const o = orderFromFutu(F.ORDER, 'vmxyz-1', 'HK', 'FUTU');
  assert.is(o.orderid, 'vmxyz-1');
  assert.is(o.vtSymbol, '00700.SEHK');
  assert.is(o.direction, Direction.LONG);
  assert.is(o.type, OrderType.LIMIT);
  assert.is(o.volume, 200);
  assert.is(o.traded, 100);
  assert.is(o.price, 380.2);
  assert.is(o.status, Status.PARTTRADED);
  const failed = orderFromFutu(
    { ...F.ORDER, orderStatus: 21, fillQty: 0, lastErrMsg: 'Insufficient funds' },
    'x',
    'HK',
    'FUTU',
  );
  assert.is(failed.status, Status.REJECTED);
  assert.is(failed.statusMsg, 'Insufficient funds');
  assert.throws(() => orderFromFutu({ ...F.ORDER, fillQty: 300 }, 'x', 'HK', 'FUTU'), /fillQty/);
  assert.throws(() => orderFromFutu({ ...F.ORDER, trdSide: 9 }, 'x', 'HK', 'FUTU'), /trdSide/);
});

test('every documented order status maps to a vnt status that fits it', () => {
  const expect: Array<[number, number, Status | undefined]> = [
    [ORDER_STATUS.Unsubmitted, 0, Status.SUBMITTING],
    [ORDER_STATUS.WaitingSubmit, 0, Status.SUBMITTING],
    [ORDER_STATUS.Submitting, 0, Status.SUBMITTING],
    [ORDER_STATUS.SubmitFailed, 0, Status.REJECTED],
    [ORDER_STATUS.TimeOut, 0, Status.REJECTED],
    [ORDER_STATUS.Submitted, 0, Status.NOTTRADED],
    [ORDER_STATUS.Filled_Part, 100, Status.PARTTRADED],
    [ORDER_STATUS.Filled_All, 200, Status.ALLTRADED],
    [ORDER_STATUS.Cancelling_Part, 100, Status.PARTTRADED],
    [ORDER_STATUS.Cancelling_All, 0, Status.NOTTRADED],
    [ORDER_STATUS.Cancelled_Part, 100, Status.CANCELLED],
    [ORDER_STATUS.Cancelled_All, 0, Status.CANCELLED],
    [ORDER_STATUS.Failed, 0, Status.REJECTED],
    [ORDER_STATUS.Disabled, 0, Status.CANCELLED],
    [ORDER_STATUS.Deleted, 0, Status.CANCELLED],
    [ORDER_STATUS.Unknown, 0, undefined],
  ];
  for (const [s, filled, want] of expect) assert.is(statusOf(s, filled), want, `status ${s}`);
});

test('fill: the trade id is the fillID, 64-bit, exactly', () => {
  const t = tradeFromFill(F.ORDER_FILL, 'vmxyz-1', 'HK', 'FUTU');
  assert.is(t.tradeid, '6100000000000000077');
  assert.is(t.vtTradeid, 'FUTU.6100000000000000077');
  assert.is(t.orderid, 'vmxyz-1');
  assert.is(t.volume, 100);
  assert.is(t.price, 380.2);
  assert.is(t.datetime, 1796177703456);
  assert.throws(() => tradeFromFill({ ...F.ORDER_FILL, qty: 0 }, 'x', 'HK', 'FUTU'), /qty/);
  assert.throws(() => tradeFromFill({ ...F.ORDER_FILL, fillID: '12ab' }, 'x', 'HK', 'FUTU'), /fillID/);
});

test('position: price is costPrice and pnl is plVal (not the market price, as VN Trader had it)', () => {
  const p = positionFromFutu(F.POSITION, 'HK', 'FUTU');
  assert.is(p.price, 371.4, 'average cost');
  assert.is.not(p.price, F.POSITION.price, 'not the market price');
  assert.is(p.pnl, 2760);
  assert.is(p.volume, 200);
  assert.is(p.frozen, 100, 'qty - canSellQty');
  assert.is(p.direction, Direction.LONG);
  assert.is(p.vtPositionid.startsWith('FUTU.'), true);
  assert.is(p.ydVolume, 0, 'HK settles T+0 for vnt purposes');
  const cn = positionFromFutu({ ...F.POSITION, code: '600519', secMarket: 31 }, 'CN', 'FUTU');
  assert.is(cn.exchange, Exchange.SSE);
  assert.is(cn.ydVolume, 100, 'A-shares: what can be sold today was held yesterday');
  const short = positionFromFutu({ ...F.POSITION, positionSide: 1 }, 'HK', 'FUTU');
  assert.is(short.direction, Direction.SHORT);
});

test('account from funds: balance, frozen, buying power, currency', () => {
  const a = accountFromFunds(
    { ...F.FUNDS, frozenCash: 1234.5, power: 880000 },
    '281756455988880',
    'HK',
    'FUTU',
  );
  assert.is(a.vtAccountid, 'FUTU.281756455988880');
  assert.is(a.balance, 1000000);
  assert.is(a.frozen, 1234.5);
  assert.is(a.available, 880000);
  assert.is(a.currency, 'HKD');
  assert.throws(
    () => accountFromFunds({ ...F.FUNDS, totalAssets: Number.NaN }, '1', 'HK', 'FUTU'),
    /totalAssets/,
  );
});

test('K-line → bar; blank K-lines are skipped', () => {
  const b = barFromKLine(F.KLINE, '00700', Exchange.SEHK, Interval.DAILY, 'FUTU')!;
  assert.is(b.datetime, 1796140800000);
  assert.is(b.closePrice, 385.2);
  assert.is(b.volume, 12817400);
  assert.is(
    barFromKLine({ ...F.KLINE, isBlank: true }, '00700', Exchange.SEHK, Interval.DAILY, 'FUTU'),
    undefined,
  );
});

test("times sent to OpenD are the market's wall clock", () => {
  const t = Date.UTC(2026, 0, 15, 2, 30, 0); // 10:30 in Hong Kong, 21:30 the day before in New York (EST)
  assert.is(formatMarketTime(t, 'HK'), '2026-01-15 10:30:00');
  assert.is(formatMarketTime(t, 'US'), '2026-01-14 21:30:00');
  assert.is(formatMarketTime(Date.UTC(2026, 6, 15, 2, 30, 0), 'US'), '2026-07-14 22:30:00', 'EDT in July');
});

test.run();
