import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Interval, Offset, OrderType } from '../../src/core/constant.js';
import { createSimExchange } from '../../src/sim/exchange.js';
import type { SimExchange, SimFill, SimOrder, SimOrderRequest, SimResult } from '../../src/sim/types.js';
import { ALL, BTC, M, PERP, RB, STOCK } from './fixtures.js';

/** An exchange with empty books and a fixed clock: every fill in these tests is one the test caused. */
function emptyExchange(): SimExchange {
  let t = 1_700_000_000_000;
  return createSimExchange({ seed: 7, instruments: ALL, tickRate: 0, seedBooks: false, now: () => (t += 1) });
}

function ok(r: SimResult<SimOrder>): SimOrder {
  if (!r.ok) throw new Error(`expected the order to be accepted, got ${r.code}: ${r.reason}`);
  return r.value;
}

function limit(symbol: string, side: 'BUY' | 'SELL', price: number, volume: number, offset = Offset.OPEN) {
  return { symbol, side, type: OrderType.LIMIT, price, volume, offset } satisfies SimOrderRequest;
}

test('limit orders match at the resting price, oldest first, with partial fills', () => {
  const ex = emptyExchange();
  ex.openAccount('maker', 1e7);
  ex.openAccount('taker', 1e7);
  const a = ok(ex.placeOrder('maker', limit('rb2501', 'SELL', 4002, 3)));
  const b = ok(ex.placeOrder('maker', limit('rb2501', 'SELL', 4001, 2)));
  const c = ok(ex.placeOrder('maker', limit('rb2501', 'SELL', 4001, 2)));
  const t = ok(ex.placeOrder('taker', limit('rb2501', 'BUY', 4002, 5)));
  assert.is(t.status, 'FILLED');
  const fills = ex.getFills('maker');
  assert.equal(
    fills.map((f) => [f.orderId, f.price, f.volume, f.maker]),
    [
      [b.orderId, 4001, 2, true],
      [c.orderId, 4001, 2, true],
      [a.orderId, 4002, 1, true],
    ],
  );
  assert.is(t.avgPrice, (4001 * 4 + 4002) / 5);
  const rest = ex.getOrder('maker', a.orderId)!;
  assert.is(rest.status, 'PARTIALLY_FILLED');
  assert.is(rest.filled, 1);
  assert.equal(ex.getBook('rb2501')!.asks, [{ price: 4002, volume: 2 }]);
  // Taker fills carry the same trade ids as the makers'.
  assert.equal(
    ex.getFills('taker').map((f) => f.tradeId),
    fills.map((f) => f.tradeId),
  );
});

test('a cancelled order never fills and cannot be cancelled twice', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 1e7);
  ex.openAccount('b', 1e7);
  const o = ok(ex.placeOrder('a', limit('rb2501', 'BUY', 3990, 2)));
  const c = ex.cancelOrder('a', o.orderId);
  assert.ok(c.ok && c.value.status === 'CANCELED');
  const again = ex.cancelOrder('a', o.orderId);
  assert.ok(!again.ok && again.code === 'ORDER_NOT_ACTIVE');
  ok(ex.placeOrder('b', limit('rb2501', 'SELL', 3990, 2)));
  assert.is(ex.getFills('a').length, 0);
  assert.is(ex.getOrder('a', o.orderId)!.filled, 0);
  assert.equal(ex.getAccount('a')!.frozen, 0);
  const unknown = ex.cancelOrder('a', 999_999);
  assert.ok(!unknown.ok && unknown.code === 'UNKNOWN_ORDER');
});

test('cancel by client order id, and duplicate client ids are refused', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 1e7);
  ok(ex.placeOrder('a', { ...limit('rb2501', 'BUY', 3990, 1), clientOrderId: 'x1' }));
  const dup = ex.placeOrder('a', { ...limit('rb2501', 'BUY', 3991, 1), clientOrderId: 'x1' });
  assert.ok(!dup.ok && dup.code === 'DUPLICATE_CLIENT_ID');
  const c = ex.cancelByClientId('a', 'x1');
  assert.ok(c.ok && c.value.status === 'CANCELED');
  assert.is(ex.getOrderByClientId('a', 'x1')!.status, 'CANCELED');
});

