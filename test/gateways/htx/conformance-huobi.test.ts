// The HUOBI gateway (HTX spot) against the shared conformance suite, on the HTX simulator.
import { runConformance } from '../../conformance/suite.js';
import { huobiTarget } from './target.js';

runConformance(huobiTarget(), 'HUOBI spot');
