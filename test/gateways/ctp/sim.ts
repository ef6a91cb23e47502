// Test-side handle on the simulated CTP library: builds a variant with g++ (cached under test/gateways/ctp/build) and
// drives it through its exported ctpsim_control().
import path from 'node:path';
import koffi from 'koffi';
import { buildSim, type SimVariant } from '../../../gateways/ctp/sim/build.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';

export const BUILD_DIR = path.resolve('test/gateways/ctp/build');

export interface CtpSim {
  library: string;
  control(command: string): void;
  setting(extra?: GatewaySetting): GatewaySetting;
}

const controls = new Map<string, (cmd: string) => number>();

export async function startSim(variant: SimVariant): Promise<CtpSim> {
  const library = await buildSim(variant, BUILD_DIR);
  let fn = controls.get(library);
  if (!fn) {
    // Same path as the gateway's load, so the same library instance (and counter) in this process.
    fn = koffi.load(library, { deep: true }).func('ctpsim_control', 'int', ['const char *']) as (
      c: string,
    ) => number;
    controls.set(library, fn);
  }
  const control = (command: string) => {
    if (fn!(command) !== 0) throw new Error(`ctpsim_control refused "${command}"`);
  };
  control('reset');
  return {
    library,
    control,
    setting: (extra = {}) => ({
      username: '00001',
      password: 'pw-secret-123',
      brokerid: '9999',
      td_address: 'tcp://127.0.0.1:1',
      md_address: 'tcp://127.0.0.1:2',
      product_info: 'vnt_test_app',
      auth_code: 'auth-secret-456',
      td_library: library,
      md_library: library,
      flow_dir: path.join(BUILD_DIR, 'flow'),
      query_interval_ms: 20,
      ...extra,
    }),
  };
}
