// The shared conformance suite against the simulated FEMAS library, through the real koffi binding and host.
import { FemasGateway } from '../../../gateways/femas/index.js';
import { runConformance } from '../../conformance/suite.js';
import { femasTarget } from './sim.js';

// The host process may print through this process's stdout/stderr: open them before the suite's baseline.
void process.stdout;
void process.stderr;

runConformance(femasTarget(FemasGateway), 'FEMAS 1.0');
