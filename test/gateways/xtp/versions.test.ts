// The XTP binding tables against the documented per-version facts (vendor-vtables.md for 2.2.32; the 2.2.27
// headers for the older one), the exported vtable sizes of the simulated libraries against the real
// libraries' (nm -D -S of vnpy_xtp's libxtptraderapi.so / libxtpquoteapi.so: 2.2.27 0x1f8 / 0x120, 2.2.32
// 0x240 / 0x130 bytes; ztsec/xtp_api_python's 2.2.50.8: 0x2c8 / 0x150), and the load-time guard through the gateway: a library is refused, with the supported
// versions named, when its version, its layout or its factory does not match.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exportedSlots, readDynamicSymbols } from '../../../bindings/native/elf.js';
import { abiForVersion, FACTORY_SYMBOLS, NAMESPACES } from '../../../bindings/xtp/versions.js';
import { XtpGateway } from '../../../gateways/xtp/index.js';
import { buildSim } from '../../../gateways/xtp/sim/build.js';
import { GatewayStatus } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { BUILD_DIR, startSim } from './sim.js';

void process.stdout;
void process.stderr;

const abi = (v: string) => {
  const a = abiForVersion(v);
  if (!a) throw new Error(`no table for ${v}`);
  return a;
};

test('2.2.32 slots equal the documented ones', () => {
  const t = abi('2.2.32').traderApi.at;
  assert.equal(
    [
      t.Release,
      t.RegisterSpi,
      t.GetApiVersion,
      t.Login,
      t.InsertOrder,
      t.CancelOrder,
      t.QueryOrders,
      t.QueryTrades,
      t.QueryPosition,
      t.QueryAsset,
    ],
    [0, 2, 4, 11, 15, 16, 18, 26, 28, 29],
  );
  const s = abi('2.2.32').traderSpi.at;
  assert.equal(
    [
      s.OnDisconnected,
      s.OnOrderEvent,
      s.OnTradeEvent,
      s.OnCancelOrderError,
      s.OnQueryOrder,
      s.OnQueryTrade,
      s.OnQueryPosition,
      s.OnQueryAsset,
    ],
    [0, 2, 3, 4, 5, 9, 11, 12],
  );
  assert.is(t.QueryOptionAuctionInfo, 38);
  assert.is(s.OnQueryOptionAuctionInfo, 21);
  assert.is(abi('2.2.27').traderApi.at.QueryOptionAuctionInfo, 33);
  assert.is(abi('2.2.27').traderSpi.at.OnQueryOptionAuctionInfo, 18);
  const q = abi('2.2.32').quoteApi.at;
  assert.equal(
    [q.GetApiVersion, q.RegisterSpi, q.SubscribeMarketData, q.Login, q.Logout, q.QueryAllTickers],
    [2, 5, 12, 24, 25, 26],
  );
  const qs = abi('2.2.32').quoteSpi.at;
  assert.equal(
    [qs.OnDisconnected, qs.OnSubMarketData, qs.OnDepthMarketData, qs.OnQueryAllTickers],
    [0, 2, 4, 17],
  );
});

test('2.2.27 lacks the Ex queries, QueryOtherServerFund and the UDP affinity arrays', () => {
  const t = abi('2.2.27').traderApi.at;
  assert.equal([t.QueryOrders, t.QueryTrades, t.QueryPosition, t.QueryAsset], [18, 22, 24, 25]);
  const s = abi('2.2.27').traderSpi.at;
  assert.equal([s.OnQueryOrder, s.OnQueryTrade, s.OnQueryPosition, s.OnQueryAsset], [5, 7, 9, 10]);
  const q = abi('2.2.27').quoteApi.at;
  assert.equal([q.SubscribeMarketData, q.Login, q.QueryAllTickers], [10, 22, 24]);
  assert.is(abiForVersion('2.2.40'), undefined);
});

