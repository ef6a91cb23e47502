// The shared conformance suite against the simulated TORA library, through the real koffi binding, for both
// releases with a table (4.0.8 + XMd 1.0.5, and 4.1.6 + XMd 1.0.9: different trader/SPI slots and struct
// tails). Stocks trade in lots of 100 shares.
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import { ToraGateway } from '../../../gateways/tora/index.js';
import { runConformance } from '../../conformance/suite.js';
import { startSim, type ToraSim } from './sim.js';

// The host process may print through this process's stdout/stderr: open them before the suite's baseline.
void process.stdout;
void process.stderr;

for (const version of ['4.0.8', '4.1.6']) {
  let sim: ToraSim;
  runConformance(
    {
      gatewayClass: ToraGateway,
      instrument: {
        symbol: '600000',
        exchange: Exchange.SSE,
        openOffset: Offset.NONE,
        restingBuyPrice: 9.9,
        volume: 400,
        offTickPrice: 9.905,
      },
      start: async () => {
        sim = await startSim({ version });
        // Prices stay frozen; the snapshot repeats ten times a second.
        await sim.control('tick_interval_us 100000');
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
        await sim.control('reject_next 17 可用资金不足');
        return '[17] 可用资金不足';
      },
      drop: async () => sim.control('disconnect'),
      fillWhileDown: async (direction, price, volume) =>
        sim.control(`fill ${direction === Direction.SHORT ? 'B' : 'S'} ${price} ${volume}`),
      restore: async () => sim.control('restore'),
    },
    `TORA ${version}`,
  );
}
