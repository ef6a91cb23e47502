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
import type { MarketPush } from '../gateways/htx/types.js';
import { gunzipText } from '../gateways/htx/ws.js';
import { settingFor } from '../test/gateways/htx/target.js';
import { percentile, report } from './report.js';

const RECORDED = 10_000;
const ROUND_TRIPS = 300;

async function record(sim: HtxSim): Promise<Buffer[]> {
  const ws = new WebSocket(sim.marketUrl);
  const frames: Buffer[] = [];
  ws.on('message', (d: Buffer) => {
    const text = gunzipText(d);
    if (text.startsWith('{"ch"')) frames.push(d);
    else if (text.startsWith('{"ping"')) ws.send(text.replace('ping', 'pong'));
  });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ sub: 'market.btcusdt.depth.step0', id: '1' }));
  ws.send(JSON.stringify({ sub: 'market.btcusdt.ticker', id: '2' }));
  while (frames.length < RECORDED) await new Promise((r) => setTimeout(r, 20));
  ws.terminate();
  return frames.slice(0, RECORDED);
}

function parseThroughput(frames: Buffer[]): void {
  let ticks = 0;
  let sink = 0;
  const market = new MarketTicks(
    'HUOBI',
    (t) => {
      ticks++;
      sink += t.bidPrice1;
    },
    (msg, level) => {
      if (level >= LogLevel.WARNING) process.stderr.write(msg + '\n');
    },
  );
  market.topics('btcusdt', 'BTC/USDT');
  const runOnce = () => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < frames.length; i++)
      market.handle(JSON.parse(gunzipText(frames[i]!)) as MarketPush<unknown>);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const baseline = () => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < frames.length; i++) sink += (JSON.parse(gunzipText(frames[i]!)) as { ts: number }).ts;
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  runOnce();
  baseline();
  let best = Infinity;
  let baselineMs = Infinity;
  for (let i = 0; i < 8; i++) {
    ticks = 0;
    best = Math.min(best, runOnce());
    baselineMs = Math.min(baselineMs, baseline());
  }
  report({
    bench: 'htx.parse',
    value: (frames.length / best) * 1000,
    unit: 'msgs/s',
    baseline: (frames.length / baselineMs) * 1000,
    baselineName: 'gunzip + JSON.parse of the same frames',
    target: 'ratio >= 0.5',
    ticks_per_run: ticks,
    messages: frames.length,
    sink: sink > 0 ? 1 : 0,
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
const frames = await record(sim);
sim.exchange.setTickRate(0);
parseThroughput(frames);
await orderRoundTrip(sim);
await sim.close();
