// HTX spot parsing on HTX's documented examples (test/fixtures/htx-messages.ts): orders, trades, balances,
// depth, ticker and klines become the vnt objects a trader expects, and the shape checks accept them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Interval, OrderType, Status } from '../../../src/core/constant.js';
import { createTick } from '../../../src/core/object.js';
import {
  accountsFromBalance,
  applyDepth,
  applyTicker,
  barsFromKlines,
  orderFromUpdate,
  orderFromWire,
  tradeFromMatch,
  tradeFromUpdate,
} from '../../../gateways/htx/parse.js';
import {
  MATCH_SPEC,
  ORDER_SPEC,
  balanceProblem,
  depthProblem,
  orderUpdateProblem,
} from '../../../gateways/htx/shape.js';
import { shapeProblem } from '../../../gateways/common/shape.js';
import type {
  DepthTick,
  OrderUpdate,
  SpotBalance,
  SpotOrder,
  MatchResult,
  TickerTick,
  Kline,
} from '../../../gateways/htx/types.js';
import * as doc from '../../fixtures/htx-messages.js';

const GW = 'HUOBI';

test('open order (filled-*) → a resting SELL LIMIT known as x<id> (no client id)', () => {
  const wire = doc.REST_OPEN_ORDERS.data[0] as unknown as SpotOrder;
  assert.is(shapeProblem(wire, ORDER_SPEC), undefined);
  const o = orderFromWire(wire, GW);
  assert.is(o.orderid, 'x357630527817871');
  assert.is(o.symbol, 'apnusdt');
  assert.is(o.exchange, Exchange.HUOBI);
  assert.is(o.direction, Direction.SHORT);
  assert.is(o.type, OrderType.LIMIT);
  assert.is(o.price, 1.55555);
  assert.is(o.volume, 572.33);
  assert.is(o.status, Status.NOTTRADED);
});

test('order by client id (field-*) → POSTONLY BUY keyed by its client-order-id', () => {
  const wire = doc.REST_CLIENT_ORDER.data as unknown as SpotOrder;
  assert.is(shapeProblem(wire, ORDER_SPEC), undefined);
  const o = orderFromWire(wire, GW);
  assert.is(o.orderid, '23456');
  assert.is(o.vtOrderid, 'HUOBI.23456');
  assert.is(o.type, OrderType.POSTONLY);
  assert.is(o.direction, Direction.LONG);
  assert.is(o.traded, 0);
});

test('match result → one trade keyed by trade-id, for the order we name', () => {
  const m = doc.REST_MATCH_RESULTS.data[0] as unknown as MatchResult;
  assert.is(shapeProblem(m, MATCH_SPEC), undefined);
  const t = tradeFromMatch(m, GW, 'x345487249132375');
  assert.is(t.tradeid, '1085');
  assert.is(t.vtTradeid, 'HUOBI.1085');
  assert.is(t.price, 0.338);
  assert.is(t.volume, 147.928994082840236);
  assert.is(t.direction, Direction.LONG);
  assert.is(t.datetime, 1629443051839);
});

test('orders# creation, trade and cancellation events → order updates and one trade', () => {
  const creation = doc.WS_ORDER_CREATION.data as unknown as OrderUpdate;
  assert.is(orderUpdateProblem(creation), undefined);
  const o1 = orderFromUpdate(creation, GW);
  assert.is(o1.orderid, 'abc123');
  assert.is(o1.status, Status.NOTTRADED);
  assert.is(o1.volume, 2);
  assert.is(o1.price, 77);

  const trade = doc.WS_ORDER_TRADE.data as unknown as OrderUpdate;
  assert.is(orderUpdateProblem(trade), undefined);
  const t = tradeFromUpdate(trade, GW)!;
  assert.is(t.tradeid, '301');
  assert.is(t.price, 76);
  assert.is(t.volume, 1.0131578947368421);
  assert.is(t.direction, Direction.SHORT);
  const o2 = orderFromUpdate(trade, GW);
  assert.is(o2.status, Status.ALLTRADED);
  // execAmt is the cumulative filled amount (the documented example's 2 exceeds its orderSize 0.01).
  assert.is(o2.traded, 2);

  const cancel = doc.WS_ORDER_CANCELLATION.data as unknown as OrderUpdate;
  assert.is(orderUpdateProblem(cancel), undefined);
  assert.is(tradeFromUpdate(cancel, GW), undefined);
  assert.is(orderFromUpdate(cancel, GW).status, Status.CANCELLED);
});

test('a trade event without tradeId is refused by the shape check', () => {
  const { tradeId: _omit, ...rest } = doc.WS_ORDER_TRADE.data;
  assert.match(String(orderUpdateProblem(rest)), /tradeId/);
});

test('balance → one account per currency: trade is available, frozen is held', () => {
  const b = doc.REST_BALANCE.data as unknown as SpotBalance;
  assert.is(balanceProblem(b), undefined);
  const accounts = accountsFromBalance(b, GW);
  const usdt = accounts.find((a) => a.accountid === 'USDT')!;
  assert.ok(Math.abs(usdt.available - 91.850043797676510303) < 1e-9);
  assert.ok(Math.abs(usdt.frozen - 5.16) < 1e-9);
  assert.ok(Math.abs(usdt.balance - 97.010043797676510318) < 1e-9);
  assert.ok(accounts.some((a) => a.accountid === 'POLY'));
});

test('depth.step0 and ticker → the five-level tick with last, volume (amount) and turnover (vol)', () => {
  const tick = createTick({ gatewayName: GW, symbol: 'ethusdt', exchange: Exchange.HUOBI, datetime: 0 });
  assert.is(depthProblem(doc.WS_DEPTH.tick), undefined);
  applyDepth(tick, doc.WS_DEPTH.tick as unknown as DepthTick);
  assert.is(tick.bidPrice1, 52690.69);
  assert.is(tick.bidPrice2, 52690.68);
  assert.is(tick.askPrice1, 52690.7);
  assert.is(tick.askVolume2, 0.13);
  assert.is(tick.bidPrice3, 0);
  applyTicker(tick, doc.WS_TICKER.tick as TickerTick);
  assert.is(tick.lastPrice, 52735.63);
  assert.is(tick.volume, 13259.24);
  assert.is(tick.turnover, 687640987.41);
  assert.is(tick.highPrice, 52785.64);
});

test('a depth level that is not [price, amount] is named', () => {
  assert.match(String(depthProblem({ bids: [[1]], asks: [] })), /bids level/);
  assert.match(String(depthProblem({ bids: [], asks: 'x' })), /asks/);
});

test('klines → bars at the open time in ms, amount as volume, vol as turnover', () => {
  const [bar] = barsFromKlines(doc.REST_KLINES.data as Kline[], 'btcusdt', Interval.MINUTE, GW);
  assert.is(bar!.datetime, 1629769200_000);
  assert.is(bar!.openPrice, 49056.37);
  assert.is(bar!.volume, 3.946281917950917);
  assert.is(bar!.turnover, 193489.67275732);
});

test.run();
