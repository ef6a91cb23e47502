// HBDM (USDT-M swap) parsing on HTX's documented order example (test/fixtures/hbdm-messages.ts), and the
// simulator's swap_order_info reply held to the same documented shape.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { shapeProblem } from '../../../gateways/common/shape.js';
import { orderFromSwap, statusFromSwap, venueIdOf } from '../../../gateways/htx/hbdm/parse.js';
import { ORDER_SPEC } from '../../../gateways/htx/hbdm/shape.js';
import type { SwapOrder } from '../../../gateways/htx/hbdm/types.js';
import { ORDER_INFO_REPLY } from '../../fixtures/hbdm-messages.js';
import { shapeDifferences } from '../../helpers/doc-shape.js';
import { quietSim } from './target.js';
import { openBuyParams } from './target-hbdm.js';

const documented = (JSON.parse(ORDER_INFO_REPLY) as { data: SwapOrder[] }).data[0]!;

test('the documented order passes the shape check and becomes a filled short OPEN order', () => {
  assert.is(shapeProblem(documented, ORDER_SPEC), undefined);
  const o = orderFromSwap(documented, 'HBDM');
  assert.is(o.orderid, '57012021045', 'our id is the client_order_id');
  assert.is(o.symbol, 'BTC-USDT');
  assert.is(o.direction, Direction.SHORT);
  assert.is(o.offset, Offset.OPEN);
  assert.is(o.type, OrderType.MARKET, 'opponent is a market order');
  assert.is(o.status, Status.ALLTRADED);
  assert.is(o.volume, 1);
  assert.is(o.traded, 1);
  assert.is(o.price, 13059.8);
  assert.is(o.datetime, 1603703614712);
});

test('the order id is order_id_str: the JSON number is rounded past 2^53', () => {
  assert.is.not(String(documented.order_id), '770334322963152896', 'JSON.parse rounds order_id');
  assert.is(venueIdOf(documented), '770334322963152896');
  const foreign = orderFromSwap({ ...documented, client_order_id: null }, 'HBDM');
  assert.is(foreign.orderid, 'x770334322963152896');
});

test('statuses: 3 submitted, 4 partial, 5 and 7 cancelled, 6 filled, 11 cancelling keeps the fill state', () => {
  assert.is(statusFromSwap(3, 0), Status.NOTTRADED);
  assert.is(statusFromSwap(4, 1), Status.PARTTRADED);
  assert.is(statusFromSwap(5, 1), Status.CANCELLED);
  assert.is(statusFromSwap(6, 2), Status.ALLTRADED);
  assert.is(statusFromSwap(7, 0), Status.CANCELLED);
  assert.is(statusFromSwap(11, 0), Status.NOTTRADED);
  assert.is(statusFromSwap(11, 1), Status.PARTTRADED);
});

test('a malformed order is refused by the shape check, naming the field', () => {
  assert.match(shapeProblem({ ...documented, direction: 'up' }, ORDER_SPEC) ?? '', /direction/);
  assert.match(shapeProblem({ ...documented, trade_volume: 'x' }, ORDER_SPEC) ?? '', /trade_volume/);
});

test("the simulator's swap_order_info reply has the documented keys, types and nesting", async () => {
  const sim = await quietSim();
  try {
    const placed = sim.linear.handle(
      'POST',
      '/linear-swap-api/v1/swap_order',
      openBuyParams('BTC-USDT', '4242', 90000, 2),
    );
    assert.ok(placed.ok, 'the order is placed');
    sim.exchange.crossFromMarket('BTC-USDT', 'SELL', 90000, 1);
    const info = sim.linear.handle('POST', '/linear-swap-api/v1/swap_order_info', {
      client_order_id: '4242',
      contract_code: 'BTC-USDT',
    });
    assert.ok(info.ok, 'the order is found');
    const sent = JSON.parse(JSON.stringify({ status: 'ok', data: info.ok ? info.data : null, ts: 1 }));
    assert.equal(shapeDifferences(sent, JSON.parse(ORDER_INFO_REPLY)), []);
    const [o] = (sent as { data: SwapOrder[] }).data;
    assert.is(o!.status, 4, 'partly filled');
    assert.is(o!.trade_volume, 1);
  } finally {
    await sim.close();
  }
});

test.run();
