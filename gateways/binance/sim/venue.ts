// One Binance market (spot or USD-M) over the shared simulated exchange: its REST endpoints and the pushes
// its market and user-data streams carry. The server (server.ts) does transport and authentication.
import { randomBytes } from 'node:crypto';
import { Interval, OrderType } from '../../../src/core/constant.js';
import type {
  BookSnapshot,
  SimExchange,
  SimFill,
  SimOrder,
  SimOrderRequest,
} from '../../../src/sim/types.js';
import type { Params } from '../../common/rest-client.js';
import type { Market, VenueError } from '../types.js';
import { ERR, Formatter, badParam, exchangeInfo, missing, positionRisk, rejectToError } from './wire.js';

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };
export type Sink = (message: unknown) => void;
export type Security = 'none' | 'key' | 'signed';

const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const BAD_CLIENT_ID = badParam('newClientOrderId', '^[\\.A-Z\\:/a-z0-9_-]{1,36}$');
/** The depth of book the simulator publishes (snapshot and diffs cover the same levels). */
export const BOOK_LEVELS = 10;
/**
 * Diff depth streams are batched as Binance's `@depth@100ms` is: one event covers every book change in the
 * interval (U..u spans many update ids), while GET depth answers the book as it is now. So a snapshot's
 * lastUpdateId usually falls inside the next event's range, as on Binance, rather than on an event edge.
 */
export const DEPTH_INTERVAL_MS = 100;
const INTERVALS: Record<string, Interval> = {
  '1m': Interval.MINUTE,
  '1h': Interval.HOUR,
  '1d': Interval.DAILY,
  '1w': Interval.WEEKLY,
};
const INTERVAL_MS: Record<string, number> = {
  '1m': 60_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
  '1w': 604_800_000,
};

function ok(body: unknown): Reply {
  return { status: 200, body };
}

export function fail(error: VenueError, status = 400): Reply {
  return { status, body: error };
}

export class BinanceVenue {
  readonly fmt: Formatter;
  readonly prefix: string;
  /** Market-data topic (lower-case stream name) → subscribers. */
  private readonly topics = new Map<string, Set<Sink>>();
  private readonly userSinks = new Set<Sink>();
  /** The book as it is now (what GET depth answers), per symbol. */
  private readonly views = new Map<string, BookSnapshot>();
  /** The book as the diff streams last described it, per symbol. */
  private readonly published = new Map<string, BookSnapshot>();
  private readonly depthTimers = new Map<string, NodeJS.Timeout>();
  /** Volume reported so far per order id, so that each fill's report carries its own cumulative volume. */
  private readonly reported = new Map<number, number>();
  private readonly announced = new Set<number>();
  /** USD-M: the price and quantity last pushed per open order, so a change is pushed as an AMENDMENT. */
  private readonly shapes = new Map<number, { price: number; volume: number }>();
  private readonly reduceOnly = new Set<number>();
  /** Spot: the client id of the cancel request that cancelled an order, by order id. */
  private readonly cancelIds = new Map<number, string>();
  /** While true, user-data events are lost (as a dropped push would be); REST still answers. */
  loseUserPushes = false;
  /** While true, user-data events are held back (a slow push), to be sent by releaseUserPushes. */
  holdUserPushes = false;
  private readonly heldPushes: unknown[] = [];
  readonly listenKeys = new Set<string>();
  /** listenKey keep-alives (PUT) received, for tests. */
  keepAlives = 0;
  /** USD-M position mode as GET positionSide/dual reports it (the simulator trades one-way only). */
  dualSidePosition = false;
  private clientSeq = 0;
  /**
   * Binance numbers trades per symbol (so two symbols have a trade 1 each); the shared exchange numbers them
   * across all. Exchange trade id → this symbol's id, and back, per symbol.
   */
  private readonly symbolTrades = new Map<string, { next: number; ids: Map<number, number> }>();

