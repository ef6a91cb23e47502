// The BINANCE gateway (USD-M futures) against the shared conformance suite, on the Binance simulator.
import { runConformance } from '../../conformance/suite.js';
import { binanceTarget } from './target.js';

runConformance(binanceTarget('USDM'), 'BINANCE USD-M');
