// The shared conformance suite against the IB gateway and its simulated TWS over loopback TCP. drop() is a
// daily-restart: every API connection closes and the port refuses connections until restore().
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { SimExchange } from '../../../src/sim/types.js';
import { IbGateway } from '../../../gateways/ib/index.js';
import { IB_SIM_ACCOUNT, startIbSimulator, type TwsSimulator } from '../../../gateways/ib/sim/index.js';
import { runConformance } from '../../conformance/suite.js';

let sim: TwsSimulator;
let exchange: SimExchange;
const AAPL = '265598';

runConformance({
  gatewayClass: IbGateway,
  instrument: {
    symbol: AAPL,
    exchange: Exchange.SMART,
    openOffset: Offset.NONE,
    restingBuyPrice: 150,
    volume: 10,
    offTickPrice: 150.005,
  },
  start: async () => {
    // A frozen market, as the suite expects: ticks after a reconnect come from TWS's answer to the renewed
    // market-data request alone, so they prove the gateway resubscribed. Fills come only from crossFromMarket.
    ({ sim, exchange } = await startIbSimulator({ seed: 7, tickRate: 0 }));
    return { host: '127.0.0.1', port: sim.port, clientId: 1, account: IB_SIM_ACCOUNT, contracts: AAPL };
  },
  stop: async () => {
    exchange.stop();
    await sim.stop();
  },
  fill: async (direction, price, volume) =>
    exchange.crossFromMarket(AAPL, direction === Direction.SHORT ? 'SELL' : 'BUY', price, volume),
  rejectNext: async () => sim.rejectNext('Insufficient buying power for this order (simulated)'),
  drop: () => sim.restart(),
  fillWhileDown: async (direction, price, volume) =>
    exchange.crossFromMarket(AAPL, direction === Direction.SHORT ? 'SELL' : 'BUY', price, volume),
  restore: () => sim.resume(),
});
