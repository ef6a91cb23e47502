// The Bitfinex simulator: one loopback HTTP server answering Bitfinex's v2 REST paths (public and
// authenticated, with signature and nonce checks and ["error", code, text] refusals), and /ws/2 speaking the
// array protocol on channels — `conf` flags (timestamps, sequence numbers, book checksums), ticker, trades
// and P0 books with `cs` checksums, heartbeats, channel-0 account data after `auth` (with the dead man
// switch), `info` events — backed by the shared matching engine (src/sim). Levers for tests: drop links,
// go unreachable, reject the next order, rate limit, maintenance and reconnect notices, corrupt a checksum,
// skip a sequence number, send raw text.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Exchange, Interval, OrderType, Product } from '../../../src/core/constant.js';
import { createSimExchange } from '../../../src/sim/exchange.js';
import type { BookSnapshot, InstrumentSpec, SimExchange, SimFill, SimOrder } from '../../../src/sim/types.js';
import { bookChecksum, type ChecksumLevel } from '../checksum.js';
import { splitPair, toPair, toVenueSymbol } from '../symbols.js';
import { CONF_FLAG, FLAG, INFO_CODE, MAX_CHANNELS_PER_CONNECTION, type Json } from '../types.js';
import { NonceBook, checkRest, checkWsAuth, type Credentials } from './auth.js';
import {
  ERR,
  errorBody,
  notification,
  orderArray,
  round8,
  submitText,
  tickerArray,
  tradeArray,
  walletArrays,
  type OrderMeta,
  type WalletChange,
} from './wire.js';

export const INSTRUMENTS: InstrumentSpec[] = [
  {
    symbol: 'BTCUSD',
    exchange: Exchange.BITFINEX,
    name: 'BTC/USD',
    product: Product.SPOT,
    size: 1,
    // Five significant digits at ~96500.
    pricetick: 1,
    lotSize: 1e-8,
    minVolume: 0.0001,
    commissionRate: 0.002,
    initialPrice: 96500,
    volatility: 0.0005,
    currency: 'USD',
    baseAsset: 'BTC',
  },
  {
    symbol: 'ETHUSD',
    exchange: Exchange.BITFINEX,
    name: 'ETH/USD',
    product: Product.SPOT,
    size: 1,
    pricetick: 0.1,
    lotSize: 1e-8,
    minVolume: 0.001,
    commissionRate: 0.002,
    initialPrice: 3400,
    volatility: 0.0005,
    currency: 'USD',
    baseAsset: 'ETH',
  },
];

/** Published-looking test credentials; valid nowhere but here. */
export const TEST_CREDENTIALS: Credentials = {
  apiKey: 'vntSimBitfinexKey0000000000000000000000000000',
  secret: 'vntSimBitfinexSecret00000000000000000000000000',
};
export const ACCOUNT = 'bitfinex';
const BOOK_LEN = 25;

export interface BitfinexSimOptions {
  host?: string;
  port?: number;
  seed?: number;
  tickRate?: number;
  volatility?: number;
  credentials?: Credentials;
  /** Heartbeat period on quiet channels (Bitfinex: 15 s). */
  heartbeatMs?: number;
}

type Reply = { status: number; body: Json };

interface ChannelSub {
  chanId: number;
  channel: 'ticker' | 'trades' | 'book';
  symbol: string;
  lastSent: number;
}

interface Conn {
  ws: WebSocket;
  flags: number;
  seq: number;
  authSeq: number;
  authed: boolean;
  dms: boolean;
  channels: Map<number, ChannelSub>;
}

