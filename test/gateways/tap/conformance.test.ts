// The shared conformance suite against the simulated TAP library, through the real koffi binding in the
// native host: COMEX gold (GC2612, tick 0.1, reference price 2000; a buy below it rests).
import { Exchange, Offset } from '../../../src/core/constant.js';
import { TapGateway } from '../../../gateways/tap/index.js';
import { runConformance } from '../../conformance/suite.js';
import { nativeSimTarget } from '../../helpers/sim-levers.js';
import { startSim } from './target.js';

// The host process may print through this process's stdout/stderr: open them before the suite's baseline.
void process.stdout;
void process.stderr;

runConformance(
  nativeSimTarget({
    gatewayClass: TapGateway,
    instrument: {
      symbol: 'GC2612',
      exchange: Exchange.COMEX,
      openOffset: Offset.NONE,
      restingBuyPrice: 1990,
      volume: 4,
      offTickPrice: 1990.05,
    },
    start: startSim,
    // The simulated link comes back by itself: restore has nothing to do.
    levers: {
      sides: { buy: 'S', sell: 'B' },
      reject: ['reject_next 60011 资金不足', '[60011] 资金不足'],
      drop: 'disconnect',
    },
  }),
);
