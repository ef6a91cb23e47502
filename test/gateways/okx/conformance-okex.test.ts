// The OKEX gateway (spot) against the shared conformance suite, on the OKX simulator.
import { runConformance } from '../../conformance/suite.js';
import { okxTarget } from './target.js';

runConformance(okxTarget('OKEX'), 'OKEX spot');
