// Sim/doc agreement: what the Binance simulator replies has the keys, types and nesting of Binance's own
// documented examples (fixtures/*-rest.ts, each naming its page). Where they differ the simulator is wrong.
// Covered so far: the cancel replies of both markets (where a simulator echoing the order's own id in
// clientOrderId hid a gateway bug), the spot account, the USD-M commission rate and USD-M Modify Order.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signedQuery } from '../../../gateways/binance/sign.js';
import { startBinanceSim, type BinanceSim } from '../../../gateways/binance/sim/server.js';
import type { Params } from '../../../gateways/common/rest-client.js';
import { shapeDifferences } from '../../helpers/doc-shape.js';
import * as spotDoc from './fixtures/spot-rest.js';
import * as usdmDoc from './fixtures/usdm-rest.js';

let sim: BinanceSim;
test.before(async () => {
  sim = await startBinanceSim({ seed: 5, tickRate: 0, volatility: 0 });
});
test.after(() => sim.close());

async function call(method: string, p: string, params: Params): Promise<Record<string, unknown>> {
  const query = signedQuery({ ...params, timestamp: Date.now() }, sim.credentials.secret);
  const res = await fetch(`${sim.restUrl}${p}?${query}`, {
    method,
    headers: { 'X-MBX-APIKEY': sim.credentials.apiKey },
  });
  const body = (await res.json()) as Record<string, unknown>;
  assert.is(res.status, 200, `${method} ${p}: ${JSON.stringify(body)}`);
  return body;
}

const order = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '90000' };

test('spot DELETE /api/v3/order has the documented shape, the cancel id in clientOrderId', async () => {
  await call('POST', '/api/v3/order', { ...order, quantity: '0.001', newClientOrderId: 'myOrder1' });
  const reply = await call('DELETE', '/api/v3/order', {
    symbol: 'BTCUSDT',
    origClientOrderId: 'myOrder1',
    newClientOrderId: 'cancelMyOrder1',
  });
  assert.equal(shapeDifferences(reply, spotDoc.CANCEL_ORDER), []);
  assert.is(reply.origClientOrderId, 'myOrder1');
  assert.is(reply.clientOrderId, 'cancelMyOrder1');
});

test('USD-M DELETE /fapi/v1/order has the documented shape (trailing-stop-only fields aside)', async () => {
  await call('POST', '/fapi/v1/order', { ...order, quantity: '0.002', newClientOrderId: 'myOrder1' });
  const reply = await call('DELETE', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'myOrder1' });
  const documented: Record<string, unknown> = { ...usdmDoc.CANCEL_ORDER };
  for (const k of usdmDoc.CANCEL_ORDER_CONDITIONAL) delete documented[k];
  assert.equal(shapeDifferences(reply, documented), []);
  assert.is(reply.clientOrderId, 'myOrder1', 'USD-M cancels have no id of their own');
});

test('spot GET /api/v3/account and USD-M GET /fapi/v1/commissionRate have the documented shapes', async () => {
  assert.equal(shapeDifferences(await call('GET', '/api/v3/account', {}), spotDoc.ACCOUNT), []);
  const rate = await call('GET', '/fapi/v1/commissionRate', { symbol: 'BTCUSDT' });
  assert.equal(shapeDifferences(rate, usdmDoc.COMMISSION_RATE), []);
});

test('USD-M PUT /fapi/v1/order (Modify Order) has the documented shape; -5027 and -2013 as documented', async () => {
  await call('POST', '/fapi/v1/order', { ...order, quantity: '0.002', newClientOrderId: 'myOrder2' });
  const modify = { symbol: 'BTCUSDT', side: 'BUY', origClientOrderId: 'myOrder2' };
  const reply = await call('PUT', '/fapi/v1/order', { ...modify, quantity: '0.003', price: '89990' });
  assert.equal(shapeDifferences(reply, usdmDoc.MODIFY_ORDER), []);
  assert.is(reply.clientOrderId, 'myOrder2');
  assert.is(Number(reply.price), 89990);
  assert.is(Number(reply.origQty), 0.003);
  const refused = async (params: Params): Promise<unknown> => {
    const query = signedQuery({ ...params, timestamp: Date.now() }, sim.credentials.secret);
    const res = await fetch(`${sim.restUrl}/fapi/v1/order?${query}`, {
      method: 'PUT',
      headers: { 'X-MBX-APIKEY': sim.credentials.apiKey },
    });
    assert.is(res.status, 400);
    return res.json();
  };
  assert.equal(await refused({ ...modify, quantity: '0.003', price: '89990' }), {
    code: -5027,
    msg: 'No need to modify the order.',
  });
  await call('DELETE', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'myOrder2' });
  assert.equal(await refused({ ...modify, quantity: '0.004', price: '89990' }), {
    code: -2013,
    msg: 'Order does not exist.',
  });
});

test.run();
