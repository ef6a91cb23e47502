// 1Token's private stream for one account: `${ws}/trade/{exchange}/{account}`, authenticated by signed headers
// on the upgrade (signing `/ws/{account}`, 1Token's documented quirk). It answers
// {"uri":"status","code":"connected"} or {"uri":"auth","code":"fail"}; without headers it says wait-for-jwt
// and closes. After that, sub-info and sub-order each give a snapshot and then updates.
import { LogLevel } from '../../src/core/constant.js';
import { VntError } from '../../src/core/errors.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { WsClient } from '../common/ws-client.js';
import { authHeaders, type NonceSource } from './sign.js';

export interface AccountStreamOptions {
  name: string;
  ws: string;
  ot: string;
  account: string;
  key: string;
  secret: string;
  nonce: NonceSource;
  proxy?: ProxyAddress;
  pingMs: number;
  silenceMs: number;
  onPush: (msg: { uri: string; type?: unknown; data?: unknown }) => void;
  onReconnect: () => Promise<void>;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

export interface AccountStream {
  client: WsClient;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function accountStream(o: AccountStreamOptions): AccountStream {
  let waiting: { resolve: () => void; reject: (e: Error) => void } | undefined;
  // The server speaks first, right after the upgrade: its answer can arrive before onOpen runs.
  let early: 'connected' | Error | undefined;
  const settle = (outcome: 'connected' | Error): void => {
    if (!waiting) early = outcome;
    else if (outcome === 'connected') waiting.resolve();
    else waiting.reject(outcome);
  };
  let ping: NodeJS.Timeout | undefined;
  const client = new WsClient({
    name: `${o.name} account`,
    url: () => `${o.ws}/trade/${o.ot}/${encodeURIComponent(o.account)}`,
    headers: () => {
      early = undefined;
      const nonce = o.nonce.next();
      return authHeaders(o.key, o.secret, 'GET', `/ws/${o.account}`, nonce, '');
    },
    silenceMs: o.silenceMs,
    ...(o.proxy ? { proxy: o.proxy } : {}),
    onOpen: (c) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = undefined;
          reject(new VntError(`${o.name}: the account stream did not say "connected"`));
        }, o.silenceMs);
        waiting = {
          resolve: () => {
            clearTimeout(timer);
            waiting = undefined;
            c.send(JSON.stringify({ uri: 'sub-info' }));
            c.send(JSON.stringify({ uri: 'sub-order' }));
            resolve();
          },
          reject: (e) => {
            clearTimeout(timer);
            waiting = undefined;
            reject(e);
          },
        };
        if (early !== undefined) settle(early);
      }),
    onMessage: (text) => {
      const msg = JSON.parse(text) as { uri?: unknown; code?: unknown; message?: unknown; status?: unknown };
      if (typeof msg.uri !== 'string') return;
      switch (msg.uri) {
        case 'status':
          if (msg.code === 'connected') settle('connected');
          else o.log(`${o.name}: account stream status ${String(msg.code)}`, LogLevel.WARNING);
          return;
        case 'auth':
          // Never the message text verbatim in an error: it is 1Token's, but keep it short and plain.
          settle(
            new VntError(
              `1Token refused the account stream login (${String(msg.code)}${msg.message ? `: ${readable(msg.message)}` : ''}); check the OT key, secret and account`,
            ),
          );
          return;
        case 'wait-for-jwt':
          settle(new VntError('1Token asked for credentials on the account stream (wait-for-jwt)'));
          return;
        case 'pong':
        case 'sub-info':
        case 'sub-order':
          if (msg.status === 'fail' || (msg.code !== undefined && msg.code !== 'success')) {
            o.log(`${o.name}: ${msg.uri} failed: ${text.slice(0, 200)}`, LogLevel.WARNING);
          }
          return;
        default:
          if (msg.status === 'fail') {
            // 1Token: the venue's own push is unstable; the REST reconcile after reconnect covers it.
            o.log(`${o.name}: 1Token reports its ${msg.uri} feed failed`, LogLevel.WARNING);
            return;
          }
          o.onPush(msg as { uri: string });
      }
    },
    onReconnect: o.onReconnect,
    onStatus: o.onStatus,
    log: o.log,
  });
  return {
    client,
    start: async () => {
      ping = setInterval(() => client.send('{"uri":"ping"}'), o.pingMs);
      try {
        await client.start();
      } catch (error) {
        clearInterval(ping);
        throw error;
      }
    },
    close: async () => {
      if (ping) clearInterval(ping);
      await client.close();
    },
  };
}

/** 1Token's reason, which may be a text or a {code, message} object, as one short line. */
function readable(reason: unknown): string {
  let text: string;
  if (typeof reason === 'string') text = reason;
  else if (reason && typeof reason === 'object') {
    const r = reason as { code?: unknown; message?: unknown };
    text =
      typeof r.code === 'string' && typeof r.message === 'string'
        ? `${r.code}: ${r.message}`
        : JSON.stringify(reason);
  } else text = String(reason);
  return text.slice(0, 120);
}
