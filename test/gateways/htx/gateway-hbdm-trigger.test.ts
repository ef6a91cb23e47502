// HBDM STOP orders end to end, as HTX trigger orders on the simulator: a buy stop waits NOTTRADED, fires when
// a trade prints at its price and its created order's fills land on the same vnt order (one order, no
// x<id> twin), on every product and margin mode; a waiting trigger is cancelled by the trigger cancel; after
// a reconnect a waiting trigger is listed once, and one that fired while the link was down is reconciled
// from the trigger history with its fills booked once; bad input refused before sending.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { RequestError } from '../../../src/core/errors.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import type { HtxSim } from '../../../gateways/htx/sim/server.js';
import { until } from '../../helpers/wait.js';
import {
  HBDM_CASES,
  hbdmSession,
  hbdmSettingFor,
  heldPosition,
  swapOrder,
  triggerBody,
  type HbdmSession,
} from './target-hbdm.js';

const open: HbdmSession[] = [];

test.after.each(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function session(
  settingOf: (sim: HtxSim, extra: GatewaySetting) => GatewaySetting = hbdmSettingFor,
  extra: GatewaySetting = {},
): Promise<HbdmSession> {
  const s = await hbdmSession(settingOf, extra);
  open.push(s);
  return s;
}

const stop = (symbol: string, direction: Direction, offset: Offset, price: number, volume: number) =>
  swapOrder(symbol, direction, offset, price, volume, OrderType.STOP);

/** The best ask now: a buy stop there fires on the next buy that takes it. */
const bestAsk = (sim: HtxSim, symbol: string): number => sim.exchange.getBook(symbol, 1)!.asks[0]!.price;
const bestBid = (sim: HtxSim, symbol: string): number => sim.exchange.getBook(symbol, 1)!.bids[0]!.price;

/** Another trader's market order of one contract: a trade prints at the best price on that side. */
function printTrade(sim: HtxSim, symbol: string, side: 'BUY' | 'SELL'): void {
  const currency = symbol.includes('USDT') ? 'USDT' : 'USD';
  sim.exchange.openAccount(`mover-${currency}`, 1e12, currency);
  const r = sim.exchange.placeOrder(`mover-${currency}`, {
    symbol,
    side,
    type: OrderType.MARKET,
    price: 0,
    volume: 1,
    offset: Offset.OPEN,
  });
  assert.ok(r.ok, `the other trader's order trades (${r.ok ? '' : r.reason})`);
}

for (const p of HBDM_CASES) {
  test(`${p.what}: a buy stop waits, fires when a trade reaches it, and its fills are the stop order's`, async () => {
    const s = await session(p.settingOf, p.extra);
    const symbol = p.code();
    assert.is(s.me.getContract(`${symbol}.HUOBI`)?.stopSupported, true, 'the contract says HTX holds stops');
    const trigger = bestAsk(s.sim, symbol);
    const placesBefore = p.venue(s.sim).placeRequests;
    const vt = s.me.sendOrder(stop(symbol, Direction.LONG, Offset.OPEN, trigger, 3), 'HBDM');
    await until(() => s.me.getOrder(vt)?.status === Status.NOTTRADED, 'the stop waits');
    assert.is(p.venue(s.sim).placeRequests, placesBefore, 'placed on the trigger call, not as an order');
    assert.is(s.me.getOrder(vt)!.type, OrderType.STOP);
    assert.is(s.me.getOrder(vt)!.price, trigger, 'the order shows its trigger price');
    assert.is(s.trades.length, 0, 'nothing traded yet');

    printTrade(s.sim, symbol, 'BUY');
    await until(() => s.me.getOrder(vt)?.status === Status.ALLTRADED, 'the created order filled the stop');
    assert.is(s.me.getOrder(vt)!.traded, 3);
    assert.is(s.me.getOrder(vt)!.type, OrderType.STOP, 'still the STOP order');
    await until(() => s.trades.reduce((n, t) => n + t.volume, 0) === 3, 'the fills of 3 contracts');
    assert.ok(
      s.trades.every((t) => t.vtOrderid === vt),
      'every fill is booked on the stop order',
    );
    assert.is(new Set(s.trades.map((t) => t.vtTradeid)).size, s.trades.length, 'each fill once');
    assert.equal(
      s.me.getAllOrders().map((o) => o.vtOrderid),
      [vt],
      'one order: the created order has no twin of its own',
    );
    await until(() => heldPosition(s.me, symbol, Direction.LONG)?.volume === 3, 'long of 3 contracts');
  });
}

test('a sell stop is cancelled by the trigger cancel and a trade at its price then fires nothing', async () => {
  const s = await session();
  const vt = s.me.sendOrder(
    stop('BTC-USDT', Direction.SHORT, Offset.OPEN, bestBid(s.sim, 'BTC-USDT'), 2),
    'HBDM',
  );
  await until(() => s.me.getOrder(vt)?.status === Status.NOTTRADED, 'the stop waits');
  const o = s.me.getOrder(vt)!;
  s.me.cancelOrder({ orderid: o.orderid, symbol: o.symbol, exchange: o.exchange }, 'HBDM');
  await until(() => s.me.getOrder(vt)?.status === Status.CANCELLED, 'cancelled');
  const history = () =>
    s.sim.linear.handle('POST', '/linear-swap-api/v1/swap_trigger_hisorders', {
      contract_code: 'BTC-USDT',
      trade_type: '0',
      status: '0',
      create_date: '1',
    });
  printTrade(s.sim, 'BTC-USDT', 'SELL');
  const h = history();
  assert.ok(h.ok);
  const items = (h as { data: { orders: Array<{ status: number }> } }).data.orders;
  assert.equal(
    items.map((t) => t.status),
    [6],
    'the trigger stays cancelled (6) after a trade at its price',
  );
  assert.is(s.me.getOrder(vt)!.status, Status.CANCELLED);
  assert.is(s.trades.length, 0);
});

test('after a reconnect a waiting stop is listed once; one fired while down is reconciled with its fills once', async () => {
  const s = await session();
  const waiting = s.me.sendOrder(stop('BTC-USDT', Direction.SHORT, Offset.OPEN, 90000, 1), 'HBDM');
  const trigger = bestAsk(s.sim, 'BTC-USDT');
  const firing = s.me.sendOrder(stop('BTC-USDT', Direction.LONG, Offset.OPEN, trigger, 2), 'HBDM');
  await until(
    () => [waiting, firing].every((vt) => s.me.getOrder(vt)?.status === Status.NOTTRADED),
    'both stops wait',
  );
  const auths = s.sim.counts.auths;
  s.sim.setReachable(false);
  printTrade(s.sim, 'BTC-USDT', 'BUY');
  s.sim.setReachable(true);
  await until(() => s.sim.counts.auths > auths, 'the notification link logged in again');
  await until(() => s.me.getOrder(firing)?.status === Status.ALLTRADED, 'the fired stop is reconciled');
  assert.is(s.me.getOrder(firing)!.traded, 2);
  await until(() => s.trades.reduce((n, t) => n + t.volume, 0) === 2, 'its fills');
  assert.ok(
    s.trades.every((t) => t.vtOrderid === firing),
    'booked on the stop order',
  );
  assert.is(new Set(s.trades.map((t) => t.vtTradeid)).size, s.trades.length, 'each fill once');
  assert.is(s.me.getOrder(waiting)!.status, Status.NOTTRADED, 'the other still waits');
  assert.equal(
    s.me
      .getAllOrders()
      .map((o) => o.vtOrderid)
      .sort(),
    [firing, waiting].sort(),
    'two orders, each once: no t<id> or x<id> twins',
  );
  await until(() => heldPosition(s.me, 'BTC-USDT', Direction.LONG)?.volume === 2, 'position re-read');
});

test('a trigger HTX refuses (leverage, 1045) is REJECTED with its code and text', async () => {
  const s = await session(hbdmSettingFor, { leverRate: 7 });
  const vt = s.me.sendOrder(stop('BTC-USDT', Direction.LONG, Offset.OPEN, 99000, 1), 'HBDM');
  await until(() => s.me.getOrder(vt)?.status === Status.REJECTED, 'refused');
  assert.match(s.me.getOrder(vt)!.statusMsg, /Unable to switch leverage.*\(1045\)/);
});

test('a trigger placed elsewhere is pushed as t<id>, survives a reconnect once, and is cancelled by its id', async () => {
  const s = await session();
  const placed = s.sim.linear.handle('POST', '/linear-swap-api/v1/swap_trigger_order', triggerBody());
  assert.ok(placed.ok, 'placed elsewhere');
  const vt = `HBDM.t${(placed as { data: { order_id_str: string } }).data.order_id_str}`;
  await until(() => s.me.getOrder(vt)?.status === Status.NOTTRADED, 'pushed as t<id>');
  assert.is(s.me.getOrder(vt)!.type, OrderType.STOP);
  assert.is(s.me.getOrder(vt)!.price, 90000);
  const auths = s.sim.counts.auths;
  s.sim.setReachable(false);
  s.sim.setReachable(true);
  await until(() => s.sim.counts.auths > auths, 'reconnected');
  await until(() => s.me.getAllOrders().length === 1, 'listed');
  assert.equal(
    s.me.getAllOrders().map((o) => o.vtOrderid),
    [vt],
    'once',
  );
  const o = s.me.getOrder(vt)!;
  s.me.cancelOrder({ orderid: o.orderid, symbol: o.symbol, exchange: o.exchange }, 'HBDM');
  await until(() => s.me.getOrder(vt)?.status === Status.CANCELLED, 'cancelled by its trigger id');
});

test('a stop whose place reply is lost is found among the open triggers, once, and still fires onto it', async () => {
  const s = await session();
  s.sim.loseNextReply('/linear-swap-api/v1/swap_trigger_order');
  const trigger = bestAsk(s.sim, 'BTC-USDT');
  const vt = s.me.sendOrder(stop('BTC-USDT', Direction.LONG, Offset.OPEN, trigger, 1), 'HBDM');
  await until(() => s.me.getOrder(vt)?.status === Status.NOTTRADED, 'found and waiting');
  assert.ok(
    s.logs.some((l) => /looking for trigger/.test(l.msg)),
    'the lost reply is logged',
  );
  assert.equal(
    s.me.getAllOrders().map((o) => o.vtOrderid),
    [vt],
    'the pushed trigger is the same order, not a t<id> twin',
  );
  printTrade(s.sim, 'BTC-USDT', 'BUY');
  await until(() => s.me.getOrder(vt)?.status === Status.ALLTRADED, 'fired and filled');
  assert.ok(s.trades.length > 0 && s.trades.every((t) => t.vtOrderid === vt));
});

test('bad stop input is refused before sending: no trigger price, a price that is not finite', async () => {
  const s = await session();
  const before = s.sim.linear.placeRequests;
  for (const price of [Number.NaN, Number.POSITIVE_INFINITY, 0, -5])
    assert.throws(
      () => s.me.sendOrder(stop('BTC-USDT', Direction.LONG, Offset.OPEN, price, 1), 'HBDM'),
      (e: unknown) => e instanceof RequestError && /price/.test((e as Error).message),
      `price ${price} refused`,
    );
  assert.throws(
    () => s.me.sendOrder(stop('BTC-USDT', Direction.LONG, Offset.NONE, 99000, 1), 'HBDM'),
    (e: unknown) => e instanceof RequestError && /offset/.test((e as Error).message),
  );
  assert.is(s.me.getAllOrders().length, 0, 'no order was made');
  assert.is(s.sim.linear.placeRequests, before);
});

test.run();
