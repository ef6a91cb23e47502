// CTP Mini's tables against the public Mini headers (slots of the methods vnt calls and the callbacks it
// handles, class sizes), and the guard through the real binding in its host process: CTP and Mini libraries
// export the same symbol names, so a library of the other SDK, a Mini version without a table and a Mini
// library whose vtable does not match its version are each refused with a reason naming what is supported.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CtpFamilyName } from '../../../bindings/ctp/family.js';
import { CtpSession } from '../../../bindings/ctp/session.js';
import { MINI_ABIS, MINI_MD_ABIS } from '../../../bindings/mini/versions.js';
import { tableForVersion } from '../../../bindings/native/abi.js';
import { buildSim, type SimVariant } from '../../../gateways/ctp/sim/build.js';
import { BUILD_DIR } from '../ctp/sim.js';

const abi = (v: string) => tableForVersion(MINI_ABIS, v)!;

test('trader API and SPI slots per Mini release (vnpy_mini headers 3343d98, 58b832c, baaebd8)', () => {
  // RegisterFront, RegisterSpi, ReqAuthenticate, ReqUserLogin, ReqOrderInsert, ReqOrderAction,
  // ReqQryOrder, ReqQryInvestorPosition, ReqQryTradingAccount, ReqQryInstrument; class size
  const api: Record<string, number[]> = {
    '1.5.6': [4, 7, 10, 11, 16, 19, 33, 35, 36, 43, 76],
    '1.6.0': [4, 5, 8, 9, 12, 13, 23, 25, 26, 33, 51],
    '1.6.3': [4, 5, 10, 11, 14, 15, 26, 28, 29, 36, 55],
  };
  // OnRspUserLogin, OnRspOrderInsert, OnRspQryInvestorPosition, OnRspQryInstrument, OnRspError, OnRtnOrder,
  // OnRtnTrade, OnErrRtnOrderInsert; class size
  const spi: Record<string, number[]> = {
    '1.5.6': [4, 8, 27, 35, 59, 60, 61, 62, 107],
    '1.6.0': [4, 6, 19, 27, 44, 45, 46, 47, 64],
    '1.6.3': [6, 8, 22, 30, 48, 49, 50, 51, 69],
  };
  for (const [v, want] of Object.entries(api)) {
    const t = abi(v).traderApi;
    const a = t.at;
    const got = [a.RegisterFront, a.RegisterSpi, a.ReqAuthenticate, a.ReqUserLogin, a.ReqOrderInsert];
    got.push(a.ReqOrderAction, a.ReqQryOrder, a.ReqQryInvestorPosition, a.ReqQryTradingAccount);
    got.push(a.ReqQryInstrument, t.slots);
    assert.equal(got, want, `${v} api`);
  }
  for (const [v, want] of Object.entries(spi)) {
    const t = abi(v).traderSpi;
    const s = t.at;
    const got = [s.OnRspUserLogin, s.OnRspOrderInsert, s.OnRspQryInvestorPosition, s.OnRspQryInstrument];
    got.push(s.OnRspError, s.OnRtnOrder, s.OnRtnTrade, s.OnErrRtnOrderInsert, t.slots);
    assert.equal(got, want, `${v} spi`);
  }
  // The rate queries and their answers, counted in the same headers.
  const rates: Record<string, number[]> = {
    '1.5.6': [39, 40, 31, 32],
    '1.6.0': [29, 30, 23, 24],
    '1.6.3': [32, 33, 26, 27],
  };
  for (const [v, want] of Object.entries(rates)) {
    const { traderApi: a, traderSpi: s } = abi(v);
    const got = [a.at.ReqQryInstrumentMarginRate, a.at.ReqQryInstrumentCommissionRate];
    got.push(s.at.OnRspQryInstrumentMarginRate, s.at.OnRspQryInstrumentCommissionRate);
    assert.equal(got, want, `${v} rate queries`);
  }
  // 1.6.x has no settlement confirmation at all; 1.5.6 still declares it.
  assert.is(abi('1.6.3').traderApi.at.ReqSettlementInfoConfirm, undefined);
  assert.is(abi('1.5.6').traderApi.at.ReqSettlementInfoConfirm, 21);
  const md = (v: string) => tableForVersion(MINI_MD_ABIS, v)!;
  assert.equal([md('1.5.6').api.slots, md('1.5.6').api.at.SubscribeMarketData], [14, 8]);
  assert.equal([md('1.6.3').api.slots, md('1.6.3').api.at.ReqUserLogin, md('1.6.3').spi.slots], [12, 10, 13]);
});

async function openWith(
  family: CtpFamilyName,
  variant: SimVariant,
): Promise<{ error?: string; version?: string }> {
  const lib = await buildSim(variant, BUILD_DIR);
  const session = new CtpSession({ onEvents: () => undefined, onLog: () => undefined });
  try {
    const r = await session.open({
      traderLibrary: lib,
      mdLibrary: lib,
      flowDir: `${BUILD_DIR}/flow-mini-binding`,
      tdFront: 'tcp://127.0.0.1:1',
      mdFront: 'tcp://127.0.0.1:2',
      family,
    });
    return { version: r.version };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    await session.close();
  }
}

test('each Mini release loads under the Mini family', async () => {
  for (const v of ['1.5.6', '1.6.0', '1.6.3'])
    assert.equal(await openWith('mini', { family: 'mini', abiVersion: v }), { version: v });
});

test('a CTP library given to MINI is refused, naming the Mini versions', async () => {
  const r = await openWith('mini', { abiVersion: '6.7.13' });
  assert.match(r.error!, /CTP Mini API version "v6\.7\.13/);
  assert.match(r.error!, /supported CTP Mini versions: 1\.5\.6, 1\.6\.0, 1\.6\.3/);
});

test('a Mini library given to CTP is refused, naming the CTP versions', async () => {
  const r = await openWith('ctp', { family: 'mini', abiVersion: '1.6.3' });
  assert.match(r.error!, /CTP API version "V1\.6\.3"/);
  assert.match(r.error!, /supported CTP versions: 6\.3\.15/);
});

test('a library saying V1.6.3 with another vtable is refused before any call', async () => {
  // The 1.6.0 class (51 methods) claiming 1.6.3: calling slot 14 would run another method.
  const r = await openWith('mini', { family: 'mini', abiVersion: '1.6.0', versionText: 'V1.6.3' });
  assert.match(r.error!, /51 virtual methods where 1\.6\.3 has 55/);
  // A CTP 6.7.13 library relabelled as Mini: its factory takes CTP 6.7.11's extra bool (another mangled name).
  const ctp = await openWith('mini', { abiVersion: '6.7.13', versionText: 'V1.6.3' });
  assert.match(
    ctp.error!,
    /says CTP Mini 1\.6\.3 but lacks its _ZN19CThostFtdcTraderApi19CreateFtdcTraderApiEPKc;/,
  );
  // A CTP 6.3.15 library relabelled: the same factory name, but 94 methods.
  const old = await openWith('mini', { abiVersion: '6.3.15', oldMd: true, versionText: 'V1.6.3' });
  assert.match(old.error!, /94 virtual methods where 1\.6\.3 has 55/);
});

test('an unknown Mini version is refused', async () => {
  const r = await openWith('mini', { family: 'mini', abiVersion: '1.6.3', versionText: 'V1.7.9' });
  assert.match(r.error!, /"V1\.7\.9" \(1\.7\.9\), which vnt has no binding for/);
});

test.run();