export interface BitfinexSim {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly credentials: Credentials;
  readonly exchange: SimExchange;
  readonly accountId: string;
  /** Nonces refused (REST and WS), for tests. */
  readonly nonces: NonceBook;
  dropConnections(): void;
  setReachable(reachable: boolean): void;
  /** The next order is refused with this text (in the error reply and an `n` ERROR on channel 0). */
  rejectNext(reason: string): void;
  /** The next `count` REST requests get 429 ["error", 11010, "ratelimit: error"]. */
  rateLimitNext(count: number): void;
  /** Sends an `info` event with this code on every WebSocket (20051, 20060, 20061). */
  sendInfo(code: number): void;
  /** While true, /v2/platform/status answers [0]. */
  setMaintenance(on: boolean): void;
  /** The next `cs` of this pair's book is off by one. */
  corruptNextChecksum(pair: string): void;
  /** The next public message on every connection skips one sequence number. */
  skipSequence(): void;
  /** The next request to this path is carried out but its reply is lost (the connection is cut). */
  dropNextReply(path: string): void;
  /** Raw text on every public or account WebSocket. */
  sendRaw(link: 'public' | 'account', text: string): void;
  /** Channels subscribed on each open public connection (tests of the 25-channel limit). */
  channelCounts(): number[];
  close(): Promise<void>;
}