test('2.2.50 slots equal the ones read off its public headers (ztsec/xtp_api_python, SDK 2.2.50.8)', () => {
  const a = abi('2.2.50');
  const t = a.traderApi.at;
  assert.equal(
    [t.GetApiVersion, t.SubscribePublicTopic, t.Login, t.Logout, t.InsertOrder, t.CancelOrder, t.QueryOrders],
    [4, 7, 12, 13, 18, 20, 22],
  );
  assert.equal([t.QueryTrades, t.QueryPosition, t.QueryAsset, t.QueryOptionAuctionInfo], [30, 32, 33, 44]);
  const s = a.traderSpi.at;
  assert.equal(
    [s.OnOrderEvent, s.OnTradeEvent, s.OnCancelOrderError, s.OnQueryOrder, s.OnQueryTrade, s.OnQueryPosition],
    [3, 5, 6, 7, 11, 13],
  );
  assert.equal([s.OnQueryAsset, s.OnQueryOptionAuctionInfo], [14, 25]);
  assert.equal(a.quoteApi.at, { ...abi('2.2.32').quoteApi.at, QueryAllNQTickersFullInfo: 36 });
  assert.ok(a.beijing);
  assert.not.ok(abi('2.2.32').beijing || abi('2.2.27').beijing);
  const qs = a.quoteSpi.at;
  assert.equal([qs.OnSubMarketData, qs.OnDepthMarketData, qs.OnQueryAllTickers], [3, 5, 19]);
  assert.equal([a.traderApi.slots, a.traderSpi.slots, a.quoteApi.slots, a.quoteSpi.slots], [87, 65, 40, 33]);
});

// 2.2.33.5, 2.2.39.3, 2.2.42.1: the order of the virtual declarations in each release's public headers
// (ztsec/xtp_api_python commits e888c43, fdcafd7, ed15583), counted against g++'s class layout dump.
test('2.2.33, 2.2.39 and 2.2.42 slots equal the ones read off their public headers', () => {
  const expect: Record<string, { slots: number[]; trader: number[]; spi: number[]; qspi: number[] }> = {
    '2.2.33': {
      slots: [80, 57, 39, 30],
      trader: [11, 12, 17, 19, 21, 29, 31, 32, 41, 42, 46, 47],
      spi: [3, 4, 5, 6, 10, 12, 13, 22, 23, 26, 27],
      qspi: [2, 4, 17],
    },
    '2.2.39': {
      slots: [84, 62, 40, 33],
      trader: [11, 12, 17, 19, 21, 29, 31, 32, 43, 44, 48, 49],
      spi: [3, 4, 5, 6, 10, 12, 13, 24, 25, 28, 29],
      qspi: [3, 5, 19],
    },
    '2.2.42': {
      slots: [86, 64, 40, 33],
      trader: [11, 12, 17, 19, 21, 29, 31, 32, 43, 44, 48, 49],
      spi: [3, 4, 5, 6, 10, 12, 13, 24, 25, 28, 29],
      qspi: [3, 5, 19],
    },
  };
  for (const [v, e] of Object.entries(expect)) {
    const a = abi(v);
    assert.equal([a.traderApi.slots, a.traderSpi.slots, a.quoteApi.slots, a.quoteSpi.slots], e.slots, v);
    const t = a.traderApi.at;
    assert.equal(
      [
        t.Login, t.Logout, t.InsertOrder, t.CancelOrder, t.QueryOrders, t.QueryTrades, t.QueryPosition,
        t.QueryAsset, t.QueryOptionAuctionInfo, t.CreditCashRepay, t.QueryCreditFundInfo, t.QueryCreditDebtInfo,
      ],
      e.trader,
      `${v} TraderApi`,
    ); // prettier-ignore
    assert.equal([t.GetApiVersion, t.SubscribePublicTopic, t.SetHeartBeatInterval], [4, 7, 10], v);
    const s = a.traderSpi.at;
    assert.equal(
      [
        s.OnOrderEvent, s.OnTradeEvent, s.OnCancelOrderError, s.OnQueryOrder, s.OnQueryTrade, s.OnQueryPosition,
        s.OnQueryAsset, s.OnQueryOptionAuctionInfo, s.OnCreditCashRepay, s.OnQueryCreditFundInfo,
        s.OnQueryCreditDebtInfo,
      ],
      e.spi,
      `${v} TraderSpi`,
    ); // prettier-ignore
    // 2.2.39 added QueryAllNQTickersFullInfo (36) and its answer (28): the Beijing market.
    const beijing = v !== '2.2.33';
    const nq = beijing ? { QueryAllNQTickersFullInfo: 36 } : {};
    assert.equal(a.quoteApi.at, { ...abi('2.2.32').quoteApi.at, ...nq }, `${v} QuoteApi`);
    const qs = a.quoteSpi.at;
    assert.equal([qs.OnSubMarketData, qs.OnDepthMarketData, qs.OnQueryAllTickers], e.qspi, `${v} QuoteSpi`);
    assert.is(qs.OnQueryAllNQTickersFullInfo, beijing ? 28 : undefined, `${v} OnQueryAllNQTickersFullInfo`);
    assert.is(a.beijing, beijing, `${v} Beijing`);
  }
});