test('validation rejects with the venue-style reason', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 1e5);
  const cases: [SimOrderRequest, string, RegExp][] = [
    [limit('zz9999', 'BUY', 1, 1), 'UNKNOWN_INSTRUMENT', /not listed/],
    [limit('rb2501', 'BUY', 4000.5, 1), 'BAD_PRICE_TICK', /price tick 1/],
    [limit('600036', 'BUY', 35, 150), 'BAD_LOT_SIZE', /lot size 100/],
    [limit('rb2501', 'BUY', 4300, 1), 'PRICE_OUT_OF_BAND', /3800 - 4200/],
    [limit('rb2501', 'BUY', 4000, 100), 'INSUFFICIENT_FUNDS', /insufficient funds/],
    [limit('rb2501', 'SELL', 4000, 1, Offset.CLOSE), 'INSUFFICIENT_POSITION', /yesterday/],
    [limit('600036', 'SELL', 35, 100, Offset.NONE), 'INSUFFICIENT_POSITION', /insufficient 600036/],
    [{ ...limit('BTCUSDT', 'BUY', 50000, 0.0005, Offset.NONE) }, 'BAD_LOT_SIZE', /lot size/],
  ];
  for (const [req, code, reason] of cases) {
    const r = ex.placeOrder('a', req);
    assert.ok(!r.ok, `${JSON.stringify(req)} should be rejected`);
    if (!r.ok) {
      assert.is(r.code, code);
      assert.match(r.reason, reason);
    }
  }
  const below = createSimExchange({
    seed: 1,
    tickRate: 0,
    seedBooks: false,
    instruments: [{ ...STOCK, lotSize: 1, minVolume: 100 }],
  });
  below.openAccount('a', 1e6);
  const r = below.placeOrder('a', limit('600036', 'BUY', 35, 50, Offset.NONE));
  assert.ok(!r.ok && r.code === 'BELOW_MIN_VOLUME');
  const noAccount = ex.placeOrder('nobody', limit('rb2501', 'BUY', 4000, 1));
  assert.ok(!noAccount.ok && noAccount.code === 'UNKNOWN_ACCOUNT');
  assert.is(ex.getOrders('a').length, 0, 'rejected orders are not recorded');
  assert.is(ex.getAccount('a')!.frozen, 0, 'rejections reserve nothing');
});

test('market, FAK and FOK orders never rest; post-only never takes', () => {
  const ex = emptyExchange();
  ex.openAccount('mm', 1e8);
  ex.openAccount('t', 1e8);
  ok(ex.placeOrder('mm', limit('rb2501', 'SELL', 4001, 2)));
  ok(ex.placeOrder('mm', limit('rb2501', 'SELL', 4003, 2)));
  const fok = ex.placeOrder('t', { ...limit('rb2501', 'BUY', 4001, 3), type: OrderType.FOK });
  assert.ok(!fok.ok && fok.code === 'FOK_NOT_FILLABLE');
  const fak = ok(ex.placeOrder('t', { ...limit('rb2501', 'BUY', 4001, 3), type: OrderType.FAK }));
  assert.is(fak.status, 'CANCELED');
  assert.is(fak.filled, 2);
  const post = ex.placeOrder('t', { ...limit('rb2501', 'BUY', 4003, 1), type: OrderType.POSTONLY });
  assert.ok(!post.ok && post.code === 'WOULD_TAKE_LIQUIDITY');
  const flag = ex.placeOrder('t', { ...limit('rb2501', 'BUY', 4003, 1), postOnly: true });
  assert.ok(!flag.ok && flag.code === 'WOULD_TAKE_LIQUIDITY');
  const mkt = ok(ex.placeOrder('t', { ...limit('rb2501', 'BUY', 0, 5), type: OrderType.MARKET }));
  assert.is(mkt.status, 'CANCELED');
  assert.is(mkt.filled, 2);
  assert.match(mkt.reason, /remainder cancelled/);
  assert.is(ex.getBook('rb2501')!.asks.length, 0);
  assert.is(ex.getOpenOrders('t').length, 0);
  const fokOk = ok(ex.placeOrder('mm', { ...limit('rb2501', 'BUY', 3990, 1) }));
  assert.is(fokOk.status, 'NEW');
});

