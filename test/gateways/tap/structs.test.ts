// The binding's TAP struct layouts: koffi's packed sizes and offsets must equal g++'s for the same
// declarations under #pragma pack(push, 1), and the fields vnt relies on must sit where the documented
// iTap trade 9.3.8.7 / quote 9.3.1.4 layouts put them (reference/vendor-structs.md, "TAP"; the three query
// structs from vnpy_tap 7e9eadb's headers and the 9.3.8.7 library, docs/gateways/tap.md "Layouts").
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cppLayoutProgram, type StructSet } from '../../../bindings/native/structs.js';
import { runCppProgram } from '../../../bindings/native/sim-build.js';
import { cppStructName, quoteStructs, tradeStructs } from '../../../bindings/tap/structs.js';

const buildDir = path.resolve('test/gateways/tap/build');

async function gccLayout(set: StructSet<string>, name: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const stdout = await runCppProgram(cppLayoutProgram(set, cppStructName), buildDir, name);
  for (const line of stdout.trim().split('\n')) {
    const [k, v] = line.split(' ') as [string, string];
    out[k] = Number(v);
  }
  return out;
}

for (const [api, set] of [
  ['trade', tradeStructs()],
  ['quote', quoteStructs()],
] as const) {
  test(`${api}: koffi packed sizes and offsets equal g++'s under pack(1)`, async () => {
    const s = set as unknown as StructSet<string>;
    const gcc = await gccLayout(s, `layout-tap-${api}`);
    let checked = 0;
    for (const st of Object.values(s)) {
      assert.is(st.size, gcc[`${st.name}.size`], `${st.name} size`);
      for (const f of st.fields) {
        assert.is(st.offsetOf(f.name), gcc[`${st.name}.${f.name}`], `${st.name}.${f.name}`);
        checked++;
      }
    }
    assert.ok(checked > (api === 'trade' ? 240 : 150), `only ${checked} fields checked`);
  });
}

test('documented trade 9.3.8.7 sizes and offsets', () => {
  const t = tradeStructs();
  const sizes: [keyof typeof t, number][] = [
    ['ApplicationInfo', 854],
    ['TradeLoginAuth', 207],
    ['TradeLoginRspInfo', 554],
    ['FundReq', 21],
    ['FundData', 333],
    ['PositionQryReq', 21],
    ['PositionInfo', 297],
    ['TradeContractInfo', 193],
    ['NewOrder', 298],
    ['OrderCancelReq', 85],
    ['OrderInfo', 907],
    ['OrderInfoNotice', 16],
    ['FillInfo', 418],
    // vnpy_tap 7e9eadb iTapTradeAPIDataType.h, and what the 9.3.8.7 library's QryOrder, QryFill and
    // OnRspQryCommodity copy (94, 105, 193 bytes); the 2019 (9.2.9.7) header's were 93, 105 and 192.
    ['OrderQryReq', 94],
    ['FillQryReq', 105],
    ['CommodityInfo', 193],
  ];
  for (const [name, size] of sizes) assert.is(t[name].size, size, `${name} size`);
  const offsets: [keyof typeof t, string, number][] = [
    ['ApplicationInfo', 'APPID', 815],
    ['ApplicationInfo', 'ReConnectSeconds', 850],
    ['TradeLoginAuth', 'Password', 22],
    ['TradeLoginRspInfo', 'TradeDate', 182],
    ['FundData', 'Balance', 285],
    ['FundData', 'Available', 301],
    ['PositionInfo', 'PositionQty', 202],
    ['TradeContractInfo', 'ContractName', 81],
    ['TradeContractInfo', 'ContractSize', 185],
    ['NewOrder', 'OrderPrice', 169],
    ['NewOrder', 'OrderQty', 193],
    ['NewOrder', 'ClientID', 272],
    ['NewOrder', 'ClientLocationID', 292],
    ['OrderCancelReq', 'OrderNo', 64],
    ['OrderInfo', 'OrderNo', 324],
    ['OrderInfo', 'ClientOrderNo', 345],
    ['OrderInfo', 'OrderState', 818],
    ['OrderInfo', 'ErrorCode', 843],
    ['OrderInfo', 'ErrorText', 847],
    ['OrderInfoNotice', 'OrderInfo', 8],
    ['FillInfo', 'MatchPrice', 357],
    ['FillInfo', 'MatchQty', 365],
    ['FillInfo', 'CloseProfit', 410],
    // The flags the 9.3.8.7 library's IsValidTapAPI* functions read, at the offsets they read them.
    ['TradeLoginAuth', 'ISModifyPassword', 21],
    ['NewOrder', 'CallOrPutFlag2', 89],
    ['NewOrder', 'OrderSource', 91],
    ['NewOrder', 'IsRiskOrder', 113],
    ['NewOrder', 'PositionEffect2', 116],
    ['NewOrder', 'HedgeFlag', 168],
    ['NewOrder', 'TacticsType', 288],
    ['NewOrder', 'AddOneIsValid', 291],
    ['OrderQryReq', 'IsAddOne', 92],
    ['OrderQryReq', 'OrderQryType', 93],
    ['FillQryReq', 'UpperNo', 92],
    ['FillQryReq', 'IsAddOne', 104],
    ['CommodityInfo', 'ContractSize', 143],
    ['CommodityInfo', 'CommodityTickSize', 160],
    ['CommodityInfo', 'AddOneTime', 178],
    ['CommodityInfo', 'CommodityTimeZone', 187],
    ['CommodityInfo', 'OptionType', 192],
  ];
  for (const [name, field, off] of offsets) assert.is(t[name].offsetOf(field), off, `${name}.${field}`);
});

