// The OKEX and OKEXF gateways and the OKX simulator as conformance targets.
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { GatewayClass } from '../../../src/core/gateway.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { OkexGateway, OkexfGateway } from '../../../gateways/okx/index.js';
import { startOkxSim, type OkxSim, type OkxSimOptions } from '../../../gateways/okx/sim/server.js';
import type { ConformanceTarget } from '../../conformance/target.js';

export function settingFor(sim: OkxSim, extra: GatewaySetting = {}): GatewaySetting {
  return {
    apiKey: sim.credentials.apiKey,
    secretKey: sim.credentials.secret,
    passphrase: sim.credentials.passphrase,
    server: 'REAL',
    region: 'www',
    restUrl: sim.restUrl,
    publicUrl: sim.publicUrl,
    privateUrl: sim.privateUrl,
    businessUrl: sim.businessUrl,
    heartbeatMs: 5000,
    ...extra,
  };
}

/** A quiet simulator: prices held still (volatility 0) so resting prices rest. */
export function quietSim(extra: OkxSimOptions = {}): Promise<OkxSim> {
  return startOkxSim({ seed: 42, tickRate: 50, volatility: 0, ...extra });
}

export function okxTarget(kind: 'OKEX' | 'OKEXF'): ConformanceTarget {
  let sim: OkxSim;
  const symbol = kind === 'OKEX' ? 'BTC-USDT' : 'BTC-USDT-SWAP';
  const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');
  const gatewayClass: GatewayClass = kind === 'OKEX' ? OkexGateway : OkexfGateway;
  return {
    gatewayClass,
    instrument: {
      symbol,
      exchange: Exchange.OKEX,
      openOffset: kind === 'OKEX' ? Offset.NONE : Offset.OPEN,
      restingBuyPrice: 90000,
      volume: kind === 'OKEX' ? 0.002 : 2,
      offTickPrice: 90000.05,
    },
    start: async () => {
      sim = await quietSim();
      return settingFor(sim);
    },
    stop: () => sim.close(),
    fill: async (direction, price, volume) =>
      sim.exchange.crossFromMarket(symbol, side(direction), price, volume),
    rejectNext: async () => {
      sim.rejectNext('Order failed. Insufficient USDT balance in account.');
      return 'Insufficient USDT balance';
    },
    drop: async () => sim.setReachable(false),
    fillWhileDown: async (direction, price, volume) =>
      sim.exchange.crossFromMarket(symbol, side(direction), price, volume),
    restore: async () => sim.setReachable(true),
  };
}