test('a stop order waits for its trigger, then trades as a market order', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 1e8);
  ex.openAccount('b', 1e8);
  const stop = ok(ex.placeOrder('a', { ...limit('rb2501', 'BUY', 4010, 1), type: OrderType.STOP }));
  assert.is(stop.status, 'PENDING_TRIGGER');
  ok(ex.placeOrder('b', limit('rb2501', 'SELL', 4012, 5)));
  ok(ex.placeOrder('b', limit('rb2501', 'BUY', 4005, 1)));
  ex.crossFromMarket('rb2501', 'SELL', 4005, 1);
  assert.is(ex.getOrder('a', stop.orderId)!.status, 'PENDING_TRIGGER');
  // A trade at 4012 reaches the trigger.
  ex.crossFromMarket('rb2501', 'BUY', 4012, 1);
  const after = ex.getOrder('a', stop.orderId)!;
  assert.is(after.status, 'FILLED');
  assert.is(after.avgPrice, 4012);
});

test('crossFromMarket fills accounts’ resting orders by the exact volume, past synthetic quotes', () => {
  const ex = createSimExchange({ seed: 3, instruments: [RB], tickRate: 0 });
  ex.openAccount('a', 1e7);
  const book = ex.getBook('rb2501', 20)!;
  assert.ok(book.bids.length >= 5 && book.asks.length >= 5, 'the seeded book has five levels a side');
  const price = book.bids[book.bids.length - 1]!.price - 5;
  const o = ok(ex.placeOrder('a', limit('rb2501', 'BUY', price, 3)));
  assert.is(o.status, 'NEW');
  const before = ex.getBook('rb2501', 50)!;
  ex.crossFromMarket('rb2501', 'SELL', price, 2);
  const mid = ex.getOrder('a', o.orderId)!;
  assert.is(mid.filled, 2);
  assert.is(mid.status, 'PARTIALLY_FILLED');
  const after = ex.getBook('rb2501', 50)!;
  assert.equal(after.bids.slice(0, 5), before.bids.slice(0, 5), 'synthetic quotes untouched');
  ex.crossFromMarket('rb2501', 'SELL', price, 5);
  assert.is(ex.getOrder('a', o.orderId)!.status, 'FILLED');
  assert.is(ex.getFills('a').length, 2);
});

