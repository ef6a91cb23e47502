// Tiger's published examples (test/fixtures/tiger-messages.ts, re-typed from the official SDK's recorded
// gateway replies and push decode vector) through the gateway's mapping to vnt objects, and the push
// messages through this project's own protobuf definitions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  Interval,
  OptionType,
  OrderType,
  Product,
  Status,
} from '../../../src/core/constant.js';
import { createTick } from '../../../src/core/object.js';
import { priceTickAt } from '../../../src/core/validate.js';
import {
  accountsFromPrime,
  applyDepth,
  applyBrief,
  applyQuote,
  barFromKline,
  contractFromTiger,
  contractOfFuture,
  decodeTradeTicks,
  orderFromPush,
  orderFromTiger,
  positionFromTiger,
  scaled,
  statusFromTiger,
  tradeFromTransaction,
  vntSymbol,
} from '../../../gateways/tiger/parse.js';
import {
  Command,
  DataType,
  FrameReader,
  QuoteType,
  decodeResponse,
  encodeResponse,
} from '../../../gateways/tiger/proto.js';
import { quantityWithScale } from '../../../gateways/tiger/index.js';
import type {
  TigerContract,
  TigerFutureContract,
  TigerOrder,
  TigerPosition,
  TigerTransaction,
} from '../../../gateways/tiger/types.js';
import * as F from '../../fixtures/tiger-messages.js';

const GW = 'TIGER';
const ref = (orderid: string, symbol: string, exchange = Exchange.SMART) => ({ orderid, symbol, exchange });

test('contract NVDA: tick from the open-ended band, lot, multiplier, name, market → SMART', () => {
  const c = contractFromTiger(F.CONTRACT_NVDA as unknown as TigerContract, GW);
  assert.is(c.symbol, 'NVDA');
  assert.is(c.exchange, Exchange.SMART);
  assert.is(c.vtSymbol, 'NVDA.SMART');
  assert.is(c.pricetick, 0.01);
  assert.is(c.minVolume, 1);
  assert.is(c.size, 1);
  assert.is(c.name, 'NVIDIA');
  assert.is(c.product, Product.EQUITY);
  assert.is(c.currency, 'USD');
  // The documented bands: 0.0001 below $1, 0.01 from $1; orders are checked against the band of their price.
  assert.equal(c.priceBands, [
    { from: 0, to: 1, tick: 0.0001 },
    { from: 1, to: Infinity, tick: 0.01 },
  ]);
  assert.is(priceTickAt(c, 0.5123), 0.0001);
  assert.is(priceTickAt(c, 120.5), 0.01);
});

test('future MEUR2509 (test_get_future_contracts): code as symbol on CME, multiplier, tick, expiry, name', () => {
  const f = F.FUTURE_MEUR2509 as TigerFutureContract;
  const c = contractFromTiger(contractOfFuture(f), GW);
  assert.is(c.vtSymbol, 'MEUR2509.CME');
  assert.is(c.product, Product.FUTURES);
  assert.is(c.size, 12500);
  assert.is(c.pricetick, 0.0001);
  assert.is(c.minVolume, 1);
  assert.is(c.optionExpiry, Date.UTC(2025, 8, 15));
  assert.is(c.name, 'E-Micro EUR/USD - Sep 2025');
  assert.is(c.currency, 'USD');
  // A future that cannot be traded is still listed, but not as tradeable.
  assert.is(contractOfFuture({ ...f, trade: false }).tradeable, false);
});

test('an HK option-like contract: identifier as symbol, SEHK, expiry, strike and right', () => {
  const o = F.ORDERS_PAGE.items[0]!;
  const c = contractFromTiger(
    {
      symbol: o.symbol,
      secType: 'OPT',
      market: 'HK',
      currency: 'HKD',
      identifier: 'TCH 260330C00450000',
      expiry: '20260330',
      strike: '450.0',
      right: 'CALL',
      multiplier: 100,
      lotSize: 1,
    },
    GW,
  );
  assert.is(c.symbol, 'TCH260330C00450000');
  assert.is(c.exchange, Exchange.SEHK);
  assert.is(c.optionType, OptionType.CALL);
  assert.is(c.optionStrike, 450);
  assert.is(c.optionExpiry, Date.UTC(2026, 2, 30));
  assert.is(c.size, 100);
  assert.is(vntSymbol('IOPT', o.symbol, o.identifier), '61486');
});

test('markets: US on SMART, HK on SEHK, China Connect by code on SSE or SZSE', () => {
  const c = (symbol: string, market: string) =>
    contractFromTiger({ symbol, secType: 'STK', market, currency: 'CNH' } as TigerContract, GW).exchange;
  assert.is(c('AAPL', 'US'), Exchange.SMART);
  assert.is(c('00700', 'HK'), Exchange.SEHK);
  assert.is(c('600519', 'CN'), Exchange.SSE);
  assert.is(c('000001', 'CN'), Exchange.SZSE);
});

