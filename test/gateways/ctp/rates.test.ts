// CTP's margin and fee rates, through both struct generations (6.3.19 legacy, 6.7.13 modern).
import { test } from 'uvu';
import { CtpGateway } from '../../../gateways/ctp/index.js';
import { checkRates } from './rates-check.js';

for (const abiVersion of ['6.3.19', '6.7.13']) {
  test(`CTP ${abiVersion}: rates of held and subscribed contracts reach the contract and the info panel`, () =>
    checkRates(CtpGateway, 'CTP', { abiVersion }));
}

test.run();
