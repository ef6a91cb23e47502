// The Tiger simulator's transport: one loopback HTTP server for the REST gateway (POST /gateway: the signed
// envelope checked against the developer's public key, the reply signed with the simulator's "Tiger" key
// over the request's timestamp) and one TLS server for the push channel (varint-delimited protobuf:
// CONNECT with the signed tiger id, CONNECTED with the heart-beat intervals, HEARTBEAT, SUBSCRIBE, MESSAGE
// pushes). Levers for tests: drop links, go unreachable, fall silent (no heartbeats), reject the next order,
// rate-limit (code 4), clock skew, kick out (4001), raw bytes, replace a reply, pause the market.
import crypto, { type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import tls from 'node:tls';
import { Exchange, Product } from '../../../src/core/constant.js';
import { createSimExchange } from '../../../src/sim/exchange.js';
import type { SimExchange } from '../../../src/sim/types.js';
import {
  Command,
  DataType,
  FrameReader,
  ResponseCode,
  decodeRequest,
  encodeResponse,
  type PushDataInput,
  type RequestMsg,
  type ResponseInput,
} from '../proto.js';
import { makeToken } from '../token.js';
import { parseTigerTimestamp, quoteBigIntegers, rsaSign, rsaVerify, signContent } from '../sign.js';
import { CODE, TigerVenue, refuse, tigerJson, type Answer, type VenueInstrument } from './venue.js';

export const TIGER_INSTRUMENTS: VenueInstrument[] = [
  {
    symbol: 'AAPL',
    exchange: Exchange.SMART,
    name: 'Apple',
    product: Product.EQUITY,
    size: 1,
    pricetick: 0.01,
    lotSize: 1,
    minVolume: 1,
    commissionRate: 0,
    initialPrice: 230.14,
    volatility: 0.0001,
    currency: 'USD',
    market: 'US',
    primaryExchange: 'NASDAQ',
    tickSizes: [
      { begin: '0', end: '1', type: 'CLOSED', tickSize: 0.0001 },
      { begin: '1', end: 'Infinity', type: 'OPEN', tickSize: 0.01 },
    ],
  },
  {
    symbol: 'TSLA',
    exchange: Exchange.SMART,
    name: 'Tesla',
    product: Product.EQUITY,
    size: 1,
    pricetick: 0.01,
    lotSize: 1,
    minVolume: 1,
    commissionRate: 0,
    initialPrice: 352.5,
    volatility: 0.0002,
    currency: 'USD',
    market: 'US',
    primaryExchange: 'NASDAQ',
    tickSizes: [
      { begin: '0', end: '1', type: 'CLOSED', tickSize: 0.0001 },
      { begin: '1', end: 'Infinity', type: 'OPEN', tickSize: 0.01 },
    ],
  },
  {
    symbol: '00700',
    exchange: Exchange.SEHK,
    name: '腾讯控股',
    englishName: 'TENCENT',
    product: Product.EQUITY,
    size: 1,
    pricetick: 0.2,
    lotSize: 100,
    minVolume: 100,
    commissionRate: 0,
    initialPrice: 412.4,
    volatility: 0.0001,
    currency: 'HKD',
    market: 'HK',
    primaryExchange: 'SEHK',
    tickSizes: [{ begin: '200', end: '500', type: 'CLOSED', tickSize: 0.2 }],
  },
];

/** An AAPL call (Tiger's identifier: the OCC symbol, the root padded to six characters). */
export const OPTION_ID = 'AAPL  260116C00230000';
TIGER_INSTRUMENTS.push({
  symbol: OPTION_ID,
  exchange: Exchange.SMART,
  name: 'AAPL 260116 230.0 CALL',
  product: Product.OPTION,
  size: 100,
  pricetick: 0.01,
  lotSize: 1,
  minVolume: 1,
  commissionRate: 0,
  initialPrice: 12.35,
  volatility: 0.0002,
  currency: 'USD',
  market: 'US',
  primaryExchange: 'CBOE',
  tickSizes: [{ begin: '0', end: 'Infinity', type: 'OPEN', tickSize: 0.01 }],
  option: { underlying: 'AAPL', expiry: '20260116', strike: '230.0', right: 'CALL' },
});

/** An E-mini S&P 500 future on CME (fields as Tiger's future methods give them). */
export const FUTURE_CODE = 'ES2612';
TIGER_INSTRUMENTS.push({
  symbol: FUTURE_CODE,
  exchange: Exchange.CME,
  name: 'E-mini S&P 500 - Dec 2026',
  product: Product.FUTURES,
  size: 50,
  pricetick: 0.25,
  lotSize: 1,
  minVolume: 1,
  commissionRate: 0,
  marginRate: 0.05,
  initialPrice: 6012.5,
  volatility: 0.0001,
  currency: 'USD',
  market: 'US',
  primaryExchange: 'CME',
  tickSizes: [],
  future: {
    type: 'ES',
    exchange: 'CME',
    exchangeCode: 'GLOBEX',
    contractMonth: '202612',
    lastTradingDate: '20261218',
    productType: 'Equity Index',
    productWorth: 'US$50 USD per index point',
    deliveryMode: 'Cash',
  },
});

export const ACCOUNT = '20240816110016';
export const TIGER_ID = '20150001';

export interface TigerSimOptions {
  host?: string;
  port?: number;
  pushPort?: number;
  seed?: number;
  tickRate?: number;
  volatility?: number;
  /** PEM of the push server's certificate and key (tests make a throwaway pair with openssl). */
  tls: { cert: string; key: string };
  /** The developer's public key the signatures are checked with; a fresh key pair is made when absent. */
  developerPublicKey?: KeyObject;
  /** The heart-beat intervals the push server asks for (send, receive), ms. */
  heartbeat?: [number, number];
  /** Largest clock difference accepted on a request's timestamp, ms. */
  timestampWindowMs?: number;
  /** The life of the HK-licence tokens `user_token_refresh` issues, ms (default 30 days). */
  tokenLifeMs?: number;
}

export interface TigerSim {
  readonly restUrl: string;
  readonly pushHost: string;
  readonly pushPort: number;
  readonly tigerId: string;
  readonly account: string;
  /** The developer private key (PEM) when the simulator made the key pair; '' otherwise. */
  readonly developerPrivateKey: string;
  /** The simulator's "Tiger" public key (PEM), for the gateway's tigerPublicKey setting. */
  readonly tigerPublicKey: string;
  readonly venue: TigerVenue;
  readonly exchange: SimExchange;
  /** Push connections that have logged in. */
  pushConnections(): number;
  /** Heartbeats received from clients. */
  heartbeatsReceived(): number;
  /** Closes every push connection, as a network failure would. */
  dropConnections(): void;
  /** While false, new push connections and REST requests are cut off at once. */
  setReachable(reachable: boolean): void;
  /**
   * The push connections open now fall silent (no heartbeats, no data) but stay open, as a half-dead link
   * does; connections made afterwards are served normally.
   */
  silence(): void;
  setClockSkew(ms: number): void;
  /**
   * The next `count` REST calls are refused for rate limits: by default as Tiger's error-code page has it
   * (HTTP 429, code 5), with `'code4'` as its rate-limit page shows it (HTTP 200, code 4, "rate limit error").
   */
  rateLimitNext(count: number, form?: 'code5' | 'code4'): void;
  /** The next REST call is refused with code 4 "access forbidden" (not whitelisted, blacklisted). */
  forbidNext(): void;
  rejectNext(message?: string): void;
  /** Sends ERROR 4001 (another login took over) and closes the connections. */
  kickout(): void;
  /** Writes raw bytes to every logged-in push connection. */
  sendRaw(bytes: Uint8Array): void;
  /** While on, OrderStatus pushes are held back (fills still go out); off delivers what was held. */
  holdOrderPushes(on: boolean): void;
  /** Delivers a push message as is to every logged-in connection. */
  sendPush(body: PushDataInput): void;
  /** The next REST call of this method is carried out at once but answered only when `release` is called. */
  holdNextReply(method: string): { release: () => void };
  /** The next REST call of this method is carried out but answered with this text. */
  replaceNextReply(method: string, text: string): void;
  /** The HK-licence tokens issued by `user_token_refresh`, oldest first. */
  readonly tokensIssued: string[];
  /** Every REST request body received, for tests. */
  readonly requests: { method: string; envelope: Record<string, string>; authorization?: string }[];
  close(): Promise<void>;
}

interface Client {
  socket: tls.TLSSocket;
  loggedIn: boolean;
  quotes: Map<number, Set<string>>;
  account: Set<number>;
  timer?: NodeJS.Timeout;
  silent: boolean;
  lastReceived: number;
}

export async function startTigerSim(o: TigerSimOptions): Promise<TigerSim> {
  let skew = 0;
  let reachable = true;
  let rateLimited = 0;
  let rateLimitForm: 'code5' | 'code4' = 'code5';
  let forbidden = false;
  let heartbeatsIn = 0;
  const replacements: { method: string; text: string }[] = [];
  const holds: { method: string; gate: Promise<void> }[] = [];
  const requests: { method: string; envelope: Record<string, string>; authorization?: string }[] = [];
  const tokensIssued: string[] = [];
  const now = () => Date.now() + skew;
  let developerPrivateKey = '';
  let devPublic = o.developerPublicKey;
  if (!devPublic) {
    const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    devPublic = pair.publicKey;
    developerPrivateKey = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  }
  const tigerPair = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  const instruments = new Map(
    TIGER_INSTRUMENTS.map((i) => [
      i.symbol,
      o.volatility === undefined ? i : { ...i, volatility: o.volatility },
    ]),
  );
  const exchange = createSimExchange({
    seed: o.seed ?? 1,
    instruments: [...instruments.values()],
    tickRate: o.tickRate ?? 20,
    now,
  });
  exchange.openAccount(ACCOUNT, 1_000_000, 'USD');
  const venue = new TigerVenue(exchange, ACCOUNT, instruments, now);
  const window = o.timestampWindowMs ?? 5 * 60_000;
  const [serverSend, serverReceive] = o.heartbeat ?? [10_000, 10_000];

  // ---- REST ----------------------------------------------------------------------------------------------

  function answer(envelope: Record<string, unknown>, authorization: string | undefined): Answer {
    for (const k of ['tiger_id', 'method', 'charset', 'sign_type', 'timestamp', 'sign']) {
      if (typeof envelope[k] !== 'string' || envelope[k] === '') {
        return refuse(CODE.COMMON_PARAM, `common param error(${k} is required)`);
      }
    }
    if (envelope.tiger_id !== TIGER_ID)
      return refuse(CODE.COMMON_PARAM, `common param error(tiger_id ${String(envelope.tiger_id)} not found)`);
    if (envelope.sign_type !== 'RSA')
      return refuse(CODE.COMMON_PARAM, 'common param error(sign_type must be RSA)');
    if (!rsaVerify(devPublic!, signContent(envelope), String(envelope.sign))) {
      // The text Tiger's error-code page gives for a bad request signature.
      return refuse(
        CODE.COMMON_PARAM,
        'failed to verify signature, please make sure you use the correct rsa private key',
      );
    }
    const t = parseTigerTimestamp(String(envelope.timestamp));
    if (!Number.isFinite(t) || Math.abs(now() - t) > window) {
      return refuse(
        CODE.COMMON_PARAM,
        `common param error(timestamp ${String(envelope.timestamp)} is expired)`,
      );
    }
    if (forbidden) {
      forbidden = false;
      return refuse(CODE.ACCESS_FORBIDDEN, 'access forbidden');
    }
    if (rateLimited > 0) {
      rateLimited -= 1;
      // The message as Tiger's rate-limit page prints it.
      const message = `rate limit error(current limiting interface:${String(envelope.method)}, up to 60 times per minute)`;
      return rateLimitForm === 'code4'
        ? refuse(CODE.ACCESS_FORBIDDEN, message)
        : { ...refuse(CODE.RATE_LIMIT, message), httpStatus: 429 };
    }
    if (envelope.method === 'user_token_refresh') {
      // Only an HK-licence session (one that sends its token) has a token to renew.
      if (!authorization) return refuse(CODE.COMMON_PARAM, 'common param error(token is required)');
      const token = makeToken(
        now(),
        o.tokenLifeMs ?? 30 * 86_400_000,
        crypto.randomBytes(24).toString('hex'),
      );
      tokensIssued.push(token);
      return { code: CODE.OK, message: 'success', data: { token } };
    }
    let biz: Record<string, unknown> = {};
    if (envelope.biz_content !== undefined) {
      try {
        biz = JSON.parse(quoteBigIntegers(String(envelope.biz_content))) as Record<string, unknown>;
      } catch {
        return refuse(CODE.COMMON_PARAM, 'common param error(biz_content is not JSON)');
      }
    }
    return venue.handle(String(envelope.method), biz);
  }

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    if (!reachable) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/gateway') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: CODE.COMMON_PARAM, message: 'not found', timestamp: now() }));
        return;
      }
      let envelope: Record<string, unknown>;
      try {
        envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        if (typeof envelope !== 'object' || envelope === null) throw new Error('not an object');
      } catch {
        res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
        res.end(
          JSON.stringify({
            code: CODE.COMMON_PARAM,
            message: 'common param error(body is not JSON)',
            timestamp: now(),
          }),
        );
        return;
      }
      requests.push({
        method: String(envelope.method),
        envelope: envelope as Record<string, string>,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      const a = answer(envelope, req.headers.authorization);
      const reply: Record<string, unknown> = { code: a.code, message: a.message, timestamp: now() };
      if (a.code === CODE.OK) {
        reply.data = a.data;
        reply.sign = rsaSign(tigerPair.privateKey, String(envelope.timestamp));
      }
      const i = replacements.findIndex((r) => r.method === envelope.method);
      const text = i >= 0 ? replacements.splice(i, 1)[0]!.text : tigerJson(reply);
      const h = holds.findIndex((x) => x.method === envelope.method);
      const gate = h >= 0 ? holds.splice(h, 1)[0]!.gate : Promise.resolve();
      void gate.then(() => {
        res.writeHead(a.httpStatus ?? 200, { 'content-type': 'application/json;charset=UTF-8' });
        res.end(text);
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const restPort = (server.address() as AddressInfo).port;

  // ---- push ----------------------------------------------------------------------------------------------

  const clients = new Set<Client>();

  function send(c: Client, res: ResponseInput): void {
    if (c.silent || c.socket.destroyed || !c.socket.writable) return;
    c.socket.write(encodeResponse(res));
  }

  function onRequest(c: Client, req: RequestMsg): void {
    if (req.command === Command.CONNECT) {
      const conn = req.connect;
      if (!conn || conn.tigerId !== TIGER_ID || !rsaVerify(devPublic!, conn.tigerId, conn.sign)) {
        // Code 4 is what Tiger's error-code page gives for a push login whose signature fails.
        send(c, {
          command: Command.ERROR,
          id: req.id,
          code: CODE.ACCESS_FORBIDDEN,
          msg: 'sign check failed',
        });
        c.socket.end();
        return;
      }
      c.loggedIn = true;

      const cr = conn.receiveInterval ?? 0;
      send(c, {
        command: Command.CONNECTED,
        id: req.id,
        msg: JSON.stringify({ 'heart-beat': `${serverSend},${serverReceive}` }),
      });
      // Heartbeats as negotiated: the server sends at the larger of its send and the client's receive.
      const every = serverSend !== 0 && cr !== 0 ? Math.max(serverSend, cr) : 0;
      if (every > 0) c.timer = setInterval(() => send(c, { command: Command.HEARTBEAT }), every);
      return;
    }
    if (!c.loggedIn) {
      send(c, {
        command: Command.ERROR,
        id: req.id,
        code: CODE.COMMON_PARAM,
        msg: 'not connected: CONNECT first',
      });
      return;
    }
    switch (req.command) {
      case Command.HEARTBEAT:
        heartbeatsIn += 1;
        return;
      case Command.DISCONNECT:
        c.socket.end();
        return;
      case Command.SUBSCRIBE:
      case Command.UNSUBSCRIBE: {
        const s = req.subscribe;
        if (!s) {
          send(c, {
            command: Command.MESSAGE,
            id: req.id,
            code: ResponseCode.ERROR,
            msg: 'subscribe without a body',
          });
          return;
        }
        const on = req.command === Command.SUBSCRIBE;
        const accountType = s.dataType >= DataType.Asset && s.dataType <= DataType.OrderTransaction;
        if (accountType) {
          if (s.account && s.account !== ACCOUNT) {
            send(c, {
              command: Command.MESSAGE,
              id: req.id,
              code: ResponseCode.ERROR,
              msg: `account ${s.account} is not authorized`,
            });
            return;
          }
          if (on) c.account.add(s.dataType);
          else c.account.delete(s.dataType);
        } else {
          const set = c.quotes.get(s.dataType) ?? new Set<string>();
          for (const sym of (s.symbols ?? '').split(',').filter(Boolean)) {
            if (on) set.add(sym);
            else set.delete(sym);
          }
          c.quotes.set(s.dataType, set);
        }
        send(c, {
          command: Command.MESSAGE,
          id: req.id,
          code: on ? ResponseCode.SUBSCRIBED : ResponseCode.UNSUBSCRIBED,
          msg: JSON.stringify({ dataType: s.dataType, result: true }),
        });
        return;
      }
      default:
        return;
    }
  }

  function wants(c: Client, body: PushDataInput): boolean {
    if (!c.loggedIn) return false;
    switch (body.dataType) {
      case DataType.OrderStatus:
      case DataType.OrderTransaction:
      case DataType.Position:
      case DataType.Asset:
        return c.account.has(body.dataType);
      default: {
        const symbol =
          body.quoteData?.symbol ?? body.quoteDepthData?.symbol ?? body.tradeTickData?.symbol ?? '';
        return c.quotes.get(body.dataType)?.has(symbol) === true;
      }
    }
  }

  let holdOrders = false;
  const heldOrders: PushDataInput[] = [];
  const deliver = (body: PushDataInput) => {
    for (const c of clients) if (wants(c, body)) send(c, { command: Command.MESSAGE, body });
  };
  venue.addSink((body) => {
    if (holdOrders && body.dataType === DataType.OrderStatus) heldOrders.push(body);
    else deliver(body);
  });

  const push = tls.createServer({ cert: o.tls.cert, key: o.tls.key }, (socket) => {
    if (!reachable) {
      socket.destroy();
      return;
    }
    const c: Client = {
      socket,
      loggedIn: false,
      quotes: new Map(),
      account: new Set(),
      lastReceived: Date.now(),
      silent: false,
    };
    clients.add(c);
    const reader = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      c.lastReceived = Date.now();
      try {
        reader.push(chunk, (frame) => {
          let req: RequestMsg;
          try {
            req = decodeRequest(frame);
          } catch {
            send(c, { command: Command.ERROR, code: CODE.COMMON_PARAM, msg: 'unreadable request' });
            return;
          }
          onRequest(c, req);
        });
      } catch {
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(c.timer);
      clients.delete(c);
    });
  });
  push.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => push.listen(o.pushPort ?? 0, o.host ?? '127.0.0.1', resolve));
  const pushPort = (push.address() as AddressInfo).port;
  exchange.start();

  const host = o.host ?? '127.0.0.1';
  return {
    restUrl: `http://${host}:${restPort}/gateway`,
    pushHost: host,
    pushPort,
    tigerId: TIGER_ID,
    account: ACCOUNT,
    developerPrivateKey,
    tigerPublicKey: tigerPair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    venue,
    exchange,
    requests,
    tokensIssued,
    pushConnections: () => [...clients].filter((c) => c.loggedIn).length,
    heartbeatsReceived: () => heartbeatsIn,
    dropConnections: () => {
      for (const c of clients) c.socket.destroy();
    },
    setReachable: (r) => {
      reachable = r;
      if (!r) {
        for (const c of clients) c.socket.destroy();
        for (const s of sockets) s.destroy();
      }
    },
    silence: () => {
      for (const c of clients) c.silent = true;
    },
    setClockSkew: (ms) => {
      skew = ms;
    },
    rateLimitNext: (n, form = 'code5') => {
      rateLimited = n;
      rateLimitForm = form;
    },
    forbidNext: () => {
      forbidden = true;
    },
    rejectNext: (message = 'insufficient buying power') => {
      venue.rejectMessage = message;
    },
    kickout: () => {
      for (const c of clients) {
        if (!c.loggedIn) continue;
        send(c, {
          command: Command.ERROR,
          code: 4001,
          msg: 'kicked out: the tiger id logged in from another connection',
        });
        c.socket.end();
      }
    },
    sendRaw: (bytes) => {
      for (const c of clients) if (c.loggedIn && !c.socket.destroyed) c.socket.write(bytes);
    },
    holdOrderPushes: (on) => {
      holdOrders = on;
      if (!on) for (const body of heldOrders.splice(0)) deliver(body);
    },
    sendPush: (body) => {
      for (const c of clients) if (c.loggedIn) send(c, { command: Command.MESSAGE, body });
    },
    holdNextReply: (method) => {
      let release = () => {};
      const gate = new Promise<void>((r) => (release = r));
      holds.push({ method, gate });
      return { release };
    },
    replaceNextReply: (method, text) => {
      replacements.push({ method, text });
    },
    close: async () => {
      exchange.stop();
      for (const c of clients) c.socket.destroy();
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((r) => server.close(() => r())),
        new Promise<void>((r) => push.close(() => r())),
      ]);
    },
  };
}
