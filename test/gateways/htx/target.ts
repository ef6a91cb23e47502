// The HUOBI gateway and the HTX simulator as a conformance target.
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { HtxRest } from '../../../gateways/htx/client.js';
import { HuobiGateway } from '../../../gateways/htx/index.js';
import { startHtxSim, type HtxSim, type HtxSimOptions } from '../../../gateways/htx/sim/server.js';
import * as assert from 'uvu/assert';
import type { ConformanceTarget } from '../../conformance/target.js';
import { shapeDifferences } from '../../helpers/doc-shape.js';

export function settingFor(sim: HtxSim, extra: GatewaySetting = {}): GatewaySetting {
  return {
    accessKey: sim.credentials.accessKey,
    secretKey: sim.credentials.secret,
    host: 'api.huobi.pro',
    restUrl: sim.restUrl,
    marketUrl: sim.marketUrl,
    privateUrl: sim.privateUrl,
    silenceMs: 30_000,
    ...extra,
  };
}

/** A quiet simulator: prices held still (volatility 0) so resting prices rest. */
export function quietSim(extra: HtxSimOptions = {}): Promise<HtxSim> {
  return startHtxSim({ seed: 42, tickRate: 50, volatility: 0, ...extra });
}

/** The simulator's message has the keys, types and nesting of HTX's documented example (allowed: known gaps). */
export function agrees(
  what: string,
  served: unknown,
  documented: unknown,
  allowed: readonly string[] = [],
): void {
  const diffs = shapeDifferences(served, documented).filter((d) => !allowed.some((a) => d.startsWith(a)));
  assert.equal(diffs, [], `${what}: the simulator's shape is HTX's documented one`);
}

/** A raw signed request to the simulator, for holding its replies to the documented shapes. */
export function signedRest(sim: HtxSim) {
  const rest = new HtxRest({
    baseUrl: sim.restUrl,
    accessKey: sim.credentials.accessKey,
    secret: sim.credentials.secret,
  });
  return (
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string | number> = {},
    signed = true,
  ) => rest.http.request<unknown>({ method, path, params, signed, idempotent: method === 'GET' });
}

export function huobiTarget(): ConformanceTarget {
  let sim: HtxSim;
  const symbol = 'btcusdt';
  const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');
  return {
    gatewayClass: HuobiGateway,
    instrument: {
      symbol,
      exchange: Exchange.HUOBI,
      openOffset: Offset.NONE,
      restingBuyPrice: 90000,
      volume: 0.002,
      offTickPrice: 90000.005,
    },
    start: async () => {
      sim = await quietSim();
      return settingFor(sim);
    },
    stop: () => sim.close(),
    fill: async (direction, price, volume) =>
      sim.exchange.crossFromMarket(symbol, side(direction), price, volume),
    rejectNext: async () => {
      sim.rejectNext('trade account balance is not enough, left: `0.5`');
      return 'trade account balance is not enough';
    },
    drop: async () => sim.setReachable(false),
    fillWhileDown: async (direction, price, volume) =>
      sim.exchange.crossFromMarket(symbol, side(direction), price, volume),
    restore: async () => sim.setReachable(true),
  };
}
