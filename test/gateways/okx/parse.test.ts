// OKX's documented payloads through the shape checks and the mappings to vnt objects.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Interval, Offset, OrderType, Product, Status } from '../../../src/core/constant.js';
import { createTick } from '../../../src/core/object.js';
import { envelopeData, OkxError } from '../../../gateways/okx/client.js';
import {
  EXCHANGE,
  accountFromDetail,
  applyTicker,
  barsFromCandles,
  contractFromInstrument,
  offsetOf,
  orderFromWire,
  posSideFor,
  positionFromWire,
  tradeFromFill,
  tradeFromOrder,
  feeFieldsFor,
  feesFromOkx,
} from '../../../gateways/okx/parse.js';
import {
  FILL_SPEC,
  INSTRUMENT_SPEC,
  POSITION_SPEC,
  TICKER_SPEC,
  balanceProblem,
  bookProblem,
  orderProblem,
  shapeProblem,
} from '../../../gateways/okx/shape.js';
import type {
  BalanceDetail,
  Candle,
  Fill,
  Instrument,
  Order,
  Position,
  Ticker,
} from '../../../gateways/okx/types.js';
import * as doc from '../../fixtures/okx-messages.js';

test('documented: the spot instrument is a contract with tick, lot, min size', () => {
  const inst = doc.REST_INSTRUMENTS_SPOT.data[0]! as unknown as Instrument;
  assert.is(shapeProblem(inst, INSTRUMENT_SPEC), undefined);
  const c = contractFromInstrument(inst, 'OKEX', true)!;
  assert.is(c.vtSymbol, 'BTC-USDT.OKEX');
  assert.is(c.product, Product.SPOT);
  assert.is(c.pricetick, 0.1);
  assert.is(c.minVolume, 0.00001);
  assert.is(c.volumeStep, 0.00000001);
  assert.is(c.size, 1);
  assert.is(c.name, 'BTC/USDT');
  assert.is(contractFromInstrument({ ...inst, state: 'suspend' }, 'OKEX', true), undefined);
});

test('a swap and a future: size is ctVal × ctMult, the future names its expiry, instIds stay apart', () => {
  const base = doc.REST_INSTRUMENTS_SPOT.data[0]! as unknown as Instrument;
  const swap = {
    ...base,
    instType: 'SWAP',
    instId: 'BTC-USDT-SWAP',
    ctVal: '0.01',
    ctMult: '1',
    ctValCcy: 'BTC',
    settleCcy: 'USDT',
    lotSz: '1',
    minSz: '1',
  } as Instrument;
  const fut = {
    ...swap,
    instType: 'FUTURES',
    instId: 'BTC-USD-250328',
    ctVal: '100',
    ctValCcy: 'USD',
    settleCcy: 'BTC',
    expTime: String(Date.UTC(2025, 2, 28, 8)),
  } as Instrument;
  const s = contractFromInstrument(swap, 'OKEXF', true)!;
  const f = contractFromInstrument(fut, 'OKEXF', false)!;
  assert.is(s.product, Product.SWAP);
  assert.is(s.size, 0.01);
  assert.is(s.currency, 'USDT');
  assert.is(f.product, Product.FUTURES);
  assert.match(f.name, /2025-03-28/);
  assert.is(f.netPosition, false);
  assert.is.not(s.vtSymbol, 'BTC-USDT.OKEX');
});

test('documented: the orders push is an order and its fill (trade id keyed by instrument)', () => {
  const o = doc.WS_ORDERS.data[0]! as unknown as Order;
  assert.is(orderProblem(o), undefined);
  const order = orderFromWire(o, 'OKEX');
  assert.is(order.orderid, 'x452197707845865472', 'an order without clOrdId keeps its venue id');
  assert.is(order.status, Status.ALLTRADED);
  assert.is(order.direction, Direction.SHORT);
  assert.is(order.type, OrderType.LIMIT);
  assert.is(order.traded, 0.001);
  const trade = tradeFromOrder(o, 'OKEX')!;
  assert.is(trade.vtTradeid, 'OKEX.BTC-USDT:242589207');
  assert.is(trade.price, 31527.1);
  assert.is(trade.volume, 0.001);
  assert.is(tradeFromOrder({ ...o, tradeId: '', fillSz: '0' }, 'OKEX'), undefined);
  assert.match(orderProblem({ ...o, state: 'weird' }) ?? '', /state/);
  assert.match(orderProblem({ ...o, fillPx: 'abc' }) ?? '', /fillPx/);
});

test('documented: order details and fills', () => {
  const o = doc.REST_ORDER.data[0]! as unknown as Order;
  assert.is(orderProblem(o), undefined);
  assert.is(orderFromWire(o, 'OKEX').type, OrderType.MARKET);
  const f = doc.REST_FILLS.data[0]! as unknown as Fill;
  assert.is(shapeProblem(f, FILL_SPEC), undefined);
  const t = tradeFromFill(f, 'OKEX');
  assert.is(t.tradeid, 'BTC-USDT:744876980');
  assert.is(t.orderid, 'x680800019749904384');
  assert.is(t.datetime, 1708587373362);
});

