// The TAP trade API end to end through the real binding in its native host, against the simulated library:
// Login answers OnConnect, OnRspLogin and OnAPIReady from the library's thread; contracts, funds and
// positions are queried; an order that reaches the reference price fills (OnRspOrderAction, OnRtnOrder,
// OnRtnFill, OnRtnOrder finished); a resting one is cancelled; refusals carry TAP error codes.
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TapSession } from '../../../bindings/tap/session.js';
import type { TapRecord } from '../../../bindings/tap/structs.js';
import { buildSim } from '../../../gateways/tap/sim/build.js';
import { EventLog, loginAuth, newOrder, simOpenRequest } from './harness.js';
import { parseContract, parseOrder, parseTrade } from '../../../gateways/tap/parse.js';
import { Status } from '../../../src/core/constant.js';

const buildDir = path.resolve('test/gateways/tap/build');
let library = '';
let s: TapSession;
const log = new EventLog();
const events = log.events;
const until = log.until.bind(log);

test.before(async () => {
  library = await buildSim({}, buildDir);
  s = new TapSession(
    {
      onEvents: log.onEvents,
      onLog: () => {},
    },
    { callTimeoutMs: 5000, exitGraceMs: 2000 },
  );
  await s.open(simOpenRequest(library));
});

test.after(async () => {
  await s.close();
});

test('calls before login are refused with a code', async () => {
  const r = await s.query({ method: 'QryContract', struct: 'Commodity', fields: {} });
  assert.is.not(r.result, 0);
});

// The 9.3.8.7 library checks a request's flags before anything else (its IsValidTapAPI* functions); a flag
// left NUL is refused with TAPIERROR_INPUTERROR_<type>, and nothing is called back.
test('a login whose ISModifyPassword is not Y or N is refused with TAPIERROR_INPUTERROR_TAPIYNFLAG', async () => {
  const from = events.length;
  assert.is(await s.login({ UserNo: 'U1', Password: 'secret' }), -10001);
  assert.is(await s.login({ ...loginAuth('U1', 'secret'), ISModifyPassword: 'x' }), -10001);
  const r = await s.query({ method: 'QryContract', struct: 'Commodity', fields: {} });
  assert.is.not(r.result, 0, 'still not logged in');
  assert.is(events.length, from);
});

test('Login: OnConnect, OnRspLogin, OnAPIReady in order from the library thread', async () => {
  assert.is(await s.login(loginAuth('U1', 'secret')), 0);
  await until((e) => e.name === 'OnAPIReady');
  const names = events.map((e) => e.name);
  assert.equal(names.slice(0, 3), ['OnConnect', 'OnRspLogin', 'OnAPIReady']);
  assert.is(events[0]!.text, '127.0.0.1:6060');
  assert.is(events[1]!.errorCode, 0);
  assert.is(events[1]!.data?.UserNo, 'U1');
});

test('QryContract answers every contract (two futures, a call and a put), the last flagged', async () => {
  const r = await s.query({ method: 'QryContract', struct: 'Commodity', fields: {} });
  assert.is(r.result, 0);
  assert.ok(r.sessionId > 0);
  const last = await until((e) => e.name === 'OnRspQryContract' && e.sessionId === r.sessionId && e.isLast);
  const rows = events.filter((e) => e.name === 'OnRspQryContract' && e.sessionId === r.sessionId);
  assert.is(rows.length, 4);
  assert.equal(
    rows.map(
      (e) =>
        `${e.data?.ExchangeNo}.${e.data?.CommodityType}.${e.data?.CommodityNo}${e.data?.ContractNo1}` +
        `${e.data?.CallOrPutFlag1}${e.data?.StrikePrice1}`,
    ),
    ['COMEX.F.GC2612N', 'CME.F.ES2612N', 'COMEX.O.OG2612C2000', 'COMEX.O.OG2612P1950'],
  );
  assert.is(last.data?.ContractName, 'COMEX Gold Option 2612 P1950');
  assert.is(last.data?.QuoteUnderlyingContract, 'GC2612');
  assert.is(rows[0]!.data?.ContractSize, 100);
  assert.is(parseContract(rows[0]!.data!, 'TAP', 0.1)?.vtSymbol, 'GC2612.COMEX');
});

