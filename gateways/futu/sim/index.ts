// A ready simulated OpenD: the shared matching engine with the simulator's securities, one engine account per
// Futu account, and the server.
import type { KeyObject } from 'node:crypto';
import { createSimExchange } from '../../../src/sim/index.js';
import type { SimExchange } from '../../../src/sim/types.js';
import { FUTU_SIM_ACCOUNTS, FUTU_SIM_SECURITIES } from './instruments.js';
import { FutuSimulator } from './server.js';

export { FUTU_SIM_ACCOUNTS, FUTU_SIM_PASSWORD, FUTU_SIM_SECURITIES } from './instruments.js';
export { FutuSimulator } from './server.js';

export interface FutuSimOptions {
  host?: string;
  port?: number;
  seed?: number;
  /** Market events per second; 0 freezes the synthetic market (tests). */
  tickRate?: number;
  cash?: number;
  keepAliveInterval?: number;
  subQuota?: number;
  password?: string;
  orderRateLimit?: number;
  /** OpenD's rsa_private_key: an encrypted OpenD. */
  rsaKey?: KeyObject;
}

export async function startFutuSimulator(
  o: FutuSimOptions = {},
): Promise<{ sim: FutuSimulator; exchange: SimExchange }> {
  const exchange = createSimExchange({
    seed: o.seed ?? 1,
    instruments: FUTU_SIM_SECURITIES.map((s) => s.spec),
    tickRate: o.tickRate ?? 0,
  });
  for (const a of FUTU_SIM_ACCOUNTS) exchange.openAccount(a.accID, o.cash ?? 1_000_000, a.currency);
  const sim = new FutuSimulator({
    exchange,
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    keepAliveInterval: o.keepAliveInterval,
    subQuota: o.subQuota,
    password: o.password,
    orderRateLimit: o.orderRateLimit,
    ...(o.rsaKey ? { rsaKey: o.rsaKey } : {}),
  });
  await sim.start();
  if ((o.tickRate ?? 0) > 0) exchange.start();
  return { sim, exchange };
}
