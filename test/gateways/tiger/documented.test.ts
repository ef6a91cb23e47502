// Sim/doc agreement: every REST reply the Tiger simulator serves has the keys, types and nesting of Tiger's
// documented example (test/fixtures/tiger-messages.ts), ids go on the wire as bare integers as Tiger sends
// them, and every push carries the fields Tiger's push documentation lists. Where they differ, the
// simulator is wrong: it would hide a gateway bug that Tiger would not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Command,
  DataType,
  decodeResponse,
  decodeResponseRaw,
  encodeRequest,
} from '../../../gateways/tiger/proto.js';
import { TigerRest } from '../../../gateways/tiger/rest.js';
import { loadPrivateKey, quoteBigIntegers } from '../../../gateways/tiger/sign.js';
import { FUTURE_CODE, type TigerSim } from '../../../gateways/tiger/sim/server.js';
import * as F from '../../fixtures/tiger-messages.js';
import { shapeDifferences } from '../../helpers/doc-shape.js';
import { until } from '../../helpers/wait.js';
import { pushLogin, startSim } from './target.js';

let sim: TigerSim;
let rest: TigerRest;

test.before(async () => {
  sim = await startSim({ tickRate: 0 });
  rest = new TigerRest({
    url: sim.restUrl,
    tigerId: sim.tigerId,
    privateKey: loadPrivateKey(sim.developerPrivateKey),
    deviceId: 'doc-test',
  });
});

test.after(() => sim.close());

/** One signed call; the raw text and the reply read as the gateway reads it. */
async function call(
  method: string,
  biz: Record<string, unknown>,
): Promise<{ text: string; reply: { code: number; data: unknown } & Record<string, unknown> }> {
  const res = await fetch(sim.restUrl, {
    method: 'POST',
    body: JSON.stringify(rest.envelope(method, biz, '2.0', Date.now())),
  });
  const text = await res.text();
  const reply = JSON.parse(quoteBigIntegers(text)) as { code: number; data: unknown } & Record<
    string,
    unknown
  >;
  assert.is(reply.code, 0, `${method}: ${text.slice(0, 200)}`);
  return { text, reply };
}

function agrees(actual: unknown, documented: unknown, what: string): void {
  assert.equal(shapeDifferences(actual, documented), [], what);
}

const place = (price: number, qty = 2) =>
  call('place_order', {
    account: sim.account,
    symbol: 'AAPL',
    sec_type: 'STK',
    action: 'BUY',
    order_type: 'LMT',
    limit_price: price,
    total_quantity: qty,
    time_in_force: 'DAY',
    outside_rth: true,
    user_mark: `doc${price}`,
  });

test('envelope: code, message, timestamp, data, and the reply sign', async () => {
  const { reply } = await call('prime_assets', { account: sim.account });
  const { data: _data, sign, ...rest } = reply;
  const { data: _d, ...doc } = F.ENVELOPE;
  agrees(rest, doc, 'envelope');
  assert.type(sign, 'string');
});

test('contracts: each item as the documented contract', async () => {
  const { reply } = await call('contracts', { symbols: ['AAPL', '00700'], sec_type: 'STK' });
  assert.ok(Array.isArray(reply.data) && reply.data.length === 2);
  agrees(reply.data, [F.CONTRACT_NVDA], 'contracts');
});

test('futures: by contract code and by exchange, each item as the documented future', async () => {
  const one = await call('future_contract_by_contract_code', { contract_code: FUTURE_CODE });
  agrees(one.reply.data, F.FUTURE_MEUR2509, 'future_contract_by_contract_code');
  const all = await call('future_contract_by_exchange_code', { exchange_code: 'CME' });
  assert.ok(Array.isArray(all.reply.data) && all.reply.data.length > 0);
  agrees(all.reply.data, [F.FUTURE_MEUR2509], 'future_contract_by_exchange_code');
});

test('kline: bars per symbol as documented, paged with nextPageToken', async () => {
  sim.venue.klinePageLimit = 3;
  const { reply } = await call('kline', {
    symbols: ['AAPL'],
    period: 'day',
    begin_time: Date.now() - 20 * 86_400_000,
    end_time: Date.now(),
    limit: 1200,
  });
  sim.venue.klinePageLimit = 1200;
  const data = reply.data as { items: unknown[]; nextPageToken?: string }[];
  assert.is(data[0]!.items.length, 3);
  assert.type(data[0]!.nextPageToken, 'string');
  const { nextPageToken: _t, ...entry } = data[0]!;
  agrees([entry], F.KLINE_AAPL, 'kline');
});

test('quote_real_time: the documented snapshot', async () => {
  const { reply } = await call('quote_real_time', { symbols: ['AAPL'], include_hour_trading: false });
  agrees(reply.data, F.STOCK_BRIEFS, 'quote_real_time');
});

