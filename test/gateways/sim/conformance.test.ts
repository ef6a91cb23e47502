// The SIM gateway against the shared conformance suite, on a registered venue.
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import { createSimExchange } from '../../../src/sim/exchange.js';
import type { SimExchange } from '../../../src/sim/types.js';
import { SimGateway } from '../../../gateways/sim/index.js';
import { registerVenue, SimVenue, unregisterVenue } from '../../../gateways/sim/venue.js';
import { runConformance } from '../../conformance/suite.js';
import { RB } from '../../sim/fixtures.js';

const VENUE = 'conformance';
let exchange: SimExchange;
let venue: SimVenue;
const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');

runConformance({
  gatewayClass: SimGateway,
  instrument: {
    symbol: RB.symbol,
    exchange: Exchange.SHFE,
    openOffset: Offset.OPEN,
    // Synthetic bids sit at 3990-3999 around the initial 4000; the band is 3800-4200.
    restingBuyPrice: 3900,
    volume: 4,
    offTickPrice: 3900.5,
  },
  start: async () => {
    // The market trades (ticks keep coming) but its fair price stands still, so nothing reaches 3900.
    exchange = createSimExchange({ seed: 42, instruments: [{ ...RB, volatility: 0 }], tickRate: 50 });
    exchange.start();
    venue = new SimVenue(exchange);
    registerVenue(VENUE, venue);
    return { venue: VENUE };
  },
  stop: async () => {
    unregisterVenue(VENUE);
    exchange.stop();
  },
  fill: async (direction, price, volume) =>
    exchange.crossFromMarket(RB.symbol, side(direction), price, volume),
  rejectNext: async () => {
    exchange.injectReject('SIM-CNY', 'E042 risk limit exceeded');
    return 'E042';
  },
  drop: async () => venue.drop(),
  fillWhileDown: async (direction, price, volume) =>
    exchange.crossFromMarket(RB.symbol, side(direction), price, volume),
  restore: async () => venue.restore(),
});
