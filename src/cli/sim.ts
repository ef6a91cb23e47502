// `vnt sim <venue>`: runs a venue simulator on loopback. The venues come from the gateway list
// (src/cli/gateways.ts), so a new gateway's simulator is registered in one place.
import { SIMULATOR_MODULES } from './gateways.js';
import type { SimulatorModule, SimulatorOptions } from '../../gateways/common/simulator.js';

export type { SimulatorModule, SimulatorOptions };

export const SIMULATORS: Readonly<Record<string, () => Promise<SimulatorModule>>> = SIMULATOR_MODULES;
