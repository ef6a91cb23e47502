// HTX's two kinds of WebSocket on the shared WsClient. Market links (/ws): every frame is gzip-compressed,
// the server sends {"ping":n} every 5 s and closes the link after two unanswered pings, so each is answered
// {"pong":n} at once ("Market Data / Heartbeat", huobiapi.github.io/docs/spot/v1/en/#websocket-market-data).
// The spot private link (/ws/v2) is plain JSON: auth with signatureVersion 2.1 on every open, then
// {"action":"sub","ch":...}; the server's {"action":"ping"} is answered {"action":"pong"} with the same ts.
import { gunzipSync } from 'node:zlib';
import { LogLevel } from '../../src/core/constant.js';
import { VntError } from '../../src/core/errors.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { WsClient } from '../common/ws-client.js';
import { HtxError } from './client.js';
import { v2AuthParams } from './sign.js';
import type { MarketPush, V2Message } from './types.js';

const AUTH_TIMEOUT_MS = 10_000;

interface LinkBase {
  name: string;
  url: string;
  proxy?: ProxyAddress;
  /** HTX pings every 5 s: nothing heard for this long means the link is dead. */
  silenceMs: number;
  onReconnect?: () => Promise<void> | void;
  onStatus?: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

export interface MarketLinkOptions extends LinkBase {
  onPush: (msg: MarketPush<unknown>) => void;
}

export function gunzipText(data: Buffer): string {
  // A text frame (the simulator's raw lever, a proxy that inflates) is taken as it is.
  return data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data).toString('utf8') : data.toString('utf8');
}

function asObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new VntError('not a JSON object');
  return value as Record<string, unknown>;
}

export function marketLink(o: MarketLinkOptions): WsClient {
  let seq = 0;
  const client: WsClient = new WsClient({
    name: o.name,
    url: () => o.url,
    silenceMs: o.silenceMs,
    ...(o.proxy ? { proxy: o.proxy } : {}),
    decode: gunzipText,
    subscribeMessage: (topics) => JSON.stringify({ sub: topics[0], id: `vnt${++seq}` }),
    maxTopicsPerMessage: 1,
    onMessage: (text) => {
      const msg = asObject(text);
      if (typeof msg.ping === 'number') {
        client.send(JSON.stringify({ pong: msg.ping }));
        return;
      }
      if (typeof msg.ch === 'string' && msg.tick !== undefined) {
        o.onPush(msg as unknown as MarketPush<unknown>);
        return;
      }
      if (msg.status === 'error')
        o.log(
          `${o.name}: HTX error ${String(msg['err-code'])}: ${String(msg['err-msg'] ?? '')}`,
          LogLevel.WARNING,
        );
    },
    onReconnect: o.onReconnect,
    onStatus: o.onStatus,
    log: o.log,
  });
  return client;
}

export interface PrivateLinkOptions extends LinkBase {
  accessKey: string;
  secret: string;
  /** The venue's clock in ms (the auth timestamp must be within HTX's window). */
  now: () => number;
  onPush: (msg: V2Message) => void;
}

export function privateLink(o: PrivateLinkOptions): WsClient {
  let authWaiter: ((m: V2Message) => void) | undefined;
  const url = new URL(o.url);
  const client: WsClient = new WsClient({
    name: o.name,
    url: () => o.url,
    silenceMs: o.silenceMs,
    ...(o.proxy ? { proxy: o.proxy } : {}),
    subscribeMessage: (topics) => JSON.stringify({ action: 'sub', ch: topics[0] }),
    maxTopicsPerMessage: 1,
    onOpen: async (c) => {
      const reply = await new Promise<V2Message>((resolve, reject) => {
        const timer = setTimeout(() => {
          authWaiter = undefined;
          reject(new VntError(`${o.name}: no answer to auth within ${AUTH_TIMEOUT_MS} ms`));
        }, AUTH_TIMEOUT_MS);
        authWaiter = (m) => {
          clearTimeout(timer);
          authWaiter = undefined;
          resolve(m);
        };
        const params = v2AuthParams(url.host, url.pathname, o.accessKey, o.secret, o.now());
        if (!c.send(JSON.stringify({ action: 'req', ch: 'auth', params }))) {
          clearTimeout(timer);
          authWaiter = undefined;
          reject(new VntError(`${o.name}: link closed before auth`));
        }
      });
      if (reply.code !== 200)
        throw new HtxError(String(reply.code ?? ''), `auth refused: ${reply.message ?? ''}`);
    },
    onMessage: (text) => {
      const msg = asObject(text) as unknown as V2Message;
      switch (msg.action) {
        case 'ping': {
          const ts = (msg.data as { ts?: unknown } | undefined)?.ts;
          client.send(JSON.stringify({ action: 'pong', data: { ts } }));
          return;
        }
        case 'req':
          if (msg.ch === 'auth' && authWaiter) authWaiter(msg);
          return;
        case 'sub':
          if (msg.code !== 200)
            o.log(
              `${o.name}: HTX refused ${msg.ch ?? '?'}: ${msg.code} ${msg.message ?? ''}`,
              LogLevel.ERROR,
            );
          return;
        case 'push':
          o.onPush(msg);
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
