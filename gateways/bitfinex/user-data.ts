// The authenticated WebSocket (docs.bitfinex.com/docs/ws-auth): after the `auth` event is answered OK, all of
// the account's data arrives on channel 0 — snapshots (os, ps, ws) and then updates (on/ou/oc, te/tu,
// pn/pu/pc, wu, bu, n). Every (re)connect logs in again with a fresh nonce; the `dms` flag asks Bitfinex to
// cancel this session's orders when the connection drops. `info` 20051 and the end of maintenance reconnect,
// which logs in again and reconciles.
import { LogLevel } from '../../src/core/constant.js';
import { VntError } from '../../src/core/errors.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { WsClient } from '../common/ws-client.js';
import { channelFrame, type ChannelFrame } from './frame.js';
import type { NonceSource } from './nonce.js';
import { wsAuthEvent } from './sign.js';
import { HEARTBEAT_SECONDS, INFO_CODE, type Json } from './types.js';

export interface UserDataOptions {
  gatewayName: string;
  url: string;
  apiKey: string;
  secret: string;
  nonces: NonceSource;
  dms: boolean;
  proxy?: ProxyAddress;
  authTimeoutMs?: number;
  onFrame: (f: ChannelFrame) => void;
  onReconnect: () => Promise<void>;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

export class UserData {
  readonly client: WsClient;
  private waiting: { resolve: () => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly o: UserDataOptions) {
    this.client = new WsClient({
      name: `${o.gatewayName} account`,
      url: () => o.url,
      silenceMs: 2 * HEARTBEAT_SECONDS * 1000 + 5000,
      ...(o.proxy ? { proxy: o.proxy } : {}),
      onOpen: () => this.login(),
      onMessage: (text) => this.onMessage(text),
      onReconnect: o.onReconnect,
      onStatus: o.onStatus,
      log: o.log,
    });
  }

  start(): Promise<void> {
    return this.client.start();
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private login(): Promise<void> {
    const event = wsAuthEvent(this.o.apiKey, this.o.secret, this.o.nonces.next(), this.o.dms);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new VntError('Bitfinex did not answer the login (auth event)'));
      }, this.o.authTimeoutMs ?? 10_000);
      this.waiting = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      if (!this.client.send(JSON.stringify(event)))
        this.waiting.reject(new VntError('connection lost before login'));
    });
  }

  private onMessage(text: string): void {
    const msg = JSON.parse(text) as unknown;
    if (!Array.isArray(msg)) {
      this.onEvent(msg as Record<string, Json>);
      return;
    }
    const f = channelFrame(msg);
    if (!f) throw new Error('not a channel message');
    if (f.chanId !== 0 || f.type === 'hb') return;
    this.o.onFrame(f);
  }

  private onEvent(e: Record<string, Json>): void {
    if (e.event === 'auth') {
      const w = this.waiting;
      this.waiting = undefined;
      if (e.status === 'OK') w?.resolve();
      else
        w?.reject(
          new VntError(
            `Bitfinex refused the login: ${String(e.msg ?? 'no reason given')} (code ${String(e.code)}); ` +
              'check the API key and secret and that the key has the permissions needed',
          ),
        );
      return;
    }
    if (e.event === 'info') {
      const code = Number(e.code);
      if (code === INFO_CODE.RECONNECT || code === INFO_CODE.MAINTENANCE_END) {
        this.o.log(`${this.o.gatewayName}: Bitfinex info ${code}; logging in again`, LogLevel.WARNING);
        this.client.drop();
      } else if (code === INFO_CODE.MAINTENANCE_START) {
        this.o.onStatus(false, `Bitfinex maintenance (20060 ${String(e.msg ?? '')})`.trim());
      }
      return;
    }
    if (e.event === 'error') {
      this.o.log(
        `${this.o.gatewayName}: Bitfinex error on the account link: ${String(e.msg)} (code ${String(e.code)})`,
        LogLevel.WARNING,
      );
    }
  }
}
