// The BitMEX simulator's transport: one loopback HTTP server with BitMEX's REST routes under /api/v1
// (api-key / api-expires / api-signature checked over the exact path, query and body), the realtime
// WebSocket at /realtime (welcome message, authKeyExpires, subscribe/unsubscribe, text ping/pong), the
// x-ratelimit-* headers on every reply, and levers for tests: drop links, go unreachable, skew the clock,
// reject the next order, 429 and 503 answers, lost replies, an exhausted budget, and book partials that
// come late or again.
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSimExchange } from '../../../src/sim/exchange.js';
import type { Params } from '../../common/rest-client.js';
import { signature } from '../sign.js';
import { BitmexVenue, PRIVATE_TABLES, fail, type Reply, type Sink } from './venue.js';
import { INSTRUMENTS, iso } from './wire.js';

export interface Credentials {
  apiKey: string;
  secret: string;
}

/** BitMEX's published example key pair (bitmex.com/app/apiKeysUsage); valid nowhere real. */
export const TEST_CREDENTIALS: Credentials = {
  apiKey: 'LAqUlngMIQkIUjXMUreyu3qn',
  secret: 'chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO',
};

export const ACCOUNT = 'bitmex';
/** BitMEX's documented authenticated limit: 120 requests per minute. */
export const RATE_LIMIT = 120;
const OVERLOADED = 'The system is currently overloaded. Please try again later.';

export interface BitmexSimOptions {
  host?: string;
  port?: number;
  seed?: number;
  tickRate?: number;
  /** Overrides every instrument's volatility (0 holds prices still while the market keeps trading). */
  volatility?: number;
  credentials?: Credentials;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  body: string;
  /** Venue clock when it arrived. */
  at: number;
  status: number;
}

export interface BitmexSim {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly credentials: Credentials;
  readonly venue: BitmexVenue;
  /** Every REST request received (admin excluded), in order. */
  readonly requests: readonly RecordedRequest[];
  /** Subscribe requests received per topic. */
  readonly subscribeCounts: ReadonlyMap<string, number>;
  dropConnections(): void;
  setReachable(reachable: boolean): void;
  setClockSkew(ms: number): void;
  /** The next `count` REST requests get 429 with this Retry-After (seconds). */
  rateLimitNext(count: number, retryAfterSec: number): void;
  /** The next reply says x-ratelimit-remaining 0 until `resetMs` from now; requests before then get 429. */
  exhaustBudget(resetMs: number): void;
  /** The next `count` requests matching method and path get 503 "system overloaded" and are not executed. */
  overloadNext(count: number, method?: string, path?: string): void;
  /** The next request with this method and path is executed, but its connection is cut instead of answered. */
  dropNextReply(method: string, path: string): void;
  /** The next `count` book subscriptions get live frames before their partial. */
  latePartialNext(count: number): void;
  /** Sends raw text on every open realtime link. */
  sendRaw(text: string): void;
  close(): Promise<void>;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseBody(raw: string, contentType: string | undefined, into: Params): boolean {
  if (!raw) return true;
  if ((contentType ?? '').includes('application/json')) {
    try {
      const v = JSON.parse(raw) as unknown;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        into[k] = Array.isArray(x) ? x.join(',') : (x as string | number | boolean);
      }
      return true;
    } catch {
      return false;
    }
  }
  for (const [k, v] of new URLSearchParams(raw)) into[k] = v;
  return true;
}

