// One OKX WebSocket (public, private or business) on the shared WsClient: the text heartbeat 'ping' →
// 'pong' (OKX closes a link after 30 s without data, docs-v5 "Connect"), login on every open of a private
// link (a fresh timestamp each time: the login expires 30 s after it), subscriptions as JSON channel
// arguments restored after every reconnect, and the 64008 notice (service upgrade within 60 s) answered by
// moving to a new connection at once.
import { LogLevel } from '../../src/core/constant.js';
import { VntError } from '../../src/core/errors.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { WsClient } from '../common/ws-client.js';
import { OkxError } from './client.js';
import { loginArgs } from './sign.js';
import type { Arg, WsMessage } from './types.js';

export interface LoginCredentials {
  apiKey: string;
  secret: string;
  passphrase: string;
  /** The venue's clock in ms. */
  now: () => number;
  /** Runs before every login after the first (re-measure the clock). */
  beforeRelogin?: () => Promise<unknown>;
}

export interface OkxLinkOptions {
  name: string;
  url: string;
  proxy?: ProxyAddress;
  /** Text ping interval; under 30 s (OKX closes silent links at 30 s). */
  heartbeatMs: number;
  login?: LoginCredentials;
  onPush: (msg: WsMessage) => void;
  onReconnect?: () => Promise<void> | void;
  onStatus?: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

export const UPGRADE_NOTICE = '64008';
const LOGIN_TIMEOUT_MS = 10_000;

/** The subscription key of a channel argument (the WsClient keeps topics as strings). */
export function topicOf(arg: Arg): string {
  return JSON.stringify(arg);
}

export function okxLink(o: OkxLinkOptions): WsClient {
  let loginWaiter: ((m: WsMessage) => void) | undefined;
  let opened = 0;
  const client: WsClient = new WsClient({
    name: o.name,
    url: () => o.url,
    textPing: 'ping',
    pingIntervalMs: o.heartbeatMs,
    // Nothing at all, not even our pings' pongs, for longer than OKX itself allows: the link is dead.
    silenceMs: Math.max(o.heartbeatMs * 2, 1),
    ...(o.proxy ? { proxy: o.proxy } : {}),
    subscribeMessage: (topics) =>
      JSON.stringify({ op: 'subscribe', args: topics.map((t) => JSON.parse(t) as Arg) }),
    // OKX: all channels of one request together under 64 KB.
    maxTopicsPerMessage: 50,
    onOpen: async (c) => {
      opened += 1;
      const login = o.login;
      if (!login) return;
      if (opened > 1) await login.beforeRelogin?.();
      const reply = await new Promise<WsMessage>((resolve, reject) => {
        const timer = setTimeout(() => {
          loginWaiter = undefined;
          reject(new VntError(`${o.name}: no answer to login within ${LOGIN_TIMEOUT_MS} ms`));
        }, LOGIN_TIMEOUT_MS);
        loginWaiter = (m) => {
          clearTimeout(timer);
          loginWaiter = undefined;
          resolve(m);
        };
        const args = loginArgs(login.apiKey, login.secret, login.passphrase, login.now());
        if (!c.send(JSON.stringify({ op: 'login', args: [args] }))) {
          clearTimeout(timer);
          loginWaiter = undefined;
          reject(new VntError(`${o.name}: link closed before login`));
        }
      });
      if (reply.event !== 'login' || reply.code !== '0') {
        throw new OkxError(String(reply.code ?? ''), `login refused: ${String(reply.msg ?? '')}`);
      }
    },
    onMessage: (text) => {
      if (text === 'pong') return;
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new VntError('not a JSON object');
      const msg = value as WsMessage;
      if (msg.event !== undefined) {
        onEvent(msg);
        return;
      }
      if (msg.arg && Array.isArray(msg.data)) o.onPush(msg);
    },
    onReconnect: o.onReconnect,
    onStatus: o.onStatus,
    log: o.log,
  });

  function onEvent(msg: WsMessage): void {
    if (loginWaiter && (msg.event === 'login' || msg.event === 'error')) {
      loginWaiter(msg);
      return;
    }
    switch (msg.event) {
      case 'notice':
        if (msg.code === UPGRADE_NOTICE) {
          o.log(
            `${o.name}: OKX announced a service upgrade (64008); moving to a new connection`,
            LogLevel.INFO,
          );
          client.drop();
        } else {
          o.log(`${o.name}: notice ${String(msg.code)}: ${String(msg.msg ?? '')}`, LogLevel.INFO);
        }
        break;
      case 'error':
        o.log(`${o.name}: OKX error ${String(msg.code)}: ${String(msg.msg ?? '')}`, LogLevel.WARNING);
        break;
      case 'channel-conn-count-error':
        o.log(
          `${o.name}: OKX refused a subscription: too many connections to ${msg.arg?.channel ?? '?'}`,
          LogLevel.ERROR,
        );
        break;
      default:
        break;
    }
  }
  return client;
}
