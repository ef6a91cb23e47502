// The simulator's checks on SIGNED requests, in Binance's order: API key, timestamp window, signature.
import { timingSafeEqual } from 'node:crypto';
import { hmacHex, wsApiPayload } from '../sign.js';
import type { Params } from '../../common/rest-client.js';
import type { VenueError } from '../types.js';
import { ERR, missing } from './wire.js';

export interface Credentials {
  apiKey: string;
  secret: string;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

export function checkTimestamp(params: Params, serverNow: number): VenueError | undefined {
  if (params.timestamp === undefined || params.timestamp === '') return missing('timestamp');
  const ts = Number(params.timestamp);
  const windowMs = params.recvWindow === undefined ? 5000 : Number(params.recvWindow);
  if (!Number.isFinite(ts) || !Number.isFinite(windowMs) || windowMs > 60_000) return ERR.timestamp;
  if (ts >= serverNow + 1000 || serverNow - ts > windowMs) return ERR.timestamp;
  return undefined;
}

/**
 * A REST request: the signature covers the query string (without the signature) followed by the body,
 * exactly as sent.
 */
export function checkRest(
  creds: Credentials,
  apiKeyHeader: string | undefined,
  rawQuery: string,
  rawBody: string,
  params: Params,
  serverNow: number,
): VenueError | undefined {
  if (apiKeyHeader !== creds.apiKey) return ERR.apiKey;
  const t = checkTimestamp(params, serverNow);
  if (t) return t;
  const signature = params.signature;
  if (typeof signature !== 'string' || signature === '') return missing('signature');
  const strip = (s: string) => s.replace(/(^|&)signature=[^&]*/, '').replace(/^&/, '');
  const payload = strip(rawQuery) + strip(rawBody);
  return sameHex(hmacHex(creds.secret, payload), signature) ? undefined : ERR.signature;
}

/** A WebSocket API request: sorted params, unencoded. */
export function checkWsApi(creds: Credentials, params: Params, serverNow: number): VenueError | undefined {
  if (params.apiKey !== creds.apiKey) return ERR.apiKey;
  const t = checkTimestamp(params, serverNow);
  if (t) return t;
  const signature = params.signature;
  if (typeof signature !== 'string' || signature === '') return missing('signature');
  return sameHex(hmacHex(creds.secret, wsApiPayload(params)), signature) ? undefined : ERR.signature;
}
