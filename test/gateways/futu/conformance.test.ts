// The shared conformance suite against the FUTU gateway and the simulated OpenD over loopback TCP, trading the
// REAL HK account (so every connect and reconnect must unlock trading). drop() is an OpenD restart: every
// connection closes, the port refuses connections and the trade unlock is lost until restore().
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { SimExchange } from '../../../src/sim/types.js';
import { FutuGateway } from '../../../gateways/futu/index.js';
import {
  FUTU_SIM_PASSWORD,
  startFutuSimulator,
  type FutuSimulator,
} from '../../../gateways/futu/sim/index.js';
import { runConformance } from '../../conformance/suite.js';

let sim: FutuSimulator;
let exchange: SimExchange;
const REAL_ACC = '281756455988880';

runConformance({
  gatewayClass: FutuGateway,
  instrument: {
    symbol: '00700',
    exchange: Exchange.SEHK,
    openOffset: Offset.NONE,
    restingBuyPrice: 300,
    volume: 200,
    offTickPrice: 300.0005,
  },
  start: async () => {
    ({ sim, exchange } = await startFutuSimulator({ seed: 11, tickRate: 0 }));
    return {
      host: '127.0.0.1',
      port: sim.port,
      password: FUTU_SIM_PASSWORD,
      market: 'HK',
      env: 'REAL',
      rsaKeyFile: '',
    };
  },
  stop: async () => {
    exchange.stop();
    await sim.stop();
  },
  fill: async (direction, price, volume) =>
    exchange.crossFromMarket('HK.00700', direction === Direction.SHORT ? 'SELL' : 'BUY', price, volume),
  rejectNext: async () => sim.rejectNext(REAL_ACC, 'Insufficient buying power (simulated)'),
  drop: () => sim.restart(),
  fillWhileDown: async (direction, price, volume) =>
    exchange.crossFromMarket('HK.00700', direction === Direction.SHORT ? 'SELL' : 'BUY', price, volume),
  restore: () => sim.resume(),
});
