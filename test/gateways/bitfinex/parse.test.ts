// Bitfinex's documented payloads through the gateway's shape checks and parsers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Interval, OrderType, Status } from '../../../src/core/constant.js';
import { createTick } from '../../../src/core/object.js';
import { channelFrame, frameTime, publicSeq } from '../../../gateways/bitfinex/frame.js';
import {
  EXCHANGE,
  accountFromWallet,
  applyTicker,
  barsFromCandles,
  lastPricesFromTickers,
  orderFromArray,
  orderTypeToVenue,
  pairDetails,
  pairList,
  parseContracts,
  positionFromArray,
  statusFromVenue,
  tradeFromArray,
} from '../../../gateways/bitfinex/parse.js';
import {
  bookLevelProblem,
  candleProblem,
  notificationProblem,
  orderProblem,
  positionProblem,
  tickerProblem,
  tradeProblem,
  walletProblem,
} from '../../../gateways/bitfinex/shape.js';
import type { Json } from '../../../gateways/bitfinex/types.js';
import * as F from '../../fixtures/bitfinex-messages.js';

const G = 'BITFINEX';
const payload = (m: Json) => channelFrame(m)!.payload as Json[];

test('documented order snapshot (os) parses: id, cid as order id, side, type, status', () => {
  const [o] = payload(F.WS_ORDER_SNAPSHOT) as Json[][];
  assert.is(orderProblem(o), undefined);
  const order = orderFromArray(o!, G);
  assert.is(order.orderid, '1574955083558', 'the cid is the vnt order id');
  assert.is(order.symbol, 'ETHUSD');
  assert.is(order.exchange, EXCHANGE);
  assert.is(order.direction, Direction.LONG);
  assert.is(order.type, OrderType.LIMIT);
  assert.is(order.price, 120);
  assert.is(order.volume, 0.201104);
  assert.is(order.traded, 0);
  assert.is(order.status, Status.NOTTRADED);
});

test('documented oc is CANCELLED; REST orders (a margin LIMIT sell) parse', () => {
  const order = orderFromArray(payload(F.WS_ORDER_CANCEL), G);
  assert.is(order.status, Status.CANCELLED);
  const [rest] = F.REST_ORDERS as Json[][];
  assert.is(orderProblem(rest), undefined);
  const sell = orderFromArray(rest!, G);
  assert.is(sell.direction, Direction.SHORT);
  assert.is(sell.volume, 0.5);
  assert.is(sell.orderid, '1573476747887');
});

test('status texts map as documented, with partial fills', () => {
  assert.is(statusFromVenue('EXECUTED @ 107.6(-0.2)', 0.2), Status.ALLTRADED);
  assert.is(statusFromVenue('PARTIALLY FILLED @ 107.6(-0.1)', 0.1), Status.PARTTRADED);
  assert.is(statusFromVenue('ACTIVE', 0.1), Status.PARTTRADED);
  assert.is(statusFromVenue('CANCELED was: PARTIALLY FILLED @ 1(0.1)', 0.1), Status.CANCELLED);
  assert.is(statusFromVenue('POSTONLY CANCELED', 0), Status.CANCELLED);
  assert.is(statusFromVenue('INSUFFICIENT MARGIN was: PARTIALLY FILLED @ 1(1)', 1), Status.CANCELLED);
});

test('documented submit and cancel replies are notifications holding the order', () => {
  assert.is(notificationProblem(F.REST_SUBMIT_REPLY), undefined);
  const n = F.REST_SUBMIT_REPLY as Json[];
  assert.is(n[6], 'SUCCESS');
  const order = orderFromArray((n[4] as Json[][])[0]!, G);
  assert.is(order.orderid, '1678987199446');
  assert.is(order.status, Status.NOTTRADED);
  const c = F.REST_CANCEL_REPLY as Json[];
  assert.is(notificationProblem(c), undefined);
  assert.is(
    orderProblem(c[4]),
    'order field AMOUNT is larger than AMOUNT_ORIG',
    'the example is inconsistent',
  );
  assert.is(notificationProblem(payload(F.WS_NOTIFICATION_ON_REQ)), undefined);
});

test('documented own trades (te, tu, REST) parse; the trade id is the venue id', () => {
  for (const t of [
    payload(F.WS_TRADE_EXECUTED),
    payload(F.WS_TRADE_UPDATE),
    (F.REST_TRADES as Json[][])[0]!,
  ]) {
    assert.is(tradeProblem(t), undefined);
    const trade = tradeFromArray(t, 'x', G);
    assert.is(trade.tradeid, '402088407');
    assert.is(trade.symbol, 'ETHUST');
    assert.is(trade.direction, Direction.SHORT);
    assert.is(trade.volume, 0.2);
    assert.is(trade.price, 153.57);
    assert.is(trade.vtTradeid, 'BITFINEX.402088407');
  }
});

test('documented wallets: null BALANCE_AVAILABLE falls back; REST has it', () => {
  const [w] = payload(F.WS_WALLET_SNAPSHOT) as Json[][];
  assert.is(walletProblem(w), undefined);
  const a = accountFromWallet(w!, G);
  assert.is(a.accountid, 'exchange:SAN');
  assert.is(a.balance, 19.76);
  assert.is(a.available, 19.76);
  assert.is(walletProblem(payload(F.WS_WALLET_UPDATE)), undefined);
  assert.is(accountFromWallet(payload(F.WS_WALLET_UPDATE), G, 1.5).frozen, 0.11169184);
  const r = accountFromWallet((F.REST_WALLETS as Json[][])[0]!, G);
  assert.is(r.available, 19788.6529257);
  assert.is(r.frozen, 0);
});

