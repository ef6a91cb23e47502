// CTP Mini market data through the real binding (the simulated Mini 1.6.3 library): see ctp-family.ts.
import { MiniGateway } from '../gateways/mini/index.js';
import { benchCtpFamilyTicks } from './ctp-family.js';

await benchCtpFamilyTicks('mini', 'MINI', MiniGateway, { family: 'mini', abiVersion: '1.6.3' });
process.exit(0);
