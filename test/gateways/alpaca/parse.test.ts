// Alpaca's documented example payloads (test/fixtures/alpaca-messages.ts) through the parse and shape modules.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Interval, OrderType, Product, Status } from '../../../src/core/constant.js';
import { createTick } from '../../../src/core/object.js';
import {
  accountFromAlpaca,
  applyDailyBar,
  applyQuote,
  applyTrade,
  barFromRest,
  contractFromAsset,
  orderFromAlpaca,
  orderTypeOf,
  positionFromAlpaca,
  statusOf,
  tradeFromActivity,
  tradeFromUpdate,
} from '../../../gateways/alpaca/parse.js';
import { explainDataError } from '../../../gateways/alpaca/market-data.js';
import {
  accountProblem,
  activityProblem,
  assetProblem,
  dataProblem,
  orderProblem,
  positionProblem,
  tradeUpdateProblem,
} from '../../../gateways/alpaca/shape.js';
import { SymbolIndex } from '../../../gateways/alpaca/symbols.js';
import {
  TRADE_EVENTS,
  type Account,
  type AlpacaOrder,
  type Asset,
  type DataBar,
  type DataQuote,
  type DataTrade,
  type FillActivity,
  type OrderStatus,
  type Position,
  type TradeUpdate,
} from '../../../gateways/alpaca/types.js';
import * as M from '../../fixtures/alpaca-messages.js';

const GW = 'ALPACA';
const order = (over: Partial<AlpacaOrder> = {}): AlpacaOrder => ({
  ...(M.ORDER as unknown as AlpacaOrder),
  ...over,
});

test('every documented example passes its shape check', () => {
  assert.is(orderProblem(M.ORDER), undefined);
  assert.is(tradeUpdateProblem(M.TRADE_UPDATE_FILL.data), undefined);
  assert.is(accountProblem(M.ACCOUNT), undefined);
  assert.is(positionProblem(M.POSITION), undefined);
  assert.is(assetProblem(M.ASSET_EQUITY), undefined);
  assert.is(assetProblem(M.ASSET_CRYPTO), undefined);
  assert.is(activityProblem(M.FILL_ACTIVITY), undefined);
  for (const m of [
    ...M.DATA_CONNECTED,
    ...M.DATA_SUBSCRIPTION,
    ...M.DATA_ERRORS,
    M.STOCK_TRADE,
    M.STOCK_QUOTE,
    M.DAILY_BAR,
    M.CRYPTO_TRADE,
    M.CRYPTO_QUOTE,
    M.CRYPTO_BAR,
  ]) {
    assert.is(dataProblem(m), undefined, JSON.stringify(m));
  }
});

test('shape checks name the wrong field', () => {
  assert.match(orderProblem({ ...M.ORDER, filled_qty: 'abc' }) ?? '', /filled_qty/);
  assert.match(orderProblem({ ...M.ORDER, side: 'BUY' }) ?? '', /side/);
  assert.match(tradeUpdateProblem({ ...M.TRADE_UPDATE_FILL.data, event: 'exploded' }) ?? '', /exploded/);
  assert.match(tradeUpdateProblem({ ...M.TRADE_UPDATE_FILL.data, qty: '0' }) ?? '', /qty/);
  assert.match(tradeUpdateProblem({ ...M.TRADE_UPDATE_FILL.data, execution_id: 7 }) ?? '', /execution_id/);
  assert.match(dataProblem({ ...M.STOCK_QUOTE, bp: '87.66' }) ?? '', /bp/);
  assert.is(
    dataProblem({ T: 's', S: 'AAPL' }),
    undefined,
    'an unused message type is skipped, not a problem',
  );
});

