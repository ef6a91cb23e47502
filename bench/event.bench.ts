// Event engine throughput: put -> dispatch with one type handler and one general handler, against Node's
// EventEmitter doing the same work (a typed emit and a catch-all emit per event) in the same run.
import { EventEmitter } from 'node:events';
import { Exchange } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { createTick } from '../src/core/object.js';
import { bestOf, report } from './report.js';

const N = 2_000_000;
const tick = createTick({ gatewayName: 'B', symbol: 'rb2501', exchange: Exchange.SHFE, datetime: 0 });
let sink = 0;

const engine = new EventEngine({ timerInterval: 0 });
engine.register('tick', (e) => {
  sink += e.data.lastPrice;
});
engine.registerGeneral(() => {
  sink += 1;
});
const vntMs = bestOf(5, () => {
  for (let i = 0; i < N; i++) engine.put('tick', tick, tick.vtSymbol);
  engine.drain();
});

const emitter = new EventEmitter();
emitter.on('tick', (e: { data: typeof tick }) => {
  sink += e.data.lastPrice;
});
emitter.on('*', () => {
  sink += 1;
});
const emitterMs = bestOf(5, () => {
  for (let i = 0; i < N; i++) {
    const event = { type: 'tick', key: tick.vtSymbol, data: tick };
    emitter.emit('tick', event);
    emitter.emit('*', event);
  }
});

report({
  bench: 'event-engine.throughput',
  value: N / (vntMs / 1000),
  unit: 'events/s',
  baseline: N / (emitterMs / 1000),
  baselineName: 'node:events EventEmitter',
  target: 20_000_000,
});
if (sink === 42) console.log('');
