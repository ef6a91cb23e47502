// Test-side handle on the simulated TAP library for gateway-level tests: builds it with g++ (cached under
// test/gateways/tap/build), listens on its control socket (the library runs in the gateway's native host
// process, which inherits $TAPSIM_CONTROL from this process) and gives the connect setting.
import path from 'node:path';
import { buildSim } from '../../../gateways/tap/sim/build.js';
import { startNativeSim, type NativeSim } from '../../helpers/sim-levers.js';

export const BUILD_DIR = path.resolve('test/gateways/tap/build');

export type TapSim = NativeSim;

export function startSim(): Promise<TapSim> {
  return startNativeSim('TAPSIM_CONTROL', buildSim({}, BUILD_DIR), (library) => ({
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
  }));
}
