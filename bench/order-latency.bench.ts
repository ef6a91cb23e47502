// End to end inside one process: MainEngine.sendOrder (validation, SIM gateway, exchange matching and
// reserves) until the ORDER event with NOTTRADED reaches a handler on the event bus; p50 and p99 in µs. The
// market runs meanwhile (1,000 ticks/s) so the bus carries ticks as it would in a session.
import { Direction, Exchange, Offset, OrderType, Status } from '../src/core/constant.js';
import { MainEngine } from '../src/core/engine.js';
import { createSimExchange } from '../src/sim/exchange.js';
import { SimGateway } from '../gateways/sim/index.js';
import { registerVenue, SimVenue } from '../gateways/sim/venue.js';
import { RB } from '../test/sim/fixtures.js';
import { percentile, report } from './report.js';

const N = 20_000;
const WARMUP = 2_000;
// Volatility 0: the price stands still, so the resting order at 3900 never fills.
const spec = { ...RB, volatility: 0, limitPct: 0.07 };

const exchange = createSimExchange({ seed: 1, instruments: [spec], tickRate: 1000 });
registerVenue('bench', new SimVenue(exchange));
const me = new MainEngine({ log: false });
me.addGateway(SimGateway);
await me.connect({ venue: 'bench', capital: 2_000_000_000 }, 'SIM');
exchange.start();
me.subscribe({ symbol: 'rb2501', exchange: Exchange.SHFE }, 'SIM');
await new Promise((r) => setTimeout(r, 50));

let sentAt = 0n;
let waiting = '';
let done: () => void = () => undefined;
const samples: number[] = [];
me.eventEngine.register('order', (e) => {
  if (e.data.vtOrderid !== waiting || e.data.status !== Status.NOTTRADED) return;
  samples.push(Number(process.hrtime.bigint() - sentAt) / 1000);
  waiting = '';
  done();
});

const req = {
  symbol: 'rb2501',
  exchange: Exchange.SHFE,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 1,
  price: 3900,
  offset: Offset.OPEN,
};
for (let i = 0; i < N + WARMUP; i++) {
  const arrived = new Promise<void>((resolve) => (done = resolve));
  sentAt = process.hrtime.bigint();
  waiting = me.sendOrder(req, 'SIM');
  await arrived;
  // Keep the book and the reserves small: cancel what rests (not timed).
  const order = me.getOrder(waiting || '') ?? undefined;
  if (order)
    me.cancelOrder({ orderid: order.orderid, symbol: order.symbol, exchange: order.exchange }, 'SIM');
  if (i % 100 === 0) me.cancelAll();
}
const measured = samples.slice(WARMUP);
report({
  bench: 'order-roundtrip.p50',
  value: percentile(measured, 50),
  unit: 'us',
  samples: measured.length,
});
report({
  bench: 'order-roundtrip.p99',
  value: percentile(measured, 99),
  unit: 'us',
  samples: measured.length,
});
await me.close();
exchange.stop();
