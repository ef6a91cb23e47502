// HBDM gateway (HTX derivatives): (1) gzip market frames/s (depth.step0 and detail, recorded from the HTX
// simulator's /linear-swap-ws and /ws for a coin-M future) turned into TickData through the gateway's own
// path (gunzip, JSON.parse, shape check, applySwapMarket), against the bare decode of the same bytes (gunzip
// + JSON.parse); (2) order round trip sendOrder -> NOTTRADED for every product and margin mode against the
// simulator on loopback (signed REST POST, the orders push on the gzip notification link), beside a raw
// WebSocket echo in the same run. The simulator's per-UID budget is raised out of the way: the round trip is
// the wire's, not HTX's 72 orders per 3 s (which the gateway's meter would otherwise pace).
import WebSocket from 'ws';
import { Direction, Exchange, Offset, OrderType } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { createTick } from '../src/core/object.js';
import type { GatewaySetting } from '../src/core/setting-schema.js';
import { HbdmGateway } from '../gateways/htx/index.js';
import { applySwapMarket } from '../gateways/htx/hbdm/market-data.js';
import { startHtxSim, type HtxSim } from '../gateways/htx/sim/server.js';
import type { MarketPush } from '../gateways/htx/types.js';
import { gunzipText } from '../gateways/htx/ws.js';
import {
  btcQuarter,
  btcUsdtQuarter,
  hbdmCoinSettingFor,
  hbdmFuturesSettingFor,
  hbdmSettingFor,
  hbdmUsdtFuturesSettingFor,
} from '../test/gateways/htx/target-hbdm.js';
import { report } from './report.js';
import { orderRoundTrips, reportRoundTrips, wsEchoRoundTrips } from './round-trip.js';

const ROUND_TRIPS = 300;
const RECORDED = 10_000;

async function record(url: string, code: string): Promise<Buffer[]> {
  const ws = new WebSocket(url);
  const frames: Buffer[] = [];
  ws.on('message', (d: Buffer) => {
    const text = gunzipText(d);
    if (text.startsWith('{"ch"')) frames.push(d);
    else if (text.startsWith('{"ping"')) ws.send(text.replace('ping', 'pong'));
  });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ sub: `market.${code}.depth.step0`, id: '1' }));
  ws.send(JSON.stringify({ sub: `market.${code}.detail`, id: '2' }));
  while (frames.length < RECORDED) await new Promise((r) => setTimeout(r, 20));
  ws.terminate();
  return frames.slice(0, RECORDED);
}

function parseThroughput(name: string, frames: Buffer[], code: string, size: number): void {
  let sink = 0;
  let ticks = 0;
  const tick = createTick({ gatewayName: 'HBDM', symbol: code, exchange: Exchange.HUOBI, datetime: 0 });
  const runOnce = () => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < frames.length; i++) {
      const applied = applySwapMarket(tick, JSON.parse(gunzipText(frames[i]!)) as MarketPush<unknown>, size);
      if (applied?.ok) {
        ticks++;
        sink += tick.bidPrice1;
      }
    }
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
    bench: `${name}.parse`,
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

const PRODUCTS: Array<{
  name: string;
  settingOf: (sim: HtxSim, extra?: GatewaySetting) => GatewaySetting;
  code: () => string;
}> = [
  { name: 'hbdm', settingOf: hbdmSettingFor, code: () => 'BTC-USDT' },
  {
    name: 'hbdm.cross',
    settingOf: (sim) => hbdmSettingFor(sim, { marginMode: 'cross' }),
    code: () => 'BTC-USDT',
  },
  { name: 'hbdm.usdt_futures', settingOf: hbdmUsdtFuturesSettingFor, code: btcUsdtQuarter },
  { name: 'hbdm.coin_swap', settingOf: hbdmCoinSettingFor, code: () => 'BTC-USD' },
  { name: 'hbdm.coin_futures', settingOf: hbdmFuturesSettingFor, code: btcQuarter },
];

async function roundTrips(sim: HtxSim, p: (typeof PRODUCTS)[number], echo: number[]): Promise<void> {
  const ee = new EventEngine({ timerInterval: 0 });
  ee.start();
  const gw = new HbdmGateway(ee, 'HBDM');
  await gw.connect(p.settingOf(sim, { openInterestMs: 0 }));
  const code = p.code();
  const sample = await orderRoundTrips(ee, ROUND_TRIPS, (i) =>
    gw.sendOrder({
      symbol: code,
      exchange: Exchange.HUOBI,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 80000 + (i % 100) * 0.1,
      volume: 1,
      offset: Offset.OPEN,
    }),
  );
  await gw.close();
  ee.stop();
  reportRoundTrips(p.name, sample, echo, `${code}: place -> orders push (gzip notification) on loopback`);
}

async function main(): Promise<void> {
  const sim = await startHtxSim({ seed: 7, tickRate: 2000 });
  sim.setHbdmRateLimit(1_000_000);
  parseThroughput('hbdm', await record(sim.linearMarketUrl, 'BTC-USDT'), 'BTC-USDT', 0.001);
  parseThroughput('hbdm.coin_futures', await record(sim.futuresMarketUrl, btcQuarter()), btcQuarter(), 100);
  await sim.close();

  const quiet = await startHtxSim({ seed: 7, tickRate: 0, volatility: 0 });
  quiet.setHbdmRateLimit(1_000_000);
  const echo = await wsEchoRoundTrips(ROUND_TRIPS, (i) => `{"op":"ping","ts":"${i}"}`);
  for (const p of PRODUCTS) await roundTrips(quiet, p, echo);
  await quiet.close();
}

void main();
