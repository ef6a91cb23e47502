// HBDM on coin-M futures (product "coin-M futures") end to end against the HTX simulator's /api/v1/contract_*
// paths and its /ws and /notification links: delivery contracts (FUTURES, expiry, the CW/CQ alias), the
// alias accepted for market data and orders, accounts per coin, offsets, cancel (contract_cancel needs the
// coin), the matchOrders push booked once beside the orders push, and a fill while down reconciled once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Interval, Offset, Product, Status } from '../../../src/core/constant.js';
import type { OrderRequest } from '../../../src/core/object.js';
import { futuresCode } from '../../../gateways/htx/sim/swap-wire.js';
import { FUT_MATCH_PUSH } from '../../fixtures/hbdm-messages.js';
import { until } from '../../helpers/wait.js';
import {
  btcQuarter,
  hbdmFuturesSettingFor,
  fillWhileDown,
  hbdmSession,
  openCloseCancel,
  swapOrder,
  type HbdmSession,
} from './target-hbdm.js';

const open: HbdmSession[] = [];
const code = btcQuarter();

async function session(): Promise<HbdmSession> {
  const s = await hbdmSession(hbdmFuturesSettingFor);
  open.push(s);
  return s;
}

test.after.each(async () => {
  for (const s of open.splice(0)) await s.close();
});

const req = (
  direction: Direction,
  offset: Offset,
  price: number,
  volume: number,
  symbol = code,
): OrderRequest => swapOrder(symbol, direction, offset, price, volume);

test('contracts are delivery futures: code, alias in the name, expiry, 100 USD, no swap loaded', async () => {
  const s = await session();
  const c = s.me.getContract(`${code}.HUOBI`);
  assert.ok(c, `${code} is listed`);
  assert.is(c!.product, Product.FUTURES);
  assert.is(c!.size, 100);
  assert.is(c!.currency, 'USD');
  assert.match(c!.name, /quarter BTC_CQ/);
  const expiry = c!.optionExpiry ?? 0;
  assert.ok(expiry > Date.now(), 'the delivery time is ahead');
  assert.is(
    new Date(expiry).toISOString().slice(2, 10).replace(/-/g, ''),
    code.slice(3),
    'code is the delivery date',
  );
  const weekly = s.me.getContract(`${futuresCode('BTC', 'this_week')}.HUOBI`);
  assert.match(weekly?.name ?? '', /BTC_CW/);
  assert.is(s.me.getContract('BTC-USD.HUOBI'), undefined, 'the swap list is not read');
  assert.ok(
    s.logs.some((l) => /coin-M futures/.test(l.msg)),
    'the log names the product',
  );
  const btc = s.me.getAllAccounts().find((a) => a.accountid === 'BTC');
  assert.ok(btc && btc.currency === 'BTC', 'one account per coin, in the coin');
  assert.is(s.me.getAllAccounts().filter((a) => a.accountid === 'BTC').length, 1);
});

test('the alias BTC_CQ reaches the quarterly: a tick from /ws and an order on its code', async () => {
  const s = await session();
  // The engine knows contracts by code; the gateway also takes HTX's alias (its name carries it).
  const gateway = s.me.getGateway('HBDM');
  gateway.subscribe({ symbol: 'BTC_CQ', exchange: Exchange.HUOBI });
  await until(() => (s.me.getTick(`${code}.HUOBI`)?.bidPrice1 ?? 0) > 0, 'a tick with a bid');
  s.sim.exchange.crossFromMarket(code, 'BUY', 200000, 3);
  await until(() => (s.me.getTick(`${code}.HUOBI`)?.volume ?? 0) >= 3, 'volume counted');
  const t = s.me.getTick(`${code}.HUOBI`)!;
  assert.ok(t.askPrice1 > t.bidPrice1, 'ask above bid');
  assert.is(t.turnover, t.volume * 100, 'turnover is contracts × 100 USD');

  const vt = gateway.sendOrder(req(Direction.LONG, Offset.OPEN, 80000, 1, 'BTC_CQ'));
  await until(() => s.me.getOrder(vt)?.status === Status.NOTTRADED, 'the order rests');
  assert.is(s.me.getOrder(vt)!.symbol, code, 'the order is on the contract code');
  assert.is(vt, `HBDM.${s.me.getOrder(vt)!.orderid}`);
});

