// The OES gateway against the simulated OES counter through the real binding in the native host: the
// config file written 0600 without the password in any log, the initial sync (Chinese names, cash, T+1
// holding), an order filled with its trade pushed once, a resting order cancelled, OES's reject reason in
// statusMsg, and close() ending the host process. Market data (MDS) is not bound yet.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData, OrderRequest } from '../../../src/core/object.js';
import { OesGateway } from '../../../gateways/oes/index.js';
import { buildOesSim } from '../../../gateways/oes/sim/build.js';
import { until } from '../../helpers/wait.js';

const BUILD = path.resolve('test/gateways/oes/build');
const PASSWORD = 'oes-secret-417';
let library: string;
let me: MainEngine;
let logs: LogData[];

test.before(async () => {
  library = await buildOesSim(BUILD);
});

test.after.each(async () => {
  if (me?.eventEngine.isActive) await me.close();
});

async function connect(extra: Record<string, number> = {}): Promise<void> {
  me = new MainEngine({ log: false });
  logs = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(OesGateway, 'OES');
  await me.connect(
    {
      username: 'vnt_user',
      password: PASSWORD,
      hdd_serial: 'HDD0001',
      td_ord_server: 'tcp://127.0.0.1:1',
      td_rpt_server: 'tcp://127.0.0.1:2',
      td_qry_server: 'tcp://127.0.0.1:3',
      md_tcp_server: 'tcp://127.0.0.1:4',
      md_qry_server: 'tcp://127.0.0.1:5',
      library,
      config_dir: path.join(BUILD, 'conf'),
      poll_idle_ms: 5,
      ...extra,
    },
    'OES',
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

test('a resting order is cancelled; a sell above the sellable holding is REJECTED with OES reason 1258', async () => {
  await connect();
  const resting = me.sendOrder(order({ price: 10.0 }), 'OES');
  await until(() => me.getOrder(resting)?.status === Status.NOTTRADED, 'the order rests');
  me.cancelOrder({ orderid: resting.split('.')[1]!, symbol: '600000', exchange: Exchange.SSE }, 'OES');
  await until(() => me.getOrder(resting)?.status === Status.CANCELLED, 'the order cancelled');
  const odd = me.sendOrder(order({ direction: Direction.SHORT, volume: 2000, price: 10.3 }), 'OES');
  await until(() => me.getOrder(odd)?.status === Status.REJECTED, 'the oversized sell rejected');
  assert.match(me.getOrder(odd)!.statusMsg, /1258/);
  assert.ok(
    logs.some((l) => /1258/.test(l.msg)),
    'the reject reason is logged',
  );
});

test('close ends the host process and leaves the gateway DISCONNECTED', async () => {
  await connect();
  const gw = me.getGateway('OES');
  await me.close();
  assert.is(gw.status, GatewayStatus.DISCONNECTED);
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

test('a WaitReportMsg that never returns ends the host: DISCONNECTED with the vendor call named', async () => {
  process.env.OESSIM_HANG_WAIT = '1';
  try {
    await connect({ call_timeout_s: 1 });
  } finally {
    delete process.env.OESSIM_HANG_WAIT;
  }
  const gw = me.getGateway('OES');
  await until(() => gw.status === GatewayStatus.DISCONNECTED, 'the gateway to report the ended session');
  assert.ok(
    logs.some((l) => /OesApi_WaitReportMsg/.test(l.msg)),
    'the hung vendor call is named in the log',
  );
});

test.run();
