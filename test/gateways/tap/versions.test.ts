// The TAP load-time guard through the real binding (bindings/tap/library.ts) against simulated libraries
// built with g++ from the binding's own tables: a supported release is accepted and its factories create
// objects; an unknown version, a missing factory, a vtable of another size and a missing dependency
// folder are each refused with a message that names what is wrong and what is supported.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadTap, resolveTapFiles, TapLibraryError } from '../../../bindings/tap/library.js';
import { tradeStructs } from '../../../bindings/tap/structs.js';
import { TRADE_ABIS, QUOTE_ABIS } from '../../../bindings/tap/versions.js';
import { buildSim, type SimVariant } from '../../../gateways/tap/sim/build.js';

const buildDir = path.resolve('test/gateways/tap/build');

async function files(variant: SimVariant) {
  const so = await buildSim(variant, buildDir);
  return { trade: so, quote: so, dependencies: [] };
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.instance(e, TapLibraryError);
    return (e as Error).message;
  }
  throw new Error('the library was accepted');
}

test('documented slots: trade API and notify, quote API and notify', () => {
  const t = TRADE_ABIS[0]!;
  assert.equal(
    [t.api.at.SetHostAddress, t.api.at.Login, t.api.at.InsertOrder, t.api.at.CancelOrder, t.api.slots],
    [1, 2, 16, 17, 59],
  );
  assert.equal(
    [
      t.spi.at.OnRspLogin,
      t.spi.at.OnAPIReady,
      t.spi.at.OnDisconnect,
      t.spi.at.OnRtnOrder,
      t.spi.at.OnRtnFill,
    ],
    [1, 5, 6, 19, 23],
  );
  assert.is(t.spi.slots, 71);
  const q = QUOTE_ABIS[0]!;
  assert.equal([q.api.at.SubscribeQuote, q.spi.at.OnRtnQuote, q.api.slots, q.spi.slots], [6, 7, 8, 8]);
});

test('a 9.3.8.7 / 9.3.1.4 library is accepted; its factories honour the authorization code', async () => {
  const tap = loadTap(await files({}));
  assert.is(tap.version, '9.3.8');
  assert.is(tap.quoteVersion, '9.3.1');
  assert.match(tap.versionText, /V9\.3\.8\.7/);
  const info = tradeStructs().ApplicationInfo;
  const ok = tap.createTrade(info.write({ AuthCode: 'AUTH-CODE', APPID: 'vnt' }));
  assert.is(ok.result, 0);
  assert.ok(ok.api !== 0n, 'an object');
  const refused = tap.createTrade(info.write({}));
  assert.is(refused.api, 0n);
  assert.is.not(refused.result, 0);
  assert.is(tap.createQuote(info.write({ AuthCode: 'AUTH-CODE' })).result, 0);
  assert.is(tap.errorText(0), 'success');
});

test('an unknown trade version is refused, naming the supported ones', async () => {
  const f = await files({ versionText: 'Version iTapTradeAPI V9.3.9.1, Date 2099.01.01' });
  const msg = refusal(() => loadTap(f));
  assert.match(msg, /9\.3\.9/);
  assert.match(msg, /supported TAP trade versions: 9\.3\.8/);
});

test('a library without CreateITapTradeAPI is refused', async () => {
  const f = await files({ omitTradeFactory: true });
  assert.match(
    refusal(() => loadTap(f)),
    /lacks its CreateITapTradeAPI/,
  );
});

test('a trade vtable of another size under the same version is refused', async () => {
  const f = await files({ extraTradeSlots: 2 });
  assert.match(
    refusal(() => loadTap(f)),
    /ITapTradeAPI has 61 virtual methods where 9\.3\.8 has 59/,
  );
});

test('a folder without the libraries is named; bundled OpenSSL copies are found in load order', () => {
  fs.mkdirSync(buildDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(buildDir, 'sdk-'));
  assert.match(
    refusal(() => resolveTapFiles(dir)),
    /TAP trade library .*libiTapTradeAPI\.so does not exist/,
  );
  for (const f of ['libiTapTradeAPI.so', 'libTapQuoteAPI.so', 'libssl.so.1.1', 'libcrypto.so.1.1'])
    fs.writeFileSync(path.join(dir, f), '');
  const r = resolveTapFiles(dir);
  assert.equal(
    r.dependencies.map((d) => path.basename(d)),
    ['libcrypto.so.1.1', 'libssl.so.1.1'],
  );
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();
