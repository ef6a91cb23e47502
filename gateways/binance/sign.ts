// Binance's two signing schemes (HMAC-SHA256, hex). REST signs the percent-encoded query exactly as sent;
// the WebSocket API signs its params sorted by name, joined as k=v with '&' and not percent-encoded.
import { createHmac } from 'node:crypto';
import { encodeParams, type Params } from '../common/rest-client.js';

export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

/** The REST query with its signature appended. */
export function signedQuery(params: Params, secret: string): string {
  const query = encodeParams(params);
  return `${query}&signature=${hmacHex(secret, query)}`;
}

/** The text the WS API signs: every param but signature, sorted by name, k=v joined by '&'. */
export function wsApiPayload(params: Params): string {
  return Object.keys(params)
    .filter((k) => k !== 'signature' && params[k] !== undefined)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
}

/** WS API params with apiKey, timestamp and signature added. */
export function signWsParams(params: Params, apiKey: string, secret: string, timestamp: number): Params {
  const full: Params = { ...params, apiKey, timestamp };
  return { ...full, signature: hmacHex(secret, wsApiPayload(full)) };
}
