// The RPC server: a WebSocket endpoint that authenticates every client by token at the handshake, answers
// requests, streams events through each client's bounded session, and drops peers that stop talking.
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { LogLevel } from '../core/constant.js';
import { errorMessage } from '../core/errors.js';
import type { AnyEvent } from '../core/event.js';
import { redact } from '../core/redact.js';
import type { MethodHandler } from './methods.js';
import {
  CLOSE_HEARTBEAT,
  CLOSE_SHUTDOWN,
  CLOSE_TOO_MANY_CLIENTS,
  MAX_CLIENT_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  ProtocolError,
  UNSTREAMED_EVENT,
  parseClientMessage,
  type ErrorBody,
  type EventFilter,
  type HelloMessage,
  type RequestMessage,
} from './protocol.js';
import { DEFAULT_LIMITS, Session, type SessionLimits } from './session.js';
import { tokenMatches } from './token.js';

export interface TlsFiles {
  /** PEM text of the certificate chain and the private key. */
  cert: string;
  key: string;
}

export interface RpcServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  tls?: TlsFiles;
  heartbeatMs?: number;
  timeoutMs?: number;
  /** Connections beyond this many are closed at once with CLOSE_TOO_MANY_CLIENTS (default 64). */
  maxClients?: number;
  limits?: Partial<SessionLimits>;
  log: (msg: string, level: LogLevel) => void;
  gatewayNames: () => string[];
  handle: MethodHandler;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return host === '::1';
}

/**
 * Refuses to expose the service beyond this machine without TLS unless insecure was asked for explicitly;
 * returns a warning to print in that case.
 */
export function checkExposure(host: string, tls: boolean, insecure: boolean): string | undefined {
  if (isLoopback(host) || tls) return undefined;
  if (!insecure) {
    throw new Error(
      `refusing to listen on ${host} without TLS: set rpc.tlsCert and rpc.tlsKey, ` +
        `or rpc.insecure (tokens and orders would cross the network in clear text)`,
    );
  }
  return `WARNING: RPC service listening on ${host} WITHOUT TLS; the token and every order cross the network in clear text`;
}

export class RpcServer {
  private http: http.Server | https.Server | undefined;
  private wss: WebSocketServer | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly sessions = new Set<Session>();
  private nextId = 1;
  private readonly limits: SessionLimits;
  private readonly heartbeatMs: number;
  private readonly timeoutMs: number;
  private readonly maxClients: number;
  readonly serverId = crypto.randomUUID();

  constructor(private readonly options: RpcServerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.heartbeatMs = options.heartbeatMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxClients = options.maxClients ?? 64;
  }

  get clientCount(): number {
    return this.sessions.size;
  }

  /** Ticks the connected clients' sessions collapsed into a later tick of the same symbol. */
  get coalescedTicks(): number {
    let n = 0;
    for (const s of this.sessions) n += s.coalescedTicks;
    return n;
  }

