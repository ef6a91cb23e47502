// The OKEXF gateway (perpetual swap, net position mode) against the shared conformance suite.
import { runConformance } from '../../conformance/suite.js';
import { okxTarget } from './target.js';

runConformance(okxTarget('OKEXF'), 'OKEXF swap');
