// 1Token's documented payloads (test/fixtures/onetoken-messages.ts) through the gateway's shape checks and
// mapping into vnt objects.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, OrderType, Product, Status } from '../../../src/core/constant.js';
import {
  accountsFromInfo,
  clientOidFor,
  contractFromVenue,
  orderFromVenue,
  orderidOf,
  parseTime,
  positionsFromInfo,
  statusFromVenue,
  tickFromVenue,
  tradeFromVenue,
} from '../../../gateways/onetoken/parse.js';
import {
  contractProblem,
  infoProblem,
  orderProblem,
  tickProblem,
  transactionProblem,
} from '../../../gateways/onetoken/shape.js';
import { fromContractId } from '../../../gateways/onetoken/symbols.js';
import type { OtContract, OtInfo, OtOrder, OtTick, OtTransaction } from '../../../gateways/onetoken/types.js';
import * as doc from '../../fixtures/onetoken-messages.js';

const GW = 'ONETOKEN';

test('documented messages pass the shape checks', () => {
  assert.is(tickProblem(doc.TICK_PUSH.data), undefined);
  assert.is(tickProblem(doc.TICK), undefined);
  assert.is(orderProblem(doc.ORDER), undefined);
  assert.is(orderProblem(doc.ORDER_PART_DEALT), undefined);
  assert.is(transactionProblem({ ...doc.TRANSACTION, dealt_price: 112.1 }), undefined);
  assert.is(infoProblem(doc.SPOT_INFO), undefined);
  assert.is(infoProblem(doc.FUTURES_INFO), undefined);
  assert.is(contractProblem(doc.CONTRACT), undefined);
});

test('broken messages are named by their first wrong field', () => {
  assert.match(tickProblem({ ...doc.TICK, bids: [{ price: 'x', volume: 1 }] }) ?? 'accepted', /bids/);
  assert.match(orderProblem({ ...doc.ORDER, bs: 'buy' }) ?? 'accepted', /bs/);
  assert.match(
    orderProblem({ ...doc.ORDER, dealt_amount: 5 }) ?? 'accepted',
    /dealt_amount 5 of entrust_amount 1/,
  );
  assert.match(orderProblem({ ...doc.ORDER, entrust_price: 'abc' }) ?? 'accepted', /entrust_price/);
  assert.match(transactionProblem({ ...doc.TRANSACTION, exchange_tid: '' }) ?? 'accepted', /exchange_tid/);
  // The documented example's dealt_price of 0 is a placeholder; a fill at no price would corrupt PnL.
  assert.match(transactionProblem(doc.TRANSACTION) ?? 'accepted', /dealt_price/);
  assert.match(infoProblem({ position: [{ contract: 'btc' }] }) ?? 'accepted', /type|total_amount/);
  assert.match(contractProblem({ ...doc.CONTRACT, min_change: 0 }) ?? 'accepted', /positive/);
  assert.match(tickProblem(null) ?? 'accepted', /not an object/);
});

test('contract ids map to vnt symbols on the underlying venue, spot apart from futures', () => {
  assert.equal(fromContractId('huobip/btc.usdt'), {
    ot: 'huobip',
    symbol: 'btc.usdt',
    exchange: Exchange.HUOBI,
    product: Product.SPOT,
  });
  assert.is(fromContractId('okef/btc.usd.q')!.product, Product.FUTURES);
  assert.is(fromContractId('okef/btc.usd.q')!.exchange, Exchange.OKEX);
  assert.is(fromContractId('binancef/btc.usdt.td')!.product, Product.SWAP);
  assert.is(fromContractId('okef/btc.usd.i')!.product, Product.INDEX);
  assert.is(fromContractId('bitmex/eth.btc.2018-06-29')!.symbol, 'eth.btc.2018-06-29');
  for (const bad of ['btc.usdt', 'nosuch/btc.usdt', 'huobip/', '/btc', 'huobip/BTC USDT']) {
    assert.is(fromContractId(bad), undefined, bad);
  }
});

test('a contract takes its tick from min_change and its lot from unit_amount (VN Trader swapped them)', () => {
  const c = contractFromVenue(doc.CONTRACT as OtContract, GW)!;
  assert.is(c.vtSymbol, 'eos.usdt.HUOBI');
  assert.is(c.pricetick, 0.01);
  assert.is(c.minVolume, 1);
  assert.is(c.volumeStep, 0.1);
  assert.is(c.size, 1);
  assert.is(c.product, Product.SPOT);
  assert.is(c.name, 'huobip/eos.usdt');
  assert.is(contractFromVenue({ ...(doc.CONTRACT as OtContract), symbol: 'okef/btc.usd.i' }, GW), undefined);
});

test('a documented tick becomes a TickData with bids descending and asks ascending whatever the order', () => {
  const t = tickFromVenue(
    {
      ...(doc.TICK as OtTick),
      contract: 'huobip/btc.usdt',
      bids: [
        { price: 9218.2, volume: 1 },
        { price: 9218.4, volume: 0.81871728 },
        { price: 9218.3, volume: 2 },
      ],
      asks: [
        { price: 9218.9, volume: 3 },
        { price: 9218.5, volume: 1.7371 },
      ],
    },
    GW,
    'btc.usdt',
  )!;
  assert.is(t.vtSymbol, 'btc.usdt.HUOBI');
  assert.is(t.lastPrice, 9219.3);
  assert.equal([t.bidPrice1, t.bidPrice2, t.bidPrice3], [9218.4, 9218.3, 9218.2]);
  assert.equal([t.askPrice1, t.askPrice2], [9218.5, 9218.9]);
  assert.is(t.bidVolume1, 0.81871728);
  assert.is(t.datetime, parseTime('2018-05-03T16:16:41.450400+08:00'), 'the exchange time');
  assert.is(t.datetime, Date.UTC(2018, 4, 3, 8, 16, 41, 450));
  assert.is(t.volume, 0.3);
  assert.is(t.turnover, 16592.4);
});

