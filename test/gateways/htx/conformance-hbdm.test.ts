// The HBDM gateway (HTX USDT-M swaps) against the shared conformance suite, on the HTX simulator.
import { runConformance } from '../../conformance/suite.js';
import { hbdmTarget } from './target-hbdm.js';

runConformance(hbdmTarget(), 'HBDM USDT-M swaps');
