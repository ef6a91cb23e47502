// Builds the simulated CTP Mini library: the simulated counter of gateways/ctp/sim/ctpsim.cpp compiled
// against a header generated from the Mini tables (Mini's class slot order and vtable sizes, Init(bool),
// no settlement confirmation from 1.6.0 on, Mini's struct layout, "V1.6.3"-style version text).
import { buildSim, type SimVariant } from '../../ctp/sim/build.js';

export interface MiniSimVariant extends Omit<SimVariant, 'family' | 'oldMd'> {
  /** One of bindings/mini/versions.ts: 1.5.6, 1.6.0, 1.6.3. */
  abiVersion: string;
}

export function buildMiniSim(variant: MiniSimVariant, dir: string): Promise<string> {
  return buildSim({ ...variant, family: 'mini' }, dir);
}
