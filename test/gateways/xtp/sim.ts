// Test-side handle on the simulated XTP library: builds a variant with g++ (cached under
// test/gateways/xtp/build) and drives it over its control socket (the library itself runs in the gateway's
// native host process). One library file is both the trader and the quote library.
import path from 'node:path';
import { SimControl } from '../../../bindings/native/sim-control.js';
import { buildSim, type SimVariant } from '../../../gateways/xtp/sim/build.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';

export const BUILD_DIR = path.resolve('test/gateways/xtp/build');

export interface XtpSim {
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
    shared = await SimControl.listen('XTPSIM_CONTROL');
    Object.assign(process.env, shared.env);
  }
  return shared;
}

export async function startSim(variant: SimVariant): Promise<XtpSim> {
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
      username: '15000001',
      password: 'pw-secret-123',
      client_id: 1,
      quote_address: '127.0.0.1',
      quote_port: 6002,
      trade_address: '127.0.0.1',
      trade_port: 6001,
      quote_protocol: 'TCP',
      software_key: 'key-secret-456',
      account_type: 'cash',
      trader_library: library,
      quote_library: library,
      log_dir: path.join(BUILD_DIR, 'log'),
      ...extra,
    }),
  };
}
