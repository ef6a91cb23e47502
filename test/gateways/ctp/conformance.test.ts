// The shared conformance suite against the simulated CTP library, through the real koffi binding, for one
// ABI before and one after the slot shifts (6.3.15: legacy structs, old MdApi; 6.7.13: modern structs,
// OnRtnPrivateSeqNo inserted, production-mode factories).
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import { CtpGateway } from '../../../gateways/ctp/index.js';
import { runConformance } from '../../conformance/suite.js';
import { startSim, type CtpSim } from './sim.js';

// The CTP session's host process may print through this process's stdout/stderr, which Node opens on first
// use: open them before the suite takes its baseline of open handles, so they do not count as a leak.
void process.stdout;
void process.stderr;

for (const [abiVersion, oldMd] of [
  ['6.3.15', true],
  ['6.7.13', false],
] as const) {
  let sim: CtpSim;
  runConformance(
    {
      gatewayClass: CtpGateway,
      instrument: {
        symbol: 'rb2501',
        exchange: Exchange.SHFE,
        openOffset: Offset.OPEN,
        restingBuyPrice: 3400,
        volume: 4,
        offTickPrice: 3400.5,
      },
      start: async () => {
        sim = await startSim({ abiVersion, oldMd });
        // Queries faster than this are answered -3 by the library; the gateway must pace and retry.
        await sim.control('query_limit_ms 10');
        // Prices stay frozen; the snapshot repeats ten times a second.
        await sim.control('tick_interval_us 100000');
        return sim.setting();
      },
      stop: async () => {
        await sim.control('reset');
        await sim.stop();
      },
      // A participant selling fills resting buys, and the reverse.
      fill: async (direction, price, volume) =>
        sim.control(`fill ${direction === Direction.SHORT ? 'L' : 'S'} ${price} ${volume}`),
      rejectNext: async () => {
        await sim.control('reject_next 31 CTP:资金不足');
        return '[31] CTP:资金不足';
      },
      drop: async () => sim.control('disconnect'),
      fillWhileDown: async (direction, price, volume) =>
        sim.control(`fill ${direction === Direction.SHORT ? 'L' : 'S'} ${price} ${volume}`),
      restore: async () => sim.control('restore'),
    },
    `CTP ${abiVersion}`,
  );
}
