// The Bitfinex gateway and its simulator as a conformance target.
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { BitfinexGateway } from '../../../gateways/bitfinex/index.js';
import {
  startBitfinexSim,
  type BitfinexSim,
  type BitfinexSimOptions,
} from '../../../gateways/bitfinex/sim/server.js';
import type { ConformanceTarget } from '../../conformance/target.js';

export function settingFor(sim: BitfinexSim, extra: GatewaySetting = {}): GatewaySetting {
  return {
    key: sim.credentials.apiKey,
    secret: sim.credentials.secret,
    restUrl: sim.restUrl,
    publicRestUrl: sim.restUrl,
    wsUrl: sim.wsUrl,
    publicWsUrl: sim.wsUrl,
    ...extra,
  };
}

/** A quiet simulator: prices held still (volatility 0) while the synthetic market keeps quoting. */
export function startQuietSim(o: BitfinexSimOptions = {}): Promise<BitfinexSim> {
  return startBitfinexSim({ seed: 42, tickRate: 50, volatility: 0, ...o });
}

export function bitfinexTarget(): ConformanceTarget {
  let sim: BitfinexSim;
  const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');
  return {
    gatewayClass: BitfinexGateway,
    instrument: {
      symbol: 'BTCUSD',
      exchange: Exchange.BITFINEX,
      openOffset: Offset.NONE,
      // The book sits around 96500 and holds still; 90000 rests (and has 5 significant digits).
      restingBuyPrice: 90000,
      volume: 0.002,
      // Six significant digits: off Bitfinex's tick of 1 at this price.
      offTickPrice: 90000.5,
    },
    start: async () => {
      sim = await startQuietSim();
      return settingFor(sim);
    },
    stop: () => sim.close(),
    fill: async (direction, price, volume) =>
      sim.exchange.crossFromMarket('BTCUSD', side(direction), price, volume),
    rejectNext: async () => {
      sim.rejectNext('not enough exchange balance for 0.002 BTCUSD at 90000');
      return 'not enough exchange balance';
    },
    drop: async () => sim.setReachable(false),
    fillWhileDown: async (direction, price, volume) =>
      sim.exchange.crossFromMarket('BTCUSD', side(direction), price, volume),
    restore: async () => sim.setReachable(true),
  };
}
