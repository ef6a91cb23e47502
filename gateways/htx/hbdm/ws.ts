// HBDM's notification link (/linear-swap-notification): every frame gzip-compressed; auth with
// {"op":"auth","type":"api",AccessKeyId,SignatureMethod,SignatureVersion:"2",Timestamp,Signature} signed
// like a REST GET of the link's path; topics by {"op":"sub","cid","topic"}; the server's
// {"op":"ping","ts"} answered {"op":"pong","ts"} at once (HTX closes a link that misses them).
import { LogLevel } from '../../../src/core/constant.js';
import { VntError } from '../../../src/core/errors.js';
import type { ProxyAddress } from '../../common/proxy-agent.js';
import { WsClient } from '../../common/ws-client.js';
import { HtxError } from '../client.js';
import { hmacBase64, htxTimestamp, payloadToSign, sortedQuery } from '../sign.js';
import { gunzipText } from '../ws.js';
import type { NotifyMessage } from './types.js';

const AUTH_TIMEOUT_MS = 10_000;

/** The auth request of an HBDM notification link (Signature Version 2 over GET host path). */
export function notifyAuth(
  host: string,
  path: string,
  accessKey: string,
  secret: string,
  now: number,
): Record<string, string> {
  const base = {
    AccessKeyId: accessKey,
    SignatureMethod: 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: htxTimestamp(now),
  };
  const Signature = hmacBase64(secret, payloadToSign('GET', host, path, sortedQuery(base)));
  return { op: 'auth', type: 'api', ...base, Signature };
}

export interface NotifyLinkOptions {
  name: string;
  url: string;
  proxy?: ProxyAddress;
  silenceMs: number;
  accessKey: string;
  secret: string;
  now: () => number;
  onPush: (msg: NotifyMessage) => void;
  onReconnect?: () => Promise<void> | void;
  onStatus?: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

export function notifyLink(o: NotifyLinkOptions): WsClient {
  let authWaiter: ((m: NotifyMessage) => void) | undefined;
  let cid = 0;
  const url = new URL(o.url);
  const client: WsClient = new WsClient({
    name: o.name,
    url: () => o.url,
    silenceMs: o.silenceMs,
    ...(o.proxy ? { proxy: o.proxy } : {}),
    decode: gunzipText,
    subscribeMessage: (topics) => JSON.stringify({ op: 'sub', cid: `vnt${++cid}`, topic: topics[0] }),
    maxTopicsPerMessage: 1,
    onOpen: async (c) => {
      const reply = await new Promise<NotifyMessage>((resolve, reject) => {
        const timer = setTimeout(() => {
          authWaiter = undefined;
          reject(new VntError(`${o.name}: no answer to auth within ${AUTH_TIMEOUT_MS} ms`));
        }, AUTH_TIMEOUT_MS);
        authWaiter = (m) => {
          clearTimeout(timer);
          authWaiter = undefined;
          resolve(m);
        };
        const auth = notifyAuth(url.host, url.pathname, o.accessKey, o.secret, o.now());
        if (!c.send(JSON.stringify(auth))) {
          clearTimeout(timer);
          authWaiter = undefined;
          reject(new VntError(`${o.name}: link closed before auth`));
        }
      });
      if (reply['err-code'] !== 0)
        throw new HtxError(String(reply['err-code'] ?? ''), `auth refused: ${reply['err-msg'] ?? ''}`);
    },
    onMessage: (text) => {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new VntError('not a JSON object');
      const msg = value as NotifyMessage;
      switch (msg.op) {
        case 'ping':
          client.send(JSON.stringify({ op: 'pong', ts: msg.ts }));
          return;
        case 'auth':
          if (authWaiter) authWaiter(msg);
          return;
        case 'sub':
          if (msg['err-code'] !== 0)
            o.log(
              `${o.name}: HTX refused ${msg.topic ?? '?'}: ${msg['err-code']} ${msg['err-msg'] ?? ''}`,
              LogLevel.ERROR,
            );
          return;
        case 'notify':
          o.onPush(msg);
          return;
        case 'close':
        case 'error':
          o.log(`${o.name}: HTX says ${msg.op}: ${msg['err-msg'] ?? ''}`, LogLevel.WARNING);
          return;
        default:
          return;
      }
    },
    onReconnect: o.onReconnect,
    onStatus: o.onStatus,
    log: o.log,
  });
  return client;
}
