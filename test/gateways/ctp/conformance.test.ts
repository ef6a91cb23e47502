// The shared conformance suite against the simulated CTP library, through the real koffi binding, for one
// ABI before and one after the slot shifts (6.3.15: legacy structs, old MdApi; 6.7.13: modern structs,
// OnRtnPrivateSeqNo inserted, production-mode factories).
import { CtpGateway } from '../../../gateways/ctp/index.js';
import { runConformance } from '../../conformance/suite.js';
import { ctpFamilyTarget } from './sim.js';

// The CTP session's host process may print through this process's stdout/stderr, which Node opens on first
// use: open them before the suite takes its baseline of open handles, so they do not count as a leak.
void process.stdout;
void process.stderr;

for (const [abiVersion, oldMd] of [
  ['6.3.15', true],
  ['6.7.13', false],
] as const) {
  runConformance(ctpFamilyTarget(CtpGateway, { abiVersion, oldMd }), `CTP ${abiVersion}`);
}
