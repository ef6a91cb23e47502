// Tiger's request signature: the sign content rule (every field but sign, sorted, k=v&..., non-strings as
// JSON) on an envelope typed from Tiger's documented parameters; RSA-SHA1 PKCS#1 v1.5 checked against
// openssl (an independent implementation: the same key and content must give the same bytes); key formats
// Tiger hands out; the simulator refusing tampered, stale and foreign-key requests; and the gateway refusing
// a reply whose signature is not Tiger's.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MainEngine } from '../../../src/core/engine.js';
import { TigerGateway } from '../../../gateways/tiger/index.js';
import { TigerRest, bizContent } from '../../../gateways/tiger/rest.js';
import {
  loadPrivateKey,
  loadPublicKey,
  quoteBigIntegers,
  rsaSign,
  rsaVerify,
  signContent,
  tigerTimestamp,
} from '../../../gateways/tiger/sign.js';
import { RAW_PLACE_REPLY } from '../../fixtures/tiger-messages.js';
import { settingFor, startSim, testCert } from './target.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-tiger-sign-'));
process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
const pkcs1Pem = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const keyFile = path.join(dir, 'private.pem');
fs.writeFileSync(keyFile, pkcs1Pem);

test('sign content: every field but sign, sorted by key, k=v joined by &, non-strings as JSON', () => {
  // The envelope fields of Tiger's Open API request (tiger_id, method, charset, sign_type, timestamp,
  // version, biz_content) for a place_order, as the docs list them.
  const envelope = {
    tiger_id: '20150001',
    method: 'place_order',
    charset: 'UTF-8',
    sign_type: 'RSA',
    timestamp: '2025-08-13 20:08:52',
    version: '2.0',
    biz_content: bizContent({ symbol: 'AAPL', account: '123123', total_quantity: 2, limit_price: 90.5 }),
    sign: 'must not be signed',
  };
  assert.is(
    signContent(envelope),
    'biz_content={"account":"123123","limit_price":90.5,"symbol":"AAPL","total_quantity":2}' +
      '&charset=UTF-8&method=place_order&sign_type=RSA&tiger_id=20150001' +
      '&timestamp=2025-08-13 20:08:52&version=2.0',
  );
  assert.is(signContent({ b: true, a: 1, c: [1, 'x'], d: undefined }), 'a=1&b=true&c=[1,"x"]');
});

test('biz_content writes Tiger ids as the bare integers Tiger expects, digits intact', () => {
  assert.is(bizContent({ id: '40132638459956224', account: 'a' }), '{"account":"a","id":40132638459956224}');
});

