// HUOBI gateway: (1) gzip market frames/s (depth.step0 and ticker, recorded from the HTX simulator) turned
// into TickData through the gateway's own path (gunzip, JSON.parse, shape check, five levels), against the
// bare decode of the same bytes (gunzip + JSON.parse); (2) order round trip sendOrder -> NOTTRADED against
// the simulator on loopback (signed REST POST, the orders# push on the v2 link), beside a raw WebSocket echo.
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { Direction, Exchange, LogLevel, Offset, OrderType, Status } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { HuobiGateway } from '../gateways/htx/index.js';
import { MarketTicks } from '../gateways/htx/market-data.js';
import { startHtxSim, type HtxSim } from '../gateways/htx/sim/server.js';
import { settingFor } from '../test/gateways/htx/target.js';
import { recordGzipFrames, reportGzipParse } from './htx-frames.js';
import { percentile, report } from './report.js';

const RECORDED = 10_000;
const ROUND_TRIPS = 300;

function parseThroughput(frames: Buffer[]): void {
  let produced = 0;
  const market = new MarketTicks(
    'HUOBI',
    () => {
      produced++;
    },
    (msg, level) => {
      if (level >= LogLevel.WARNING) process.stderr.write(msg + '\n');
    },
  );
  market.topics('btcusdt', 'BTC/USDT');
  reportGzipParse('htx.parse', frames, (m) => {
    const before = produced;
    market.handle(m);
    return produced - before;
  });
}

async function orderRoundTrip(sim: HtxSim): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  ee.start();
  const gw = new HuobiGateway(ee, 'HUOBI');
  await gw.connect(settingFor(sim));
  const waiting = new Map<string, () => void>();
  ee.register('order', (e) => {
    if (e.data.status === Status.NOTTRADED) waiting.get(e.data.vtOrderid)?.();
  });
  const sample: number[] = [];
  for (let i = 0; i < ROUND_TRIPS + 20; i++) {
    const t0 = process.hrtime.bigint();
    await new Promise<void>((resolve) => {
      const id = gw.sendOrder({
        symbol: 'btcusdt',
        exchange: Exchange.HUOBI,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        price: 80000 + (i % 100) * 0.01,
        volume: 0.001,
        offset: Offset.NONE,
      });
      waiting.set(id, resolve);
    });
    if (i >= 20) sample.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await gw.close();
  ee.stop();

  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (s) => s.on('message', (d) => s.send(d)));
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await new Promise((r) => ws.once('open', r));
  const echo: number[] = [];
  for (let i = 0; i < ROUND_TRIPS + 20; i++) {
    const t0 = process.hrtime.bigint();
    await new Promise((r) => {
      ws.once('message', r);
      ws.send(`{"account-id":"1","symbol":"btcusdt","type":"buy-limit","amount":"0.001","n":${i}}`);
    });
    if (i >= 20) echo.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ws.terminate();
  await new Promise((r) => wss.close(r));
  for (const p of [50, 99]) {
    report({
      bench: `htx.order_round_trip.p${p}`,
      value: percentile(sample, p),
      unit: 'ms',
      ws_echo_ms: Math.round(percentile(echo, p) * 1000) / 1000,
      note: 'signed POST /v1/order/orders/place to the simulator, NOTTRADED seen on the event bus; beside a raw ws echo',
      samples: sample.length,
    });
  }
}

const sim = await startHtxSim({ seed: 9, tickRate: 5000, volatility: 0.0005 });
const frames = await recordGzipFrames(
  sim.marketUrl,
  ['market.btcusdt.depth.step0', 'market.btcusdt.ticker'],
  RECORDED,
);
sim.exchange.setTickRate(0);
parseThroughput(frames);
await orderRoundTrip(sim);
await sim.close();
