// Sim/doc agreement for HBDM coin-M swaps: every reply and push the simulator serves on /swap-api/v1 and the
// coin-M links has the same keys, JSON types and nesting as HTX's documented example of it
// (test/fixtures/hbdm-messages.ts). REST goes through the simulator's HTTP server with a signed request; the
// pushes are taken from the coin-M venue's notification and market feeds (the gateway tests carry them over
// the gzip links).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HtxRest } from '../../../gateways/htx/client.js';
import { SIM_LEVER_RATE } from '../../../gateways/htx/sim/swap.js';
import type { HtxSim } from '../../../gateways/htx/sim/server.js';
import * as doc from '../../fixtures/hbdm-messages.js';
import { until } from '../../helpers/wait.js';
import { agrees as agreesWith, quietSim, signedRest } from './target.js';
import { openBuyParams } from './target-hbdm.js';

const agrees = (what: string, served: unknown, documented: string): void =>
  agreesWith(what, served, JSON.parse(documented));

let sim: HtxSim;
let raw: ReturnType<typeof signedRest>;

test.before(async () => {
  sim = await quietSim();
  raw = signedRest(sim);
});

test.after(() => sim.close());

test('documented coin-M: contract info, account, position', async () => {
  agrees(
    'GET swap_contract_info',
    await raw('GET', '/swap-api/v1/swap_contract_info', {}, false),
    doc.COIN_CONTRACT_INFO,
  );
  agrees(
    'POST swap_account_info',
    await raw('POST', '/swap-api/v1/swap_account_info'),
    doc.COIN_ACCOUNT_INFO,
  );
  const placed = await raw('POST', '/swap-api/v1/swap_order', {
    contract_code: 'BTC-USD',
    client_order_id: 7001,
    price: 96000,
    volume: 3,
    direction: 'buy',
    offset: 'open',
    lever_rate: SIM_LEVER_RATE,
    order_price_type: 'limit',
  });
  assert.is((placed as { status: string }).status, 'ok', 'the order is placed');
  sim.exchange.crossFromMarket('BTC-USD', 'SELL', 96000, 1);
  const positions = (await raw('POST', '/swap-api/v1/swap_position_info')) as { data: unknown[] };
  assert.is(positions.data.length, 1, 'the long is listed');
  agrees('POST swap_position_info', positions, doc.COIN_POSITION_INFO);
});

test('documented coin-M: open orders, order info, match results', async () => {
  agrees(
    'POST swap_openorders',
    await raw('POST', '/swap-api/v1/swap_openorders', {
      contract_code: 'BTC-USD',
      page_index: 1,
      page_size: 50,
    }),
    doc.COIN_OPEN_ORDERS,
  );
  agrees(
    'POST swap_order_info',
    await raw('POST', '/swap-api/v1/swap_order_info', { contract_code: 'BTC-USD', client_order_id: '7001' }),
    doc.COIN_ORDER_INFO,
  );
  const matches = (await raw('POST', '/swap-api/v1/swap_matchresults', {
    contract_code: 'BTC-USD',
    trade_type: 0,
    create_date: 1,
  })) as { data: { trades: unknown[] } };
  assert.ok(matches.data.trades.length >= 1, 'the fill is listed');
  agrees('POST swap_matchresults', matches, doc.COIN_MATCH_RESULTS);
});

test('documented coin-M: orders, accounts and positions pushes; depth and detail', async () => {
  const pushes: Array<Record<string, unknown>> = [];
  const sink = (m: unknown) => pushes.push(m as Record<string, unknown>);
  for (const topic of ['orders.*', 'accounts.*', 'positions.*'])
    assert.is(sim.coinSwap.subscribeNotify(topic, sink), undefined, `${topic} is served`);
  const placed = sim.coinSwap.handle(
    'POST',
    '/swap-api/v1/swap_order',
    openBuyParams('BTC-USD', '7002', 95000, 2),
  );
  assert.ok(placed.ok, 'the order is placed');
  sim.exchange.crossFromMarket('BTC-USD', 'SELL', 95000, 2);
  const of = (kind: string) => pushes.filter((p) => String(p.topic).startsWith(kind));
  await until(() => of('orders.').some((p) => (p.trade as unknown[]).length > 0), 'a fill push');
  await until(() => of('accounts.').length > 0 && of('positions.').length > 0, 'account and position pushes');
  for (const p of of('orders.')) agrees('orders push', JSON.parse(JSON.stringify(p)), doc.COIN_ORDER_PUSH);
  agrees('accounts push', JSON.parse(JSON.stringify(of('accounts.')[0])), doc.COIN_ACCOUNT_PUSH);
  agrees('positions push', JSON.parse(JSON.stringify(of('positions.')[0])), doc.COIN_POSITION_PUSH);
  sim.coinSwap.unsubscribeAll(sink);

  const market = (topic: string) => JSON.parse(JSON.stringify(sim.coinSwap.subscribeMarket(topic, () => {})));
  agrees('depth push', market('market.BTC-USD.depth.step0'), doc.COIN_DEPTH_PUSH);
  agrees('detail push', market('market.BTC-USD.detail'), doc.COIN_DETAIL_PUSH);
});

test('coin-M refusals use HBDM error codes: an unknown contract is 1014, a signature problem 403', async () => {
  const unknown = (await raw('POST', '/swap-api/v1/swap_position_info', { contract_code: 'XYZ-USD' })) as {
    status: string;
    err_code: number;
  };
  assert.is(unknown.status, 'error');
  assert.is(unknown.err_code, 1014);
  const bad = new HtxRest({ baseUrl: sim.restUrl, accessKey: sim.credentials.accessKey, secret: 'wrong' });
  const refused = (await bad.http.request<unknown>({
    method: 'POST',
    path: '/swap-api/v1/swap_account_info',
    params: {},
    signed: true,
  })) as { err_code: number };
  assert.is(refused.err_code, 403);
});

test.run();
