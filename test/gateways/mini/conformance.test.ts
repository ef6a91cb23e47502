// The shared conformance suite against the simulated CTP Mini library, through the real koffi binding, for
// the releases before and after Mini's class was cut down (1.5.6: 76-slot trader class; 1.6.3: 55 slots,
// no settlement confirmation, flow-control methods inserted).
import { MiniGateway } from '../../../gateways/mini/index.js';
import { runConformance } from '../../conformance/suite.js';
import { ctpFamilyTarget } from '../ctp/sim.js';

// The host process may print through this process's stdout/stderr: open them before the suite's baseline.
void process.stdout;
void process.stderr;

for (const abiVersion of ['1.5.6', '1.6.3']) {
  runConformance(ctpFamilyTarget(MiniGateway, { family: 'mini', abiVersion }), `MINI ${abiVersion}`);
}