  constructor(
    readonly market: Market,
    readonly exchange: SimExchange,
    readonly accountId: string,
    private readonly now: () => number,
  ) {
    this.fmt = new Formatter(exchange.instruments);
    this.prefix = market === 'SPOT' ? '/api' : '/fapi';
    exchange.on('order', (o) => o.accountId === accountId && this.onOrder(o));
    exchange.on('fill', (f) => f.accountId === accountId && this.onFill(f));
    exchange.on('account', (a) => {
      if (a.accountId !== accountId || this.userSinks.size === 0) return;
      if (market === 'SPOT') {
        const B = this.fmt.spotBalances(a).map((b) => ({ a: b.asset, f: b.free, l: b.locked }));
        this.pushUser({ e: 'outboundAccountPosition', E: this.now(), u: this.now(), B });
      } else {
        this.pushUser(this.fmt.accountUpdate(a, [], this.now()));
      }
    });
    exchange.on('position', (id, p) => {
      if (id !== accountId || market === 'SPOT' || this.userSinks.size === 0) return;
      const a = exchange.getAccount(accountId);
      if (a) this.pushUser(this.fmt.accountUpdate(a, [p], this.now()));
    });
    exchange.on('book', (b) => this.onBook(b));
    exchange.on('stats', (s) =>
      this.publish(`${s.symbol.toLowerCase()}@ticker`, () => this.fmt.ticker(s, this.now())),
    );
    exchange.on('trade', (t) =>
      this.publish(`${t.symbol.toLowerCase()}@trade`, () =>
        this.fmt.trade({ ...t, tradeId: this.symbolTradeId(t.symbol, t.tradeId) }),
      ),
    );
  }

  /** Which endpoints exist and how they are secured; undefined for an unknown path. */
  security(method: string, path: string): Security | undefined {
    const p = this.prefix;
    const table: Record<string, Security> = {
      [`GET ${p}/v1/ping`]: 'none',
      [`GET ${p}/v3/ping`]: 'none',
      [`GET ${p}/v1/time`]: 'none',
      [`GET ${p}/v3/time`]: 'none',
      [`GET ${p}/v1/exchangeInfo`]: 'none',
      [`GET ${p}/v3/exchangeInfo`]: 'none',
      [`GET ${p}/v1/depth`]: 'none',
      [`GET ${p}/v3/depth`]: 'none',
      [`GET ${p}/v1/klines`]: 'none',
      [`GET ${p}/v3/klines`]: 'none',
      [`GET /api/v3/account`]: 'signed',
      [`GET /fapi/v2/balance`]: 'signed',
      [`GET /fapi/v2/positionRisk`]: 'signed',
      [`GET /fapi/v1/positionSide/dual`]: 'signed',
      [`GET /fapi/v1/commissionRate`]: 'signed',
      [`POST ${p}/v1/order`]: 'signed',
      [`POST ${p}/v3/order`]: 'signed',
      [`PUT /fapi/v1/order`]: 'signed',
      [`DELETE ${p}/v1/order`]: 'signed',
      [`DELETE ${p}/v3/order`]: 'signed',
      [`GET ${p}/v1/order`]: 'signed',
      [`GET ${p}/v3/order`]: 'signed',
      [`GET ${p}/v1/openOrders`]: 'signed',
      [`GET ${p}/v3/openOrders`]: 'signed',
      [`GET /api/v3/myTrades`]: 'signed',
      [`GET /fapi/v1/userTrades`]: 'signed',
      [`POST /fapi/v1/listenKey`]: 'key',
      [`PUT /fapi/v1/listenKey`]: 'key',
      [`DELETE /fapi/v1/listenKey`]: 'key',
    };
    const version = this.market === 'SPOT' ? /^\/api\/v3\// : /^\/fapi\/v[12]\//;
    if (!version.test(path)) return undefined;
    return table[`${method} ${path}`];
  }

