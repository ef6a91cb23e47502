// Test-side handle on the simulated TORA library: builds a release variant with g++ (cached under
// test/gateways/tora/build) and drives it over its control socket (the library itself runs in the
// gateway's native host process, which inherits $TORASIM_CONTROL from this process).
import path from 'node:path';
import { buildSim, type SimVariant } from '../../../gateways/tora/sim/build.js';
import { startNativeSim, type NativeSim } from '../../helpers/sim-levers.js';

export const BUILD_DIR = path.resolve('test/gateways/tora/build');

export type ToraSim = NativeSim;

export function startSim(variant: SimVariant): Promise<ToraSim> {
  return startNativeSim('TORASIM_CONTROL', buildSim(variant, BUILD_DIR), (library) => ({
    account: '00030557',
    password: 'pw-secret-789',
    td_address: 'tcp://127.0.0.1:1',
    md_address: 'tcp://127.0.0.1:2',
    account_type: 'user_id',
    department_id: '',
    product_info: 'vnt_test',
    dynamic_password: 'dyn-secret-321',
    terminal_info: 'PC;IIP=127.0.0.1',
    td_library: library,
    md_library: library,
    flow_dir: path.join(BUILD_DIR, 'flow'),
    query_interval_ms: 5,
  }));
}
