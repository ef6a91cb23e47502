// OpenD's encrypted mode (Futu OpenAPI protocol page, "加密通信流程", "RSA加解密", "AES加解密"; enum
// Common.PacketEncAlgo). OpenD and the client share one RSA private key: InitConnect's request and reply bodies
// are RSA (PKCS#1 v1.5, public key encrypts, private key decrypts) in pieces — plaintext in slices of at most
// 100 bytes for a 1024-bit key, ciphertext in blocks of the key's length. Every later body is AES-128-ECB under
// InitConnect's connAESKey (its 16 characters are the key bytes) in Futu's own framing (FTAES_ECB): the plaintext
// zero-filled to a multiple of 16, encrypted, then one more plain 16-byte block whose last byte is the plaintext's
// length mod 16. The header's SHA-1 is always over the plaintext.
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** Common.PacketEncAlgo: FTAES_ECB is Futu's framing above; None turns AES off. */
export const PACKET_ENC_ALGO = { FTAES_ECB: 0, None: -1, AES_ECB: 1, AES_CBC: 2 } as const;

export class CryptoError extends Error {}

/** One direction-agnostic body transform: seal before sending, open after receiving. */
export interface BodyCipher {
  seal(plain: Uint8Array): Buffer;
  open(wire: Uint8Array): Buffer;
}

/** OpenD's RSA private key from a PEM file (PKCS#1 "RSA PRIVATE KEY" or PKCS#8); errors never quote the file. */
export function loadRsaKey(path: string): { key: KeyObject; loose: boolean } {
  let text: string;
  let mode = 0;
  try {
    text = readFileSync(path, 'utf8');
    mode = statSync(path).mode;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CryptoError(`cannot read the RSA key file ${path} (${code})`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new CryptoError(
      `the RSA key file ${path} holds no private key in PEM form (PKCS#1 "RSA PRIVATE KEY" or PKCS#8), or it is ` +
        'protected by a passphrase (OpenD wants none)',
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new CryptoError(`the key in ${path} is ${key.asymmetricKeyType ?? 'not RSA'}, not an RSA key`);
  }
  // Anyone who can read the key can read the link: a file open to group or others is worth a warning.
  return { key, loose: (mode & 0o077) !== 0 };
}

export class RsaCipher implements BodyCipher {
  private readonly blockBytes: number;
  private readonly sliceBytes: number;

  constructor(private readonly key: KeyObject) {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 1024;
    this.blockBytes = Math.ceil(bits / 8);
    // PKCS#1 v1.5 takes at most k − 11 bytes; Futu slices 100 for its 1024-bit keys.
    this.sliceBytes = Math.min(100, this.blockBytes - 11);
  }

  seal(plain: Uint8Array): Buffer {
    const out: Buffer[] = [];
    const slices = Math.max(1, Math.ceil(plain.length / this.sliceBytes));
    for (let s = 0; s < slices; s++) {
      const slice = plain.subarray(s * this.sliceBytes, (s + 1) * this.sliceBytes);
      out.push(publicEncrypt({ key: this.key, padding: constants.RSA_PKCS1_PADDING }, slice));
    }
    return Buffer.concat(out);
  }

  open(wire: Uint8Array): Buffer {
    if (wire.length === 0 || wire.length % this.blockBytes !== 0) {
      throw new CryptoError(
        `RSA body of ${wire.length} bytes is not a whole number of ${this.blockBytes}-byte blocks`,
      );
    }
    const out: Buffer[] = [];
    for (let i = 0; i < wire.length; i += this.blockBytes) {
      // Node 20 refuses PKCS#1 v1.5 in privateDecrypt (CVE-2023-46809): the raw block is decrypted and the
      // padding (00 02, eight or more non-zero bytes, 00) checked here.
      let block: Buffer;
      try {
        block = privateDecrypt(
          { key: this.key, padding: constants.RSA_NO_PADDING },
          wire.subarray(i, i + this.blockBytes),
        );
      } catch {
        // OpenSSL refuses a block that is not below this key's modulus: sealed under another key.
        throw new CryptoError('RSA block does not open with this key (wrong key?)');
      }
      out.push(unpadPkcs1(block));
    }
    return Buffer.concat(out);
  }
}

function unpadPkcs1(block: Buffer): Buffer {
  if (block[0] !== 0 || block[1] !== 2) throw new CryptoError('RSA block is not PKCS#1 v1.5 (wrong key?)');
  const zero = block.indexOf(0, 2);
  if (zero < 10) throw new CryptoError('RSA block padding is malformed (wrong key?)');
  return block.subarray(zero + 1);
}

/** FTAES_ECB: AES-128-ECB under connAESKey with Futu's trailing length block (no PKCS#7). */
export class FtAesEcbCipher implements BodyCipher {
  private readonly key: Buffer;

  constructor(connAESKey: string) {
    const key = Buffer.from(connAESKey, 'utf8');
    if (key.length !== 16) {
      throw new CryptoError(`OpenD's connAESKey is ${key.length} bytes, not the 16 AES-128 needs`);
    }
    this.key = key;
  }

  seal(plain: Uint8Array): Buffer {
    const mod = plain.length % 16;
    const padded = Buffer.alloc(plain.length + (mod === 0 ? 0 : 16 - mod));
    padded.set(plain);
    const c = createCipheriv('aes-128-ecb', this.key, null);
    c.setAutoPadding(false);
    const tail = Buffer.alloc(16);
    tail[15] = mod;
    return Buffer.concat([c.update(padded), c.final(), tail]);
  }

  open(wire: Uint8Array): Buffer {
    if (wire.length < 16 || wire.length % 16 !== 0) {
      throw new CryptoError(
        `AES body of ${wire.length} bytes is not whole 16-byte blocks plus the length block`,
      );
    }
    const mod = wire[wire.length - 1]!;
    if (mod > 15) throw new CryptoError(`AES length block says ${mod}, more than 15`);
    const d = createDecipheriv('aes-128-ecb', this.key, null);
    d.setAutoPadding(false);
    const plain = Buffer.concat([d.update(wire.subarray(0, wire.length - 16)), d.final()]);
    if (mod === 0) return plain;
    if (plain.length === 0) throw new CryptoError('AES body is empty but its length block says otherwise');
    return plain.subarray(0, plain.length - (16 - mod));
  }
}
