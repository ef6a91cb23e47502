// The binding tables against the documented per-version facts (vendor-abi.md §2: key slots and class sizes),
// so that a slip in how the tables are derived from one another cannot go unnoticed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { abiForVersion, factorySymbols, MD_ABIS, parseApiVersion } from '../../../bindings/ctp/versions.js';

const abi = (v: string) => {
  const a = abiForVersion(v);
  if (!a) throw new Error(`no table for ${v}`);
  return a;
};

test('trader API slots: 6.3.15-6.6.9 / 6.7.7-6.7.9 / 6.7.11-6.7.13', () => {
  const doc: Record<string, number[]> = {
    // RegisterFront, RegisterSpi, ReqAuthenticate, ReqUserLogin, ReqOrderInsert, ReqOrderAction,
    // ReqSettlementInfoConfirm, ReqQryInvestorPosition, ReqQryTradingAccount, ReqQryInstrument
    '6.3.15': [4, 7, 10, 13, 23, 26, 28, 42, 43, 50],
    '6.6.9': [4, 7, 10, 13, 23, 26, 28, 42, 43, 50],
    '6.7.9': [5, 8, 11, 14, 24, 27, 29, 43, 44, 51],
    '6.7.13': [5, 8, 11, 16, 26, 29, 31, 45, 46, 54],
  };
  for (const [v, slots] of Object.entries(doc)) {
    const t = abi(v).traderApi.at;
    const got = [
      t.RegisterFront,
      t.RegisterSpi,
      t.ReqAuthenticate,
      t.ReqUserLogin,
      t.ReqOrderInsert,
      t.ReqOrderAction,
      t.ReqSettlementInfoConfirm,
      t.ReqQryInvestorPosition,
      t.ReqQryTradingAccount,
      t.ReqQryInstrument,
    ];
    assert.equal(got, slots, v);
  }
});

test('trader SPI slots: 6.3.15-6.5.1 / 6.6.9-6.7.9 / 6.7.11 / 6.7.13', () => {
  const doc: Record<string, number[]> = {
    // OnRspUserLogin, OnRspOrderInsert, OnRspSettlementInfoConfirm, OnRspQryInvestorPosition,
    // OnRspQryTradingAccount, OnRspQryInstrument, OnRspError, OnRtnOrder, OnRtnTrade, OnErrRtnOrderInsert,
    // OnErrRtnOrderAction
    '6.5.1': [4, 11, 16, 30, 31, 38, 72, 73, 74, 75, 76],
    '6.7.7': [4, 11, 16, 30, 31, 38, 73, 74, 75, 76, 77],
    '6.7.11': [4, 11, 16, 30, 31, 39, 74, 75, 76, 77, 78],
    '6.7.13': [5, 12, 17, 31, 32, 40, 75, 76, 77, 78, 79],
  };
  for (const [v, slots] of Object.entries(doc)) {
    const s = abi(v).traderSpi.at;
    const got = [
      s.OnRspUserLogin,
      s.OnRspOrderInsert,
      s.OnRspSettlementInfoConfirm,
      s.OnRspQryInvestorPosition,
      s.OnRspQryTradingAccount,
      s.OnRspQryInstrument,
      s.OnRspError,
      s.OnRtnOrder,
      s.OnRtnTrade,
      s.OnErrRtnOrderInsert,
      s.OnErrRtnOrderAction,
    ];
    assert.equal(got, slots, v);
  }
});

test('rate query slots (ReqQryInstrumentMarginRate/CommissionRate and their answers) per version', () => {
  // Counted in the public headers of 6.3.15, 6.6.9, 6.7.7 and 6.7.11 (vnpy/vnpy_ctp history c677b7d, 4fabaab,
  // 6d18380, ed736a5); 6.7.13 moves the SPI's by its OnRtnPrivateSeqNo at 4.
  const doc: Record<string, [number, number, number, number]> = {
    '6.3.15': [46, 47, 34, 35],
    '6.6.9': [46, 47, 34, 35],
    '6.7.7': [47, 48, 34, 35],
    '6.7.11': [49, 50, 34, 35],
    '6.7.13': [49, 50, 35, 36],
  };
  for (const [v, slots] of Object.entries(doc)) {
    const { traderApi: a, traderSpi: s } = abi(v);
    const got = [
      a.at.ReqQryInstrumentMarginRate,
      a.at.ReqQryInstrumentCommissionRate,
      s.at.OnRspQryInstrumentMarginRate,
      s.at.OnRspQryInstrumentCommissionRate,
    ];
    assert.equal(got, slots, v);
  }
});

