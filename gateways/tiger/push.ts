// Tiger's push channel: one TLS connection carrying varint-delimited protobuf frames. The client CONNECTs
// with its tiger id signed by its private key and the heartbeat intervals it wants; the server answers
// CONNECTED with its own ("heart-beat": "send,receive"), and each side then sends HEARTBEAT at the larger of
// the two. Silence beyond 1.5× the receive interval means the link is dead (as Tiger's SDK decides): the
// client drops it and reconnects with backoff and jitter, logs in again and resubscribes everything.
// Code 4001 (another connection with the same tiger id took over) stops reconnecting: two consoles would
// otherwise keep throwing each other out.
import type { KeyObject } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { LogLevel } from '../../src/core/constant.js';
import { VntError, errorMessage } from '../../src/core/errors.js';
import { openTunnel, type ProxyAddress } from '../common/proxy-agent.js';
import { backoffDelay } from '../common/backoff.js';
import {
  Command,
  FrameReader,
  ResponseCode,
  decodeResponse,
  encodeRequest,
  type PushDataMsg,
  type RequestMsg,
  type ResponseMsg,
} from './proto.js';
import { SDK_VERSION } from './rest.js';
import { rsaSign } from './sign.js';

export const KICKOUT_CODE = 4001;
const HEARTBEAT_SCALE = 1.5;

export interface TigerPushOptions {
  host: string;
  port: number;
  /** PEM text of a CA to trust (a self-hosted or test endpoint); undefined: the system's trust store. */
  ca?: string;
  /** An HTTP proxy the TLS link is tunnelled through (CONNECT); undefined: straight to the host. */
  proxy?: ProxyAddress;
  tigerId: string;
  privateKey: KeyObject;
  /** The send and receive heartbeat intervals asked for, ms. */
  heartbeatMs: number;
  connectTimeoutMs?: number;
  onData: (body: PushDataMsg) => void;
  /** Logged in and resubscribed; `again` after a reconnect (time to reconcile). */
  onReady: (again: boolean) => void;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

export class TigerPush {
  private socket: tls.TLSSocket | undefined;
  private readonly reader = new FrameReader();
  private nextId = 1;
  private closed = false;
  private ready = false;
  private everReady = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private sendTimer: NodeJS.Timeout | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private lastReceived = 0;
  private receiveMs = 0;
  private first: { resolve: () => void; reject: (e: Error) => void } | undefined;
  /** dataType|account → symbols ('' for account-wide subscriptions). */
  private readonly subscriptions = new Map<
    string,
    { dataType: number; account: string; symbols: Set<string> }
  >();
  /** Heartbeats sent and received, for tests and the console. */
  heartbeatsSent = 0;
  heartbeatsReceived = 0;
  /** The intervals agreed with the server (send, receive), ms. */
  agreed: [number, number] = [0, 0];

