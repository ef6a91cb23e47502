// The Alpaca simulator's transport: one loopback HTTP server for the Trading API (/v2/...) and the Market
// Data API (/v2/stocks/bars, /v1beta3/crypto/us/bars), the trading stream (/stream, binary frames holding
// JSON as on paper), and the market-data streams (/v2/{iex|sip|delayed_sip}, /v1beta3/crypto/us) with
// Alpaca's connect → auth → subscribe sequence and its error codes, one authenticated connection per feed per
// account (406). Admin levers for tests: drop links, go unreachable, reject the next order, rate-limit, hold a
// feed as another program would, push a market-data error, pause the synthetic market.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Exchange, Product } from '../../../src/core/constant.js';
import { createSimExchange } from '../../../src/sim/exchange.js';
import type { InstrumentSpec, SimExchange } from '../../../src/sim/types.js';
import { ERR } from './wire.js';
import { AlpacaVenue, fail, type Reply, type Sink } from './venue.js';

export const ALPACA_INSTRUMENTS: InstrumentSpec[] = [
  {
    symbol: 'AAPL',
    exchange: Exchange.NASDAQ,
    name: 'Apple Inc. Common Stock',
    product: Product.EQUITY,
    size: 1,
    pricetick: 0.01,
    // Fractional shares: the engine works in thousandths (Alpaca itself takes nine decimals).
    lotSize: 0.001,
    minVolume: 0.1,
    commissionRate: 0,
    initialPrice: 228.5,
    volatility: 0.0001,
    currency: 'USD',
  },
  {
    // A penny stock (fictional): below $1 US equities quote in $0.0001 (Reg NMS sub-penny rule).
    symbol: 'PNNY',
    exchange: Exchange.NASDAQ,
    name: 'Penny Pharmaceuticals Inc. (simulated)',
    product: Product.EQUITY,
    size: 1,
    pricetick: 0.0001,
    lotSize: 1,
    minVolume: 1,
    commissionRate: 0,
    initialPrice: 0.5,
    volatility: 0.0001,
    currency: 'USD',
  },
  {
    symbol: 'BTC/USD',
    exchange: Exchange.ALPACA,
    name: 'BTC/USD pair',
    product: Product.SPOT,
    size: 1,
    pricetick: 1,
    lotSize: 0.0001,
    minVolume: 0.0001,
    commissionRate: 0.0015,
    initialPrice: 96500,
    volatility: 0.0003,
    currency: 'USD',
    baseAsset: 'BTC',
  },
];

export interface Credentials {
  key: string;
  secret: string;
}

/** Test credentials in Alpaca's paper-key form; never valid anywhere real. */
export const TEST_CREDENTIALS: Credentials = {
  key: 'PKSIMVNT0000000000AB',
  secret: 'simvntsecret0000000000000000000000000000',
};

export const ACCOUNT = 'alpaca-paper';

type Feed = 'iex' | 'sip' | 'delayed_sip' | 'crypto';
const STOCK_CHANNELS = ['trades', 'quotes', 'bars', 'updatedBars', 'dailyBars', 'statuses', 'lulds'] as const;
const CRYPTO_CHANNELS = ['trades', 'quotes', 'orderbooks', 'bars', 'updatedBars', 'dailyBars'] as const;

export interface AlpacaSimOptions {
  host?: string;
  port?: number;
  seed?: number;
  tickRate?: number;
  /** Overrides every instrument's volatility (0 holds prices still while the market keeps trading). */
  volatility?: number;
  credentials?: Credentials;
  /** Trade stream frames: binary (as paper sends them, the default) or text (as live does). */
  binaryFrames?: boolean;
  /** Market-data login window (Alpaca: "a few seconds"). */
  authTimeoutMs?: number;
  /** Feeds the account's data plan includes; another gets 409 after auth. */
  feeds?: Feed[];
  /** Symbols one connection may watch on trades and quotes (Alpaca's free plan: 30). */
  symbolLimit?: number;
  pingIntervalMs?: number;
}

