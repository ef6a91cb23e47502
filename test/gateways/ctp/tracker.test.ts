// CTP order and trade pushes go through the shared order tracker: a late or replayed OnRtnOrder (the query
// answer after a reconnect, a stale row) never moves an order backwards, and each trade is pushed once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Status } from '../../../src/core/constant.js';
import type { OrderData, TradeData } from '../../../src/core/object.js';
import type { SpiEvent } from '../../../bindings/ctp/protocol.js';
import type { CtpSession } from '../../../bindings/ctp/session.js';
import type { CtpRecord } from '../../../bindings/ctp/structs.js';
import { CtpTdClient } from '../../../gateways/ctp/td.js';
import type { GatewayPushes } from '../../../gateways/ctp/pushes.js';

function client() {
  const orders: OrderData[] = [];
  const trades: TradeData[] = [];
  const pushes: GatewayPushes = {
    gatewayName: 'CTP',
    tick: () => undefined,
    order: (o) => orders.push(o),
    trade: (t) => trades.push(t),
    position: () => undefined,
    account: () => undefined,
    contract: () => undefined,
    log: () => undefined,
    failed: () => undefined,
    linkChanged: () => undefined,
  };
  // Only requests are made of the session here, and none in these scenarios.
  const session = { request: async () => 0 } as unknown as CtpSession;
  const td = new CtpTdClient(
    session,
    {
      userid: 'u',
      password: 'p',
      brokerid: 'b',
      appid: '',
      authCode: '',
      queryIntervalMs: 1000,
      settlementConfirm: true,
    },
    pushes,
  );
  return { td, orders, trades };
}

function rtn(name: SpiEvent['name'], data: CtpRecord): SpiEvent {
  return { api: 'td', name, data, info: null, requestId: 0, isLast: true, reason: 0 };
}

const row = (status: string, traded: number): CtpRecord => ({
  FrontID: 1,
  SessionID: 7,
  OrderRef: '12',
  OrderSysID: '  9001',
  InstrumentID: 'rb2501',
  ExchangeID: 'SHFE',
  Direction: '0',
  CombOffsetFlag: '0',
  OrderPriceType: '2',
  TimeCondition: '3',
  VolumeCondition: '1',
  LimitPrice: 3800,
  VolumeTotalOriginal: 2,
  VolumeTraded: traded,
  OrderStatus: status,
  OrderSubmitStatus: '3',
  StatusMsg: '',
  InsertDate: '20250102',
  InsertTime: '09:30:00',
});

const fill = (tradeid: string): CtpRecord => ({
  TradeID: tradeid,
  OrderSysID: '  9001',
  InstrumentID: 'rb2501',
  ExchangeID: 'SHFE',
  Direction: '0',
  OffsetFlag: '0',
  Price: 3800,
  Volume: 1,
  TradeDate: '20250102',
  TradeTime: '09:30:01',
});

test('a stale OnRtnOrder after ALLTRADED does not move the order backwards', () => {
  const { td, orders } = client();
  td.handle(rtn('OnRtnOrder', row('3', 0)));
  td.handle(rtn('OnRtnOrder', row('1', 1)));
  td.handle(rtn('OnRtnOrder', row('0', 2)));
  // Replayed rows: a query answer or a late push of an earlier state.
  td.handle(rtn('OnRspQryOrder', row('1', 1)));
  td.handle(rtn('OnRtnOrder', row('3', 0)));
  assert.equal(
    orders.map((o) => `${o.status}:${o.traded}`),
    [`${Status.NOTTRADED}:0`, `${Status.PARTTRADED}:1`, `${Status.ALLTRADED}:2`],
  );
});

test('the same trade from the push and from the query is pushed once', () => {
  const { td, trades } = client();
  td.handle(rtn('OnRtnOrder', row('1', 1)));
  td.handle(rtn('OnRtnTrade', fill('       1')));
  td.handle(rtn('OnRspQryTrade', fill('       1')));
  td.handle(rtn('OnRtnTrade', fill('       2')));
  assert.equal(
    trades.map((t) => t.tradeid),
    ['1', '2'],
  );
  assert.is(trades[0]!.orderid, '1_7_12', 'the trade names its order by front, session and ref');
});

test.run();
