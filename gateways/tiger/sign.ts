// Tiger's request signature: every envelope field but `sign`, sorted by key, joined as k=v with '&' (values
// that are not strings JSON-encoded), signed with RSA-SHA1 (PKCS#1 v1.5) by the developer's private key and
// base64-encoded. The push CONNECT carries the same signature over the tiger id alone. Tiger signs its
// reply's envelope by the request's timestamp with its own key, which the gateway checks where configured.
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { VntError } from '../../src/core/errors.js';

export function signContent(params: Readonly<Record<string, unknown>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== null)
    .sort()
    .map((k) => {
      const v = params[k];
      return `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    })
    .join('&');
}

export function rsaSign(key: KeyObject, content: string): string {
  return crypto.sign('sha1', Buffer.from(content, 'utf8'), key).toString('base64');
}

export function rsaVerify(key: KeyObject, content: string, signature: string): boolean {
  try {
    return crypto.verify('sha1', Buffer.from(content, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The key text itself, or the contents of the file it names (Tiger hands keys out as files or as text). */
function keyText(text: string): string {
  const t = text.trim();
  if (t.includes('-----BEGIN') || t.length > 1024 || t.includes('\n')) return t;
  return t !== '' && fs.existsSync(t) ? fs.readFileSync(t, 'utf8') : t;
}

/**
 * The developer's private key from a PEM block, the PKCS#1 body without markers (as Tiger's developer page
 * shows it), a PKCS#8 body, or a path to a file holding any of these. The error never echoes the key.
 */
export function loadPrivateKey(text: string): KeyObject {
  const t = keyText(text);
  if (!t) throw new VntError('a private key is required');
  try {
    if (t.includes('-----BEGIN')) return crypto.createPrivateKey(t);
    const der = Buffer.from(t.replace(/\s+/g, ''), 'base64');
    try {
      return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
    } catch {
      return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    }
  } catch {
    throw new VntError(
      'the private key is not an RSA private key (expected the PKCS#1 key text from Tiger, or a file with it)',
    );
  }
}

/** Tiger's public key (SubjectPublicKeyInfo) from PEM, the body without markers, or a file. */
export function loadPublicKey(text: string): KeyObject {
  const t = keyText(text);
  try {
    if (t.includes('-----BEGIN')) return crypto.createPublicKey(t);
    return crypto.createPublicKey({
      key: Buffer.from(t.replace(/\s+/g, ''), 'base64'),
      format: 'der',
      type: 'spki',
    });
  } catch {
    throw new VntError("Tiger's public key is not an RSA public key (expected the key text or a file)");
  }
}

/** The envelope's timestamp: local wall-clock time "YYYY-MM-DD HH:MM:SS", as Tiger's SDKs send it. */
export function tigerTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
  );
}

/** Parses an envelope timestamp back to epoch ms (local time); NaN when it is not one. */
export function parseTigerTimestamp(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi, s).getTime();
}

/**
 * JSON text with integers too long for a double (Tiger's order and transaction ids, about 4e16) turned into
 * strings, so JSON.parse keeps every digit. Walks the text, so digits inside strings are left alone.
 */
export function quoteBigIntegers(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 45) {
      let j = i + (c === 45 ? 1 : 0);
      while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const digits = j - i - (c === 45 ? 1 : 0);
      const next = text.charCodeAt(j);
      if (next === 46 || next === 101 || next === 69) {
        // '.', 'e', 'E': a fraction or exponent, so not an id; skip the rest of the number.
        while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++;
      } else if (digits >= 16 && !Number.isSafeInteger(Number(text.slice(i, j)))) {
        out += text.slice(last, i) + '"' + text.slice(i, j) + '"';
        last = j;
      }
      i = j - 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