// The credit calls' slots in every table (the headers' declaration order; 2.2.32: vendor-vtables.md).
test('CreditCashRepay and the credit queries sit where each release declares them', () => {
  const credit: Record<string, number[]> = {
    '2.2.27': [34, 38, 39, 19, 22, 23],
    '2.2.32': [39, 43, 44, 22, 25, 26],
    '2.2.32-xalgo': [39, 43, 44, 22, 25, 26],
    '2.2.50': [45, 49, 50, 26, 29, 30],
  };
  for (const [v, e] of Object.entries(credit)) {
    const { traderApi: t, traderSpi: s } = abi(v);
    assert.equal(
      [
        t.at.CreditCashRepay,
        t.at.QueryCreditFundInfo,
        t.at.QueryCreditDebtInfo,
        s.at.OnCreditCashRepay,
        s.at.OnQueryCreditFundInfo,
        s.at.OnQueryCreditDebtInfo,
      ],
      e,
      v,
    );
  }
});

test("simulated libraries export the real libraries' factories and vtable sizes", async () => {
  // 2.2.32-xalgo: wondertrader/wondertrader src/API/XTPXAlgo/linux/libxtptraderapi_xalgo.so (reports 2.2.32).
  const real: Record<string, [number, number]> = {
    '2.2.27': [0x1f8, 0x120],
    '2.2.32': [0x240, 0x130],
    '2.2.32-xalgo': [0x270, 0x130],
    // ztsec/xtp_api_python XTP_API_<date>_<release>/bin/linux_glibc_2.12 (nm -D -S): 2.2.33.5 (e888c43),
    // 2.2.39.3 (fdcafd7), 2.2.42.1 (ed15583), 2.2.50.8 (78cc395; reports 2.2.50).
    '2.2.33': [0x290, 0x148],
    '2.2.39': [0x2b0, 0x150],
    '2.2.42': [0x2c0, 0x150],
    '2.2.50': [0x2c8, 0x150],
  };
  for (const [v, [trader, quote]] of Object.entries(real)) {
    const syms = readDynamicSymbols(await buildSim({ abiVersion: v }, BUILD_DIR));
    assert.ok(syms.get(FACTORY_SYMBOLS.trader)?.defined, `${v} trader factory`);
    assert.ok(syms.get(FACTORY_SYMBOLS.quote)?.defined, `${v} quote factory`);
    assert.is(FACTORY_SYMBOLS.trader, '_ZN3XTP3API9TraderApi15CreateTraderApiEhPKc13XTP_LOG_LEVEL');
    assert.is(exportedSlots(syms, 'TraderApi', NAMESPACES), trader / 8 - 2, `${v} TraderApi`);
    assert.is(exportedSlots(syms, 'QuoteApi', NAMESPACES), quote / 8 - 2, `${v} QuoteApi`);
  }
});

