// The shared conformance suite against the simulated OES/MDS library, through the real koffi binding in the
// native host: 浦发银行 (600000.SSE, tick 0.01, lot 100, best bid 10.25 / ask 10.26; a buy at 10.00 rests).
// The drop holds the counter's logins until restore, so the fill made meanwhile must be reconciled.
import { Exchange, Offset } from '../../../src/core/constant.js';
import { OesGateway } from '../../../gateways/oes/index.js';
import { runConformance } from '../../conformance/suite.js';
import { simLevers } from '../../helpers/sim-levers.js';
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
  ...simLevers(() => sim, {
    sides: { buy: 'B', sell: 'S' },
    reject: ['reject_next 1296', '[1296] 资金不足'],
    drop: 'disconnect hold',
    restore: 'restore',
  }),
});
