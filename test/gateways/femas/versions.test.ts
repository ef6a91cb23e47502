// FEMAS's tables against the public FEMAS 1.0 headers, and the guard through the real binding in its host
// process: a CTP or CTP Mini library given to FEMAS, a FEMAS version without a table and a FEMAS library
// whose vtable does not match its version are each refused with a reason naming the supported versions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FemasSession } from '../../../bindings/femas/session.js';
import { FEMAS_ABIS, FEMAS_SYMBOLS } from '../../../bindings/femas/versions.js';
import { buildSim } from '../../../gateways/ctp/sim/build.js';
import { buildFemasSim, type FemasSimVariant } from '../../../gateways/femas/sim/build.js';
import { BUILD_DIR } from '../ctp/sim.js';
import { FEMAS_BUILD_DIR } from './sim.js';

test('slots and class sizes (vnpy_femas headers; vendor-vtables.md)', () => {
  const abi = FEMAS_ABIS[0]!;
  const a = abi.traderApi.at;
  assert.equal(
    [a.RegisterFront, a.RegisterSpi, a.ReqUserLogin, a.ReqOrderInsert, a.ReqOrderAction, abi.traderApi.slots],
    [4, 7, 17, 20, 21, 48],
  );
  const s = abi.traderSpi.at;
  // OnFrontDisconnected after OnQryFrontConnected; OnRtnTrade before OnRtnOrder (not CTP's order).
  assert.equal(
    [
      s.OnFrontDisconnected,
      s.OnRspUserLogin,
      s.OnRtnTrade,
      s.OnRtnOrder,
      s.OnRspQryInstrument,
      abi.traderSpi.slots,
    ],
    [2, 8, 19, 20, 38, 58],
  );
  // The rate queries and their answers (投资者手续费率 / 保证金率 in USTPFtdcTraderApi.h).
  assert.equal(
    [a.ReqQryInvestorFee, a.ReqQryInvestorMargin, s.OnRspQryInvestorFee, s.OnRspQryInvestorMargin],
    [36, 37, 42, 43],
  );
  assert.equal([abi.mdApi.at.SubMarketData, abi.mdApi.at.ReqUserLogin, abi.mdApi.slots], [11, 16, 18]);
  assert.equal([abi.mdSpi.at.OnRtnDepthMarketData, abi.mdSpi.slots], [8, 13]);
  assert.is(FEMAS_SYMBOLS.createTrader, '_ZN18CUstpFtdcTraderApi19CreateFtdcTraderApiEPKc');
  assert.is(FEMAS_SYMBOLS.createMd, '_ZN18CUstpFtdcMduserApi19CreateFtdcMduserApiEPKc');
  assert.is(FEMAS_SYMBOLS.traderVersion, '_ZN18CUstpFtdcTraderApi10GetVersionERiS0_');
});

async function openWith(traderLibrary: string, mdLibrary = traderLibrary) {
  const session = new FemasSession(
    { onEvents: () => undefined, onLog: () => undefined },
    { callTimeoutMs: 10_000, exitGraceMs: 3_000 },
  );
  try {
    const r = await session.open({
      traderLibrary,
      mdLibrary,
      flowDir: `${FEMAS_BUILD_DIR}/flow-binding`,
      tdFront: 'tcp://127.0.0.1:1',
      mdFront: 'tcp://127.0.0.1:2',
    });
    return { version: r.version, text: r.versionText };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    await session.close();
  }
}

const femas = (v: FemasSimVariant = {}) => buildFemasSim(v, FEMAS_BUILD_DIR);

test('the FEMAS 1.0 library loads; its GetVersion text is kept', async () => {
  assert.equal(await openWith(await femas()), { version: '1.0', text: 'FEMAS V1.0 femassim' });
});

test('a CTP library given to FEMAS is refused, named as CTP, with the FEMAS versions', async () => {
  const r = await openWith(await buildSim({ abiVersion: '6.7.13' }, BUILD_DIR));
  assert.match(
    r.error!,
    /is a CTP or CTP Mini library \(it exports CThostFtdc\* classes\), not a FEMAS trader library/,
  );
  assert.match(r.error!, /supported FEMAS versions: 1\.0/);
});

test('a CTP Mini library given to FEMAS is refused the same way', async () => {
  const r = await openWith(await buildSim({ family: 'mini', abiVersion: '1.6.3' }, BUILD_DIR));
  assert.match(r.error!, /CTP or CTP Mini library .* supported FEMAS versions: 1\.0/);
  // As the market data library beside a FEMAS trader library.
  const md = await openWith(
    await femas(),
    await buildSim({ family: 'mini', abiVersion: '1.6.3' }, BUILD_DIR),
  );
  assert.match(md.error!, /not a FEMAS market data library/);
});

test('a FEMAS version without a table is refused', async () => {
  const r = await openWith(await femas({ reportedVersion: '2.3', versionText: 'V2.3 future' }));
  assert.match(
    r.error!,
    /reports FEMAS API version "V2\.3 future \(GetVersion 2\.3\)" \(2\.3\), which vnt has no binding/,
  );
  assert.match(r.error!, /supported FEMAS versions: 1\.0/);
});

test('a library saying 1.0 with another vtable is refused before any call', async () => {
  const r = await openWith(await femas({ extraTraderSlots: 3 }));
  assert.match(r.error!, /CUstpFtdcTraderApi has 51 virtual methods where 1\.0 has 48/);
  assert.match(r.error!, /supported FEMAS versions: 1\.0/);
});

test.run();
