// The trading stream (wss://…/stream): authenticate, listen to trade_updates, and hand each update to the
// gateway. Paper sends binary frames holding JSON text; the WsClient decodes either kind of frame to text.
// Alpaca does not replay what was missed while the link was down, so every reconnect ends in the gateway's
// reconcile (REST orders, fills and positions).
import { LogLevel } from '../../src/core/constant.js';
import { VntError } from '../../src/core/errors.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { WsClient } from '../common/ws-client.js';
import { ControlWaiter } from './control.js';

type Control =
  | { stream: 'authorization'; data: { status?: unknown; action?: unknown } }
  | { stream: 'listening'; data: { streams?: unknown } };

export interface TradeStreamOptions {
  gatewayName: string;
  url: string;
  key: string;
  secret: string;
  proxy?: ProxyAddress;
  loginTimeoutMs?: number;
  silenceMs?: number;
  /** A trade_updates payload (the `data` member), not yet shape-checked. */
  onUpdate: (data: unknown) => void;
  onReconnect: () => Promise<void>;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

export function tradeStream(o: TradeStreamOptions): WsClient {
  const control = new ControlWaiter<Control>();
  let client: WsClient;
  const login = async (): Promise<void> => {
    const timeout = o.loginTimeoutMs ?? 10_000;
    control.clearEarly();
    client.send(JSON.stringify({ action: 'authenticate', data: { key_id: o.key, secret_key: o.secret } }));
    const auth = await control.wait(
      'answer to the trading stream login',
      (m) => m.stream === 'authorization',
      timeout,
    );
    if ((auth.data as { status?: unknown }).status !== 'authorized') {
      throw new VntError(
        'Alpaca refused the trading stream login (unauthorized): check the KEY ID and Secret Key, and that ' +
          'they belong to the chosen server (paper keys do not work on REAL, nor live keys on PAPER)',
      );
    }
    client.send(JSON.stringify({ action: 'listen', data: { streams: ['trade_updates'] } }));
    const listening = await control.wait(
      'listen acknowledgement',
      (m) => m.stream !== 'authorization' || (m.data as { action?: unknown }).action === 'listen',
      timeout,
    );
    if (listening.stream === 'authorization') throw new VntError('Alpaca refused to listen: not authorized');
    const streams = (listening.data as { streams?: unknown }).streams;
    if (!Array.isArray(streams) || !streams.includes('trade_updates')) {
      throw new VntError(
        `Alpaca did not grant the trade_updates stream (listening to ${JSON.stringify(streams)})`,
      );
    }
  };
  client = new WsClient({
    name: `${o.gatewayName} trading stream`,
    url: () => o.url,
    silenceMs: o.silenceMs ?? 60_000,
    ...(o.proxy ? { proxy: o.proxy } : {}),
    onOpen: () => login(),
    onMessage: (text) => {
      let m: unknown;
      try {
        m = JSON.parse(text);
      } catch {
        throw new VntError('not JSON');
      }
      const rec = m as { stream?: unknown; data?: unknown };
      if (typeof m !== 'object' || m === null || typeof rec.data !== 'object' || rec.data === null) {
        throw new VntError('not a stream message');
      }
      if (rec.stream === 'trade_updates') o.onUpdate(rec.data);
      else if (rec.stream === 'authorization' || rec.stream === 'listening') control.offer(m as Control);
      else throw new VntError(`unknown stream ${JSON.stringify(rec.stream)}`);
    },
    onReconnect: () => o.onReconnect(),
    onStatus: (up, reason) => o.onStatus(up, reason),
    log: o.log,
  });
  return client;
}
