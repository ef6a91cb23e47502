// OpenD's encrypted mode as the Futu OpenAPI protocol page describes it ("RSA加解密", "AES加解密"): RSA PKCS#1
// v1.5 in plaintext slices of at most 100 bytes and ciphertext blocks of 128 bytes for a 1024-bit key; AES-128-ECB
// under connAESKey with the plaintext zero-filled to 16 bytes and a trailing 16-byte block whose last byte is
// len mod 16; the header's SHA-1 over the plaintext. Also the key file's handling (errors never quote it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { constants, createCipheriv, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { encodePacket, FrameDecoder, isBad, sha1 } from '../../../gateways/futu/codec.js';
import { CryptoError, FtAesEcbCipher, loadRsaKey, RsaCipher } from '../../../gateways/futu/crypto.js';
import { PROTO } from '../../../gateways/futu/protocol.js';
import { tempRsaKey } from './engine.js';

const KEY = '0123456789ABCDEF';

test('FTAES_ECB: zero fill to 16, encrypted, then a plain block whose last byte is len mod 16', () => {
  const aes = new FtAesEcbCipher(KEY);
  for (const len of [0, 1, 15, 16, 17, 100, 4096]) {
    const plain = Buffer.alloc(len, 0x5a);
    const wire = aes.seal(plain);
    const blocks = Math.ceil(len / 16);
    assert.is(wire.length, blocks * 16 + 16, `length for ${len}`);
    const tail = wire.subarray(wire.length - 16);
    assert.is(tail[15], len % 16, `mod byte for ${len}`);
    assert.ok(
      tail.subarray(0, 15).every((b) => b === 0),
      'the rest of the tail block is zero',
    );
    // The encrypted part is plain AES-128-ECB of the zero-filled data with connAESKey's bytes as the key.
    const filled = Buffer.alloc(blocks * 16);
    filled.set(plain);
    const ecb = createCipheriv('aes-128-ecb', Buffer.from(KEY, 'latin1'), null).setAutoPadding(false);
    assert.equal(wire.subarray(0, blocks * 16), Buffer.concat([ecb.update(filled), ecb.final()]));
    assert.equal(aes.open(wire), plain, `round trip of ${len}`);
  }
});

test('FTAES_ECB refuses a key that is not 16 bytes and bodies that are not whole blocks', () => {
  assert.throws(() => new FtAesEcbCipher('short'), /16/);
  const aes = new FtAesEcbCipher(KEY);
  assert.throws(
    () => aes.open(Buffer.alloc(20)),
    (e: Error) => e instanceof CryptoError,
  );
  assert.throws(
    () => aes.open(Buffer.alloc(0)),
    (e: Error) => e instanceof CryptoError,
  );
  const bad = aes.seal(Buffer.from('hello'));
  bad[bad.length - 1] = 16;
  assert.throws(() => aes.open(bad), /more than 15/);
});

test('RSA: 100-byte plaintext slices, 128-byte blocks, each a standard PKCS#1 v1.5 block', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const rsa = new RsaCipher(privateKey);
  const plain = Buffer.from(Array.from({ length: 250 }, (_, i) => i & 0xff));
  const wire = rsa.seal(plain);
  assert.is(wire.length, 3 * 128, '250 bytes → slices of 100, 100, 50 → three blocks');
  const second = privateDecrypt(
    { key: privateKey, padding: constants.RSA_NO_PADDING },
    wire.subarray(128, 256),
  );
  assert.is(second[0], 0);
  assert.is(second[1], 2, 'PKCS#1 v1.5 encryption block (type 2)');
  assert.equal(second.subarray(second.length - 100), plain.subarray(100, 200), 'the second slice');
  assert.equal(rsa.open(wire), plain);
  assert.is(rsa.seal(Buffer.alloc(0)).length, 128, 'an empty body is still one block');
});

test('RSA: another key, or a body that is not whole blocks, fails to open', () => {
  const a = new RsaCipher(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey);
  const b = new RsaCipher(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey);
  const wire = a.seal(Buffer.from('InitConnect'));
  assert.throws(
    () => b.open(wire),
    (e: Error) => e instanceof CryptoError,
  );
  assert.throws(() => a.open(wire.subarray(0, 100)), /128-byte blocks/);
});

test("the header's SHA-1 and the decoder's check are over the plaintext; the wire carries ciphertext", () => {
  const aes = new FtAesEcbCipher(KEY);
  const plain = Buffer.from('a protobuf body of some length');
  const packet = encodePacket(PROTO.KeepAlive, 7, plain, 0, aes);
  assert.is(packet.readUInt32LE(12), packet.length - 44, 'bodyLen is the ciphertext length');
  assert.equal(packet.subarray(16, 36), sha1(plain));
  assert.is(packet.indexOf(plain), -1, 'no plaintext on the wire');
  const d = new FrameDecoder();
  d.crypto = { cipherFor: () => aes };
  d.push(packet);
  const p = d.next();
  assert.ok(p && !isBad(p));
  assert.equal(p.body, plain);
  // A flipped ciphertext byte decrypts to something else, which the plaintext's SHA-1 catches.
  const broken = Buffer.from(packet);
  broken[44 + 3] ^= 0xff;
  d.push(broken);
  const q = d.next();
  assert.ok(q && isBad(q), 'damaged ciphertext is a bad packet');
});

test('plaintext is accepted only where allowed (an InitConnect refusal), and only if its SHA-1 matches', () => {
  const aes = new FtAesEcbCipher(KEY);
  const plain = Buffer.from('refusal');
  const d = new FrameDecoder();
  d.crypto = { cipherFor: () => aes, plainAllowed: (id) => id === PROTO.InitConnect };
  d.push(encodePacket(PROTO.InitConnect, 1, plain));
  const p = d.next();
  assert.ok(p && !isBad(p));
  assert.equal(p.body, plain);
  d.push(encodePacket(PROTO.KeepAlive, 2, Buffer.alloc(16, 1)));
  const q = d.next();
  assert.ok(q && isBad(q), 'a plaintext KeepAlive on an encrypted link is refused');
});

test('the key file: PKCS#1 PEM loads; group-readable is flagged; errors name the path, never the contents', () => {
  const good = tempRsaKey(0o600);
  const loose = tempRsaKey(0o644);
  try {
    assert.is(loadRsaKey(good.file).loose, false);
    assert.is(loadRsaKey(good.file).key.asymmetricKeyDetails?.modulusLength, 1024);
    assert.is(loadRsaKey(loose.file).loose, true);
    try {
      loadRsaKey(`${good.file}.missing`);
      assert.unreachable('a missing file loaded');
    } catch (error) {
      assert.match((error as Error).message, /cannot read the RSA key file .*missing \(ENOENT\)/);
    }
    // A damaged key: the message must not repeat any of what the file holds. The first body line is
    // overwritten whole (a random key need not contain any particular run of characters), which breaks the DER.
    const lines = good.pem.split('\n');
    lines[1] = 'A'.repeat(lines[1]!.length);
    const damaged = lines.join('\n');
    writeFileSync(good.file, damaged);
    let message = '';
    try {
      loadRsaKey(good.file);
    } catch (error) {
      message = (error as Error).message;
    }
    assert.match(message, /holds no private key in PEM form/, 'the damaged key is refused');
    for (const line of damaged.split('\n').filter((l) => l.length > 20))
      assert.not.ok(message.includes(line));
  } finally {
    good.remove();
    loose.remove();
  }
});

test.run();
