// HBDM gateway (HTX USDT-M swaps): order round trip sendOrder -> NOTTRADED against the HTX simulator on
// loopback (signed REST POST to swap_order, the orders push on the gzip notification link), beside a raw
// WebSocket echo in the same run. (No market-parse figure yet: see docs/gateways/htx.md.)
import { Direction, Exchange, Offset, OrderType } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { HbdmGateway } from '../gateways/htx/index.js';
import { startHtxSim } from '../gateways/htx/sim/server.js';
import { hbdmSettingFor } from '../test/gateways/htx/target-hbdm.js';
import { orderRoundTrips, reportRoundTrips, wsEchoRoundTrips } from './round-trip.js';

const ROUND_TRIPS = 300;

async function main(): Promise<void> {
  const sim = await startHtxSim({ seed: 7, tickRate: 0, volatility: 0 });
  const ee = new EventEngine({ timerInterval: 0 });
  ee.start();
  const gw = new HbdmGateway(ee, 'HBDM');
  await gw.connect(hbdmSettingFor(sim));
  const sample = await orderRoundTrips(ee, ROUND_TRIPS, (i) =>
    gw.sendOrder({
      symbol: 'BTC-USDT',
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
  await sim.close();
  const echo = await wsEchoRoundTrips(ROUND_TRIPS, (i) => `{"op":"ping","ts":"${i}"}`);
  reportRoundTrips('hbdm', sample, echo, 'swap_order -> orders push (gzip notification) on loopback');
}

void main();