test('SHFE: CLOSE and CLOSEYESTERDAY close yesterday’s position only, CLOSETODAY today’s', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 1e8);
  ex.openAccount('mm', 1e8);
  // a buys 3 yesterday (then the day rolls), 2 today.
  ok(ex.placeOrder('mm', limit('rb2501', 'SELL', 4000, 3)));
  ok(ex.placeOrder('a', limit('rb2501', 'BUY', 4000, 3)));
  ex.rollDay();
  ok(ex.placeOrder('mm', limit('rb2501', 'SELL', 4000, 2)));
  ok(ex.placeOrder('a', limit('rb2501', 'BUY', 4000, 2)));
  let pos = ex.getPositions('a').find((p) => p.direction === Direction.LONG)!;
  assert.equal([pos.volume, pos.ydVolume], [5, 3]);
  const tooMuch = ex.placeOrder('a', limit('rb2501', 'SELL', 4100, 4, Offset.CLOSE));
  assert.ok(!tooMuch.ok && tooMuch.code === 'INSUFFICIENT_POSITION');
  const tdTooMuch = ex.placeOrder('a', limit('rb2501', 'SELL', 4100, 3, Offset.CLOSETODAY));
  assert.ok(!tdTooMuch.ok && tdTooMuch.code === 'INSUFFICIENT_POSITION');
  ok(ex.placeOrder('a', limit('rb2501', 'SELL', 4100, 2, Offset.CLOSE)));
  ok(ex.placeOrder('a', limit('rb2501', 'SELL', 4100, 1, Offset.CLOSEYESTERDAY)));
  ok(ex.placeOrder('a', limit('rb2501', 'SELL', 4100, 2, Offset.CLOSETODAY)));
  pos = ex.getPositions('a').find((p) => p.direction === Direction.LONG)!;
  assert.is(pos.frozen, 5);
  const none = ex.placeOrder('a', limit('rb2501', 'SELL', 4100, 1, Offset.CLOSEYESTERDAY));
  assert.ok(!none.ok && none.code === 'INSUFFICIENT_POSITION');
  // Fill the closing orders: yesterday's volume goes down by 3, today's by 2, PnL is realised.
  ok(ex.placeOrder('mm', limit('rb2501', 'BUY', 4100, 5)));
  pos = ex.getPositions('a').find((p) => p.direction === Direction.LONG)!;
  assert.equal([pos.volume, pos.ydVolume, pos.frozen], [0, 0, 0]);
  assert.is(ex.getAccount('a')!.realizedPnl, 5 * 100 * 10);
});

test('DCE: CLOSE takes yesterday’s volume first, then today’s', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 1e8);
  ex.openAccount('mm', 1e8);
  ok(ex.placeOrder('mm', limit('m2505', 'BUY', 3000, 2)));
  ok(ex.placeOrder('a', limit('m2505', 'SELL', 3000, 2)));
  ex.rollDay();
  ok(ex.placeOrder('mm', limit('m2505', 'BUY', 3000, 2)));
  ok(ex.placeOrder('a', limit('m2505', 'SELL', 3000, 2)));
  let pos = ex.getPositions('a').find((p) => p.direction === Direction.SHORT)!;
  assert.equal([pos.volume, pos.ydVolume], [4, 2]);
  ok(ex.placeOrder('mm', limit('m2505', 'SELL', 2990, 3)));
  ok(ex.placeOrder('a', limit('m2505', 'BUY', 2990, 3, Offset.CLOSE)));
  pos = ex.getPositions('a').find((p) => p.direction === Direction.SHORT)!;
  assert.equal([pos.volume, pos.ydVolume], [1, 0]);
  assert.is(ex.getAccount('a')!.realizedPnl, 3 * 10 * 10);
  assert.is(M.symbol, pos.symbol);
});

test('futures accounts: margin and commission are held and booked as the order lives', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 100_000);
  ex.openAccount('mm', 1e8);
  ok(ex.placeOrder('a', limit('rb2501', 'BUY', 4000, 2)));
  // margin 2 × 4000 × 10 × 0.1 = 8000, commission 8.
  let acc = ex.getAccount('a')!;
  assert.equal([acc.balance, acc.frozen, acc.available], [100_000, 8008, 91_992]);
  ok(ex.placeOrder('mm', limit('rb2501', 'SELL', 4000, 2)));
  acc = ex.getAccount('a')!;
  assert.equal([acc.balance, acc.frozen, acc.commission], [99_992, 8000, 8]);
  // The market moves to 4010: floating PnL 2 × 10 × 10.
  ok(ex.placeOrder('mm', limit('rb2501', 'SELL', 4010, 1)));
  ex.crossFromMarket('rb2501', 'BUY', 4010, 1);
  acc = ex.getAccount('a')!;
  assert.is(acc.balance, 99_992 + 200);
  const pos = ex.getPositions('a')[0]!;
  assert.equal([pos.pnl, pos.margin, pos.avgPrice], [200, 8000, 4000]);
});

