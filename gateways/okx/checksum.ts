// The books channel's checksum (docs-v5, Order book channel, "Checksum"): the first 25 bids and asks of the
// local book, alternating bid:ask, each as price:size exactly as the venue sent the strings, the side that
// runs out simply left out; CRC32 of that string as a signed 32-bit integer. OKX deprecated the field in
// 2026 (it is always 0 on production since 23 June 2026); a 0 is therefore "not given", not a mismatch.

const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (IEEE, as zlib) of the string's UTF-8 bytes, as a signed 32-bit integer. */
export function crc32Signed(text: string): number {
  let crc = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Book strings are ASCII; anything else goes byte by byte through UTF-8 so the result still matches zlib.
    if (code >= 0x80) return crcBytes(Buffer.from(text, 'utf8'));
    crc = TABLE[(crc ^ code) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ -1) | 0;
}

function crcBytes(bytes: Uint8Array): number {
  let crc = -1;
  for (const byte of bytes) crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) | 0;
}

export const CHECKSUM_LEVELS = 25;

/** The documented check string for levels given best-first as [price, size] strings. */
export function checksumString(
  bids: readonly (readonly [string, string])[],
  asks: readonly (readonly [string, string])[],
): string {
  const parts: string[] = [];
  const n = Math.min(CHECKSUM_LEVELS, Math.max(bids.length, asks.length));
  for (let i = 0; i < n; i++) {
    const b = bids[i];
    const a = asks[i];
    if (b) parts.push(b[0], b[1]);
    if (a) parts.push(a[0], a[1]);
  }
  return parts.join(':');
}

export function bookChecksum(
  bids: readonly (readonly [string, string])[],
  asks: readonly (readonly [string, string])[],
): number {
  return crc32Signed(checksumString(bids, asks));
}