export interface AlpacaSim {
  readonly restUrl: string;
  readonly dataRestUrl: string;
  readonly streamUrl: string;
  /** With `{feed}` for the gateway's stockStreamUrl setting. */
  readonly stockStreamUrl: string;
  readonly cryptoStreamUrl: string;
  readonly credentials: Credentials;
  readonly venue: AlpacaVenue;
  readonly exchange: SimExchange;
  /** Terminates every WebSocket, as a network failure would. */
  dropConnections(): void;
  /** While false, new connections and REST requests are cut off at once. */
  setReachable(reachable: boolean): void;
  setClockSkew(ms: number): void;
  /** The next `count` REST requests are refused with 429 and this Retry-After (seconds). */
  rateLimitNext(count: number, retryAfterSec: number): void;
  /** The next order is refused with 403 and this message (default: insufficient buying power). */
  rejectNext(message?: string): void;
  /** Another program holds this feed (true) or lets it go: a login to it is refused with 406. */
  holdFeed(feed: Feed, held: boolean): void;
  /** Pushes `[{"T":"error","code":..,"msg":..}]` on every open market-data stream. */
  sendDataError(code: number, msg: string): void;
  /** Sends raw text as is on every trading stream ('trading') or market-data stream ('data'). */
  sendRaw(link: 'trading' | 'data', text: string): void;
  /** The next REST request with this method and path is carried out, but answered 200 with this body. */
  replaceNextReply(method: string, path: string, body: string): void;
  /** Authenticated market-data connections per feed, for tests. */
  dataConnections(feed: Feed): number;
  close(): Promise<void>;
}