test('spot accounts: buying needs cash, selling needs the holding; assets show base currency', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 60_000, 'USDT');
  ex.openAccount('mm', 0, 'USDT', { BTC: 10 });
  const tooBig = ex.placeOrder('a', limit('BTCUSDT', 'BUY', 50000, 1.2, Offset.NONE));
  assert.ok(!tooBig.ok && tooBig.code === 'INSUFFICIENT_FUNDS');
  ok(ex.placeOrder('mm', limit('BTCUSDT', 'SELL', 50000, 1, Offset.NONE)));
  ok(ex.placeOrder('a', limit('BTCUSDT', 'BUY', 50000, 1, Offset.NONE)));
  const a = ex.getAccount('a')!;
  assert.is(a.balance, 60_000 - 50_000 - 50);
  assert.equal(a.assets, { BTC: { free: 1, locked: 0 } });
  const mm = ex.getAccount('mm')!;
  assert.equal(mm.assets, { BTC: { free: 9, locked: 0 } });
  assert.is(mm.balance, 50_000 - 50);
  const oversell = ex.placeOrder('a', limit('BTCUSDT', 'SELL', 51000, 1.001, Offset.NONE));
  assert.ok(!oversell.ok && oversell.code === 'INSUFFICIENT_POSITION');
  ok(ex.placeOrder('a', limit('BTCUSDT', 'SELL', 51000, 0.4, Offset.NONE)));
  assert.equal(ex.getAccount('a')!.assets, { BTC: { free: 0.6, locked: 0.4 } });
});

test('net futures: a buy reduces a short first; reduce-only may not open', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 1e6, 'USDT');
  ex.openAccount('mm', 1e8, 'USDT');
  ok(ex.placeOrder('mm', limit('BTCPERP', 'BUY', 50000, 2, Offset.NONE)));
  ok(ex.placeOrder('a', limit('BTCPERP', 'SELL', 50000, 2, Offset.NONE)));
  const ro = ex.placeOrder('a', { ...limit('BTCPERP', 'BUY', 49000, 3, Offset.NONE), reduceOnly: true });
  assert.ok(!ro.ok && ro.code === 'INSUFFICIENT_POSITION');
  ok(ex.placeOrder('mm', limit('BTCPERP', 'SELL', 49000, 3, Offset.NONE)));
  ok(ex.placeOrder('a', limit('BTCPERP', 'BUY', 49000, 3, Offset.NONE)));
  const pos = ex.getPositions('a').find((p) => p.symbol === PERP.symbol)!;
  assert.equal([pos.direction, pos.volume, pos.avgPrice], [Direction.NET, 1, 49000]);
  assert.is(ex.getAccount('a')!.realizedPnl, 2000);
});

test('injected rejections apply to the next order only', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 1e7);
  ex.injectReject('a', 'risk check failed (code 42)');
  const r = ex.placeOrder('a', limit('rb2501', 'BUY', 3990, 1));
  assert.ok(!r.ok && r.code === 'INJECTED' && r.reason === 'risk check failed (code 42)');
  ok(ex.placeOrder('a', limit('rb2501', 'BUY', 3990, 1)));
});

test('events: order before its fill, listeners may place orders without re-entering matching', () => {
  const ex = emptyExchange();
  ex.openAccount('a', 1e8);
  ex.openAccount('b', 1e8);
  const seen: string[] = [];
  ex.on('order', (o) => seen.push(`order ${o.orderId} ${o.status} ${o.filled}`));
  ex.on('fill', (f: SimFill) => {
    seen.push(`fill ${f.orderId} ${f.volume}`);
    // Reacting to a fill by sending another order (a strategy would) is safe.
    if (f.accountId === 'b' && seen.length < 20) ex.placeOrder('b', limit('rb2501', 'BUY', 3980, 1));
  });
  const s = ok(ex.placeOrder('a', limit('rb2501', 'SELL', 4000, 1)));
  const b = ok(ex.placeOrder('b', limit('rb2501', 'BUY', 4000, 1)));
  assert.ok(seen.indexOf(`order ${b.orderId} FILLED 1`) < seen.indexOf(`fill ${b.orderId} 1`));
  assert.ok(seen.includes(`order ${s.orderId} FILLED 1`));
  assert.is(ex.getOpenOrders('b').length, 1, 'the order placed from the listener rests');
});

