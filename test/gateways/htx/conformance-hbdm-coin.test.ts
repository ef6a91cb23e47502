// The HBDM gateway on HTX coin-M swaps (product "coin-M swap") against the shared conformance suite, on the
// HTX simulator's /swap-api paths and /swap-ws, /swap-notification links.
import { runConformance } from '../../conformance/suite.js';
import { hbdmTarget } from './target-hbdm.js';

runConformance(hbdmTarget('coin-swap'), 'HBDM coin-M swaps');
