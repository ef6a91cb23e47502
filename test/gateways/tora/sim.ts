// Test-side handle on the simulated TORA library: builds a release variant with g++ (cached under
// test/gateways/tora/build) and drives it over its control socket (the library itself runs in the
// gateway's native host process, which inherits $TORASIM_CONTROL from this process).
import path from 'node:path';
import { buildSim, type SimVariant } from '../../../gateways/tora/sim/build.js';
import { SimControl } from '../../../bindings/native/sim-control.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';

export const BUILD_DIR = path.resolve('test/gateways/tora/build');

export interface ToraSim {
  library: string;
  control(command: string): Promise<void>;
  setting(extra?: GatewaySetting): GatewaySetting;
  stop(): Promise<void>;
}

let shared: SimControl | undefined;

/** The process's control socket (the same line protocol as the CTP simulator's). */
export async function simControl(): Promise<SimControl> {
  if (!shared) {
    shared = await SimControl.listen();
    process.env.TORASIM_CONTROL = shared.socketPath;
  }
  return shared;
}

export async function startSim(variant: SimVariant): Promise<ToraSim> {
  const library = await buildSim(variant, BUILD_DIR);
  const ctl = await simControl();
  const control = (command: string) => ctl.send(command);
  await control('reset');
  return {
    library,
    control,
    stop: async () => {
      if (shared === ctl) shared = undefined;
      await ctl.close();
    },
    setting: (extra = {}) => ({
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
      ...extra,
    }),
  };
}
