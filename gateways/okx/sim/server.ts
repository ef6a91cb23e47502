// The OKX simulator's transport: one loopback HTTP server for the v5 REST paths (HTTP 200 envelopes with
// code/msg/data, 429 for 50011, 401 for authentication errors) and the three WebSocket services on their
// documented paths (/ws/v5/public, /ws/v5/private, /ws/v5/business) with text ping/pong, login, subscribe and
// the 30 s idle rule; plus admin levers for tests (drop, unreachable, clock skew, rate limit, reject next,
// 64008 notice, checksum corruption, sequence gaps, a lost reply, raw frames).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Exchange, Product } from '../../../src/core/constant.js';
import { createSimExchange } from '../../../src/sim/exchange.js';
import type { SimExchange } from '../../../src/sim/types.js';
import type { Arg, PosMode } from '../types.js';
import { checkLogin, checkRest, type Credentials } from './auth.js';
import { OkxVenue, PRIVATE, PUBLIC, type Params, type Sink } from './venue.js';
import { ERR, type OkxSpec } from './wire.js';

/** Expiry of the simulated delivery future: 25 December 2026, 08:00 UTC (OKX's delivery time). */
export const FUTURE_EXPIRY = Date.UTC(2026, 11, 25, 8);
export const FUTURE_ID = 'BTC-USDT-261225';

export function okxSpecs(posMode: PosMode): OkxSpec[] {
  const offsets = posMode === 'long_short_mode' ? 'open-close' : 'none';
  const spot = (instId: string, base: string, tick: number, lot: number, price: number): OkxSpec => ({
    symbol: instId,
    exchange: Exchange.OKEX,
    name: `${base}/USDT`,
    product: Product.SPOT,
    size: 1,
    pricetick: tick,
    lotSize: lot,
    minVolume: lot,
    commissionRate: 0.001,
    initialPrice: price,
    volatility: 0.0005,
    currency: 'USDT',
    baseAsset: base,
    instType: 'SPOT',
    ctVal: 1,
    ctValCcy: '',
    settleCcy: '',
    expTime: 0,
  });
  const derivative = (instId: string, instType: 'SWAP' | 'FUTURES', expTime: number): OkxSpec => ({
    symbol: instId,
    exchange: Exchange.OKEX,
    name: instId,
    product: instType === 'SWAP' ? Product.SWAP : Product.FUTURES,
    size: 0.01,
    pricetick: 0.1,
    lotSize: 1,
    minVolume: 1,
    marginRate: 0.05,
    commissionRate: 0.0005,
    offsets,
    initialPrice: 96500,
    volatility: 0.0005,
    currency: 'USDT',
    instType,
    ctVal: 0.01,
    ctValCcy: 'BTC',
    settleCcy: 'USDT',
    expTime,
  });
  return [
    spot('BTC-USDT', 'BTC', 0.1, 0.001, 96500),
    spot('ETH-USDT', 'ETH', 0.01, 0.0001, 3400),
    derivative('BTC-USDT-SWAP', 'SWAP', 0),
    derivative(FUTURE_ID, 'FUTURES', FUTURE_EXPIRY),
  ];
}

export interface OkxSimOptions {
  host?: string;
  port?: number;
  seed?: number;
  tickRate?: number;
  /** Overrides every instrument's volatility (0 holds prices still while the market keeps trading). */
  volatility?: number;
  credentials?: Credentials;
  /** A demo-trading key: REST requests must carry x-simulated-trading: 1, and live ones must not. */
  demo?: boolean;
  posMode?: PosMode;
  /** OKX closes a link that has carried nothing for 30 s. */
  idleMs?: number;
}

