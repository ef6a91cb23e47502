// `vnt sim onetoken`: 1Token's last documented API on loopback, over the shared simulated exchange. REST under
// /api/v1 (basic/contracts; trade/{exchange}/{account}/info|orders|trans with Api-Nonce/Api-Key/Api-Signature),
// the tick stream /api/v1/ws/tick ({"uri":"auth"}, subscribe-single-tick-verbose, ping/pong, 30 s idle close,
// 50 contracts per connection) and the account stream /api/v1/ws/trade/{exchange}/{account} (signed upgrade
// headers over /ws/{account}; sub-info, sub-order). Levers for tests: drop, unreachable, reject the next order,
// rate limit, raw frames, a quiet market.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Exchange, OrderType, Product } from '../../../src/core/constant.js';
import { createSimExchange } from '../../../src/sim/exchange.js';
import type { InstrumentSpec, RejectCode, SimExchange, SimOrder } from '../../../src/sim/types.js';
import { sign } from '../sign.js';
import type { OtContract, OtError } from '../types.js';
import * as wire from './wire.js';
import { isOpen } from './wire.js';

export interface OnetokenSimOptions {
  host?: string;
  port?: number;
  seed?: number;
  tickRate?: number;
  /** Overrides every instrument's volatility (0 holds prices still). */
  volatility?: number;
  /** A WebSocket that sends nothing for this long is closed (1Token: 30 s). */
  idleMs?: number;
  /** How long the account stream waits for credentials before closing (1Token: 3 s). */
  jwtWaitMs?: number;
  /** More huobip pairs (c1.usdt, c2.usdt, ...), for tests of the 50-contracts-per-connection limit. */
  extraPairs?: number;
}

export interface OnetokenCredentials {
  key: string;
  secret: string;
  /** The account name part: `huobip/<account>`. */
  account: string;
}

export const TEST_CREDENTIALS: OnetokenCredentials = {
  key: 'vnt-sim-ot-key',
  secret: 'vnt-sim-ot-secret-not-valid-anywhere',
  account: 'mock-vnt',
};

/** The venues the simulator serves, by 1Token code: spot pairs named as 1Token names them. */
const VENUES: Readonly<Record<string, { exchange: Exchange; pairs: [string, number, number, number][] }>> = {
  // [pair, price, tick, lot]
  huobip: {
    exchange: Exchange.HUOBI,
    pairs: [
      ['btc.usdt', 96500, 0.01, 0.0001],
      ['eth.usdt', 3400, 0.01, 0.001],
    ],
  },
  binance: { exchange: Exchange.BINANCE, pairs: [['btc.usdt', 96500, 0.01, 0.00001]] },
  okex: { exchange: Exchange.OKEX, pairs: [['btc.usdt', 96500, 0.1, 0.0001]] },
};

export interface OnetokenSim {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly credentials: OnetokenCredentials;
  readonly exchanges: ReadonlyMap<string, SimExchange>;
  accountId(ot: string): string;
  dropConnections(): void;
  setReachable(reachable: boolean): void;
  /** The next order is refused with this 1Token error code and message. */
  rejectNext(code: string, message: string): void;
  /** The next `count` trading requests are answered 429 with exg-rate-limit-exceeded. */
  rateLimitNext(count: number): void;
  /** Sends raw text on every open tick ('ticks') or account ('account') stream. */
  sendRaw(link: 'ticks' | 'account', text: string): void;
  /** Every open stream gets {"uri":"status","code":"rate-limit-exceed"} and is closed, as 1Token does. */
  exceedBandwidth(): void;
  /** Frames the simulator sent, by uri (the first five of each), for the sim/doc agreement test. */
  readonly sent: Map<string, unknown[]>;
  /** How many frames of each uri were sent. */
  readonly sentCount: Map<string, number>;
  /** WebSocket connections accepted so far (tick and account streams). */
  readonly accepted: () => number;
  /**
   * The next order placement fails in transport: 'after' executes it and answers 502 (the reply is lost);
   * 'before' cuts the connection without executing it.
   */
  losePlacement(when: 'after' | 'before'): void;
  close(): Promise<void>;
}