test('every documented order status maps to a vnt status', () => {
  const cases: Array<[string, number, number, Status]> = [
    ['waiting', 0, 1, Status.SUBMITTING],
    ['pending', 0, 1, Status.NOTTRADED],
    ['part-deal-pending', 0.5, 1, Status.PARTTRADED],
    ['withdrawing', 0, 1, Status.NOTTRADED],
    ['part-deal-withdrawing', 0.5, 1, Status.PARTTRADED],
    ['dealt', 1, 1, Status.ALLTRADED],
    ['withdrawn', 0, 1, Status.CANCELLED],
    ['part-deal-withdrawn', 0.5, 1, Status.CANCELLED],
    ['error-order', 0, 1, Status.REJECTED],
    ['active', 0, 1, Status.NOTTRADED],
    ['active', 0.2, 1, Status.PARTTRADED],
    ['end', 1, 1, Status.ALLTRADED],
    ['end', 0.3, 1, Status.CANCELLED],
  ];
  for (const [status, dealt, amount, expected] of cases) {
    assert.is(statusFromVenue(status, dealt, amount), expected, status);
  }
});

test('an order maps to vnt with its id from our client_oid, or the exchange_oid for one placed elsewhere', () => {
  const ours = {
    ...(doc.ORDER as OtOrder),
    client_oid: clientOidFor('huobip/btc.usdt', 'vntabc123456000001'),
  };
  assert.is(orderidOf(ours), 'vntabc123456000001');
  const o = orderFromVenue(ours, GW, orderidOf(ours)!)!;
  assert.is(o.vtOrderid, 'ONETOKEN.vntabc123456000001');
  assert.is(o.vtSymbol, 'btc.usdt.HUOBI');
  assert.is(o.direction, Direction.LONG);
  assert.is(o.type, OrderType.LIMIT);
  assert.is(o.price, 7045.5);
  assert.is(o.volume, 1);
  assert.is(o.status, Status.NOTTRADED);
  assert.is(o.datetime, Date.UTC(2018, 7, 20, 5, 55, 33, 421));
  // The documented example's client_oid is not of the {contract}-{string} form.
  assert.is(orderidOf(doc.ORDER as OtOrder), 'huobip/btc.usdt-123445566');
  const part = orderFromVenue(
    doc.ORDER_PART_DEALT as OtOrder,
    GW,
    orderidOf(doc.ORDER_PART_DEALT as OtOrder)!,
  )!;
  assert.is(part.orderid, 'xxx123');
  assert.is(part.traded, 1);
  assert.is(part.status, Status.PARTTRADED);
  assert.is(part.exchange, Exchange.BINANCE);
});

test('a fill keeps 1Token exchange_tid, which names the contract, as its trade id', () => {
  const t = tradeFromVenue({ ...(doc.TRANSACTION as OtTransaction), dealt_price: 112.1 }, GW, 'xxx123')!;
  assert.is(t.vtTradeid, 'ONETOKEN.binance/ltc.usdt-xxx789');
  assert.is(t.vtOrderid, 'ONETOKEN.xxx123');
  assert.is(t.price, 112.1);
  assert.is(t.volume, 1);
  assert.is(t.datetime, Date.UTC(2018, 3, 3, 4, 22, 56));
  const other = tradeFromVenue(
    {
      ...(doc.TRANSACTION as OtTransaction),
      contract: 'binance/eth.usdt',
      exchange_tid: 'binance/eth.usdt-xxx789',
    },
    GW,
    'y',
  )!;
  assert.is.not(
    other.vtTradeid,
    t.vtTradeid,
    'the same venue trade number on two contracts stays two trades',
  );
});

test('spot info: one account per currency, and the held base currency as a NET position in its pairs', () => {
  const accounts = accountsFromInfo(doc.SPOT_INFO as OtInfo, GW);
  assert.equal(
    accounts.map((a) => [a.vtAccountid, a.balance, a.available, a.frozen]),
    [
      ['ONETOKEN.ETH', 1, 0.97, 0.03],
      ['ONETOKEN.USDT', 0, 0, 0],
      ['ONETOKEN.BTC', 0, 0, 0],
    ],
  );
  const eth = contractFromVenue({ ...(doc.CONTRACT as OtContract), symbol: 'huobip/eth.usdt' }, GW)!;
  const positions = positionsFromInfo(doc.SPOT_INFO as OtInfo, GW, 'huobip', [eth]);
  assert.equal(
    positions.map((p) => [p.vtPositionid, p.volume, p.frozen]),
    [['ONETOKEN.eth.usdt.HUOBI.NET', 1, 0.03]],
  );
});

test('futures info: a future row gives LONG and SHORT positions from available_long and available_short', () => {
  const positions = positionsFromInfo(doc.FUTURES_INFO as OtInfo, GW, 'okef', []);
  assert.equal(
    positions.map((p) => [p.vtPositionid, p.volume, p.pnl]),
    [
      ['ONETOKEN.btc.usd.q.OKEX.LONG', 6905, 1.64417643],
      ['ONETOKEN.btc.usd.q.OKEX.SHORT', 1, 1.64417643],
    ],
  );
  assert.equal(
    accountsFromInfo(doc.FUTURES_INFO as OtInfo, GW).map((a) => a.accountid),
    ['BTC', 'USD'],
    'the CNY totals are not an account',
  );
});

test.run();
