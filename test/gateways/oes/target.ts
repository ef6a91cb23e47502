// Test-side handle on the simulated OES/MDS library for gateway-level tests: builds it with g++ (cached under
// test/gateways/oes/build), listens on its control socket (the library runs in the gateway's native host
// process, which inherits $OESSIM_CONTROL from this process) and gives the connect setting.
import path from 'node:path';
import { buildOesSim } from '../../../gateways/oes/sim/build.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { listenSimControl } from '../../helpers/sim-levers.js';

export const BUILD_DIR = path.resolve('test/gateways/oes/build');
export const PASSWORD = 'oes-secret-417';

export interface OesSim {
  library: string;
  control(command: string): Promise<void>;
  setting(extra?: GatewaySetting): GatewaySetting;
  stop(): Promise<void>;
}

/** The connect setting for the simulated library (no control socket needed). */
export function simSetting(library: string, extra: GatewaySetting = {}): GatewaySetting {
  return {
    username: 'vnt_user',
    password: PASSWORD,
    hdd_serial: 'HDD0001',
    td_ord_server: 'tcp://127.0.0.1:1',
    td_rpt_server: 'tcp://127.0.0.1:2',
    td_qry_server: 'tcp://127.0.0.1:3',
    md_tcp_server: 'tcp://127.0.0.1:4',
    md_qry_server: 'tcp://127.0.0.1:5',
    library,
    config_dir: path.join(BUILD_DIR, 'conf'),
    poll_idle_ms: 5,
    reconnect_ms: 20,
    ...extra,
  };
}

export async function startSim(): Promise<OesSim> {
  const library = await buildOesSim(BUILD_DIR);
  const ctl = await listenSimControl('OESSIM_CONTROL');
  return { library, ...ctl, setting: (extra = {}) => simSetting(library, extra) };
}
