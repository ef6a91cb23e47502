// ALPACA gateway: (1) market-data frames/s (quotes, trades, daily bars recorded from the simulator's stock
// stream) parsed into TickData through the gateway's stream path, against JSON.parse alone over the same
// frames; (2) order round trip sendOrder -> NOTTRADED against the simulator on loopback (REST POST, the
// trade_updates push in binary frames), beside a raw WebSocket echo.
import WebSocket from 'ws';
import { Direction, Exchange, LogLevel, Offset, OrderType } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { AlpacaGateway } from '../gateways/alpaca/index.js';
import { DataStream } from '../gateways/alpaca/market-data.js';
import { startAlpacaSim, type AlpacaSim } from '../gateways/alpaca/sim/server.js';
import { settingFor } from '../test/gateways/alpaca/target.js';
import { compareReplay, reportReplay } from './replay.js';
import { orderRoundTrips, reportRoundTrips, wsEchoRoundTrips } from './round-trip.js';

const RECORDED = 20_000;
const ROUND_TRIPS = 400;

async function record(sim: AlpacaSim): Promise<string[]> {
  const ws = new WebSocket(sim.stockStreamUrl.replace('{feed}', 'iex'));
  const frames: string[] = [];
  ws.on('message', (d) => frames.push(d.toString()));
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ action: 'auth', key: sim.credentials.key, secret: sim.credentials.secret }));
  ws.send(JSON.stringify({ action: 'subscribe', trades: ['AAPL'], quotes: ['AAPL'], dailyBars: ['AAPL'] }));
  while (frames.length < RECORDED + 3) await new Promise((r) => setTimeout(r, 20));
  ws.terminate();
  // Past the welcome, the login answer and the subscription: data frames only.
  return frames.slice(3, RECORDED + 3);
}

async function parseThroughput(sim: AlpacaSim, frames: string[]): Promise<void> {
  let ticks = 0;
  const stream = new DataStream({
    gatewayName: 'ALPACA',
    label: 'stocks (iex)',
    feed: 'iex',
    // Nothing listens here: the stream is driven by replaying frames, not by a connection.
    url: 'ws://127.0.0.1:9/v2/iex',
    key: sim.credentials.key,
    secret: sim.credentials.secret,
    onTick: () => void ticks++,
    onStatus: () => undefined,
    log: (msg, level) => {
      if (level >= LogLevel.WARNING && !msg.includes('trying again') && !msg.includes('ECONNREFUSED'))
        process.stderr.write(msg + '\n');
    },
  });
  stream.subscribe('AAPL', 'AAPL', Exchange.NASDAQ, 'Apple Inc.');
  const figures = compareReplay({
    frames,
    replay: (f) => stream.onText(f),
    baseline: (f) => (JSON.parse(f) as unknown[]).length,
    beforeRun: () => (ticks = 0),
  });
  await stream.close();
  reportReplay('alpaca.parse', figures, {
    target: 'ratio >= 0.5',
    ticks_per_run: ticks,
    messages: frames.length,
  });
}

async function orderRoundTrip(sim: AlpacaSim): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  ee.start();
  const gw = new AlpacaGateway(ee, 'ALPACA');
  await gw.connect(settingFor(sim));
  const sample = await orderRoundTrips(ee, ROUND_TRIPS, (i) =>
    gw.sendOrder({
      symbol: 'AAPL',
      exchange: Exchange.NASDAQ,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 150 + (i % 100) * 0.01,
      volume: 1,
      offset: Offset.NONE,
    }),
  );
  await gw.close();
  ee.stop();

  const echo = await wsEchoRoundTrips(
    ROUND_TRIPS,
    (i) => `{"symbol":"AAPL","qty":"1","side":"buy","type":"limit","n":${i}}`,
  );
  reportRoundTrips(
    'alpaca',
    sample,
    echo,
    'REST POST /v2/orders to the simulator, NOTTRADED seen on the event bus; beside a raw ws echo',
  );
}

const sim = await startAlpacaSim({ seed: 9, tickRate: 5000, volatility: 0.0005 });
const frames = await record(sim);
sim.exchange.setTickRate(0);
await parseThroughput(sim, frames);
await orderRoundTrip(sim);
await sim.close();
