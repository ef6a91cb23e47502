// Private streams. Spot: the WebSocket API, subscribed with userDataStream.subscribe.signature (the spot
// listenKey stream was retired in February 2026); events arrive as {subscriptionId, event}. USD-M: a listenKey
// stream, the key created (or re-fetched) before every connection and kept alive every 30 minutes.
import { LogLevel } from '../../src/core/constant.js';
import { VntError } from '../../src/core/errors.js';
import { PendingRequests } from '../common/pending.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import type { RestClient } from '../common/rest-client.js';
import { WsClient } from '../common/ws-client.js';
import { signWsParams } from './sign.js';
import { userStreamUrl } from './urls.js';
import type { VenueError } from './types.js';

export interface UserStreamOptions {
  gatewayName: string;
  rest: RestClient;
  apiKey: string;
  secret: string;
  proxy?: ProxyAddress;
  /** Re-measures the server clock; run before signing after a reconnect (a long-lived offset drifts). */
  syncTime: () => Promise<unknown>;
  onEvent: (event: { e?: string }) => void;
  onReconnect: () => Promise<void>;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

interface WsApiReply {
  id?: string;
  status?: number;
  result?: unknown;
  error?: VenueError;
}

/** The venue's refusal of a WS API request, with its code. */
export class WsApiError extends VntError {
  constructor(
    readonly code: number,
    readonly venueMsg: string,
  ) {
    super(`${venueMsg} (code ${code})`);
  }
}

/** Parses a user-data message; anything but a JSON object is refused (the WsClient logs and skips it). */
function jsonObject(text: string): object {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new VntError('not a JSON object');
  return value;
}

export function spotUserStream(url: string, o: UserStreamOptions): WsClient {
  const pending = new PendingRequests<WsApiReply>(10_000);
  const client: WsClient = new WsClient({
    name: `${o.gatewayName} user data`,
    url: () => url,
    silenceMs: 60_000,
    ...(o.proxy ? { proxy: o.proxy } : {}),
    onOpen: async (c) => {
      if (c.connectionCount > 0) await o.syncTime();
      const params = signWsParams({}, o.apiKey, o.secret, o.rest.now());
      const reply = await pending.request('userDataStream.subscribe.signature', (id) =>
        c.send(JSON.stringify({ id, method: 'userDataStream.subscribe.signature', params })),
      );
      if (reply.error) throw new WsApiError(reply.error.code, reply.error.msg);
    },
    onMessage: (text) => {
      const msg = jsonObject(text) as WsApiReply & { subscriptionId?: number; event?: unknown };
      if (msg.event !== undefined) {
        if (typeof msg.event !== 'object' || msg.event === null)
          throw new VntError('the event is not an object');
        const event = msg.event as { e?: string };
        if (event.e === 'eventStreamTerminated') client.drop();
        else o.onEvent(event);
      } else if (msg.id !== undefined && msg.id !== null) {
        pending.resolve(String(msg.id), msg);
      }
    },
    onReconnect: o.onReconnect,
    onStatus: (up, reason) => {
      if (!up) pending.rejectAll(`user data link lost: ${reason}`);
      o.onStatus(up, reason);
    },
    log: o.log,
  });
  return client;
}

export interface FuturesUserStreamOptions extends UserStreamOptions {
  /** How often the listenKey is extended (Binance: valid 60 minutes, extend every 30). */
  keepAliveMs: number;
}

export interface FuturesUserStream {
  client: WsClient;
  stop(): void;
}

export function futuresUserStream(urlTemplate: string, o: FuturesUserStreamOptions): FuturesUserStream {
  const createKey = async () =>
    (
      await o.rest.request<{ listenKey: string }>({
        method: 'POST',
        path: '/fapi/v1/listenKey',
        signed: false,
        idempotent: true,
      })
    ).listenKey;
  const client: WsClient = new WsClient({
    name: `${o.gatewayName} user data`,
    // A fresh (or re-fetched) key before every connection: after -1125 or listenKeyExpired the old one is gone.
    url: async () => userStreamUrl(urlTemplate, await createKey()),
    silenceMs: 10 * 60_000,
    ...(o.proxy ? { proxy: o.proxy } : {}),
    onMessage: (text) => {
      const event = jsonObject(text) as { e?: string };
      if (event.e === 'listenKeyExpired') client.drop();
      else o.onEvent(event);
    },
    onReconnect: o.onReconnect,
    onStatus: o.onStatus,
    log: o.log,
  });
  const keepAlive = setInterval(() => {
    o.rest
      .request({ method: 'PUT', path: '/fapi/v1/listenKey', idempotent: true })
      .catch((error: unknown) => {
        // -1125 (the key no longer exists) or a failure: a new key and connection, then a reconcile.
        o.log(
          `listenKey keep-alive failed (${error instanceof Error ? error.message : String(error)}); reconnecting`,
          LogLevel.WARNING,
        );
        client.drop();
      });
  }, o.keepAliveMs);
  return { client, stop: () => clearInterval(keepAlive) };
}
