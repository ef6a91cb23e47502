// Bitfinex's order-book checksum (docs.bitfinex.com/docs/ws-websocket-checksum): CRC32 over the top 25 bids
// and asks interleaved level by level — bid price, bid amount, ask price, ask amount, ... — joined with ':',
// compared as a signed 32-bit integer. Amounts keep their sign (asks negative); for raw (R0) books the order
// id takes the price's place. Numbers are written as plain decimals: Bitfinex's own client writes 1.7e-8 as
// 0.000000017 (bfx-api-node-models, "checksum: converts exp prices to fixed").
import { crc32 } from 'node:zlib';

/** Levels per side the checksum covers. */
export const CHECKSUM_DEPTH = 25;

/** A number as Bitfinex writes it in checksum strings: shortest round-trip form, never in exponent notation. */
export function plainNumber(n: number): string {
  const text = String(n);
  if (!text.includes('e')) return text;
  const [mantissa, exp] = text.split('e') as [string, string];
  const e = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = (mantissa.replace('-', '').indexOf('.') + 1 || mantissa.replace('-', '').length + 1) - 1;
  const at = point + e;
  let out: string;
  if (at <= 0) out = `0.${'0'.repeat(-at)}${digits}`;
  else if (at >= digits.length) out = digits + '0'.repeat(at - digits.length);
  else out = `${digits.slice(0, at)}.${digits.slice(at)}`;
  return negative ? `-${out}` : out;
}

/** One side's levels best first: [price or order id, signed amount]. */
export type ChecksumLevel = readonly [number, number];

/** The string the checksum is taken of. */
export function checksumString(bids: readonly ChecksumLevel[], asks: readonly ChecksumLevel[]): string {
  const parts: string[] = [];
  for (let i = 0; i < CHECKSUM_DEPTH; i++) {
    const b = bids[i];
    if (b) parts.push(plainNumber(b[0]), plainNumber(b[1]));
    const a = asks[i];
    if (a) parts.push(plainNumber(a[0]), plainNumber(a[1]));
  }
  return parts.join(':');
}

/** The signed 32-bit CRC32 Bitfinex sends in `[chanId, "cs", checksum]`. */
export function bookChecksum(bids: readonly ChecksumLevel[], asks: readonly ChecksumLevel[]): number {
  return crc32(checksumString(bids, asks)) | 0;
}
