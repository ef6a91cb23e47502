// The OES gateway against the simulated OES counter and MDS server through the real binding in the native
// host: the config file written 0600 without the password in any log, the initial sync (Chinese names, cash,
// T+1 holding), an order filled with its trade pushed once, a resting order cancelled, OES's error number
// and text in statusMsg, five-level ticks from MDS, each channel healed on its own after its link broke
// (market data resubscribed; orders and trades missed while down reconciled once, also when the resumed
// reports lose them), an order whose send broke the link found or refused by its clSeqNo, and close() ending
// the host process.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData, OrderRequest, TickData } from '../../../src/core/object.js';
import { OesGateway } from '../../../gateways/oes/index.js';
import { until } from '../../helpers/wait.js';
import { BUILD_DIR as BUILD, PASSWORD, startSim, type OesSim } from './target.js';

let sim: OesSim;
let me: MainEngine;
let logs: LogData[];
let ticks: TickData[];
let statuses: GatewayStatus[];

test.before(async () => {
  sim = await startSim();
});

test.after.each(async () => {
  if (me?.eventEngine.isActive) await me.close();
  // Commands are kept for libraries that load later: each test starts from none.
  await sim.control('reset');
});

test.after(async () => {
  await sim.stop();
});

async function connect(extra: Record<string, number | string> = {}): Promise<void> {
  me = new MainEngine({ log: false });
  logs = [];
  ticks = [];
  statuses = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  me.eventEngine.register('gateway', (e) => statuses.push(e.data.status));
  me.addGateway(OesGateway, 'OES');
  await me.connect(sim.setting(extra), 'OES');
}

/** Waits for the gateway to report the link down and then up again, from status event `from` on. */
async function healed(from: number): Promise<void> {
  await until(() => statuses.slice(from).includes(GatewayStatus.RECONNECTING), 'RECONNECTING');
  await until(
    () =>
      statuses.slice(statuses.indexOf(GatewayStatus.RECONNECTING, from)).includes(GatewayStatus.CONNECTED),
    'CONNECTED again',
  );
}

const order = (o: Partial<OrderRequest>): OrderRequest => ({
  symbol: '600000',
  exchange: Exchange.SSE,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 100,
  price: 10.0,
  offset: Offset.NONE,
  ...o,
});

test('connect: config 0600 without the password logged; contracts, cash and T+1 holding synced', async () => {
  await connect();
  assert.is(me.getGateway('OES').status, GatewayStatus.CONNECTED);
  const conf = path.join(BUILD, 'conf', 'oes_client.conf');
  assert.is(fs.statSync(conf).mode & 0o777, 0o600);
  assert.match(fs.readFileSync(conf, 'utf8'), /ordServer = 1 tcp:\/\/127\.0\.0\.1:1/);
  assert.not.ok(
    logs.some((l) => l.msg.includes(PASSWORD)),
    'the password is in no log',
  );
  assert.is(me.getContract('000001.SZSE')!.name, '平安银行');
  assert.is(me.getContract('600000.SSE')!.pricetick, 0.01);
  assert.is(me.getAllAccounts()[0]!.balance, 100_000_000);
  const pos = me.getPosition('OES.600000.SSE.NET')!;
  assert.is(pos.volume, 1000);
  assert.is(pos.ydVolume, 1000);
});

test('a crossing buy fills: ALLTRADED, one trade, holding grows but sellable stays (T+1)', async () => {
  await connect();
  const vtOrderid = me.sendOrder(order({ price: 10.26 }), 'OES');
  assert.match(vtOrderid, /^OES\.\d+$/);
  await until(() => me.getOrder(vtOrderid)?.status === Status.ALLTRADED, 'the order filled');
  await until(() => me.getPosition('OES.600000.SSE.NET')?.volume === 1100, 'the holding refreshed');
  const trades = me.getAllTrades().filter((t) => t.vtOrderid === vtOrderid);
  assert.is(trades.length, 1);
  assert.is(trades[0]!.price, 10.26);
  assert.is(trades[0]!.tradeid, 'SSE-1');
  assert.is(me.getPosition('OES.600000.SSE.NET')!.ydVolume, 1000);
});

