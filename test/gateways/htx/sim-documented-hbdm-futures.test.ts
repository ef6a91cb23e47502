// Sim/doc agreement for HBDM coin-M futures, and for the swaps' place and cancel replies and match pushes:
// every reply and push the simulator serves on /api/v1/contract_* and the futures links has the same keys,
// JSON types and nesting as HTX's documented example of it (test/fixtures/hbdm-messages.ts). REST goes
// through the simulator's HTTP server with a signed request; pushes are taken from the venues' feeds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SIM_LEVER_RATE } from '../../../gateways/htx/sim/swap.js';
import type { HtxSwapVenue } from '../../../gateways/htx/sim/swap.js';
import type { HtxSim } from '../../../gateways/htx/sim/server.js';
import * as doc from '../../fixtures/hbdm-messages.js';
import { until } from '../../helpers/wait.js';
import { agrees as agreesWith, quietSim, signedRest } from './target.js';
import { btcQuarter, openBuyParams } from './target-hbdm.js';

const agrees = (what: string, served: unknown, documented: string): void =>
  agreesWith(what, served, JSON.parse(documented));

let sim: HtxSim;
let raw: ReturnType<typeof signedRest>;
const code = btcQuarter();

test.before(async () => {
  sim = await quietSim();
  raw = signedRest(sim);
});

test.after(() => sim.close());

const placeBuy = (path: string, contract: string, price: number, volume: number, clientId?: number) =>
  raw('POST', path, {
    contract_code: contract,
    ...(clientId ? { client_order_id: clientId } : {}),
    price,
    volume,
    direction: 'buy',
    offset: 'open',
    lever_rate: SIM_LEVER_RATE,
    order_price_type: 'limit',
  }) as Promise<{ status: string; data: { order_id_str: string } }>;

test('documented futures: contract info, account, place, position, open orders, order info, matches, cancel', async () => {
  const info = (await raw('GET', '/api/v1/contract_contract_info', {}, false)) as {
    data: Array<{ contract_code: string; contract_type: string }>;
  };
  agrees('GET contract_contract_info', info, doc.FUT_CONTRACT_INFO);
  assert.ok(
    info.data.some((c) => c.contract_code === code && c.contract_type === 'quarter'),
    `${code} is the quarterly`,
  );
  agrees(
    'POST contract_account_info',
    await raw('POST', '/api/v1/contract_account_info'),
    doc.FUT_ACCOUNT_INFO,
  );

  const placed = await placeBuy('/api/v1/contract_order', code, 96000, 3);
  agrees('POST contract_order', placed, doc.FUT_ORDER_REPLY);
  sim.exchange.crossFromMarket(code, 'SELL', 96000, 1);
  const positions = (await raw('POST', '/api/v1/contract_position_info')) as { data: unknown[] };
  assert.is(positions.data.length, 1, 'the long is listed');
  agrees('POST contract_position_info', positions, doc.FUT_POSITION_INFO);

  const open = (await raw('POST', '/api/v1/contract_openorders', { symbol: 'BTC', page_index: 1 })) as {
    data: { orders: unknown[] };
  };
  assert.is(open.data.orders.length, 1, 'the partly filled order rests');
  agrees('POST contract_openorders', open, doc.FUT_OPEN_ORDERS);
  const id = placed.data.order_id_str;
  agrees(
    'POST contract_order_info',
    await raw('POST', '/api/v1/contract_order_info', { symbol: 'BTC', order_id: id }),
    doc.FUT_ORDER_INFO,
  );
  agrees(
    'POST contract_matchresults',
    await raw('POST', '/api/v1/contract_matchresults', { symbol: 'BTC', trade_type: 0, create_date: 1 }),
    doc.FUT_MATCH_RESULTS,
  );
  const cancelled = (await raw('POST', '/api/v1/contract_cancel', {
    symbol: 'BTC',
    order_id: `${id},769206471845261312`,
  })) as { data: { errors: Array<{ err_code: number }>; successes: string } };
  agrees('POST contract_cancel', cancelled, doc.FUT_CANCEL_REPLY);
  assert.is(cancelled.data.successes, id);
  assert.is(cancelled.data.errors[0]!.err_code, 1061, "an unknown id is 1061, This order doesn't exist");
});

test('futures calls that find orders need the coin: no symbol is 1067', async () => {
  const r = (await raw('POST', '/api/v1/contract_openorders', { page_index: 1 })) as {
    status: string;
    err_code: number;
  };
  assert.is(r.status, 'error');
  assert.is(r.err_code, 1067);
});

