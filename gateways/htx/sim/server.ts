// The HTX simulator's transport: one loopback HTTP server for the spot v1 REST paths (HTTP 200 with
// status/err-code/err-msg for refusals, Signature Version 2 checked on every private request, 429 when rate
// limited), the gzip market WebSocket (/ws: {"ping":n} every pingMs, closed after two unanswered pings as
// HTX does) and the spot v2 private WebSocket (/ws/v2: plain JSON, auth with signatureVersion 2.1,
// {"action":"ping"} every pingMs); plus admin levers for tests (drop, unreachable, clock skew, rate limit,
// reject next, maintenance, a lost reply, raw frames). HBDM's swaps (swap.ts) share the port: USDT-M on
// /linear-swap-api, /linear-swap-ws, /linear-swap-notification and coin-M on /swap-api, /swap-ws,
// /swap-notification, coin-M futures on /api/v1/contract_*, /ws (beside spot) and /notification, each
// notification link gzip with op auth (Signature Version 2) and op ping/pong.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSimExchange } from '../../../src/sim/exchange.js';
import type { SimExchange } from '../../../src/sim/types.js';
import { hmacBase64, payloadToSign, sortedQuery } from '../sign.js';
import { CROSS_PREFIX, type HbdmProduct } from '../hbdm/urls.js';
import { HBDM_INTERVAL_MS, documentedLimit, kindOf, type LimitFamily } from '../hbdm/limits.js';
import { HtxSwapVenue, swapSpecs, type SwapSpec } from './swap.js';
import { HtxSpotVenue, htxSpecs, type Params, type Sink } from './venue.js';

export interface HtxCredentials {
  accessKey: string;
  secret: string;
}

/** Test credentials in the documentation's masked style; never valid anywhere real. */
export const TEST_CREDENTIALS: HtxCredentials = {
  accessKey: 'e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx',
  secret: 'b0xxxxxx-c6xxxxxx-94xxxxxx-dxxxx',
};

export const ACCOUNT = 'htx-spot';
export const ACCOUNT_ID = 10000001;
/** The USDT-M swap account (HBDM); HTX's notification pushes name the user's uid. */
export const LINEAR_ACCOUNT = 'htx-linear';
export const LINEAR_UID = '123456789';
/** The coin-M swap account (HBDM); the engine keeps it in USD, the venue states it in each coin. */
export const COIN_SWAP_ACCOUNT = 'htx-coin-swap';

/** The USDT-M cross margin account: the same contracts as LINEAR_ACCOUNT, one USDT margin for all. */
export const LINEAR_CROSS_ACCOUNT = 'htx-linear-cross';

/** The coin-M futures account (HBDM delivery contracts), kept like the coin-M swap account. */
export const COIN_FUTURES_ACCOUNT = 'htx-coin-futures';
/** HTX rejects a signature whose Timestamp is more than 5 minutes off. */
const TIMESTAMP_WINDOW_MS = 5 * 60_000;

export interface HtxSimOptions {
  host?: string;
  port?: number;
  seed?: number;
  tickRate?: number;
  volatility?: number;
  credentials?: HtxCredentials;
  /** How often the server pings each WebSocket (HTX: 5 s market, 20 s private v2). */
  pingMs?: number;
}

