// The BitMEX realtime link (wss://ws.bitmex.com/realtime) on the shared WsClient: waits for the welcome
// message (whose timestamp gives the venue clock), authenticates with authKeyExpires, subscribes with
// {"op":"subscribe","args":[...]}, keeps the link alive with the text "ping" (answered "pong"), and hands
// table frames on. A partial that should be fetched again (a broken book) is asked for by unsubscribing and
// subscribing the one topic.
import { LogLevel } from '../../src/core/constant.js';
import { VntError, quoteValue } from '../../src/core/errors.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { WsClient } from '../common/ws-client.js';
import { wsAuthArgs } from './sign.js';
import { tableProblem } from './shape.js';
import type { TableMessage } from './types.js';

export interface RealtimeOptions {
  name: string;
  url: string;
  key: string;
  secret: string;
  proxy?: ProxyAddress;
  /** The venue's clock (ms) from the welcome message, for signing. */
  onServerTime: (venueMs: number) => void;
  /** Venue clock now (local clock plus the measured offset), for authKeyExpires. */
  now: () => number;
  onTable: (msg: TableMessage) => void;
  onReconnect: () => Promise<void>;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
  silenceMs?: number;
  pingIntervalMs?: number;
  replyTimeoutMs?: number;
}

/** How long an authKeyExpires signature stays valid. */
const AUTH_EXPIRES_S = 30;

export class Realtime {
  readonly client: WsClient;
  private welcome: (() => void) | undefined;
  /** The welcome can arrive before onOpen runs (same turn as the upgrade); it is remembered until used. */
  private welcomed = false;
  private auth: ((error?: Error) => void) | undefined;

  constructor(private readonly o: RealtimeOptions) {
    this.client = new WsClient({
      name: o.name,
      url: () => o.url,
      silenceMs: o.silenceMs ?? 15_000,
      pingIntervalMs: o.pingIntervalMs ?? 5_000,
      textPing: 'ping',
      ...(o.proxy ? { proxy: o.proxy } : {}),
      onOpen: () => this.login(),
      subscribeMessage: (topics) => JSON.stringify({ op: 'subscribe', args: topics }),
      maxTopicsPerMessage: 20,
      onMessage: (text) => this.onMessage(text),
      onReconnect: () => o.onReconnect(),
      onStatus: (up, reason) => o.onStatus(up, reason),
      log: (msg, level) => o.log(msg, level),
    });
  }

  start(topics: readonly string[]): Promise<void> {
    this.client.subscribe(topics);
    return this.client.start();
  }

  subscribe(topics: readonly string[]): void {
    this.client.subscribe(topics);
  }

  /** Asks BitMEX for a fresh partial of one topic. */
  refetch(topic: string): void {
    this.client.send(JSON.stringify({ op: 'unsubscribe', args: [topic] }));
    this.client.send(JSON.stringify({ op: 'subscribe', args: [topic] }));
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** Handles a frame as if it had arrived on the link (benchmarks replay recorded frames through this). */
  deliver(text: string): void {
    this.onMessage(text);
  }

  private async login(): Promise<void> {
    const timeout = this.o.replyTimeoutMs ?? 10_000;
    if (this.welcomed) this.welcomed = false;
    else await this.waitFor(timeout, 'the welcome message', (done) => (this.welcome = () => done()));
    this.welcomed = false;
    if (!this.o.key) return;
    const expires = Math.floor(this.o.now() / 1000) + AUTH_EXPIRES_S;
    const args = wsAuthArgs(this.o.key, this.o.secret, expires);
    await this.waitFor(timeout, 'the authentication reply', (done) => {
      this.auth = done;
      this.client.send(JSON.stringify({ op: 'authKeyExpires', args }));
    });
  }

  private waitFor(ms: number, what: string, arm: (done: (error?: Error) => void) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new VntError(`BitMEX sent no ${what} within ${ms} ms`)), ms);
      arm((error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      });
    });
  }

  private onMessage(text: string): void {
    if (text === 'pong') return;
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      throw new VntError('not JSON');
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      throw new VntError(`not an object: ${quoteValue(msg)}`);
    }
    const m = msg as Record<string, unknown>;
    if ('table' in m) {
      const problem = tableProblem(m);
      if (problem) throw new VntError(problem);
      this.o.onTable(m as unknown as TableMessage);
      return;
    }
    if (typeof m.info === 'string' && typeof m.timestamp === 'string') {
      const t = Date.parse(m.timestamp);
      if (Number.isFinite(t)) this.o.onServerTime(t);
      const w = this.welcome;
      this.welcome = undefined;
      if (w) w();
      else this.welcomed = true;
      return;
    }
    const request = m.request as { op?: unknown } | undefined;
    const op = request && typeof request === 'object' ? request.op : undefined;
    if (m.error !== undefined) {
      const reason =
        `${String(m.status ?? '')} ${typeof m.error === 'string' ? m.error : quoteValue(m.error)}`.trim();
      if (op === 'authKeyExpires' || op === 'authKey') {
        const a = this.auth;
        this.auth = undefined;
        a?.(new VntError(`BitMEX refused the API key: ${reason}`));
        return;
      }
      this.o.log(
        `${this.o.name}: BitMEX answered ${String(op ?? 'a request')} with ${reason}`,
        LogLevel.WARNING,
      );
      return;
    }
    if (m.success === true && op === 'authKeyExpires') {
      const a = this.auth;
      this.auth = undefined;
      a?.();
      return;
    }
    if (m.success === false) {
      this.o.log(`${this.o.name}: BitMEX refused ${quoteValue(m.request)}`, LogLevel.WARNING);
    }
    // Subscription acknowledgements, cancelAllAfter replies and other notices need nothing.
  }
}