test('open a long and a short, close the long; cancel a resting order (contract_cancel names the coin)', async () => {
  // Each fill arrives twice (matchOrders.* and orders.*); the scenario counts one trade per fill.
  await openCloseCancel(await session(), code);
});

test('a matchOrders push alone books the fill; the orders push with the same trade id adds nothing', async () => {
  const s = await session();
  const vt = s.me.sendOrder(req(Direction.LONG, Offset.OPEN, 80000, 2), 'HBDM');
  await until(() => s.me.getOrder(vt)?.status === Status.NOTTRADED, 'rests');
  const o = s.me.getOrder(vt)!;
  const venueId = String(s.sim.exchange.getOrderByClientId('htx-coin-futures', o.orderid)!.orderId);
  // HTX's documented match push, re-addressed to this order (its own id, client id, contract and side).
  const push = JSON.parse(FUT_MATCH_PUSH) as Record<string, unknown> & {
    trade: Array<Record<string, unknown>>;
  };
  Object.assign(push, {
    topic: 'matchOrders.btc',
    symbol: 'BTC',
    contract_code: code,
    order_id: Number(venueId),
    order_id_str: venueId,
    client_order_id: Number(o.orderid),
    direction: 'buy',
    volume: 2,
    trade_volume: 1,
    price: 80000,
    status: 4,
  });
  push.trade[0]!.trade_price = 80000;
  const text = JSON.stringify(push);
  s.sim.sendRaw('notify', text);
  await until(() => s.trades.length === 1, 'the match push booked a trade');
  assert.is(s.trades[0]!.tradeid, '113913755890-773207641127878656-1', "HTX's trade id");
  assert.is(s.me.getOrder(vt)?.status, Status.PARTTRADED);
  assert.is(s.me.getOrder(vt)?.traded, 1);
  s.sim.sendRaw('notify', JSON.stringify({ ...push, topic: 'orders.btc' }));
  s.sim.sendRaw('notify', text);
  // A real fill after them on the same link: once it is seen, the repeats above have been read.
  s.sim.exchange.crossFromMarket(code, 'SELL', 80000, 1);
  await until(() => s.trades.some((t) => t.tradeid !== s.trades[0]!.tradeid), 'the real fill is booked');
  assert.is(s.trades.length, 2, 'the repeated trade id was booked once');
});

test('a fill while the links are down is reconciled after the reconnect, once', async () => {
  await fillWhileDown(await session(), code);
});

test('history: three days of minute bars paged past the 2000-bar limit; no weekly bars for futures', async () => {
  const s = await session();
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const start = end - 3 * 1440 * 60_000;
  const bars = await s.me.queryHistory(
    { symbol: code, exchange: Exchange.HUOBI, interval: Interval.MINUTE, start, end },
    'HBDM',
  );
  assert.is(bars.length, 3 * 1440 + 1, 'every minute from start to end, once');
  assert.is(bars[0]!.datetime, start);
  assert.is(bars.at(-1)!.datetime, end);
  assert.ok(
    bars.every((b, i) => i === 0 || b.datetime - bars[i - 1]!.datetime === 60_000),
    'contiguous and ordered',
  );
  assert.ok(
    bars.every((b) => b.turnover === b.volume * 100),
    'turnover is contracts × 100 USD',
  );
  try {
    await s.me.queryHistory(
      { symbol: code, exchange: Exchange.HUOBI, interval: Interval.WEEKLY, start },
      'HBDM',
    );
    assert.unreachable('weekly bars for a future');
  } catch (error) {
    assert.match((error as Error).message, /no weekly period/);
  }
});

test.run();