const order = (price: number, side = 'B', contract = '2612'): TapRecord =>
  newOrder({
    AccountNo: 'U1',
    ExchangeNo: 'COMEX',
    CommodityType: 'F',
    CommodityNo: 'GC',
    ContractNo: contract,
    OrderType: '2',
    TimeInForce: '0',
    OrderSide: side,
    PositionEffect: 'O',
    OrderPrice: price,
    OrderQty: 3,
  });

test('an order at the reference price fills: action, order, fill, order finished', async () => {
  const from = events.length;
  const r = await s.insert(order(2000));
  assert.is(r.result, 0);
  assert.match(r.clientOrderNo, /^C\d{8}$/);
  const done = await until(
    (e) => e.name === 'OnRtnOrder' && e.sessionId === r.sessionId && e.data?.OrderState === '6',
    from,
  );
  const mine = events.slice(from).filter((e) => e.sessionId === r.sessionId || e.name === 'OnRtnFill');
  assert.equal(
    mine.map((e) => e.name),
    ['OnRspOrderAction', 'OnRtnOrder', 'OnRtnFill', 'OnRtnOrder'],
  );
  assert.is(mine[0]!.action, '1');
  assert.is(mine[0]!.data?.ClientOrderNo, r.clientOrderNo);
  assert.is(mine[1]!.data?.OrderState, '4');
  const fill = mine[2]!.data!;
  assert.is(fill.OrderNo, done.data?.OrderNo);
  assert.is(fill.MatchPrice, 2000);
  assert.is(fill.MatchQty, 3);
  assert.is(done.data?.OrderMatchQty, 3);
  // The records the binding copied read as vnt objects.
  assert.is(parseOrder(mine[1]!.data!, 'TAP', r.clientOrderNo)?.status, Status.NOTTRADED);
  assert.is(parseOrder(done.data!, 'TAP', r.clientOrderNo)?.status, Status.ALLTRADED);
  assert.is(parseTrade(fill, 'TAP', r.clientOrderNo)?.vtSymbol, 'GC2612.COMEX');
});

test('QryPosition and QryFund reflect the fill', async () => {
  const p = await s.query({ method: 'QryPosition', struct: 'PositionQryReq', fields: { AccountNo: 'U1' } });
  const pos = await until((e) => e.name === 'OnRspQryPosition' && e.sessionId === p.sessionId && e.isLast);
  assert.is(pos.data?.CommodityNo, 'GC');
  assert.is(pos.data?.MatchSide, 'B');
  assert.is(pos.data?.PositionQty, 3);
  const f = await s.query({ method: 'QryFund', struct: 'FundReq', fields: { AccountNo: 'U1' } });
  const fund = await until((e) => e.name === 'OnRspQryFund' && e.sessionId === f.sessionId);
  assert.is(fund.data?.CurrencyNo, 'USD');
  assert.is(fund.data?.AccountFee, 6);
  assert.is(fund.data?.Balance, 1_000_000 - 6);
});

test('a resting order is cancelled; a second cancel is refused with a code', async () => {
  const r = await s.insert(order(1990));
  const resting = await until((e) => e.name === 'OnRtnOrder' && e.sessionId === r.sessionId);
  assert.is(resting.data?.OrderState, '4');
  const orderNo = String(resting.data?.OrderNo);
  const c = await s.cancel({ ServerFlag: 'C', OrderNo: orderNo });
  assert.is(c.result, 0);
  const ack = await until((e) => e.name === 'OnRspOrderAction' && e.sessionId === c.sessionId);
  assert.is(ack.errorCode, 0);
  assert.is(ack.action, '3');
  const gone = await until((e) => e.name === 'OnRtnOrder' && e.sessionId === c.sessionId);
  assert.is(gone.data?.OrderState, '9');
  assert.is(gone.data?.OrderNo, orderNo);
  const again = await s.cancel({ ServerFlag: 'C', OrderNo: orderNo });
  const refused = await until((e) => e.name === 'OnRspOrderAction' && e.sessionId === again.sessionId);
  assert.is.not(refused.errorCode, 0);
});

