// ONETOKEN gateway: (1) tick-stream frames/s (single-tick-verbose, five levels) recorded from the simulator and
// replayed through the gateway's tick path into TickData, against JSON.parse alone of the same frames;
// (2) order round trip sendOrder -> NOTTRADED against the simulator on loopback (signed REST POST, the
// account-stream push), beside a raw WebSocket echo.
import WebSocket from 'ws';
import { Direction, Exchange, Offset, OrderType } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { OnetokenGateway } from '../gateways/onetoken/index.js';
import { startOnetokenSim, type OnetokenSim } from '../gateways/onetoken/sim/server.js';
import { settingFor } from '../test/gateways/onetoken/target.js';
import { compareReplay, reportReplay } from './replay.js';
import { orderRoundTrips, reportRoundTrips, wsEchoRoundTrips } from './round-trip.js';

const RECORDED = 20_000;
const ROUND_TRIPS = 300;

async function record(sim: OnetokenSim): Promise<string[]> {
  const ws = new WebSocket(`${sim.wsUrl}/tick`);
  const frames: string[] = [];
  ws.on('message', (d) => {
    const t = d.toString();
    if (t.includes('"uri":"single-tick-verbose"')) frames.push(t);
  });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ uri: 'auth' }));
  ws.send(JSON.stringify({ uri: 'subscribe-single-tick-verbose', contract: 'huobip/btc.usdt' }));
  while (frames.length < RECORDED) await new Promise((r) => setTimeout(r, 20));
  ws.terminate();
  return frames.slice(0, RECORDED);
}

async function parseThroughput(sim: OnetokenSim, frames: string[]): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  const gw = new OnetokenGateway(ee, 'ONETOKEN');
  let ticks = 0;
  await gw.connect(settingFor(sim));
  gw.onTick = () => void ticks++;
  const figures = compareReplay({
    frames,
    replay: (f) => gw.replayTicks(f),
    baseline: (f) => Object.keys(JSON.parse(f) as object).length,
    beforeRun: () => (ticks = 0),
  });
  await gw.close();
  reportReplay('onetoken.parse', figures, { ticks_per_run: ticks, messages: frames.length });
}

async function orderRoundTrip(sim: OnetokenSim): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  ee.start();
  const gw = new OnetokenGateway(ee, 'ONETOKEN');
  await gw.connect(settingFor(sim));
  const sample = await orderRoundTrips(ee, ROUND_TRIPS, (i) =>
    gw.sendOrder({
      symbol: 'btc.usdt',
      exchange: Exchange.HUOBI,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 80000 + (i % 100) * 0.01,
      volume: 0.001,
      offset: Offset.NONE,
    }),
  );
  await gw.close();
  ee.stop();
  const echo = await wsEchoRoundTrips(
    ROUND_TRIPS,
    (i) => `{"contract":"huobip/btc.usdt","bs":"b","price":80000,"amount":0.001,"n":${i}}`,
  );
  reportRoundTrips(
    'onetoken',
    sample,
    echo,
    'signed REST POST /{exchange}/{account}/orders to the simulator, NOTTRADED seen on the event bus; beside a raw ws echo',
  );
}

const sim = await startOnetokenSim({ seed: 9, tickRate: 5000, volatility: 0.0005 });
const frames = await record(sim);
for (const ex of sim.exchanges.values()) ex.setTickRate(0);
await parseThroughput(sim, frames);
await orderRoundTrip(sim);
await sim.close();