  handle(method: string, path: string, params: Params): Reply {
    const name = path.replace(/^\/(f?api)\/v\d\//, '');
    switch (`${method} ${name}`) {
      case 'GET ping':
        return ok({});
      case 'GET time':
        return ok({ serverTime: this.now() });
      case 'GET exchangeInfo':
        return ok(exchangeInfo(this.exchange.instruments.values(), this.market, this.now()));
      case 'GET depth':
        return this.depth(params);
      case 'GET klines':
        return this.klines(params);
      case 'GET account':
        return ok(this.spotAccount());
      case 'GET commissionRate':
        return this.commissionRate(params);
      case 'GET balance': {
        const a = this.account();
        return ok([
          {
            asset: a.currency,
            balance: a.balance.toFixed(8),
            availableBalance: a.available.toFixed(8),
            crossUnPnl: '0',
          },
        ]);
      }
      case 'GET positionRisk':
        return ok(positionRisk(this.fmt, this.exchange.getPositions(this.accountId)));
      case 'GET positionSide/dual':
        return ok({ dualSidePosition: this.dualSidePosition });
      case 'POST order':
        return this.place(params);
      case 'PUT order':
        return this.modify(params);
      case 'DELETE order':
        return this.cancel(params);
      case 'GET order':
        return this.query(params);
      case 'GET openOrders': {
        const symbol = typeof params.symbol === 'string' ? params.symbol : undefined;
        return ok(this.exchange.getOpenOrders(this.accountId, symbol).map((o) => this.restOrder(o)));
      }
      case 'GET myTrades':
      case 'GET userTrades':
        return this.trades(params);
      case 'POST listenKey': {
        const key = this.listenKeys.values().next().value ?? randomBytes(32).toString('hex');
        this.listenKeys.add(key);
        return ok({ listenKey: key });
      }
      case 'PUT listenKey':
        this.keepAlives += 1;
        return this.listenKeys.size ? ok({}) : fail(ERR.listenKey);
      case 'DELETE listenKey':
        this.listenKeys.clear();
        return ok({});
      default:
        return fail({ code: -1000, msg: `no handler for ${method} ${path}` }, 404);
    }
  }

  subscribeTopic(topic: string, sink: Sink): void {
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(sink);
  }

  unsubscribeAll(sink: Sink): void {
    for (const set of this.topics.values()) set.delete(sink);
    this.userSinks.delete(sink);
  }

  addUserSink(sink: Sink): void {
    this.userSinks.add(sink);
  }

  /** The venue's current book view, as GET depth returns it (created on first use). */
  view(symbol: string): BookSnapshot | undefined {
    let v = this.views.get(symbol);
    if (!v) {
      v = this.exchange.getBook(symbol, BOOK_LEVELS);
      if (v) this.views.set(symbol, v);
    }
    return v;
  }

  /**
   * GET /api/v3/account in the documented shape. The account's rates are those of the listed pairs (the
   * simulated exchange charges each fill, maker or taker, its instrument's one rate; the pairs share it).
   */
  private spotAccount() {
    const rate = [...this.exchange.instruments.values()][0]?.commissionRate ?? 0;
    const bps = Math.round(rate * 10_000);
    return {
      makerCommission: bps,
      takerCommission: bps,
      buyerCommission: 0,
      sellerCommission: 0,
      commissionRates: {
        maker: rate.toFixed(8),
        taker: rate.toFixed(8),
        buyer: '0.00000000',
        seller: '0.00000000',
      },
      // What the simulated account may do (everything) and what is required of it (nothing).
      ...Object.fromEntries(['canTrade', 'canWithdraw', 'canDeposit'].map((k) => [k, true])),
      ...Object.fromEntries(['brokered', 'requireSelfTradePrevention', 'preventSor'].map((k) => [k, false])),
      updateTime: this.now(),
      accountType: 'SPOT',
      balances: this.fmt.spotBalances(this.account()),
      permissions: ['SPOT'],
      uid: 354937868,
    };
  }

  /** GET /fapi/v1/commissionRate: the instrument's one rate, for makers and takers alike. */
  private commissionRate(params: Params): Reply {
    const symbol = typeof params.symbol === 'string' ? params.symbol : '';
    const spec = this.exchange.instruments.get(symbol);
    if (!spec) return fail(ERR.symbol);
    const rate = String(spec.commissionRate ?? 0);
    return ok({ symbol, makerCommissionRate: rate, takerCommissionRate: rate });
  }

  private account() {
    const a = this.exchange.getAccount(this.accountId);
    if (!a) throw new Error(`simulator account ${this.accountId} is missing`);
    return a;
  }

  private restOrder(o: SimOrder) {
    return this.fmt.restOrder(o, this.market, this.reduceOnly.has(o.orderId));
  }

  private depth(params: Params): Reply {
    const symbol = String(params.symbol ?? '');
    if (!symbol) return fail(missing('symbol'));
    const v = this.view(symbol);
    return v ? ok(this.fmt.depthSnapshot(v)) : fail(ERR.symbol);
  }

  private klines(params: Params): Reply {
    const symbol = String(params.symbol ?? '');
    const interval = INTERVALS[String(params.interval ?? '')];
    if (!this.exchange.instruments.has(symbol)) return fail(ERR.symbol);
    if (!interval) return fail({ code: -1120, msg: 'Invalid interval.' });
    const limit = Math.min(Number(params.limit ?? 500) || 500, 1000);
    const end = params.endTime !== undefined ? Number(params.endTime) : this.now();
    const start =
      params.startTime !== undefined
        ? Number(params.startTime)
        : end - limit * INTERVAL_MS[String(params.interval)]!;
    const bars = this.exchange.getBars(symbol, interval, start, end).slice(0, limit);
    return ok(
      bars.map((b) => [
        b.time,
        this.fmt.price(symbol, b.open),
        this.fmt.price(symbol, b.high),
        this.fmt.price(symbol, b.low),
        this.fmt.price(symbol, b.close),
        this.fmt.qty(symbol, b.volume),
        b.time + INTERVAL_MS[String(params.interval)]! - 1,
        b.turnover.toFixed(8),
        0,
        '0',
        '0',
        '0',
      ]),
    );
  }

  private place(params: Params): Reply {
    for (const name of ['symbol', 'side', 'type', 'quantity']) {
      if (params[name] === undefined || params[name] === '') return fail(missing(name));
    }
    const side = String(params.side);
    if (side !== 'BUY' && side !== 'SELL') return fail(badParam('side', 'BUY, SELL'));
    const type = orderType(
      String(params.type),
      params.timeInForce === undefined ? undefined : String(params.timeInForce),
      this.market,
    );
    if (type === undefined) return fail({ code: -1116, msg: 'Invalid orderType.' });
    if (type !== OrderType.MARKET && (params.price === undefined || params.price === ''))
      return fail(missing('price'));
    const clientOrderId =
      params.newClientOrderId === undefined ? `sim${++this.clientSeq}` : String(params.newClientOrderId);
    if (!CLIENT_ID.test(clientOrderId)) return fail(BAD_CLIENT_ID);
    const reduceOnly = this.market === 'USDM' && String(params.reduceOnly) === 'true';
    const req: SimOrderRequest = {
      symbol: String(params.symbol),
      side,
      type,
      price: type === OrderType.MARKET ? 0 : Number(params.price),
      volume: Number(params.quantity),
      clientOrderId,
      ...(reduceOnly ? { reduceOnly: true } : {}),
    };
    const result = this.exchange.placeOrder(this.accountId, req);
    if (!result.ok) return fail(rejectToError(result.code, result.reason, this.market));
    if (reduceOnly) this.reduceOnly.add(result.value.orderId);
    const current = this.exchange.getOrder(this.accountId, result.value.orderId) ?? result.value;
    return ok({ ...this.restOrder(current), transactTime: current.createdAt });
  }

  private find(params: Params): SimOrder | undefined {
    if (params.orderId !== undefined) return this.exchange.getOrder(this.accountId, Number(params.orderId));
    if (params.origClientOrderId !== undefined) {
      return this.exchange.getOrderByClientId(this.accountId, String(params.origClientOrderId));
    }
    return undefined;
  }

  private cancel(params: Params): Reply {
    if (params.symbol === undefined) return fail(missing('symbol'));
    if (params.orderId === undefined && params.origClientOrderId === undefined)
      return fail(missing('orderId'));
    // Spot: the cancel is a request with a client id of its own (newClientOrderId, generated when not
    // sent); the reply and the CANCELED executionReport name it in clientOrderId / c and the order's own id
    // in origClientOrderId / C. USD-M cancels have no id of their own.
    let cancelId: string | undefined;
    if (this.market === 'SPOT') {
      cancelId =
        params.newClientOrderId === undefined
          ? randomBytes(16).toString('base64url').slice(0, 22)
          : String(params.newClientOrderId);
      if (!CLIENT_ID.test(cancelId)) return fail(BAD_CLIENT_ID);
    }
    const order = this.find(params);
    if (!order || order.symbol !== params.symbol) return fail(ERR.unknownOrder);
    if (cancelId !== undefined) this.cancelIds.set(order.orderId, cancelId);
    const result = this.exchange.cancelOrder(this.accountId, order.orderId);
    if (!result.ok) {
      this.cancelIds.delete(order.orderId);
      return fail(rejectToError(result.code, result.reason, this.market));
    }
    if (this.market === 'USDM') {
      return ok(this.fmt.futuresCancelReply(result.value, this.reduceOnly.has(result.value.orderId)));
    }
    if (cancelId === undefined) return ok(this.restOrder(result.value));
    return ok(this.fmt.spotCancelReply(result.value, cancelId, this.now()));
  }

  /**
   * USD-M Modify Order (PUT /fapi/v1/order): a working LIMIT order's new quantity and price, both required,
   * with its side. As documented: a new quantity not above what has traded cancels the order instead; a
   * refused change leaves the order as it was. The push that follows has execution type AMENDMENT.
   */
  private modify(params: Params): Reply {
    for (const name of ['symbol', 'side', 'quantity', 'price']) {
      if (params[name] === undefined || params[name] === '') return fail(missing(name));
    }
    if (params.orderId === undefined && params.origClientOrderId === undefined)
      return fail(missing('orderId'));
    const side = String(params.side);
    if (side !== 'BUY' && side !== 'SELL') return fail(badParam('side', 'BUY, SELL'));
    const order = this.find(params);
    if (!order || order.symbol !== params.symbol || !isOpen(order)) return fail(ERR.noOrder);
    if (order.type !== OrderType.LIMIT && order.type !== OrderType.POSTONLY) return fail(ERR.limitOnly);
    const price = Number(params.price);
    const volume = Number(params.quantity);
    if (!(price > 0)) return fail({ code: -1013, msg: 'Filter failure: PRICE_FILTER' });
    if (!(volume > 0)) return fail({ code: -1013, msg: 'Filter failure: LOT_SIZE' });
    if (price === order.price && volume === order.volume) return fail(ERR.sameOrder);
    if (volume <= order.filled) {
      const cancelled = this.exchange.cancelOrder(this.accountId, order.orderId);
      if (!cancelled.ok) return fail(rejectToError(cancelled.code, cancelled.reason, this.market));
      return ok(this.fmt.futuresModifyReply(cancelled.value, this.reduceOnly.has(order.orderId)));
    }
    const result = this.exchange.amendOrder(this.accountId, order.orderId, { price, volume });
    if (!result.ok) return fail(rejectToError(result.code, result.reason, this.market));
    const current = this.exchange.getOrder(this.accountId, order.orderId) ?? result.value;
    return ok(this.fmt.futuresModifyReply(current, this.reduceOnly.has(order.orderId)));
  }

  private query(params: Params): Reply {
    if (params.symbol === undefined) return fail(missing('symbol'));
    const order = this.find(params);
    if (!order || order.symbol !== params.symbol) return fail(ERR.noOrder);
    return ok(this.restOrder(order));
  }

  private trades(params: Params): Reply {
    const symbol = String(params.symbol ?? '');
    if (!symbol) return fail(missing('symbol'));
    const fromId = params.fromId !== undefined ? Number(params.fromId) : undefined;
    const orderId = params.orderId !== undefined ? Number(params.orderId) : undefined;
    const fills = this.exchange
      .getFills(this.accountId)
      .filter((f) => f.symbol === symbol && (orderId === undefined || f.orderId === orderId))
      .map((f) => this.venueFill(f))
      .filter((f) => fromId === undefined || f.tradeId >= fromId);
    return ok(fills.slice(-1000).map((f) => this.fmt.restTrade(f, this.market)));
  }

  // ---- pushes ----------------------------------------------------------------------------------------------

  /** Sends the user-data events held back, in their order, and stops holding. */
  releaseUserPushes(): void {
    this.holdUserPushes = false;
    for (const m of this.heldPushes.splice(0)) this.pushUser(m);
  }

  private pushUser(message: unknown): void {
    if (this.loseUserPushes) return;
    if (this.holdUserPushes) {
      this.heldPushes.push(message);
      return;
    }
    for (const sink of this.userSinks) sink(message);
  }

  /** This symbol's number for an exchange trade id (assigned in order of first sight). */
  private symbolTradeId(symbol: string, tradeId: number): number {
    let t = this.symbolTrades.get(symbol);
    if (!t) this.symbolTrades.set(symbol, (t = { next: 1, ids: new Map() }));
    let id = t.ids.get(tradeId);
    if (id === undefined) {
      id = t.next++;
      t.ids.set(tradeId, id);
    }
    return id;
  }

  private venueFill(f: SimFill): SimFill {
    return { ...f, tradeId: this.symbolTradeId(f.symbol, f.tradeId) };
  }

  private report(o: SimOrder, fillIn: SimFill | undefined, execution?: 'AMENDMENT'): void {
    const fill = fillIn && this.venueFill(fillIn);
    const filled = this.reported.get(o.orderId) ?? 0;
    const now = this.now();
    this.pushUser(
      this.market === 'SPOT'
        ? this.fmt.executionReport(
            o,
            filled,
            fill,
            now,
            o.status === 'CANCELED' ? this.cancelIds.get(o.orderId) : undefined,
          )
        : this.fmt.futuresOrderUpdate(o, filled, fill, this.reduceOnly.has(o.orderId), now, execution),
    );
  }

  private onOrder(o: SimOrder): void {
    if (!this.announced.has(o.orderId)) {
      this.announced.add(o.orderId);
      if (o.status !== 'REJECTED') this.report({ ...o, status: 'NEW', filled: 0 }, undefined);
    } else if (this.market === 'USDM' && isOpen(o)) {
      const was = this.shapes.get(o.orderId);
      if (was && (was.price !== o.price || was.volume !== o.volume)) this.report(o, undefined, 'AMENDMENT');
    }
    if (this.market === 'USDM') {
      if (isOpen(o)) this.shapes.set(o.orderId, { price: o.price, volume: o.volume });
      else this.shapes.delete(o.orderId);
    }
    // Fills are reported from the fill events, each with its own cumulative volume.
    if (o.status === 'CANCELED' || o.status === 'REJECTED') {
      this.report(o, undefined);
      this.reported.delete(o.orderId);
    }
  }

  private onFill(f: SimFill): void {
    const o = this.exchange.getOrder(this.accountId, f.orderId);
    if (!o) return;
    this.reported.set(f.orderId, (this.reported.get(f.orderId) ?? 0) + f.volume);
    this.report(o, f);
  }

  private onBook(next: BookSnapshot): void {
    const symbol = next.symbol;
    if (!this.published.has(symbol)) this.published.set(symbol, this.views.get(symbol) ?? next);
    this.views.set(symbol, next);
    if (this.depthTimers.has(symbol)) return;
    const timer = setTimeout(() => this.flushDepth(symbol), DEPTH_INTERVAL_MS);
    timer.unref();
    this.depthTimers.set(symbol, timer);
  }

  /** One diff event for every book change since the last one. */
  private flushDepth(symbol: string): void {
    this.depthTimers.delete(symbol);
    const prev = this.published.get(symbol);
    const next = this.views.get(symbol);
    if (!prev || !next || next.sequence === prev.sequence) return;
    this.published.set(symbol, next);
    const topic = `${symbol.toLowerCase()}@depth`;
    this.publish(topic, () => this.fmt.depthUpdate(prev, next, this.market, this.now()));
    this.publish(`${topic}@100ms`, () => this.fmt.depthUpdate(prev, next, this.market, this.now()));
  }

  /** Stops the depth batching timers (the server's close). */
  close(): void {
    for (const t of this.depthTimers.values()) clearTimeout(t);
    this.depthTimers.clear();
  }

  private publish(topic: string, build: () => unknown): void {
    const set = this.topics.get(topic);
    if (!set || set.size === 0) return;
    const message = build();
    for (const sink of set) sink(message);
  }
}

function orderType(type: string, tif: string | undefined, market: Market): OrderType | undefined {
  if (type === 'MARKET') return OrderType.MARKET;
  if (type === 'LIMIT_MAKER' && market === 'SPOT') return OrderType.POSTONLY;
  if (type !== 'LIMIT') return undefined;
  switch (tif) {
    case 'GTC':
      return OrderType.LIMIT;
    case 'IOC':
      return OrderType.FAK;
    case 'FOK':
      return OrderType.FOK;
    case 'GTX':
      return market === 'USDM' ? OrderType.POSTONLY : undefined;
    default:
      return undefined;
  }
}

/** Working and modifiable: a stop not yet triggered is neither. */
function isOpen(o: SimOrder): boolean {
  return o.status === 'NEW' || o.status === 'PARTIALLY_FILLED';
}
