// The BITMEX gateway (XBTUSD inverse perpetual, quantities in contracts) against the shared conformance suite.
import { runConformance } from '../../conformance/suite.js';
import { bitmexTarget } from './target.js';

runConformance(bitmexTarget(), 'BITMEX XBTUSD');
