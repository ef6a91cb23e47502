// Synthetic market throughput: market steps per second over 200 instruments with book and stats listeners
// (what the SIM gateway turns into ticks), and the same through the SIM gateway into the event bus. The UI
// load test asks for 10,000 ticks/s; these say how much of one core that costs.
import { MainEngine } from '../src/core/engine.js';
import { createSimExchange } from '../src/sim/exchange.js';
import type { InstrumentSpec } from '../src/sim/types.js';
import { SimGateway } from '../gateways/sim/index.js';
import { registerVenue, SimVenue } from '../gateways/sim/venue.js';
import { RB } from '../test/sim/fixtures.js';
import { bestOf, report } from './report.js';

const STEPS = 200_000;
const instruments: InstrumentSpec[] = Array.from({ length: 200 }, (_, i) => ({
  ...RB,
  symbol: `c${String(i).padStart(3, '0')}`,
  name: `合约${i}`,
  initialPrice: 1000 + 10 * i,
  limitPct: 0.1,
}));

let sink = 0;
const exchange = createSimExchange({ seed: 1, instruments, tickRate: 0 });
exchange.on('book', (b) => void (sink += b.bids.length));
exchange.on('stats', (s) => void (sink += s.lastPrice));
const ms = bestOf(3, () => exchange.step(STEPS));
report({ bench: 'sim-market.steps', value: STEPS / (ms / 1000), unit: 'steps/s', instruments: 200 });

const venueExchange = createSimExchange({ seed: 2, instruments, tickRate: 0 });
registerVenue('bench', new SimVenue(venueExchange));
const me = new MainEngine({ log: false });
me.addGateway(SimGateway);
await me.connect({ venue: 'bench' }, 'SIM');
for (const spec of instruments) me.subscribe({ symbol: spec.symbol, exchange: spec.exchange }, 'SIM');
let ticks = 0;
me.eventEngine.register('tick', () => void (ticks += 1));
me.eventEngine.drain();
ticks = 0;
const gatewayMs = bestOf(3, () => {
  venueExchange.step(STEPS / 4);
  me.eventEngine.drain();
});
report({
  bench: 'sim-gateway.ticks',
  value: ticks / 4 / (gatewayMs / 1000),
  unit: 'ticks/s',
  note: 'market steps through the SIM gateway to a tick handler on the bus',
});
await me.close();
if (sink === 42) console.log('');
