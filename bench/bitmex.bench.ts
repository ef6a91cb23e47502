// BITMEX gateway: (1) realtime frames/s (orderBookL2_25 partial + insert/update/delete, trades) recorded from
// the simulator and replayed through the gateway's realtime path into TickData, against JSON.parse alone of
// the same frames; (2) order round trip sendOrder -> NOTTRADED against the simulator on loopback, beside a raw
// WebSocket echo.
import WebSocket from 'ws';
import { Direction, Exchange, Offset, OrderType } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { BitmexGateway } from '../gateways/bitmex/index.js';
import { startBitmexSim, type BitmexSim } from '../gateways/bitmex/sim/server.js';
import { settingFor } from '../test/gateways/bitmex/target.js';
import { compareReplay, reportReplay } from './replay.js';
import { orderRoundTrips, reportRoundTrips, wsEchoRoundTrips } from './round-trip.js';

const RECORDED = 20_000;
const ROUND_TRIPS = 300;

async function record(sim: BitmexSim): Promise<string[]> {
  const ws = new WebSocket(sim.wsUrl);
  const frames: string[] = [];
  ws.on('message', (d) => {
    const t = d.toString();
    if (t.startsWith('{"table"')) frames.push(t);
  });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ op: 'subscribe', args: ['orderBookL2_25:XBTUSD', 'trade:XBTUSD'] }));
  while (frames.length < RECORDED) await new Promise((r) => setTimeout(r, 20));
  ws.terminate();
  // From the book partial on, so that every replayed update finds its row.
  const start = frames.findIndex((f) => f.includes('"orderBookL2_25","action":"partial"'));
  return frames.slice(start, start + RECORDED);
}

async function parseThroughput(sim: BitmexSim, frames: string[]): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  const gw = new BitmexGateway(ee, 'BITMEX');
  let ticks = 0;
  gw.onTick = () => void ticks++;
  await gw.connect(settingFor(sim));
  gw.subscribe({ symbol: 'XBTUSD', exchange: Exchange.BITMEX });
  while (ticks === 0) await new Promise((r) => setTimeout(r, 5));
  const figures = compareReplay({
    frames,
    replay: (f) => gw.replayRealtime(f),
    baseline: (f) => (JSON.parse(f) as { data: unknown[] }).data.length,
    beforeRun: () => (ticks = 0),
  });
  await gw.close();
  reportReplay('bitmex.parse', figures, { ticks_per_run: ticks, messages: frames.length });
}

async function orderRoundTrip(sim: BitmexSim): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  ee.start();
  const gw = new BitmexGateway(ee, 'BITMEX');
  await gw.connect(settingFor(sim));
  const sample = await orderRoundTrips(
    ee,
    ROUND_TRIPS,
    (i) =>
      gw.sendOrder({
        symbol: 'XBTUSD',
        exchange: Exchange.BITMEX,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        price: 80000 + (i % 100) * 0.5,
        volume: 100,
        offset: Offset.NONE,
      }),
    // Outside the timing: resting orders would use up the account's margin.
    () => sim.venue.cancelAll(),
  );
  await gw.close();
  ee.stop();

  const echo = await wsEchoRoundTrips(ROUND_TRIPS, (i) => `{"op":"order","id":${i}}`);
  reportRoundTrips(
    'bitmex',
    sample,
    echo,
    'REST order (signed JSON body) to the simulator, NOTTRADED seen on the event bus; beside a raw ws echo',
  );
}

const sim = await startBitmexSim({ seed: 9, tickRate: 5000, volatility: 0.0005 });
const frames = await record(sim);
sim.venue.exchange.setTickRate(0);
await parseThroughput(sim, frames);
await orderRoundTrip(sim);
await sim.close();