test('assets become contracts: crypto increments from the asset, stocks on their listing exchange', () => {
  const btc = contractFromAsset(M.ASSET_CRYPTO as Asset, GW)!;
  assert.is(btc.vtSymbol, 'BTC/USD.ALPACA');
  assert.is(btc.product, Product.SPOT);
  assert.is(btc.pricetick, 1);
  assert.is(btc.minVolume, 0.0001);
  assert.is(btc.volumeStep, 0.0001);
  assert.is(btc.currency, 'USD');
  const aapl = contractFromAsset(M.ASSET_EQUITY as Asset, GW)!;
  assert.is(aapl.vtSymbol, 'AAPL.NASDAQ');
  assert.is(aapl.product, Product.EQUITY);
  assert.is(aapl.pricetick, 0.01);
  assert.is(aapl.volumeStep, 1e-9, 'fractionable: nine decimals');
  const whole = contractFromAsset(
    { ...(M.ASSET_EQUITY as Asset), fractionable: false, exchange: 'NYSEARCA' },
    GW,
  )!;
  assert.is(whole.volumeStep, 1);
  assert.is(whole.exchange, Exchange.ARCA);
  assert.is(contractFromAsset({ ...(M.ASSET_EQUITY as Asset), tradable: false }, GW), undefined);
});

test('the documented order: a notional market order, accepted, with null prices (no VN Trader float(None))', () => {
  const o = orderFromAlpaca(order(), 'AAPL', Exchange.NASDAQ, GW);
  assert.is(o.orderid, M.ORDER.client_order_id);
  assert.is(o.type, OrderType.MARKET);
  assert.is(o.status, Status.NOTTRADED);
  assert.is(o.price, 0);
  assert.is(o.direction, Direction.LONG);
  assert.is(o.datetime, Date.parse(M.ORDER.updated_at));
});

test('every documented order status maps to a vnt status', () => {
  const expected: Record<OrderStatus, Status> = {
    new: Status.NOTTRADED,
    partially_filled: Status.PARTTRADED,
    filled: Status.ALLTRADED,
    done_for_day: Status.NOTTRADED,
    canceled: Status.CANCELLED,
    expired: Status.CANCELLED,
    replaced: Status.CANCELLED,
    pending_cancel: Status.NOTTRADED,
    pending_replace: Status.NOTTRADED,
    accepted: Status.NOTTRADED,
    pending_new: Status.NOTTRADED,
    accepted_for_bidding: Status.NOTTRADED,
    stopped: Status.NOTTRADED,
    rejected: Status.REJECTED,
    suspended: Status.NOTTRADED,
    calculated: Status.NOTTRADED,
    held: Status.NOTTRADED,
  };
  for (const [status, want] of Object.entries(expected)) {
    assert.is(statusOf({ status: status as OrderStatus, filled_qty: '0', qty: '10' }), want, status);
  }
  assert.is(statusOf({ status: 'pending_cancel', filled_qty: '3', qty: '10' }), Status.PARTTRADED);
  assert.is(statusOf({ status: 'calculated', filled_qty: '10', qty: '10' }), Status.ALLTRADED);
  assert.is(statusOf({ status: 'canceled', filled_qty: '3', qty: '10' }), Status.CANCELLED);
});

