// Test-side handle on the simulated TAP library for gateway-level tests: builds it with g++ (cached under
// test/gateways/tap/build), listens on its control socket (the library runs in the gateway's native host
// process, which inherits $TAPSIM_CONTROL from this process) and gives the connect setting.
import path from 'node:path';
import { SimControl } from '../../../bindings/native/sim-control.js';
import { buildSim } from '../../../gateways/tap/sim/build.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';

export const BUILD_DIR = path.resolve('test/gateways/tap/build');

export interface TapSim {
  library: string;
  control(command: string): Promise<void>;
  setting(extra?: GatewaySetting): GatewaySetting;
  stop(): Promise<void>;
}

export async function startSim(): Promise<TapSim> {
  const library = await buildSim({}, BUILD_DIR);
  const ctl = await SimControl.listen('TAPSIM_CONTROL');
  Object.assign(process.env, ctl.env);
  const control = (command: string) => ctl.send(command);
  await control('reset');
  return {
    library,
    control,
    stop: async () => {
      if (process.env.TAPSIM_CONTROL === ctl.env.TAPSIM_CONTROL) delete process.env.TAPSIM_CONTROL;
      await ctl.close();
    },
    setting: (extra = {}) => ({
      auth_code: 'AUTH-secret-code-1',
      quote_username: 'Q001',
      quote_password: 'quote-secret-pw',
      quote_host: '127.0.0.1',
      quote_port: 7171,
      trade_username: 'T001',
      trade_password: 'trade-secret-pw',
      trade_host: '127.0.0.1',
      trade_port: 6060,
      account_no: '',
      app_id: 'vnt',
      library_folder: '',
      trade_library: library,
      quote_library: library,
      connect_timeout_s: 30,
      call_timeout_s: 5,
      reconnect_ms: 50,
      ...extra,
    }),
  };
}
