import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { feesFromRates } from '../../../gateways/binance/parse.js';
import { ACCOUNT } from './fixtures/spot-rest.js';
import { COMMISSION_RATE } from './fixtures/usdm-rest.js';
import {
  Direction,
  Exchange,
  Interval,
  Offset,
  OrderType,
  Product,
  Status,
} from '../../../src/core/constant.js';
import { createTick } from '../../../src/core/object.js';
import {
  accountsFromFutures,
  applyTicker,
  applyTrade,
  barsFromKlines,
  bookDiff,
  executionClientId,
  fromAccountUpdate,
  orderFromExecution,
  orderFromRest,
  orderFromFutures,
  orderTypeFromVenue,
  orderTypeToVenue,
  parseContracts,
  tradeFromExecution,
  tradeFromFutures,
} from '../../../gateways/binance/parse.js';
import type {
  DepthUpdateEvent,
  ExchangeInfo,
  ExecutionReport,
  FuturesAccountUpdate,
  FuturesOrderUpdate,
  Kline,
  RestOrder,
  TickerEvent,
  TradeEvent,
} from '../../../gateways/binance/types.js';
import * as M from '../../fixtures/binance-messages.js';
import * as SPOT from './fixtures/spot-rest.js';
import * as USDM from './fixtures/usdm-rest.js';

const GW = 'BINANCE';

test('contracts come from trading symbols with tick, step and minimum volume from the filters', () => {
  const [c, ...rest] = parseContracts(M.SPOT_EXCHANGE_INFO as ExchangeInfo, 'SPOT', GW);
  assert.is(rest.length, 0, 'a symbol not in TRADING is left out');
  assert.is(c!.vtSymbol, 'BTCUSDT.BINANCE');
  assert.is(c!.product, Product.SPOT);
  assert.is(c!.pricetick, 0.01);
  assert.is(c!.minVolume, 0.00001);
  assert.is(c!.volumeStep, 0.00001);
  assert.is(c!.name, 'BTC/USDT');
  const [f] = parseContracts(
    {
      ...M.SPOT_EXCHANGE_INFO,
      symbols: [{ ...M.SPOT_EXCHANGE_INFO.symbols[0]!, contractType: 'PERPETUAL' }],
    } as ExchangeInfo,
    'USDM',
    GW,
  );
  assert.is(f!.product, Product.SWAP);
  assert.is(f!.netPosition, true);
});

test('ticker and trade events fill the tick; depth diffs keep their ids', () => {
  const tick = createTick({ gatewayName: GW, symbol: 'BNBBTC', exchange: Exchange.BINANCE, datetime: 0 });
  applyTicker(tick, M.TICKER as TickerEvent);
  assert.equal(
    [
      tick.lastPrice,
      tick.lastVolume,
      tick.openPrice,
      tick.highPrice,
      tick.lowPrice,
      tick.volume,
      tick.turnover,
      tick.preClose,
    ],
    [0.0025, 10, 0.001, 0.0025, 0.001, 10000, 18, 0.0009],
  );
  applyTrade(tick, M.TRADE as TradeEvent);
  assert.equal([tick.lastPrice, tick.lastVolume, tick.datetime], [0.001, 100, 1672515782136]);
  assert.equal(bookDiff(M.DEPTH_UPDATE as DepthUpdateEvent), {
    first: 157,
    last: 160,
    bids: [['0.0024', '10']],
    asks: [['0.0026', '100']],
  });
  assert.is(bookDiff({ ...(M.DEPTH_UPDATE as DepthUpdateEvent), pu: 149 }).prev, 149);
});

test('a spot executionReport becomes an order; a fill also a trade; a cancel keys on the original id', () => {
  const ev = M.EXECUTION_REPORT_NEW as unknown as ExecutionReport;
  const order = orderFromExecution(ev, GW);
  assert.equal(
    [
      order.vtOrderid,
      order.status,
      order.direction,
      order.type,
      order.price,
      order.volume,
      order.traded,
      order.statusMsg,
    ],
    [
      'BINANCE.mUvoqJxFIILMdfAW5iGSOW',
      Status.NOTTRADED,
      Direction.LONG,
      OrderType.LIMIT,
      0.1026441,
      1,
      0,
      '',
    ],
  );
  assert.is(tradeFromExecution(ev, GW), undefined);
  const fill = {
    ...ev,
    x: 'TRADE',
    X: 'PARTIALLY_FILLED',
    l: '0.4',
    z: '0.4',
    L: '0.1026',
    t: 77,
  } as ExecutionReport;
  const trade = tradeFromExecution(fill, GW)!;
  assert.equal(
    [trade.vtTradeid, trade.vtOrderid, trade.price, trade.volume],
    ['BINANCE.ETHBTC-77', 'BINANCE.mUvoqJxFIILMdfAW5iGSOW', 0.1026, 0.4],
  );
  assert.is(orderFromExecution(fill, GW).status, Status.PARTTRADED);
  const cancel = {
    ...ev,
    x: 'CANCELED',
    X: 'CANCELED',
    c: 'cancelReq1',
    C: 'mUvoqJxFIILMdfAW5iGSOW',
  } as ExecutionReport;
  assert.is(executionClientId(cancel), 'mUvoqJxFIILMdfAW5iGSOW');
  assert.is(orderFromExecution(cancel, GW).status, Status.CANCELLED);
  const rejected = { ...ev, x: 'REJECTED', X: 'REJECTED', r: 'INSUFFICIENT_BALANCE' } as ExecutionReport;
  assert.is(orderFromExecution(rejected, GW).statusMsg, 'INSUFFICIENT_BALANCE');
});

