// The shared conformance suite against the simulated TORA library, through the real koffi binding, for both
// releases with a table (4.0.8 + XMd 1.0.5, and 4.1.6 + XMd 1.0.9: different trader/SPI slots and struct
// tails). Stocks trade in lots of 100 shares.
import { Exchange, Offset } from '../../../src/core/constant.js';
import { ToraGateway } from '../../../gateways/tora/index.js';
import { runConformance } from '../../conformance/suite.js';
import { nativeSimTarget } from '../../helpers/sim-levers.js';
import { startSim } from './sim.js';

// The host process may print through this process's stdout/stderr: open them before the suite's baseline.
void process.stdout;
void process.stderr;

for (const version of ['4.0.8', '4.1.6']) {
  runConformance(
    nativeSimTarget({
      gatewayClass: ToraGateway,
      instrument: {
        symbol: '600000',
        exchange: Exchange.SSE,
        openOffset: Offset.NONE,
        restingBuyPrice: 9.9,
        volume: 400,
        offTickPrice: 9.905,
      },
      start: () => startSim({ version }),
      // Prices stay frozen; the snapshot repeats ten times a second.
      prepare: ['tick_interval_us 100000'],
      levers: {
        sides: { buy: 'S', sell: 'B' },
        reject: ['reject_next 17 可用资金不足', '[17] 可用资金不足'],
        drop: 'disconnect',
        restore: 'restore',
      },
    }),
    `TORA ${version}`,
  );
}