test('documented quote 9.3.1.4 sizes and offsets (flattened contract and depth arrays)', () => {
  const q = quoteStructs();
  assert.is(q.ApplicationInfo.size, 814, "the quote API's own (AuthCode, KeyOperationLogPath)");
  assert.is(q.QuoteLoginAuth.size, 117);
  assert.is(q.QuotLoginRspInfo.size, 274);
  assert.is(q.Contract.size, 69);
  assert.is(q.QuoteWhole.size, 1118);
  const offsets: [string, number][] = [
    ['CurrencyNo', 69],
    ['DateTimeStamp', 81],
    ['QLastPrice', 137],
    ['QTotalQty', 193],
    ['QPositionQty', 209],
    ['QBidPrice0', 249],
    ['QBidPrice19', 401],
    ['QBidQty0', 409],
    ['QAskPrice0', 569],
    ['QAskQty0', 729],
    ['QAskQty19', 881],
    ['QPositionTrend', 993],
    ['UnderlyExchangeNo', 1049],
    ['UnderlyCallOrPutFlag2', 1117],
  ];
  for (const [field, off] of offsets) assert.is(q.QuoteWhole.offsetOf(field), off, field);
  assert.is(q.QuotLoginRspInfo.offsetOf('InitTime'), 254);
  // The flags the 9.3.1.4 library checks (IsValidTapAPIQuoteLoginAuth, IsValidTapAPIContract).
  assert.is(q.QuoteLoginAuth.offsetOf('ISModifyPassword'), 21);
  assert.is(q.QuoteLoginAuth.offsetOf('ISDDA'), 85);
  assert.is(q.Contract.offsetOf('CommodityType'), 11);
  assert.is(q.Contract.offsetOf('CallOrPutFlag1'), 45);
  assert.is(q.Contract.offsetOf('CallOrPutFlag2'), 68);
});

test('GBK contract names decode; requests stay NUL-terminated; a misspelt field is an error', () => {
  const s = tradeStructs().TradeContractInfo;
  const buf = Buffer.alloc(s.size);
  // 原油 in GBK.
  Buffer.from([0xd4, 0xad, 0xd3, 0xcd]).copy(buf, s.offsetOf('ContractName'));
  assert.is(s.read(buf).ContractName, '原油');
  const auth = tradeStructs().TradeLoginAuth.write({ UserNo: 'x'.repeat(40) });
  assert.is(auth.length, 207);
  assert.is(auth[20], 0, 'UserNo char[21] keeps its NUL');
  assert.throws(() => tradeStructs().NewOrder.write({ InstrumentID: 'x' }), /no field InstrumentID/);
});

test.run();
