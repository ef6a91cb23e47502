// OpenD's framing: a 44-byte little-endian header ("FT", protoID u32, protoFmtType u8, protoVer u8, serialNo u32,
// bodyLen u32, SHA-1 of the body, 8 reserved bytes) and a protobuf body. The decoder takes the stream in
// whatever pieces TCP delivers (partial and coalesced packets) and checks every body's SHA-1 on receipt. In
// OpenD's encrypted mode the body on the wire is ciphertext and the SHA-1 is over the plaintext (crypto.ts).
import { createHash } from 'node:crypto';
import { errorMessage } from '../../src/core/errors.js';
import type { BodyCipher } from './crypto.js';
import { HEADER_SIZE, PROTO_FMT_PROTOBUF } from './protocol.js';
import { protoType } from './proto.js';

/** OpenD's own packets stay far below this; a larger length means a broken or hostile stream. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface Packet {
  protoId: number;
  protoFmt: number;
  protoVer: number;
  serialNo: number;
  body: Buffer;
}

/** A packet whose frame was sound but whose body does not hash to the header's SHA-1: skipped, reported. */
export interface BadPacket {
  protoId: number;
  serialNo: number;
  reason: string;
}

/** The stream cannot be framed any more (wrong magic, absurd length): the connection must go. */
export class FramingError extends Error {}

export function sha1(body: Uint8Array): Buffer {
  return createHash('sha1').update(body).digest();
}

/** Which cipher a packet's body travels under (none: plaintext). */
export interface BodyCrypto {
  cipherFor(protoId: number): BodyCipher | undefined;
  /** Packets that may come in plaintext all the same (OpenD refusing an InitConnect it could not read). */
  plainAllowed?(protoId: number): boolean;
}

export function encodePacket(
  protoId: number,
  serialNo: number,
  plain: Uint8Array,
  protoVer = 0,
  cipher?: BodyCipher,
): Buffer {
  const body = cipher ? cipher.seal(plain) : plain;
  const out = Buffer.allocUnsafe(HEADER_SIZE + body.length);
  out.write('FT', 0, 'latin1');
  out.writeUInt32LE(protoId >>> 0, 2);
  out.writeUInt8(PROTO_FMT_PROTOBUF, 6);
  out.writeUInt8(protoVer, 7);
  out.writeUInt32LE(serialNo >>> 0, 8);
  out.writeUInt32LE(body.length, 12);
  sha1(plain).copy(out, 16);
  out.fill(0, 36, 44);
  out.set(body, HEADER_SIZE);
  return out;
}

export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);
  /** Set once the link is encrypted; consulted per packet, so InitConnect's reply can switch RSA to AES. */
  crypto: BodyCrypto | undefined;

  constructor(private readonly maxBody = MAX_BODY_BYTES) {}

  /** Bytes received and not yet framed. */
  get buffered(): number {
    return this.buf.length;
  }

  push(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
  }

  /** The next whole packet, a bad one (SHA-1 mismatch), or undefined until more bytes arrive. */
  next(): Packet | BadPacket | undefined {
    const b = this.buf;
    if (b.length < 2) return undefined;
    if (b[0] !== 0x46 || b[1] !== 0x54) {
      throw new FramingError(`packet does not start with "FT" (0x${b.subarray(0, 2).toString('hex')})`);
    }
    if (b.length < HEADER_SIZE) return undefined;
    const bodyLen = b.readUInt32LE(12);
    if (bodyLen > this.maxBody) {
      throw new FramingError(`body length ${bodyLen} exceeds the ${this.maxBody}-byte limit`);
    }
    if (b.length < HEADER_SIZE + bodyLen) return undefined;
    const protoId = b.readUInt32LE(2);
    const protoFmt = b.readUInt8(6);
    const protoVer = b.readUInt8(7);
    const serialNo = b.readUInt32LE(8);
    // Copied out so that the packet does not pin the whole receive buffer.
    let body: Buffer = Buffer.from(b.subarray(HEADER_SIZE, HEADER_SIZE + bodyLen));
    const digest = Buffer.from(b.subarray(16, 36));
    this.buf = b.subarray(HEADER_SIZE + bodyLen);
    const cipher = this.crypto?.cipherFor(protoId);
    if (cipher && !(this.crypto?.plainAllowed?.(protoId) && sha1(body).equals(digest))) {
      try {
        body = cipher.open(body);
      } catch (error) {
        return {
          protoId,
          serialNo,
          reason: `cannot decrypt the ${bodyLen}-byte body: ${errorMessage(error)}`,
        };
      }
    }
    if (!sha1(body).equals(digest)) {
      return { protoId, serialNo, reason: `SHA-1 of the ${bodyLen}-byte body does not match the header` };
    }
    if (protoFmt !== PROTO_FMT_PROTOBUF) {
      return { protoId, serialNo, reason: `body format ${protoFmt} is not protobuf (0)` };
    }
    return { protoId, protoFmt, protoVer, serialNo, body };
  }
}

export function isBad(p: Packet | BadPacket): p is BadPacket {
  return 'reason' in p;
}

/** Plain object → protobuf bytes for a schema message ("Trd_PlaceOrder.Request"); 64-bit ids may be strings. */
export function encodeBody(typeName: string, value: Record<string, unknown>): Uint8Array {
  const t = protoType(typeName);
  // fromObject turns decimal strings into 64-bit integers; verify then catches what is still missing or wrong.
  const message = t.fromObject(value);
  const problem = t.verify(message);
  if (problem) throw new Error(`${typeName}: ${problem}`);
  return t.encode(message).finish();
}

/**
 * Protobuf bytes → plain object. 64-bit integers come back as decimal strings (Futu's order and account ids
 * exceed 2^53), or as numbers where a message's only 64-bit fields are quantities (quote pushes: converting
 * to text costs more than the rest of the decode); a missing required field or a malformed body throws.
 */
export function decodeBody<T = Record<string, unknown>>(
  typeName: string,
  body: Uint8Array,
  longsAsNumbers = false,
): T {
  const t = protoType(typeName);
  return t.toObject(t.decode(body), {
    longs: longsAsNumbers ? Number : String,
    enums: Number,
    bytes: Buffer,
  }) as T;
}
