// The BITFINEX gateway against the shared conformance suite, on the Bitfinex simulator.
import { runConformance } from '../../conformance/suite.js';
import { bitfinexTarget } from './target.js';

runConformance(bitfinexTarget(), 'BITFINEX');
