// Test-side handle on the simulated CTP library: builds a variant with g++ (cached under
// test/gateways/ctp/build) and drives it over its control socket (the library itself runs in the gateway's
// native host process).
import path from 'node:path';
import { buildSim, type SimVariant } from '../../../gateways/ctp/sim/build.js';
import { SimControl } from '../../../bindings/native/sim-control.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';

export const BUILD_DIR = path.resolve('test/gateways/ctp/build');

export interface CtpSim {
  library: string;
  /** Applies a command to the loaded library (or keeps it for the next one to load). */
  control(command: string): Promise<void>;
  setting(extra?: GatewaySetting): GatewaySetting;
  /** Closes the control socket. */
  stop(): Promise<void>;
}

let shared: SimControl | undefined;

/** The process's control socket; host processes started from now on inherit its path. */
export async function simControl(): Promise<SimControl> {
  if (!shared) {
    shared = await SimControl.listen();
    Object.assign(process.env, shared.env);
  }
  return shared;
}

export async function startSim(variant: SimVariant): Promise<CtpSim> {
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
