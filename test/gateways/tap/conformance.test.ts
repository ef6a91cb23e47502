// The shared conformance suite against the simulated TAP library, through the real koffi binding in the
// native host: COMEX gold (GC2612, tick 0.1, reference price 2000; a buy below it rests).
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import { TapGateway } from '../../../gateways/tap/index.js';
import { runConformance } from '../../conformance/suite.js';
import { startSim, type TapSim } from './target.js';

// The host process may print through this process's stdout/stderr: open them before the suite's baseline.
void process.stdout;
void process.stderr;

let sim: TapSim;
runConformance({
  gatewayClass: TapGateway,
  instrument: {
    symbol: 'GC2612',
    exchange: Exchange.COMEX,
    openOffset: Offset.NONE,
    restingBuyPrice: 1990,
    volume: 4,
    offTickPrice: 1990.05,
  },
  start: async () => {
    sim = await startSim();
    return sim.setting();
  },
  stop: async () => {
    await sim.control('reset');
    await sim.stop();
  },
  // A counterparty selling fills resting buys, and the reverse.
  fill: async (direction, price, volume) =>
    sim.control(`fill ${direction === Direction.SHORT ? 'B' : 'S'} ${price} ${volume}`),
  rejectNext: async () => {
    await sim.control('reject_next 60011 资金不足');
    return '[60011] 资金不足';
  },
  drop: async () => sim.control('disconnect'),
  fillWhileDown: async (direction, price, volume) =>
    sim.control(`fill ${direction === Direction.SHORT ? 'B' : 'S'} ${price} ${volume}`),
  restore: async () => {},
});
