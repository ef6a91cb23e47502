// TORA: (1) Level-1 ticks/s from the simulated library's own thread through the koffi SPI in the native host
// process, the batched IPC transfer and the gateway's parsing into the event engine, beside the raw rate of a
// koffi callback from a foreign thread into the main thread, measured in the same run (and a check that no
// tick is lost: the simulator numbers them); (2) decoding one CTORATstpMarketDataField into TickData beside
// the bare struct decode of the same bytes; (3) an order's round trip (sendOrder → NOTTRADED pushed) against
// the simulated counter beside a bare IPC echo with a child process.
import path from 'node:path';
import { Exchange, Direction, Offset, OrderType } from '../src/core/constant.js';
import { MainEngine } from '../src/core/engine.js';
import { mdStructs } from '../bindings/tora/structs.js';
import { ToraGateway } from '../gateways/tora/index.js';
import { parseTick } from '../gateways/tora/parse.js';
import { buildSim } from '../gateways/tora/sim/build.js';
import { SimControl } from '../bindings/native/sim-control.js';
import { benchNativeOrders, decodeRate, subscribeAll } from './native-gateway.js';
import { rawCallbackRate } from './raw-koffi.js';

const N = 50_000;
const buildDir = path.resolve('test/gateways/tora/build');
const lib = await buildSim({ version: '4.1.6' }, buildDir);

// Baseline: the bare foreign-thread callback round trip into this (main) thread.
const rawRate = await rawCallbackRate(lib, 'torasim_raw_burst', N);

// (2) decode: one market data struct, as the host copies it, into TickData.
const md = mdStructs('4.1').MarketData;
const sample = md.write({
  TradingDay: '20250102',
  SecurityID: '600000',
  ExchangeID: '1',
  LastPrice: 10,
  Volume: 123456n,
  BidPrice1: 10,
  AskPrice1: 10.01,
  BidVolume1: 1000n,
  AskVolume1: 1200n,
  UpdateTime: '09:30:00',
});
const DECODES = 100_000;
const sink = { value: 0 };
const bareRate = decodeRate(DECODES, () => Number(md.read(sample).LastPrice), sink);
const fullRate = decodeRate(
  DECODES,
  () => parseTick(md.read(sample), 'TORA', Exchange.SSE, '浦发银行').lastPrice,
  sink,
);

// (1) the gateway path.
const ctl = await SimControl.listen();
process.env.TORASIM_CONTROL = ctl.socketPath;
const me = new MainEngine({ log: false });
me.addGateway(ToraGateway, 'TORA');
await me.connect(
  {
    account: 'bench',
    password: 'x',
    td_address: 'tcp://127.0.0.1:1',
    md_address: 'tcp://127.0.0.1:2',
    td_library: lib,
    md_library: lib,
    flow_dir: path.join(buildDir, 'flow-bench'),
    query_interval_ms: 5,
  },
  'TORA',
);
await subscribeAll(me, 'TORA', [
  { symbol: '600000', exchange: Exchange.SSE },
  { symbol: '000001', exchange: Exchange.SZSE },
  { symbol: '510050', exchange: Exchange.SSE },
  { symbol: '159915', exchange: Exchange.SZSE },
]);
// (3) order round trips, one at a time.
await benchNativeOrders('tora', {
  me,
  gateway: 'TORA',
  n: N,
  rawRate,
  decode: { full: fullRate, bare: bareRate, struct: 'CTORATstpMarketDataField', sink: sink.value },
  burst: () => void ctl.send(`burst ${N}`),
  order: () => ({
    symbol: '600000',
    exchange: Exchange.SSE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    offset: Offset.NONE,
    price: 9.5,
    volume: 100,
  }),
  stop: () => ctl.close(),
});
process.exit(0);
