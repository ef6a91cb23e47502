// The XTP binding's struct layouts: koffi's sizes and offsets must equal g++'s for the same declarations, and
// every struct and the fields vnt relies on must sit where the documented XTP 2.2.32 layout puts them
// (vendor-structs.md, "XTP 2.2.32", from the public headers; #pragma pack(8), 4-byte enums, unions).
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCppProgram } from '../../../bindings/native/sim-build.js';
import { cppLayoutProgram } from '../../../bindings/native/structs.js';
import { cppStructName, STRUCTS, type StructName } from '../../../bindings/xtp/structs.js';

test("koffi sizes and offsets equal g++'s for the same declarations", async () => {
  const out = await runCppProgram(
    cppLayoutProgram(STRUCTS, cppStructName),
    path.resolve('test/gateways/xtp/build'),
    'xtp-layout',
  );
  const gcc: Record<string, number> = {};
  for (const line of out.trim().split('\n')) {
    const [k, v] = line.split(' ') as [string, string];
    gcc[k] = Number(v);
  }
  let checked = 0;
  for (const s of Object.values(STRUCTS)) {
    assert.is(s.size, gcc[`${s.name}.size`], `${s.name} size`);
    for (const f of s.fields) {
      assert.is(s.offsetOf(f.name), gcc[`${s.name}.${f.name}`], `${s.name}.${f.name}`);
      checked++;
    }
  }
  assert.ok(checked > 150, `only ${checked} fields checked`);
});

test('documented XTP 2.2.32 sizes and offsets (vendor-structs.md)', () => {
  const sizes: Partial<Record<StructName, number>> = {
    RspInfo: 128,
    OrderInsertInfo: 72,
    OrderCancelInfo: 16,
    OrderInfo: 152,
    TradeReport: 144,
    QueryAssetRsp: 416,
    QueryStkPositionRsp: 536,
    QuoteStaticInfo: 128,
    SpecificTicker: 20,
    MarketData: 736,
  };
  for (const [name, size] of Object.entries(sizes))
    assert.is(STRUCTS[name as StructName].size, size, `${name} size`);
  const offsets: [StructName, string, number][] = [
    ['RspInfo', 'error_msg', 4],
    ['OrderInsertInfo', 'order_client_id', 8],
    ['OrderInsertInfo', 'ticker', 12],
    ['OrderInsertInfo', 'market', 28],
    ['OrderInsertInfo', 'price', 32],
    ['OrderInsertInfo', 'quantity', 48],
    ['OrderInsertInfo', 'price_type', 56],
    ['OrderInsertInfo', 'side', 60],
    ['OrderInsertInfo', 'position_effect', 61],
    ['OrderInsertInfo', 'business_type', 64],
    ['OrderInfo', 'order_cancel_xtp_id', 16],
    ['OrderInfo', 'ticker', 24],
    ['OrderInfo', 'market', 40],
    ['OrderInfo', 'price_type', 64],
    ['OrderInfo', 'side', 68],
    ['OrderInfo', 'business_type', 72],
    ['OrderInfo', 'qty_traded', 80],
    ['OrderInfo', 'insert_time', 96],
    ['OrderInfo', 'trade_amount', 120],
    ['OrderInfo', 'order_local_id', 128],
    ['OrderInfo', 'order_status', 140],
    ['OrderInfo', 'order_submit_status', 144],
    ['OrderInfo', 'order_type', 148],
    ['TradeReport', 'local_order_id', 32],
    ['TradeReport', 'exec_id', 40],
    ['TradeReport', 'price', 64],
    ['TradeReport', 'trade_time', 80],
    ['TradeReport', 'report_index', 96],
    ['TradeReport', 'order_exch_id', 104],
    ['TradeReport', 'trade_type', 121],
    ['TradeReport', 'side', 124],
    ['TradeReport', 'business_type', 128],
    ['TradeReport', 'branch_pbu', 132],
    ['QueryAssetRsp', 'account_type', 64],
    ['QueryAssetRsp', 'frozen_margin', 72],
    ['QueryAssetRsp', 'banlance', 120],
    ['QueryAssetRsp', 'fund_cancel_data_charges', 184],
    ['QueryStkPositionRsp', 'ticker_name', 16],
    ['QueryStkPositionRsp', 'market', 80],
    ['QueryStkPositionRsp', 'total_qty', 88],
    ['QueryStkPositionRsp', 'sellable_qty', 96],
    ['QueryStkPositionRsp', 'yesterday_position', 120],
    ['QueryStkPositionRsp', 'position_direction', 136],
    ['QueryStkPositionRsp', 'profit_cost', 200],
    ['QuoteStaticInfo', 'ticker_name', 20],
    ['QuoteStaticInfo', 'ticker_type', 84],
    ['QuoteStaticInfo', 'price_tick', 112],
    ['QuoteStaticInfo', 'buy_qty_unit', 120],
    ['QuoteStaticInfo', 'sell_qty_unit', 124],
    ['SpecificTicker', 'ticker', 4],
    ['MarketData', 'last_price', 24],
    ['MarketData', 'total_long_positon', 80],
    ['MarketData', 'data_time', 136],
    ['MarketData', 'qty', 144],
    ['MarketData', 'turnover', 152],
    ['MarketData', 'bid1', 168],
    ['MarketData', 'bid10', 240],
    ['MarketData', 'ask1', 248],
    ['MarketData', 'bid_qty1', 328],
    ['MarketData', 'ask_qty1', 408],
    ['MarketData', 'ask_qty10', 480],
    ['MarketData', 'trades_count', 488],
    ['MarketData', 'ticker_status', 496],
    ['MarketData', 'total_bid_qty', 504],
    ['MarketData', 'iopv', 560],
    ['MarketData', 'data_type', 728],
  ];
  for (const [s, f, off] of offsets) assert.is(STRUCTS[s].offsetOf(f), off, `${s}.${f}`);
});

test('uint64 ids read as bigint beyond 2^53; UTF-8 names decode; unknown fields are refused', () => {
  const info = STRUCTS.OrderInfo;
  const id = 0x0100000000000123n;
  const buf = info.write({ order_xtp_id: id, ticker: '600000', order_status: 4 });
  const r = info.read(buf);
  assert.is(r.order_xtp_id, id);
  assert.is(r.ticker, '600000');
  assert.is(r.order_status, 4);
  const q = STRUCTS.QuoteStaticInfo;
  const qb = Buffer.alloc(q.size);
  Buffer.from('浦发银行', 'utf8').copy(qb, q.offsetOf('ticker_name'));
  assert.is(q.read(qb).ticker_name, '浦发银行');
  assert.throws(() => STRUCTS.OrderInsertInfo.write({ nope: 1 }), /no field nope/);
});

test.run();
