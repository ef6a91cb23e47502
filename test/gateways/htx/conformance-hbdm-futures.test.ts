// The HBDM gateway on HTX coin-M futures (product "coin-M futures", the quarterly BTC contract) against the
// shared conformance suite, on the HTX simulator's /api/v1/contract_* paths and /ws, /notification links.
import { runConformance } from '../../conformance/suite.js';
import { hbdmTarget } from './target-hbdm.js';

runConformance(hbdmTarget('coin-futures'), 'HBDM coin-M futures');