test('place_order: the documented reply, with the id as a bare integer past 2^53 on the wire', async () => {
  const { text, reply } = await place(200);
  agrees(reply.data, F.PLACE_REPLY, 'place_order');
  assert.match(text, /"id":\d{17},/);
  assert.not.match(text, /"id":"/);
});

test('orders: pages of documented orders; one order by id; the user_mark comes back', async () => {
  const { reply } = await call('orders', { account: sim.account, limit: 300 });
  const data = reply.data as { items: unknown[]; nextPageToken?: string };
  assert.ok(data.items.length > 0);
  agrees(data.items, [F.ORDER_AAPL], 'orders items');
  for (const k of Object.keys(data)) assert.ok(k in F.ORDERS_PAGE, `${k} is a documented page key`);
  const id = (data.items[0] as { id: string }).id;
  const one = await call('orders', { account: sim.account, id });
  agrees(one.reply.data, F.ORDER_AAPL, 'one order');
  assert.is((one.reply.data as { userMark: string }).userMark, 'doc200');
});

test('fills: order_transactions and positions as documented; modify and cancel replies', async () => {
  const placed = await place(201);
  const id = (placed.reply.data as { id: string }).id;
  sim.exchange.crossFromMarket('AAPL', 'SELL', 201, 2);
  const tx = await call('order_transactions', { account: sim.account, order_id: id, limit: 100 });
  const items = (tx.reply.data as { items: unknown[] }).items;
  assert.is(items.length, 1);
  agrees(items, F.TRANSACTIONS_PAGE.items, 'order_transactions');
  assert.match(tx.text, /"orderId":\d{17},/);
  const pos = await call('positions', { account: sim.account });
  agrees(pos.reply.data, F.POSITIONS, 'positions');
  agrees((await call('prime_assets', { account: sim.account })).reply.data, F.PRIME_ASSETS, 'prime_assets');

  const resting = await place(199);
  const rid = (resting.reply.data as { id: string }).id;
  const mod = await call('modify_order', {
    account: sim.account,
    id: rid,
    symbol: 'AAPL',
    sec_type: 'STK',
    action: 'BUY',
    order_type: 'LMT',
    limit_price: 198,
    total_quantity: 3,
  });
  agrees(mod.reply.data, F.MODIFY_REPLY, 'modify_order');
  const after = (await call('orders', { account: sim.account, id: rid })).reply.data as {
    limitPrice: number;
    totalQuantity: number;
  };
  assert.is(after.limitPrice, 198);
  assert.is(after.totalQuantity, 3);
  const cancel = await call('cancel_order', { account: sim.account, id: rid });
  agrees(cancel.reply.data, F.CANCEL_REPLY, 'cancel_order');
  assert.is(
    ((await call('orders', { account: sim.account, id: rid })).reply.data as { status: string }).status,
    'Cancelled',
  );
});

test('pushes: CONNECTED with heart-beat; order, transaction, position and asset pushes carry the documented fields', async () => {
  const { socket, frames } = await pushLogin(sim);
  await until(() => frames.length > 0, 'CONNECTED');
  const connected = decodeResponse(frames[0]!);
  assert.is(connected.command, Command.CONNECTED);
  assert.match(connected.msg ?? '', /^\{"heart-beat":"\d+,\d+"\}$/);
  let id = 2;
  for (const dataType of [
    DataType.OrderStatus,
    DataType.OrderTransaction,
    DataType.Position,
    DataType.Asset,
  ]) {
    socket.write(
      encodeRequest({ command: Command.SUBSCRIBE, id: id++, subscribe: { dataType, account: sim.account } }),
    );
  }
  await until(
    () => frames.map((f) => decodeResponse(f)).filter((r) => r.code === 112).length === 4,
    'four subscribe results',
  );
  await place(202);
  sim.exchange.crossFromMarket('AAPL', 'SELL', 202, 1);
  sim.exchange.crossFromMarket('AAPL', 'SELL', 202, 1);
  const fields = new Map<number, Set<string>>();
  await until(() => {
    fields.clear();
    for (const f of frames) {
      const raw = decodeResponseRaw(f) as { body?: Record<string, unknown> & { dataType?: number } };
      const body = raw.body;
      if (!body?.dataType) continue;
      for (const k of ['orderStatusData', 'orderTransactionData', 'positionData', 'assetData']) {
        const m = body[k];
        if (!m) continue;
        const set = fields.get(body.dataType) ?? new Set<string>();
        // Fields set on the wire are own properties of a decoded message; defaults live on its prototype.
        for (const name of Object.keys(m as object)) set.add(name);
        fields.set(body.dataType, set);
      }
    }
    return fields.size === 4 && (fields.get(DataType.OrderStatus)?.has('filledQuantity') ?? false);
  }, 'all four push kinds');
  const missing = (type: number, names: readonly string[]) => names.filter((n) => !fields.get(type)!.has(n));
  assert.equal(missing(DataType.OrderStatus, F.PUSH_ORDER_FIELDS), [], 'order status push');
  assert.equal(missing(DataType.OrderTransaction, F.PUSH_TRANSACTION_FIELDS), [], 'transaction push');
  assert.equal(
    missing(
      DataType.Position,
      F.PUSH_POSITION_FIELDS.filter((f) => f !== 'unrealizedPnl'),
    ),
    [],
    'position push (bought at the still price: no unrealized PnL, a proto3 default)',
  );
  assert.equal(
    missing(
      DataType.Asset,
      F.PUSH_ASSET_FIELDS.filter((f) => f !== 'initMarginReq' && f !== 'maintMarginReq'),
    ),
    [],
    'asset push (a cash account has no margin requirement)',
  );
  socket.destroy();
});

test.run();