test('every documented trade_updates event type yields a vnt order, with the event in statusMsg where it adds news', () => {
  const byEvent: Record<string, { status: OrderStatus; want: Status; msg?: RegExp }> = {
    new: { status: 'new', want: Status.NOTTRADED },
    fill: { status: 'filled', want: Status.ALLTRADED },
    partial_fill: { status: 'partially_filled', want: Status.PARTTRADED },
    canceled: { status: 'canceled', want: Status.CANCELLED },
    expired: { status: 'expired', want: Status.CANCELLED, msg: /expired/ },
    done_for_day: { status: 'done_for_day', want: Status.NOTTRADED, msg: /next trading day/ },
    replaced: { status: 'replaced', want: Status.CANCELLED, msg: /replaced by order X/ },
    rejected: { status: 'rejected', want: Status.REJECTED, msg: /rejected/ },
    pending_new: { status: 'pending_new', want: Status.NOTTRADED },
    stopped: { status: 'stopped', want: Status.NOTTRADED, msg: /stopped/ },
    pending_cancel: { status: 'pending_cancel', want: Status.NOTTRADED, msg: /cancel pending/ },
    pending_replace: { status: 'pending_replace', want: Status.NOTTRADED, msg: /replace pending/ },
    calculated: { status: 'calculated', want: Status.NOTTRADED, msg: /settlement/ },
    suspended: { status: 'suspended', want: Status.NOTTRADED, msg: /suspended/ },
    order_replace_rejected: { status: 'new', want: Status.NOTTRADED, msg: /replace rejected/ },
    order_cancel_rejected: { status: 'new', want: Status.NOTTRADED, msg: /cancel rejected/ },
  };
  assert.equal(
    Object.keys(byEvent).sort(),
    [...TRADE_EVENTS].sort(),
    'the table covers every documented event',
  );
  for (const event of TRADE_EVENTS) {
    const row = byEvent[event]!;
    const filled = row.status === 'filled' ? '1' : row.status === 'partially_filled' ? '0.5' : '0';
    const o = order({ status: row.status, qty: '1', notional: null, filled_qty: filled, replaced_by: 'X' });
    const u = { ...(M.TRADE_UPDATE_FILL.data as unknown as TradeUpdate), event, order: o };
    assert.is(tradeUpdateProblem(u), undefined, event);
    const vnt = orderFromAlpaca(u.order, 'AAPL', Exchange.NASDAQ, GW, event);
    assert.is(vnt.status, row.want, event);
    if (row.msg) assert.match(vnt.statusMsg, row.msg, event);
  }
});

test('the documented fill event: a trade keyed by execution_id with its price and quantity', () => {
  const u = M.TRADE_UPDATE_FILL.data as unknown as TradeUpdate;
  const index = new SymbolIndex();
  index.add(
    contractFromAsset({ ...(M.ASSET_CRYPTO as Asset), symbol: 'SOL/USD', name: 'SOL/USD pair' }, GW)!,
  );
  const c = index.find(u.order.symbol)!;
  assert.is(c.symbol, 'SOL/USD', 'SOLUSD (no slash, as the stream writes it) is found');
  const t = tradeFromUpdate(u, c.symbol, c.exchange, GW);
  assert.is(t.tradeid, '2f63ea93-423d-4169-b3f6-3fdafc10c418');
  assert.is(t.vtTradeid, `${GW}.2f63ea93-423d-4169-b3f6-3fdafc10c418`);
  assert.is(t.orderid, '4642fd68-d59a-47d7-a9ac-e22f536828d1');
  assert.is(t.direction, Direction.SHORT);
  assert.is(t.price, 105.8988475);
  assert.is(t.volume, 1790.86);
  assert.is(t.datetime, Date.parse('2022-04-19T17:45:05.024Z'));
  const o = orderFromAlpaca(u.order, c.symbol, c.exchange, GW, 'fill');
  assert.is(o.status, Status.ALLTRADED);
  assert.is(o.traded, 1790.86);
});

test('order types: limit with ioc/fok are FAK/FOK; stop, stop_limit and trailing_stop are STOP', () => {
  assert.is(orderTypeOf('limit', 'day'), OrderType.LIMIT);
  assert.is(orderTypeOf('limit', 'gtc'), OrderType.LIMIT);
  assert.is(orderTypeOf('limit', 'ioc'), OrderType.FAK);
  assert.is(orderTypeOf('limit', 'fok'), OrderType.FOK);
  assert.is(orderTypeOf('market', 'opg'), OrderType.MARKET);
  assert.is(orderTypeOf('stop', 'day'), OrderType.STOP);
  assert.is(orderTypeOf('stop_limit', 'day'), OrderType.STOP);
  assert.is(orderTypeOf('trailing_stop', 'gtc'), OrderType.STOP);
  const stop = orderFromAlpaca(
    order({ type: 'stop', stop_price: '150.5', qty: '1', notional: null }),
    'AAPL',
    Exchange.NASDAQ,
    GW,
  );
  assert.is(stop.price, 150.5, 'a stop shows its trigger price');
});

