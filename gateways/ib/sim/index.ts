// A ready simulated TWS: the shared matching engine with IB's instruments, one paper account, the server.
import { createSimExchange } from '../../../src/sim/index.js';
import type { SimExchange } from '../../../src/sim/types.js';
import { IB_SIM_ACCOUNT, IB_SIM_INSTRUMENTS } from './instruments.js';
import { TwsSimulator } from './server.js';

export { IB_SIM_ACCOUNT, IB_SIM_INSTRUMENTS } from './instruments.js';
export { TwsSimulator } from './server.js';

export interface IbSimOptions {
  host?: string;
  port?: number;
  seed?: number;
  /** Market events per second; 0 freezes the synthetic market (tests). */
  tickRate?: number;
  cash?: number;
  /** The server versions this TWS speaks (default: the whole range the codec implements). */
  minVersion?: number;
  maxVersion?: number;
}

export async function startIbSimulator(
  o: IbSimOptions = {},
): Promise<{ sim: TwsSimulator; exchange: SimExchange }> {
  const exchange = createSimExchange({
    seed: o.seed ?? 1,
    instruments: IB_SIM_INSTRUMENTS.map((i) => i.spec),
    tickRate: o.tickRate ?? 0,
  });
  exchange.openAccount(IB_SIM_ACCOUNT, o.cash ?? 1_000_000, 'USD');
  const sim = new TwsSimulator({
    exchange,
    instruments: IB_SIM_INSTRUMENTS,
    account: IB_SIM_ACCOUNT,
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    minVersion: o.minVersion,
    maxVersion: o.maxVersion,
  });
  await sim.start();
  if ((o.tickRate ?? 0) > 0) exchange.start();
  return { sim, exchange };
}
