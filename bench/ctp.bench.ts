// CTP market data through the real binding: see ctp-family.ts (shared with MINI).
import { CtpGateway } from '../gateways/ctp/index.js';
import { benchCtpFamilyTicks } from './ctp-family.js';

await benchCtpFamilyTicks('ctp', 'CTP', CtpGateway, { abiVersion: '6.7.13' });
process.exit(0);
