// Builds the simulated OES library (sim/oessim.cpp) with g++ against a header generated from the binding's
// own struct declarations, so the simulator and the binding share one layout.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSimLibrary, SIMKIT_HEADER } from '../../../bindings/native/sim-build.js';
import { cDeclarations } from '../../../bindings/oes/structs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** oessim.cpp sits beside the TypeScript source; dist/ holds only the compiled JS. */
export const SIM_SOURCE = path.resolve(here, '../../../../gateways/oes/sim/oessim.cpp');

export function buildOesSim(dir: string): Promise<string> {
  const header = `#include <cstdint>\n${cDeclarations()}`;
  return buildSimLibrary({
    name: 'oessim-0.16',
    header,
    sources: [SIM_SOURCE],
    includes: [SIMKIT_HEADER],
    dir,
  });
}
