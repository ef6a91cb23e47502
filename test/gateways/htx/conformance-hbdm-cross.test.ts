// The HBDM gateway on HTX USDT-M swaps with cross margin (margin mode "cross") against the shared conformance
// suite, on the HTX simulator's /linear-swap-api/v1/swap_cross_* paths and the *_cross notification topics.
import { runConformance } from '../../conformance/suite.js';
import { hbdmTarget } from './target-hbdm.js';

runConformance(hbdmTarget('usdt-swap', 'cross'), 'HBDM USDT-M cross margin');
