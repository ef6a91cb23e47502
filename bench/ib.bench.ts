// IB: messages/s decoded from a byte stream of TWS messages in the documented formats (framing + typed
// decode), beside a plain scan of the same bytes for frame lengths and field separators; and the order round
// trip (sendOrder -> NOTTRADED) through the gateway against the simulated TWS over loopback TCP.
import { Direction, Exchange, Offset, OrderType, Status } from '../src/core/constant.js';
import { MainEngine } from '../src/core/engine.js';
import { encodeMessage, FrameDecoder, type Field } from '../gateways/ib/codec.js';
import * as msg from '../gateways/ib/incoming.js';
import { decodeServerMessage } from '../gateways/ib/incoming.js';
import { IbGateway } from '../gateways/ib/index.js';
import { ibContract, MAX_CLIENT_VERSION, TICK } from '../gateways/ib/protocol.js';
import { IB_SIM_ACCOUNT, startIbSimulator } from '../gateways/ib/sim/index.js';
import { bestOf, percentile, report } from './report.js';

// ---- decode throughput ----------------------------------------------------------------------------------

const contract = ibContract({
  conId: 265598,
  symbol: 'AAPL',
  secType: 'STK',
  exchange: 'ISLAND',
  currency: 'USD',
  localSymbol: 'AAPL',
  tradingClass: 'NMS',
});
/** A market-data-heavy mix, as a subscribed session sees it: quotes, sizes, depth, with order traffic. */
function sampleMessages(i: number): Field[][] {
  const px = 185 + (i % 100) / 100;
  return [
    msg.tickPrice({ reqId: 9000, tickType: TICK.BID, price: px, size: 100 + (i % 7), attrMask: 0 }),
    msg.tickPrice({ reqId: 9000, tickType: TICK.ASK, price: px + 0.01, size: 200, attrMask: 0 }),
    msg.tickSize({ reqId: 9000, tickType: TICK.VOLUME, size: 1_000_000 + i }),
    msg.marketDepth({ reqId: 9001, position: i % 5, operation: 1, side: i % 2, price: px, size: 300 }),
    msg.tickString({ reqId: 9000, tickType: TICK.LAST_TIMESTAMP, value: String(1742768461 + i) }),
    msg.orderStatus(MAX_CLIENT_VERSION, {
      orderId: i,
      status: 'Submitted',
      filled: 0,
      remaining: 100,
      avgFillPrice: 0,
      permId: 2126726143,
      parentId: 0,
      lastFillPrice: 0,
      clientId: 1,
      whyHeld: '',
      mktCapPrice: 0,
    }),
    msg.executionData(MAX_CLIENT_VERSION, {
      reqId: -1,
      orderId: i,
      contract,
      execution: {
        execId: `0000e0d5.67fb${i}.01.01`,
        time: '20250323 14:30:01 US/Eastern',
        account: 'DU1234567',
        exchange: 'ISLAND',
        side: 'BOT',
        shares: 100,
        price: px,
        permId: 2126726143,
        clientId: 1,
        cumQty: 100,
        avgPrice: px,
        orderRef: '',
      },
    }),
  ];
}
const frames: Buffer[] = [];
for (let i = 0; frames.length < 200_000; i++)
  for (const f of sampleMessages(i)) frames.push(encodeMessage(f));
const stream = Buffer.concat(frames);
const N = frames.length;
const CHUNK = 64 * 1024;
let sink = 0;

const decodeMs = bestOf(5, () => {
  const dec = new FrameDecoder();
  for (let off = 0; off < stream.length; off += CHUNK) {
    dec.push(stream.subarray(off, Math.min(stream.length, off + CHUNK)));
    for (let f = dec.next(); f; f = dec.next())
      sink += decodeServerMessage(f, MAX_CLIENT_VERSION).kind.length;
  }
});

// The floor: walk the same bytes by their length prefixes and count field separators, allocating nothing.
const scanMs = bestOf(5, () => {
  let pos = 0;
  let fields = 0;
  while (pos + 4 <= stream.length) {
    const size = stream.readUInt32BE(pos);
    const end = pos + 4 + size;
    for (let i = pos + 4; i < end; i++) if (stream[i] === 0) fields++;
    pos = end;
  }
  sink += fields;
});

report({
  bench: 'ib.decode',
  value: N / (decodeMs / 1000),
  unit: 'msgs/s',
  baseline: N / (scanMs / 1000),
  baselineName: 'plain buffer scan (length prefixes + NUL count)',
  bytes: stream.length,
  messages: N,
});

// ---- order round trip -----------------------------------------------------------------------------------

const ORDERS = 200;
const { sim, exchange } = await startIbSimulator({ seed: 5, tickRate: 0, cash: 100_000_000 });
const me = new MainEngine({ log: false });
me.addGateway(IbGateway, 'IB');
await me.connect(
  { host: '127.0.0.1', port: sim.port, clientId: 1, account: IB_SIM_ACCOUNT, contracts: '265598' },
  'IB',
);
// connect() resolves once the gateway has pushed the contracts; the engine dispatches them a turn later.
while (!me.getContract('265598.SMART')) await new Promise((r) => setTimeout(r, 5));
const sent = new Map<string, bigint>();
const rtt: number[] = [];
let done: (() => void) | undefined;
me.eventEngine.register('order', (e) => {
  const t0 = sent.get(e.data.vtOrderid);
  if (t0 === undefined || e.data.status !== Status.NOTTRADED) return;
  sent.delete(e.data.vtOrderid);
  rtt.push(Number(process.hrtime.bigint() - t0) / 1e6);
  done?.();
});
for (let i = 0; i < ORDERS; i++) {
  const arrived = new Promise<void>((r) => (done = r));
  const t0 = process.hrtime.bigint();
  const id = me.sendOrder(
    {
      symbol: '265598',
      exchange: Exchange.SMART,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 100,
      volume: 1,
      offset: Offset.NONE,
    },
    'IB',
  );
  sent.set(id, t0);
  await arrived;
  // Stay under the pacer's sustained rate, so the figure is the link's latency, not queueing.
  await new Promise((r) => setTimeout(r, 26));
}
report({ bench: 'ib.order-roundtrip.p50', value: percentile(rtt, 50), unit: 'ms', orders: ORDERS });
report({ bench: 'ib.order-roundtrip.p99', value: percentile(rtt, 99), unit: 'ms', orders: ORDERS });
await me.close();
exchange.stop();
await sim.stop();
if (sink === 42) console.log('');