export interface HtxSim {
  readonly restUrl: string;
  readonly marketUrl: string;
  readonly privateUrl: string;
  /** HBDM USDT-M swaps: /linear-swap-ws and /linear-swap-notification (REST on restUrl). */
  readonly linearMarketUrl: string;
  readonly linearNotifyUrl: string;
  readonly linear: HtxSwapVenue;
  /** HBDM USDT-M cross margin: /linear-swap-api/v1/swap_cross_*, *_cross topics on the same two links. */
  readonly linearCross: HtxSwapVenue;
  /** HBDM coin-M swaps: /swap-ws and /swap-notification (REST on restUrl). */
  readonly coinSwapMarketUrl: string;
  readonly coinSwapNotifyUrl: string;
  readonly coinSwap: HtxSwapVenue;
  /** HBDM coin-M futures: /api/v1/contract_* on restUrl, /ws (shared with spot: topics tell them apart), /notification. */
  readonly futuresMarketUrl: string;
  readonly futuresNotifyUrl: string;
  readonly futures: HtxSwapVenue;
  readonly credentials: HtxCredentials;
  readonly venue: HtxSpotVenue;
  readonly exchange: SimExchange;
  readonly counts: {
    pongs: number;
    auths: number;
    wsConnections: number;
    pingCloses: number;
    signatureErrors: number;
    /** HBDM calls refused with 1032 (past the UID's budget). */
    rateRefusals: number;
    /** HBDM open-interest calls (answered or refused). */
    openInterestRequests: number;
  };
  dropConnections(): void;
  setReachable(reachable: boolean): void;
  setClockSkew(ms: number): void;
  rateLimitNext(count: number): void;
  rejectNext(reason: string): void;
  /** REST answers base-system-maintenance until switched off (HTX's scheduled maintenance). */
  setMaintenance(on: boolean): void;
  /** The next REST request to this path is carried out, but its connection is cut instead of answered. */
  loseNextReply(path: string): void;
  /**
   * HBDM's per-UID budgets: `limit` Trade and `limit` Read calls per `intervalMs` for each API family (HTX:
   * 72 each per 3 s on USDT-M, 36 on the coin-M APIs; 0 restores those). Past it a call is refused with 1032.
   */
  setHbdmRateLimit(limit: number, intervalMs?: number): void;
  /** Raw text on every open market (gzipped) or private link. */
  sendRaw(link: 'market' | 'private' | 'notify', text: string): void;
  close(): Promise<void>;
}

function gz(message: unknown): Buffer {
  return gzipSync(typeof message === 'string' ? message : JSON.stringify(message));
}

/** Why a signed request's query fails HTX's check, or undefined when it passes. */
export function checkSignature(
  creds: HtxCredentials,
  method: string,
  host: string,
  path: string,
  search: URLSearchParams,
  now: number,
  version: '2' | '2.1' = '2',
): string | undefined {
  const names =
    version === '2'
      ? {
          key: 'AccessKeyId',
          method: 'SignatureMethod',
          version: 'SignatureVersion',
          ts: 'Timestamp',
          sig: 'Signature',
        }
      : {
          key: 'accessKey',
          method: 'signatureMethod',
          version: 'signatureVersion',
          ts: 'timestamp',
          sig: 'signature',
        };
  if (search.get(names.key) !== creds.accessKey)
    return 'Signature not valid: Incorrect Access key [Access key错误]';
  if (search.get(names.method) !== 'HmacSHA256' || search.get(names.version) !== version)
    return 'Signature not valid: Incorrect SignatureMethod or SignatureVersion';
  const ts = search.get(names.ts) ?? '';
  const when = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(ts) ? Date.parse(`${ts}Z`) : NaN;
  if (!Number.isFinite(when) || Math.abs(when - now) > TIMESTAMP_WINDOW_MS)
    return 'Signature not valid: Timestamp expired or invalid [时间戳错误]';
  const params: Record<string, string> = {};
  for (const [k, v] of search) if (k !== names.sig && k !== 'authType') params[k] = v;
  const expected = hmacBase64(creds.secret, payloadToSign(method, host, path, sortedQuery(params)));
  if (search.get(names.sig) !== expected) return 'Signature not valid: Verification failure [校验失败]';
  return undefined;
}

