// OES/MDS: (1) Level-1 snapshots/s from the simulated MDS server through MdsApi_WaitOnMsg's callback in the
// native host process, the batched IPC transfer and the gateway's parsing into the event engine, beside the
// raw rate of a koffi callback from a foreign thread into the main thread, measured in the same run (and a
// check that no snapshot is lost: the simulator numbers them); (2) decoding one MdsL1SnapshotT into TickData
// beside the bare struct decode of the same bytes; (3) an order's round trip (sendOrder → NOTTRADED pushed)
// against the simulated counter beside a bare IPC echo with a child process.
import { Direction, Exchange, Offset, OrderType } from '../src/core/constant.js';
import { MainEngine } from '../src/core/engine.js';
import { oesStructs } from '../bindings/oes/structs.js';
import { OesGateway } from '../gateways/oes/index.js';
import { parseSnapshot } from '../gateways/oes/parse.js';
import { buildOesSim } from '../gateways/oes/sim/build.js';
import { BUILD_DIR, startSim } from '../test/gateways/oes/target.js';
import { rawCallbackRate } from './raw-koffi.js';
import { benchNativeOrders, decodeRate, subscribeAll } from './native-gateway.js';

const N = 50_000;
// Before the control socket exists: this process's own copy of the library must not connect to it (it
// would wait for the socket's answer on the very thread that serves it).
const rawRate = await rawCallbackRate(await buildOesSim(BUILD_DIR), 'oessim_raw_burst', N);
const sim = await startSim();

// (2) decode.
const st = oesStructs.L1Snapshot;
const sample = st.write({
  exchId: 1,
  mdProductType: 1,
  tradeDate: 20261203,
  updateTime: 93000123,
  SecurityID: '600000',
  TotalVolumeTraded: 12345n,
  TotalValueTraded: 1265000000n,
  TradePx: 102550,
  Bid1Price: 102500,
  Bid1OrderQty: 10000n,
  Offer1Price: 102600,
  Offer1OrderQty: 12000n,
});
const DECODES = 50_000;
const sink = { value: 0 };
const bareRate = decodeRate(DECODES, () => Number(st.read(sample).TradePx), sink);
const fullRate = decodeRate(DECODES, () => parseSnapshot(st.read(sample), 'OES')?.lastPrice ?? 0, sink);

// (1) the gateway path.
const me = new MainEngine({ log: false });
me.addGateway(OesGateway, 'OES');
await me.connect(sim.setting({ poll_idle_ms: 1 }), 'OES');
await subscribeAll(me, 'OES', [{ symbol: '600000', exchange: Exchange.SSE }]);
// (3) order round trips, one at a time (buys below the best ask rest).
await benchNativeOrders('oes', {
  me,
  gateway: 'OES',
  n: N,
  rawRate,
  decode: { full: fullRate, bare: bareRate, struct: 'MdsL1SnapshotT', sink: sink.value },
  burst: () => void sim.control(`burst ${N}`),
  order: (i) => ({
    symbol: '600000',
    exchange: Exchange.SSE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    offset: Offset.NONE,
    price: 9 + (i % 100) / 100,
    volume: 100,
  }),
  stop: () => sim.stop(),
});
process.exit(0);
