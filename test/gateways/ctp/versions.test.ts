// The binding tables against the documented per-version facts (vendor-abi.md §2: key slots and class sizes),
// so that a slip in how the tables are derived from one another cannot go unnoticed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { abiForVersion, factorySymbols, parseApiVersion } from '../../../bindings/ctp/versions.js';

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
    abi('6.3.15').md.map((m) => [m.api.slots, m.spi.slots, m.spi.at.OnRtnDepthMarketData]),
    [
      [15, 13, 11],
      [14, 12, 10],
    ],
  );
  assert.is(factorySymbols(abi('6.7.9')).trader, '_ZN19CThostFtdcTraderApi19CreateFtdcTraderApiEPKc');
  assert.is(factorySymbols(abi('6.7.11')).md, '_ZN15CThostFtdcMdApi15CreateFtdcMdApiEPKcbbb');
  assert.is(parseApiVersion('v6.7.11_20250617 15:33:40'), '6.7.11');
  assert.is(parseApiVersion('no version here'), null);
  assert.is(abiForVersion('6.6.1'), undefined, 'versions without documented tables are not guessed');
});

test.run();