test('the synthetic market is deterministic for a seed and keeps five levels a side', () => {
  const run = (seed: number) => {
    let t = 0;
    const ex = createSimExchange({ seed, instruments: ALL, tickRate: 0, now: () => (t += 10) });
    const prices: number[] = [];
    ex.on('stats', (s) => prices.push(s.lastPrice));
    for (let i = 0; i < 50; i++) {
      ex.step(20);
      for (const sym of ex.instruments.keys()) {
        const b = ex.getBook(sym)!;
        assert.ok(b.bids.length >= 5 && b.asks.length >= 5, `${sym} has five levels a side`);
        assert.ok(b.bids[0]!.price < b.asks[0]!.price, `${sym} book is not crossed`);
      }
    }
    return prices;
  };
  const a = run(11);
  assert.ok(a.length > 100);
  assert.equal(run(11), a);
  assert.not.equal(run(12), a);
});

test('bars: history joins the live prices and aggregates to longer intervals', () => {
  let t = Date.UTC(2026, 0, 5, 9, 0);
  const ex = createSimExchange({ seed: 5, instruments: [RB], tickRate: 0, now: () => t });
  const start = t - 3 * 86_400_000;
  const minutes = ex.getBars('rb2501', Interval.MINUTE, start, t - 1);
  assert.is(minutes.length, 3 * 1440);
  assert.is(minutes[minutes.length - 1]!.close, RB.initialPrice);
  for (let i = 1; i < minutes.length; i++) assert.is(minutes[i]!.open, minutes[i - 1]!.close);
  for (const b of minutes)
    assert.ok(b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close));
  const hours = ex.getBars('rb2501', Interval.HOUR, start, t - 1);
  assert.is(hours.length, 72);
  assert.is(hours[0]!.open, minutes[0]!.open);
  assert.is(
    hours.reduce((s, b) => s + b.volume, 0),
    minutes.reduce((s, b) => s + b.volume, 0),
  );
  // Live trades build the current minute.
  for (let i = 0; i < 200; i++) {
    t += 600;
    ex.step(1);
  }
  const live = ex.getBars('rb2501', Interval.MINUTE, Date.UTC(2026, 0, 5, 9, 0), t);
  assert.ok(live.length >= 1);
  assert.is(live[live.length - 1]!.close, ex.getStats('rb2501')!.lastPrice);
  const again = createSimExchange({
    seed: 5,
    instruments: [RB],
    tickRate: 0,
    now: () => Date.UTC(2026, 0, 5, 9, 0),
  });
  assert.equal(again.getBars('rb2501', Interval.MINUTE, start, Date.UTC(2026, 0, 5, 8, 59)), minutes);
  assert.equal(ex.getBars('rb2501', Interval.WEEKLY, start, t).length >= 1, true);
  assert.is(new Date(ex.getBars('rb2501', Interval.WEEKLY, start, t)[0]!.time).getUTCDay(), 1);
});

test('start() runs the market from a timer at the tick rate; stop() ends it', async () => {
  const ex = createSimExchange({ seed: 1, instruments: [RB, BTC], tickRate: 500 });
  let books = 0;
  let resolve!: () => void;
  const enough = new Promise<void>((r) => (resolve = r));
  ex.on('book', () => {
    books += 1;
    if (books === 20) resolve();
  });
  ex.start();
  await enough;
  ex.stop();
  assert.ok(books >= 20);
});

test.run();