export async function startHtxSim(o: HtxSimOptions = {}): Promise<HtxSim> {
  const creds = o.credentials ?? TEST_CREDENTIALS;
  const pingMs = o.pingMs ?? 5000;
  let skew = 0;
  let reachable = true;
  let rateLimited = 0;
  let maintenance = false;
  const lost = new Set<string>();
  const now = () => Date.now() + skew;
  const specs = htxSpecs(o.volatility);
  const swaps = swapSpecs('usdt-swap', o.volatility);
  const coinSwaps = swapSpecs('coin-swap', o.volatility);
  const futuresSpecs = swapSpecs('coin-futures', o.volatility);
  const usdtFutures = swapSpecs('usdt-futures', o.volatility);
  const exchange = createSimExchange({
    seed: o.seed ?? 1,
    instruments: [...specs, ...swaps, ...coinSwaps, ...futuresSpecs, ...usdtFutures],
    tickRate: o.tickRate ?? 20,
  });
  exchange.openAccount(ACCOUNT, 1_000_000, 'USDT', { BTC: 10, ETH: 100 });
  exchange.openAccount(LINEAR_ACCOUNT, 1_000_000, 'USDT');
  exchange.openAccount(COIN_SWAP_ACCOUNT, 1_000_000, 'USD');
  exchange.openAccount(COIN_FUTURES_ACCOUNT, 1_000_000, 'USD');
  const derivatives = (product: HbdmProduct, list: SwapSpec[], account: string, cross = false) =>
    new HtxSwapVenue(
      product,
      exchange,
      new Map(list.map((s) => [s.symbol, s])),
      account,
      LINEAR_UID,
      now,
      cross,
    );
  const futures = derivatives('coin-futures', futuresSpecs, COIN_FUTURES_ACCOUNT);
  const coinSwap = derivatives('coin-swap', coinSwaps, COIN_SWAP_ACCOUNT);
  const linear = derivatives('usdt-swap', swaps, LINEAR_ACCOUNT);
  exchange.openAccount(LINEAR_CROSS_ACCOUNT, 1_000_000, 'USDT');
  // USDT-M futures are cross margin only: the cross venue (and account) trades them beside the swaps.
  const linearCross = derivatives('usdt-swap', [...swaps, ...usdtFutures], LINEAR_CROSS_ACCOUNT, true);
  const venue = new HtxSpotVenue(
    exchange,
    new Map(specs.map((s) => [s.symbol, s])),
    ACCOUNT,
    ACCOUNT_ID,
    now,
  );
  const byKind = {
    market: new Set<WebSocket>(),
    private: new Set<WebSocket>(),
    notify: new Set<WebSocket>(),
  };
  const rawSockets = new Set<Socket>();
  const counts = {
    pongs: 0,
    auths: 0,
    wsConnections: 0,
    pingCloses: 0,
    signatureErrors: 0,
    rateRefusals: 0,
    openInterestRequests: 0,
  };
  // HBDM's per-UID budgets over a rolling interval, by API family and Trade/Read kind.
  const budget = { limit: 0, intervalMs: HBDM_INTERVAL_MS };
  const budgetSent = new Map<string, number[]>();
  /** Counts an HBDM private call; its ratelimit-* headers, and whether it is past the budget. */
  function meterHbdm(path: string): { over: boolean; headers: Record<string, string> } {
    const family: LimitFamily = path.startsWith('/linear-swap-api/')
      ? 'usdt'
      : path.startsWith('/swap-api/')
        ? 'coin-swap'
        : 'coin-futures';
    const key = `${family}|${kindOf(path)}`;
    const limit = budget.limit || documentedLimit(family);
    const t = Date.now();
    const list = (budgetSent.get(key) ?? []).filter((x) => x > t - budget.intervalMs);
    budgetSent.set(key, list);
    const over = list.length >= limit;
    if (!over) list.push(t);
    const headers = {
      'ratelimit-limit': String(limit),
      'ratelimit-interval': String(budget.intervalMs),
      'ratelimit-remaining': String(Math.max(0, limit - list.length)),
      'ratelimit-reset': String((list[0] ?? t) + budget.intervalMs),
    };
    return { over, headers };
  }

  const server = http.createServer((req, res) => {
    if (!reachable) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const method = req.method ?? 'GET';
      let status = 200;
      let payload: unknown;
      let headers: Record<string, string> = {};
      try {
        ({
          status,
          payload,
          headers = {},
        } = rest(method, url, Buffer.concat(chunks).toString('utf8'), req.headers.host ?? ''));
      } catch (error) {
        status = 500;
        payload = { status: 'error', 'err-code': 'base-system-error', 'err-msg': String(error), data: null };
      }
      if (lost.delete(url.pathname)) {
        req.socket.destroy();
        return;
      }
      res.writeHead(status, { ...headers, 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify(payload));
    });
  });
  server.on('connection', (s) => {
    rawSockets.add(s);
    s.on('close', () => rawSockets.delete(s));
  });

  const error = (code: string, msg: string) => ({
    status: 'error',
    'err-code': code,
    'err-msg': msg,
    data: null,
  });

  function rest(
    method: string,
    url: URL,
    rawBody: string,
    host: string,
  ): { status: number; payload: unknown; headers?: Record<string, string> } {
    if (rateLimited > 0) {
      rateLimited -= 1;
      return { status: 429, payload: error('api-rate-limit', 'Too many requests') };
    }
    const path = url.pathname;
    const swapVenue = path.startsWith(CROSS_PREFIX)
      ? linearCross
      : path.startsWith('/linear-swap-api/')
        ? linear
        : path.startsWith('/swap-api/')
          ? coinSwap
          : path.startsWith('/api/v1/contract_')
            ? futures
            : undefined;
    const hbdmPath = swapVenue !== undefined || path === '/api/v1/timestamp';
    if (/_open_interest$/.test(path)) counts.openInterestRequests += 1;
    if (maintenance && !hbdmPath)
      return { status: 200, payload: error('base-system-maintenance', 'System is under maintenance') };
    if (maintenance && hbdmPath) return { status: 200, payload: hbdmError(1004, 'System under maintenance') };
    const isPublic =
      path.startsWith('/v1/common/') ||
      path.startsWith('/market/') ||
      path === '/api/v1/timestamp' ||
      path === '/linear-swap-api/v1/swap_contract_info' ||
      path === '/swap-api/v1/swap_contract_info' ||
      path === '/api/v1/contract_contract_info' ||
      path === '/linear-swap-ex/market/history/kline' ||
      path === '/swap-ex/market/history/kline' ||
      path === '/linear-swap-api/v1/swap_open_interest' ||
      path === '/swap-api/v1/swap_open_interest' ||
      path === '/api/v1/contract_open_interest';
    if (!isPublic) {
      const problem = checkSignature(creds, method, host, path, url.searchParams, now());
      if (problem) {
        counts.signatureErrors += 1;
        if (hbdmPath) return { status: 200, payload: hbdmError(403, problem) };
        return { status: 200, payload: error('api-signature-not-valid', problem) };
      }
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
        return { status: 200, payload: error('invalid-parameter', 'invalid request body') };
      }
    }
    if (path === '/api/v1/timestamp') return { status: 200, payload: { status: 'ok', ts: now() } };
    // Open interest (public). On USDT-M the swaps are the isolated venue's contracts and the futures the cross
    // venue's (one market): a code goes to the venue listing it, else business_type picks them.
    const oiVenue = (): HtxSwapVenue[] | undefined => {
      if (method !== 'GET') return undefined;
      if (path === '/swap-api/v1/swap_open_interest') return [coinSwap];
      if (path === '/api/v1/contract_open_interest') return [futures];
      if (path !== '/linear-swap-api/v1/swap_open_interest') return undefined;
      const code = query.contract_code?.toUpperCase();
      if (code) return [linearCross.specs.has(code) && !linear.specs.has(code) ? linearCross : linear];
      const business = query.business_type ?? 'swap';
      return business === 'futures' ? [linearCross] : business === 'all' ? [linear, linearCross] : [linear];
    };
    const oi = oiVenue();
    if (oi) {
      if (!['swap', 'futures', 'all'].includes(query.business_type ?? 'swap'))
        return { status: 200, payload: hbdmError(1067, 'Illegal parameter business_type') };
      const data: unknown[] = [];
      for (const v of oi) {
        // The cross venue also trades the swaps: from it only the futures.
        const business = v === linear ? 'swap' : v === linearCross ? 'futures' : query.business_type;
        const r = v.openInterest({ ...query, ...(business ? { business_type: business } : {}) });
        if (!r.ok) return { status: 200, payload: hbdmError(r.code, r.msg) };
        data.push(...(r.data as unknown[]));
      }
      return { status: 200, payload: { status: 'ok', data, ts: now() } };
    }
    // The USDT-M contract list: swaps unless business_type names futures or all (HTX's default is swap).
    if (path === '/linear-swap-api/v1/swap_contract_info' && method === 'GET') {
      const business = query.business_type ?? 'swap';
      if (!['swap', 'futures', 'all'].includes(business))
        return { status: 200, payload: hbdmError(1067, 'Illegal parameter business_type') };
      const data =
        business === 'futures'
          ? linearCross.contracts('futures')
          : business === 'all'
            ? [...linear.contracts('swap'), ...linearCross.contracts('futures')]
            : linear.contracts('swap');
      return { status: 200, payload: { status: 'ok', data, ts: now() } };
    }
    // HBDM klines: the swaps' own paths, and the futures' /market/history/kline (spot's path on another
    // host: a futures code such as BTC240628 names a future).
    const klineVenue =
      path === '/linear-swap-ex/market/history/kline'
        ? linear.specs.has((query.contract_code ?? '').toUpperCase())
          ? linear
          : linearCross
        : path === '/swap-ex/market/history/kline'
          ? coinSwap
          : path === '/market/history/kline' && futures.specs.has((query.symbol ?? '').toUpperCase())
            ? futures
            : undefined;
    if (klineVenue && method === 'GET') {
      const r = klineVenue.klines(query);
      return {
        status: 200,
        payload: r.ok ? { ch: r.ch, data: r.data, status: 'ok', ts: now() } : hbdmError(r.code, r.msg),
      };
    }
    if (swapVenue) {
      // Public calls (the contract lists) have per-IP limits, not the UID's.
      const { over, headers } = isPublic ? { over: false, headers: {} } : meterHbdm(path);
      if (over) {
        counts.rateRefusals += 1;
        return { status: 200, payload: hbdmError(1032, 'The number of access exceeded the limit.'), headers };
      }
      const r = swapVenue.handle(method, path, method === 'GET' ? query : body);
      return {
        status: 200,
        payload: r.ok ? { status: 'ok', data: r.data, ts: now() } : hbdmError(r.code, r.msg),
        headers,
      };
    }
    const reply = venue.handle(method, path, query, body);
    if (!reply.ok) return { status: 200, payload: error(reply.code, reply.msg) };
    if (path.startsWith('/market/'))
      return { status: 200, payload: { ...reply.extra, status: 'ok', ts: now(), data: reply.data } };
    return { status: 200, payload: { status: 'ok', data: reply.data } };
  }

  const hbdmError = (code: number, msg: string) => ({
    status: 'error',
    err_code: code,
    err_msg: msg,
    ts: now(),
  });

  // ---- WebSockets ------------------------------------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    const kind =
      path === '/ws'
        ? 'market'
        : path === '/ws/v2'
          ? 'private'
          : path === '/linear-swap-ws'
            ? 'linear-market'
            : path === '/linear-swap-notification'
              ? 'notify'
              : path === '/swap-ws'
                ? 'coin-market'
                : path === '/swap-notification'
                  ? 'coin-notify'
                  : path === '/notification'
                    ? 'futures-notify'
                    : undefined;
    if (!reachable || !kind) {
      socket.end(`HTTP/1.1 ${reachable ? '404 Not Found' : '503 Service Unavailable'}\r\n\r\n`);
      socket.destroy();
      return;
    }
    const host = req.headers.host ?? '';
    wss.handleUpgrade(req, socket, head, (ws) =>
      kind === 'market'
        ? marketConnection(ws, spotAndFutures)
        : kind === 'linear-market' || kind === 'coin-market'
          ? marketConnection(ws, kind === 'coin-market' ? coinSwap : linearAndFutures)
          : kind === 'notify' || kind === 'coin-notify' || kind === 'futures-notify'
            ? notifyConnection(
                ws,
                host,
                path,
                kind === 'coin-notify' ? coinSwap : kind === 'futures-notify' ? futures : linear,
              )
            : privateConnection(ws, host, path),
    );
  });

  // HTX serves spot (api.huobi.pro/ws) and futures (api.hbdm.com/ws) market data on the same path of two
  // hosts; on the simulator's one port the topic tells them apart (btcusdt is spot, BTC240628 a future).
  const spotAndFutures = {
    subscribeMarket(topic: string, sink: Sink): unknown {
      const spot = venue.subscribeMarket(topic, sink);
      return typeof spot === 'string' ? futures.subscribeMarket(topic, sink) : spot;
    },
  };

  // /linear-swap-ws carries the USDT-M swaps and futures; the futures are the cross venue's contracts.
  const linearAndFutures = {
    subscribeMarket(topic: string, sink: Sink): unknown {
      const swap = linear.subscribeMarket(topic, sink);
      return typeof swap === 'string' ? linearCross.subscribeMarket(topic, sink) : swap;
    },
  };

  function track(ws: WebSocket, kind: keyof typeof byKind, sink: Sink, ping: () => void): void {
    counts.wsConnections += 1;
    byKind[kind].add(ws);
    const timer = setInterval(ping, pingMs);
    ws.on('close', () => {
      clearInterval(timer);
      byKind[kind].delete(ws);
      venue.unsubscribeAll(sink);
      linear.unsubscribeAll(sink);
      linearCross.unsubscribeAll(sink);
      coinSwap.unsubscribeAll(sink);
      futures.unsubscribeAll(sink);
    });
  }

  function marketConnection(
    ws: WebSocket,
    source: { subscribeMarket(topic: string, sink: Sink): unknown },
  ): void {
    const sink: Sink = (m) => {
      if (ws.readyState === ws.OPEN) ws.send(gz(m));
    };
    let unanswered = 0;
    track(ws, 'market', sink, () => {
      if (unanswered >= 2) {
        counts.pingCloses += 1;
        ws.close(1000, 'ping timeout');
        return;
      }
      unanswered += 1;
      sink({ ping: now() });
    });
    ws.on('message', (data) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(data.toString()) as Record<string, unknown>;
      } catch {
        sink({ status: 'error', ts: now(), 'err-code': 'bad-request', 'err-msg': 'invalid json' });
        return;
      }
      if (typeof msg.pong === 'number') {
        counts.pongs += 1;
        unanswered = 0;
      } else if (typeof msg.sub === 'string') {
        const first = source.subscribeMarket(msg.sub, sink);
        if (typeof first === 'string') {
          sink({ id: msg.id, status: 'error', 'err-code': 'bad-request', 'err-msg': first, ts: now() });
          return;
        }
        sink({ id: msg.id, status: 'ok', subbed: msg.sub, ts: now() });
        sink(first);
      } else if (typeof msg.unsub === 'string') {
        sink({ id: msg.id, status: 'ok', unsubbed: msg.unsub, ts: now() });
      }
    });
  }

  function privateConnection(ws: WebSocket, host: string, path: string): void {
    const sink: Sink = (m) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    let authed = false;
    let unanswered = 0;
    track(ws, 'private', sink, () => {
      if (unanswered >= 2) {
        counts.pingCloses += 1;
        ws.close(1000, 'ping timeout');
        return;
      }
      unanswered += 1;
      sink({ action: 'ping', data: { ts: now() } });
    });
    ws.on('message', (data) => {
      let msg: { action?: unknown; ch?: unknown; params?: unknown; data?: unknown };
      try {
        msg = JSON.parse(data.toString()) as typeof msg;
      } catch {
        sink({ action: 'req', code: 4000, message: 'invalid json' });
        return;
      }
      if (msg.action === 'pong') {
        counts.pongs += 1;
        unanswered = 0;
      } else if (msg.action === 'req' && msg.ch === 'auth') {
        const params = (msg.params ?? {}) as Record<string, unknown>;
        const search = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) search.set(k, String(v));
        const problem =
          params.authType !== 'api'
            ? 'authType must be api'
            : checkSignature(creds, 'GET', host, path, search, now(), '2.1');
        if (problem) {
          counts.signatureErrors += 1;
          sink({ action: 'req', code: 2002, ch: 'auth', message: problem });
          return;
        }
        authed = true;
        counts.auths += 1;
        sink({ action: 'req', code: 200, ch: 'auth', data: {} });
      } else if (msg.action === 'sub' && typeof msg.ch === 'string') {
        if (!authed) {
          sink({ action: 'sub', code: 2002, ch: msg.ch, message: 'invalid.auth.state' });
          return;
        }
        const problem = venue.subscribePrivate(msg.ch, sink);
        sink(
          problem
            ? { action: 'sub', code: 2001, ch: msg.ch, message: problem }
            : { action: 'sub', code: 200, ch: msg.ch, data: {} },
        );
      }
    });
  }

  /** HBDM's notification link: gzip frames, op-based auth (Signature Version 2), op ping/pong. */
  function notifyConnection(ws: WebSocket, host: string, path: string, swap: HtxSwapVenue): void {
    const sink: Sink = (m) => {
      if (ws.readyState === ws.OPEN) ws.send(gz(m));
    };
    let authed = false;
    let unanswered = 0;
    track(ws, 'notify', sink, () => {
      if (unanswered >= 2) {
        counts.pingCloses += 1;
        ws.close(1000, 'ping timeout');
        return;
      }
      unanswered += 1;
      sink({ op: 'ping', ts: String(now()) });
    });
    ws.on('message', (data) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(data.toString()) as Record<string, unknown>;
      } catch {
        sink({ op: 'error', ts: now(), 'err-code': 2040, 'err-msg': 'Missing required parameter.' });
        return;
      }
      if (msg.op === 'pong') {
        counts.pongs += 1;
        unanswered = 0;
      } else if (msg.op === 'auth') {
        const search = new URLSearchParams();
        for (const [k, v] of Object.entries(msg))
          if (k !== 'op' && k !== 'type' && k !== 'cid') search.set(k, String(v));
        const problem =
          msg.type !== 'api' ? 'type must be api' : checkSignature(creds, 'GET', host, path, search, now());
        if (problem) {
          counts.signatureErrors += 1;
          sink({ op: 'auth', type: 'api', ts: now(), 'err-code': 2003, 'err-msg': problem });
          return;
        }
        authed = true;
        counts.auths += 1;
        sink({ op: 'auth', type: 'api', ts: now(), 'err-code': 0, data: { 'user-id': LINEAR_UID } });
      } else if (msg.op === 'sub' && typeof msg.topic === 'string') {
        const reply = { op: 'sub', cid: msg.cid, topic: msg.topic, ts: now() };
        if (!authed) {
          sink({ ...reply, 'err-code': 2002, 'err-msg': 'Authentication required.' });
          return;
        }
        // USDT-M's link carries both margin modes; the _cross topics are the cross account's.
        const target = swap === linear && /^[a-z_]+_cross\./i.test(msg.topic) ? linearCross : swap;
        const problem = target.subscribeNotify(msg.topic, sink);
        sink(problem ? { ...reply, 'err-code': 2001, 'err-msg': problem } : { ...reply, 'err-code': 0 });
      }
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const base = `${addr.address}:${addr.port}`;
  exchange.start();

  const sim: HtxSim = {
    restUrl: `http://${base}`,
    marketUrl: `ws://${base}/ws`,
    privateUrl: `ws://${base}/ws/v2`,
    linearMarketUrl: `ws://${base}/linear-swap-ws`,
    linearNotifyUrl: `ws://${base}/linear-swap-notification`,
    linear,
    linearCross,
    coinSwapMarketUrl: `ws://${base}/swap-ws`,
    coinSwapNotifyUrl: `ws://${base}/swap-notification`,
    coinSwap,
    futuresMarketUrl: `ws://${base}/ws`,
    futuresNotifyUrl: `ws://${base}/notification`,
    futures,
    credentials: creds,
    venue,
    exchange,
    counts,
    dropConnections() {
      for (const set of Object.values(byKind)) for (const ws of set) ws.terminate();
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
      rateLimited = count;
    },
    rejectNext(reason) {
      venue.rejectNext(reason);
    },
    setHbdmRateLimit(limit, intervalMs = HBDM_INTERVAL_MS) {
      budget.limit = Math.max(0, Math.trunc(limit));
      budget.intervalMs = intervalMs;
      budgetSent.clear();
    },
    setMaintenance(on) {
      maintenance = on;
    },
    loseNextReply(path) {
      lost.add(path);
    },
    sendRaw(link, text) {
      for (const ws of byKind[link]) ws.send(link === 'private' ? text : gzipSync(text));
    },
    async close() {
      exchange.stop();
      for (const set of Object.values(byKind)) for (const ws of set) ws.terminate();
      for (const s of rawSockets) s.destroy();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}
