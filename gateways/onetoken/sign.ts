// 1Token's request signature: hex(HMAC_SHA256(ot_secret, VERB + path + nonce + body)), sent with Api-Nonce
// and Api-Key. `path` is relative to /api/v1/trade (`/huobip/zannb/orders`, no query) and `body` is the exact
// JSON sent ('' without one). The private WebSocket signs `/ws/{account}` — 1Token's documented historical
// quirk — not the URL's path.
import { createHmac } from 'node:crypto';

export function sign(secret: string, verb: string, path: string, nonce: string, body: string): string {
  return createHmac('sha256', secret)
    .update(verb.toUpperCase() + path + nonce + body)
    .digest('hex');
}

export interface AuthHeaders {
  'Api-Nonce': string;
  'Api-Key': string;
  'Api-Signature': string;
  [name: string]: string;
}

export function authHeaders(
  key: string,
  secret: string,
  verb: string,
  path: string,
  nonce: string,
  body: string,
): AuthHeaders {
  return { 'Api-Nonce': nonce, 'Api-Key': key, 'Api-Signature': sign(secret, verb, path, nonce, body) };
}

/**
 * Nonces in microseconds that only increase, also when two requests fall in one microsecond or the clock
 * steps back: 1Token refuses a nonce that is not larger than the last one it saw for the key.
 */
export class NonceSource {
  private last = 0;

  constructor(private readonly clockUs: () => number = wallClockUs) {}

  next(): string {
    const now = Math.floor(this.clockUs());
    this.last = now > this.last ? now : this.last + 1;
    return String(this.last);
  }
}

const origin = Date.now() * 1000 - Number(process.hrtime.bigint() / 1000n);

/** Wall-clock microseconds with the monotonic clock's resolution. */
function wallClockUs(): number {
  return origin + Number(process.hrtime.bigint() / 1000n);
}

/**
 * One nonce source for the whole process: two ONETOKEN gateways with one OT key (two accounts) must not hand
 * 1Token the same or a smaller nonce.
 */
export const processNonces = new NonceSource();