test('the documented account, position and fill activity', () => {
  const a = accountFromAlpaca(M.ACCOUNT as unknown as Account, GW);
  assert.is(a.accountid, '010203ABCD');
  assert.is(a.balance, 103820.56);
  assert.is(a.available, 262113.632);
  assert.is(a.frozen, 0, 'margin buying power above equity holds nothing');
  const p = positionFromAlpaca(M.POSITION as unknown as Position, 'AAPL', Exchange.NASDAQ, GW);
  assert.is(p.volume, 2);
  assert.is(p.frozen, 0);
  assert.is(p.price, 174.78);
  assert.is(p.pnl, -0.98);
  assert.is(p.direction, Direction.NET);
  const short = positionFromAlpaca(
    { ...(M.POSITION as unknown as Position), side: 'short', qty: '-2', qty_available: '-1' },
    'AAPL',
    Exchange.NASDAQ,
    GW,
  );
  assert.is(short.volume, -2);
  assert.is(short.frozen, 1);
  const f = M.FILL_ACTIVITY as unknown as FillActivity;
  const t = tradeFromActivity(f, 'vnt1', 'AAPL', Exchange.NASDAQ, GW);
  assert.is(t.tradeid, f.id);
  assert.is(t.volume, 2);
  assert.is(t.price, 174.78);
  assert.is(t.datetime, Date.parse(f.transaction_time));
});

test('documented quotes, trades and daily bars fill a tick', () => {
  const tick = createTick({ gatewayName: GW, symbol: 'AMD', exchange: Exchange.NASDAQ, datetime: 0 });
  applyQuote(tick, M.STOCK_QUOTE as DataQuote);
  assert.is(tick.bidPrice1, 87.66);
  assert.is(tick.askPrice1, 87.68);
  assert.is(tick.bidVolume1, 1);
  assert.is(tick.askVolume1, 4);
  assert.is(tick.datetime, Date.parse('2021-02-22T15:51:45.335Z'));
  applyTrade(tick, M.STOCK_TRADE as DataTrade);
  assert.is(tick.lastPrice, 126.55);
  assert.is(tick.lastVolume, 1);
  applyDailyBar(tick, M.DAILY_BAR as DataBar);
  assert.is(tick.openPrice, 388.985);
  assert.is(tick.highPrice, 389.13);
  assert.is(tick.lowPrice, 388.975);
  assert.is(tick.volume, 749378);
  const crypto = createTick({ gatewayName: GW, symbol: 'BAT/USD', exchange: Exchange.ALPACA, datetime: 0 });
  applyQuote(crypto, M.CRYPTO_QUOTE as DataQuote);
  assert.is(crypto.askVolume1, 13561.902);
  applyTrade(crypto, M.CRYPTO_TRADE as DataTrade);
  assert.is(crypto.lastVolume, 29.205707815);
});

test('documented bars become BarData with turnover from vw', () => {
  const b = M.BARS_PAGE.bars.AAPL[0]!;
  const bar = barFromRest(b, 'AAPL', Exchange.NASDAQ, Interval.DAILY, GW);
  assert.is(bar.openPrice, 163.02);
  assert.is(bar.closePrice, 165.12);
  assert.is(bar.volume, 90552883);
  assert.ok(Math.abs(bar.turnover - 164.274348 * 90552883) < 1);
  assert.is(bar.datetime, Date.parse('2022-02-28T05:00:00Z'));
});

test('market-data errors are explained; 406 says another program holds the feed', () => {
  const text = explainDataError(406, 'connection limit exceeded', 'stocks (iex)', 'iex');
  assert.match(text, /one market-data connection per account per feed/);
  assert.match(text, /another program/);
  assert.match(text, /iex/);
  assert.match(text, /406 connection limit exceeded/);
  assert.match(
    explainDataError(409, 'insufficient subscription', 'stocks (sip)', 'sip'),
    /does not include the sip feed/,
  );
  assert.match(explainDataError(402, 'auth failed', 'crypto', 'crypto'), /KEY ID/);
  assert.match(explainDataError(405, 'symbol limit exceeded', 'crypto', 'crypto'), /limits how many symbols/);
  assert.match(explainDataError(407, 'slow client', 'crypto', 'crypto'), /too slow/);
});

test.run();