test('USD-M order updates carry reduce-only as a close; account updates give balances and net positions', () => {
  const ev = M.ORDER_TRADE_UPDATE as unknown as FuturesOrderUpdate;
  const order = orderFromFutures(ev, GW);
  assert.equal(
    [order.orderid, order.status, order.direction, order.offset, order.traded],
    ['TEST', Status.PARTTRADED, Direction.SHORT, Offset.CLOSE, 0.0005],
  );
  const trade = tradeFromFutures(ev, GW)!;
  assert.equal([trade.tradeid, trade.price, trade.volume], ['BTCUSDT-1', 9910, 0.0005]);
  const { accounts, positions } = fromAccountUpdate(M.ACCOUNT_UPDATE as unknown as FuturesAccountUpdate, GW);
  assert.equal(
    [accounts[0]!.accountid, accounts[0]!.balance, accounts[0]!.available],
    ['USDT', 122624.12345678, 100.12345678],
  );
  assert.equal(
    [positions[0]!.direction, positions[0]!.volume, positions[0]!.price, positions[0]!.pnl],
    [Direction.NET, -0.5, 6563.665, 2.5],
  );
});

test("cancel replies as documented: spot's is applied under origClientOrderId, USD-M's under clientOrderId", () => {
  const spot = orderFromRest(SPOT.CANCEL_ORDER as RestOrder, GW);
  assert.is(spot.orderid, 'myOrder1', 'the order, not the cancel request (cancelMyOrder1)');
  assert.is(spot.status, Status.CANCELLED);
  const usdm = orderFromRest(USDM.CANCEL_ORDER as RestOrder, GW);
  assert.is(usdm.orderid, 'myOrder1');
  assert.is(usdm.status, Status.CANCELLED);
});

test('USD-M balances from ACCOUNT_UPDATE hold balance = available + frozen, as from REST', () => {
  const { accounts } = fromAccountUpdate(M.ACCOUNT_UPDATE as unknown as FuturesAccountUpdate, GW);
  const a = accounts[0]!;
  assert.ok(a.frozen > 0, `frozen ${a.frozen}: the wallet balance not in the cross wallet`);
  assert.ok(Math.abs(a.balance - (a.available + a.frozen)) < 1e-9, 'balance = available + frozen');
  const [rest] = accountsFromFutures(
    [{ asset: 'USDT', balance: '122624.12345678', availableBalance: '100.12345678', crossUnPnl: '0' }],
    GW,
  );
  assert.equal([a.balance, a.available, a.frozen], [rest!.balance, rest!.available, rest!.frozen]);
});

test('order types map both ways, with post-only per market', () => {
  assert.equal(orderTypeToVenue(OrderType.FAK, 'SPOT'), { type: 'LIMIT', timeInForce: 'IOC' });
  assert.equal(orderTypeToVenue(OrderType.POSTONLY, 'SPOT'), { type: 'LIMIT_MAKER' });
  assert.equal(orderTypeToVenue(OrderType.POSTONLY, 'USDM'), { type: 'LIMIT', timeInForce: 'GTX' });
  assert.is(orderTypeToVenue(OrderType.STOP, 'SPOT'), undefined);
  for (const t of [OrderType.LIMIT, OrderType.MARKET, OrderType.FAK, OrderType.FOK, OrderType.POSTONLY]) {
    for (const m of ['SPOT', 'USDM'] as const) {
      const v = orderTypeToVenue(t, m)!;
      assert.is(orderTypeFromVenue(v.type, v.timeInForce), t, `${t} on ${m}`);
    }
  }
});

test('klines become bars', () => {
  const k: Kline = [
    1499040000000,
    '0.01634790',
    '0.80000000',
    '0.01575800',
    '0.01577100',
    '148976.11427815',
    1499644799999,
    '2434.19055334',
    308,
    '1756.87402397',
    '28.46694368',
    '0',
  ];
  const [bar] = barsFromKlines([k], 'BNBBTC', Interval.MINUTE, GW);
  assert.equal(
    [
      bar!.datetime,
      bar!.openPrice,
      bar!.highPrice,
      bar!.lowPrice,
      bar!.closePrice,
      bar!.volume,
      bar!.turnover,
      bar!.vtSymbol,
    ],
    [1499040000000, 0.0163479, 0.8, 0.015758, 0.015771, 148976.11427815, 2434.19055334, 'BNBBTC.BINANCE'],
  );
});

test("fees from the documented rates: the spot account's and a USD-M contract's, maker apart where it differs", () => {
  const spot = feesFromRates(ACCOUNT.commissionRates.maker, ACCOUNT.commissionRates.taker);
  assert.equal(spot, { rate: 0.0015, perLot: 0, maker: 0.0015 });
  const usdm = feesFromRates(COMMISSION_RATE.makerCommissionRate, COMMISSION_RATE.takerCommissionRate);
  assert.equal(usdm, { rate: 0.0004, perLot: 0, maker: 0.0002 });
  assert.is(feesFromRates(undefined, '0.001'), undefined);
  assert.is(feesFromRates('x', '0.001'), undefined);
});

test.run();
