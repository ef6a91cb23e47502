// The simulator's checks on private REST requests and WebSocket logins, in OKX's order: key, passphrase,
// timestamp (format, then the 30 s window), signature, and the demo-trading environment.
import { timingSafeEqual } from 'node:crypto';
import { WS_VERIFY_PATH, hmacBase64 } from '../sign.js';
import { ERR, type VenueError } from './wire.js';

export interface Credentials {
  apiKey: string;
  secret: string;
  passphrase: string;
}

export const WINDOW_MS = 30_000;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const header = (h: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export function checkRest(
  creds: Credentials,
  demo: boolean,
  headers: Record<string, string | string[] | undefined>,
  method: string,
  requestPath: string,
  body: string,
  serverNow: number,
): VenueError | undefined {
  const key = header(headers, 'ok-access-key');
  if (!key) return ERR.keyEmpty;
  if (key !== creds.apiKey) return ERR.key;
  if (header(headers, 'ok-access-passphrase') !== creds.passphrase) return ERR.passphrase;
  const ts = header(headers, 'ok-access-timestamp') ?? '';
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(ts)) return ERR.timestampFormat;
  if (Math.abs(serverNow - Date.parse(ts)) > WINDOW_MS) return ERR.timestampExpired;
  const sign = header(headers, 'ok-access-sign') ?? '';
  if (!same(hmacBase64(creds.secret, ts + method + requestPath + body), sign)) return ERR.sign;
  if ((header(headers, 'x-simulated-trading') === '1') !== demo) return ERR.environment;
  return undefined;
}

/** WebSocket login errors (docs-v5 "Error Code" › WebSocket): 60005 key, 60024 passphrase, 60004, 60007. */
export function checkLogin(creds: Credentials, arg: unknown, serverNow: number): VenueError | undefined {
  if (typeof arg !== 'object' || arg === null) return { code: '60012', msg: 'Invalid request' };
  const a = arg as Record<string, unknown>;
  if (a.apiKey !== creds.apiKey) return { code: '60005', msg: 'Invalid OK-ACCESS-KEY' };
  if (a.passphrase !== creds.passphrase) return { code: '60024', msg: 'Wrong passphrase' };
  const ts = typeof a.timestamp === 'string' && /^\d+$/.test(a.timestamp) ? Number(a.timestamp) * 1000 : NaN;
  if (!Number.isFinite(ts) || Math.abs(serverNow - ts) > WINDOW_MS)
    return { code: '60004', msg: 'Invalid timestamp' };
  const sign = typeof a.sign === 'string' ? a.sign : '';
  if (!same(hmacBase64(creds.secret, String(a.timestamp) + 'GET' + WS_VERIFY_PATH), sign))
    return { code: '60007', msg: 'Invalid sign' };
  return undefined;
}
