// BINANCE gateway: (1) ticks/s from recorded stream messages (ticker, depth diffs, trades) parsed into
// TickData through the gateway's market-data path, against JSON.parse alone over the same messages; (2) order
// round trip sendOrder -> NOTTRADED against the simulator on loopback, beside a raw WebSocket echo.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { Direction, Exchange, LogLevel, Offset, OrderType } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import type { TickData } from '../src/core/object.js';
import { RestClient } from '../gateways/common/rest-client.js';
import { BinanceGateway } from '../gateways/binance/index.js';
import { MarketData } from '../gateways/binance/market-data.js';
import { startBinanceSim, type BinanceSim } from '../gateways/binance/sim/server.js';
import { settingFor } from '../test/gateways/binance/target.js';
import { report } from './report.js';
import { orderRoundTrips, reportRoundTrips, wsEchoRoundTrips } from './round-trip.js';

const RECORDED = 20_000;
const ROUND_TRIPS = 400;

interface Recording {
  messages: string[];
  /** The REST depth snapshot taken once the subscription stood, as the gateway would fetch it. */
  snapshot: string;
}

/** Records the raw stream text the gateway would receive, and the depth snapshot it would start from. */
async function record(sim: BinanceSim): Promise<Recording> {
  const ws = new WebSocket(sim.spotStreamUrl);
  const messages: string[] = [];
  await new Promise((r) => ws.once('open', r));
  ws.on('message', (d) => messages.push(d.toString()));
  const topics = ['btcusdt@ticker', 'btcusdt@depth@100ms', 'btcusdt@trade'];
  ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: topics, id: 1 }));
  while (messages.length === 0) await new Promise((r) => setTimeout(r, 1));
  const snapshot = await (await fetch(`${sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=1000`)).text();
  // The replay starts at the diff that continues the snapshot, so every replayed message yields a tick.
  const next = (JSON.parse(snapshot) as { lastUpdateId: number }).lastUpdateId + 1;
  const continues = (m: string) => {
    const d = JSON.parse(m) as { e?: string; U?: number; u?: number };
    return d.e === 'depthUpdate' && d.U! <= next && next <= d.u!;
  };
  let start = -1;
  for (let seen = 1; start < 0 || messages.length - start < RECORDED;) {
    await new Promise((r) => setTimeout(r, 20));
    for (; start < 0 && seen < messages.length; seen++) if (continues(messages[seen]!)) start = seen;
  }
  ws.terminate();
  return { messages: messages.slice(start, start + RECORDED), snapshot };
}

/** Serves the recorded snapshot, so every replay starts from the book the recording started from. */
async function snapshotServer(snapshot: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(snapshot);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

async function parseThroughput(sim: BinanceSim, { messages, snapshot }: Recording): Promise<void> {
  const snapshots = await snapshotServer(snapshot);
  const rest = new RestClient({ baseUrl: snapshots.url });
  let resyncs = 0;
  let ticks = 0;
  let sink = 0;
  const runOnce = async (): Promise<number> => {
    let synced!: () => void;
    let isSynced = false;
    const ready = new Promise<void>((r) => (synced = r));
    const md = new MarketData({
      gatewayName: 'BINANCE',
      url: sim.spotStreamUrl,
      rest,
      depthPath: '/api/v3/depth',
      // The first snapshot arrives before any recorded diff applies: the replay then runs synchronously.
      onTick: (t: TickData) => {
        ticks++;
        sink += t.bidPrice1;
        if (!isSynced) {
          isSynced = true;
          synced();
        }
      },
      onStatus: () => undefined,
      log: (msg: string, level: LogLevel) => {
        if (msg.includes('resynchronising')) resyncs++;
        else if (level >= LogLevel.WARNING) process.stderr.write(msg + '\n');
      },
    });
    md.subscribe('BTCUSDT');
    await ready;
    ticks = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < messages.length; i++) md.onMessage(messages[i]!);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    await md.close();
    return ms;
  };
  const baseline = () => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < messages.length; i++) sink += (JSON.parse(messages[i]!) as { E?: number }).E ?? 0;
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  // Interleaved rounds, best of each: the machine's load shifts during a run, and both sides see it alike.
  await runOnce();
  baseline();
  let best = Infinity;
  let baselineMs = Infinity;
  for (let i = 0; i < 10; i++) {
    best = Math.min(best, await runOnce());
    baselineMs = Math.min(baselineMs, baseline());
  }
  report({
    bench: 'binance.parse',
    value: (messages.length / best) * 1000,
    unit: 'msgs/s',
    baseline: (messages.length / baselineMs) * 1000,
    baselineName: 'JSON.parse of the same messages',
    target: 'ratio >= 0.5',
    ticks_per_run: ticks,
    messages: messages.length,
    book_resyncs: resyncs,
    sink: sink > 0 ? 1 : 0,
  });
  await snapshots.close();
}

async function orderRoundTrip(sim: BinanceSim): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  ee.start();
  const gw = new BinanceGateway(ee, 'BINANCE');
  await gw.connect(settingFor(sim, 'SPOT'));
  const sample = await orderRoundTrips(ee, ROUND_TRIPS, (i) =>
    gw.sendOrder({
      symbol: 'BTCUSDT',
      exchange: Exchange.BINANCE,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 80000 + (i % 100) * 0.01,
      volume: 0.001,
      offset: Offset.NONE,
    }),
  );
  await gw.close();
  ee.stop();

  const echo = await wsEchoRoundTrips(ROUND_TRIPS, (i) => `{"id":${i},"method":"order.place"}`);
  reportRoundTrips(
    'binance',
    sample,
    echo,
    'REST order (signed) to the simulator, NOTTRADED seen on the event bus; beside a raw ws echo',
  );
}

const sim = await startBinanceSim({ seed: 9, tickRate: 5000, volatility: 0.0005 });
const recording = await record(sim);
sim.venues.SPOT.exchange.setTickRate(0);
sim.venues.USDM.exchange.setTickRate(0);
await parseThroughput(sim, recording);
await orderRoundTrip(sim);
await sim.close();
