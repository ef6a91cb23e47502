// OKX v5 signatures (docs-v5 "REST Authentication" and "WebSocket Login"): base64(HMAC-SHA256(secret,
// prehash)). REST: prehash = ISO-8601 timestamp with milliseconds + METHOD + requestPath (with ?query for GET)
// + body. WS login: prehash = Unix seconds + 'GET' + '/users/self/verify'.
import { createHmac } from 'node:crypto';

export function hmacBase64(secret: string, prehash: string): string {
  return createHmac('sha256', secret).update(prehash).digest('base64');
}

/** OK-ACCESS-TIMESTAMP: ISO 8601 in UTC with milliseconds, e.g. 2020-12-08T09:08:57.715Z. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

export function restSignature(
  secret: string,
  timestamp: string,
  method: string,
  requestPath: string,
  body: string,
): string {
  return hmacBase64(secret, timestamp + method.toUpperCase() + requestPath + body);
}

export const WS_VERIFY_PATH = '/users/self/verify';

export interface LoginArgs {
  apiKey: string;
  passphrase: string;
  timestamp: string;
  sign: string;
}

/** The one element of a login op's args; `nowMs` is the venue's clock (the login expires 30 s after it). */
export function loginArgs(apiKey: string, secret: string, passphrase: string, nowMs: number): LoginArgs {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { apiKey, passphrase, timestamp, sign: hmacBase64(secret, timestamp + 'GET' + WS_VERIFY_PATH) };
}