  constructor(private readonly o: TigerPushOptions) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** Connects and logs in; resolves on CONNECTED, rejects with the server's or the network's reason. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.first = { resolve, reject };
      this.open();
    });
  }

  /** Adds symbols (or an account-wide channel) to a data type's subscription; survives reconnects. */
  subscribe(dataType: number, symbols: readonly string[], account = ''): void {
    const key = `${dataType}|${account}`;
    let entry = this.subscriptions.get(key);
    if (!entry) {
      entry = { dataType, account, symbols: new Set() };
      this.subscriptions.set(key, entry);
    }
    const added = symbols.filter((s) => !entry.symbols.has(s));
    for (const s of added) entry.symbols.add(s);
    if (this.ready && (added.length > 0 || symbols.length === 0))
      this.sendSubscribe(dataType, added, account);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopTimers();
    clearTimeout(this.reconnectTimer);
    const s = this.socket;
    this.socket = undefined;
    if (!s || s.destroyed) return;
    try {
      s.write(encodeRequest({ command: Command.DISCONNECT, id: this.nextId++ }));
    } catch {
      // The link is going anyway.
    }
    await new Promise<void>((resolve) => {
      s.once('close', () => resolve());
      s.end();
      s.destroySoon?.();
      setTimeout(() => s.destroy(), 200).unref();
    });
  }

  private open(): void {
    if (this.closed) return;
    const host = this.o.host;
    const secure = {
      ...(net.isIP(host) ? {} : { servername: host }),
      ...(this.o.ca ? { ca: this.o.ca } : {}),
    };
    const proxy = this.o.proxy;
    if (!proxy) {
      this.attach(tls.connect({ host, port: this.o.port, ...secure }));
      return;
    }
    openTunnel(proxy, host, this.o.port, this.o.connectTimeoutMs).then(
      (raw) => {
        if (this.closed) raw.destroy();
        else this.attach(tls.connect({ socket: raw, ...secure }));
      },
      (error: Error) => {
        if (this.first) {
          this.fail(
            new VntError(`cannot reach Tiger's push server ${host}:${this.o.port}: ${error.message}`),
          );
          return;
        }
        if (this.closed) return;
        this.o.log(`Tiger push link error: ${error.message}`, LogLevel.WARNING);
        this.reconnectLater();
      },
    );
  }

  private attach(socket: tls.TLSSocket): void {
    const host = this.o.host;
    this.socket = socket;
    this.reader.clear();
    this.connectTimer = setTimeout(
      () => socket.destroy(new Error('no CONNECTED from the push server in time')),
      this.o.connectTimeoutMs ?? 15_000,
    );
    socket.once('secureConnect', () => {
      const connect: RequestMsg = {
        command: Command.CONNECT,
        id: this.nextId++,
        connect: {
          tigerId: this.o.tigerId,
          sign: rsaSign(this.o.privateKey, this.o.tigerId),
          sdkVersion: SDK_VERSION,
          acceptVersion: '3',
          sendInterval: this.o.heartbeatMs,
          receiveInterval: this.o.heartbeatMs,
          useFullTick: false,
        },
      };
      socket.write(encodeRequest(connect));
    });
    socket.on('data', (chunk: Buffer) => {
      this.lastReceived = Date.now();
      try {
        this.reader.push(chunk, (frame) => this.onFrame(frame));
      } catch (error) {
        this.o.log(
          `Tiger push: the stream lost its framing (${errorMessage(error)}); reconnecting`,
          LogLevel.WARNING,
        );
        socket.destroy();
      }
    });
    socket.on('error', (error) => {
      if (this.first)
        this.fail(new VntError(`cannot reach Tiger's push server ${host}:${this.o.port}: ${error.message}`));
      else this.o.log(`Tiger push link error: ${error.message}`, LogLevel.WARNING);
    });
    socket.on('close', () => this.onClose(socket));
  }

  private onFrame(frame: Buffer): void {
    let res: ResponseMsg;
    try {
      res = decodeResponse(frame);
    } catch (error) {
      this.o.log(
        `ignored a push frame Tiger's schema cannot read (${errorMessage(error)})`,
        LogLevel.WARNING,
      );
      return;
    }
    switch (res.command) {
      case Command.CONNECTED:
        this.onConnected(res);
        return;
      case Command.HEARTBEAT:
        this.heartbeatsReceived += 1;
        return;
      case Command.MESSAGE:
        if (res.code === ResponseCode.ERROR) {
          this.o.log(`Tiger push: ${res.msg ?? 'error'}`, LogLevel.WARNING);
          return;
        }
        if (res.code === ResponseCode.SUBSCRIBED || res.code === ResponseCode.UNSUBSCRIBED) return;
        if (res.body) this.o.onData(res.body);
        return;
      case Command.ERROR:
        this.onError(res);
        return;
      default:
        return;
    }
  }

  private onConnected(res: ResponseMsg): void {
    clearTimeout(this.connectTimer);
    const [sx, sy] = parseHeartBeat(res.msg);
    const c = this.o.heartbeatMs;
    // As Tiger's SDK negotiates: each side's interval is the larger of what the two asked for; 0 turns it off.
    const send = c !== 0 && sy !== 0 ? Math.max(c, sy) : 0;
    const receive = c !== 0 && sx !== 0 ? Math.max(c, sx) : 0;
    this.agreed = [send, receive];
    this.receiveMs = receive;
    this.stopTimers();
    if (send > 0) {
      this.sendTimer = setInterval(() => {
        this.heartbeatsSent += 1;
        this.write({ command: Command.HEARTBEAT, id: this.nextId++ });
      }, send);
    }
    if (receive > 0) {
      this.lastReceived = Date.now();
      this.watchTimer = setInterval(() => this.watch(), Math.max(10, receive / 4));
    }
    this.ready = true;
    this.attempt = 0;
    for (const s of this.subscriptions.values()) this.sendSubscribe(s.dataType, [...s.symbols], s.account);
    const again = this.everReady;
    this.everReady = true;
    if (this.first) {
      this.first.resolve();
      this.first = undefined;
    }
    this.o.onStatus(true, '');
    this.o.onReady(again);
  }

  private watch(): void {
    const silent = Date.now() - this.lastReceived;
    if (silent > HEARTBEAT_SCALE * this.receiveMs) {
      this.o.log(
        `Tiger push: nothing received for ${silent} ms (heartbeat ${this.receiveMs} ms); reconnecting`,
        LogLevel.WARNING,
      );
      this.socket?.destroy();
    }
  }

  private onError(res: ResponseMsg): void {
    const reason = `${res.msg || 'refused'}${res.code !== undefined ? ` (code ${res.code})` : ''}`;
    if (this.first) {
      this.fail(new VntError(`Tiger's push server refused the login: ${reason}`));
      return;
    }
    if (res.code === KICKOUT_CODE) {
      this.o.log(
        `Tiger push: ${reason}; another connection with this tiger id took over, not reconnecting`,
        LogLevel.ERROR,
      );
      this.closed = true;
      this.o.onStatus(false, `kicked out: ${reason}`);
      this.socket?.destroy();
      return;
    }
    this.o.log(`Tiger push error: ${reason}`, LogLevel.WARNING);
  }

  private fail(error: Error): void {
    const first = this.first;
    this.first = undefined;
    this.closed = true;
    this.stopTimers();
    this.socket?.destroy();
    first?.reject(error);
  }

  private onClose(socket: tls.TLSSocket): void {
    if (socket !== this.socket && this.socket !== undefined) return;
    clearTimeout(this.connectTimer);
    this.stopTimers();
    const wasReady = this.ready;
    this.ready = false;
    if (this.first) {
      this.fail(
        new VntError(`Tiger's push server ${this.o.host}:${this.o.port} closed the connection before login`),
      );
      return;
    }
    if (this.closed) return;
    if (wasReady) this.o.onStatus(false, 'push link lost');
    this.reconnectLater();
  }

  private reconnectLater(): void {
    const delay = backoffDelay(this.attempt++, { baseMs: 200, maxMs: 30_000 });
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  private sendSubscribe(dataType: number, symbols: readonly string[], account: string): void {
    const chunk = 50;
    const lists = symbols.length === 0 ? [[]] : [];
    for (let i = 0; i < symbols.length; i += chunk) lists.push(symbols.slice(i, i + chunk) as never[]);
    for (const list of lists) {
      this.write({
        command: Command.SUBSCRIBE,
        id: this.nextId++,
        subscribe: {
          dataType,
          ...(list.length > 0 ? { symbols: list.join(',') } : {}),
          ...(account ? { account } : {}),
        },
      });
    }
  }

  private write(req: RequestMsg): void {
    const s = this.socket;
    if (s && !s.destroyed && s.writable) s.write(encodeRequest(req));
  }

  private stopTimers(): void {
    clearInterval(this.sendTimer);
    clearInterval(this.watchTimer);
    this.sendTimer = undefined;
    this.watchTimer = undefined;
  }
}

/** The server's "heart-beat":"send,receive" from CONNECTED's msg; [0, 0] when absent. */
export function parseHeartBeat(msg: string | undefined): [number, number] {
  if (!msg) return [0, 0];
  try {
    const hb = (JSON.parse(msg) as Record<string, unknown>)['heart-beat'];
    if (typeof hb !== 'string') return [0, 0];
    const [s, r] = hb.split(',').map((x) => Number(x));
    return [Number.isFinite(s) ? s! : 0, Number.isFinite(r) ? r! : 0];
  } catch {
    return [0, 0];
  }
}
