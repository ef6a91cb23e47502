// The TORA binding refuses a library it has no table for, or one that does not match its version, with a
// reason naming the supported releases; it matches the trader and XMd libraries separately; and the tables
// agree with the documented per-release slots (reference/vendor-vtables.md for 4.1.6 / XMd 1.0.9).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ToraSession } from '../../../bindings/tora/session.js';
import {
  FACTORY_SYMBOLS,
  mdAbiFor,
  SUPPORTED_MD_VERSIONS,
  SUPPORTED_VERSIONS,
  traderAbiFor,
} from '../../../bindings/tora/versions.js';
import { parseVersion } from '../../../bindings/native/abi.js';
import { buildSim, type SimVariant } from '../../../gateways/tora/sim/build.js';
import { BUILD_DIR } from './sim.js';

async function openWith(variant: SimVariant, md?: SimVariant) {
  const lib = await buildSim(variant, BUILD_DIR);
  const mdLib = md ? await buildSim(md, BUILD_DIR) : lib;
  const session = new ToraSession({ onEvents: () => undefined, onLog: () => undefined });
  try {
    const r = await session.open({
      traderLibrary: lib,
      mdLibrary: mdLib,
      flowDir: `${BUILD_DIR}/flow-binding`,
      tdFront: 'tcp://127.0.0.1:1',
      mdFront: 'tcp://127.0.0.1:2',
    });
    return { version: r.version, mdVersion: r.mdVersion };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    await session.close();
  }
}

test('documented slots: 4.1.6 trader (83/96) and XMd 1.0.9 (43/48), 4.0.8 (77/90) and XMd 1.0.5 (41/45)', () => {
  const t416 = traderAbiFor('4.1.6')!;
  assert.equal([t416.api.slots, t416.spi.slots], [83, 96]);
  // reference/vendor-abi.md: Release 0, Init 1, RegisterFront 3, RegisterSpi 6, ReqUserLogin 10,
  // ReqOrderInsert 14, ReqOrderAction 16, ReqQrySecurity 33, ReqQryTradingAccount 42, ReqQryPosition 43.
  const a = t416.api.at;
  assert.equal(
    [a.Release, a.Init, a.RegisterFront, a.RegisterSpi, a.ReqUserLogin, a.ReqOrderInsert, a.ReqOrderAction],
    [0, 1, 3, 6, 10, 14, 16],
  );
  assert.equal([a.ReqQrySecurity, a.ReqQryTradingAccount, a.ReqQryPosition], [33, 42, 43]);
  const s = t416.spi.at;
  assert.equal(
    [s.OnRspUserLogin, s.OnRspOrderInsert, s.OnRtnOrder, s.OnErrRtnOrderInsert, s.OnRtnTrade],
    [4, 8, 10, 11, 12],
  );
  assert.equal([s.OnRspQrySecurity, s.OnRspQryTradingAccount, s.OnRspQryPosition], [46, 55, 56]);
  const t408 = traderAbiFor('4.0.8')!;
  assert.equal([t408.api.slots, t408.spi.slots], [77, 90]);
  assert.equal([t408.api.at.ReqOrderAction, t408.api.at.ReqQryPosition, t408.spi.at.OnRtnOrder], [15, 42, 9]);
  assert.equal(
    [mdAbiFor('1.0.9')!.spi.at.OnRtnMarketData, mdAbiFor('1.0.5')!.spi.at.OnRtnMarketData],
    [33, 31],
  );
  assert.equal([mdAbiFor('1.0.9')!.api.slots, mdAbiFor('1.0.5')!.api.slots], [43, 41]);
  assert.is(FACTORY_SYMBOLS.trader, '_ZN12TORASTOCKAPI18CTORATstpTraderApi19CreateTstpTraderApiEPKcbcS2_b');
  assert.is(FACTORY_SYMBOLS.md, '_ZN11TORALEV1API15CTORATstpXMdApi16CreateTstpXMdApiERKcS2_');
  assert.is(parseVersion('4.1.6_20251211.10:50:00'), '4.1.6');
  assert.is(parseVersion('1.0.5_20230210.14:00:00'), '1.0.5');
});

test('both releases load through the real binding', async () => {
  assert.equal(await openWith({ version: '4.0.8' }), { version: '4.0.8', mdVersion: '1.0.5' });
  assert.equal(await openWith({ version: '4.1.6' }), { version: '4.1.6', mdVersion: '1.0.9' });
  // A 4.1.6 trader beside the older XMd library: each is matched by its own version.
  assert.equal(await openWith({ version: '4.1.6' }, { version: '4.0.8' }), {
    version: '4.1.6',
    mdVersion: '1.0.5',
  });
});

test('an unknown trader release is refused with the list of supported releases', async () => {
  const r = await openWith({ version: '4.1.6', versionText: '4.2.0_20270101.00:00:00' });
  assert.match(r.error ?? '', /"4\.2\.0_20270101\.00:00:00" \(4\.2\.0\)/);
  for (const v of SUPPORTED_VERSIONS) assert.ok(r.error!.includes(v), `names ${v}: ${r.error}`);
});

test('an unknown XMd release is refused naming the supported XMd releases', async () => {
  const r = await openWith({ version: '4.1.6', mdVersionText: '1.1.0_20270101' });
  assert.match(r.error ?? '', /TORA XMd API version "1\.1\.0_20270101"/);
  for (const v of SUPPORTED_MD_VERSIONS) assert.ok(r.error!.includes(v), `names ${v}: ${r.error}`);
});

test("a library whose vtable does not match its version's table is refused", async () => {
  // The 4.0.8 classes (77 trader slots) reporting 4.1.6 (83): calling slot 16 would be the wrong method.
  const r = await openWith({ version: '4.0.8', versionText: '4.1.6_20251211.10:50:00' });
  assert.match(r.error ?? '', /77 virtual methods where 4\.1\.6 has 83/);
});

test('a library missing its factory is refused; a file that is not a library is refused', async () => {
  const r = await openWith({ version: '4.1.6', omitTraderFactory: true });
  assert.match(
    r.error ?? '',
    /lacks its _ZN12TORASTOCKAPI18CTORATstpTraderApi19CreateTstpTraderApiEPKcbcS2_b/,
  );
  const session = new ToraSession({ onEvents: () => undefined, onLog: () => undefined });
  const error = await session
    .open({
      traderLibrary: 'package.json',
      mdLibrary: 'package.json',
      flowDir: `${BUILD_DIR}/flow-binding`,
      tdFront: 'tcp://127.0.0.1:1',
      mdFront: 'tcp://127.0.0.1:2',
    })
    .then(
      () => '',
      (e: Error) => e.message,
    );
  await session.close();
  assert.match(error, /not an ELF file/);
});

test.run();
