// The Binance simulator's transport: one loopback HTTP server for both markets' REST paths, the market
// streams (spot /ws; USD-M routed as live Binance does: depth on /public/ws, the rest on /market/ws, a stream
// sent to the wrong route silently delivers nothing), the spot WebSocket API (/ws-api/v3) carrying user data,
// and the USD-M listenKey user stream (/private/ws?listenKey=<key>&events=<a/b>); plus admin levers for tests
// (drop links, go unreachable, skew the clock, reject the next order, expire the listenKey).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Exchange, Product } from '../../../src/core/constant.js';
import { createSimExchange } from '../../../src/sim/exchange.js';
import type { InstrumentSpec, SimExchange } from '../../../src/sim/types.js';
import type { Params } from '../../common/rest-client.js';
import type { Market } from '../types.js';
import { checkRest, checkWsApi, type Credentials } from './auth.js';
import { BinanceVenue, fail, type Reply, type Sink } from './venue.js';
import { ERR } from './wire.js';

export const SPOT_INSTRUMENTS: InstrumentSpec[] = [
  {
    symbol: 'BTCUSDT',
    exchange: Exchange.BINANCE,
    name: 'BTC/USDT',
    product: Product.SPOT,
    size: 1,
    pricetick: 0.01,
    lotSize: 0.001,
    minVolume: 0.001,
    commissionRate: 0.001,
    initialPrice: 96500,
    volatility: 0.0005,
    currency: 'USDT',
    baseAsset: 'BTC',
  },
  {
    symbol: 'ETHUSDT',
    exchange: Exchange.BINANCE,
    name: 'ETH/USDT',
    product: Product.SPOT,
    size: 1,
    pricetick: 0.01,
    lotSize: 0.0001,
    minVolume: 0.0001,
    commissionRate: 0.001,
    initialPrice: 3400,
    volatility: 0.0005,
    currency: 'USDT',
    baseAsset: 'ETH',
  },
];

export const USDM_INSTRUMENTS: InstrumentSpec[] = [
  {
    symbol: 'BTCUSDT',
    exchange: Exchange.BINANCE,
    name: 'BTCUSDT PERPETUAL',
    product: Product.SWAP,
    size: 1,
    pricetick: 0.1,
    lotSize: 0.001,
    minVolume: 0.001,
    marginRate: 0.05,
    commissionRate: 0.0004,
    initialPrice: 96500,
    volatility: 0.0005,
    currency: 'USDT',
  },
];

export interface BinanceSimOptions {
  host?: string;
  port?: number;
  seed?: number;
  tickRate?: number;
  /** Overrides the volatility of every instrument (0 holds prices still while the market keeps trading). */
  volatility?: number;
  credentials?: Credentials;
  /** How often the server pings each WebSocket (Binance: 20 s spot). */
  pingIntervalMs?: number;
}

export interface BinanceSim {
  readonly restUrl: string;
  readonly spotStreamUrl: string;
  readonly spotWsApiUrl: string;
  readonly usdmStreamUrl: string;
  /** USD-M depth streams (/public/ws). */
  readonly usdmBookUrl: string;
  /** USD-M user stream template, as the gateway's userStreamUrl setting takes it. */
  readonly usdmPrivateUrl: string;
  readonly credentials: Credentials;
  readonly venues: Readonly<Record<Market, BinanceVenue>>;
  /** Terminates every WebSocket, as a network failure would. */
  dropConnections(): void;
  /** While false, new connections and REST requests are cut off at once. */
  setReachable(reachable: boolean): void;
  /** Moves the simulator's clock (for timestamp / recvWindow checks). */
  setClockSkew(ms: number): void;
  /**
   * Pauses (false) or resumes the synthetic market of both markets: no synthetic quotes or takers, so an
   * order a test rests inside the spread stays unfilled; accounts' own orders still match and push.
   */
  setMarketActive(active: boolean): void;
  /**
   * The USD-M listenKey lapses: the key is forgotten and open user streams stop delivering (a later PUT
   * answers -1125). With `notify`, each stream first gets Binance's listenKeyExpired event.
   */
  expireListenKey(notify: boolean): void;
  /** Sends Binance's serverShutdown notice on every market stream. */
  announceShutdown(): void;
  /** The next `count` REST requests are refused with 429 and this Retry-After (seconds). */
  rateLimitNext(count: number, retryAfterSec: number): void;
  /**
   * Sends raw text, as is, on every open market stream or every user-data link (spot WS API and USD-M user
   * streams): for tests of what the gateway does with malformed or hostile messages.
   */
  sendRaw(link: 'market' | 'user', text: string): void;
  /**
   * The next REST request with this method and path is carried out as usual, but answered 200 with this raw
   * body instead of its reply: for tests of what the gateway does with a reply it cannot read.
   */
  replaceNextReply(method: string, path: string, body: string): void;
  close(): Promise<void>;
}

