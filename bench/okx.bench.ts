// OKX gateway: (1) public frames/s (books with seqId continuity and the CRC32 checksum, tickers, trades)
// recorded from the simulator and replayed through the gateway's market-data path into TickData, against
// JSON.parse alone of the same frames; (2) order round trip sendOrder -> NOTTRADED against the simulator on
// loopback (signed REST POST, the orders-channel push), beside a raw WebSocket echo.
import WebSocket from 'ws';
import { Direction, Exchange, LogLevel, Offset, OrderType } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { OkexGateway } from '../gateways/okx/index.js';
import { MarketData } from '../gateways/okx/market-data.js';
import { startOkxSim, type OkxSim } from '../gateways/okx/sim/server.js';
import type { WsMessage } from '../gateways/okx/types.js';
import { settingFor } from '../test/gateways/okx/target.js';
import { compareReplay, reportReplay } from './replay.js';
import { orderRoundTrips, reportRoundTrips, wsEchoRoundTrips } from './round-trip.js';

const RECORDED = 20_000;
const ROUND_TRIPS = 300;
const INST = 'BTC-USDT';

async function record(sim: OkxSim): Promise<string[]> {
  const ws = new WebSocket(sim.publicUrl);
  const frames: string[] = [];
  ws.on('message', (d) => {
    const t = d.toString();
    if (t.startsWith('{"arg"') && t.includes('"data"')) frames.push(t);
  });
  await new Promise((r) => ws.once('open', r));
  const args = ['books', 'tickers', 'trades'].map((channel) => ({ channel, instId: INST }));
  ws.send(JSON.stringify({ op: 'subscribe', args }));
  while (frames.length < RECORDED) await new Promise((r) => setTimeout(r, 20));
  ws.terminate();
  // From the book snapshot on, so that every replayed update chains onto it.
  const start = frames.findIndex((f) => f.includes('"action":"snapshot"'));
  return frames.slice(start, start + RECORDED);
}

function parseThroughput(frames: string[]): void {
  let ticks = 0;
  const md = new MarketData({
    gatewayName: 'OKEX',
    // Never started: the frames are replayed, not received.
    url: 'ws://127.0.0.1:9/ws/v5/public',
    heartbeatMs: 25_000,
    onTick: () => void ticks++,
    onStatus: () => undefined,
    log: (msg, level) => {
      if (level >= LogLevel.WARNING) process.stderr.write(msg + '\n');
    },
  });
  md.subscribe(INST, 'SPOT');
  const figures = compareReplay({
    frames,
    replay: (f) => md.onPush(JSON.parse(f) as WsMessage),
    baseline: (f) => (JSON.parse(f) as { data: unknown[] }).data.length,
    beforeRun: () => (ticks = 0),
  });
  reportReplay('okx.parse', figures, { ticks_per_run: ticks, resyncs: md.resyncs, messages: frames.length });
}

async function orderRoundTrip(sim: OkxSim): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  ee.start();
  const gw = new OkexGateway(ee, 'OKEX');
  await gw.connect(settingFor(sim));
  const sample = await orderRoundTrips(ee, ROUND_TRIPS, (i) =>
    gw.sendOrder({
      symbol: INST,
      exchange: Exchange.OKEX,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 80000 + (i % 100) * 0.1,
      volume: 0.001,
      offset: Offset.NONE,
    }),
  );
  await gw.close();
  ee.stop();
  const echo = await wsEchoRoundTrips(
    ROUND_TRIPS,
    (i) => `{"instId":"${INST}","tdMode":"cash","side":"buy","ordType":"limit","sz":"0.001","n":${i}}`,
  );
  reportRoundTrips(
    'okx',
    sample,
    echo,
    'signed REST POST /api/v5/trade/order to the simulator, NOTTRADED seen on the event bus; beside a raw ws echo',
  );
}

const sim = await startOkxSim({ seed: 7, tickRate: 5000, volatility: 0.0005 });
const frames = await record(sim);
sim.exchange.setTickRate(0);
parseThroughput(frames);
await orderRoundTrip(sim);
await sim.close();