test('QryCommodity: one row per commodity; the option commodity says American (OptionType, the last byte)', async () => {
  const r = await s.queryCommodities();
  assert.is(r.result, 0);
  await until((e) => e.name === 'OnRspQryCommodity' && e.sessionId === r.sessionId && e.isLast);
  const rows = events.filter((e) => e.name === 'OnRspQryCommodity' && e.sessionId === r.sessionId);
  assert.equal(
    rows.map((e) => `${e.data?.CommodityType}${e.data?.CommodityNo}:${e.data?.OptionType}`),
    ['FGC:', 'FES:', 'OOG:A'],
  );
  assert.is(rows[2]!.data?.CommodityTickSize, 0.1);
  assert.is(rows[2]!.data?.IsAddOne, 'N');
});

test("an order with a flag left NUL or out of its type is refused by the call, with the type's code", async () => {
  const from = events.length;
  const refusals: [string, string, number][] = [
    ['TacticsType', '', -12035],
    ['TriggerCondition', '', -12041],
    ['TriggerPriceType', 'X', -12042],
    ['AddOneIsValid', '', -10001],
    ['HedgeFlag', '', -12010],
    ['CallOrPutFlag2', '', -10004],
  ];
  for (const [field, value, code] of refusals)
    assert.is((await s.insert({ ...order(2000), [field]: value })).result, code, field);
  assert.is(events.length, from, 'a refused call is not called back');
});

test('QryOrder: OrderQryType A answers every order, U only the working ones, anything else is refused', async () => {
  const q = (fields: TapRecord) => s.query({ method: 'QryOrder', struct: 'OrderQryReq', fields });
  assert.is((await q({ AccountNo: 'U1' })).result, -12045, 'OrderQryType left NUL');
  assert.is((await q({ AccountNo: 'U1', OrderQryType: 'X' })).result, -12045);
  const resting = await s.insert(order(1980));
  const rtn = await until((e) => e.name === 'OnRtnOrder' && e.sessionId === resting.sessionId);
  const rows = async (type: string) => {
    const r = await q({ AccountNo: 'U1', OrderQryType: type });
    assert.is(r.result, 0);
    await until((e) => e.name === 'OnRspQryOrder' && e.sessionId === r.sessionId && e.isLast);
    return events
      .filter((e) => e.name === 'OnRspQryOrder' && e.sessionId === r.sessionId)
      .map((e) => `${e.data?.OrderNo}:${e.data?.OrderState}`);
  };
  const all = await rows('A');
  const working = await rows('U');
  assert.equal(working, [`${rtn.data?.OrderNo}:4`]);
  assert.ok(all.length >= 3, `the filled and the cancelled orders too: ${all.join(' ')}`);
  assert.ok(all.some((o) => o.endsWith(':6')) && all.some((o) => o.endsWith(':9')));
  assert.ok(all.includes(working[0]!));
  const c = await s.cancel({ ServerFlag: 'C', OrderNo: String(rtn.data?.OrderNo) });
  await until((e) => e.name === 'OnRtnOrder' && e.sessionId === c.sessionId);
});

test('an order for an unknown contract is refused with a code and its text', async () => {
  const r = await s.insert(order(2000, 'B', '9999'));
  const rtn = await until((e) => e.name === 'OnRtnOrder' && e.sessionId === r.sessionId);
  assert.is.not(rtn.errorCode, 0);
  assert.is(rtn.data?.OrderState, 'B');
  assert.is(rtn.data?.ErrorText, 'no such contract');
});

test.run();
