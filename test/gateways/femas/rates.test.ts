// FEMAS's margin and fee rates (ReqQryInvestorMargin / ReqQryInvestorFee) against the simulated FEMAS
// library: asked for the contracts in use only, paced, the fee rows naming the product (ProductID) applied
// to its contracts, onto the contract and the info panel as CTP's are.
import { test } from 'uvu';
import { FemasGateway } from '../../../gateways/femas/index.js';
import { Exchange } from '../../../src/core/constant.js';
import { checkRates } from '../ctp/rates-check.js';
import { startFemasSim } from './sim.js';

test('FEMAS: rates of held and subscribed contracts reach the contract and the info panel', () =>
  checkRates(FemasGateway, 'FEMAS', () => startFemasSim(), {
    // sc2503: fees by volume, closing today free.
    symbol: 'sc2503',
    exchange: Exchange.INE,
    margin: { long: 0.1, short: 0.1 },
    info: { Margin: '10% of notional', Fees: 'open 20 CNY per lot; close 20 CNY per lot; close today none' },
  }));

test.run();