/** Published test credentials (Binance's documentation example key pair); never valid anywhere real. */
export const TEST_CREDENTIALS: Credentials = {
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
};

export const SPOT_ACCOUNT = 'binance-spot';
export const USDM_ACCOUNT = 'binance-usdm';

function makeExchange(instruments: InstrumentSpec[], o: BinanceSimOptions): SimExchange {
  const specs =
    o.volatility === undefined ? instruments : instruments.map((s) => ({ ...s, volatility: o.volatility! }));
  return createSimExchange({ seed: o.seed ?? 1, instruments: specs, tickRate: o.tickRate ?? 20 });
}

function parseParams(text: string, into: Params): void {
  for (const [k, v] of new URLSearchParams(text)) into[k] = v;
}

export async function startBinanceSim(o: BinanceSimOptions = {}): Promise<BinanceSim> {
  const creds = o.credentials ?? TEST_CREDENTIALS;
  let skew = 0;
  let reachable = true;
  let weightMinute = 0;
  let usedWeight = 0;
  let rateLimited = 0;
  let retryAfterSec = 1;
  const replacements: { method: string; path: string; body: string }[] = [];
  const now = () => Date.now() + skew;
  const spotEx = makeExchange(SPOT_INSTRUMENTS, o);
  const usdmEx = makeExchange(USDM_INSTRUMENTS, o);
  spotEx.openAccount(SPOT_ACCOUNT, 1_000_000, 'USDT', { BTC: 10, ETH: 100 });
  usdmEx.openAccount(USDM_ACCOUNT, 1_000_000, 'USDT');
  const venues: Record<Market, BinanceVenue> = {
    SPOT: new BinanceVenue('SPOT', spotEx, SPOT_ACCOUNT, now),
    USDM: new BinanceVenue('USDM', usdmEx, USDM_ACCOUNT, now),
  };
  const sockets = new Set<WebSocket>();
  const streamSockets = new Set<WebSocket>();
  const wsApiSockets = new Set<WebSocket>();
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
      const rawQuery = url.search.replace(/^\?/, '');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let reply: Reply;
      try {
        reply = url.pathname.startsWith('/admin/')
          ? admin(req.method ?? 'GET', url)
          : rest(req.method ?? 'GET', url.pathname, rawQuery, rawBody, req.headers['x-mbx-apikey']);
      } catch (error) {
        reply = fail({ code: -1000, msg: error instanceof Error ? error.message : String(error) }, 500);
      }
      const i = replacements.findIndex((r) => r.method === req.method && r.path === url.pathname);
      const replaced = i >= 0 ? replacements.splice(i, 1)[0]! : undefined;
      res.writeHead(replaced ? 200 : reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(replaced ? replaced.body : JSON.stringify(reply.body));
    });
  });
  server.on('connection', (s) => {
    rawSockets.add(s);
    s.on('close', () => rawSockets.delete(s));
  });

  function rest(method: string, path: string, rawQuery: string, rawBody: string, key: unknown): Reply {
    const venue = path.startsWith('/fapi/')
      ? venues.USDM
      : path.startsWith('/api/')
        ? venues.SPOT
        : undefined;
    const security = venue?.security(method, path);
    if (!venue || !security) return fail({ code: -1000, msg: `unknown endpoint ${method} ${path}` }, 404);
    const params: Params = {};
    parseParams(rawQuery, params);
    parseParams(rawBody, params);
    // Request weight per minute, reported as Binance does; exchangeInfo is the heavy one.
    const minute = Math.floor(now() / 60_000);
    if (minute !== weightMinute) {
      weightMinute = minute;
      usedWeight = 0;
    }
    usedWeight += path.endsWith('/exchangeInfo') ? 20 : 1;
    const headers = { 'X-MBX-USED-WEIGHT-1M': String(usedWeight) };
    if (rateLimited > 0) {
      rateLimited -= 1;
      return {
        status: 429,
        body: { code: -1003, msg: 'Too many requests; current limit of IP is 6000 requests per minute.' },
        headers: { ...headers, 'Retry-After': String(retryAfterSec) },
      };
    }
    const reply = authorised(venue, security, method, path, rawQuery, rawBody, params, key);
    return { ...reply, headers: { ...headers, ...reply.headers } };
  }

  function authorised(
    venue: BinanceVenue,
    security: string,
    method: string,
    path: string,
    rawQuery: string,
    rawBody: string,
    params: Params,
    key: unknown,
  ): Reply {
    const apiKey = typeof key === 'string' ? key : undefined;
    if (security === 'key' && apiKey !== creds.apiKey) return fail(ERR.apiKey, 401);
    if (security === 'signed') {
      const error = checkRest(creds, apiKey, rawQuery, rawBody, params, now());
      if (error) return fail(error, error === ERR.apiKey ? 401 : 400);
    }
    return venue.handle(method, path, params);
  }

  function admin(method: string, url: URL): Reply {
    if (method !== 'POST') return fail({ code: -1000, msg: 'admin endpoints take POST' }, 405);
    const market = (url.searchParams.get('market') ?? 'SPOT').toUpperCase() as Market;
    switch (url.pathname) {
      case '/admin/drop':
        sim.dropConnections();
        return { status: 200, body: { dropped: true } };
      case '/admin/reachable': {
        const on = url.searchParams.get('on') !== 'false';
        // Going unreachable cuts every socket, this request's too: refuse new ones now, cut after answering.
        reachable = on;
        setImmediate(() => sim.setReachable(on));
        return { status: 200, body: { reachable: on } };
      }
      case '/admin/ratelimit':
        sim.rateLimitNext(
          Number(url.searchParams.get('count') ?? 1),
          Number(url.searchParams.get('retryAfter') ?? 1),
        );
        return { status: 200, body: { armed: true } };
      case '/admin/shutdown-notice':
        sim.announceShutdown();
        return { status: 200, body: { sent: true } };
      case '/admin/market': {
        const on = url.searchParams.get('on') !== 'false';
        sim.setMarketActive(on);
        return { status: 200, body: { marketActive: on } };
      }
      case '/admin/skew':
        sim.setClockSkew(Number(url.searchParams.get('ms') ?? 0));
        return { status: 200, body: { skew } };
      case '/admin/reject': {
        const venue = venues[market];
        if (!venue) return fail({ code: -1000, msg: `unknown market ${market}` });
        venue.exchange.injectReject(
          venue.accountId,
          url.searchParams.get('reason') ?? 'Order rejected by the simulator',
        );
        return { status: 200, body: { armed: true } };
      }
      default:
        return fail({ code: -1000, msg: `unknown admin endpoint ${url.pathname}` }, 404);
    }
  }

  // ---- WebSockets ------------------------------------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = url.pathname;
    const privateKey = path === '/private/ws' ? url.searchParams.get('listenKey') : null;
    const known =
      path === '/ws' ||
      path === '/market/ws' ||
      path === '/public/ws' ||
      path === '/ws-api/v3' ||
      (privateKey !== null && venues.USDM.listenKeys.has(privateKey));
    if (!reachable || !known) {
      socket.end(`HTTP/1.1 ${reachable ? '400 Bad Request' : '503 Service Unavailable'}\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      if (path === '/ws') streams(ws, venues.SPOT, () => true);
      else if (path === '/market/ws') streams(ws, venues.USDM, (t) => !isBookTopic(t));
      else if (path === '/public/ws') streams(ws, venues.USDM, isBookTopic);
      else if (path === '/ws-api/v3') wsApi(ws, venues.SPOT);
      else userStream(ws, venues.USDM, url.searchParams.get('events'));
    });
  });

  function sender(ws: WebSocket): Sink {
    return (message) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
  }

  /** USD-M /public carries high-frequency book data; /market everything else. */
  function isBookTopic(topic: string): boolean {
    return topic.includes('@depth') || topic.includes('@bookticker');
  }

  function streams(ws: WebSocket, venue: BinanceVenue, routed: (topic: string) => boolean): void {
    const sink = sender(ws);
    streamSockets.add(ws);
    ws.on('close', () => {
      streamSockets.delete(ws);
      venue.unsubscribeAll(sink);
    });
    ws.on('message', (data) => {
      let msg: { method?: unknown; params?: unknown; id?: unknown };
      try {
        msg = JSON.parse(data.toString()) as typeof msg;
      } catch {
        sink({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' });
        return;
      }
      const id = msg.id ?? null;
      if (
        msg.method === 'SUBSCRIBE' &&
        Array.isArray(msg.params) &&
        msg.params.every((p) => typeof p === 'string')
      ) {
        for (const topic of msg.params as string[]) {
          const t = topic.toLowerCase();
          if (routed(t)) venue.subscribeTopic(t, sink);
        }
        sink({ result: null, id });
      } else if (msg.method === 'UNSUBSCRIBE') {
        venue.unsubscribeAll(sink);
        sink({ result: null, id });
      } else {
        sink({ code: 2, msg: 'Invalid request: unknown method or malformed params', id });
      }
    });
  }

  function wsApi(ws: WebSocket, venue: BinanceVenue): void {
    const sink = sender(ws);
    let subscriptionSeq = 0;
    const subscriptions = new Map<number, Sink>();
    wsApiSockets.add(ws);
    ws.on('close', () => {
      wsApiSockets.delete(ws);
      for (const s of subscriptions.values()) venue.unsubscribeAll(s);
    });
    ws.on('message', (data) => {
      let msg: { id?: unknown; method?: unknown; params?: unknown };
      try {
        msg = JSON.parse(data.toString()) as typeof msg;
      } catch {
        sink({ id: null, status: 400, error: { code: -1000, msg: 'Invalid JSON' } });
        return;
      }
      const id = msg.id ?? null;
      const params = (msg.params && typeof msg.params === 'object' ? msg.params : {}) as Params;
      const error = (e: { code: number; msg: string }, status = 400) => sink({ id, status, error: e });
      switch (msg.method) {
        case 'ping':
          return sink({ id, status: 200, result: {} });
        case 'time':
          return sink({ id, status: 200, result: { serverTime: now() } });
        case 'userDataStream.subscribe.signature': {
          const e = checkWsApi(creds, params, now());
          if (e) return error(e, e === ERR.apiKey ? 401 : 400);
          const subscriptionId = subscriptionSeq++;
          const forward: Sink = (event) => sink({ subscriptionId, event });
          subscriptions.set(subscriptionId, forward);
          venue.addUserSink(forward);
          return sink({ id, status: 200, result: { subscriptionId } });
        }
        case 'userDataStream.unsubscribe': {
          const sid = params.subscriptionId === undefined ? undefined : Number(params.subscriptionId);
          for (const [k, s] of subscriptions) {
            if (sid === undefined || sid === k) {
              venue.unsubscribeAll(s);
              subscriptions.delete(k);
            }
          }
          return sink({ id, status: 200, result: {} });
        }
        default:
          return error({ code: -1002, msg: `Unknown method '${String(msg.method)}'.` });
      }
    });
  }

  const userStreams = new Map<WebSocket, Sink>();

  function userStream(ws: WebSocket, venue: BinanceVenue, events: string | null): void {
    // The routed endpoint delivers only the events named in the query.
    const wanted = new Set((events ?? '').split('/').filter(Boolean));
    const send = sender(ws);
    const sink: Sink = (event) => {
      const e = (event as { e?: unknown }).e;
      if (typeof e === 'string' && wanted.has(e)) send(event);
    };
    userStreams.set(ws, sink);
    venue.addUserSink(sink);
    ws.on('close', () => {
      userStreams.delete(ws);
      venue.unsubscribeAll(sink);
    });
  }

  const pinger = setInterval(() => {
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.ping();
  }, o.pingIntervalMs ?? 20_000);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  spotEx.start();
  usdmEx.start();
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const base = `${host}:${addr.port}`;

  const sim: BinanceSim = {
    restUrl: `http://${base}`,
    spotStreamUrl: `ws://${base}/ws`,
    spotWsApiUrl: `ws://${base}/ws-api/v3`,
    usdmStreamUrl: `ws://${base}/market/ws`,
    usdmBookUrl: `ws://${base}/public/ws`,
    usdmPrivateUrl: `ws://${base}/private/ws?listenKey={listenKey}&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE/listenKeyExpired`,
    credentials: creds,
    venues,
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
    setMarketActive(active) {
      spotEx.setMarketActive(active);
      usdmEx.setMarketActive(active);
    },
    expireListenKey(notify) {
      const venue = venues.USDM;
      const keys = [...venue.listenKeys];
      venue.listenKeys.clear();
      for (const sink of userStreams.values()) {
        if (notify) sink({ e: 'listenKeyExpired', E: now(), listenKey: keys[0] ?? '' });
        venue.unsubscribeAll(sink);
      }
    },
    announceShutdown() {
      const notice = JSON.stringify({ e: 'serverShutdown', E: now() });
      for (const ws of streamSockets) if (ws.readyState === ws.OPEN) ws.send(notice);
    },
    rateLimitNext(count, retryAfter) {
      rateLimited = Math.max(0, count);
      retryAfterSec = Math.max(0, retryAfter);
    },
    replaceNextReply(method, path, body) {
      replacements.push({ method, path, body });
    },
    sendRaw(link, text) {
      const targets = link === 'market' ? streamSockets : [...wsApiSockets, ...userStreams.keys()];
      for (const ws of targets) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    async close() {
      clearInterval(pinger);
      spotEx.stop();
      usdmEx.stop();
      venues.SPOT.close();
      venues.USDM.close();
      for (const ws of sockets) ws.terminate();
      wss.close();
      for (const s of rawSockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}