test('documented: balance details are accounts, positions are positions', () => {
  const b = doc.REST_BALANCE.data[0]!;
  assert.is(balanceProblem(b), undefined);
  const a = accountFromDetail(b.details[0]! as BalanceDetail, 'OKEX');
  assert.is(a.vtAccountid, 'OKEX.USDT');
  assert.is(a.balance, 4992.890093622894);
  assert.is(a.frozen, 158.573);
  assert.is(a.available, 4834.317093622894);
  const p = doc.REST_POSITIONS.data[0]! as unknown as Position;
  assert.is(shapeProblem(p, POSITION_SPEC), undefined);
  const pos = positionFromWire(p, 'OKEXF');
  assert.is(pos.direction, Direction.LONG);
  assert.is(pos.volume, 1);
  assert.is(pos.vtPositionid, 'OKEXF.ETH-USD-210430.OKEX.LONG');
  assert.is(positionFromWire({ ...p, posSide: 'net', pos: '-3', availPos: '' }, 'OKEXF').volume, -3);
});

test('long/short mode: side and posSide say open or close', () => {
  assert.is(offsetOf('buy', 'long'), Offset.OPEN);
  assert.is(offsetOf('sell', 'long'), Offset.CLOSE);
  assert.is(offsetOf('sell', 'short'), Offset.OPEN);
  assert.is(offsetOf('buy', 'short'), Offset.CLOSE);
  assert.is(offsetOf('buy', 'net'), Offset.NONE);
  assert.is(posSideFor(Direction.LONG, Offset.OPEN), 'long');
  assert.is(posSideFor(Direction.SHORT, Offset.CLOSE), 'long');
  assert.is(posSideFor(Direction.SHORT, Offset.OPEN), 'short');
  assert.is(posSideFor(Direction.LONG, Offset.CLOSE), 'short');
  assert.is(posSideFor(Direction.LONG, Offset.NONE), undefined);
});

test('documented: candles become bars, oldest first; the ticker fills the 24 h fields', () => {
  const bars = barsFromCandles(
    doc.REST_CANDLES.data as unknown as Candle[],
    'BTC-USDT',
    Interval.MINUTE,
    'OKEX',
    true,
  );
  assert.is(bars.length, 2);
  assert.is(bars[0]!.openPrice, 3.721);
  assert.is(bars[0]!.turnover, 12698348.04828491);
  const t = doc.WS_TICKERS.data[0]! as Ticker;
  assert.is(shapeProblem(t, TICKER_SPEC), undefined);
  const tick = createTick({ gatewayName: 'OKEX', symbol: 'BTC-USDT', exchange: EXCHANGE, datetime: 0 });
  applyTicker(tick, t, 'SPOT');
  assert.is(tick.lastPrice, 9999.99);
  assert.is(tick.highPrice, 10000);
  assert.is(tick.volume, 2222);
  assert.is(tick.datetime, 1597026383085);
});

test('documented: book pushes pass the shape check; broken ones name the field', () => {
  assert.is(bookProblem(doc.WS_BOOKS_SNAPSHOT.data[0], 'snapshot'), undefined);
  assert.is(bookProblem(doc.WS_BOOKS_UPDATE.data[0], 'update'), undefined);
  assert.match(bookProblem({ ...doc.WS_BOOKS_UPDATE.data[0], seqId: '5' }, 'update') ?? '', /seqId/);
  assert.match(bookProblem({ ...doc.WS_BOOKS_UPDATE.data[0], asks: [[1, 2]] }, 'update') ?? '', /level/);
  assert.match(bookProblem(doc.WS_BOOKS_UPDATE.data[0], 'partial') ?? '', /action/);
});

test('documented: envelopes — code "0" is success; a refused order carries sCode/sMsg; 50011', () => {
  assert.equal(envelopeData(doc.REST_TIME, '/t'), [{ ts: '1597026383085' }]);
  try {
    envelopeData(doc.REST_PLACE_ORDER_FAILED, '/api/v5/trade/order');
    assert.unreachable();
  } catch (e) {
    assert.instance(e, OkxError);
    assert.is((e as OkxError).venueCode, '51008');
    assert.match((e as Error).message, /Insufficient USDT balance.*51008/);
  }
  assert.throws(() => envelopeData(doc.REST_RATE_LIMITED, '/x'), /Too Many Requests \(code 50011\)/);
  assert.throws(() => envelopeData({ code: 0, data: [] }, '/x'), /without a code/);
  assert.throws(() => envelopeData('<html>', '/x'), /not a reply/);
});

test('documented: trade-fee rates (negative = charged) are the fees; derivatives read the pair of their margin', () => {
  const r = doc.REST_TRADE_FEE.data[0]!;
  assert.equal(feesFromOkx(r.maker, r.taker), { rate: 0.001, perLot: 0, maker: 0.0008 });
  // A rebate (positive) is a negative fee; an empty pair (not this margin) says nothing.
  assert.equal(feesFromOkx('0.0001', '-0.0005'), { rate: 0.0005, perLot: 0, maker: -0.0001 });
  assert.is(feesFromOkx(r.makerU, r.takerU), undefined);
  assert.is(feesFromOkx(undefined, '-0.001'), undefined);
  assert.equal(feeFieldsFor({ instType: 'SPOT', settleCcy: '' }), ['maker', 'taker']);
  assert.equal(feeFieldsFor({ instType: 'SWAP', ctType: 'linear', settleCcy: 'USDT' }), ['makerU', 'takerU']);
  assert.equal(feeFieldsFor({ instType: 'SWAP', ctType: 'linear', settleCcy: 'USDC' }), [
    'makerUSDC',
    'takerUSDC',
  ]);
  assert.equal(feeFieldsFor({ instType: 'FUTURES', ctType: 'inverse', settleCcy: 'BTC' }), [
    'maker',
    'taker',
  ]);
});

test.run();
