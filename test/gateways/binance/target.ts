// The Binance gateway and its simulator as a conformance target, for either market.
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { BinanceGateway } from '../../../gateways/binance/index.js';
import { startBinanceSim, type BinanceSim } from '../../../gateways/binance/sim/server.js';
import type { Market } from '../../../gateways/binance/types.js';
import type { ConformanceTarget } from '../../conformance/target.js';

export function settingFor(sim: BinanceSim, market: Market): GatewaySetting {
  return {
    key: sim.credentials.apiKey,
    secret: sim.credentials.secret,
    server: 'REAL',
    market,
    restUrl: sim.restUrl,
    streamUrl: market === 'SPOT' ? sim.spotStreamUrl : sim.usdmStreamUrl,
    bookStreamUrl: market === 'SPOT' ? '' : sim.usdmBookUrl,
    wsApiUrl: sim.spotWsApiUrl,
    userStreamUrl: sim.usdmPrivateUrl,
  };
}

export function binanceTarget(market: Market): ConformanceTarget {
  let sim: BinanceSim;
  const symbol = 'BTCUSDT';
  // vnt names the USD-M perpetual apart from the spot pair.
  const vntSymbol = market === 'SPOT' ? symbol : `${symbol}_SWAP`;
  const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');
  const venue = () => sim.venues[market];
  return {
    gatewayClass: BinanceGateway,
    instrument: {
      symbol: vntSymbol,
      exchange: Exchange.BINANCE,
      openOffset: Offset.NONE,
      // The synthetic book sits around 96500 and holds still (volatility 0), so 90000 rests.
      restingBuyPrice: 90000,
      volume: 0.002,
      offTickPrice: market === 'SPOT' ? 90000.005 : 90000.05,
    },
    start: async () => {
      sim = await startBinanceSim({ seed: 42, tickRate: 50, volatility: 0 });
      return settingFor(sim, market);
    },
    stop: () => sim.close(),
    fill: async (direction, price, volume) =>
      venue().exchange.crossFromMarket(symbol, side(direction), price, volume),
    rejectNext: async () => {
      venue().exchange.injectReject(
        venue().accountId,
        'Account has insufficient balance for requested action.',
      );
      return 'insufficient balance';
    },
    // Down and unreachable, so that fillWhileDown happens while the gateway cannot see it.
    drop: async () => sim.setReachable(false),
    fillWhileDown: async (direction, price, volume) =>
      venue().exchange.crossFromMarket(symbol, side(direction), price, volume),
    restore: async () => sim.setReachable(true),
  };
}