/** Places and fills an order on a venue, returning what its notification feed pushed. */
async function pushesOf(
  venue: HtxSwapVenue,
  path: string,
  contract: string,
  price: number,
): Promise<(kind: string) => Array<Record<string, unknown>>> {
  const pushes: Array<Record<string, unknown>> = [];
  const sink = (m: unknown) => pushes.push(JSON.parse(JSON.stringify(m)) as Record<string, unknown>);
  for (const topic of ['orders.*', 'matchOrders.*', 'accounts.*', 'positions.*'])
    assert.is(venue.subscribeNotify(topic, sink), undefined, `${topic} is served`);
  const placed = venue.handle('POST', path, openBuyParams(contract, '7101', price, 2));
  assert.ok(placed.ok, 'the order is placed');
  sim.exchange.crossFromMarket(contract, 'SELL', price, 2);
  const of = (kind: string) => pushes.filter((p) => String(p.topic).startsWith(kind));
  await until(() => of('matchOrders.').length > 0, 'a match push');
  await until(
    () => of('orders.').some((p) => (p.trade as unknown[]).length > 0),
    'an order push with its fill',
  );
  await until(() => of('accounts.').length > 0 && of('positions.').length > 0, 'account and position pushes');
  venue.unsubscribeAll(sink);
  return of;
}

test('documented futures: orders, matchOrders, accounts and positions pushes; depth and detail', async () => {
  const of = await pushesOf(sim.futures, '/api/v1/contract_order', code, 95000);
  for (const p of of('orders.')) agrees('orders push', p, doc.FUT_ORDER_PUSH);
  for (const p of of('matchOrders.')) agrees('matchOrders push', p, doc.FUT_MATCH_PUSH);
  assert.is(of('orders.')[0]!.topic, 'orders.btc', 'futures topics name the coin');
  agrees('accounts push', of('accounts.')[0], doc.FUT_ACCOUNT_PUSH);
  agrees('positions push', of('positions.')[0], doc.FUT_POSITION_PUSH);

  const market = (topic: string) => JSON.parse(JSON.stringify(sim.futures.subscribeMarket(topic, () => {})));
  agrees('depth push', market(`market.${code}.depth.step0`), doc.FUT_DEPTH_PUSH);
  agrees('detail push', market(`market.${code}.detail`), doc.FUT_DETAIL_PUSH);
});

const SWAPS = [
  {
    what: 'USDT-M',
    prefix: '/linear-swap-api/v1/',
    contract: 'BTC-USDT',
    clientId: 7201,
    otherId: '770323133537685504',
    venue: () => sim.linear,
    order: doc.LINEAR_ORDER_REPLY,
    cancel: doc.LINEAR_CANCEL_REPLY,
    match: doc.LINEAR_MATCH_PUSH,
  },
  {
    what: 'coin-M',
    prefix: '/swap-api/v1/',
    contract: 'BTC-USD',
    // The coin-M example was placed without one (the reply names client_order_id only when sent).
    clientId: undefined,
    otherId: '768503271974985728',
    venue: () => sim.coinSwap,
    order: doc.COIN_ORDER_REPLY,
    cancel: doc.COIN_CANCEL_REPLY,
    match: doc.COIN_MATCH_PUSH,
  },
];

test('documented swaps: swap_order and swap_cancel replies, matchOrders pushes (USDT-M and coin-M)', async () => {
  for (const s of SWAPS) {
    const placed = await placeBuy(`${s.prefix}swap_order`, s.contract, 90000, 1, s.clientId);
    agrees(`POST swap_order (${s.what})`, placed, s.order);
    const cancelled = (await raw('POST', `${s.prefix}swap_cancel`, {
      contract_code: s.contract,
      order_id: `${placed.data.order_id_str},${s.otherId}`,
    })) as { data: { successes: string } };
    agrees(`POST swap_cancel (${s.what})`, cancelled, s.cancel);
    assert.is(cancelled.data.successes, placed.data.order_id_str, `${s.what}: the order is cancelled`);
    const pushes = await pushesOf(s.venue(), `${s.prefix}swap_order`, s.contract, 95000);
    for (const p of pushes('matchOrders.')) agrees(`matchOrders push (${s.what})`, p, s.match);
  }
});

test.run();
