// Test-side handle on the simulated FEMAS library: builds a variant with g++ (cached under
// test/gateways/femas/build) and drives it over its control socket (the library itself runs in the
// gateway's native host process).
import path from 'node:path';
import { buildFemasSim, type FemasSimVariant } from '../../../gateways/femas/sim/build.js';
import type { ConformanceTarget } from '../../conformance/target.js';
import { startNativeSim, type NativeSim } from '../../helpers/sim-levers.js';
import { ftdcTarget } from '../ctp/sim.js';

export const FEMAS_BUILD_DIR = path.resolve('test/gateways/femas/build');

export type FemasSim = NativeSim;

export function startFemasSim(variant: FemasSimVariant = {}): Promise<FemasSim> {
  return startNativeSim('FEMASSIM_CONTROL', buildFemasSim(variant, FEMAS_BUILD_DIR), (library) => ({
    userid: '00001',
    password: 'pw-secret-123',
    brokerid: '0001',
    td_address: 'tcp://127.0.0.1:1',
    md_address: 'tcp://127.0.0.1:2',
    appid: 'vnt_test_app',
    auth_code: 'auth-secret-456',
    td_library: library,
    md_library: library,
    flow_dir: path.join(FEMAS_BUILD_DIR, 'flow'),
    query_interval_ms: 20,
  }));
}

/** The conformance target against the simulated FEMAS library (see ftdcTarget). */
export function femasTarget(gatewayClass: ConformanceTarget['gatewayClass']): ConformanceTarget {
  return ftdcTarget(gatewayClass, () => startFemasSim(), ['reject_next 31 资金不足', '[31] 资金不足']);
}