test('class sizes, struct generations and factory names', () => {
  const sizes: Record<string, [number, number]> = {
    '6.3.19': [94, 125],
    '6.5.1': [96, 127],
    '6.6.9': [107, 138],
    '6.7.7': [125, 155],
    '6.7.9': [127, 157],
    '6.7.11': [133, 164],
    '6.7.13': [140, 178],
  };
  for (const [v, [api, spi]] of Object.entries(sizes)) {
    assert.is(abi(v).traderApi.slots, api, `${v} api`);
    assert.is(abi(v).traderSpi.slots, spi, `${v} spi`);
  }
  assert.is(abi('6.3.19').generation, 'legacy');
  assert.is(abi('6.5.1').generation, 'modern');
  assert.equal(
    MD_ABIS.filter((m) => m.versions.includes('6.3.15')).map((m) => [
      m.api.slots,
      m.spi.slots,
      m.spi.at.OnRtnDepthMarketData,
    ]),
    [
      [15, 13, 11],
      [14, 12, 10],
    ],
  );
  assert.is(factorySymbols(abi('6.7.9')).trader, '_ZN19CThostFtdcTraderApi19CreateFtdcTraderApiEPKc');
  assert.is(factorySymbols(abi('6.7.11')).md, '_ZN15CThostFtdcMdApi15CreateFtdcMdApiEPKcbbb');
  assert.is(abiForVersion('6.3.6'), undefined, 'versions without documented tables are not guessed');
});

test('every version-string style in use parses (issue 11: underscores were refused)', () => {
  const styles: Record<string, string | null> = {
    'v6.7.11_20250617 15:33:40': '6.7.11',
    '6.3.19_P1': '6.3.19',
    'v6.3.6_20160606 10:26:14': '6.3.6',
    V6_6_9: '6.6.9',
    V6_6_1_P1: '6.6.1',
    V6_6_7: '6.6.7',
    'openctp-tts v6.7.11': '6.7.11',
    'v6.7.2_20230913 14:19:55.9542': '6.7.2',
    'no version here': null,
    '20160606 10:26:14': null,
  };
  for (const [text, version] of Object.entries(styles)) assert.is(parseApiVersion(text), version, text);
});

test('6.6.1 and 6.6.7 traders: 98 and 99 slots, 6.5.1 positions; 6.6.7 has OnRspQryTraderOffer at SPI 40', () => {
  // vnpy_ctp e367971 (6.6.7) headers: TraderApi 99 / TraderSpi 130; 6.6.1 = 6.5.1 + the two RiskSettle queries.
  assert.is(abi('6.6.1').traderApi.slots, 98);
  assert.is(abi('6.6.1').traderSpi.slots, 129);
  assert.is(abi('6.6.7').traderApi.slots, 99);
  assert.is(abi('6.6.7').traderSpi.slots, 130);
  assert.equal(abi('6.6.1').traderApi.at, abi('6.5.1').traderApi.at);
  assert.equal(abi('6.6.7').traderApi.at, abi('6.5.1').traderApi.at);
  assert.equal(abi('6.6.1').traderSpi.at, abi('6.5.1').traderSpi.at);
  assert.equal(abi('6.6.7').traderSpi.at, abi('6.6.9').traderSpi.at);
  assert.is(abi('6.6.7').traderSpi.at.OnRspError, 73);
  assert.is(abi('6.6.7').traderSpi.at.OnRtnOrder, 74);
  assert.is(abi('6.6.7').traderApi.at.ReqQryInstrument, 50);
});

test('md libraries are matched by their own version: 6.6.7, 6.7.0, 6.7.1, 6.7.8 and 6.7.10 have tables', () => {
  for (const v of ['6.6.7', '6.7.0', '6.7.1', '6.7.8', '6.7.10', '6.7.11', '6.3.19']) {
    const md = MD_ABIS.find((m) => m.versions.includes(v));
    assert.ok(md, `md ${v}`);
    assert.equal(
      [md!.api.slots, md!.spi.slots, md!.spi.at.OnRtnDepthMarketData, md!.api.at.ReqUserLogin],
      [15, 13, 11, 12],
    );
  }
  assert.is(MD_ABIS.find((m) => m.versions.includes('6.3.19'))!.generation, 'legacy');
  assert.is(MD_ABIS.find((m) => m.versions.includes('6.7.0'))!.generation, 'modern');
});

test.run();
