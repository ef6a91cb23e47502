// The shared conformance suite against the simulated OES/MDS library, through the real koffi binding in the
// native host: 浦发银行 (600000.SSE, tick 0.01, lot 100, best bid 10.25 / ask 10.26; a buy at 10.00 rests).
// The drop holds the counter's logins until restore, so the fill made meanwhile must be reconciled.
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import { OesGateway } from '../../../gateways/oes/index.js';
import { runConformance } from '../../conformance/suite.js';
import { startSim, type OesSim } from './target.js';

// The host process may print through this process's stdout/stderr: open them before the suite's baseline.
void process.stdout;
void process.stderr;

let sim: OesSim;
runConformance({
  gatewayClass: OesGateway,
  instrument: {
    symbol: '600000',
    exchange: Exchange.SSE,
    openOffset: Offset.NONE,
    restingBuyPrice: 10,
    volume: 200,
    offTickPrice: 10.005,
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
    sim.control(`fill ${direction === Direction.SHORT ? 'S' : 'B'} ${price} ${volume}`),
  rejectNext: async () => {
    await sim.control('reject_next 1296');
    return '[1296] 资金不足';
  },
  drop: async () => sim.control('disconnect hold'),
  fillWhileDown: async (direction, price, volume) =>
    sim.control(`fill ${direction === Direction.SHORT ? 'S' : 'B'} ${price} ${volume}`),
  restore: async () => sim.control('restore'),
});