test('positions: the fractional NVDA (773 at scale 5) is 0.00773 shares; salable sets frozen', () => {
  const [nvda, rosgq] = F.POSITIONS.items as unknown as TigerPosition[];
  const p = positionFromTiger(nvda!, 'NVDA', Exchange.SMART, GW);
  assert.is(p.volume, 0.00773);
  assert.is(p.frozen, 0);
  assert.is(p.price, 129.45);
  assert.is(p.pnl, 0.42);
  assert.is(p.direction, Direction.NET);
  assert.is(positionFromTiger(rosgq!, 'ROSGQ', Exchange.SMART, GW).volume, 6);
  assert.is(scaled(773, 5), 0.00773);
  assert.equal(quantityWithScale(0.00773), [773, 5]);
  assert.equal(quantityWithScale(2), [2, 0]);
});

test("place_order's order: Initial is a working order, limit price and quantity read", () => {
  const o = orderFromTiger(F.ORDER_AAPL as unknown as TigerOrder, ref('vnt1', 'AAPL'), GW);
  assert.is(o.status, Status.NOTTRADED);
  assert.is(o.type, OrderType.LIMIT);
  assert.is(o.price, 90.5);
  assert.is(o.volume, 2);
  assert.is(o.traded, 0);
  assert.is(o.direction, Direction.LONG);
  assert.is(o.datetime, 1755086932000);
});

test('the listed cancelled order is CANCELLED; its big id survives as text', () => {
  const item = F.ORDERS_PAGE.items[0]! as unknown as TigerOrder;
  const o = orderFromTiger(item, ref('vnt2', '61486', Exchange.SEHK), GW);
  assert.is(o.status, Status.CANCELLED);
  assert.is(o.volume, 5000);
  assert.is(String(item.id), '40130901147389952');
});

test('order statuses: every documented value, with what was filled', () => {
  const cases: [string, number, Status][] = [
    ['PendingNew', 0, Status.NOTTRADED],
    ['Initial', 0, Status.NOTTRADED],
    ['Submitted', 0, Status.NOTTRADED],
    ['Submitted', 1, Status.PARTTRADED],
    ['PartiallyFilled', 1, Status.PARTTRADED],
    ['Filled', 2, Status.ALLTRADED],
    ['Cancelled', 0, Status.CANCELLED],
    ['PendingCancel', 0, Status.NOTTRADED],
    ['Inactive', 0, Status.REJECTED],
    ['Inactive', 1, Status.CANCELLED],
    ['Invalid', 0, Status.REJECTED],
  ];
  for (const [s, filled, expected] of cases)
    assert.is(statusFromTiger(s, filled), expected, `${s} with ${filled}`);
});

test('transactions: the trade id is the transaction id as text, side and price read', () => {
  const t = tradeFromTransaction(
    F.TRANSACTIONS_PAGE.items[0]! as unknown as TigerTransaction,
    ref('vnt3', 'USD.HKD'),
    GW,
  );
  assert.is(t.tradeid, '41063075987197952');
  assert.is(t.direction, Direction.SHORT);
  assert.is(t.price, 7.76064);
  assert.is(t.volume, 10);
  assert.is(t.datetime, 1762185607350);
});

test('prime assets: one account per segment, balance the net liquidation, available the cash for trade', () => {
  const [a] = accountsFromPrime(F.PRIME_ASSETS, '123123', GW);
  assert.is(a!.accountid, '123123.S');
  assert.is(a!.balance, 6948);
  assert.is(a!.available, 5717.69);
  assert.is(a!.frozen, 1230.31);
  assert.is(a!.currency, 'USD');
});

test('TradeTick (test_tick_convert vector): times add up, prices (base + offset) / 10^2, numbered from sn', () => {
  const ticks = decodeTradeTicks(F.TRADE_TICK_QQQ);
  assert.equal(
    ticks.map((t) => t.price),
    F.TRADE_TICK_QQQ_DECODED.prices,
  );
  assert.equal(
    ticks.map((t) => t.volume),
    F.TRADE_TICK_QQQ_DECODED.volumes,
  );
  assert.equal(
    ticks.map((t) => t.time),
    F.TRADE_TICK_QQQ_DECODED.times,
  );
  assert.equal(
    ticks.map((t) => t.sn),
    [878, 879, 880, 881, 882],
  );
  assert.throws(() => decodeTradeTicks({ ...F.TRADE_TICK_QQQ, price: ['1'] }), /5 times, 1 prices/);
});

