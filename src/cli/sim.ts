// `vnt sim <venue>`: runs a venue simulator on loopback. Each venue's simulator module exports
// `runSimulator(options)`; add one line per venue here.
export interface SimulatorOptions {
  port: number;
  host: string;
  seed: number;
  tickRate: number;
}

export type SimulatorModule = { runSimulator(options: SimulatorOptions): Promise<void> };

export const SIMULATORS: Record<string, () => Promise<SimulatorModule>> = {
  binance: () => import('../../gateways/binance/sim/cli.js'),
  ib: () => import('../../gateways/ib/sim/cli.js'),
};