test('a resting order is cancelled; a sell above the sellable holding is REJECTED with OES 1258 and its text', async () => {
  await connect();
  const resting = me.sendOrder(order({ price: 10.0 }), 'OES');
  await until(() => me.getOrder(resting)?.status === Status.NOTTRADED, 'the order rests');
  me.cancelOrder({ orderid: resting.split('.')[1]!, symbol: '600000', exchange: Exchange.SSE }, 'OES');
  await until(() => me.getOrder(resting)?.status === Status.CANCELLED, 'the order cancelled');
  const odd = me.sendOrder(order({ direction: Direction.SHORT, volume: 2000, price: 10.3 }), 'OES');
  await until(() => me.getOrder(odd)?.status === Status.REJECTED, 'the oversized sell rejected');
  assert.is(me.getOrder(odd)!.statusMsg, '[1258] 可卖持仓不足');
  assert.ok(
    logs.some((l) => l.msg.includes('[1258] 可卖持仓不足')),
    'the reject number and text are logged',
  );
});

test('subscribe: five-level ticks from MDS with the Chinese name; a fill moves the last price', async () => {
  await connect();
  me.subscribe({ symbol: '600000', exchange: Exchange.SSE }, 'OES');
  await until(() => ticks.length > 0, 'the first snapshot');
  const t = ticks[0]!;
  assert.is(t.vtSymbol, '600000.SSE');
  assert.is(t.name, '浦发银行');
  assert.equal([t.bidPrice1, t.bidPrice5, t.askPrice1, t.askPrice5], [10.25, 10.21, 10.26, 10.3]);
  assert.equal([t.bidVolume1, t.askVolume5], [10000, 50000]);
  me.sendOrder(order({ price: 10.26, volume: 300 }), 'OES');
  await until(() => ticks.some((x) => x.lastPrice === 10.26 && x.volume === 300), 'a tick after the fill');
  const last = ticks[ticks.length - 1]!;
  assert.is(last.turnover, 3078);
});

test('md_level L2: ten-level ticks from Level-2 snapshots (0x14), moved by tick-by-tick trades (0x16)', async () => {
  await connect({ md_level: 'L2' });
  me.subscribe({ symbol: '000001', exchange: Exchange.SZSE }, 'OES');
  await until(() => ticks.length > 0, 'the first Level-2 snapshot');
  const t = ticks[0]!;
  assert.is(t.vtSymbol, '000001.SZSE');
  assert.is(t.name, '平安银行');
  assert.equal([t.bidPrice1, t.bidPrice5, t.askPrice5], [12.1, 12.06, 12.15]);
  assert.is(t.depth?.bids.length, 10);
  assert.is(t.depth?.asks.length, 10);
  assert.equal(t.depth!.bids[9], [12.01, 100000]);
  assert.equal(t.depth!.asks[9], [12.2, 100000]);
  // A fill: its tick-by-tick trade moves the last tick (last price and volume) before the next snapshot.
  me.sendOrder(order({ symbol: '000001', exchange: Exchange.SZSE, price: 12.11, volume: 200 }), 'OES');
  await until(() => ticks.some((x) => x.lastVolume === 200 && x.lastPrice === 12.11), 'a tick-by-tick tick');
  const byTrade = ticks.find((x) => x.lastVolume === 200)!;
  assert.is(byTrade.volume, t.volume + 200);
  assert.is(byTrade.depth?.bids.length, 10, 'the ladder of the last snapshot stays');
});

test('market-data link lost: only MDS logs in again and resubscribes; ticks resume', async () => {
  await connect();
  me.subscribe({ symbol: '000001', exchange: Exchange.SZSE }, 'OES');
  await until(() => ticks.length > 0, 'the first snapshot');
  const from = statuses.length;
  await sim.control('disconnect md');
  // Nothing trades meanwhile: every tick from here on is the resubscription's snapshot.
  const before = ticks.length;
  await healed(from);
  await until(() => ticks.length > before, 'a tick after the resubscription');
  assert.is(ticks[ticks.length - 1]!.vtSymbol, '000001.SZSE');
  assert.ok(logs.some((l) => /market-data \(MDS\) link lost/.test(l.msg)));
  assert.not.ok(
    logs.some((l) => /trade .* link lost/.test(l.msg)),
    'the trade side was not touched',
  );
});

test('trade link lost, resumed reports lost too: the fill made while down is found by the queries, once', async () => {
  await connect();
  const resting = me.sendOrder(order({ price: 10.0, volume: 200 }), 'OES');
  await until(() => me.getOrder(resting)?.status === Status.NOTTRADED, 'the order rests');
  const from = statuses.length;
  await sim.control('disconnect trade hold lose');
  await until(() => statuses.slice(from).includes(GatewayStatus.RECONNECTING), 'RECONNECTING');
  await sim.control('fill S 10 200');
  // Logins are refused until restore: the gateway keeps trying with backoff.
  await until(() => logs.some((l) => /login \(try \d+\)/.test(l.msg)), 'a refused login logged');
  await sim.control('restore');
  await healed(from);
  await until(() => me.getOrder(resting)?.status === Status.ALLTRADED, 'the fill reconciled');
  await until(() => me.getPosition('OES.600000.SSE.NET')?.volume === 1200, 'the holding re-queried');
  const trades = me.getAllTrades().filter((t) => t.vtOrderid === resting);
  assert.is(trades.length, 1);
  assert.is(trades[0]!.volume, 200);
  // Works as before after the re-login.
  const next = me.sendOrder(order({ price: 10.26 }), 'OES');
  await until(() => me.getOrder(next)?.status === Status.ALLTRADED, 'an order after the re-login');
});

