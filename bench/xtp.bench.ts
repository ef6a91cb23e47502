// XTP market data: the decode of one depth record into TickData beside a bare read of the same bytes; ticks/s from the simulated library's own thread through the koffi SPI (in the native host
// process), the batched IPC transfer to the console and the gateway's shape check and parsing into the event
// engine — beside the raw rate of a koffi callback from a foreign thread into the main thread, measured in the
// same run. Also checks that no tick is lost (the simulator numbers them in qty). Then the order round trip
// (sendOrder of a marketable limit order to its ALLTRADED update: IPC, InsertOrder, the counter's match and
// both pushes back) beside a raw echo to the same library in the same host (a control-socket command).
import path from 'node:path';
import { SimControl } from '../bindings/native/sim-control.js';
import { Direction, Exchange, Offset, OrderType, Status } from '../src/core/constant.js';
import { MainEngine } from '../src/core/engine.js';
import { XtpGateway } from '../gateways/xtp/index.js';
import { checkRecord, parseTick, SHAPES, tickProblem } from '../gateways/xtp/parse.js';
import { buildSim } from '../gateways/xtp/sim/build.js';
import { DEPTH_FIELDS } from '../bindings/xtp/hosted.js';
import { STRUCTS } from '../bindings/xtp/structs.js';
import { reportTicks, subscribeAll, tickBurst } from './native-gateway.js';
import { rawCallbackRate } from './raw-koffi.js';
import { report } from './report.js';

const N = 100_000;

// Decode: one XTPMD record (736 bytes, as the host copies it) → TickData (struct read, shape and plausibility
// checks, parse) beside the bare read of the same bytes (the four fields a tick needs most, by offset).
{
  const md = STRUCTS.MarketData;
  const buf = md.write({
    exchange_id: 1,
    ticker: '600000',
    last_price: 10.5,
    data_time: 20250102093000500n,
    qty: 12345n,
    bid1: 10.5,
    ask1: 10.51,
    bid_qty1: 1000n,
    ask_qty1: 1200n,
  });
  const M = 200_000;
  let sink = 0;
  let t0 = process.hrtime.bigint();
  // As the host reads a depth record: only the fields the gateway uses.
  const read = md.picker(DEPTH_FIELDS);
  for (let i = 0; i < M; i++) {
    const r = read(buf);
    if (checkRecord(r, SHAPES.MarketData) || tickProblem(r)) continue;
    sink += parseTick(r, 'XTP', Exchange.SSE, '浦发银行').bidPrice1;
  }
  const parsedNs = Number(process.hrtime.bigint() - t0) / M;
  const off = ['last_price', 'bid1', 'ask1', 'qty'].map((f) => md.offsetOf(f));
  t0 = process.hrtime.bigint();
  for (let i = 0; i < M; i++) {
    sink += buf.readDoubleLE(off[0]!) + buf.readDoubleLE(off[1]!) + buf.readDoubleLE(off[2]!);
    sink += Number(buf.readBigInt64LE(off[3]!));
  }
  const bareNs = Number(process.hrtime.bigint() - t0) / M;
  report({
    bench: 'xtp.decode',
    value: 1e9 / parsedNs,
    unit: 'records/s',
    baseline: 1e9 / bareNs,
    baselineName: 'bare read of four fields of the same bytes',
    sink: sink > 0 ? 1 : 0,
  });
}
const ORDERS = 300;
const buildDir = path.resolve('test/gateways/xtp/build');
const lib = await buildSim({ abiVersion: '2.2.32' }, buildDir);
// Baseline: the bare foreign-thread callback round trip into this (main) thread.
const rawRate = await rawCallbackRate(lib, 'xtpsim_raw_burst', N);

const ctl = await SimControl.listen('XTPSIM_CONTROL');
Object.assign(process.env, ctl.env);
const me = new MainEngine({ log: false });
me.addGateway(XtpGateway, 'XTP');
await me.connect(
  {
    username: 'bench',
    password: 'x',
    client_id: 1,
    quote_address: '127.0.0.1',
    quote_port: 6002,
    trade_address: '127.0.0.1',
    trade_port: 6001,
    quote_protocol: 'TCP',
    software_key: 'k',
    account_type: 'cash',
    trader_library: lib,
    quote_library: lib,
    log_dir: path.join(buildDir, 'log-bench'),
  },
  'XTP',
);
await subscribeAll(me, 'XTP', [
  { symbol: '600000', exchange: Exchange.SSE },
  { symbol: '510050', exchange: Exchange.SSE },
  { symbol: '000001', exchange: Exchange.SZSE },
  { symbol: '300750', exchange: Exchange.SZSE },
]);

const ticks = await tickBurst(me, N, () => void ctl.send(`burst ${N}`));

reportTicks('xtp', ticks, N, rawRate);

// Order round trip vs a raw echo through the same host's library.
const echoStart = process.hrtime.bigint();
for (let i = 0; i < ORDERS; i++) await ctl.send('tick_interval_us 0');
const echoUs = Number(process.hrtime.bigint() - echoStart) / 1e3 / ORDERS;
let filled: (() => void) | undefined;
let waitingFor = '';
me.eventEngine.register('order', (e) => {
  if (e.data.vtOrderid === waitingFor && e.data.status === Status.ALLTRADED) filled?.();
});
// Each order takes liquidity from the simulated counter's finite book: a fresh book is laid before each one,
// outside the timed span.
let orderNs = 0n;
for (let i = 0; i < ORDERS; i++) {
  await ctl.send('quote 2 600000 10.50 10.51');
  const orderStart = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    filled = resolve;
    waitingFor = me.sendOrder(
      {
        symbol: '600000',
        exchange: Exchange.SSE,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        price: 10.51,
        volume: 100,
        offset: Offset.NONE,
      },
      'XTP',
    );
  });
  orderNs += process.hrtime.bigint() - orderStart;
}
const orderUs = Number(orderNs) / 1e3 / ORDERS;
await me.close();
await ctl.close();

report({
  bench: 'xtp.order-roundtrip',
  value: orderUs,
  unit: 'µs',
  baseline: echoUs,
  baselineName: 'control-socket echo to the same library in the host',
  orders: ORDERS,
});
process.exit(0);
