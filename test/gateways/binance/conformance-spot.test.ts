// The BINANCE gateway (spot) against the shared conformance suite, on the Binance simulator.
import { runConformance } from '../../conformance/suite.js';
import { binanceTarget } from './target.js';

runConformance(binanceTarget('SPOT'), 'BINANCE spot');