test('an order whose send broke the link but reached the counter is found by its clSeqNo, not sent again', async () => {
  await connect();
  await sim.control('send_fail accepted');
  const vtOrderid = me.sendOrder(order({ price: 10.0 }), 'OES');
  await until(() => me.getOrder(vtOrderid)?.status === Status.NOTTRADED, 'found resting at the re-sync');
  await until(() => me.getGateway('OES').status === GatewayStatus.CONNECTED, 'CONNECTED again');
  me.cancelOrder({ orderid: vtOrderid.split('.')[1]!, symbol: '600000', exchange: Exchange.SSE }, 'OES');
  await until(() => me.getOrder(vtOrderid)?.status === Status.CANCELLED, 'the order cancelled');
  const next = me.sendOrder(order({ price: 10.0 }), 'OES');
  assert.is.not(next, vtOrderid, 'a new clSeqNo for the next order');
  await until(() => me.getOrder(next)?.status === Status.NOTTRADED, 'the next order rests');
  assert.is(
    me.getAllOrders().filter((o) => o.status === Status.NOTTRADED).length,
    1,
    'the first order was not sent twice',
  );
});

test('an order whose send broke the link and never reached the counter is REJECTED at the re-sync', async () => {
  await connect();
  await sim.control('send_fail lost');
  const vtOrderid = me.sendOrder(order({ price: 10.0 }), 'OES');
  await until(() => me.getOrder(vtOrderid)?.status === Status.REJECTED, 'refused at the re-sync');
  assert.match(me.getOrder(vtOrderid)!.statusMsg, /not received by OES/);
});

test('close ends the host process and leaves the gateway DISCONNECTED', async () => {
  await connect();
  const gw = me.getGateway('OES');
  await me.close();
  assert.is(gw.status, GatewayStatus.DISCONNECTED);
});

test('hdd_serial reaches the SDK as driverId: the bound serial logs in, another is refused', async () => {
  process.env.OESSIM_DRIVER_ID = 'HDD0001';
  try {
    await connect();
    assert.is(me.getGateway('OES').status, GatewayStatus.CONNECTED);
    await me.close();
    const error = await connect({ hdd_serial: 'HDD0002' }).then(
      () => '',
      (e: Error) => e.message,
    );
    assert.match(error, /OesApi_InitAll failed.*hdd_serial/);
  } finally {
    delete process.env.OESSIM_DRIVER_ID;
  }
});

test('a missing library is refused before anything starts', async () => {
  me = new MainEngine({ log: false });
  me.addGateway(OesGateway, 'OES');
  const error = await me
    .connect(
      { username: 'u', td_ord_server: 'a', td_rpt_server: 'b', td_qry_server: 'c', library: '/nope.so' },
      'OES',
    )
    .then(
      () => '',
      (e: Error) => e.message,
    );
  assert.match(error, /library.*no file at \/nope\.so/);
});

test('a WaitReportMsg that never returns ends the host: named, and a new host is started', async () => {
  process.env.OESSIM_HANG_WAIT = '1';
  try {
    // 4 s: the connect before the hang must fit on a loaded machine; the hang still ends in bounded time.
    await connect({ call_timeout_s: 4 });
  } finally {
    delete process.env.OESSIM_HANG_WAIT;
  }
  const gw = me.getGateway('OES');
  await until(() => statuses.includes(GatewayStatus.RECONNECTING), 'the gateway to report the ended session');
  assert.ok(
    logs.some((l) => /OES session ended/.test(l.msg) && /OesApi_WaitReportMsg/.test(l.msg)),
    'the hung vendor call is named in the log',
  );
  // The lever was for the first host only: the one started after it works.
  await until(() => gw.status === GatewayStatus.CONNECTED, 'CONNECTED on a new host');
  const vtOrderid = me.sendOrder(order({ price: 10.26 }), 'OES');
  await until(() => me.getOrder(vtOrderid)?.status === Status.ALLTRADED, 'an order on the new host fills');
});

test.run();
