// The OpenD session as a trader meets it: the unlock (and what a wrong password gives), account selection,
// settings refused before anything is sent, Notify pushes acted on, quota refusals, amend.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Exchange,
  GatewayStatus,
  Interval,
  LogLevel,
  OrderType,
  Status,
} from '../../../src/core/constant.js';
import { startFutuSimulator } from '../../../gateways/futu/sim/index.js';
import { until } from '../../helpers/wait.js';
import { encodeBody, encodePacket } from '../../../gateways/futu/codec.js';
import { PROTO } from '../../../gateways/futu/protocol.js';
import { buy, connectFutu, failedConnect, realSetting } from './engine.js';

test("a wrong trade password fails connect with OpenD's reason, and the password is never shown", async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const secret = 'wrong-pass-4711';
    const { error, seen } = await failedConnect(realSetting(sim, { password: secret }));
    assert.match(error.message, /trade unlock failed: Incorrect password/);
    assert.not.match(error.message, secret);
    assert.not.match(seen.logText(), secret);
    assert.is(sim.unlocked, false);
    assert.is(seen.statuses[seen.statuses.length - 1], GatewayStatus.DISCONNECTED);
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('settings refused before connecting: REAL without a password, an unreadable RSA key file, a bad market', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const before = sim.received.get('InitConnect') ?? 0;
    assert.match((await failedConnect(realSetting(sim, { password: '' }))).error.message, /trade password/);
    assert.match(
      (await failedConnect(realSetting(sim, { rsaKeyFile: '/k.pem' }))).error.message,
      /cannot read the RSA key file \/k.pem/,
    );
    assert.match((await failedConnect(realSetting(sim, { market: 'JP' }))).error.message, /market/);
    assert.is(sim.received.get('InitConnect') ?? 0, before, 'nothing reached OpenD');
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('SIMULATE picks the paper account of the market and needs no unlock; CN lists SSE and SZSE', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me } = await connectFutu(realSetting(sim, { env: 'SIMULATE', market: 'CN', password: '' }));
    assert.is(sim.received.get('Trd_UnlockTrade') ?? 0, 0);
    assert.ok(me.getAllAccounts().some((a) => a.accountid === '9011003'));
    assert.is(me.getContract('600519.SSE')?.name, '贵州茅台');
    assert.is(me.getContract('000001.SZSE')?.minVolume, 100);
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('an unlock OpenD lost (trade login gone and back, Notify ConnStatus) is renewed and reconciled', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    const unlocks = sim.received.get('Trd_UnlockTrade') ?? 0;
    sim.setTradeLogin(false);
    await until(
      () => seen.statuses.includes(GatewayStatus.RECONNECTING),
      'RECONNECTING on the lost trade login',
    );
    assert.match(seen.logText(), /lost its trade login/);
    // While the login is gone OpenD refuses orders, and the refusal is the order's statusMsg.
    const refused = me.sendOrder(buy(300), 'FUTU');
    await until(() => seen.last(refused)?.status === Status.REJECTED, 'the refused order');
    assert.match(seen.last(refused)!.statusMsg, /trade login is not ready/);
    sim.setTradeLogin(true);
    await until(() => seen.statuses[seen.statuses.length - 1] === GatewayStatus.CONNECTED, 'CONNECTED again');
    assert.is(sim.received.get('Trd_UnlockTrade'), unlocks + 1, 'unlocked again');
    assert.is(sim.unlocked, true);
    const ok = me.sendOrder(buy(300), 'FUTU');
    await until(() => seen.last(ok)?.status === Status.NOTTRADED, 'an order after the login came back');
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('a gateway event Notify (kicked out) is shown to the user as an error', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    sim.notify({ type: 1, event: { eventType: 7, desc: 'logged in on another device' } });
    await until(() => seen.logs.some((l) => /kicked out/.test(l.msg)), 'the kicked-out log');
    const log = seen.logs.find((l) => /kicked out/.test(l.msg))!;
    assert.is(log.level, LogLevel.ERROR);
    assert.match(log.msg, /another device/);
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('a subscription beyond the quota is refused with a clear message; the ones within still tick', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0, subQuota: 3 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    const ticks: string[] = [];
    me.eventEngine.register('tick', (e) => void ticks.push(e.data.vtSymbol));
    me.subscribe({ symbol: '00700', exchange: Exchange.SEHK }, 'FUTU');
    await until(() => ticks.includes('00700.SEHK'), 'a tick for 00700');
    me.subscribe({ symbol: '09988', exchange: Exchange.SEHK }, 'FUTU');
    await until(
      () => seen.logs.some((l) => /09988/.test(l.msg) && l.level === LogLevel.ERROR),
      'the refusal',
    );
    assert.match(seen.logText(), /subscribe 09988\.SEHK refused by OpenD: Insufficient subscription quota/);
    assert.not.ok(ticks.includes('09988.SEHK'));
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('amend: price and volume change in place through Trd_ModifyOrder; the order keeps its id', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    const vtOrderid = me.sendOrder(buy(300, 200), 'FUTU');
    await until(() => seen.last(vtOrderid)?.status === Status.NOTTRADED, 'NOTTRADED');
    const order = me.getOrder(vtOrderid)!;
    await me.amendOrder(
      { orderid: order.orderid, symbol: '00700', exchange: Exchange.SEHK, price: 299.8, volume: 300 },
      'FUTU',
    );
    await until(() => seen.last(vtOrderid)?.price === 299.8, 'the amended price');
    assert.is(seen.last(vtOrderid)!.volume, 300);
    assert.is(sim.received.get('Trd_ModifyOrder'), 1);
    const open = exchange.getOpenOrders('281756455988880');
    assert.is(open.length, 1);
    assert.is(open[0]!.price, 299.8);
    // Off HKEX's step: refused by the engine's check of the contract's price bands before anything is sent.
    const modifies = sim.received.get('Trd_ModifyOrder');
    assert.throws(
      () =>
        me.amendOrder(
          { orderid: order.orderid, symbol: '00700', exchange: Exchange.SEHK, price: 299.85 },
          'FUTU',
        ),
      /price 299\.85 is not a multiple of the price tick 0\.2 at that price for 00700\.SEHK \(nearest: 299\.8 or 300\)/,
    );
    assert.is(sim.received.get('Trd_ModifyOrder'), modifies, 'nothing reached OpenD');
    assert.is(me.getOrder(vtOrderid)!.price, 299.8);
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('order requests beyond the per-30 s limit wait their turn instead of being sent', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0, orderRateLimit: 1000 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim, { ordersPer30s: 3 }));
    const ids = [0, 1, 2, 3, 4].map(() => me.sendOrder(buy(300), 'FUTU'));
    await until(
      () => ids.slice(0, 3).every((id) => seen.last(id)?.status === Status.NOTTRADED),
      'three accepted',
    );
    assert.is(sim.received.get('Trd_PlaceOrder'), 3, 'only three reached OpenD');
    assert.is(seen.last(ids[3]!)!.status, Status.SUBMITTING, 'the fourth waits');
    assert.is(seen.last(ids[4]!)!.status, Status.SUBMITTING, 'the fifth waits');
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('HK prices follow the spread table: off-tick refused before sending, float noise sent exact', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    assert.throws(
      () => me.sendOrder(buy(380.1), 'FUTU'),
      /price tick 0\.2 at that price for 00700\.SEHK \(nearest: 380 or 380\.2\)/,
    );
    assert.throws(() => me.sendOrder(buy(10_000), 'FUTU'), /outside HKEX's range/);
    assert.is(sim.received.get('Trd_PlaceOrder') ?? 0, 0, 'nothing reached OpenD');
    const id = me.sendOrder(buy(299.8 + 0.0000000000001), 'FUTU');
    await until(() => seen.last(id)?.status === Status.NOTTRADED, 'accepted');
    assert.is(exchange.getOpenOrders('281756455988880')[0]!.price, 299.8, 'OpenD got the exact tick');
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('hkSpreads "off" leaves the check to OpenD, whose refusal is the statusMsg', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim, { hkSpreads: 'off' }));
    const id = me.sendOrder(buy(380.1), 'FUTU');
    await until(() => seen.last(id)?.status === Status.REJECTED, 'refused by OpenD');
    assert.match(seen.last(id)!.statusMsg, /tick|step|price/i);
    assert.is(sim.received.get('Trd_PlaceOrder'), 1);
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test("OpenD's price step differing from the chosen table is warned about once, naming the setting", async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    me.subscribe({ symbol: '00700', exchange: Exchange.SEHK }, 'FUTU');
    await until(
      () => (sim.received.get('Qot_Sub') ?? 0) > 0 && me.getTick('00700.SEHK') !== undefined,
      'ticks',
    );
    // What OpenD would send once HKEX's phase 2 is in force: 0.005 at 5.00.
    const qot = {
      security: { market: 1, code: '00700' },
      isSuspended: false,
      listTime: '2004-06-16',
      priceSpread: 0.005,
      updateTime: '2026-12-03 10:00:00',
      highPrice: 5,
      openPrice: 5,
      lowPrice: 5,
      curPrice: 5,
      lastClosePrice: 5,
      volume: '0',
      turnover: 0,
      turnoverRate: 0,
      amplitude: 0,
    };
    const raw = (curPrice: number) =>
      encodePacket(
        PROTO.Qot_UpdateBasicQot,
        0,
        encodeBody('Qot_UpdateBasicQot.Response', {
          retType: 0,
          s2c: { basicQotList: [{ ...qot, curPrice }] },
        }),
      );
    sim.sendRaw(raw(5));
    sim.sendRaw(raw(5.01));
    await until(() => seen.logs.some((l) => /price step at 5 is 0\.005/.test(l.msg)), 'the warning');
    await until(() => me.getTick('00700.SEHK')?.lastPrice === 5.01, 'both pushes applied');
    const warnings = seen.logs.filter((l) => /set "hkSpreads"/.test(l.msg));
    assert.is(warnings.length, 1, 'once');
    assert.is(warnings[0]!.level, LogLevel.WARNING);
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('HK FAK and FOK are Futu special limit orders; each market offers only its documented types', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    me.subscribe({ symbol: '00700', exchange: Exchange.SEHK }, 'FUTU');
    await until(() => (me.getTick('00700.SEHK')?.askVolume1 ?? 0) > 0, 'the book');
    const tick = me.getTick('00700.SEHK')!;
    // FAK at the best ask for more than it holds: what is there fills, OpenD cancels the rest.
    const fakVolume = Math.ceil((tick.askVolume1 + 1) / 100) * 100;
    const fak = me.sendOrder({ ...buy(tick.askPrice1, fakVolume), type: OrderType.FAK }, 'FUTU');
    await until(() => seen.last(fak)?.status === Status.CANCELLED, 'the FAK rest cancelled');
    assert.ok(seen.last(fak)!.traded > 0 && seen.last(fak)!.traded < fakVolume, 'partly filled');
    assert.is(seen.last(fak)!.type, OrderType.FAK, 'shown as FAK (OrderType_SpecialLimit)');
    // FOK below the ask cannot fill whole: refused, nothing traded.
    const fok = me.sendOrder({ ...buy(300, 100), type: OrderType.FOK }, 'FUTU');
    await until(() => seen.last(fok)?.status === Status.REJECTED, 'the FOK refused');
    assert.is(seen.last(fok)!.traded, 0);
    const caps = me.getGateway('FUTU').capabilitiesFor('00700.SEHK').orderTypes;
    assert.equal([...caps], [OrderType.LIMIT, OrderType.MARKET, OrderType.FAK, OrderType.FOK]);
    assert.throws(() => me.sendOrder({ ...buy(300), type: OrderType.STOP }, 'FUTU'), /STOP/);
    await me.close();
    // A-shares: limit orders only (OpenD offers no market order there).
    const cn = await connectFutu(realSetting(sim, { market: 'CN' }));
    assert.equal([...cn.me.getGateway('FUTU').capabilitiesFor('600519.SSE').orderTypes], [OrderType.LIMIT]);
    const gw = cn.me.getGateway('FUTU');
    const cnMarket = { ...buy(0), symbol: '600519', exchange: Exchange.SSE, type: OrderType.MARKET };
    assert.throws(() => gw.sendOrder(cnMarket), /MARKET is not offered by OpenD for CN \(offered: LIMIT\)/);
    const cnFak = { ...buy(1500), symbol: '600519', exchange: Exchange.SSE, type: OrderType.FAK };
    assert.throws(() => gw.sendOrder(cnFak), /FAK is not offered/);
    await cn.me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test("OpenD's own rate-limit refusal arrives as REJECTED with its reason", async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0, orderRateLimit: 2 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim, { ordersPer30s: 100 }));
    const ids = [0, 1, 2].map(() => me.sendOrder(buy(300), 'FUTU'));
    await until(() => seen.last(ids[2]!)?.status === Status.REJECTED, 'the third refused');
    assert.match(seen.last(ids[2]!)!.statusMsg, /Too frequent/);
    assert.is(seen.last(ids[0]!)!.status, Status.NOTTRADED);
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('a cancel asked before OpenD has named the order is held, then sent once it has', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    const vtOrderid = me.sendOrder(buy(300), 'FUTU');
    // Straight to the gateway, in the same turn: OpenD's PlaceOrder answer cannot have arrived yet.
    const orderid = vtOrderid.slice('FUTU.'.length);
    me.getGateway('FUTU').cancelOrder({ orderid, symbol: '00700', exchange: Exchange.SEHK });
    await until(() => seen.last(vtOrderid)?.status === Status.CANCELLED, 'CANCELLED');
    assert.match(seen.logText(), /held until OpenD has acknowledged/);
    assert.is(sim.received.get('Trd_ModifyOrder'), 1);
    assert.is(exchange.getOpenOrders('281756455988880').length, 0);
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test('history: minute K-lines paged past the 1000-per-request limit by nextReqKey, in order, none twice', async () => {
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me } = await connectFutu(realSetting(sim));
    const end = Date.UTC(2026, 10, 27, 0, 0, 0);
    const start = end - 2 * 24 * 3_600_000;
    const bars = await me.queryHistory(
      { symbol: '00700', exchange: Exchange.SEHK, interval: Interval.MINUTE, start, end },
      'FUTU',
    );
    assert.ok((sim.received.get('Qot_RequestHistoryKL') ?? 0) >= 3, 'three or more pages');
    assert.ok(bars.length > 2000, `${bars.length} bars`);
    for (let i = 1; i < bars.length; i++)
      assert.ok(bars[i]!.datetime > bars[i - 1]!.datetime, 'ascending, unique');
    assert.ok(bars[0]!.datetime >= start && bars[bars.length - 1]!.datetime <= end, 'inside the range');
    assert.is(bars[0]!.vtSymbol, '00700.SEHK');
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test.run();
