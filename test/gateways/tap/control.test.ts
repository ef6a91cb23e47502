// The simulated TAP counter's control socket ($TAPSIM_CONTROL), through the real binding in the host: the
// levers the conformance suite needs — a counterparty filling a resting order in parts, the next order
// rejected with a TAP code and text, a dropped link (OnDisconnect, calls refused until the next Login).
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SimControl } from '../../../bindings/native/sim-control.js';
import { TapSession } from '../../../bindings/tap/session.js';
import type { TapRecord } from '../../../bindings/tap/structs.js';
import { buildSim } from '../../../gateways/tap/sim/build.js';
import { EventLog, loginAuth, newOrder, simOpenRequest } from './harness.js';

const log = new EventLog();
const events = log.events;
const until = log.until.bind(log);
let control: SimControl;
let s: TapSession;

test.before(async () => {
  const library = await buildSim({}, path.resolve('test/gateways/tap/build'));
  control = await SimControl.listen('TAPSIM_CONTROL');
  Object.assign(process.env, control.env, { TAPSIM_NO_AUTOFILL: '1' });
  s = new TapSession(
    {
      onEvents: log.onEvents,
      onLog: () => {},
    },
    { callTimeoutMs: 5000, exitGraceMs: 2000 },
  );
  await s.open(simOpenRequest(library));
  delete process.env.TAPSIM_CONTROL;
  delete process.env.TAPSIM_NO_AUTOFILL;
  await s.login(loginAuth('U1', 'secret'));
  await until((e) => e.name === 'OnAPIReady');
});

test.after(async () => {
  await s.close();
  await control.close();
});

const order = (price: number): TapRecord =>
  newOrder({
    AccountNo: 'U1',
    ExchangeNo: 'COMEX',
    CommodityType: 'F',
    CommodityNo: 'GC',
    ContractNo: '2612',
    OrderType: '2',
    OrderSide: 'B',
    PositionEffect: 'O',
    OrderPrice: price,
    OrderQty: 4,
  });

test('a counterparty fills a resting buy in two parts: PARTFINISHED then FINISHED', async () => {
  const r = await s.insert(order(2005));
  const resting = await until((e) => e.name === 'OnRtnOrder' && e.sessionId === r.sessionId);
  assert.is(resting.data?.OrderState, '4', 'with autofill off, a crossing order rests');
  const orderNo = resting.data?.OrderNo;
  let from = events.length;
  await control.send('fill B 2001 1');
  const part = await until((e) => e.name === 'OnRtnOrder' && e.data?.OrderNo === orderNo, from);
  assert.is(part.data?.OrderState, '5');
  assert.is(part.data?.OrderMatchQty, 1);
  from = events.length;
  await control.send('fill B 2001 10');
  const done = await until((e) => e.name === 'OnRtnOrder' && e.data?.OrderNo === orderNo, from);
  assert.is(done.data?.OrderState, '6');
  assert.is(done.data?.OrderMatchQty, 4);
  const fills = events.filter((e) => e.name === 'OnRtnFill' && e.data?.OrderNo === orderNo);
  assert.equal(
    fills.map((e) => e.data?.MatchQty),
    [1, 3],
  );
  assert.is(new Set(fills.map((e) => e.data?.MatchNo)).size, 2, 'distinct match numbers');
});

test('reject_next: the next order fails with the code and text', async () => {
  await control.send('reject_next 60011 资金不足');
  const r = await s.insert(order(1990));
  const rtn = await until((e) => e.name === 'OnRtnOrder' && e.sessionId === r.sessionId);
  assert.is(rtn.errorCode, 60011);
  assert.is(rtn.data?.OrderState, 'B');
  assert.is(rtn.data?.ErrorText, '资金不足');
  const next = await s.insert(order(1990));
  const ok = await until((e) => e.name === 'OnRtnOrder' && e.sessionId === next.sessionId);
  assert.is(ok.errorCode, 0, 'only the next one');
});

test('disconnect: OnDisconnect, calls refused, a new Login makes the API ready again', async () => {
  const from = events.length;
  await control.send('disconnect');
  await until((e) => e.name === 'OnDisconnect', from);
  const refused = await s.query({ method: 'QryFund', struct: 'FundReq', fields: {} });
  assert.is.not(refused.result, 0);
  await s.login(loginAuth('U1', 'secret'));
  await until((e) => e.name === 'OnAPIReady', from);
  const ok = await s.query({ method: 'QryFund', struct: 'FundReq', fields: {} });
  assert.is(ok.result, 0);
});

test('an unknown control command is refused', async () => {
  const err = await control.send('nonsense').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.ok(err.length > 0);
});

test.run();
