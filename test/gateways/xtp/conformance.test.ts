// The shared conformance suite against the simulated XTP library, through the real koffi binding in the
// killable host, for every ABI: 2.2.27 and 2.2.32, whose TraderApi, TraderSpi and QuoteApi vtables differ;
// 2.2.32's XAlgo build, which reports the same version with a larger TraderApi and TraderSpi; and 2.2.33,
// 2.2.39, 2.2.42 and 2.2.50, each with layouts of its own.
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import { XtpGateway } from '../../../gateways/xtp/index.js';
import { runConformance } from '../../conformance/suite.js';
import { startSim, type XtpSim } from './sim.js';

// The session's host process may print through this process's stdout/stderr, which Node opens on first use:
// open them before the suite takes its baseline of open handles, so they do not count as a leak.
void process.stdout;
void process.stderr;

for (const abiVersion of ['2.2.27', '2.2.32', '2.2.32-xalgo', '2.2.33', '2.2.39', '2.2.42', '2.2.50']) {
  let sim: XtpSim;
  runConformance(
    {
      gatewayClass: XtpGateway,
      instrument: {
        symbol: '600000',
        exchange: Exchange.SSE,
        openOffset: Offset.NONE,
        restingBuyPrice: 10.2,
        volume: 400,
        offTickPrice: 10.205,
      },
      start: async () => {
        sim = await startSim({ abiVersion });
        // Queries closer together than this are refused by the library; the gateway must ask again.
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
        sim.control(`fill ${direction === Direction.SHORT ? 'B' : 'S'} ${price} ${volume}`),
      rejectNext: async () => {
        await sim.control('reject_next 11000311 资金不足');
        return '[11000311] 资金不足';
      },
      drop: async () => sim.control('disconnect'),
      fillWhileDown: async (direction, price, volume) =>
        sim.control(`fill ${direction === Direction.SHORT ? 'B' : 'S'} ${price} ${volume}`),
      restore: async () => sim.control('restore'),
    },
    `XTP ${abiVersion}`,
  );
}