export async function startBitmexSim(o: BitmexSimOptions = {}): Promise<BitmexSim> {
  const creds = o.credentials ?? TEST_CREDENTIALS;
  let skew = 0;
  let reachable = true;
  let rateLimited = 0;
  let retryAfterSec = 1;
  let budgetWindow = 0;
  let budgetUsed = 0;
  let exhaustedUntil = 0;
  let exhaustNext = 0;
  const overloads: { count: number; method?: string; path?: string }[] = [];
  const dropReplies: { method: string; path: string }[] = [];
  const requests: RecordedRequest[] = [];
  const subscribeCounts = new Map<string, number>();
  const now = () => Date.now() + skew;
  const specs = INSTRUMENTS.map((v) =>
    o.volatility === undefined ? v.spec : { ...v.spec, volatility: o.volatility },
  );
  const exchange = createSimExchange({ seed: o.seed ?? 1, instruments: specs, tickRate: o.tickRate ?? 20 });
  exchange.openAccount(ACCOUNT, 10_000_000, 'USDT', { XBT: 10 });
  const venue = new BitmexVenue(exchange, ACCOUNT, now);
  const sockets = new Set<WebSocket>();
  const rawSockets = new Set<Socket>();

  function rateHeaders(): Record<string, string> {
    const t = now();
    const minute = Math.floor(t / 60_000);
    if (minute !== budgetWindow) {
      budgetWindow = minute;
      budgetUsed = 0;
    }
    budgetUsed += 1;
    const exhausted = exhaustedUntil > t;
    const remaining = exhausted ? 0 : Math.max(0, RATE_LIMIT - budgetUsed);
    // "If you have not exceeded your limit, this value is always the current timestamp."
    const reset = exhausted ? Math.ceil(exhaustedUntil / 1000) : Math.floor(t / 1000);
    return {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(reset),
    };
  }

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
      if (url.pathname.startsWith('/admin/')) {
        const reply = admin(method, url);
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
        return;
      }
      const rawQuery = url.search.replace(/^\?/, '');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = url.pathname.replace(/^\/api\/v1/, '');
      let reply: Reply;
      try {
        reply = rest(method, url.pathname, path, rawQuery, rawBody, req.headers);
      } catch (error) {
        reply = fail(error instanceof Error ? error.message : String(error), 'HTTPError', 500);
      }
      requests.push({ method, path, query: rawQuery, body: rawBody, at: now(), status: reply.status });
      if (exhaustNext > 0 && reply.status === 200) {
        exhaustedUntil = now() + exhaustNext;
        exhaustNext = 0;
      }
      const d = dropReplies.findIndex((x) => x.method === method && x.path === path);
      if (d >= 0) {
        dropReplies.splice(d, 1);
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, {
        'content-type': 'application/json; charset=utf-8',
        ...rateHeaders(),
        ...reply.headers,
      });
      res.end(JSON.stringify(reply.body));
    });
  });
  server.on('connection', (s) => {
    rawSockets.add(s);
    s.on('close', () => rawSockets.delete(s));
  });

  function rest(
    method: string,
    fullPath: string,
    path: string,
    rawQuery: string,
    rawBody: string,
    headers: http.IncomingHttpHeaders,
  ): Reply {
    if (!fullPath.startsWith('/api/v1/')) return fail('Not Found', 'HTTPError', 404);
    const security = venue.route(method, path);
    if (!security) return fail('Not Found', 'HTTPError', 404);
    const o503 = overloads.find(
      (x) => x.count > 0 && (!x.method || x.method === method) && (!x.path || x.path === path),
    );
    if (o503) {
      o503.count -= 1;
      return fail(OVERLOADED, 'HTTPError', 503);
    }
    if (rateLimited > 0 || exhaustedUntil > now()) {
      if (rateLimited > 0) rateLimited -= 1;
      const wait = exhaustedUntil > now() ? Math.ceil((exhaustedUntil - now()) / 1000) : retryAfterSec;
      return {
        ...fail(`Rate limit exceeded, retry in ${wait} seconds.`, 'RateLimitError', 429),
        headers: { 'retry-after': String(wait) },
      };
    }
    if (security === 'signed') {
      const refusal = checkSignature(method, fullPath, rawQuery, rawBody, headers);
      if (refusal) return refusal;
    }
    const params: Params = {};
    for (const [k, v] of new URLSearchParams(rawQuery)) params[k] = v;
    if (!parseBody(rawBody, headers['content-type'], params))
      return fail('Unable to parse the request body.');
    return venue.handle(method, path, params);
  }

  /** BitMEX's checks: key, expiry against the venue clock, then the signature over what was sent. */
  function checkSignature(
    method: string,
    fullPath: string,
    rawQuery: string,
    rawBody: string,
    headers: http.IncomingHttpHeaders,
  ): Reply | undefined {
    const key = headers['api-key'];
    const expires = Number(headers['api-expires']);
    const sig = headers['api-signature'];
    if (key !== creds.apiKey) return fail('Invalid API Key.', 'HTTPError', 401);
    if (!Number.isSafeInteger(expires)) return fail('Missing api-expires header.', 'HTTPError', 401);
    const nowSec = Math.floor(now() / 1000);
    if (expires < nowSec) {
      return fail(
        `This request has expired - \`expires\` is in the past. Current time: ${nowSec}`,
        'HTTPError',
        401,
      );
    }
    const path = fullPath + (rawQuery ? `?${rawQuery}` : '');
    const wanted = signature(creds.secret, method, path, expires, rawBody);
    if (typeof sig !== 'string' || !sameHex(wanted, sig))
      return fail('Signature not valid.', 'HTTPError', 401);
    return undefined;
  }

  function admin(method: string, url: URL): Reply {
    if (method !== 'POST') return fail('admin endpoints take POST', 'HTTPError', 405);
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
      case '/admin/skew':
        sim.setClockSkew(Number(q.get('ms') ?? 0));
        return { status: 200, body: { skew } };
      case '/admin/ratelimit':
        sim.rateLimitNext(Number(q.get('count') ?? 1), Number(q.get('retryAfter') ?? 1));
        return { status: 200, body: { armed: true } };
      case '/admin/overload':
        sim.overloadNext(
          Number(q.get('count') ?? 1),
          q.get('method') ?? undefined,
          q.get('path') ?? undefined,
        );
        return { status: 200, body: { armed: true } };
      case '/admin/reject':
        exchange.injectReject(ACCOUNT, q.get('reason') ?? 'Order rejected by the simulator');
        return { status: 200, body: { armed: true } };
      case '/admin/late-partial':
        sim.latePartialNext(Number(q.get('count') ?? 1));
        return { status: 200, body: { armed: true } };
      case '/admin/market':
        exchange.setMarketActive(q.get('on') !== 'false');
        return { status: 200, body: { market: q.get('on') !== 'false' } };
      default:
        return fail(`unknown admin endpoint ${url.pathname}`, 'HTTPError', 404);
    }
  }

  // ---- realtime ----------------------------------------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (!reachable || url.pathname !== '/realtime') {
      socket.end(`HTTP/1.1 ${reachable ? '404 Not Found' : '503 Service Unavailable'}\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      realtime(ws);
    });
  });

  function realtime(ws: WebSocket): void {
    let authed = false;
    const sink: Sink = (m) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    ws.on('close', () => venue.unsubscribeAll(sink));
    sink({
      info: 'Welcome to the BitMEX Realtime API.',
      version: '2.0.0',
      timestamp: iso(now()),
      docs: `http://${address.address}:${address.port}/app/wsAPI`,
      heartbeatEnabled: false,
      limit: { remaining: 39 },
    });
    const error = (status: number, text: string, request: unknown) =>
      sink({ status, error: text, meta: {}, request });
    ws.on('message', (data) => {
      const text = data.toString();
      if (text === 'ping') {
        if (ws.readyState === ws.OPEN) ws.send('pong');
        return;
      }
      let msg: { op?: unknown; args?: unknown };
      try {
        msg = JSON.parse(text) as typeof msg;
      } catch {
        error(400, `Unable to parse request: ${text.slice(0, 40)}`, {});
        return;
      }
      const args = Array.isArray(msg.args)
        ? (msg.args as unknown[])
        : msg.args === undefined
          ? []
          : [msg.args];
      switch (msg.op) {
        case 'authKeyExpires': {
          const [key, expires, sig] = args;
          if (key !== creds.apiKey) return error(401, 'Invalid API Key.', msg);
          if (typeof expires !== 'number' || expires < Math.floor(now() / 1000)) {
            return error(401, 'Authorization expired', msg);
          }
          const wanted = signature(creds.secret, 'GET', '/realtime', expires, '');
          if (typeof sig !== 'string' || !sameHex(wanted, sig))
            return error(401, 'Signature not valid.', msg);
          authed = true;
          return sink({ success: true, request: msg });
        }
        case 'subscribe':
          for (const topic of args) {
            if (typeof topic !== 'string') return error(400, 'Invalid subscription', msg);
            const [table = '', symbol] = topic.split(':');
            if (!(table in knownTables)) return error(400, `Unknown table: ${table}`, msg);
            if (symbol && !venue.bySymbol.has(symbol))
              return error(400, `Unknown or expired symbol: ${symbol}`, msg);
            if (PRIVATE_TABLES.has(table) && !authed) {
              return error(
                401,
                'User requested an account-locked subscription but no authorization is provided.',
                msg,
              );
            }
            subscribeCounts.set(topic, (subscribeCounts.get(topic) ?? 0) + 1);
            sink({ success: true, subscribe: topic, request: msg });
            venue.subscribe(topic, sink);
          }
          return;
        case 'unsubscribe':
          for (const topic of args) {
            if (typeof topic !== 'string') continue;
            venue.unsubscribe(topic, sink);
            sink({ success: true, unsubscribe: topic, request: msg });
          }
          return;
        default:
          return error(400, `Unknown or unsupported op: ${String(msg.op)}`, msg);
      }
    });
  }

  const knownTables: Record<string, true> = {
    orderBookL2_25: true,
    orderBookL2: true,
    trade: true,
    quote: true,
    instrument: true,
    order: true,
    execution: true,
    position: true,
    margin: true,
    wallet: true,
  };

  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const base = `http://${address.address}:${address.port}`;
  exchange.start();

  const sim: BitmexSim = {
    restUrl: `${base}/api/v1`,
    wsUrl: `ws://${address.address}:${address.port}/realtime`,
    credentials: creds,
    venue,
    requests,
    subscribeCounts,
    dropConnections() {
      for (const ws of sockets) ws.terminate();
    },
    setReachable(on: boolean) {
      reachable = on;
      if (!on) {
        for (const ws of sockets) ws.terminate();
        for (const s of rawSockets) s.destroy();
      }
    },
    setClockSkew(ms: number) {
      skew = ms;
    },
    rateLimitNext(count: number, retryAfter: number) {
      rateLimited = count;
      retryAfterSec = retryAfter;
    },
    exhaustBudget(resetMs: number) {
      exhaustNext = resetMs;
    },
    overloadNext(count: number, method?: string, path?: string) {
      overloads.push({ count, ...(method ? { method } : {}), ...(path ? { path } : {}) });
    },
    dropNextReply(method: string, path: string) {
      dropReplies.push({ method, path });
    },
    latePartialNext(count: number) {
      venue.latePartials += count;
    },
    sendRaw(text: string) {
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    async close() {
      exchange.stop();
      venue.close();
      for (const ws of sockets) ws.terminate();
      for (const s of rawSockets) s.destroy();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}
