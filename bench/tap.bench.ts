// TAP: (1) quotes/s from the simulated library's own thread through the koffi notify object in the native
// host process, the batched IPC transfer and the gateway's parsing into the event engine, beside the raw
// rate of a koffi callback from a foreign thread into the main thread, measured in the same run (and a check
// that no quote is lost: the simulator numbers them); (2) decoding one TapAPIQuoteWhole into TickData beside
// the bare struct decode of the same bytes; (3) an order's round trip (sendOrder → NOTTRADED pushed) against
// the simulated counter beside a bare IPC echo with a child process.
import path from 'node:path';
import { Direction, Exchange, Offset, OrderType } from '../src/core/constant.js';
import { MainEngine } from '../src/core/engine.js';
import { quoteStructs } from '../bindings/tap/structs.js';
import { SimControl } from '../bindings/native/sim-control.js';
import { TapGateway } from '../gateways/tap/index.js';
import { parseTick } from '../gateways/tap/parse.js';
import { buildSim } from '../gateways/tap/sim/build.js';
import { benchNativeOrders, decodeRate, subscribeAll } from './native-gateway.js';
import { rawCallbackRate } from './raw-koffi.js';

const N = 50_000;
const buildDir = path.resolve('test/gateways/tap/build');
const lib = await buildSim({}, buildDir);

const rawRate = await rawCallbackRate(lib, 'tapsim_raw_burst', N);

// (2) decode.
const qw = quoteStructs().QuoteWhole;
const sample = qw.write({
  ExchangeNo: 'COMEX',
  CommodityType: 'F',
  CommodityNo: 'GC',
  ContractNo1: '2612',
  DateTimeStamp: '2026-12-02 10:00:00.123',
  QLastPrice: 2000,
  QBidPrice0: 1999.9,
  QAskPrice0: 2000.1,
  QBidQty0: 10n,
  QAskQty0: 12n,
  QTotalQty: 12345n,
});
const DECODES = 50_000;
const sink = { value: 0 };
const bareRate = decodeRate(DECODES, () => Number(qw.read(sample).QLastPrice), sink);
const fullRate = decodeRate(DECODES, () => parseTick(qw.read(sample), 'TAP')?.lastPrice ?? 0, sink);

// (1) the gateway path.
const ctl = await SimControl.listen('TAPSIM_CONTROL');
Object.assign(process.env, ctl.env);
const me = new MainEngine({ log: false });
me.addGateway(TapGateway, 'TAP');
await me.connect(
  {
    auth_code: 'bench',
    quote_username: 'Q',
    quote_password: 'x',
    quote_host: '127.0.0.1',
    quote_port: 7171,
    trade_username: 'T',
    trade_password: 'x',
    trade_host: '127.0.0.1',
    trade_port: 6060,
    trade_library: lib,
    quote_library: lib,
  },
  'TAP',
);
await subscribeAll(me, 'TAP', [{ symbol: 'GC2612', exchange: Exchange.COMEX }]);
// (3) order round trips, one at a time (buys below the reference rest).
await benchNativeOrders('tap', {
  me,
  gateway: 'TAP',
  n: N,
  rawRate,
  decode: { full: fullRate, bare: bareRate, struct: 'TapAPIQuoteWhole', sink: sink.value },
  burst: () => void ctl.send(`burst ${N}`),
  order: () => ({
    symbol: 'GC2612',
    exchange: Exchange.COMEX,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    offset: Offset.NONE,
    price: 1990,
    volume: 1,
  }),
  stop: () => ctl.close(),
});
process.exit(0);