test('RSA-SHA1 PKCS#1 v1.5: the same bytes as openssl dgst -sha1 -sign, and openssl verifies ours', () => {
  const content = 'biz_content={"account":"123123"}&charset=UTF-8&method=assets&sign_type=RSA&tiger_id=1';
  const contentFile = path.join(dir, 'content.txt');
  fs.writeFileSync(contentFile, content);
  const openssl = execFileSync('openssl', ['dgst', '-sha1', '-sign', keyFile, contentFile]).toString(
    'base64',
  );
  const ours = rsaSign(loadPrivateKey(pkcs1Pem), content);
  assert.is(ours, openssl);
  const pubFile = path.join(dir, 'public.pem');
  fs.writeFileSync(pubFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  const sigFile = path.join(dir, 'sig.bin');
  fs.writeFileSync(sigFile, Buffer.from(ours, 'base64'));
  const out = execFileSync('openssl', [
    'dgst',
    '-sha1',
    '-verify',
    pubFile,
    '-signature',
    sigFile,
    contentFile,
  ]);
  assert.match(out.toString(), /Verified OK/);
  assert.ok(rsaVerify(pair.publicKey, content, ours));
  assert.not.ok(rsaVerify(pair.publicKey, content + ' ', ours), 'a changed content fails');
});

test('private keys: PKCS#1 body without markers (as Tiger shows it), PEM, a file; bad keys say why, never echo', () => {
  const body = pkcs1Pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const content = 'x';
  const expected = rsaSign(loadPrivateKey(pkcs1Pem), content);
  assert.is(rsaSign(loadPrivateKey(body), content), expected);
  assert.is(rsaSign(loadPrivateKey(keyFile), content), expected);
  const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  assert.is(rsaSign(loadPrivateKey(pkcs8), content), expected);
  try {
    loadPrivateKey('MIIBsecretlookingbutbroken');
    assert.unreachable('a broken key loads');
  } catch (error) {
    assert.match((error as Error).message, /not an RSA private key/);
    assert.not.match((error as Error).message, /secretlooking/);
  }
  const pubBody = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  assert.ok(rsaVerify(loadPublicKey(pubBody), content, expected));
});

test('timestamps are local wall-clock "YYYY-MM-DD HH:MM:SS"', () => {
  const t = new Date(2025, 7, 13, 9, 5, 7).getTime();
  assert.is(tigerTimestamp(t), '2025-08-13 09:05:07');
});

test('ids past 2^53 keep every digit; decimals and strings are left alone', () => {
  const naive = JSON.parse(RAW_PLACE_REPLY) as { data: { id: number } };
  assert.is.not(String(naive.data.id), '40132638459956224', 'JSON.parse alone rounds the id');
  const safe = JSON.parse(quoteBigIntegers(RAW_PLACE_REPLY)) as { data: { id: string; order_id: number } };
  assert.is(safe.data.id, '40132638459956224');
  assert.is(safe.data.order_id, 1169);
  const text = '{"a":"40132638459956224","b":12.34567890123456789,"c":-40132638459956225,"d":1e17}';
  assert.equal(JSON.parse(quoteBigIntegers(text)), {
    a: '40132638459956224',
    b: 12.34567890123456789,
    c: '-40132638459956225',
    d: 1e17,
  });
});

test('the simulator refuses a tampered, a stale and a foreign-key request with code 1000', async () => {
  const sim = await startSim({ tickRate: 0 });
  try {
    const key = loadPrivateKey(sim.developerPrivateKey);
    const rest = new TigerRest({ url: sim.restUrl, tigerId: sim.tigerId, privateKey: key, deviceId: 'test' });
    const post = async (env: Record<string, unknown>) => {
      const res = await fetch(sim.restUrl, { method: 'POST', body: JSON.stringify(env) });
      return (await res.json()) as { code: number; message: string };
    };
    const good = rest.envelope('prime_assets', { account: sim.account }, '2.0', Date.now());
    assert.is((await post(good)).code, 0);
    const tampered = { ...good, biz_content: '{"account":"someone-else"}' };
    const refused = await post(tampered);
    assert.is(refused.code, 1000);
    // The wording of Tiger's error-code page for a signature the key does not verify.
    assert.is(
      refused.message,
      'failed to verify signature, please make sure you use the correct rsa private key',
    );
    const stale = rest.envelope('prime_assets', { account: sim.account }, '2.0', Date.now() - 3_600_000);
    assert.match((await post(stale)).message, /timestamp .* is expired/);
    const foreign = new TigerRest({
      url: sim.restUrl,
      tigerId: sim.tigerId,
      privateKey: pair.privateKey,
      deviceId: 'test',
    });
    const r = await post(foreign.envelope('prime_assets', { account: sim.account }, '2.0', Date.now()));
    assert.is(r.code, 1000);
    assert.match(r.message, /failed to verify signature/);
  } finally {
    await sim.close();
  }
});

test('connect: a wrong private key is refused with a reason; a reply not signed by Tiger is refused', async () => {
  const sim = await startSim({ tickRate: 0 });
  const me = new MainEngine({ log: false });
  try {
    me.addGateway(TigerGateway, 'TIGER');
    const wrongKey = settingFor(sim, testCert().certFile, { privateKey: pkcs1Pem });
    assert.match(
      await rejection(me.connect(wrongKey, 'TIGER')),
      /failed to verify signature, please make sure you use the correct rsa private key \(code 1000\)/,
    );
    const otherTiger = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const wrongTiger = settingFor(sim, testCert().certFile, {
      tigerPublicKey: otherTiger.export({ type: 'spki', format: 'pem' }).toString(),
    });
    assert.match(await rejection(me.connect(wrongTiger, 'TIGER')), /does not carry Tiger's signature/);
    assert.is(sim.pushConnections(), 0, 'no push login after a refused connect');
    // A clock an hour off: Tiger's timestamp window refuses every request, and the reason says so.
    sim.setClockSkew(3_600_000);
    assert.match(
      await rejection(me.connect(settingFor(sim, testCert().certFile), 'TIGER')),
      /timestamp .* is expired/,
    );
  } finally {
    await me.close();
    await sim.close();
  }
});

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a rejection');
}

test.run();