export interface OkxSim {
  readonly restUrl: string;
  readonly publicUrl: string;
  readonly privateUrl: string;
  readonly businessUrl: string;
  readonly credentials: Credentials;
  readonly venue: OkxVenue;
  readonly exchange: SimExchange;
  readonly accountId: string;
  /** Text pings received and logins accepted, for tests. */
  readonly counts: { pings: number; logins: number; wsConnections: number; idleCloses: number };
  dropConnections(): void;
  setReachable(reachable: boolean): void;
  setClockSkew(ms: number): void;
  /** The next `count` REST requests are answered 429 / 50011. */
  rateLimitNext(count: number): void;
  /** The next order is refused with this reason (sCode 51008). */
  rejectNext(reason: string): void;
  /** Sends the 64008 service-upgrade notice on every public and private link. */
  sendNotice(): void;
  /** The next `count` book updates carry a wrong checksum. */
  corruptChecksums(count: number): void;
  /** The next book update's prevSeqId does not follow. */
  gapNext(): void;
  /** 'zero' sends checksum 0, as production does since OKX deprecated the field. */
  setChecksumMode(mode: 'crc32' | 'zero'): void;
  /** The next REST request to this path is carried out, but its connection is cut instead of answered. */
  loseNextReply(path: string): void;
  /** The next REST request with this method and path is carried out and answered with this raw body. */
  replaceNextReply(method: string, path: string, body: string): void;
  /** Raw text on every open public (market) or private link. */
  sendRaw(link: 'public' | 'private', text: string): void;
  close(): Promise<void>;
}

/** Test credentials (the key and secret are OKX's documentation examples); never valid anywhere real. */
export const TEST_CREDENTIALS: Credentials = {
  apiKey: '985d5b66-57ce-40fb-b714-afc0b9787083',
  secret: '22582BD0CFF14C41EDBF1AB98506286D',
  passphrase: 'vnt-sim-passphrase',
};

export const ACCOUNT = 'okx-unified';

