// The BitMEX gateway and its simulator as a conformance target (XBTUSD, the inverse perpetual).
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { BitmexGateway } from '../../../gateways/bitmex/index.js';
import { ACCOUNT, startBitmexSim, type BitmexSim } from '../../../gateways/bitmex/sim/server.js';
import type { ConformanceTarget } from '../../conformance/target.js';

export function settingFor(sim: BitmexSim, extra: GatewaySetting = {}): GatewaySetting {
  return {
    ID: sim.credentials.apiKey,
    Secret: sim.credentials.secret,
    sessions: 3,
    server: 'TESTNET',
    restUrl: sim.restUrl,
    wsUrl: sim.wsUrl,
    deadManSwitchSec: 0,
    ...extra,
  };
}

export function bitmexTarget(symbol = 'XBTUSD', volume = 200, restingBuyPrice = 90000): ConformanceTarget {
  let sim: BitmexSim;
  const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');
  return {
    gatewayClass: BitmexGateway,
    instrument: {
      symbol,
      exchange: Exchange.BITMEX,
      openOffset: Offset.NONE,
      // The synthetic book sits around 96500 and holds still (volatility 0), so 90000 rests.
      restingBuyPrice,
      volume,
      offTickPrice: restingBuyPrice + 0.25,
    },
    start: async () => {
      sim = await startBitmexSim({ seed: 42, tickRate: 50, volatility: 0 });
      return settingFor(sim);
    },
    stop: () => sim.close(),
    fill: async (direction, price, vol) =>
      sim.venue.exchange.crossFromMarket(symbol, side(direction), price, vol),
    rejectNext: async () => {
      sim.venue.exchange.injectReject(
        ACCOUNT,
        'Account has insufficient Available Balance, 2000 XBt required',
      );
      return 'insufficient Available Balance';
    },
    drop: async () => sim.setReachable(false),
    fillWhileDown: async (direction, price, vol) =>
      sim.venue.exchange.crossFromMarket(symbol, side(direction), price, vol),
    restore: async () => sim.setReachable(true),
  };
}
