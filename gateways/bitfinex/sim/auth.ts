// The simulator's checks on authenticated requests, as Bitfinex makes them: the key, the HMAC-SHA384
// signature over "/api/" + path + nonce + body (or "AUTH" + nonce on the WebSocket), and a nonce strictly
// above the last one accepted for the key (one counter shared by REST and WebSocket logins).
import { timingSafeEqual } from 'node:crypto';
import { hmacSha384Hex, restSignaturePayload } from '../sign.js';
import { ERR } from './wire.js';

export interface Credentials {
  apiKey: string;
  secret: string;
}

export type AuthError = readonly [number, string];

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

export class NonceBook {
  private last = 0;
  /** Nonces refused as not increasing, for tests. */
  refused = 0;

  accept(nonce: string): boolean {
    const n = Number(nonce);
    if (!/^\d{1,16}$/.test(nonce) || !(n > this.last)) {
      this.refused += 1;
      return false;
    }
    this.last = n;
    return true;
  }
}

export function checkRest(
  creds: Credentials,
  nonces: NonceBook,
  path: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): AuthError | undefined {
  const key = headers['bfx-apikey'];
  const nonce = headers['bfx-nonce'];
  const sig = headers['bfx-signature'];
  if (typeof key !== 'string' || key !== creds.apiKey) return ERR.apiKey;
  if (typeof nonce !== 'string' || typeof sig !== 'string') return ERR.digest;
  const expected = hmacSha384Hex(creds.secret, restSignaturePayload(path, nonce, rawBody));
  if (!sameHex(sig, expected)) return ERR.digest;
  if (!nonces.accept(nonce)) return ERR.nonce;
  return undefined;
}

export function checkWsAuth(
  creds: Credentials,
  nonces: NonceBook,
  e: Record<string, unknown>,
): AuthError | undefined {
  if (e.apiKey !== creds.apiKey) return ERR.apiKey;
  const nonce = String(e.authNonce ?? '');
  const payload = String(e.authPayload ?? '');
  if (payload !== `AUTH${nonce}` || typeof e.authSig !== 'string') return [10111, 'auth: payload invalid'];
  if (!sameHex(e.authSig, hmacSha384Hex(creds.secret, payload))) return [10112, 'auth: invalid signature'];
  if (!nonces.accept(nonce)) return ERR.nonce;
  return undefined;
}