export async function startOkxSim(o: OkxSimOptions = {}): Promise<OkxSim> {
  const creds = o.credentials ?? TEST_CREDENTIALS;
  const posMode = o.posMode ?? 'net_mode';
  const demo = o.demo ?? false;
  const idleMs = o.idleMs ?? 30_000;
  let skew = 0;
  let reachable = true;
  let rateLimited = 0;
  const lost = new Set<string>();
  const replacements: { method: string; path: string; body: string }[] = [];
  const now = () => Date.now() + skew;
  const specs = okxSpecs(posMode).map((s) =>
    o.volatility === undefined ? s : { ...s, volatility: o.volatility },
  );
  const exchange = createSimExchange({ seed: o.seed ?? 1, instruments: specs, tickRate: o.tickRate ?? 20 });
  exchange.openAccount(ACCOUNT, 1_000_000, 'USDT', { BTC: 10, ETH: 100 });
  const venue = new OkxVenue(
    exchange,
    new Map(specs.map((s) => [s.symbol, s])),
    ACCOUNT,
    posMode,
    '44705892343619584',
    now,
  );
  const sockets = new Set<WebSocket>();
  const byPath = {
    public: new Set<WebSocket>(),
    private: new Set<WebSocket>(),
    business: new Set<WebSocket>(),
  };
  const rawSockets = new Set<Socket>();
  const counts = { pings: 0, logins: 0, wsConnections: 0, idleCloses: 0 };

  const server = http.createServer((req, res) => {
    if (!reachable && !req.url?.startsWith('/admin/')) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const method = req.method ?? 'GET';
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let status = 200;
      let payload: unknown;
      try {
        ({ status, payload } = url.pathname.startsWith('/admin/')
          ? admin(method, url)
          : rest(method, url, req.url ?? '/', rawBody, req.headers));
      } catch (error) {
        status = 500;
        payload = { code: '50001', msg: error instanceof Error ? error.message : String(error) };
      }
      if (lost.delete(url.pathname)) {
        req.socket.destroy();
        return;
      }
      const i = replacements.findIndex((r) => r.method === method && r.path === url.pathname);
      const replaced = i >= 0 ? replacements.splice(i, 1)[0]! : undefined;
      res.writeHead(replaced ? 200 : status, { 'content-type': 'application/json' });
      res.end(replaced ? replaced.body : JSON.stringify(payload));
    });
  });
  server.on('connection', (s) => {
    rawSockets.add(s);
    s.on('close', () => rawSockets.delete(s));
  });

  function rest(
    method: string,
    url: URL,
    requestPath: string,
    rawBody: string,
    headers: http.IncomingHttpHeaders,
  ): { status: number; payload: unknown } {
    if (rateLimited > 0) {
      rateLimited -= 1;
      return { status: 429, payload: { msg: ERR.rateLimit.msg, code: ERR.rateLimit.code } };
    }
    const path = url.pathname;
    const isPublic = path.startsWith('/api/v5/public/') || path.startsWith('/api/v5/market/');
    if (!isPublic) {
      const error = checkRest(creds, demo, headers, method, requestPath, rawBody, now());
      if (error) return { status: 401, payload: { code: error.code, msg: error.msg } };
    }
    const query: Params = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    let body: Params = {};
    if (method === 'POST') {
      try {
        const parsed: unknown = JSON.parse(rawBody || '{}');
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('not an object');
        body = Object.fromEntries(
          Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
        );
      } catch {
        return { status: 400, payload: { code: '50002', msg: 'Json data format error' } };
      }
    }
    const reply = venue.handle(method, path, query, body);
    // Trade endpoints say when the request came in and went out (µs), documented as inTime/outTime.
    const trade = path.startsWith('/api/v5/trade/') && method === 'POST';
    if (reply.ok)
      return {
        status: 200,
        payload: {
          code: '0',
          msg: '',
          data: reply.data,
          ...(trade ? { inTime: `${now()}000`, outTime: `${now()}000` } : {}),
        },
      };
    return {
      status: reply.status,
      payload: {
        code: reply.error.code,
        msg: reply.error.msg,
        data: reply.data ?? [],
        ...(trade ? { inTime: `${now()}000`, outTime: `${now()}000` } : {}),
      },
    };
  }

  function admin(method: string, url: URL): { status: number; payload: unknown } {
    if (method !== 'POST') return { status: 405, payload: { error: 'admin endpoints take POST' } };
    const n = (name: string, d: number) => Number(url.searchParams.get(name) ?? d);
    switch (url.pathname) {
      case '/admin/drop':
        sim.dropConnections();
        break;
      case '/admin/reachable': {
        const on = url.searchParams.get('on') !== 'false';
        reachable = on;
        setImmediate(() => sim.setReachable(on));
        break;
      }
      case '/admin/skew':
        sim.setClockSkew(n('ms', 0));
        break;
      case '/admin/ratelimit':
        sim.rateLimitNext(n('count', 1));
        break;
      case '/admin/reject':
        sim.rejectNext(
          url.searchParams.get('reason') ?? 'Order failed. Insufficient USDT balance in account.',
        );
        break;
      case '/admin/notice':
        sim.sendNotice();
        break;
      case '/admin/corrupt-checksum':
        sim.corruptChecksums(n('count', 1));
        break;
      case '/admin/market':
        exchange.setMarketActive(url.searchParams.get('on') !== 'false');
        break;
      default:
        return { status: 404, payload: { error: `unknown admin endpoint ${url.pathname}` } };
    }
    return { status: 200, payload: { ok: true } };
  }

  // ---- WebSockets ------------------------------------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    const kind =
      path === '/ws/v5/public'
        ? 'public'
        : path === '/ws/v5/private'
          ? 'private'
          : path === '/ws/v5/business'
            ? 'business'
            : undefined;
    if (!reachable || !kind) {
      socket.end(`HTTP/1.1 ${reachable ? '404 Not Found' : '503 Service Unavailable'}\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connection(ws, kind));
  });

  function connection(ws: WebSocket, kind: 'public' | 'private' | 'business'): void {
    counts.wsConnections += 1;
    sockets.add(ws);
    byPath[kind].add(ws);
    const connId = randomBytes(4).toString('hex');
    let loggedIn = false;
    const idle = setTimeout(() => {
      counts.idleCloses += 1;
      ws.close(4004, 'No data received in 30s.');
    }, idleMs);
    const send = (message: unknown) => {
      if (ws.readyState !== ws.OPEN) return;
      idle.refresh();
      ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    };
    const sink: Sink = send;
    ws.on('close', () => {
      clearTimeout(idle);
      sockets.delete(ws);
      byPath[kind].delete(ws);
      venue.unsubscribe(sink);
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data) => {
      idle.refresh();
      const text = data.toString();
      if (text === 'ping') {
        counts.pings += 1;
        send('pong');
        return;
      }
      let msg: { id?: unknown; op?: unknown; args?: unknown };
      try {
        msg = JSON.parse(text) as typeof msg;
      } catch {
        send({ event: 'error', code: '60012', msg: `Invalid request: ${text.slice(0, 100)}`, connId });
        return;
      }
      const id = typeof msg.id === 'string' ? { id: msg.id } : {};
      const args = Array.isArray(msg.args) ? (msg.args as unknown[]) : undefined;
      if (!args) {
        send({ ...id, event: 'error', code: '60012', msg: `Invalid request: ${text.slice(0, 100)}`, connId });
        return;
      }
      switch (msg.op) {
        case 'login': {
          if (kind === 'public') {
            send({
              ...id,
              event: 'error',
              code: '60012',
              msg: 'Invalid request: login on the public service',
              connId,
            });
            return;
          }
          const error = checkLogin(creds, args[0], now());
          if (error) {
            send({ ...id, event: 'error', code: error.code, msg: error.msg, connId });
            return;
          }
          loggedIn = true;
          counts.logins += 1;
          send({ ...id, event: 'login', code: '0', msg: '', connId });
          return;
        }
        case 'subscribe':
        case 'unsubscribe':
          for (const a of args) {
            const arg = a as Arg;
            const channel = typeof arg?.channel === 'string' ? arg.channel : '';
            const wrongPlace =
              kind === 'public' ? !PUBLIC.has(channel) : kind === 'private' ? !PRIVATE.has(channel) : true;
            if (!channel || wrongPlace || (PUBLIC.has(channel) && !venue.fmt.spec(String(arg.instId)))) {
              send({
                ...id,
                event: 'error',
                code: '60018',
                msg: `Wrong URL or channel:${channel},instId:${String(arg?.instId ?? '')} doesn't exist`,
                connId,
              });
              continue;
            }
            if (PRIVATE.has(channel) && !loggedIn) {
              send({ ...id, event: 'error', code: '60011', msg: 'Please log in', connId });
              continue;
            }
            if (msg.op === 'unsubscribe') {
              venue.unsubscribe(sink, arg);
              send({ ...id, event: 'unsubscribe', arg, connId });
            } else {
              send({ ...id, event: 'subscribe', arg, connId });
              venue.subscribe(sink, arg);
            }
          }
          return;
        default:
          send({
            ...id,
            event: 'error',
            code: '60012',
            msg: `Invalid request: ${text.slice(0, 100)}`,
            connId,
          });
      }
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  exchange.start();
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const base = `${host}:${addr.port}`;

  const sim: OkxSim = {
    restUrl: `http://${base}`,
    publicUrl: `ws://${base}/ws/v5/public`,
    privateUrl: `ws://${base}/ws/v5/private`,
    businessUrl: `ws://${base}/ws/v5/business`,
    credentials: creds,
    venue,
    exchange,
    accountId: ACCOUNT,
    counts,
    dropConnections() {
      for (const ws of sockets) ws.terminate();
    },
    setReachable(on) {
      reachable = on;
      if (!on) {
        sim.dropConnections();
        for (const s of rawSockets) s.destroy();
      }
    },
    setClockSkew(ms) {
      skew = ms;
    },
    rateLimitNext(count) {
      rateLimited = Math.max(0, count);
    },
    rejectNext(reason) {
      exchange.injectReject(ACCOUNT, reason);
    },
    sendNotice() {
      for (const ws of [...byPath.public, ...byPath.private]) {
        if (ws.readyState === ws.OPEN)
          ws.send(
            JSON.stringify({
              event: 'notice',
              code: '64008',
              msg: 'The connection will soon be closed for a service upgrade. Please reconnect.',
              connId: 'a4d3ae55',
            }),
          );
      }
    },
    corruptChecksums(count) {
      venue.faults.corruptChecksums = Math.max(0, count);
    },
    gapNext() {
      venue.faults.gaps = 1;
    },
    setChecksumMode(mode) {
      venue.faults.checksumMode = mode;
    },
    loseNextReply(path) {
      lost.add(path);
    },
    replaceNextReply(method, path, body) {
      replacements.push({ method, path, body });
    },
    sendRaw(link, text) {
      for (const ws of byPath[link]) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    async close() {
      exchange.stop();
      for (const ws of sockets) ws.terminate();
      wss.close();
      for (const s of rawSockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}
