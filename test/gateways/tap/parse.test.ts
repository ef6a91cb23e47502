// TAP records → vnt objects (gateways/tap/parse.ts): order states, sides, order types, exchanges and
// per-currency accounts as iTapTradeAPIDataType.h codes them; unknown exchanges are dropped, not guessed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  Offset,
  OptionType,
  OrderType,
  Product,
  Status,
} from '../../../src/core/constant.js';
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

test('option contract: strike, right, underlying and expiry from the TAP row; strikes get their own symbol', () => {
  // A TapAPITradeContractInfo row of an option (iTapTradeAPIDataType.h: CommodityType 'O', CallOrPutFlag
  // 'C'/'P'); field names as bindings/tap/structs.ts declares them.
  const row = {
    ExchangeNo: 'COMEX',
    CommodityType: 'O',
    CommodityNo: 'OG',
    ContractNo1: '2612',
    StrikePrice1: '2000',
    CallOrPutFlag1: 'C',
    ContractType: '1',
    QuoteUnderlyingContract: 'GC2612',
    ContractName: 'COMEX Gold Option 2612 C2000',
    ContractExpDate: '20261124',
    LastTradeDate: '20261124',
    ContractSize: 100,
  };
  const call = parseContract(row, 'TAP', 0.1);
  assert.ok(call);
  assert.is(call.product, Product.OPTION);
  assert.is(call.vtSymbol, 'OG2612C2000.COMEX');
  assert.is(call.optionStrike, 2000);
  assert.is(call.optionType, OptionType.CALL);
  assert.is(call.optionUnderlying, 'GC2612');
  assert.is(call.optionExpiry, Date.UTC(2026, 10, 24));
  assert.is(call.size, 100);
  const put = parseContract(
    { ...row, CallOrPutFlag1: 'P', StrikePrice1: '1950', QuoteUnderlyingContract: '', ContractExpDate: '' },
    'TAP',
    0.1,
  );
  assert.ok(put);
  assert.is(put.vtSymbol, 'OG2612P1950.COMEX');
  assert.is(put.optionType, OptionType.PUT);
  assert.is(put.optionStrike, 1950);
  // No underlying named: the future of the same commodity and month; no expiry date: the last trade date.
  assert.is(put.optionUnderlying, 'OG2612');
  assert.is(put.optionExpiry, Date.UTC(2026, 10, 24));
  // A futures row has no option fields.
  const future = parseContract(
    { ...row, CommodityType: 'F', CallOrPutFlag1: 'N', StrikePrice1: '' },
    'TAP',
    0.1,
  );
  assert.ok(future);
  assert.is(future.vtSymbol, 'OG2612.COMEX');
  assert.is(future.optionType, null);
  assert.is(future.optionStrike, 0);
  // An option row without a right or a strike is not listed (it would collide with its siblings).
  assert.is(parseContract({ ...row, CallOrPutFlag1: 'N' }, 'TAP', 0.1), null);
  assert.is(parseContract({ ...row, StrikePrice1: '' }, 'TAP', 0.1), null);
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
