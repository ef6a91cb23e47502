// One venue WebSocket that stays up: answers and sends heartbeats, treats a silent link as dead, reconnects
// with exponential backoff and jitter, and after every reconnect logs in again (onOpen), restores every
// subscription, then lets the gateway reconcile what it missed (onReconnect). Forgetting to resubscribe
// after a reconnect is vnpy's most reported gateway bug, so subscriptions live here, not in each gateway.
import WebSocket from 'ws';
import { LogLevel } from '../../src/core/constant.js';
import { errorMessage } from '../../src/core/errors.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { proxyAgentFor, type ProxyAddress } from './proxy-agent.js';

export interface WsClientOptions {
  /** Names the link in logs ("BINANCE market"). */
  name: string;
  /** Asked before every attempt: a URL may change between attempts (a renewed listenKey). */
  url: () => string | Promise<string>;
  /** No frame at all (data, ping or pong) for this long means the link is dead. */
  silenceMs?: number;
  /** How often we ping the venue, so a quiet but healthy link still shows activity. */
  pingIntervalMs?: number;
  /**
   * Venues whose heartbeat is a text message (BitMEX and OKX: send "ping", get "pong") rather than a
   * WebSocket ping frame: this text is sent instead. The answer reaches onMessage like any other frame.
   */
  textPing?: string;
  /**
   * Venues that send binary frames (HTX gzips every market frame): turns a frame into its text. A frame it
   * cannot decode is reported and skipped like a message onMessage refuses.
   */
  decode?: (data: Buffer) => string;
  backoff?: BackoffOptions;
  handshakeTimeoutMs?: number;
  /** Headers for the upgrade request, asked before every attempt (venues that sign the handshake). */
  headers?: () => Record<string, string>;
  /** HTTP proxy to tunnel through (CONNECT); absent or empty host for a direct connection. */
  proxy?: ProxyAddress;
  /** Runs on every open before subscriptions are restored (log in, subscribe a private stream). */
  onOpen?: (client: WsClient) => Promise<void> | void;
  /** Builds the subscribe message for a batch of topics; absent when the URL itself selects the data. */
  subscribeMessage?: (topics: string[]) => string;
  maxTopicsPerMessage?: number;
  onMessage: (text: string) => void;
  /** After a reconnect is complete (never after the first connect): reconcile orders and trades. */
  onReconnect?: () => Promise<void> | void;
  /** The link went down (with the reason) or came back. */
  onStatus?: (up: boolean, reason: string) => void;
  log?: (msg: string, level: LogLevel) => void;
}

export class WsClient {
  private socket: WebSocket | undefined;
  private readonly topics = new Set<string>();
  private closed = false;
  private everConnected = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private lastActivity = 0;
  private ready = false;
  private connections = 0;

  constructor(private readonly o: WsClientOptions) {}

  /** True between a completed open (logged in, resubscribed) and the next drop. */
  get isReady(): boolean {
    return this.ready;
  }

  /** How many connections have been completed, for tests and the status line. */
  get connectionCount(): number {
    return this.connections;
  }

  get subscriptions(): ReadonlySet<string> {
    return this.topics;
  }

  /** Connects once; rejects with the reason if this first attempt fails. Later drops are retried. */
  async start(): Promise<void> {
    this.closed = false;
    await this.connect();
  }

  /** Adds topics; sent now if the link is up, and again after every reconnect. */
  subscribe(topics: readonly string[]): void {
    const added = topics.filter((t) => !this.topics.has(t));
    for (const t of added) this.topics.add(t);
    if (this.ready && added.length) this.sendSubscriptions(added);
  }

  send(text: string): boolean {
    const s = this.socket;
    if (!s || s.readyState !== WebSocket.OPEN) return false;
    s.send(text);
    return true;
  }

