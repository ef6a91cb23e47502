// Test-side handle on the simulated CTP library: builds a variant with g++ (cached under
// test/gateways/ctp/build) and drives it over its control socket (the library itself runs in the gateway's
// native host process).
import path from 'node:path';
import { buildSim, type SimVariant } from '../../../gateways/ctp/sim/build.js';
import { SimControl } from '../../../bindings/native/sim-control.js';
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import type { ConformanceTarget } from '../../conformance/target.js';

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

/**
 * The conformance target for a gateway of the CTP family (CTP, MINI) against one simulated library: rb2501
 * on SHFE with frozen prices, queries paced by the library, fills and link drops through the control socket.
 */
export function ctpFamilyTarget(
  gatewayClass: ConformanceTarget['gatewayClass'],
  variant: SimVariant,
): ConformanceTarget {
  let sim: CtpSim;
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
      sim = await startSim(variant);
      // Queries faster than this are answered -3 by the library; the gateway must pace and retry.
      await sim.control('query_limit_ms 10');
      // Prices stay frozen; the snapshot repeats ten times a second.
      await sim.control('tick_interval_us 100000');
      return sim.setting();
    },
    stop: async () => {
      await sim.control('reset');
      await sim.stop();
    },
    // A participant selling fills resting buys, and the reverse.
    fill: async (direction, price, volume) =>
      sim.control(`fill ${direction === Direction.SHORT ? 'L' : 'S'} ${price} ${volume}`),
    rejectNext: async () => {
      await sim.control('reject_next 31 CTP:资金不足');
      return '[31] CTP:资金不足';
    },
    drop: async () => sim.control('disconnect'),
    fillWhileDown: async (direction, price, volume) =>
      sim.control(`fill ${direction === Direction.SHORT ? 'L' : 'S'} ${price} ${volume}`),
    restore: async () => sim.control('restore'),
  };
}
