// The ALPACA gateway against the shared conformance suite with the trade stream in text frames (as live
// sends them; paper sends binary frames).
import { runConformance } from '../../conformance/suite.js';
import { alpacaTarget } from './target.js';

runConformance(alpacaTarget({ binaryFrames: false }), 'ALPACA (text frames)');
