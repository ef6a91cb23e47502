// The ALPACA gateway against the shared conformance suite, on the Alpaca simulator (paper: binary frames).
import { runConformance } from '../../conformance/suite.js';
import { alpacaTarget } from './target.js';

runConformance(alpacaTarget(), 'ALPACA');
