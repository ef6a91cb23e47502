// FEMAS: (1) ticks/s from the simulated library's own thread through the koffi SPI in the native host
// process, the batched IPC transfer and the gateway's parsing into the event engine, beside the raw rate of a
// koffi callback from a foreign thread into the main thread, measured in the same run (and a check that no
// tick is lost: the simulator numbers them); (2) decoding one CUstpFtdcDepthMarketDataField into TickData
// beside the bare struct decode of the same bytes; (3) an order's round trip (sendOrder → NOTTRADED pushed)
// against the simulated counter beside a bare IPC echo with a child process.
import path from 'node:path';
import { Direction, Exchange, Offset, OrderType } from '../src/core/constant.js';
import { MainEngine } from '../src/core/engine.js';
import { femasStructs } from '../bindings/femas/structs.js';
import { SimControl } from '../bindings/native/sim-control.js';
import { FemasGateway } from '../gateways/femas/index.js';
import { parseTick } from '../gateways/femas/parse.js';
import { buildFemasSim } from '../gateways/femas/sim/build.js';
import { benchNativeOrders, decodeRate, subscribeAll } from './native-gateway.js';
import { rawCallbackRate } from './raw-koffi.js';

const N = 50_000;
const buildDir = path.resolve('test/gateways/femas/build');
const lib = await buildFemasSim({}, buildDir);

// Baseline for (1): the bare foreign-thread callback round trip into this (main) thread.
const rawRate = await rawCallbackRate(lib, 'femassim_raw_burst', N);

// (2) decode: one depth struct, as the host copies it, into TickData.
const depth = femasStructs().DepthMarketData;
const sample = depth.write({
  TradingDay: '20250102',
  ActionDay: '20250102',
  InstrumentID: 'rb2501',
  LastPrice: 3500,
  Volume: 123456,
  Turnover: 4.3e9,
  OpenInterest: 1000,
  BidPrice1: 3500,
  AskPrice1: 3501,
  BidVolume1: 10,
  AskVolume1: 12,
  UpdateTime: '09:30:00',
  UpdateMillisec: 500,
});
const DECODES = 100_000;
const sink = { value: 0 };
const bareRate = decodeRate(DECODES, () => Number(depth.read(sample).LastPrice), sink);
const fullRate = decodeRate(
  DECODES,
  () => parseTick(depth.read(sample), 'FEMAS', Exchange.SHFE, '螺纹钢2501').lastPrice,
  sink,
);

// (1) the gateway path.
const ctl = await SimControl.listen('FEMASSIM_CONTROL');
Object.assign(process.env, ctl.env);
const me = new MainEngine({ log: false });
me.addGateway(FemasGateway, 'FEMAS');
await me.connect(
  {
    userid: 'bench',
    password: 'x',
    brokerid: '0001',
    td_address: 'tcp://127.0.0.1:1',
    md_address: 'tcp://127.0.0.1:2',
    appid: 'bench',
    auth_code: 'x',
    td_library: lib,
    md_library: lib,
    flow_dir: path.join(buildDir, 'flow-bench'),
    query_interval_ms: 1000,
  },
  'FEMAS',
);
await subscribeAll(
  me,
  'FEMAS',
  ['rb2501', 'sc2503', 'IF2501', 'm2505'].map((symbol) => ({ symbol, exchange: Exchange.SHFE })),
);
// (3) order round trips, one at a time (buys below the touch rest).
await benchNativeOrders('femas', {
  me,
  gateway: 'FEMAS',
  n: N,
  rawRate,
  decode: { full: fullRate, bare: bareRate, struct: 'CUstpFtdcDepthMarketDataField', sink: sink.value },
  burst: () => void ctl.send(`burst ${N}`),
  order: () => ({
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    offset: Offset.OPEN,
    price: 3400,
    volume: 1,
  }),
  stop: () => ctl.close(),
});
process.exit(0);
