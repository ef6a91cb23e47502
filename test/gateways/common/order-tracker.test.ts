import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange, Offset, Status } from '../../../src/core/constant.js';
import { createOrder, createTrade, type OrderData, type TradeData } from '../../../src/core/object.js';
import { OrderTracker, tradeKey } from '../../../gateways/common/order-tracker.js';

function setup() {
  const orders: OrderData[] = [];
  const trades: TradeData[] = [];
  const t = new OrderTracker({ order: (o) => orders.push(o), trade: (x) => trades.push(x) });
  return { t, orders, trades };
}

const base = { gatewayName: 'G', symbol: 'BTCUSDT', exchange: Exchange.BINANCE, orderid: 'c1', volume: 2 };

test('venue updates keep request fields and never move an order backwards', () => {
  const { t, orders } = setup();
  t.add(createOrder({ ...base, offset: Offset.CLOSE, reference: 'strat' }));
  t.update(createOrder({ ...base, status: Status.NOTTRADED }));
  t.update(createOrder({ ...base, status: Status.PARTTRADED, traded: 1 }));
  t.update(createOrder({ ...base, status: Status.NOTTRADED })); // a late REST reply
  t.update(createOrder({ ...base, status: Status.PARTTRADED, traded: 1 })); // the same news again
  t.update(createOrder({ ...base, status: Status.ALLTRADED, traded: 2 }));
  t.update(createOrder({ ...base, status: Status.CANCELLED, traded: 2 })); // after the end
  assert.equal(
    orders.map((o) => `${o.status}/${o.traded}`),
    ['SUBMITTING/0', 'NOTTRADED/0', 'PARTTRADED/1', 'ALLTRADED/2'],
  );
  assert.ok(orders.every((o) => o.reference === 'strat' && o.offset === Offset.CLOSE));
  assert.is(t.active().length, 0);
});

test('a NOTTRADED update that carries a fill counts as PARTTRADED', () => {
  const { t, orders } = setup();
  t.add(createOrder(base));
  t.update(createOrder({ ...base, status: Status.NOTTRADED, traded: 0.5 }));
  assert.is(orders[1]!.status, Status.PARTTRADED);
});

test('rejections carry the reason; unknown orders are taken as they come', () => {
  const { t, orders } = setup();
  t.add(createOrder(base));
  t.reject('c1', 'Filter failure: PRICE_FILTER (code -1013)');
  t.reject('c1', 'again');
  assert.is(orders.length, 2);
  assert.is(orders[1]!.statusMsg, 'Filter failure: PRICE_FILTER (code -1013)');
  t.update(createOrder({ ...base, orderid: 'elsewhere', status: Status.NOTTRADED }));
  assert.is(t.get('elsewhere')!.status, Status.NOTTRADED);
});

test('a trade is pushed once, with the offset of its order', () => {
  const { t, trades } = setup();
  t.add(createOrder({ ...base, offset: Offset.OPEN }));
  const trade = createTrade({
    gatewayName: 'G',
    symbol: 'BTCUSDT',
    exchange: Exchange.BINANCE,
    orderid: 'c1',
    tradeid: '9',
  });
  assert.is(t.trade(trade), true);
  assert.is(t.trade({ ...trade }), false);
  assert.is(trades.length, 1);
  assert.is(trades[0]!.offset, Offset.OPEN);
  assert.ok(t.hasTrade('G.9'));
});

test('trade ids are per instrument: the same id on two symbols is two trades, on one symbol a repeat', () => {
  const { t, trades } = setup();
  const fill = (symbol: string) =>
    createTrade({ gatewayName: 'G', symbol, exchange: Exchange.BINANCE, orderid: 'c1', tradeid: '5' });
  assert.is(t.trade(fill('BTCUSDT')), true);
  assert.is(t.trade(fill('ETHUSDT')), true, 'Binance numbers trades per symbol');
  assert.is(t.trade(fill('ETHUSDT')), false);
  assert.equal(
    trades.map((x) => x.symbol),
    ['BTCUSDT', 'ETHUSDT'],
  );
  assert.ok(t.hasTradeOf({ vtSymbol: 'ETHUSDT.BINANCE', tradeid: '5' }));
  assert.not.ok(t.hasTradeOf({ vtSymbol: 'BNBUSDT.BINANCE', tradeid: '5' }));
  assert.is(tradeKey(fill('BTCUSDT')), 'BTCUSDT.BINANCE|5');
});

test('recordTrade tells a repeat from other contents under a taken key; nothing is pushed by it', () => {
  const { t, trades } = setup();
  assert.is(t.recordTrade('k', 'a'), 'new');
  assert.is(t.recordTrade('k', 'a'), 'repeat');
  assert.is(t.recordTrade('k', 'b'), 'conflict');
  assert.is(t.recordTrade('plain'), 'new');
  assert.is(t.recordTrade('plain'), 'repeat');
  assert.is(trades.length, 0);
});

test('put records and pushes as given (a mirror may move an order back); clear forgets everything', () => {
  const { t, orders } = setup();
  t.put(createOrder({ ...base, status: Status.CANCELLED }));
  t.put(createOrder({ ...base, status: Status.NOTTRADED }));
  assert.equal(
    orders.map((o) => o.status),
    [Status.CANCELLED, Status.NOTTRADED],
  );
  assert.is(t.active().length, 1);
  t.trade(
    createTrade({
      gatewayName: 'G',
      symbol: 'BTCUSDT',
      exchange: Exchange.BINANCE,
      orderid: 'c1',
      tradeid: '1',
    }),
  );
  t.clear();
  assert.is(t.get('c1'), undefined);
  assert.not.ok(t.hasTrade('G.1'));
  assert.is(t.recordTrade(tradeKey({ vtSymbol: 'BTCUSDT.BINANCE', tradeid: '1' })), 'new');
});

test('explain gives an ended order a better reason and leaves active orders alone', () => {
  const { t, orders } = setup();
  t.add(createOrder(base));
  t.explain('c1', 'too early'); // still active: a reason is not news of an end
  t.reject('c1', 'Order is inactive');
  t.explain('c1', '201 Order rejected - margin');
  t.explain('c1', '201 Order rejected - margin'); // the same again changes nothing
  assert.equal(
    orders.map((o) => `${o.status}/${o.statusMsg}`),
    ['SUBMITTING/', 'REJECTED/Order is inactive', 'REJECTED/201 Order rejected - margin'],
  );
});

test.run();
