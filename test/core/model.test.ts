import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, OrderType, Status } from '../../src/core/constant.js';
import { label, setLocale } from '../../src/core/labels.js';
import { LocalOrderManager } from '../../src/core/local-order.js';
import {
  createAccount,
  createPosition,
  createTick,
  setDepthLevel,
  isActive,
  makeVtPositionid,
  orderFromRequest,
  splitVtSymbol,
  type CancelRequest,
} from '../../src/core/object.js';
import { decimalsOf, isMultipleOf, roundTo } from '../../src/core/validate.js';

test('vtSymbol splits at the last dot, so symbols with dots survive', () => {
  assert.equal(splitVtSymbol('BRK.B.SMART'), { symbol: 'BRK.B', exchange: 'SMART' });
  assert.equal(splitVtSymbol('rb2501.SHFE'), { symbol: 'rb2501', exchange: 'SHFE' });
  assert.throws(() => splitVtSymbol('nodot'), /not a vtSymbol/);
  assert.throws(() => splitVtSymbol('trailing.'), /not a vtSymbol/);
});

test('vtPositionid includes the gateway name', () => {
  const p = createPosition({
    gatewayName: 'CTP2',
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    direction: Direction.SHORT,
  });
  assert.is(p.vtPositionid, 'CTP2.rb2501.SHFE.SHORT');
  assert.is(makeVtPositionid('A', 'x.SSE', Direction.LONG), 'A.x.SSE.LONG');
});

test('orders from requests start SUBMITTING with derived ids', () => {
  const o = orderFromRequest(
    {
      symbol: '600036',
      exchange: Exchange.SSE,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      volume: 100,
      price: 35.5,
      offset: 'NONE' as never,
    },
    '7',
    'XTP',
  );
  assert.is(o.vtOrderid, 'XTP.7');
  assert.is(o.vtSymbol, '600036.SSE');
  assert.is(o.status, Status.SUBMITTING);
  assert.ok(isActive(o));
  assert.not.ok(isActive({ status: Status.REJECTED }));
});

test('account available defaults to balance minus frozen', () => {
  const a = createAccount({ gatewayName: 'G', accountid: '1', balance: 100, frozen: 30 });
  assert.is(a.available, 70);
  assert.is(a.vtAccountid, 'G.1');
});

test('labels: English by default, VN Trader Chinese labels selectable', () => {
  setLocale('en');
  assert.is(label('Direction', Direction.LONG), 'Long');
  assert.is(label('Status', Status.PARTTRADED), 'Part traded');
  setLocale('zh');
  assert.is(label('Direction', Direction.LONG), '多');
  assert.is(label('Status', Status.CANCELLED), '已撤销');
  assert.is(label('Exchange', Exchange.SHFE), 'SHFE');
  setLocale('en');
});

test('price and volume steps tolerate binary floating point', () => {
  assert.ok(isMultipleOf(0.3, 0.1));
  assert.ok(isMultipleOf(3851, 1));
  assert.ok(isMultipleOf(26543.21, 0.01));
  assert.not.ok(isMultipleOf(3850.5, 1));
  assert.not.ok(isMultipleOf(0.15, 0.1));
  assert.not.ok(isMultipleOf(96500.005, 0.01), 'half a tick on a large crypto price');
  assert.ok(isMultipleOf(96500.01, 0.01));
  assert.ok(isMultipleOf(123456789.12345678, 1e-8));
  assert.not.ok(isMultipleOf(0.00012345, 0.0001));
  assert.is(roundTo(0.1 + 0.2, 0.1), 0.3);
  assert.is(roundTo(3851.4, 0.2), 3851.4);
  assert.is(decimalsOf(0.0001), 4);
  assert.is(decimalsOf(1e-8), 8);
  assert.is(decimalsOf(5), 0);
});

test('LocalOrderManager holds a cancel until the venue id is known', () => {
  const sent: Array<[string, string]> = [];
  const m = new LocalOrderManager<string>((req: CancelRequest, venueId) => sent.push([req.orderid, venueId]));
  const a = m.newLocalOrderid();
  const b = m.newLocalOrderid();
  assert.is(a, '00000001');
  m.cancel({ orderid: a, symbol: 'x', exchange: Exchange.SHFE });
  assert.equal(sent, [], 'held while the venue id is unknown');
  m.bind(a, 'V-100');
  assert.equal(sent, [['00000001', 'V-100']], 'sent when it arrives');
  m.bind(b, 'V-101');
  m.cancel({ orderid: b, symbol: 'x', exchange: Exchange.SHFE });
  assert.equal(sent[1], ['00000002', 'V-101'], 'sent at once when known');
  assert.is(m.getLocalId('V-100'), a);
  const foreign = m.getLocalId('V-999');
  assert.is(m.getVenueId(foreign), 'V-999', 'orders placed elsewhere get a local id');
  const c = m.newLocalOrderid();
  m.cancel({ orderid: c, symbol: 'x', exchange: Exchange.SHFE });
  assert.ok(m.dropHeldCancel(c));
  assert.not.ok(m.dropHeldCancel(c));
});

test('setDepthLevel writes one level of one side into the flat depth fields, ignoring levels past five', () => {
  const t = createTick({ gatewayName: 'G', symbol: 'x', exchange: Exchange.SHFE, datetime: 0 });
  setDepthLevel(t, 'bid', 0, 3849, 7);
  setDepthLevel(t, 'ask', 4, 3855, 2);
  setDepthLevel(t, 'bid', 5, 1, 1);
  assert.equal([t.bidPrice1, t.bidVolume1, t.askPrice5, t.askVolume5], [3849, 7, 3855, 2]);
  assert.equal([t.askPrice1, t.bidPrice5], [0, 0], 'other levels untouched');
  assert.not.ok('bidPrice6' in t, 'no sixth level is invented');
});

test.run();