test('the TradeTick vector survives our protobuf encoding and the varint framing, split anywhere', () => {
  const frame = encodeResponse({
    command: Command.MESSAGE,
    body: { dataType: DataType.TradeTick, tradeTickData: F.TRADE_TICK_QQQ },
  });
  for (let cut = 1; cut < frame.length; cut += 7) {
    const reader = new FrameReader();
    const got: Buffer[] = [];
    reader.push(Buffer.from(frame.subarray(0, cut)), (f) => got.push(f));
    reader.push(Buffer.from(frame.subarray(cut)), (f) => got.push(f));
    assert.is(got.length, 1);
    const decoded = decodeResponse(got[0]!);
    assert.equal(
      decodeTradeTicks(decoded.body!.tradeTickData!).map((t) => t.price),
      F.TRADE_TICK_QQQ_DECODED.prices,
    );
  }
});

test('order status push: sint64 ids keep every digit; fractional quantities scale', () => {
  const frame = encodeResponse({
    command: Command.MESSAGE,
    body: {
      dataType: DataType.OrderStatus,
      orderStatusData: {
        id: '40132638459956224',
        account: '123123',
        symbol: 'AAPL',
        action: 'SELL',
        orderType: 'LMT',
        totalQuantity: '773',
        totalQuantityScale: 5,
        filledQuantity: '773',
        filledQuantityScale: 5,
        limitPrice: 183.5,
        status: 'Filled',
        userMark: 'vnt01',
      },
    },
  });
  const r = new FrameReader();
  r.push(Buffer.from(frame), (f) => {
    const o = decodeResponse(f).body!.orderStatusData!;
    assert.is(o.id, '40132638459956224');
    const order = orderFromPush(o, ref('vnt01', 'AAPL'), GW);
    assert.is(order.status, Status.ALLTRADED);
    assert.is(order.volume, 0.00773);
    assert.is(order.traded, 0.00773);
    assert.is(order.direction, Direction.SHORT);
  });
});

test('quotes and depth: BASIC, BBO and five levels onto one tick', () => {
  const tick = createTick({ gatewayName: GW, symbol: 'AAPL', exchange: Exchange.SMART, datetime: 0 });
  assert.ok(
    applyQuote(tick, {
      symbol: 'AAPL',
      type: QuoteType.BASIC,
      timestamp: '1754992687363',
      latestPrice: 226.34,
      preClose: 225,
      volume: '1000',
      amount: 226340,
      open: 225.5,
      high: 227,
      low: 225.1,
    }),
  );
  assert.ok(
    applyQuote(tick, {
      symbol: 'AAPL',
      type: QuoteType.BBO,
      timestamp: '1754992687364',
      bidPrice: 226.3,
      bidSize: '700',
      askPrice: 226.38,
      askSize: '363',
    }),
  );
  // test_quote_client.py::test_get_depth_quote (AAPL), as the push's parallel arrays.
  applyDepth(tick, {
    symbol: 'AAPL',
    timestamp: '1754992687363',
    ask: { price: [226.38, 226.4, 226.45], volume: ['363', '500', '200'], orderCount: [3, 2, 1] },
    bid: { price: [226.3, 226.25, 226.2], volume: ['700', '300', '100'], orderCount: [5, 2, 1] },
  });
  assert.is(tick.lastPrice, 226.34);
  assert.is(tick.volume, 1000);
  assert.is(tick.bidPrice1, 226.3);
  assert.is(tick.askPrice3, 226.45);
  assert.is(tick.askVolume1, 363);
  assert.is(tick.bidPrice4, 0);
  assert.not.ok(
    applyQuote(tick, { symbol: 'AAPL', type: 0, timestamp: '0' }),
    'a quote of no type says nothing',
  );
});

test('kline (test_get_bars): a daily bar with open, high, low, close, volume and amount', () => {
  const b = barFromKline(F.KLINE_AAPL[0]!.items[0]!, 'AAPL', Exchange.SMART, Interval.DAILY, GW);
  assert.is(b.datetime, 1754366400000);
  assert.is(b.openPrice, 203.4);
  assert.is(b.highPrice, 205.34);
  assert.is(b.lowPrice, 202.16);
  assert.is(b.closePrice, 202.92);
  assert.is(b.volume, 44155079);
  assert.is(b.turnover, 8.987659222543882e9);
  assert.is(b.vtSymbol, 'AAPL.SMART');
});

test('quote_real_time (test_get_stock_briefs): the snapshot onto a fresh tick', () => {
  const tick = createTick({ gatewayName: GW, symbol: 'AAPL', exchange: Exchange.SMART, datetime: 0 });
  applyBrief(tick, F.STOCK_BRIEFS[0]!);
  assert.is(tick.lastPrice, 227.18);
  assert.is(tick.preClose, 229.09);
  assert.is(tick.bidPrice1, 226.3);
  assert.is(tick.askVolume1, 363);
  assert.is(tick.volume, 61806132);
  assert.is(tick.datetime, 1754942400000);
});

test.run();