test('documented margin position update parses as a NET position with its P&L', () => {
  const p = payload(F.WS_POSITION_UPDATE);
  assert.is(positionProblem(p), undefined);
  const pos = positionFromArray(p, G);
  assert.is(pos.symbol, 'ETHUST');
  assert.is(pos.direction, Direction.NET);
  assert.is(pos.volume, 0.2);
  assert.is(pos.price, 153.71);
  assert.ok(pos.pnl < 0);
});

test('documented ticker, trades, book and candles pass the shape checks and apply', () => {
  const t = payload(F.WS_TICKER);
  assert.is(tickerProblem(t), undefined);
  const tick = createTick({ gatewayName: G, symbol: 'BTCUSD', exchange: EXCHANGE, datetime: 0 });
  applyTicker(tick, t);
  assert.is(tick.lastPrice, 7617.1);
  assert.is(tick.highPrice, 8257.8);
  assert.is(tick.openPrice, 8167.9, 'last minus the daily change');
  assert.is(bookLevelProblem((payload(F.WS_BOOK_SNAPSHOT) as Json[][])[0]), undefined);
  const [c] = F.REST_CANDLES as Json[][];
  assert.is(candleProblem(c), undefined);
  const [bar] = barsFromCandles([c!], 'ETHUST', Interval.MINUTE, G);
  assert.is(bar!.openPrice, 20097);
  assert.is(bar!.closePrice, 20114, 'Bitfinex sends CLOSE before HIGH');
  assert.is(bar!.highPrice, 20125);
  assert.is(bar!.lowPrice, 20094);
});

test('documented conf replies build contracts with the 5-significant-digit tick at the last price', () => {
  assert.equal(pairList(F.REST_PAIR_LIST), ['ABSETH', 'ABSUSD', 'AGIBTC']);
  const details = pairDetails(F.REST_PAIR_INFO);
  assert.equal(details.get('ADAUSD'), { minOrderSize: 4, maxOrderSize: 250000 });
  const last = lastPricesFromTickers(F.REST_TICKERS);
  assert.is(last.get('BTCUSD'), 10644.00645389);
  const [btc] = parseContracts(
    ['BTCUSD'],
    new Map([['BTCUSD', { minOrderSize: 0.0001, maxOrderSize: 100 }]]),
    last,
    G,
  );
  assert.is(btc!.pricetick, 1, 'five significant digits at 10644');
  assert.is(btc!.minVolume, 0.0001);
  assert.is(btc!.name, 'BTC/USD');
  const [inch] = parseContracts(['1INCH:USD'], details, new Map([['1INCH:USD', 0.35]]), G);
  assert.is(inch!.name, '1INCH/USD');
  assert.is(inch!.pricetick, 0.00001);
});

test('vnt order types map to Bitfinex types and flags in both trading modes', () => {
  assert.equal(orderTypeToVenue(OrderType.LIMIT, 'EXCHANGE'), { type: 'EXCHANGE LIMIT', flags: 0 });
  assert.equal(orderTypeToVenue(OrderType.POSTONLY, 'EXCHANGE'), { type: 'EXCHANGE LIMIT', flags: 4096 });
  assert.equal(orderTypeToVenue(OrderType.FAK, 'EXCHANGE'), { type: 'EXCHANGE IOC', flags: 0 });
  assert.equal(orderTypeToVenue(OrderType.FOK, 'MARGIN'), { type: 'FOK', flags: 0 });
  assert.equal(orderTypeToVenue(OrderType.MARKET, 'MARGIN', true), { type: 'MARKET', flags: 1024 });
  assert.equal(orderTypeToVenue(OrderType.STOP, 'EXCHANGE', true), { type: 'EXCHANGE STOP', flags: 0 });
});

test('framing: sequence number last (second to last on channel 0), timestamp before it', () => {
  const book = channelFrame([17082, [7254.7, 3, 3.3], 1574694475039, 41])!;
  assert.is(publicSeq(book), 41);
  assert.is(frameTime(book), 1574694475039);
  const cs = channelFrame([17082, 'cs', -1234, 1574694475039, 42])!;
  assert.is(cs.type, 'cs');
  assert.is(cs.payload, -1234);
  assert.is(publicSeq(cs), 42);
  const hb = channelFrame([17082, 'hb', 43])!;
  assert.is(publicSeq(hb), 43);
  assert.is(publicSeq(channelFrame([0, 'te', [1], 44, 7])!), 44);
  assert.is(channelFrame([1]), undefined);
  assert.is(channelFrame(['x', []]), undefined);
  assert.is(channelFrame([1, [], 'junk']), undefined);
});

test('the shape checks name what is wrong', () => {
  assert.match(orderProblem([1, null, 2, 'tBTCUSD', 0, 0, 'abc']) ?? '', /fields/);
  const bad = [...((F.REST_ORDERS as Json[][])[0] as Json[])];
  bad[16] = '220';
  assert.match(orderProblem(bad) ?? '', /PRICE/);
  assert.match(tradeProblem([1, 'tX', 1, 2, 0, 5]) ?? '', /no amount/);
  assert.match(bookLevelProblem([-1, 1, 1]) ?? '', /non-positive/);
  assert.match(walletProblem(['exchange', 'USD', 'lots', 0, null]) ?? '', /BALANCE/);
});

test.run();