export async function startBitfinexSim(o: BitfinexSimOptions = {}): Promise<BitfinexSim> {
  const creds = o.credentials ?? TEST_CREDENTIALS;
  const specs =
    o.volatility === undefined ? INSTRUMENTS : INSTRUMENTS.map((s) => ({ ...s, volatility: o.volatility! }));
  const ex = createSimExchange({ seed: o.seed ?? 1, instruments: specs, tickRate: o.tickRate ?? 20 });
  ex.openAccount(ACCOUNT, 1_000_000, 'USD', { BTC: 10, ETH: 100 });
  const nonces = new NonceBook();
  const meta = new Map<number, OrderMeta>();
  /**
   * The order being placed, by client order id: the exchange announces it before placeOrder returns its id,
   * and that first 'on' must already carry the cid, as Bitfinex's does.
   */
  let placing: { clientOrderId: string; meta: OrderMeta } | undefined;
  const conns = new Set<Conn>();
  const rawSockets = new Set<Socket>();
  const views = new Map<string, ChecksumLevel[][]>();
  const recentTrades = new Map<string, Json[][]>();
  const corrupt = new Set<string>();
  const announced = new Set<number>();
  let reachable = true;
  let maintenance = false;
  let rateLimited = 0;
  let skip = false;
  const dropReplies = new Set<string>();
  let lastFill: WalletChange | undefined;
  /** The last trade that moved a balance, named by the wallet list as DESCRIPTION and META. */
  let lastChange: WalletChange | undefined;
  let nextChanId = 100;
  const now = () => Date.now();

  // ---- REST ------------------------------------------------------------------------------------------------

  const server = http.createServer((req, res) => {
    if (!reachable) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const raw = Buffer.concat(chunks).toString('utf8');
      let reply: Reply;
      try {
        reply = rest(req.method ?? 'GET', url, raw, req.headers);
      } catch (error) {
        reply = { status: 500, body: errorBody(10000, `ERR_UNK: ${String(error)}`) };
      }
      if (dropReplies.delete(url.pathname)) {
        // Carried out, but the reply is lost on the way: the client cannot know the outcome.
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  server.on('connection', (s) => {
    rawSockets.add(s);
    s.on('close', () => rawSockets.delete(s));
  });

  const fail = (e: readonly [number, string], status = 500): Reply => ({
    status,
    body: errorBody(e[0], e[1]),
  });
  const ok = (body: Json): Reply => ({ status: 200, body });

  function rest(method: string, url: URL, raw: string, headers: http.IncomingHttpHeaders): Reply {
    if (rateLimited > 0) {
      rateLimited -= 1;
      return fail(ERR.rateLimit, 429);
    }
    const path = url.pathname;
    if (method === 'GET') return publicRest(path, url.searchParams);
    if (method !== 'POST' || !path.startsWith('/v2/auth/'))
      return fail([10020, `unknown endpoint ${path}`], 404);
    const error = checkRest(creds, nonces, path.slice(1), headers, raw);
    if (error) return fail(error);
    let body: Record<string, unknown>;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return fail(ERR.params);
    }
    return authRest(path, body);
  }

  function publicRest(path: string, q: URLSearchParams): Reply {
    if (path === '/v2/platform/status') return ok([maintenance ? 0 : 1]);
    if (path === '/v2/conf/pub:list:pair:exchange') return ok([specs.map((s) => s.symbol)]);
    if (path === '/v2/conf/pub:info:pair') {
      return ok([
        specs.map((s) => [
          s.symbol,
          [null, null, null, String(s.minVolume), '2000.0', null, null, null, 0.2, 0.1, null, null],
        ]),
      ]);
    }
    if (path === '/v2/tickers') return ok(specs.map((s) => [toVenueSymbol(s.symbol), ...ticker(s.symbol)]));
    const candle = /^\/v2\/candles\/trade:(1m|1h|1D|1W):t([A-Z0-9:]+)\/hist$/.exec(path);
    if (candle) return candles(candle[1]!, candle[2]!, q);
    return fail([10020, `unknown endpoint ${path}`], 404);
  }

  function candles(frame: string, pair: string, q: URLSearchParams): Reply {
    if (!ex.instruments.has(pair)) return fail(ERR.symbol);
    const interval = {
      '1m': Interval.MINUTE,
      '1h': Interval.HOUR,
      '1D': Interval.DAILY,
      '1W': Interval.WEEKLY,
    }[frame]!;
    const limit = Math.min(Number(q.get('limit') ?? 100) || 100, 10_000);
    const end = q.get('end') ? Number(q.get('end')) : now();
    const start = q.get('start') ? Number(q.get('start')) : 0;
    let bars = ex.getBars(pair, interval, start, end);
    // sort=1: oldest first; otherwise newest first (rest-public-candles).
    bars = q.get('sort') === '1' ? bars.slice(0, limit) : bars.reverse().slice(0, limit);
    return ok(bars.map((b) => [b.time, b.open, b.close, b.high, b.low, round8(b.volume)]));
  }

  function authRest(path: string, body: Record<string, unknown>): Reply {
    const account = ex.getAccount(ACCOUNT)!;
    switch (path) {
      case '/v2/auth/r/wallets':
        return ok(walletArrays(account, true, lastChange));
      case '/v2/auth/r/positions':
        return ok([]);
      case '/v2/auth/r/orders':
        return ok(ex.getOpenOrders(ACCOUNT).map((x) => orderArray(x, meta.get(x.orderId))));
      case '/v2/auth/r/orders/hist': {
        const start = Number(body.start ?? 0);
        const closed = ex
          .getOrders(ACCOUNT)
          .filter((x) => !isOpen(x) && x.updatedAt >= start)
          .sort((a, b) => b.updatedAt - a.updatedAt);
        return ok(
          closed.slice(0, Number(body.limit ?? 25) || 25).map((x) => orderArray(x, meta.get(x.orderId))),
        );
      }
      case '/v2/auth/r/trades/hist': {
        const start = Number(body.start ?? 0);
        const fills = ex.getFills(ACCOUNT).filter((f) => f.time >= start);
        if (body.sort !== 1) fills.reverse();
        return ok(
          fills
            .slice(0, Number(body.limit ?? 25) || 25)
            .map((f) => tradeArray(f, meta.get(f.orderId), ex.getOrder(ACCOUNT, f.orderId), true)),
        );
      }
      case '/v2/auth/w/order/submit':
        return submit(body);
      case '/v2/auth/w/order/cancel':
        return cancel(body);
      default:
        return fail([10020, `unknown endpoint ${path}`], 404);
    }
  }

  function submit(b: Record<string, unknown>): Reply {
    const venueType = String(b.type ?? '');
    const pair = toPair(String(b.symbol ?? ''));
    const amount = Number(b.amount);
    if (!pair || !ex.instruments.has(pair)) return fail(ERR.symbol);
    if (typeof b.amount !== 'string' || !Number.isFinite(amount) || amount === 0)
      return fail([10020, 'amount: invalid']);
    const flags = Number(b.flags ?? 0) || 0;
    const base = venueType.replace(/^EXCHANGE /, '');
    if (!venueType.startsWith('EXCHANGE ')) {
      return fail([10001, 'Invalid order: margin trading is not available in the simulator']);
    }
    const type =
      base === 'MARKET'
        ? OrderType.MARKET
        : base === 'STOP'
          ? OrderType.STOP
          : base === 'IOC'
            ? OrderType.FAK
            : base === 'FOK'
              ? OrderType.FOK
              : base === 'LIMIT'
                ? (flags & FLAG.POST_ONLY) !== 0
                  ? OrderType.POSTONLY
                  : OrderType.LIMIT
                : undefined;
    if (type === undefined) return fail([10020, 'type: invalid']);
    // Bitfinex cuts prices to 5 significant digits (docs: "Price precision").
    const price = type === OrderType.MARKET ? 0 : Number(Number(b.price).toPrecision(5));
    if (type !== OrderType.MARKET && !(price > 0)) return fail([10020, 'price: invalid']);
    const cid = Number(b.cid ?? 0) || 0;
    const clientOrderId = cid ? `${cid}` : `auto${now()}`;
    placing = { clientOrderId, meta: { cid, venueType, flags } };
    let result: ReturnType<typeof ex.placeOrder>;
    try {
      result = ex.placeOrder(ACCOUNT, {
        symbol: pair,
        side: amount > 0 ? 'BUY' : 'SELL',
        type,
        price,
        volume: Math.abs(amount),
        clientOrderId,
        ...(type === OrderType.POSTONLY ? { postOnly: true } : {}),
      });
    } finally {
      placing = undefined;
    }
    const requested = new Array<Json>(32).fill(null);
    requested[2] = cid || null;
    requested[3] = String(b.symbol);
    requested[6] = amount;
    requested[7] = amount;
    requested[8] = venueType;
    if (!result.ok) {
      const text = `Invalid order: ${result.reason}`;
      pushAccount('n', notification(now(), 'on-req', requested, 'ERROR', text));
      return fail([10001, text]);
    }
    const order = ex.getOrder(ACCOUNT, result.value.orderId) ?? result.value;
    if (!meta.has(order.orderId)) meta.set(order.orderId, { cid, venueType, flags });
    const text = submitText(venueType, order.side, order.volume, pair);
    const placed = orderArray(order, meta.get(order.orderId));
    // The REST reply holds [[order]]; the channel-0 notification holds the order itself (ws-auth-notifications).
    pushAccount('n', notification(now(), 'on-req', placed, 'SUCCESS', text));
    return ok(notification(now(), 'on-req', [placed], 'SUCCESS', text));
  }

  function cancel(b: Record<string, unknown>): Reply {
    let order: SimOrder | undefined;
    if (b.id !== undefined) order = ex.getOrder(ACCOUNT, Number(b.id));
    else if (b.cid !== undefined && typeof b.cid_date === 'string') {
      const candidate = ex.getOrderByClientId(ACCOUNT, String(b.cid));
      if (candidate && new Date(candidate.createdAt).toISOString().slice(0, 10) === b.cid_date)
        order = candidate;
    } else return fail([10020, 'id: invalid']);
    if (!order || !isOpen(order)) return fail(ERR.notFound);
    const result = ex.cancelOrder(ACCOUNT, order.orderId);
    if (!result.ok) return fail([10001, result.reason]);
    const n = notification(
      now(),
      'oc-req',
      orderArray(result.value, meta.get(order.orderId)),
      'SUCCESS',
      `Submitted for cancellation; waiting for confirmation (ID: ${order.orderId}).`,
    );
    pushAccount('n', n);
    return ok(n);
  }

  // ---- market views ----------------------------------------------------------------------------------------

  function view(pair: string): ChecksumLevel[][] {
    let v = views.get(pair);
    if (!v) {
      v = levelsOf(ex.getBook(pair, BOOK_LEN));
      views.set(pair, v);
    }
    return v;
  }

  function levelsOf(b: BookSnapshot | undefined): ChecksumLevel[][] {
    if (!b) return [[], []];
    return [
      b.bids.slice(0, BOOK_LEN).map((l) => [l.price, round8(l.volume)] as ChecksumLevel),
      b.asks.slice(0, BOOK_LEN).map((l) => [l.price, -round8(l.volume)] as ChecksumLevel),
    ];
  }

  function ticker(pair: string): Json[] {
    const s = ex.getStats(pair)!;
    const [bids, asks] = view(pair);
    const bid = bids![0] ?? [0, 0];
    const ask = asks![0] ?? [0, 0];
    return tickerArray(s, [bid[0], bid[1]], [ask[0], -ask[1]]);
  }

  ex.on('book', (b) => {
    const prev = views.get(b.symbol);
    const next = levelsOf(b);
    views.set(b.symbol, next);
    if (!prev) return;
    const updates: Json[][] = [];
    for (let side = 0; side < 2; side++) {
      const before = new Map(prev[side]!.map((l) => [l[0], l[1]]));
      const after = new Map(next[side]!.map((l) => [l[0], l[1]]));
      for (const [p] of before) if (!after.has(p)) updates.push([p, 0, side === 0 ? 1 : -1]);
      for (const [p, a] of after) if (before.get(p) !== a) updates.push([p, 1, a]);
    }
    if (updates.length === 0) return;
    let cs = bookChecksum(next[0]!, next[1]!);
    if (corrupt.delete(b.symbol)) cs = (cs ^ 1) | 0;
    publish('book', b.symbol, (c, sub) => {
      for (const u of updates) send(c, sub, [u]);
      send(c, sub, ['cs', cs]);
    });
  });
  ex.on('stats', (s) => publish('ticker', s.symbol, (c, sub) => send(c, sub, [ticker(s.symbol)])));
  ex.on('trade', (t) => {
    const row: Json[] = [t.tradeId, t.time, round8(t.side === 'SELL' ? -t.volume : t.volume), t.price];
    const list = recentTrades.get(t.symbol) ?? [];
    list.unshift(row);
    recentTrades.set(t.symbol, list.slice(0, 30));
    publish('trades', t.symbol, (c, sub) => {
      send(c, sub, ['te', row]);
      send(c, sub, ['tu', row]);
    });
  });

  // ---- account pushes --------------------------------------------------------------------------------------

  function isOpen(x: SimOrder): boolean {
    return x.status === 'NEW' || x.status === 'PARTIALLY_FILLED' || x.status === 'PENDING_TRIGGER';
  }

  ex.on('order', (x) => {
    if (x.accountId !== ACCOUNT) return;
    if (!meta.has(x.orderId) && placing?.clientOrderId === x.clientOrderId) meta.set(x.orderId, placing.meta);
    const m = meta.get(x.orderId);
    if (!announced.has(x.orderId)) {
      announced.add(x.orderId);
      if (x.status === 'REJECTED') return;
      pushAccount('on', orderArray({ ...x, status: 'NEW', filled: 0, avgPrice: 0 }, m));
      if (x.status === 'NEW') return;
    }
    if (x.status === 'REJECTED') return;
    pushAccount(isOpen(x) ? 'ou' : 'oc', orderArray(x, m));
  });
  ex.on('fill', (f: SimFill) => {
    if (f.accountId !== ACCOUNT) return;
    const m = meta.get(f.orderId);
    const order = ex.getOrder(ACCOUNT, f.orderId);
    const [b, q] = splitPair(f.symbol);
    lastFill = {
      orderId: f.orderId,
      cid: m?.cid ?? 0,
      base: b,
      quote: q,
      price: f.price,
      volume: round8(f.volume),
    };
    lastChange = lastFill;
    pushAccount('te', tradeArray(f, m, order, false));
    pushAccount('tu', tradeArray(f, m, order, true));
  });
  ex.on('account', (a) => {
    if (a.accountId !== ACCOUNT) return;
    // Bitfinex pushes 'wu' when a balance changes (a trade), not when an order only reserves funds.
    if (!lastFill) return;
    for (const w of walletArrays(a, false, lastFill)) pushAccount('wu', w);
    lastFill = undefined;
  });

  function pushAccount(type: string, payload: Json): void {
    for (const c of conns) if (c.authed) sendAccount(c, type, payload);
  }

  // ---- WebSocket -------------------------------------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (!reachable || path !== '/ws/2') {
      socket.end(`HTTP/1.1 ${reachable ? '404 Not Found' : '503 Service Unavailable'}\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  function raw(c: Conn, message: Json): void {
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(message));
  }

  /** A public channel message with the extras its connection asked for: [..., MTS?, SEQ?]. */
  function send(c: Conn, sub: ChannelSub, parts: Json[]): void {
    sub.lastSent = now();
    const msg: Json[] = [sub.chanId, ...parts];
    if (c.flags & CONF_FLAG.TIMESTAMP && parts[0] !== 'hb') msg.push(now());
    if (c.flags & CONF_FLAG.SEQ_ALL) {
      if (skip) {
        c.seq += 1;
      }
      msg.push(++c.seq);
    }
    raw(c, msg);
  }

  function sendAccount(c: Conn, type: string, payload: Json): void {
    const msg: Json[] = [0, type, payload];
    if (c.flags & CONF_FLAG.SEQ_ALL) msg.push(++c.seq, type === 'n' ? c.authSeq : ++c.authSeq);
    raw(c, msg);
  }

  function publish(
    channel: ChannelSub['channel'],
    pair: string,
    each: (c: Conn, sub: ChannelSub) => void,
  ): void {
    let any = false;
    for (const c of conns) {
      for (const sub of c.channels.values()) {
        if (sub.channel === channel && sub.symbol === pair) {
          each(c, sub);
          any = true;
        }
      }
    }
    if (any && skip) skip = false;
  }

  function accept(ws: WebSocket): void {
    const c: Conn = { ws, flags: 0, seq: 0, authSeq: 0, authed: false, dms: false, channels: new Map() };
    conns.add(c);
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      conns.delete(c);
      if (c.authed && c.dms) {
        // The dead man switch: every open order of the account is cancelled (docs: ws-auth, "dms").
        for (const x of ex.getOpenOrders(ACCOUNT)) ex.cancelOrder(ACCOUNT, x.orderId);
      }
    });
    raw(c, { event: 'info', version: 2, serverId: randomUUID(), platform: { status: maintenance ? 0 : 1 } });
    ws.on('message', (data) => {
      let e: Record<string, Json>;
      try {
        e = JSON.parse(data.toString()) as Record<string, Json>;
      } catch {
        return raw(c, { event: 'error', msg: 'invalid JSON', code: 10000 });
      }
      if (Array.isArray(e)) return input(c, e as Json[]);
      switch (e.event) {
        case 'conf':
          c.flags = Number(e.flags) || 0;
          return raw(c, { event: 'conf', status: 'OK', flags: c.flags });
        case 'ping':
          return raw(c, { event: 'pong', ts: now(), cid: e.cid ?? null });
        case 'subscribe':
          return subscribe(c, e);
        case 'unsubscribe': {
          const id = Number(e.chanId);
          if (!c.channels.delete(id))
            return raw(c, { event: 'error', msg: 'unsubscribe: invalid', code: 10400 });
          return raw(c, { event: 'unsubscribed', status: 'OK', chanId: id });
        }
        case 'auth':
          return auth(c, e);
        default:
          return raw(c, { event: 'error', msg: 'unknown event', code: 10000 });
      }
    });
  }

  /** Account inputs `[0, TYPE, null, {...}]` (docs: ws-auth-input); the simulator takes `ou`. */
  function input(c: Conn, e: Json[]): void {
    const body = e[3];
    if (!c.authed || e[0] !== 0 || e[1] !== 'ou' || typeof body !== 'object' || body === null)
      return raw(c, { event: 'error', msg: 'input: unsupported', code: 10000 });
    updateOrder(body as Record<string, Json>);
  }

  /**
   * `ou` (docs: ws-auth-input-order-update): a working order's new price and/or remaining amount (signed as the
   * order's side), in place. Answered on channel 0 by an `n` "ou-req", SUCCESS with the updated order (after its
   * `ou`) or ERROR with the reason and the order unchanged.
   */
  function updateOrder(b: Record<string, Json>): void {
    const order = typeof b.id === 'number' ? ex.getOrder(ACCOUNT, b.id) : undefined;
    const refuse = (text: string, o?: SimOrder): void =>
      pushAccount(
        'n',
        notification(now(), 'ou-req', o ? orderArray(o, meta.get(o.orderId)) : null, 'ERROR', text),
      );
    if (!order || !isOpen(order)) return refuse(ERR.notFound[1], order);
    const change: { price?: number; volume?: number } = {};
    if (b.price !== undefined) {
      const price = Number(b.price);
      if (typeof b.price !== 'string' || !(price > 0)) return refuse('price: invalid', order);
      change.price = price;
    }
    if (b.amount !== undefined) {
      const amount = Number(b.amount);
      if (typeof b.amount !== 'string' || !Number.isFinite(amount) || amount === 0)
        return refuse('amount: invalid', order);
      if (amount > 0 !== (order.side === 'BUY'))
        return refuse("amount: invalid (its sign must be the order's side)", order);
      change.volume = Number((order.filled + Math.abs(amount)).toFixed(8));
    }
    if (
      b.delta !== undefined ||
      b.gid !== undefined ||
      b.flags !== undefined ||
      b.price_aux_limit !== undefined
    )
      return refuse('the simulator updates price and amount only', order);
    if (change.price === undefined && change.volume === undefined) return refuse('amount: invalid', order);
    const result = ex.amendOrder(ACCOUNT, order.orderId, change);
    if (!result.ok) return refuse(`Invalid order: ${result.reason}`, order);
    const updated = ex.getOrder(ACCOUNT, order.orderId) ?? result.value;
    const m = meta.get(updated.orderId);
    const [base] = splitPair(updated.symbol);
    const left = round8(updated.volume - updated.filled);
    const type = (m?.venueType ?? 'EXCHANGE LIMIT').toLowerCase();
    const text = `Submitting update to ${type} ${updated.side === 'BUY' ? 'buy' : 'sell'} order for ${left} ${base}.`;
    pushAccount('n', notification(now(), 'ou-req', orderArray(updated, m), 'SUCCESS', text));
  }

  function subscribe(c: Conn, e: Record<string, Json>): void {
    const channel = e.channel;
    const symbol = String(e.symbol ?? '');
    const pair = toPair(symbol);
    const base = { event: 'error', channel: channel ?? null, symbol };
    if (channel !== 'ticker' && channel !== 'trades' && channel !== 'book')
      return raw(c, { ...base, msg: 'subscribe: invalid', code: 10300 });
    if (!pair || !ex.instruments.has(pair)) return raw(c, { ...base, msg: 'symbol: invalid', code: 10300 });
    if (channel === 'book' && (e.prec ?? 'P0') !== 'P0')
      return raw(c, { ...base, msg: 'prec: invalid (the simulator serves P0)', code: 10300 });
    for (const s of c.channels.values())
      if (s.channel === channel && s.symbol === pair)
        return raw(c, { ...base, msg: 'subscribe: dup', code: 10301 });
    if (c.channels.size >= MAX_CHANNELS_PER_CONNECTION)
      return raw(c, { ...base, msg: 'subscribe: limit', code: 10305 });
    const sub: ChannelSub = { chanId: nextChanId++, channel, symbol: pair, lastSent: now() };
    c.channels.set(sub.chanId, sub);
    const ack: Record<string, Json> = { event: 'subscribed', channel, chanId: sub.chanId, symbol, pair };
    if (channel === 'book')
      Object.assign(ack, { prec: 'P0', freq: String(e.freq ?? 'F0'), len: String(e.len ?? '25') });
    raw(c, ack);
    if (channel === 'book') {
      const [bids, asks] = view(pair);
      send(c, sub, [[...bids!, ...asks!].map((l) => [l[0], 1, l[1]])]);
    } else if (channel === 'ticker') send(c, sub, [ticker(pair)]);
    else send(c, sub, [recentTrades.get(pair) ?? []]);
  }

  function auth(c: Conn, e: Record<string, Json>): void {
    if (c.authed)
      return raw(c, { event: 'auth', status: 'FAILED', chanId: 0, code: 10101, msg: 'auth: dup' });
    const error = checkWsAuth(creds, nonces, e);
    if (error) return raw(c, { event: 'auth', status: 'FAILED', chanId: 0, code: error[0], msg: error[1] });
    c.authed = true;
    c.dms = e.dms === 4;
    raw(c, { event: 'auth', status: 'OK', chanId: 0, userId: 269312, auth_id: randomUUID(), caps: {} });
    sendAccount(c, 'ps', []);
    sendAccount(c, 'ws', walletArrays(ex.getAccount(ACCOUNT)!, false));
    sendAccount(
      c,
      'os',
      ex.getOpenOrders(ACCOUNT).map((x) => orderArray(x, meta.get(x.orderId))),
    );
  }

  const heartbeat = setInterval(
    () => {
      const t = now();
      for (const c of conns) {
        for (const sub of c.channels.values()) if (t - sub.lastSent >= hbMs) send(c, sub, ['hb']);
        if (c.authed) raw(c, [0, 'hb']);
      }
    },
    Math.max(10, Math.floor((o.heartbeatMs ?? 15_000) / 3)),
  );
  const hbMs = o.heartbeatMs ?? 15_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  ex.start();
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const base = `${host}:${addr.port}`;

  const sim: BitfinexSim = {
    restUrl: `http://${base}`,
    wsUrl: `ws://${base}/ws/2`,
    credentials: creds,
    exchange: ex,
    accountId: ACCOUNT,
    nonces,
    dropConnections() {
      for (const c of conns) c.ws.terminate();
    },
    setReachable(on) {
      reachable = on;
      if (!on) {
        sim.dropConnections();
        for (const s of rawSockets) s.destroy();
      }
    },
    rejectNext(reason) {
      ex.injectReject(ACCOUNT, reason);
    },
    rateLimitNext(count) {
      rateLimited = Math.max(0, count);
    },
    sendInfo(code) {
      const msg =
        code === INFO_CODE.RECONNECT
          ? 'Stopping. Please try to reconnect'
          : code === INFO_CODE.MAINTENANCE_START
            ? 'Entering in Maintenance mode. Please pause any activity and resume after receiving the info message 20061 (it should take 120 seconds at most).'
            : 'Maintenance ended. You can resume normal activity. It is advised to unsubscribe/subscribe again all channels.';
      for (const c of conns) raw(c, { event: 'info', code, msg });
    },
    setMaintenance(on) {
      maintenance = on;
    },
    corruptNextChecksum(pair) {
      corrupt.add(pair);
    },
    skipSequence() {
      skip = true;
    },
    dropNextReply(path) {
      dropReplies.add(path);
    },
    sendRaw(link, text) {
      for (const c of conns) {
        if ((link === 'account') === c.authed && c.ws.readyState === c.ws.OPEN) c.ws.send(text);
      }
    },
    channelCounts() {
      return [...conns].filter((c) => !c.authed).map((c) => c.channels.size);
    },
    async close() {
      clearInterval(heartbeat);
      ex.stop();
      for (const c of conns) c.ws.terminate();
      wss.close();
      for (const s of rawSockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}
