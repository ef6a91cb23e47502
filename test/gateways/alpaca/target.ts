// The Alpaca gateway and its simulator as a conformance target (AAPL on NASDAQ).
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { AlpacaGateway } from '../../../gateways/alpaca/index.js';
import {
  startAlpacaSim,
  type AlpacaSim,
  type AlpacaSimOptions,
} from '../../../gateways/alpaca/sim/server.js';
import type { ConformanceTarget } from '../../conformance/target.js';

export function settingFor(sim: AlpacaSim, extra: GatewaySetting = {}): GatewaySetting {
  return {
    key: sim.credentials.key,
    secret: sim.credentials.secret,
    server: 'PAPER',
    feed: 'iex',
    restUrl: sim.restUrl,
    streamUrl: sim.streamUrl,
    dataRestUrl: sim.dataRestUrl,
    stockStreamUrl: sim.stockStreamUrl,
    cryptoStreamUrl: sim.cryptoStreamUrl,
    ...extra,
  };
}

export function alpacaTarget(options: AlpacaSimOptions = {}): ConformanceTarget {
  let sim: AlpacaSim;
  const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');
  return {
    gatewayClass: AlpacaGateway,
    instrument: {
      symbol: 'AAPL',
      exchange: Exchange.NASDAQ,
      openOffset: Offset.NONE,
      // The synthetic book sits around 228.50 and holds still (volatility 0), so 200 rests.
      restingBuyPrice: 200,
      volume: 2,
      offTickPrice: 200.005,
    },
    start: async () => {
      sim = await startAlpacaSim({ seed: 42, tickRate: 50, volatility: 0, ...options });
      return settingFor(sim);
    },
    stop: () => sim.close(),
    fill: async (direction, price, volume) =>
      sim.exchange.crossFromMarket('AAPL', side(direction), price, volume),
    rejectNext: async () => {
      sim.rejectNext();
      return 'insufficient buying power';
    },
    drop: async () => sim.setReachable(false),
    fillWhileDown: async (direction, price, volume) =>
      sim.exchange.crossFromMarket('AAPL', side(direction), price, volume),
    restore: async () => sim.setReachable(true),
  };
}
