// Bitfinex v2 authentication (docs.bitfinex.com/docs/rest-auth and /docs/ws-auth): HMAC-SHA384, hex.
// REST signs "/api/" + path + nonce + body, where path is "v2/auth/..." and body the exact JSON sent;
// the WebSocket auth event signs "AUTH" + nonce.
import { createHmac } from 'node:crypto';

export function hmacSha384Hex(secret: string, payload: string): string {
  return createHmac('sha384', secret).update(payload, 'utf8').digest('hex');
}

/** The text a REST request signs; `path` is relative to the API root ("v2/auth/r/wallets"). */
export function restSignaturePayload(path: string, nonce: string, body: string): string {
  return `/api/${path.replace(/^\/+/, '')}${nonce}${body}`;
}

export interface RestAuthHeaders {
  'bfx-nonce': string;
  'bfx-apikey': string;
  'bfx-signature': string;
  [name: string]: string;
}

export function restAuthHeaders(
  apiKey: string,
  secret: string,
  path: string,
  nonce: string,
  body: string,
): RestAuthHeaders {
  return {
    'bfx-nonce': nonce,
    'bfx-apikey': apiKey,
    'bfx-signature': hmacSha384Hex(secret, restSignaturePayload(path, nonce, body)),
  };
}

export interface WsAuthEvent {
  event: 'auth';
  apiKey: string;
  authSig: string;
  authNonce: string;
  authPayload: string;
  /** 4: cancel every order of this session when the connection closes ("dead man switch"). */
  dms?: 4;
  filter?: string[];
}

export function wsAuthEvent(apiKey: string, secret: string, nonce: string, dms: boolean): WsAuthEvent {
  const authPayload = `AUTH${nonce}`;
  return {
    event: 'auth',
    apiKey,
    authSig: hmacSha384Hex(secret, authPayload),
    authNonce: nonce,
    authPayload,
    ...(dms ? { dms: 4 as const } : {}),
  };
}