  /** Ends the link as a network failure would; the client reconnects (tests and fault injection). */
  drop(): void {
    this.socket?.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.ready = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    const s = this.socket;
    this.socket = undefined;
    if (!s || s.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      s.once('close', () => resolve());
      s.terminate();
    });
  }

  private async connect(): Promise<void> {
    const url = await this.o.url();
    const agent = proxyAgentFor(url, this.o.proxy);
    const socket = new WebSocket(url, {
      handshakeTimeout: this.o.handshakeTimeoutMs ?? 10_000,
      ...(agent ? { agent } : {}),
      ...(this.o.headers ? { headers: this.o.headers() } : {}),
    });
    this.socket = socket;
    socket.on('message', (data: WebSocket.RawData) => {
      this.lastActivity = Date.now();
      let text = '';
      try {
        text = this.o.decode ? this.o.decode(rawBuffer(data)) : data.toString();
        this.o.onMessage(text);
      } catch (error) {
        // A throw here would escape the socket's event handler and end the process: one bad message from the
        // venue is reported and skipped instead.
        const head = text.length > 120 ? `${text.slice(0, 120)}...` : text;
        this.log(`${this.o.name}: ignored a message (${errorMessage(error)}): ${head}`, LogLevel.WARNING);
      }
    });
    socket.on('ping', this.touch);
    socket.on('pong', this.touch);
    socket.on('error', (error) => this.log(`${this.o.name}: ${error.message}`, LogLevel.WARNING));
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        socket.off('open', opened);
        reject(error);
      };
      const opened = () => {
        socket.off('error', fail);
        resolve();
      };
      socket.once('open', opened);
      socket.once('error', fail);
    });
    socket.on('close', (code, reason) =>
      this.onClose(socket, `closed (${code}${reason.length ? ` ${reason}` : ''})`),
    );
    this.lastActivity = Date.now();
    this.startHeartbeat(socket);
    try {
      await this.o.onOpen?.(this);
    } catch (error) {
      socket.terminate();
      throw error;
    }
    if (this.socket !== socket || socket.readyState !== WebSocket.OPEN) {
      throw new Error(`${this.o.name}: connection lost while logging in`);
    }
    this.ready = true;
    this.connections += 1;
    this.attempt = 0;
    if (this.topics.size) this.sendSubscriptions([...this.topics]);
    const reconnected = this.everConnected;
    this.everConnected = true;
    if (reconnected) {
      this.o.onStatus?.(true, 'reconnected');
      try {
        await this.o.onReconnect?.();
      } catch (error) {
        this.log(
          `${this.o.name}: reconciling after reconnect failed: ${errorMessage(error)}`,
          LogLevel.ERROR,
        );
      }
    }
  }

  private sendSubscriptions(topics: string[]): void {
    const build = this.o.subscribeMessage;
    if (!build) return;
    const size = this.o.maxTopicsPerMessage ?? 200;
    for (let i = 0; i < topics.length; i += size) this.send(build(topics.slice(i, i + size)));
  }

  private readonly touch = (): void => {
    this.lastActivity = Date.now();
  };

  private startHeartbeat(socket: WebSocket): void {
    this.stopHeartbeat();
    const silence = this.o.silenceMs ?? 60_000;
    const every = this.o.pingIntervalMs ?? Math.max(50, Math.floor(silence / 3));
    this.heartbeatTimer = setInterval(() => {
      if (Date.now() - this.lastActivity > silence) {
        this.log(`${this.o.name}: nothing heard for ${silence} ms, reconnecting`, LogLevel.WARNING);
        socket.terminate();
        return;
      }
      if (socket.readyState !== WebSocket.OPEN) return;
      if (this.o.textPing !== undefined) socket.send(this.o.textPing);
      else socket.ping();
    }, every);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private onClose(socket: WebSocket, reason: string): void {
    if (this.socket !== socket) return;
    this.stopHeartbeat();
    const wasReady = this.ready;
    this.ready = false;
    // A failed first connect is reported by start(); only an established link is restored.
    if (this.closed || !this.everConnected) return;
    if (wasReady) {
      this.log(`${this.o.name}: ${reason}, reconnecting`, LogLevel.WARNING);
      this.o.onStatus?.(false, reason);
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    const delay = backoffDelay(this.attempt, this.o.backoff ?? { baseMs: 500, maxMs: 30_000 });
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.closed) return;
      this.connect().catch((error) => {
        this.log(`${this.o.name}: reconnect failed: ${errorMessage(error)}`, LogLevel.WARNING);
        // connect() failing before 'close' was wired leaves nothing to trigger the next attempt.
        const s = this.socket;
        if (!s || s.readyState === WebSocket.CLOSED || !this.ready) this.scheduleReconnect();
      });
    }, delay);
  }

  private log(msg: string, level: LogLevel): void {
    this.o.log?.(msg, level);
  }
}

function rawBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