export async function startAlpacaSim(o: AlpacaSimOptions = {}): Promise<AlpacaSim> {
  const creds = o.credentials ?? TEST_CREDENTIALS;
  let skew = 0;
  let reachable = true;
  let rateLimited = 0;
  let retryAfterSec = 1;
  let requestsThisMinute = 0;
  let minute = 0;
  const replacements: { method: string; path: string; body: string }[] = [];
  const heldFeeds = new Set<Feed>();
  const feeds = new Set<Feed>(o.feeds ?? ['iex', 'sip', 'delayed_sip', 'crypto']);
  const now = () => Date.now() + skew;
  const specs =
    o.volatility === undefined
      ? ALPACA_INSTRUMENTS
      : ALPACA_INSTRUMENTS.map((s) => ({ ...s, volatility: o.volatility! }));
  const exchange = createSimExchange({
    seed: o.seed ?? 1,
    instruments: specs,
    tickRate: o.tickRate ?? 20,
    now,
  });
  exchange.openAccount(ACCOUNT, 1_000_000, 'USD', { AAPL: 10, BTC: 2 });
  const venue = new AlpacaVenue(exchange, ACCOUNT, now);
  const sockets = new Set<WebSocket>();
  const tradingSockets = new Set<WebSocket>();
  const dataSockets = new Map<WebSocket, Feed>();
  const authed = new Map<Feed, Set<WebSocket>>();
  const rawSockets = new Set<Socket>();

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
      let reply: Reply;
      try {
        reply = url.pathname.startsWith('/admin/')
          ? admin(method, url)
          : rest(method, url, Buffer.concat(chunks).toString('utf8'), req.headers);
      } catch (error) {
        reply = fail(
          { code: 50010000, message: error instanceof Error ? error.message : String(error) },
          500,
        );
      }
      const i = replacements.findIndex((r) => r.method === method && r.path === url.pathname);
      const replaced = i >= 0 ? replacements.splice(i, 1)[0]! : undefined;
      const headers = {
        ...(reply.body !== undefined || replaced ? { 'content-type': 'application/json' } : {}),
        ...reply.headers,
      };
      res.writeHead(replaced ? 200 : reply.status, headers);
      res.end(replaced ? replaced.body : reply.body === undefined ? undefined : JSON.stringify(reply.body));
    });
  });
  server.on('connection', (s) => {
    rawSockets.add(s);
    s.on('close', () => rawSockets.delete(s));
  });

  function rest(method: string, url: URL, rawBody: string, headers: http.IncomingHttpHeaders): Reply {
    const m = Math.floor(now() / 60_000);
    if (m !== minute) {
      minute = m;
      requestsThisMinute = 0;
    }
    requestsThisMinute += 1;
    // Alpaca's rate-limit headers: 200 requests a minute per account.
    const limits = {
      'X-RateLimit-Limit': '200',
      'X-RateLimit-Remaining': String(Math.max(0, 200 - requestsThisMinute)),
      'X-RateLimit-Reset': String((m + 1) * 60),
    };
    if (headers['apca-api-key-id'] !== creds.key || headers['apca-api-secret-key'] !== creds.secret) {
      return { ...fail(ERR.unauthorized, 401), headers: limits };
    }
    if (rateLimited > 0) {
      rateLimited -= 1;
      return { ...fail(ERR.rateLimit, 429), headers: { ...limits, 'Retry-After': String(retryAfterSec) } };
    }
    let body: unknown;
    if (method === 'POST' || method === 'PATCH') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return {
          ...fail({ code: 40010000, message: 'request body format is invalid' }, 400),
          headers: limits,
        };
      }
    }
    const reply = venue.handle(method, url.pathname, url.searchParams, body);
    return { ...reply, headers: { ...limits, ...reply.headers } };
  }

  let rejectMessage: string | undefined;

  function admin(method: string, url: URL): Reply {
    if (method !== 'POST') return fail({ code: 40500000, message: 'admin endpoints take POST' }, 405);
    const q = url.searchParams;
    switch (url.pathname) {
      case '/admin/drop':
        sim.dropConnections();
        return { status: 200, body: { dropped: true } };
      case '/admin/reachable': {
        const on = q.get('on') !== 'false';
        reachable = on;
        setImmediate(() => sim.setReachable(on));
        return { status: 200, body: { reachable: on } };
      }
      case '/admin/ratelimit':
        sim.rateLimitNext(Number(q.get('count') ?? 1), Number(q.get('retryAfter') ?? 1));
        return { status: 200, body: { armed: true } };
      case '/admin/reject':
        sim.rejectNext(q.get('message') ?? undefined);
        return { status: 200, body: { armed: true } };
      case '/admin/hold-feed':
        sim.holdFeed((q.get('feed') ?? 'iex') as Feed, q.get('held') !== 'false');
        return { status: 200, body: { held: [...heldFeeds] } };
      case '/admin/data-error':
        sim.sendDataError(Number(q.get('code') ?? 407), q.get('msg') ?? 'slow client');
        return { status: 200, body: { sent: true } };
      case '/admin/market':
        exchange.setMarketActive(q.get('active') !== 'false');
        return { status: 200, body: { active: q.get('active') !== 'false' } };
      case '/admin/skew':
        sim.setClockSkew(Number(q.get('ms') ?? 0));
        return { status: 200, body: { skew } };
      default:
        return fail({ code: 40410000, message: `unknown admin endpoint ${url.pathname}` }, 404);
    }
  }

  // ---- WebSockets ------------------------------------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    const feed: Feed | undefined =
      path === '/v1beta3/crypto/us'
        ? 'crypto'
        : path === '/v2/iex' || path === '/v2/sip' || path === '/v2/delayed_sip'
          ? (path.slice(4) as Feed)
          : undefined;
    if (!reachable || (path !== '/stream' && !feed)) {
      socket.end(`HTTP/1.1 ${reachable ? '404 Not Found' : '503 Service Unavailable'}\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      if (feed) dataStream(ws, feed);
      else tradingStream(ws);
    });
  });

  function tradingStream(ws: WebSocket): void {
    let authorized = false;
    let listening = false;
    const binary = o.binaryFrames ?? true;
    const send = (m: unknown) => {
      if (ws.readyState !== ws.OPEN) return;
      const text = JSON.stringify(m);
      ws.send(binary ? Buffer.from(text, 'utf8') : text, { binary });
    };
    const sink: Sink = (m) => {
      if (listening) send(m);
    };
    tradingSockets.add(ws);
    venue.addTradeSink(sink);
    ws.on('close', () => {
      tradingSockets.delete(ws);
      venue.removeSink(sink);
    });
    ws.on('message', (data) => {
      let msg: {
        action?: unknown;
        data?: { key_id?: unknown; secret_key?: unknown; streams?: unknown };
        key?: unknown;
        secret?: unknown;
      };
      try {
        msg = JSON.parse(data.toString()) as typeof msg;
      } catch {
        send({ stream: 'error', data: { error_message: 'invalid message' } });
        return;
      }
      if (msg.action === 'authenticate' || msg.action === 'auth') {
        const key = msg.action === 'auth' ? msg.key : msg.data?.key_id;
        const secret = msg.action === 'auth' ? msg.secret : msg.data?.secret_key;
        authorized = key === creds.key && secret === creds.secret;
        send({
          stream: 'authorization',
          data: { status: authorized ? 'authorized' : 'unauthorized', action: 'authenticate' },
        });
        return;
      }
      if (msg.action === 'listen') {
        if (!authorized) {
          send({ stream: 'authorization', data: { status: 'unauthorized', action: 'listen' } });
          return;
        }
        const wanted = Array.isArray(msg.data?.streams) ? (msg.data.streams as unknown[]) : [];
        const streams = wanted.filter((s) => s === 'trade_updates');
        listening = streams.length > 0;
        send({ stream: 'listening', data: { streams } });
        return;
      }
      send({ stream: 'error', data: { error_message: 'unrecognized action' } });
    });
  }

  function dataStream(ws: WebSocket, feed: Feed): void {
    const crypto = feed === 'crypto';
    const channels: readonly string[] = crypto ? CRYPTO_CHANNELS : STOCK_CHANNELS;
    const subs = new Map<string, Set<string>>(channels.map((c) => [c, new Set<string>()]));
    let authenticated = false;
    const send = (m: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const error = (code: number, msg: string) => send([{ T: 'error', code, msg }]);
    const sink: Sink = (m) => send(m);
    dataSockets.set(ws, feed);
    const timer = setTimeout(() => {
      if (authenticated) return;
      error(404, 'auth timeout');
      ws.close();
    }, o.authTimeoutMs ?? 10_000);
    ws.on('close', () => {
      clearTimeout(timer);
      dataSockets.delete(ws);
      authed.get(feed)?.delete(ws);
      venue.removeSink(sink);
    });
    send([{ T: 'success', msg: 'connected' }]);
    const subscription = () => {
      const out: Record<string, unknown> = { T: 'subscription' };
      for (const [c, set] of subs) out[c] = [...set];
      return [out];
    };
    ws.on('message', (data) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(data.toString()) as Record<string, unknown>;
        if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) throw new Error('not an object');
      } catch {
        error(400, 'invalid syntax');
        return;
      }
      if (msg.action === 'auth') {
        if (authenticated) return error(403, 'already authenticated');
        if (msg.key !== creds.key || msg.secret !== creds.secret) {
          error(402, 'auth failed');
          ws.close();
          return;
        }
        if (!feeds.has(feed)) {
          error(409, 'insufficient subscription');
          ws.close();
          return;
        }
        const others = authed.get(feed) ?? new Set<WebSocket>();
        if (heldFeeds.has(feed) || others.size > 0) {
          error(406, 'connection limit exceeded');
          ws.close();
          return;
        }
        authenticated = true;
        others.add(ws);
        authed.set(feed, others);
        venue.addDataSink(crypto ? 'crypto' : 'stocks', sink, (channel, symbol) => {
          const set = subs.get(channel);
          return !!set && (set.has(symbol) || set.has('*'));
        });
        send([{ T: 'success', msg: 'authenticated' }]);
        return;
      }
      if (msg.action === 'subscribe' || msg.action === 'unsubscribe') {
        if (!authenticated) return error(401, 'not authenticated');
        const adding = msg.action === 'subscribe';
        const lists: [string, string[]][] = [];
        for (const c of channels) {
          const v = msg[c];
          if (v === undefined) continue;
          if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
            return error(400, 'invalid syntax');
          lists.push([c, v as string[]]);
        }
        if (adding) {
          const limit = o.symbolLimit ?? Infinity;
          for (const [c, list] of lists) {
            if (c !== 'trades' && c !== 'quotes') continue;
            const after = new Set([...subs.get(c)!, ...list]);
            if (after.size > limit) return error(405, 'symbol limit exceeded');
          }
        }
        for (const [c, list] of lists) {
          const set = subs.get(c)!;
          for (const s of list) {
            if (adding) set.add(s);
            else set.delete(s);
          }
        }
        send(subscription());
        return;
      }
      error(400, 'invalid syntax');
    });
  }

  const pinger = setInterval(() => {
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.ping();
  }, o.pingIntervalMs ?? 10_000);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  exchange.start();
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const base = `${host}:${addr.port}`;

  // The engine's injected rejection is reported as a 403, Alpaca's answer for money and holdings.
  const rejectNext = (message = ERR.buyingPower.message) => {
    rejectMessage = message;
    exchange.injectReject(ACCOUNT, rejectMessage);
  };

  const sim: AlpacaSim = {
    restUrl: `http://${base}`,
    dataRestUrl: `http://${base}`,
    streamUrl: `ws://${base}/stream`,
    stockStreamUrl: `ws://${base}/v2/{feed}`,
    cryptoStreamUrl: `ws://${base}/v1beta3/crypto/us`,
    credentials: creds,
    venue,
    exchange,
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
    rateLimitNext(count, retryAfter) {
      rateLimited = Math.max(0, count);
      retryAfterSec = Math.max(0, retryAfter);
    },
    rejectNext,
    holdFeed(feed, held) {
      if (held) heldFeeds.add(feed);
      else heldFeeds.delete(feed);
    },
    sendDataError(code, msg) {
      for (const ws of dataSockets.keys())
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify([{ T: 'error', code, msg }]));
    },
    sendRaw(link, text) {
      const targets = link === 'trading' ? [...tradingSockets] : [...dataSockets.keys()];
      for (const ws of targets) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    replaceNextReply(method, path, body) {
      replacements.push({ method, path, body });
    },
    dataConnections(feed) {
      return authed.get(feed)?.size ?? 0;
    },
    async close() {
      clearInterval(pinger);
      exchange.stop();
      for (const ws of sockets) ws.terminate();
      wss.close();
      for (const s of rawSockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}
