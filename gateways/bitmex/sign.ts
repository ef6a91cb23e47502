// BitMEX request signing (bitmex.com/app/apiKeysUsage, "Authenticating with an API Key"):
// api-signature = hex(HMAC_SHA256(secret, verb + path + expires + data)), where path is the URL path from
// /api/v1 on, with the query string exactly as sent, and data is the exact raw body. The realtime API signs
// "GET/realtime" + expires for its authKeyExpires operation.
import { createHmac } from 'node:crypto';

export function signature(secret: string, verb: string, path: string, expires: number, body: string): string {
  return createHmac('sha256', secret)
    .update(verb + path + String(expires) + body)
    .digest('hex');
}

export interface SignedHeaders {
  'api-key': string;
  'api-expires': string;
  'api-signature': string;
}

export function signedHeaders(
  key: string,
  secret: string,
  verb: string,
  path: string,
  expires: number,
  body: string,
): SignedHeaders {
  return {
    'api-key': key,
    'api-expires': String(expires),
    'api-signature': signature(secret, verb, path, expires, body),
  };
}

/** The args of {"op":"authKeyExpires","args":[key, expires, signature]}. */
export function wsAuthArgs(key: string, secret: string, expires: number): [string, number, string] {
  return [key, expires, signature(secret, 'GET', '/realtime', expires, '')];
}
