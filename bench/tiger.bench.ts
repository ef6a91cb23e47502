// TIGER gateway: (1) push frames/s (quotes, depth, trade ticks recorded from the simulator's TLS push
// channel) through the gateway's path — varint framing, protobuf decode, mapping onto TickData — against
// the bare framing + protobuf decode of the same bytes; (2) order round trip sendOrder -> NOTTRADED against
// the simulator on loopback (signed REST place_order, the order push over TLS), beside a raw TLS echo.
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { Direction, Exchange, Offset, OrderType } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { TigerGateway } from '../gateways/tiger/index.js';
import {
  Command,
  DataType,
  FrameReader,
  decodeResponse,
  decodeResponseRaw,
  delimit,
  encodeRequest,
  type PushDataMsg,
} from '../gateways/tiger/proto.js';
import type { TigerSim } from '../gateways/tiger/sim/server.js';
import { pushLogin, settingFor, startSim, testCert } from '../test/gateways/tiger/target.js';
import { percentile, report } from './report.js';
import { orderRoundTrips, timeRounds } from './round-trip.js';

const RECORDED = 20_000;
const ROUND_TRIPS = 300;

/** Raw push bytes as the simulator sends them, past CONNECTED and the subscribe answers. */
async function record(sim: TigerSim): Promise<Buffer[]> {
  const { socket, frames: received } = await pushLogin(sim);
  let id = 2;
  for (const dataType of [DataType.Quote, DataType.QuoteDepth, DataType.TradeTick]) {
    socket.write(
      encodeRequest({ command: Command.SUBSCRIBE, id: id++, subscribe: { dataType, symbols: 'AAPL' } }),
    );
  }
  const data = () => received.filter((f) => decodeResponse(f).body !== undefined);
  while (data().length < RECORDED) await new Promise((r) => setTimeout(r, 50));
  socket.destroy();
  // Each frame again with its varint length prefix, as it arrives on the socket.
  return data()
    .slice(0, RECORDED)
    .map((f) => Buffer.from(delimit(f)));
}

async function parseThroughput(sim: TigerSim, frames: Buffer[]): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  const gw = new TigerGateway(ee, 'TIGER');
  ee.start();
  await gw.connect(settingFor(sim, testCert().certFile, { rateLimit: false }));
  gw.subscribe({ symbol: 'AAPL', exchange: Exchange.SMART });
  ee.stop();
  let ticks = 0;
  let sink = 0;
  // Count ticks at the gateway's push (no event dispatch: the bench measures the gateway's own work).
  (gw as unknown as { onTick: (t: { bidPrice1: number }) => void }).onTick = (t) => {
    ticks++;
    sink += t.bidPrice1;
  };
  const onPush = (gw as unknown as { onPush: (b: PushDataMsg) => void }).onPush.bind(gw);
  const all = Buffer.concat(frames);
  const chunk = 16 * 1024;
  const runOnce = () => {
    const reader = new FrameReader();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < all.length; i += chunk) {
      reader.push(all.subarray(i, i + chunk), (f) => {
        const r = decodeResponse(f);
        if (r.body) onPush(r.body);
      });
    }
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const baseline = () => {
    const reader = new FrameReader();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < all.length; i += chunk)
      reader.push(all.subarray(i, i + chunk), (f) => (sink += decodeResponseRaw(f) ? 1 : 0));
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  runOnce();
  baseline();
  let best = Infinity;
  let baselineMs = Infinity;
  for (let i = 0; i < 10; i++) {
    ticks = 0;
    best = Math.min(best, runOnce());
    baselineMs = Math.min(baselineMs, baseline());
  }
  ee.start();
  await gw.close();
  ee.stop();
  report({
    bench: 'tiger.parse',
    value: (frames.length / best) * 1000,
    unit: 'msgs/s',
    baseline: (frames.length / baselineMs) * 1000,
    baselineName: 'varint framing + protobufjs decode of the same bytes',
    target: 'ratio >= 0.3',
    ticks_per_run: ticks,
    messages: frames.length,
    sink: sink > 0 ? 1 : 0,
  });
}

async function orderRoundTrip(sim: TigerSim): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  ee.start();
  const gw = new TigerGateway(ee, 'TIGER');
  await gw.connect(settingFor(sim, testCert().certFile, { rateLimit: false }));
  const sample = await orderRoundTrips(ee, ROUND_TRIPS, (i) =>
    gw.sendOrder({
      symbol: 'AAPL',
      exchange: Exchange.SMART,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 150 + (i % 100) * 0.01,
      volume: 1,
      offset: Offset.NONE,
    }),
  );
  await gw.close();
  ee.stop();

  const cert = testCert();
  const echoServer = tls.createServer({ cert: cert.cert, key: cert.key }, (s) =>
    s.on('data', (d) => s.write(d)),
  );
  await new Promise<void>((r) => echoServer.listen(0, '127.0.0.1', r));
  const client = tls.connect({
    host: '127.0.0.1',
    port: (echoServer.address() as AddressInfo).port,
    ca: cert.cert,
  });
  await new Promise<void>((r) => client.once('secureConnect', () => r()));
  const payload = Buffer.from(encodeRequest({ command: Command.HEARTBEAT, id: 7 }));
  const echo = await timeRounds(
    ROUND_TRIPS,
    () =>
      new Promise<void>((r) => {
        client.once('data', () => r());
        client.write(payload);
      }),
  );
  client.destroy();
  await new Promise((r) => echoServer.close(r));
  for (const p of [50, 99]) {
    report({
      bench: `tiger.order_round_trip.p${p}`,
      value: percentile(sample, p),
      unit: 'ms',
      tls_echo_ms: Math.round(percentile(echo, p) * 1000) / 1000,
      note: 'signed REST place_order to the simulator, NOTTRADED seen on the event bus; beside a raw TLS echo',
      samples: sample.length,
    });
  }
}

const sim = await startSim({ seed: 9, tickRate: 5000, volatility: 0.0005 });
const frames = await record(sim);
sim.exchange.setTickRate(0);
await parseThroughput(sim, frames);
await orderRoundTrip(sim);
await sim.close();
