// The binding refuses a library it has no table for, or one that does not match its version, with a reason
// that names the supported versions; and it picks the right MdApi layout from the exported vtable.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CtpSession } from '../../../bindings/ctp/session.js';
import { SUPPORTED_VERSIONS } from '../../../bindings/ctp/versions.js';
import { buildSim, type SimVariant } from '../../../gateways/ctp/sim/build.js';
import { BUILD_DIR } from './sim.js';

async function openWith(
  variant: SimVariant,
): Promise<{ error?: string; version?: string; mdVersion?: string }> {
  const lib = await buildSim(variant, BUILD_DIR);
  const session = new CtpSession({ onEvents: () => undefined, onLog: () => undefined });
  try {
    const r = await session.open({
      traderLibrary: lib,
      mdLibrary: lib,
      flowDir: `${BUILD_DIR}/flow-binding`,
      tdFront: 'tcp://127.0.0.1:1',
      mdFront: 'tcp://127.0.0.1:2',
    });
    return variant.mdVersionText ? { version: r.version, mdVersion: r.mdVersion } : { version: r.version };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    await session.close();
  }
}

test('an unknown version is refused with the list of supported versions', async () => {
  const r = await openWith({ abiVersion: '6.7.13', versionText: 'v9.9.9_20991231 00:00:00' });
  assert.ok(r.error, 'refused');
  assert.match(r.error!, /v9\.9\.9/);
  for (const v of SUPPORTED_VERSIONS) assert.ok(r.error!.includes(v), `names ${v}: ${r.error}`);
});

test('a library missing its factory symbol is refused', async () => {
  const r = await openWith({ abiVersion: '6.7.13', omitTraderFactory: true });
  assert.ok(r.error, 'refused');
  assert.match(r.error!, /_ZN19CThostFtdcTraderApi19CreateFtdcTraderApiEPKcb/);
  assert.match(r.error!, /supported CTP versions: 6\.3\.15/);
});

test("a library whose vtable does not match its version's table is refused", async () => {
  // Built with the 6.7.11 classes (133 trader slots) but reporting 6.7.13 (140).
  const r = await openWith({ abiVersion: '6.7.11', versionText: 'v6.7.13_20250101 00:00:00' });
  assert.ok(r.error, 'refused');
  assert.match(r.error!, /133 virtual methods where 6\.7\.13 has 140/);
});

test('both 6.3.15 MdApi layouts and 6.7.13 load', async () => {
  assert.equal(await openWith({ abiVersion: '6.3.15', oldMd: true }), { version: '6.3.15' });
  assert.equal(await openWith({ abiVersion: '6.3.15' }), { version: '6.3.15' });
  assert.equal(await openWith({ abiVersion: '6.7.13' }), { version: '6.7.13' });
});

test('underscore and prefixed version strings load the matching table (issue 11)', async () => {
  assert.equal(await openWith({ abiVersion: '6.6.9', versionText: 'V6_6_9' }), { version: '6.6.9' });
  assert.equal(await openWith({ abiVersion: '6.6.1', versionText: 'V6_6_1_P1' }), { version: '6.6.1' });
  assert.equal(await openWith({ abiVersion: '6.6.7', versionText: 'V6_6_7' }), { version: '6.6.7' });
  assert.equal(await openWith({ abiVersion: '6.3.19', versionText: '6.3.19_P1' }), { version: '6.3.19' });
  assert.equal(await openWith({ abiVersion: '6.7.11', versionText: 'openctp-tts v6.7.11' }), {
    version: '6.7.11',
  });
});

test('an md library reporting its own version is matched by it (6.7.0 md beside a 6.7.9 trader)', async () => {
  const mds: [string, string][] = [
    ['v6.7.0_20230209 11:21:48', '6.7.0'],
    ['v6.7.1_20230710', '6.7.1'],
    ['v6.7.8_20241120', '6.7.8'],
    ['v6.7.10_20250304', '6.7.10'],
    ['V6_6_7', '6.6.7'],
  ];
  for (const [text, mdVersion] of mds) {
    assert.equal(
      await openWith({ abiVersion: '6.7.9', mdVersionText: text }),
      { version: '6.7.9', mdVersion },
      text,
    );
  }
  const r = await openWith({ abiVersion: '6.7.9', mdVersionText: 'v5.9.9_20150101' });
  assert.match(
    r.error ?? '',
    /CTP market data API version "v5\.9\.9_20150101".*supported CTP market data versions: 6\.3\.15/,
  );
});

test('a file that is not a library is refused with a reason', async () => {
  const session = new CtpSession({ onEvents: () => undefined, onLog: () => undefined });
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