  /** Listens; resolves with the URL clients connect to (with the port actually bound). */
  async start(): Promise<string> {
    const { host, port, tls } = this.options;
    const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }) : http.createServer();
    server.on('request', (_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain' }).end('this is a vnt RPC WebSocket endpoint\n');
    });
    const wss = new WebSocketServer({
      server,
      maxPayload: MAX_CLIENT_MESSAGE_BYTES,
      perMessageDeflate: false,
      verifyClient: (info, done) => this.verify(info.req, done),
    });
    wss.on('connection', (ws, req) => this.accept(ws, req));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) =>
      this.options.log(`RPC server error: ${errorMessage(error)}`, LogLevel.ERROR),
    );
    this.http = server;
    this.wss = wss;
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    const bound = (server.address() as net.AddressInfo).port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return `${tls ? 'wss' : 'ws'}://${shownHost}:${bound}`;
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const s of this.sessions) s.close(CLOSE_SHUTDOWN, 'server shutting down');
    for (const s of this.sessions) s.ws.terminate();
    this.sessions.clear();
    const wss = this.wss;
    const server = this.http;
    this.wss = undefined;
    this.http = undefined;
    if (wss) await new Promise<void>((r) => wss.close(() => r()));
    if (server) {
      server.closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }

  /** Streams one event to every client that wants it; the text is built once for all of them. */
  publish(event: AnyEvent): void {
    if (this.sessions.size === 0 || event.type === UNSTREAMED_EVENT) return;
    const type: string = event.type;
    const data = event.data as { vtSymbol?: unknown };
    const vtSymbol = typeof data.vtSymbol === 'string' ? data.vtSymbol : undefined;
    let text: string | undefined;
    let bytes = 0;
    for (const s of this.sessions) {
      if (!s.wants(type, vtSymbol)) continue;
      if (text === undefined) {
        text = JSON.stringify({ type: 'event', event: type, key: event.key, data: event.data });
        bytes = Buffer.byteLength(text);
      }
      if (type === 'tick') s.sendTick(vtSymbol!, text, bytes);
      else s.send(text, bytes);
    }
  }

  private verify(req: http.IncomingMessage, done: (ok: boolean, code?: number, message?: string) => void) {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (given && tokenMatches(this.options.token, given)) {
      done(true);
      return;
    }
    const peer = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    this.options.log(
      `refused RPC connection from ${peer}: ${given ? 'wrong token' : 'no token'}`,
      LogLevel.WARNING,
    );
    done(false, 401, 'Unauthorized');
  }

  private accept(ws: WebSocket, req: http.IncomingMessage): void {
    const peer = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    // Counted here rather than at the handshake: accepting is synchronous, so concurrent handshakes cannot
    // all slip under the limit.
    if (this.sessions.size >= this.maxClients) {
      const reason = `too many clients: this server takes at most ${this.maxClients}`;
      this.options.log(`refused RPC client from ${peer}: ${reason}`, LogLevel.WARNING);
      ws.on('error', () => {});
      ws.close(CLOSE_TOO_MANY_CLIENTS, reason);
      return;
    }
    const session = new Session(ws, this.nextId++, peer, this.limits, (s, reason) =>
      this.options.log(`RPC client #${s.id} (${s.peer}) cut off: ${reason}`, LogLevel.WARNING),
    );
    this.sessions.add(session);
    this.options.log(`RPC client #${session.id} connected from ${peer}`, LogLevel.INFO);
    ws.on('message', (data, isBinary) => {
      session.lastSeen = Date.now();
      if (isBinary) {
        this.sendError(session, new ProtocolError('bad_message', 'binary frames are not accepted'));
        return;
      }
      this.receive(session, data.toString());
    });
    ws.on('error', (error) => {
      this.options.log(`RPC client #${session.id}: ${errorMessage(error)}`, LogLevel.WARNING);
    });
    ws.on('close', (code, reason) => {
      this.sessions.delete(session);
      const why = reason.length ? ` (${reason.toString()})` : '';
      this.options.log(`RPC client #${session.id} disconnected: ${code}${why}`, LogLevel.INFO);
    });
    const hello: HelloMessage = {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      gateways: this.options.gatewayNames(),
      heartbeatMs: this.heartbeatMs,
      timeoutMs: this.timeoutMs,
      serverId: this.serverId,
    };
    session.send(JSON.stringify(hello));
  }

  private receive(session: Session, text: string): void {
    let msg;
    try {
      msg = parseClientMessage(text);
    } catch (error) {
      this.sendError(session, error);
      return;
    }
    switch (msg.type) {
      case 'ping':
        session.send(JSON.stringify({ type: 'pong', t: msg.t }));
        return;
      case 'pong':
        return;
      case 'req':
        this.request(session, msg);
        return;
    }
  }

  private request(session: Session, msg: RequestMessage): void {
    let result: unknown;
    try {
      if (msg.method === 'setFilter') {
        session.setFilter(parseFilter(msg.params));
        result = null;
      } else {
        result = this.options.handle(msg.method, msg.params);
      }
    } catch (error) {
      this.sendError(session, error, msg.id);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (value: unknown) => this.reply(session, msg.id, value),
        (error: unknown) => this.sendError(session, error, msg.id),
      );
    } else {
      this.reply(session, msg.id, result);
    }
  }

  private reply(session: Session, id: number, result: unknown): void {
    session.send(JSON.stringify({ type: 'res', id, ok: true, result: result ?? null }));
  }

  private sendError(session: Session, error: unknown, id?: number): void {
    const body: ErrorBody =
      error instanceof ProtocolError
        ? { code: error.code, message: error.message }
        : { code: 'request_failed', message: redact(errorMessage(error)) };
    const replyId = id ?? (error instanceof ProtocolError ? error.id : undefined);
    session.send(
      JSON.stringify(
        replyId === undefined
          ? { type: 'error', error: body }
          : { type: 'res', id: replyId, ok: false, error: body },
      ),
    );
  }

  private beat(): void {
    const now = Date.now();
    const ping = JSON.stringify({ type: 'ping', t: now });
    for (const s of this.sessions) {
      if (now - s.lastSeen > this.timeoutMs) {
        this.options.log(
          `RPC client #${s.id} (${s.peer}) silent for ${this.timeoutMs} ms; dropping it`,
          LogLevel.WARNING,
        );
        s.close(CLOSE_HEARTBEAT, 'no heartbeat');
        s.ws.terminate();
        this.sessions.delete(s);
        continue;
      }
      s.send(ping);
    }
  }
}

function parseFilter(params: Record<string, unknown>): EventFilter {
  const filter: EventFilter = {};
  const { types, vtSymbols } = params;
  if (types !== undefined && types !== null) {
    if (!Array.isArray(types) || types.some((t) => typeof t !== 'string' || t === UNSTREAMED_EVENT)) {
      throw new ProtocolError(
        'bad_params',
        `"types" must be a list of event types (never "${UNSTREAMED_EVENT}")`,
      );
    }
    filter.types = types as string[];
  }
  if (vtSymbols !== undefined && vtSymbols !== null) {
    if (!Array.isArray(vtSymbols) || vtSymbols.some((t) => typeof t !== 'string')) {
      throw new ProtocolError('bad_params', '"vtSymbols" must be a list of strings');
    }
    filter.vtSymbols = vtSymbols as string[];
  }
  return filter;
}
