// The BitMEX simulator's venue logic on the shared matching engine: the REST routes BitMEX serves under
// /api/v1 and the realtime tables (partial, then insert/update/delete keyed as BitMEX keys them). Transport,
// signatures and levers are in server.ts.
import { randomUUID } from 'node:crypto';
import { Interval, OrderType } from '../../../src/core/constant.js';
import type { BookSnapshot, SimExchange, SimFill, SimOrder } from '../../../src/sim/types.js';
import type { Params } from '../../common/rest-client.js';
import type { Order, TableMessage } from '../types.js';
import {
  INSTRUMENTS,
  executionRow,
  instrumentRow,
  iso,
  l2Row,
  marginRow,
  orderRow,
  positionRow,
  walletRows,
  type OrderExtras,
  type VenueInstrument,
} from './wire.js';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
export type Sink = (message: unknown) => void;

export function fail(message: string, name = 'HTTPError', status = 400): Reply {
  return { status, body: { error: { message, name } } };
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** The partial's "keys" and "types" per table, as BitMEX sends them (types named as in its partials). */
export const TABLE_KEYS: Record<string, string[]> = {
  orderBookL2_25: ['symbol', 'id', 'side'],
  orderBookL2: ['symbol', 'id', 'side'],
  trade: [],
  quote: [],
  instrument: ['symbol'],
  order: ['orderID'],
  execution: ['execID'],
  position: ['account', 'symbol'],
  margin: ['account', 'currency'],
  wallet: ['account', 'currency'],
};

export const PRIVATE_TABLES = new Set(['order', 'execution', 'position', 'margin', 'wallet']);

const BOOK_DEPTH = 25;
const BINS: Record<string, { interval: Interval; ms: number }> = {
  '1m': { interval: Interval.MINUTE, ms: 60_000 },
  '5m': { interval: Interval.MINUTE, ms: 300_000 },
  '1h': { interval: Interval.HOUR, ms: 3_600_000 },
  '1d': { interval: Interval.DAILY, ms: 86_400_000 },
};

interface PublishedBook {
  rows: Map<string, { id: number; side: 'Buy' | 'Sell'; price: number; size: number }>;
}

export class BitmexVenue {
  readonly bySymbol = new Map<string, { v: VenueInstrument; index: number }>();
  /** topic ("orderBookL2_25:XBTUSD", "order") → subscribers. */
  private readonly topics = new Map<string, Set<Sink>>();
  private readonly extras = new Map<number, OrderExtras>();
  /** Orders BitMEX answers as Canceled without ever resting them (post-only crossing, FOK unfilled). */
  private readonly ghosts: Order[] = [];
  /** Last row published per order, so updates carry only changed fields. */
  private readonly lastRows = new Map<string, Order>();
  private readonly books = new Map<string, PublishedBook>();
  private readonly executions: ReturnType<typeof executionRow>[] = [];
  /** The request fields of the order being placed, claimed by its first announcement. */
  private pending: OrderExtras | undefined;
  /** Lever: the next book subscriptions get update/insert frames before their partial. */
  latePartials = 0;
  private deadMan: NodeJS.Timeout | undefined;
  /** cancelAllAfter calls received, and the orders the switch cancelled, for tests. */
  deadManCalls = 0;
  deadManFired = 0;

  constructor(
    readonly exchange: SimExchange,
    readonly accountId: string,
    private readonly now: () => number,
  ) {
    INSTRUMENTS.forEach((v, index) => this.bySymbol.set(v.spec.symbol, { v, index }));
    exchange.on('order', (o) => o.accountId === accountId && this.onOrder(o));
    exchange.on('fill', (f) => f.accountId === accountId && this.onFill(f));
    exchange.on('account', (a) => {
      if (a.accountId !== accountId) return;
      this.publish('margin', 'update', [marginRow(a, this.now())]);
      this.publish('wallet', 'update', walletRows(a, this.now()));
    });
    exchange.on('position', (id, p) => {
      const entry = this.bySymbol.get(p.symbol);
      if (id !== accountId || !entry || entry.v.kind === 'spot') return;
      this.publish('position', 'update', [positionRow(p, entry.v, this.now())]);
    });
    exchange.on('book', (b) => this.onBook(b));
    exchange.on('trade', (t) => {
      const e = this.bySymbol.get(t.symbol);
      if (!e) return;
      this.publish(`trade:${t.symbol}`, 'insert', [
        {
          timestamp: iso(t.time),
          symbol: t.symbol,
          side: t.side === 'BUY' ? 'Buy' : 'Sell',
          size: Math.round(t.volume * e.v.qtyPerVolume),
          price: t.price,
          tickDirection: 'ZeroPlusTick',
          trdMatchID: `00000000-0000-0000-0001-${String(t.tradeId).padStart(12, '0')}`,
          grossValue: Math.round(t.price * t.volume * 1e6),
          homeNotional: t.volume,
          foreignNotional: t.volume * t.price,
          trdType: 'Regular',
        },
      ]);
    });
    exchange.on('stats', (s) => {
      this.publish(`instrument:${s.symbol}`, 'update', [
        {
          symbol: s.symbol,
          lastPrice: s.lastPrice,
          markPrice: s.lastPrice,
          volume24h: Math.round(s.volume * (this.bySymbol.get(s.symbol)?.v.qtyPerVolume ?? 1)),
          turnover24h: Math.round(s.turnover),
          openInterest: Math.round(s.openInterest),
          highPrice: s.highPrice,
          lowPrice: s.lowPrice,
          timestamp: iso(s.time),
        },
      ]);
    });
  }

  close(): void {
    if (this.deadMan) clearTimeout(this.deadMan);
    this.deadMan = undefined;
  }

  // ---- REST ------------------------------------------------------------------------------------------------

  /** undefined: no such route. `signed` routes need api-key authentication. */
  route(method: string, path: string): 'public' | 'signed' | undefined {
    const table: Record<string, 'public' | 'signed'> = {
      'GET /instrument/active': 'public',
      'GET /orderBook/L2': 'public',
      'GET /trade/bucketed': 'public',
      'GET /user/margin': 'signed',
      'GET /user/wallet': 'signed',
      'GET /position': 'signed',
      'GET /order': 'signed',
      'POST /order': 'signed',
      'PUT /order': 'signed',
      'DELETE /order': 'signed',
      'DELETE /order/all': 'signed',
      'POST /order/cancelAllAfter': 'signed',
      'GET /execution/tradeHistory': 'signed',
    };
    return table[`${method} ${path}`];
  }

  handle(method: string, path: string, p: Params): Reply {
    switch (`${method} ${path}`) {
      case 'GET /instrument/active':
        return ok(INSTRUMENTS.map((v) => this.instrument(v)));
      case 'GET /orderBook/L2':
        return this.l2(p);
      case 'GET /trade/bucketed':
        return this.bins(p);
      case 'GET /user/margin': {
        const m = marginRow(this.account(), this.now());
        return ok(p.currency === 'all' ? [m] : m);
      }
      case 'GET /user/wallet':
        return ok(walletRows(this.account(), this.now())[0]);
      case 'GET /position':
        return ok(this.positions());
      case 'GET /order':
        return ok(this.queryOrders(p));
      case 'POST /order':
        return this.place(p);
      case 'PUT /order':
        return this.amend(p);
      case 'DELETE /order':
        return this.cancel(p);
      case 'DELETE /order/all':
        return ok(this.cancelAll(typeof p.symbol === 'string' ? p.symbol : undefined));
      case 'POST /order/cancelAllAfter':
        return this.cancelAllAfter(p);
      case 'GET /execution/tradeHistory':
        return ok(this.tradeHistory(p));
      default:
        return fail(`Not Found`, 'HTTPError', 404);
    }
  }

  private instrument(v: VenueInstrument) {
    const stats = this.exchange.getStats(v.spec.symbol);
    return instrumentRow(v, this.now(), stats?.lastPrice || v.spec.initialPrice);
  }

  private account() {
    const a = this.exchange.getAccount(this.accountId);
    if (!a) throw new Error(`simulator account ${this.accountId} is missing`);
    return a;
  }

  private positions() {
    const held = this.exchange.getPositions(this.accountId);
    return INSTRUMENTS.filter((v) => v.kind !== 'spot').map((v) =>
      positionRow(
        held.find((p) => p.symbol === v.spec.symbol),
        v,
        this.now(),
      ),
    );
  }

  private l2(p: Params): Reply {
    const e = this.bySymbol.get(String(p.symbol ?? ''));
    if (!e) return fail('Invalid symbol.', 'HTTPError', 400);
    return ok(
      [...this.publishedBook(e.v.spec.symbol).rows.values()].map((r) => this.bookRow(e.v.spec.symbol, r)),
    );
  }

  private bins(p: Params): Reply {
    const e = this.bySymbol.get(String(p.symbol ?? ''));
    const bin = BINS[String(p.binSize ?? '1m')];
    if (!e) return fail('Invalid symbol.');
    if (!bin) return fail('Invalid binSize.', 'ValidationError');
    const count = Math.min(Math.max(Number(p.count ?? 100) || 100, 1), 1000);
    const end = p.endTime ? Date.parse(String(p.endTime)) : this.now();
    const start = p.startTime ? Date.parse(String(p.startTime)) : end - count * bin.ms;
    // Bins are stamped with their close time: a bar opening at t is the bin stamped t + interval.
    const bars = this.exchange
      .getBars(e.v.spec.symbol, bin.interval, start - bin.ms, end - bin.ms)
      .filter((b) => b.time + bin.ms >= start && b.time + bin.ms <= end)
      .slice(0, count);
    return ok(
      bars.map((b) => ({
        timestamp: iso(b.time + bin.ms),
        symbol: e.v.spec.symbol,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        trades: 1,
        volume: Math.round(b.volume * e.v.qtyPerVolume),
        vwap: b.close,
        lastSize: 1,
        turnover: Math.round(b.turnover),
        homeNotional: b.volume,
        foreignNotional: b.turnover,
      })),
    );
  }

  /** Every order of the account in BitMEX's shape, newest last. */
  private allOrders(): Order[] {
    const rows = this.exchange.getOrders(this.accountId).map((o) => this.row(o));
    return [...rows, ...this.ghosts].sort((a, b) =>
      (a.transactTime ?? '').localeCompare(b.transactTime ?? ''),
    );
  }

  private queryOrders(p: Params): Order[] {
    let filter: Record<string, unknown> = {};
    if (typeof p.filter === 'string' && p.filter) {
      try {
        filter = JSON.parse(p.filter) as Record<string, unknown>;
      } catch {
        filter = {};
      }
    }
    let rows = this.allOrders();
    if (filter.open === true)
      rows = rows.filter((o) => o.ordStatus === 'New' || o.ordStatus === 'PartiallyFilled');
    if (typeof filter.clOrdID === 'string') rows = rows.filter((o) => o.clOrdID === filter.clOrdID);
    if (typeof filter.orderID === 'string') rows = rows.filter((o) => o.orderID === filter.orderID);
    if (typeof p.symbol === 'string') rows = rows.filter((o) => o.symbol === p.symbol);
    if (String(p.reverse) === 'true') rows.reverse();
    return rows.slice(0, Math.min(Number(p.count ?? 100) || 100, 500));
  }

  private row(o: SimOrder): Order {
    const e = this.bySymbol.get(o.symbol)!;
    return orderRow(o, e.v, this.extrasOf(o), this.now());
  }

  private extrasOf(o: SimOrder): OrderExtras {
    let x = this.extras.get(o.orderId);
    if (!x && this.pending) {
      // The order being placed: the engine announces it before placeOrder returns.
      x = this.pending;
      this.pending = undefined;
      this.extras.set(o.orderId, x);
    }
    if (!x) {
      x = {
        orderID: randomUUID(),
        clOrdID: o.clientOrderId,
        ordType: o.type === OrderType.MARKET ? 'Market' : o.type === OrderType.STOP ? 'Stop' : 'Limit',
        timeInForce: 'GoodTillCancel',
        execInst: '',
        stopPx: null,
        text: 'Submitted via API.',
      };
      this.extras.set(o.orderId, x);
    }
    return x;
  }

  private place(p: Params): Reply {
    const symbol = String(p.symbol ?? '');
    const e = this.bySymbol.get(symbol);
    if (!symbol) return fail("'symbol' is a required arg.");
    if (!e) return fail(`Invalid symbol.`);
    const side = String(p.side ?? 'Buy');
    if (side !== 'Buy' && side !== 'Sell')
      return fail(`Invalid side. Valid options: Buy, Sell.`, 'ValidationError');
    const orderQty = Number(p.orderQty);
    if (!Number.isSafeInteger(orderQty) || orderQty <= 0) return fail('Invalid orderQty', 'ValidationError');
    if (orderQty % e.v.lotSize !== 0) {
      return fail(`Order quantity must be a multiple of lot size: ${e.v.lotSize}`, 'ValidationError');
    }
    const ordType = String(p.ordType ?? (p.price !== undefined ? 'Limit' : 'Market'));
    const tif = String(p.timeInForce ?? (ordType === 'Market' ? 'ImmediateOrCancel' : 'GoodTillCancel'));
    const inst = String(p.execInst ?? '')
      .split(',')
      .filter((s) => s);
    const clOrdID = p.clOrdID === undefined ? '' : String(p.clOrdID);
    if (clOrdID.length > 36) return fail('Invalid clOrdID: must be at most 36 characters', 'ValidationError');
    if (clOrdID && this.allOrders().some((o) => o.clOrdID === clOrdID)) {
      return fail('Duplicate clOrdID', 'ValidationError');
    }
    let type: OrderType;
    let price = 0;
    if (ordType === 'Market') type = OrderType.MARKET;
    else if (ordType === 'Stop') {
      type = OrderType.STOP;
      price = Number(p.stopPx);
      if (!(price > 0)) return fail("'stopPx' is required for Stop orders", 'ValidationError');
    } else if (ordType === 'Limit') {
      price = Number(p.price);
      if (!(price > 0)) return fail('Invalid price', 'ValidationError');
      const postOnly = inst.includes('ParticipateDoNotInitiate');
      if (postOnly) type = OrderType.POSTONLY;
      else if (tif === 'ImmediateOrCancel') type = OrderType.FAK;
      else if (tif === 'FillOrKill') type = OrderType.FOK;
      else if (tif === 'GoodTillCancel' || tif === 'Day') type = OrderType.LIMIT;
      else return fail(`Invalid timeInForce: ${tif}`, 'ValidationError');
    } else {
      return fail(`Invalid ordType: ${ordType} is not supported by the simulator`, 'ValidationError');
    }
    const extras: OrderExtras = {
      orderID: randomUUID(),
      clOrdID,
      ordType,
      timeInForce: tif,
      execInst: inst.join(','),
      stopPx: type === OrderType.STOP ? price : null,
      text: typeof p.text === 'string' ? p.text : 'Submitted via API.',
    };
    this.pending = extras;
    const result = this.exchange.placeOrder(this.accountId, {
      symbol,
      side: side === 'Buy' ? 'BUY' : 'SELL',
      type,
      price,
      volume: orderQty / e.v.qtyPerVolume,
      ...(clOrdID ? { clientOrderId: clOrdID } : {}),
      ...(inst.includes('ReduceOnly') || inst.includes('Close') ? { reduceOnly: true } : {}),
    });
    this.pending = undefined;
    if (!result.ok) {
      // BitMEX does not refuse a crossing post-only order or an unfillable FOK: it answers with the order,
      // Canceled, and says why in `text`.
      if (result.code === 'WOULD_TAKE_LIQUIDITY' || result.code === 'FOK_NOT_FILLABLE') {
        const why =
          result.code === 'WOULD_TAKE_LIQUIDITY'
            ? 'Canceled: Order had execInst of ParticipateDoNotInitiate'
            : 'Canceled: Order had timeInForce of FillOrKill';
        const ghost = this.ghost(symbol, side, orderQty, price, extras, why, e.v);
        return ok(ghost);
      }
      if (result.code === 'INSUFFICIENT_FUNDS' || result.code === 'INSUFFICIENT_POSITION') {
        return fail(`Account has insufficient Available Balance: ${result.reason}`, 'ValidationError');
      }
      return fail(result.reason, 'ValidationError');
    }
    const current = this.exchange.getOrder(this.accountId, result.value.orderId) ?? result.value;
    return ok(this.row(current));
  }

  private ghost(
    symbol: string,
    side: string,
    orderQty: number,
    price: number,
    x: OrderExtras,
    text: string,
    v: VenueInstrument,
  ): Order {
    const now = this.now();
    const row = {
      ...orderRow(
        {
          orderId: 0,
          clientOrderId: x.clOrdID,
          accountId: this.accountId,
          symbol,
          side: side === 'Buy' ? 'BUY' : 'SELL',
          type: OrderType.LIMIT,
          price,
          volume: orderQty / v.qtyPerVolume,
          filled: 0,
          avgPrice: 0,
          offset: 'NONE' as SimOrder['offset'],
          status: 'CANCELED',
          reason: '',
          createdAt: now,
          updatedAt: now,
        },
        v,
        x,
        now,
      ),
      text,
    };
    this.ghosts.push(row);
    this.publish('order', 'insert', [row]);
    return row;
  }

  /** PUT /order: a working limit order's new price and/or total orderQty, in place (its ids kept). */
  private amend(p: Params): Reply {
    const orderID = p.orderID === undefined ? '' : String(p.orderID);
    const origClOrdID = p.origClOrdID === undefined ? '' : String(p.origClOrdID);
    if (!orderID && !origClOrdID) return fail('Must provide either orderID or origClOrdID.');
    const o = this.exchange.getOrders(this.accountId).find((x) => {
      const ids = this.extrasOf(x);
      return orderID ? ids.orderID === orderID : ids.clOrdID === origClOrdID;
    });
    if (!o) return fail('Not Found', 'NotFoundError', 404);
    const e = this.bySymbol.get(o.symbol)!;
    const change: { price?: number; volume?: number } = {};
    if (p.price !== undefined) {
      const price = Number(p.price);
      if (!(price > 0)) return fail('Invalid price', 'ValidationError');
      change.price = price;
    }
    if (p.orderQty !== undefined) {
      const orderQty = Number(p.orderQty);
      if (!Number.isSafeInteger(orderQty) || orderQty <= 0)
        return fail('Invalid orderQty', 'ValidationError');
      if (orderQty % e.v.lotSize !== 0) {
        return fail(`Order quantity must be a multiple of lot size: ${e.v.lotSize}`, 'ValidationError');
      }
      change.volume = orderQty / e.v.qtyPerVolume;
    }
    if (change.price === undefined && change.volume === undefined) {
      return fail('Must provide price or orderQty to amend.', 'ValidationError');
    }
    const r = this.exchange.amendOrder(this.accountId, o.orderId, change);
    if (!r.ok) return fail(`Unable to amend order: ${r.reason}`, 'ValidationError');
    return ok(this.row(r.value));
  }

  private cancel(p: Params): Reply {
    const wanted = (v: unknown): string[] =>
      v === undefined
        ? []
        : Array.isArray(v)
          ? v.map(String)
          : String(v)
              .split(',')
              .filter((s) => s);
    const orderIDs = wanted(p.orderID);
    const clOrdIDs = wanted(p.clOrdID);
    if (orderIDs.length === 0 && clOrdIDs.length === 0)
      return fail('Must provide either orderID or clOrdID.');
    const out: unknown[] = [];
    for (const o of this.exchange.getOrders(this.accountId)) {
      const x = this.extrasOf(o);
      if (!orderIDs.includes(x.orderID) && !(x.clOrdID && clOrdIDs.includes(x.clOrdID))) continue;
      const r = this.exchange.cancelOrder(this.accountId, o.orderId);
      const current = this.exchange.getOrder(this.accountId, o.orderId) ?? o;
      out.push(
        r.ok
          ? this.row(current)
          : {
              ...this.row(current),
              error: `Unable to cancel order due to existing state: ${this.row(current).ordStatus}`,
            },
      );
    }
    if (out.length === 0) return fail('Not Found', 'NotFoundError', 404);
    return ok(out);
  }

  cancelAll(symbol?: string): Order[] {
    const out: Order[] = [];
    for (const o of this.exchange.getOpenOrders(this.accountId, symbol)) {
      const r = this.exchange.cancelOrder(this.accountId, o.orderId);
      if (r.ok) out.push(this.row(r.value));
    }
    return out;
  }

  private cancelAllAfter(p: Params): Reply {
    const timeout = Number(p.timeout);
    if (!Number.isFinite(timeout) || timeout < 0) return fail("'timeout' is a required arg.");
    this.deadManCalls += 1;
    if (this.deadMan) clearTimeout(this.deadMan);
    this.deadMan = undefined;
    const now = this.now();
    if (timeout === 0) return ok({ now: iso(now), cancelTime: null });
    this.deadMan = setTimeout(() => {
      this.deadMan = undefined;
      this.deadManFired += this.cancelAll().length;
    }, timeout);
    return ok({ now: iso(now), cancelTime: iso(now + timeout) });
  }

  private tradeHistory(p: Params) {
    let filter: Record<string, unknown> = {};
    if (typeof p.filter === 'string' && p.filter) {
      try {
        filter = JSON.parse(p.filter) as Record<string, unknown>;
      } catch {
        filter = {};
      }
    }
    const since = p.startTime ? Date.parse(String(p.startTime)) : 0;
    let rows = this.executions.filter((e) => e.execType === 'Trade' && Date.parse(e.timestamp) >= since);
    if (typeof filter.clOrdID === 'string') rows = rows.filter((e) => e.clOrdID === filter.clOrdID);
    if (typeof p.symbol === 'string') rows = rows.filter((e) => e.symbol === p.symbol);
    if (String(p.reverse) === 'true') rows = [...rows].reverse();
    return rows.slice(0, Math.min(Number(p.count ?? 100) || 100, 500));
  }

  // ---- realtime --------------------------------------------------------------------------------------------

  /** Subscribes a sink and sends the topic's partial (BitMEX's first message of every subscription). */
  subscribe(topic: string, sink: Sink): void {
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(sink);
    const [table = '', symbol] = topic.split(':');
    const keys = TABLE_KEYS[table] ?? [];
    const partial = (data: unknown[], filter: Record<string, unknown> = symbol ? { symbol } : {}) =>
      sink({ table, action: 'partial', keys, types: {}, filter, data } satisfies TableMessage<unknown>);
    const now = this.now();
    const e = symbol ? this.bySymbol.get(symbol) : undefined;
    switch (table) {
      case 'orderBookL2_25':
      case 'orderBookL2': {
        if (!e) return;
        const book = this.publishedBook(e.v.spec.symbol);
        const rows = [...book.rows.values()];
        if (this.latePartials > 0 && rows.length > 0) {
          // Frames of the live table that overtake the partial: BitMEX says to drop them.
          this.latePartials -= 1;
          const first = rows[0]!;
          sink({
            table,
            action: 'update',
            data: [{ symbol, id: first.id, side: first.side, size: first.size + 1, timestamp: iso(now) }],
          });
          sink({ table, action: 'delete', data: [{ symbol, id: first.id + 999_999, side: 'Buy' }] });
        }
        return partial(rows.map((r) => this.bookRow(e.v.spec.symbol, r)));
      }
      case 'trade':
        return partial([]);
      case 'quote': {
        if (!e) return;
        const b = this.exchange.getBook(e.v.spec.symbol, 1);
        return partial(b ? [this.quoteRow(e.v, b)] : []);
      }
      case 'instrument':
        return partial(e ? [this.instrument(e.v)] : INSTRUMENTS.map((v) => this.instrument(v)));
      case 'order':
        return partial(
          this.allOrders().filter((o) => o.ordStatus === 'New' || o.ordStatus === 'PartiallyFilled'),
          { account: 2170 },
        );
      case 'execution':
        return partial([], { account: 2170 });
      case 'position':
        return partial(this.positions(), { account: 2170 });
      case 'margin':
        return partial([marginRow(this.account(), now)], { account: 2170 });
      case 'wallet':
        return partial(walletRows(this.account(), now), { account: 2170 });
      default:
        return;
    }
  }

  unsubscribe(topic: string, sink: Sink): void {
    this.topics.get(topic)?.delete(sink);
  }

  unsubscribeAll(sink: Sink): void {
    for (const set of this.topics.values()) set.delete(sink);
  }

  /** Sends a frame to every subscriber of a topic, as is (levers). */
  sendToTopic(topic: string, message: unknown): void {
    for (const sink of this.topics.get(topic) ?? []) sink(message);
  }

  /** Sends every book subscriber a new partial of the current book (BitMEX may send one at any time). */
  resendPartial(symbol: string): void {
    const e = this.bySymbol.get(symbol);
    if (!e) return;
    const data = [...this.publishedBook(symbol).rows.values()].map((r) => this.bookRow(symbol, r));
    this.sendToTopic(`orderBookL2_25:${symbol}`, {
      table: 'orderBookL2_25',
      action: 'partial',
      keys: TABLE_KEYS.orderBookL2_25,
      types: {},
      filter: { symbol },
      data,
    });
  }

  /** The book as the venue last published it (top 25 per side), for tests to compare with. */
  publishedLevels(symbol: string): { bids: [number, number][]; asks: [number, number][] } {
    const rows = [...this.publishedBook(symbol).rows.values()];
    const e = this.bySymbol.get(symbol)!;
    const level = (r: { price: number; size: number }): [number, number] => [
      r.price,
      r.size / e.v.qtyPerVolume,
    ];
    return {
      bids: rows
        .filter((r) => r.side === 'Buy')
        .sort((a, b) => b.price - a.price)
        .map(level),
      asks: rows
        .filter((r) => r.side === 'Sell')
        .sort((a, b) => a.price - b.price)
        .map(level),
    };
  }

  private bookRow(symbol: string, r: { id: number; side: 'Buy' | 'Sell'; price: number; size: number }) {
    return { symbol, id: r.id, side: r.side, size: r.size, price: r.price, timestamp: iso(this.now()) };
  }

  private quoteRow(v: VenueInstrument, b: BookSnapshot) {
    const bid = b.bids[0];
    const ask = b.asks[0];
    return {
      timestamp: iso(b.time),
      symbol: v.spec.symbol,
      bidSize: bid ? Math.round(bid.volume * v.qtyPerVolume) : null,
      bidPrice: bid?.price ?? null,
      askPrice: ask?.price ?? null,
      askSize: ask ? Math.round(ask.volume * v.qtyPerVolume) : null,
    };
  }

  private publishedBook(symbol: string): PublishedBook {
    let book = this.books.get(symbol);
    if (!book) {
      book = { rows: new Map() };
      this.books.set(symbol, book);
      const snap = this.exchange.getBook(symbol, BOOK_DEPTH);
      if (snap) this.diffBook(symbol, book, snap);
    }
    return book;
  }

  /** Brings the published book to `snap` and returns BitMEX's frames for the change. */
  private diffBook(symbol: string, book: PublishedBook, snap: BookSnapshot) {
    const e = this.bySymbol.get(symbol)!;
    const now = this.now();
    const next = new Map<string, { id: number; side: 'Buy' | 'Sell'; price: number; size: number }>();
    const add = (side: 'Buy' | 'Sell', levels: readonly { price: number; volume: number }[]) => {
      for (const l of levels.slice(0, BOOK_DEPTH)) {
        const r = l2Row(e.index, e.v, side, l.price, l.volume, now);
        next.set(`${side}:${r.id}`, { id: r.id, side, price: l.price, size: r.size! });
      }
    };
    add('Buy', snap.bids);
    add('Sell', snap.asks);
    const inserts: unknown[] = [];
    const updates: unknown[] = [];
    const deletes: unknown[] = [];
    for (const [key, r] of book.rows) {
      if (!next.has(key)) deletes.push({ symbol, id: r.id, side: r.side });
    }
    for (const [key, r] of next) {
      const before = book.rows.get(key);
      if (!before) inserts.push(this.bookRow(symbol, r));
      else if (before.size !== r.size)
        updates.push({ symbol, id: r.id, side: r.side, size: r.size, timestamp: iso(now) });
    }
    book.rows = next;
    return { inserts, updates, deletes };
  }

  private onBook(b: BookSnapshot): void {
    const e = this.bySymbol.get(b.symbol);
    if (!e) return;
    const book = this.books.get(b.symbol);
    if (!book) return; // Nobody has asked for it yet; the first subscriber's partial starts it.
    const snap = this.exchange.getBook(b.symbol, BOOK_DEPTH) ?? b;
    const { inserts, updates, deletes } = this.diffBook(b.symbol, book, snap);
    const topic = `orderBookL2_25:${b.symbol}`;
    if (deletes.length) this.publish(topic, 'delete', deletes);
    if (updates.length) this.publish(topic, 'update', updates);
    if (inserts.length) this.publish(topic, 'insert', inserts);
    if (inserts.length || updates.length || deletes.length) {
      this.publish(`quote:${b.symbol}`, 'insert', [this.quoteRow(e.v, snap)]);
    }
  }

  private publish(topic: string, action: 'insert' | 'update' | 'delete', data: unknown[]): void {
    const set = this.topics.get(topic);
    if (!set || set.size === 0) return;
    const table = topic.split(':')[0]!;
    const message = { table, action, data };
    for (const sink of set) sink(message);
  }

  private onOrder(o: SimOrder): void {
    const row = this.row(o);
    const before = this.lastRows.get(row.orderID);
    this.lastRows.set(row.orderID, row);
    if (!before) {
      this.publish('order', 'insert', [row]);
      this.recordExecution(row, 'New', undefined);
      return;
    }
    const changed: Record<string, unknown> = {
      orderID: row.orderID,
      clOrdID: row.clOrdID,
      account: row.account,
      symbol: row.symbol,
    };
    let any = false;
    for (const [k, v] of Object.entries(row)) {
      if (k === 'timestamp') continue;
      if ((before as unknown as Record<string, unknown>)[k] !== v) {
        changed[k] = v;
        any = true;
      }
    }
    if (!any) return;
    changed.timestamp = row.timestamp;
    this.publish('order', 'update', [changed]);
    if (row.ordStatus === 'Canceled') this.recordExecution(row, 'Canceled', undefined);
  }

  private onFill(f: SimFill): void {
    const o = this.exchange.getOrder(this.accountId, f.orderId);
    if (!o) return;
    this.recordExecution(this.row(o), 'Trade', f);
  }

  private recordExecution(
    order: Order,
    execType: 'New' | 'Trade' | 'Canceled',
    fill: SimFill | undefined,
  ): void {
    const e = this.bySymbol.get(order.symbol ?? '');
    if (!e) return;
    const row = executionRow(order, execType, randomUUID(), fill, e.v, this.now());
    this.executions.push(row);
    if (this.executions.length > 10_000) this.executions.shift();
    this.publish('execution', 'insert', [row]);
  }
}
