// The HBDM gateway on HTX USDT-M futures (product "USDT-M futures": delivery contracts BTC-USDT-<yyMMdd>, cross
// margin only) against the shared conformance suite, on the simulator's swap_cross_* paths and *_cross topics.
import { runConformance } from '../../conformance/suite.js';
import { hbdmTarget } from './target-hbdm.js';

runConformance(hbdmTarget('usdt-futures', 'cross'), 'HBDM USDT-M futures');
