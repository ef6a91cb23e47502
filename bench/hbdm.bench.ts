// HBDM gateway (HTX derivatives): (1) gzip market frames/s (depth.step0 and detail, recorded from the HTX
// simulator's /linear-swap-ws and /ws for a coin-M future) turned into TickData through the gateway's own
// path (gunzip, JSON.parse, shape check, applySwapMarket), against the bare decode of the same bytes (gunzip
// + JSON.parse); (2) order round trip sendOrder -> NOTTRADED for every product and margin mode against the
// simulator on loopback (signed REST POST, the orders push on the gzip notification link), beside a raw
// WebSocket echo in the same run. The simulator's per-UID budget is raised out of the way: the round trip is
// the wire's, not HTX's 72 orders per 3 s (which the gateway's meter would otherwise pace).
import { Direction, Exchange, Offset, OrderType } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { createTick } from '../src/core/object.js';
import type { GatewaySetting } from '../src/core/setting-schema.js';
import { HbdmGateway } from '../gateways/htx/index.js';
import { applySwapMarket } from '../gateways/htx/hbdm/market-data.js';
import { startHtxSim, type HtxSim } from '../gateways/htx/sim/server.js';
import {
  btcQuarter,
  btcUsdtQuarter,
  hbdmCoinSettingFor,
  hbdmFuturesSettingFor,
  hbdmSettingFor,
  hbdmUsdtFuturesSettingFor,
} from '../test/gateways/htx/target-hbdm.js';
import { recordGzipFrames, reportGzipParse } from './htx-frames.js';
import { orderRoundTrips, reportRoundTrips, wsEchoRoundTrips } from './round-trip.js';

const ROUND_TRIPS = 300;
const RECORDED = 10_000;

function parseThroughput(name: string, frames: Buffer[], code: string, size: number): void {
  const tick = createTick({ gatewayName: 'HBDM', symbol: code, exchange: Exchange.HUOBI, datetime: 0 });
  reportGzipParse(`${name}.parse`, frames, (m) => (applySwapMarket(tick, m, size)?.ok ? 1 : 0));
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
  const topics = (code: string) => [`market.${code}.depth.step0`, `market.${code}.detail`];
  parseThroughput(
    'hbdm',
    await recordGzipFrames(sim.linearMarketUrl, topics('BTC-USDT'), RECORDED),
    'BTC-USDT',
    0.001,
  );
  const quarter = btcQuarter();
  parseThroughput(
    'hbdm.coin_futures',
    await recordGzipFrames(sim.futuresMarketUrl, topics(quarter), RECORDED),
    quarter,
    100,
  );
  await sim.close();

  const quiet = await startHtxSim({ seed: 7, tickRate: 0, volatility: 0 });
  quiet.setHbdmRateLimit(1_000_000);
  const echo = await wsEchoRoundTrips(ROUND_TRIPS, (i) => `{"op":"ping","ts":"${i}"}`);
  for (const p of PRODUCTS) await roundTrips(quiet, p, echo);
  await quiet.close();
}

void main();
