// Test-side handle on the simulated FEMAS library: builds a variant with g++ (cached under
// test/gateways/femas/build) and drives it over its control socket (the library itself runs in the
// gateway's native host process).
import path from 'node:path';
import { SimControl } from '../../../bindings/native/sim-control.js';
import { buildFemasSim, type FemasSimVariant } from '../../../gateways/femas/sim/build.js';
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import type { ConformanceTarget } from '../../conformance/target.js';

export const FEMAS_BUILD_DIR = path.resolve('test/gateways/femas/build');

export interface FemasSim {
  library: string;
  control(command: string): Promise<void>;
  setting(extra?: GatewaySetting): GatewaySetting;
  stop(): Promise<void>;
}

let shared: SimControl | undefined;

async function simControl(): Promise<SimControl> {
  if (!shared) {
    shared = await SimControl.listen('FEMASSIM_CONTROL');
    Object.assign(process.env, shared.env);
  }
  return shared;
}

export async function startFemasSim(variant: FemasSimVariant = {}): Promise<FemasSim> {
  const library = await buildFemasSim(variant, FEMAS_BUILD_DIR);
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
      ...extra,
    }),
  };
}

/**
 * The conformance target against the simulated FEMAS library: rb2501 on SHFE with frozen prices, queries
 * paced by the library, fills and link drops through the control socket.
 */
export function femasTarget(gatewayClass: ConformanceTarget['gatewayClass']): ConformanceTarget {
  let sim: FemasSim;
  const fill = (direction: Direction, price: number, volume: number) =>
    sim.control(`fill ${direction === Direction.SHORT ? 'L' : 'S'} ${price} ${volume}`);
  return {
    gatewayClass,
    instrument: {
      symbol: 'rb2501',
      exchange: Exchange.SHFE,
      openOffset: Offset.OPEN,
      restingBuyPrice: 3400,
      volume: 4,
      offTickPrice: 3400.5,
    },
    start: async () => {
      sim = await startFemasSim();
      await sim.control('query_limit_ms 10');
      await sim.control('tick_interval_us 100000');
      return sim.setting();
    },
    stop: async () => {
      await sim.control('reset');
      await sim.stop();
    },
    fill,
    rejectNext: async () => {
      await sim.control('reject_next 31 资金不足');
      return '[31] 资金不足';
    },
    drop: async () => sim.control('disconnect'),
    fillWhileDown: fill,
    restore: async () => sim.control('restore'),
  };
}