async function connectError(setting: Record<string, string | number | boolean>): Promise<string> {
  const me = new MainEngine({ log: false });
  me.addGateway(XtpGateway, 'XTP');
  const message = await me.connect(setting, 'XTP').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.is(me.getGateway('XTP').status, GatewayStatus.DISCONNECTED);
  await me.close();
  return message;
}

/** Connects through the simulated library of that ABI and returns the gateway's log lines. */
async function connectLogs(abiVersion: string): Promise<string[]> {
  const sim = await startSim({ abiVersion });
  const me = new MainEngine({ log: false });
  const logs: string[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data.msg));
  me.addGateway(XtpGateway, 'XTP');
  await me.connect(sim.setting(), 'XTP');
  await me.close();
  await sim.stop();
  return logs;
}

test('one version, two layouts: 2.2.32 and its XAlgo build are told apart by the exported TraderApi', async () => {
  const logs = await connectLogs('2.2.32-xalgo');
  const loaded =
    /XTP trader API 2\.2\.32\.1 loaded \(binding for 2\.2\.32-xalgo\); quote API 2\.2\.32\.1 \(binding for 2\.2\.32\)/;
  assert.ok(
    logs.some((l) => loaded.test(l)),
    logs.join('\n'),
  );
  assert.equal(
    [
      abi('2.2.32-xalgo').traderApi.slots,
      abi('2.2.32-xalgo').traderSpi.slots,
      abi('2.2.32-xalgo').traderApi.at.QueryAsset,
    ],
    [76, 55, 29],
  );
});

test('2.2.33, 2.2.39, 2.2.42 and 2.2.50 load with their own tables', async () => {
  for (const v of ['2.2.33', '2.2.39', '2.2.42', '2.2.50']) {
    const logs = await connectLogs(v);
    const n = v.replace(/\./g, '\\.');
    const loaded = new RegExp(
      `XTP trader API ${n}\\.1 loaded \\(binding for ${n}\\); quote API ${n}\\.1 \\(binding for ${n}\\)`,
    );
    assert.ok(
      logs.some((l) => loaded.test(l)),
      logs.join('\n'),
    );
  }
});

test('guard: an unknown version, a version that does not match the layout, a missing factory, not a library', async () => {
  const sim = await startSim({ abiVersion: '2.2.32' });
  const unknown = await buildSim({ abiVersion: '2.2.32', versionText: '2.2.40.3' }, BUILD_DIR);
  let e = await connectError(sim.setting({ trader_library: unknown, quote_library: unknown }));
  assert.match(e, /reports XTP API version "2\.2\.40\.3" \(2\.2\.40\), which vnt has no binding for/);
  assert.match(e, /supported XTP versions: 2\.2\.27, 2\.2\.32/);

  const lying = await buildSim({ abiVersion: '2.2.27', versionText: '2.2.32.7' }, BUILD_DIR);
  e = await connectError(sim.setting({ trader_library: lying, quote_library: lying }));
  assert.match(e, /says XTP 2\.2\.32 but its TraderApi has 61 virtual methods where 2\.2\.32 has 70/);

  const damaged = await buildSim({ abiVersion: '2.2.32', omitTraderFactory: true }, BUILD_DIR);
  e = await connectError(sim.setting({ trader_library: damaged }));
  assert.match(e, /is not a XTP trader library \(no _ZN3XTP3API9TraderApi15CreateTraderApi/);

  const text = path.join(BUILD_DIR, 'not-a-library.so');
  fs.writeFileSync(text, 'hello');
  e = await connectError(sim.setting({ quote_library: text }));
  assert.match(e, /cannot read XTP quote library .*not an ELF file/);
  await sim.stop();
});

test.run();