const REJECT: Partial<Record<RejectCode, string>> = {
  UNKNOWN_INSTRUMENT: 'contract-not-exist',
  BAD_PRICE_TICK: 'exg-place-order-error-price',
  PRICE_OUT_OF_BAND: 'exg-place-order-error-price',
  BAD_LOT_SIZE: 'exg-place-order-error-amount',
  BELOW_MIN_VOLUME: 'exg-place-order-error-amount',
  INSUFFICIENT_FUNDS: 'exg-place-order-no-money',
  INSUFFICIENT_POSITION: 'exg-place-order-no-money',
  DUPLICATE_CLIENT_ID: 'client_oid-already-existed',
};

type Reply = { status: number; body: unknown };
const ok = (body: unknown): Reply => ({ status: 200, body });
const fail = (status: number, code: string, message: string): Reply => ({
  status,
  body: { code, message } satisfies OtError,
});

export async function startOnetokenSim(o: OnetokenSimOptions = {}): Promise<OnetokenSim> {
  const creds = TEST_CREDENTIALS;
  const idleMs = o.idleMs ?? 30_000;
  let reachable = true;
  let rateLimited = 0;
  let lastNonce = 0;
  const injected: OtError[] = [];
  const sent = new Map<string, unknown[]>();
  const sentCount = new Map<string, number>();
  let accepted = 0;
  let lose: 'after' | 'before' | undefined;
  const exchanges = new Map<string, SimExchange>();
  for (const [ot, v] of Object.entries(VENUES)) {
    const extra: [string, number, number, number][] =
      ot === 'huobip'
        ? Array.from({ length: o.extraPairs ?? 0 }, (_, i) => [`c${i + 1}.usdt`, 10 + i, 0.001, 0.01])
        : [];
    const instruments: InstrumentSpec[] = [...v.pairs, ...extra].map(([pair, price, tick, lot]) => ({
      symbol: pair,
      exchange: v.exchange,
      name: pair.toUpperCase().replace('.', '/'),
      product: Product.SPOT,
      size: 1,
      pricetick: tick,
      lotSize: lot,
      minVolume: lot,
      commissionRate: 0.002,
      initialPrice: price,
      volatility: o.volatility ?? 0.0005,
      currency: 'USDT',
      baseAsset: pair.split('.')[0]!.toUpperCase(),
    }));
    const ex = createSimExchange({ seed: o.seed ?? 1, instruments, tickRate: o.tickRate ?? 20 });
    const assets = Object.fromEntries(
      instruments.map((i) => [i.baseAsset!, i.baseAsset === 'BTC' ? 10 : 100]),
    );
    ex.openAccount(accountIdOf(ot), 1_000_000, 'USDT', assets);
    exchanges.set(ot, ex);
  }
  function accountIdOf(ot: string): string {
    return `${ot}/${creds.account}`;
  }
  const record = (uri: string, frame: unknown): void => {
    sentCount.set(uri, (sentCount.get(uri) ?? 0) + 1);
    const list = sent.get(uri) ?? [];
    if (list.length < 5) list.push(frame);
    sent.set(uri, list);
  };

  const sockets = new Set<WebSocket>();
  const tickSockets = new Set<WebSocket>();
  const accountSockets = new Set<WebSocket>();
  const rawSockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    if (!reachable) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      if (lose && req.method === 'POST' && url.pathname.endsWith('/orders')) {
        const when = lose;
        lose = undefined;
        if (when === 'before') {
          req.socket.destroy();
          return;
        }
        rest(req.method, url, Buffer.concat(chunks).toString('utf8'), req.headers);
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>502 Bad Gateway</html>');
        return;
      }
      let reply: Reply;
      try {
        reply = rest(req.method ?? 'GET', url, Buffer.concat(chunks).toString('utf8'), req.headers);
      } catch (error) {
        reply = fail(500, 'unexpected-error', error instanceof Error ? error.message : String(error));
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  server.on('connection', (s) => {
    rawSockets.add(s);
    s.on('close', () => rawSockets.delete(s));
  });

  /** The documented Api-* checks; the nonce must grow for the key (1Token: "increasing, below 2^53"). */
  function authenticate(
    verb: string,
    signedPath: string,
    body: string,
    headers: http.IncomingHttpHeaders,
  ): OtError | undefined {
    const key = headers['api-key'];
    const nonce = headers['api-nonce'];
    const signature = headers['api-signature'];
    if (typeof key !== 'string' || typeof nonce !== 'string' || typeof signature !== 'string') {
      return {
        code: 'no-valid-authentication',
        message: 'Api-Nonce, Api-Key and Api-Signature are required',
      };
    }
    if (key !== creds.key) return { code: 'invalid-api-key', message: 'invalid ot-key' };
    const n = Number(nonce);
    if (!/^\d+$/.test(nonce) || !Number.isSafeInteger(n)) {
      return { code: 'invalid-param', message: 'Api-Nonce must be an integer below 2^53' };
    }
    if (sign(creds.secret, verb, signedPath, nonce, body) !== signature) {
      return { code: 'invalid-api-key', message: 'signature mismatch' };
    }
    if (n <= lastNonce)
      return { code: 'invalid-param', message: `Api-Nonce ${n} is not larger than ${lastNonce}` };
    lastNonce = n;
    return undefined;
  }

  function rest(method: string, url: URL, body: string, headers: http.IncomingHttpHeaders): Reply {
    const path = url.pathname;
    if (method === 'GET' && path === '/api/v1/basic/contracts') {
      const ot = url.searchParams.get('exchange') ?? '';
      const ex = exchanges.get(ot);
      if (!ex) return fail(400, 'invalid-param', `exchange ${ot} is not supported`);
      return ok(
        [...ex.instruments.values()].map((i): OtContract => ({
          symbol: `${ot}/${i.symbol}`,
          name: i.symbol,
          exchange: ot,
          min_change: i.pricetick,
          min_amount: i.minVolume,
          unit_amount: i.lotSize,
          min_notional: 1,
        })),
      );
    }
    if (method === 'GET' && path === '/api/v1/basic/time') {
      return ok({ server_time: Date.now() / 1000 });
    }
    const m = /^\/api\/v1\/trade\/([a-z]+)\/([^/]+)\/(info|orders|trans)$/.exec(path);
    if (!m) return fail(404, 'not-allowed', `no endpoint ${method} ${path}`);
    const [, ot = '', account = '', endpoint = ''] = m;
    const signedPath = path.slice('/api/v1/trade'.length);
    const authError = authenticate(method, signedPath, body, headers);
    if (authError) return { status: 401, body: authError };
    const ex = exchanges.get(ot);
    if (!ex || decodeURIComponent(account) !== creds.account) {
      return fail(400, 'invalid-account-config', `account ${ot}/${decodeURIComponent(account)} is not known`);
    }
    if (rateLimited > 0) {
      rateLimited -= 1;
      return fail(429, 'exg-rate-limit-exceeded', 'too many requests to the exchange');
    }
    const id = accountIdOf(ot);
    const q = url.searchParams;
    switch (`${method} ${endpoint}`) {
      case 'GET info':
        return ok(wire.info(ex.getAccount(id)!, pricesOf(ex)));
      case 'GET orders': {
        let list = ex.getOrders(id);
        const clientOid = q.get('client_oid');
        const exchangeOid = q.get('exchange_oid');
        const contract = q.get('contract');
        if (clientOid) {
          const wanted = new Set(clientOid.split(','));
          list = list.filter((x) => wanted.has(x.clientOrderId));
          if (list.length === 0)
            return fail(400, 'client_oid-not-found', `client_oid ${clientOid} not found`);
        }
        if (exchangeOid) {
          const wanted = new Set(exchangeOid.split(','));
          list = list.filter((x) => wanted.has(wire.exchangeOid(ot, x)));
        }
        if (contract) list = list.filter((x) => `${ot}/${x.symbol}` === contract);
        const state = q.get('state');
        if (state === 'active') list = list.filter(isOpen);
        else if (state === 'end') list = list.filter((x) => !isOpen(x));
        return ok(list.map((x) => wire.order(ot, creds.account, x)));
      }
      case 'GET trans': {
        const contract = q.get('contract');
        const fills = ex.getFills(id).filter((f) => !contract || `${ot}/${f.symbol}` === contract);
        return ok(fills.map((f) => wire.transaction(ot, creds.account, f)));
      }
      case 'POST orders':
        return place(ex, ot, id, body);
      case 'DELETE orders': {
        const clientOid = q.get('client_oid');
        const exchangeOid = q.get('exchange_oid');
        const target = ex
          .getOrders(id)
          .find(
            (x) =>
              (clientOid && x.clientOrderId === clientOid) ||
              (exchangeOid && wire.exchangeOid(ot, x) === exchangeOid),
          );
        if (!target || !isOpen(target)) {
          return fail(400, 'exg-cancel-order-not-exist', 'the order is cancelled already or does not exist');
        }
        const r = ex.cancelOrder(id, target.orderId);
        if (!r.ok) return fail(400, 'exg-cancel-order-not-exist', r.reason);
        return ok({ exchange_oid: wire.exchangeOid(ot, target), client_oid: target.clientOrderId || null });
      }
      default:
        return fail(405, 'not-allowed', `${method} ${endpoint} is not allowed`);
    }
  }

  function place(ex: SimExchange, ot: string, id: string, body: string): Reply {
    let req: { contract?: unknown; price?: unknown; bs?: unknown; amount?: unknown; client_oid?: unknown };
    try {
      req = JSON.parse(body) as typeof req;
    } catch {
      return fail(400, 'invalid-param', 'the body is not JSON');
    }
    const contract = typeof req.contract === 'string' ? req.contract : '';
    const symbol = contract.startsWith(`${ot}/`) ? contract.slice(ot.length + 1) : '';
    if (!ex.instruments.has(symbol))
      return fail(400, 'contract-not-exist', `contract ${contract} does not exist`);
    if (req.bs !== 'b' && req.bs !== 's') return fail(400, 'invalid-param', 'bs must be "b" or "s"');
    if (typeof req.price !== 'number' || !(req.price > 0))
      return fail(400, 'invalid-param', 'price must be a positive number');
    if (typeof req.amount !== 'number' || !(req.amount > 0))
      return fail(400, 'invalid-param', 'amount must be a positive number');
    const clientOid = req.client_oid;
    if (clientOid !== undefined) {
      // Documented: {contract}-{string}, the string 12 to 28 characters of A-Za-z0-9.
      const suffix =
        typeof clientOid === 'string' && clientOid.startsWith(`${contract}-`)
          ? clientOid.slice(contract.length + 1)
          : '';
      if (!/^[A-Za-z0-9]{12,28}$/.test(suffix)) {
        return fail(400, 'invalid-param', 'client_oid must be {contract}-{12 to 28 of A-Za-z0-9}');
      }
    }
    const refused = injected.shift();
    if (refused) return fail(400, refused.code, refused.message);
    const r = ex.placeOrder(id, {
      symbol,
      side: req.bs === 'b' ? 'BUY' : 'SELL',
      type: OrderType.LIMIT,
      price: req.price,
      volume: req.amount,
      ...(typeof clientOid === 'string' ? { clientOrderId: clientOid } : {}),
    });
    if (!r.ok) return fail(400, REJECT[r.code] ?? 'exg-invalid-param', r.reason);
    return ok({ client_oid: r.value.clientOrderId || null, exchange_oid: wire.exchangeOid(ot, r.value) });
  }

  // ---- WebSockets ------------------------------------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const trade = /^\/api\/v1\/ws\/trade\/([a-z]+)\/([^/]+)$/.exec(url.pathname);
    if (!reachable || (url.pathname !== '/api/v1/ws/tick' && !trade)) {
      socket.end(`HTTP/1.1 ${reachable ? '404 Not Found' : '503 Service Unavailable'}\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      accepted += 1;
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      idleClose(ws);
      if (trade) accountStream(ws, trade[1]!, decodeURIComponent(trade[2]!), req.headers);
      else tickStream(ws);
    });
  });

  function send(ws: WebSocket, frame: Record<string, unknown>): void {
    if (ws.readyState !== ws.OPEN) return;
    record(String(frame.uri), frame);
    ws.send(JSON.stringify(frame));
  }

  /** 1Token closes a connection that has sent nothing for 30 s (the simulator: idleMs). */
  function idleClose(ws: WebSocket): void {
    let timer = setTimeout(() => ws.terminate(), idleMs);
    ws.on('message', () => {
      clearTimeout(timer);
      timer = setTimeout(() => ws.terminate(), idleMs);
    });
    ws.on('close', () => clearTimeout(timer));
  }

  function tickStream(ws: WebSocket): void {
    tickSockets.add(ws);
    let authed = false;
    const subs = new Map<string, { ot: string; symbol: string; volume: number; turnover: number }>();
    const onBook = (ot: string) => (b: { symbol: string }) => {
      const sub = subs.get(`${ot}/${b.symbol}`);
      const ex = exchanges.get(ot)!;
      const book = ex.getBook(b.symbol, 10);
      if (!sub || !book) return;
      const stats = ex.getStats(b.symbol);
      send(ws, { uri: 'single-tick-verbose', data: wire.tick(ot, book, stats, 10, sub) });
      sub.volume = stats?.volume ?? sub.volume;
      sub.turnover = stats?.turnover ?? sub.turnover;
    };
    const listeners = [...exchanges].map(([ot, ex]) => {
      const l = onBook(ot);
      ex.on('book', l);
      return () => ex.off('book', l);
    });
    ws.on('close', () => {
      tickSockets.delete(ws);
      for (const off of listeners) off();
    });
    ws.on('message', (data) => {
      let msg: { uri?: unknown; contract?: unknown; uuid?: unknown };
      try {
        msg = JSON.parse(data.toString()) as typeof msg;
      } catch {
        return send(ws, { uri: 'error', code: 'invalid-param', message: 'not JSON' });
      }
      switch (msg.uri) {
        case 'ping':
          return send(ws, {
            uri: 'pong',
            ...(msg.uuid !== undefined ? { uuid: msg.uuid } : {}),
            timestamp: Date.now() / 1000,
          });
        case 'auth':
          authed = true;
          return send(ws, { uri: 'auth', message: 'Auth succeed.' });
        case 'subscribe-single-tick-verbose': {
          const contract = typeof msg.contract === 'string' ? msg.contract : '';
          const [ot = '', symbol = ''] = contract.split('/');
          const ex = exchanges.get(ot);
          if (!authed) return send(ws, { uri: msg.uri, code: 'no-valid-authentication', contract });
          if (!ex || !ex.instruments.has(symbol))
            return send(ws, { uri: msg.uri, code: 'contract-not-exist', contract });
          if (!subs.has(contract) && subs.size >= 50) {
            return send(ws, {
              uri: msg.uri,
              code: 'not-allowed',
              contract,
              message: 'at most 50 contracts per connection',
            });
          }
          const stats = ex.getStats(symbol);
          subs.set(contract, { ot, symbol, volume: stats?.volume ?? 0, turnover: stats?.turnover ?? 0 });
          send(ws, { uri: msg.uri, code: 'success', contract });
          onBook(ot)({ symbol });
          return;
        }
        case 'unsubscribe-single-tick-verbose': {
          const contract = typeof msg.contract === 'string' ? msg.contract : '';
          subs.delete(contract);
          return send(ws, { uri: msg.uri, code: 'success', contract });
        }
        default:
          return send(ws, { uri: 'error', code: 'invalid-param', message: `unknown uri ${String(msg.uri)}` });
      }
    });
  }

  function accountStream(
    ws: WebSocket,
    ot: string,
    account: string,
    headers: http.IncomingHttpHeaders,
  ): void {
    const ex = exchanges.get(ot);
    if (headers['api-key'] === undefined) {
      send(ws, { uri: 'wait-for-jwt' });
      const t = setTimeout(() => ws.close(), o.jwtWaitMs ?? 3000);
      ws.on('close', () => clearTimeout(t));
      return;
    }
    const error = authenticate('GET', `/ws/${account}`, '', headers);
    if (error || !ex || account !== creds.account) {
      send(ws, {
        uri: 'auth',
        code: 'fail',
        message: error ?? { code: 'invalid-account-config', message: 'unknown account' },
      });
      ws.close();
      return;
    }
    accountSockets.add(ws);
    const id = accountIdOf(ot);
    const wants = { info: false, order: false };
    const onOrder = (x: SimOrder) => {
      if (wants.order && x.accountId === id)
        send(ws, { uri: 'order', type: 'update', data: [wire.order(ot, account, x)] });
    };
    const onAccount = () => {
      if (wants.info)
        send(ws, { uri: 'info', type: 'snapshot', data: wire.info(ex.getAccount(id)!, pricesOf(ex)) });
    };
    ex.on('order', onOrder);
    ex.on('account', onAccount);
    ws.on('close', () => {
      accountSockets.delete(ws);
      ex.off('order', onOrder);
      ex.off('account', onAccount);
    });
    send(ws, { uri: 'status', code: 'connected', message: 'account: ****' });
    ws.on('message', (data) => {
      let msg: { uri?: unknown };
      try {
        msg = JSON.parse(data.toString()) as typeof msg;
      } catch {
        return;
      }
      switch (msg.uri) {
        case 'ping':
          return send(ws, { uri: 'pong', timestamp: Date.now() / 1000 });
        case 'sub-info':
          wants.info = true;
          send(ws, { uri: 'sub-info', code: 'success' });
          return onAccount();
        case 'sub-order':
          wants.order = true;
          send(ws, { uri: 'sub-order', code: 'success' });
          return send(ws, {
            uri: 'order',
            type: 'snapshot',
            data: ex.getOpenOrders(id).map((x) => wire.order(ot, account, x)),
          });
        default:
          return;
      }
    });
  }

  function pricesOf(ex: SimExchange): Map<string, number> {
    const prices = new Map<string, number>();
    for (const i of ex.instruments.values()) {
      const s = ex.getStats(i.symbol);
      if (s && i.baseAsset) prices.set(i.baseAsset.toLowerCase(), s.lastPrice);
    }
    return prices;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  for (const ex of exchanges.values()) ex.start();
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const base = `${host}:${addr.port}`;

  const sim: OnetokenSim = {
    restUrl: `http://${base}/api/v1`,
    wsUrl: `ws://${base}/api/v1/ws`,
    credentials: creds,
    exchanges,
    sent,
    sentCount,
    accepted: () => accepted,
    losePlacement(when) {
      lose = when;
    },
    accountId: accountIdOf,
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
    rejectNext(code, message) {
      injected.push({ code, message });
    },
    rateLimitNext(count) {
      rateLimited = Math.max(0, count);
    },
    sendRaw(link, text) {
      for (const ws of link === 'ticks' ? tickSockets : accountSockets)
        if (ws.readyState === ws.OPEN) ws.send(text);
    },
    exceedBandwidth() {
      for (const ws of [...tickSockets, ...accountSockets]) {
        send(ws, { uri: 'status', code: 'rate-limit-exceed' });
        ws.close();
      }
    },
    async close() {
      for (const ex of exchanges.values()) ex.stop();
      for (const ws of sockets) ws.terminate();
      wss.close();
      for (const s of rawSockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}
