// TAP records → vnt objects (gateways/tap/parse.ts): order states, sides, order types, exchanges and
// per-currency accounts as iTapTradeAPIDataType.h codes them; unknown exchanges are dropped, not guessed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../src/core/constant.js';
import {
  parseAccount,
  parseContract,
  parseOrder,
  parsePosition,
  parseTrade,
  sumPositions,
  tapTime,
} from '../../../gateways/tap/parse.js';

const gc = { ExchangeNo: 'COMEX', CommodityType: 'F', CommodityNo: 'GC', ContractNo: '2612' };

test('contract: symbol is commodity + contract, size and name kept, tick from the commodity', () => {
  const c = parseContract(
    { ...gc, ContractNo1: '2612', ContractName: 'COMEX Gold 2612', ContractSize: 100 },
    'TAP',
    0.1,
  );
  assert.ok(c);
  assert.is(c.vtSymbol, 'GC2612.COMEX');
  assert.is(c.size, 100);
  assert.is(c.pricetick, 0.1);
  assert.is(c.name, 'COMEX Gold 2612');
  assert.is(parseContract({ ...gc, ExchangeNo: 'XXX', ContractNo1: '2612' }, 'TAP', 0.1), null);
});

test('order states map onto vnt statuses; a queued order with fills is PARTTRADED', () => {
  const states: [string, number, Status][] = [
    ['0', 0, Status.SUBMITTING],
    ['4', 0, Status.NOTTRADED],
    ['4', 1, Status.PARTTRADED],
    ['5', 1, Status.PARTTRADED],
    ['6', 3, Status.ALLTRADED],
    ['9', 0, Status.CANCELLED],
    ['B', 0, Status.REJECTED],
  ];
  for (const [state, matched, want] of states) {
    const o = parseOrder(
      { ...gc, OrderType: '2', OrderSide: 'S', OrderState: state, OrderQty: 3, OrderMatchQty: matched },
      'TAP',
      'id1',
    );
    assert.is(o?.status, want, `state ${state} matched ${matched}`);
  }
});

test('order: side, type, offset, price, the error code with its text, the insert time', () => {
  const o = parseOrder(
    {
      ...gc,
      OrderType: '3',
      OrderSide: 'S',
      PositionEffect: 'C',
      OrderPrice: 1999.5,
      OrderQty: 2,
      OrderState: 'B',
      ErrorCode: 10002,
      ErrorText: 'no such contract',
      OrderInsertTime: '2026-12-02 10:00:00',
    },
    'TAP',
    'id2',
  )!;
  assert.is(o.direction, Direction.SHORT);
  assert.is(o.type, OrderType.STOP);
  assert.is(o.offset, Offset.CLOSE);
  assert.is(o.price, 1999.5);
  assert.is(o.statusMsg, '[10002] no such contract');
  assert.is(o.datetime, Date.UTC(2026, 11, 2, 2, 0, 0));
});

test('trade, account per currency, positions summed per contract and side', () => {
  const t = parseTrade(
    { ...gc, MatchSide: 'B', MatchNo: 'M1', MatchPrice: 2000, MatchQty: 3 },
    'TAP',
    'id1',
  )!;
  assert.is(t.tradeid, 'M1');
  assert.is(t.volume, 3);
  assert.is(parseTrade({ ...gc, MatchSide: 'B', MatchNo: '' }, 'TAP', 'id1'), null);
  const a = parseAccount({ AccountNo: 'U1', CurrencyNo: 'USD', Balance: 100, Available: 60 }, 'TAP');
  assert.is(a.accountid, 'U1.USD');
  assert.is(a.frozen, 40);
  const rows = [
    parsePosition({ ...gc, MatchSide: 'B', PositionQty: 1, PositionPrice: 2000 }, 'TAP')!,
    parsePosition({ ...gc, MatchSide: 'B', PositionQty: 3, PositionPrice: 2004 }, 'TAP')!,
    parsePosition({ ...gc, MatchSide: 'S', PositionQty: 2, PositionPrice: 2010 }, 'TAP')!,
  ];
  const summed = sumPositions(rows);
  assert.is(summed.length, 2);
  const long = summed.find((p) => p.direction === Direction.LONG)!;
  assert.is(long.volume, 4);
  assert.is(long.price, 2003);
  assert.is(long.exchange, Exchange.COMEX);
});

test('an unreadable time falls back instead of throwing', () => {
  assert.type(tapTime('garbage'), 'number');
});

test.run();
