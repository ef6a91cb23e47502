// CTP Mini's margin and fee rates through each Mini ABI (the query slots differ in every release).
import { test } from 'uvu';
import { MiniGateway } from '../../../gateways/mini/index.js';
import { checkRates } from '../ctp/rates-check.js';

for (const abiVersion of ['1.5.6', '1.6.0', '1.6.3']) {
  test(`MINI ${abiVersion}: rates of held and subscribed contracts reach the contract and the info panel`, () =>
    checkRates(MiniGateway, 'MINI', { family: 'mini', abiVersion }));
}

test.run();
