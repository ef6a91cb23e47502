// The Alpaca account over the shared simulated exchange: the Trading API's REST endpoints, the trade_updates
// pushes, and the market-data pushes (quotes, trades, daily bars) for the streams. The server (server.ts)
// does transport, authentication and the streams' connect/auth/subscribe sequence.
import { randomUUID } from 'node:crypto';
import { Interval, Offset } from '../../../src/core/constant.js';
import { isMultipleOf, priceTickAt } from '../../../src/core/validate.js';
import { US_EQUITY_PRICE_BANDS } from '../../common/price-bands.js';
import type {
  BookSnapshot,
  MarketStats,
  PublicTrade,
  RejectCode,
  SimExchange,
  SimFill,
  SimOrder,
} from '../../../src/sim/types.js';
import type { AlpacaOrder, ApiError, OrderStatus, TimeInForce, TradeEvent } from '../types.js';
import { ERR, Formatter, engineType, executionId, invalid, iso, statusOf, type OrderMeta } from './wire.js';

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
export type Sink = (message: unknown) => void;
export type Query = URLSearchParams;

const TIFS: ReadonlySet<string> = new Set(['day', 'gtc', 'opg', 'cls', 'ioc', 'fok']);
const CRYPTO_TIFS: ReadonlySet<string> = new Set(['gtc', 'ioc']);
const TIMEFRAMES: Record<string, Interval> = {
  '1Min': Interval.MINUTE,
  '1Hour': Interval.HOUR,
  '1Day': Interval.DAILY,
  '1Week': Interval.WEEKLY,
};

const ok = (body: unknown): Reply => ({ status: 200, body });
export const fail = (error: ApiError, status: number): Reply => ({ status, body: error });

export class AlpacaVenue {
  readonly fmt: Formatter;
  private readonly meta = new Map<number, OrderMeta>();
  private readonly byVenueId = new Map<string, number>();
  /** Filled quantity pushed so far per engine order id, so each fill's event carries its own cumulative. */
  private readonly reported = new Map<number, number>();
  private readonly announced = new Set<number>();
  private readonly tradeSinks = new Set<Sink>();
  private readonly dataSinks = new Map<
    'stocks' | 'crypto',
    Set<{ sink: Sink; wants: (channel: string, symbol: string) => boolean }>
  >([
    ['stocks', new Set()],
    ['crypto', new Set()],
  ]);
  private readonly ids = { id: randomUUID(), number: 'PA3SIMVNT01' };
  /** Bars per page at most (Alpaca: 10000); tests lower it to exercise paging. */
  barPageLimit = 10_000;

  constructor(
    readonly exchange: SimExchange,
    readonly accountId: string,
    private readonly now: () => number,
  ) {
    this.fmt = new Formatter(exchange.instruments);
    exchange.on('order', (o) => o.accountId === accountId && this.onOrder(o));
    exchange.on('fill', (f) => f.accountId === accountId && this.onFill(f));
    exchange.on('book', (b) => this.onBook(b));
    exchange.on('trade', (t) => this.onPublicTrade(t));
    exchange.on('stats', (s) => this.onStats(s));
  }

  // ---- REST ------------------------------------------------------------------------------------------------

  handle(method: string, path: string, query: Query, body: unknown): Reply {
    const orderPath = /^\/v2\/orders\/([^/]+)$/.exec(path);
    if (orderPath && orderPath[1] !== undefined) {
      const id = decodeURIComponent(orderPath[1]);
      if (method === 'GET') return this.getOrder(id);
      if (method === 'DELETE') return this.cancel(id);
      if (method === 'PATCH') return this.replace(id, body);
    }
    switch (`${method} ${path}`) {
      case 'GET /v2/account':
        return ok(this.account());
      case 'GET /v2/assets':
        return ok(this.assets(query));
      case 'GET /v2/positions':
        return ok(this.positions());
      case 'GET /v2/orders':
        return this.listOrders(query);
      case 'POST /v2/orders':
        return this.place(body);
      case 'DELETE /v2/orders':
        return this.cancelAll();
      case 'GET /v2/orders:by_client_order_id':
        return this.byClientId(query.get('client_order_id') ?? '');
      case 'GET /v2/account/activities/FILL':
        return this.activities(query);
      case 'GET /v2/stocks/bars':
        return this.bars(query, false);
      case 'GET /v1beta3/crypto/us/bars':
        return this.bars(query, true);
      default:
        return fail({ code: 40410000, message: 'endpoint not found' }, 404);
    }
  }

  private account(): Record<string, unknown> {
    const a = this.exchange.getAccount(this.accountId);
    if (!a) throw new Error(`simulator account ${this.accountId} is missing`);
    return this.fmt.account(a, this.exchange.getPositions(this.accountId), (s) => this.last(s), this.ids);
  }

  private last(symbol: string): number {
    return this.exchange.getStats(symbol)?.lastPrice ?? 0;
  }

  private assets(query: Query) {
    const cls = query.get('asset_class');
    return [...this.exchange.instruments.values()]
      .map((s) => this.fmt.asset(s))
      .filter((a) => !cls || a.class === cls);
  }

  private positions() {
    return this.exchange
      .getPositions(this.accountId)
      .filter((p) => p.volume > 0)
      .map((p) => {
        const stats = this.exchange.getStats(p.symbol);
        return this.fmt.position(
          p,
          stats?.lastPrice ?? p.avgPrice,
          stats?.preClose || (stats?.lastPrice ?? 0),
        );
      });
  }

  private format(o: SimOrder): AlpacaOrder {
    return this.fmt.order(o, this.metaOf(o));
  }

  private metaOf(o: SimOrder): OrderMeta {
    let m = this.meta.get(o.orderId);
    if (!m) {
      m = { id: randomUUID(), type: 'limit', tif: 'gtc', extendedHours: false, stopPrice: null };
      this.meta.set(o.orderId, m);
      this.byVenueId.set(m.id, o.orderId);
    }
    return m;
  }

  private listOrders(query: Query): Reply {
    const status = query.get('status') ?? 'open';
    if (!['open', 'closed', 'all'].includes(status)) return fail(invalid('invalid status'), 422);
    const limit = Math.min(Number(query.get('limit') ?? 50) || 50, 500);
    const after = query.get('after') ? Date.parse(query.get('after')!) : -Infinity;
    const until = query.get('until') ? Date.parse(query.get('until')!) : Infinity;
    const symbols = query.get('symbols')?.split(',').filter(Boolean);
    const asc = query.get('direction') === 'asc';
    const orders = this.allOrders()
      .filter((o) => {
        const open = o.status === 'NEW' || o.status === 'PARTIALLY_FILLED' || o.status === 'PENDING_TRIGGER';
        if (status === 'open' && !open) return false;
        if (status === 'closed' && open) return false;
        // `after` and `until` are exclusive bounds on the submission time.
        return o.createdAt > after && o.createdAt < until && (!symbols || symbols.includes(o.symbol));
      })
      .sort((a, b) =>
        asc
          ? a.createdAt - b.createdAt || a.orderId - b.orderId
          : b.createdAt - a.createdAt || b.orderId - a.orderId,
      );
    return ok(orders.slice(0, limit).map((o) => this.format(o)));
  }

  private getOrder(id: string): Reply {
    const n = this.byVenueId.get(id);
    const o = n === undefined ? undefined : this.findOrder(n);
    return o ? ok(this.format(o)) : fail(ERR.notFound, 404);
  }

  private byClientId(clientId: string): Reply {
    const o =
      this.exchange.getOrderByClientId(this.accountId, clientId) ??
      this.killed.find((k) => k.clientOrderId === clientId);
    return o ? ok(this.format(o)) : fail(ERR.notFound, 404);
  }

  private place(body: unknown, replaces?: string): Reply {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return fail({ code: 40010000, message: 'request body format is invalid' }, 400);
    }
    const b = body as Record<string, unknown>;
    const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
    const symbol = str('symbol');
    if (!symbol) return fail(invalid('symbol is required'), 422);
    const spec = this.exchange.instruments.get(symbol);
    if (!spec) return fail(invalid(`asset "${symbol}" not found`), 422);
    const crypto = this.fmt.isCrypto(symbol);
    if (b.notional !== undefined && b.notional !== null) {
      return fail(invalid('notional orders are not supported by the simulator'), 422);
    }
    const qty = Number(str('qty'));
    if (!(qty > 0)) return fail(invalid('qty must be > 0'), 422);
    const side = str('side');
    if (side !== 'buy' && side !== 'sell') return fail(invalid('invalid side'), 422);
    const type = str('type') ?? '';
    const tif = str('time_in_force') ?? '';
    if (!TIFS.has(tif)) return fail(invalid('invalid time_in_force'), 422);
    if (crypto && !CRYPTO_TIFS.has(tif)) return fail(invalid(`invalid crypto time_in_force: ${tif}`), 422);
    const engine = engineType(type, tif);
    if (engine === undefined) return fail(invalid(`order type ${type} is not supported`), 422);
    if (crypto && type === 'stop') return fail(invalid('crypto orders do not support stop type'), 422);
    if (!Number.isInteger(qty) && !crypto && tif !== 'day') {
      return fail(invalid('fractional orders must be DAY orders'), 422);
    }
    if (!isMultipleOf(qty, spec.lotSize))
      return fail(invalid(`qty ${qty} is finer than the simulator's ${spec.lotSize}`), 422);
    let price = 0;
    let stopPrice: number | null = null;
    if (type === 'limit') {
      price = Number(str('limit_price'));
      if (!(price > 0)) return fail(invalid('limit_price is required for limit orders'), 422);
    }
    if (type === 'stop') {
      stopPrice = Number(str('stop_price'));
      if (!(stopPrice > 0)) return fail(invalid('stop_price is required for stop orders'), 422);
      price = stopPrice;
    }
    const tick = crypto ? spec.pricetick : priceTickAt({ ...spec, priceBands: US_EQUITY_PRICE_BANDS }, price);
    if (price > 0 && !isMultipleOf(price, tick)) {
      return fail(invalid('sub-penny increment does not fulfill minimum pricing criteria'), 422);
    }
    const extendedHours = b.extended_hours === true;
    if (extendedHours && (type !== 'limit' || tif !== 'day')) {
      return fail(invalid('extended hours order must be DAY limit orders'), 422);
    }
    const clientOrderId = str('client_order_id') ?? randomUUID();
    if (clientOrderId.length > 128)
      return fail(invalid('client_order_id must be no more than 128 characters'), 422);
    if (
      this.exchange.getOrderByClientId(this.accountId, clientOrderId) ||
      this.killed.some((k) => k.clientOrderId === clientOrderId)
    ) {
      return fail(invalid('client_order_id must be unique'), 422);
    }
    const meta: OrderMeta = {
      id: randomUUID(),
      type: type as OrderMeta['type'],
      tif: tif as TimeInForce,
      extendedHours,
      stopPrice,
      ...(replaces !== undefined ? { replaces } : {}),
    };
    this.pendingMeta = meta;
    const result = this.exchange.placeOrder(this.accountId, {
      symbol,
      side: side === 'sell' ? 'SELL' : 'BUY',
      type: engine,
      price,
      volume: qty,
      clientOrderId,
    });
    this.pendingMeta = undefined;
    if (!result.ok && result.code === 'FOK_NOT_FILLABLE')
      return ok(this.kill(meta, symbol, side, qty, price, clientOrderId));
    if (!result.ok) return refusal(result.code, result.reason);
    const current = this.exchange.getOrder(this.accountId, result.value.orderId) ?? result.value;
    return ok(this.format(current));
  }

  /**
   * Alpaca accepts a fill-or-kill it cannot fill and then cancels it (the engine refuses it outright): the
   * order exists, canceled, for lookups and lists, and the stream says `new` then `canceled`.
   */
  private kill(
    meta: OrderMeta,
    symbol: string,
    side: string,
    qty: number,
    price: number,
    clientOrderId: string,
  ): AlpacaOrder {
    const t = this.now();
    const o: SimOrder = {
      orderId: -(this.killed.length + 1),
      clientOrderId,
      accountId: this.accountId,
      symbol,
      side: side === 'sell' ? 'SELL' : 'BUY',
      type: engineType(meta.type, meta.tif)!,
      price,
      volume: qty,
      filled: 0,
      avgPrice: 0,
      offset: Offset.NONE,
      status: 'CANCELED',
      reason: 'fill-or-kill not fillable',
      createdAt: t,
      updatedAt: t,
    };
    this.meta.set(o.orderId, meta);
    this.byVenueId.set(meta.id, o.orderId);
    this.killed.push(o);
    this.pushEvent('new', { ...o, status: 'NEW' });
    this.pushEvent('canceled', o);
    return this.format(o);
  }

  private readonly killed: SimOrder[] = [];

  private allOrders(): SimOrder[] {
    return [...this.exchange.getOrders(this.accountId), ...this.killed];
  }

  private findOrder(n: number): SimOrder | undefined {
    return n < 0 ? this.killed[-n - 1] : this.exchange.getOrder(this.accountId, n);
  }

  /** Alpaca-side fields of the order being placed, claimed by its first engine event. */
  private pendingMeta: OrderMeta | undefined;

  private cancel(id: string): Reply {
    const n = this.byVenueId.get(id);
    const o = n === undefined ? undefined : this.findOrder(n);
    if (!o || n === undefined) return fail(ERR.notFound, 404);
    if (n < 0) return fail(ERR.notCancelable, 422);
    const result = this.exchange.cancelOrder(this.accountId, n);
    if (!result.ok) return fail(ERR.notCancelable, 422);
    return { status: 204 };
  }

  /**
   * Replace Order (PATCH /v2/orders/{id}): a new order with the old one's attributes, each one sent overriding
   * (qty, limit_price, stop_price, time_in_force, client_order_id), then the old one ends `replaced`. The
   * stream says `new` for the new order, `pending_replace` then `replaced` for the old. The new
   * order is placed before the old ends, so both hold buying power meanwhile (Alpaca: the larger of the two);
   * one the account cannot afford is refused with 403 and the old order stays.
   */
  private replace(id: string, body: unknown): Reply {
    const n = this.byVenueId.get(id);
    const old = n === undefined ? undefined : this.findOrder(n);
    if (!old || n === undefined) return fail(ERR.notFound, 404);
    if (n < 0 || (old.status !== 'NEW' && old.status !== 'PARTIALLY_FILLED')) {
      return fail(invalid(`order is not replaceable (status ${statusOf(old)})`), 422);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return fail({ code: 40010000, message: 'request body format is invalid' }, 400);
    }
    const b = body as Record<string, unknown>;
    const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
    const meta = this.metaOf(old);
    const crypto = this.fmt.isCrypto(old.symbol);
    const qtyText = str('qty');
    if (qtyText !== undefined) {
      const qty = Number(qtyText);
      if (!(qty > 0)) return fail(invalid('qty must be > 0'), 422);
      if (!crypto && (!Number.isInteger(qty) || !Number.isInteger(old.volume))) {
        return fail(invalid('qty of fractional orders cannot be changed; only whole shares'), 422);
      }
    }
    // As Alpaca does (Alpaca-API issue #165): the new order takes the old one's qty unless one is sent, even
    // when part of the old order has filled.
    const qty = qtyText === undefined ? old.volume : Number(qtyText);
    const limit = str('limit_price');
    const stop = str('stop_price');
    const tif = str('time_in_force') ?? meta.tif;
    if (!TIFS.has(tif)) return fail(invalid('invalid time_in_force'), 422);
    const price = meta.type === 'limit' && limit !== undefined ? Number(limit) : old.price;
    const stopPrice = meta.type === 'stop' && stop !== undefined ? Number(stop) : meta.stopPrice;
    if (qty === old.volume && price === old.price && stopPrice === meta.stopPrice && tif === meta.tif) {
      return fail(ERR.unchanged, 422);
    }
    const clientOrderId = str('client_order_id');
    const side = old.side === 'SELL' ? 'sell' : 'buy';
    const placed = this.place(
      {
        symbol: old.symbol,
        qty: this.fmt.qty(old.symbol, qty),
        side,
        type: meta.type,
        time_in_force: tif,
        limit_price: meta.type === 'limit' ? this.fmt.price(old.symbol, price) : undefined,
        stop_price:
          meta.type === 'stop' && stopPrice !== null ? this.fmt.price(old.symbol, stopPrice) : undefined,
        extended_hours: meta.extendedHours,
        ...(clientOrderId !== undefined ? { client_order_id: clientOrderId } : {}),
      },
      meta.id,
    );
    // Refused outright (403, 422): nothing was replaced, and the stream says nothing.
    if (placed.status !== 200) return placed;
    this.pushEvent('pending_replace', old);
    const created = placed.body as AlpacaOrder;
    meta.replacedBy = created.id;
    meta.replacedAt = this.now();
    const cancelled = this.exchange.cancelOrder(this.accountId, n);
    if (!cancelled.ok) {
      // It filled meanwhile: Alpaca then rejects the replacing order.
      meta.replacedBy = undefined;
      meta.replacedAt = undefined;
      const m = this.byVenueId.get(created.id);
      if (m !== undefined) this.exchange.cancelOrder(this.accountId, m);
    }
    const current = this.exchange.getOrder(this.accountId, this.byVenueId.get(created.id) ?? -1);
    return ok(current ? this.format(current) : created);
  }

  private cancelAll(): Reply {
    const out = this.exchange.getOpenOrders(this.accountId).map((o) => {
      const r = this.exchange.cancelOrder(this.accountId, o.orderId);
      return {
        id: this.metaOf(o).id,
        status: r.ok ? 200 : 500,
        body: r.ok ? this.format(r.value) : ERR.notCancelable,
      };
    });
    return { status: 207, body: out };
  }

  private activities(query: Query): Reply {
    const after = query.get('after') ? Date.parse(query.get('after')!) : -Infinity;
    const until = query.get('until') ? Date.parse(query.get('until')!) : Infinity;
    const size = Math.min(Number(query.get('page_size') ?? 100) || 100, 100);
    const asc = query.get('direction') === 'asc';
    const cumulative = new Map<number, number>();
    const all = this.exchange.getFills(this.accountId).map((f) => {
      const cum = (cumulative.get(f.orderId) ?? 0) + f.volume;
      cumulative.set(f.orderId, cum);
      const o = this.exchange.getOrder(this.accountId, f.orderId);
      return this.fmt.activity(f, o?.volume ?? cum, cum, o ? this.metaOf(o).id : '');
    });
    let list = all.filter((a) => {
      const t = Date.parse(a.transaction_time);
      return t > after && t < until;
    });
    if (!asc) list = list.reverse();
    const token = query.get('page_token');
    if (token) {
      const i = list.findIndex((a) => a.id === token);
      list = i >= 0 ? list.slice(i + 1) : [];
    }
    return ok(list.slice(0, size));
  }

  private bars(query: Query, crypto: boolean): Reply {
    const symbols = (query.get('symbols') ?? '').split(',').filter(Boolean);
    const interval = TIMEFRAMES[query.get('timeframe') ?? ''];
    if (!interval) return fail({ code: 42210000, message: 'invalid timeframe' }, 422);
    if (symbols.length === 0) return fail({ code: 42210000, message: 'missing symbols' }, 422);
    const feed = query.get('feed');
    if (!crypto && feed && !['iex', 'sip', 'otc'].includes(feed)) {
      return fail({ code: 42210000, message: `invalid feed ${feed}` }, 422);
    }
    const limit = Math.min(Number(query.get('limit') ?? 1000) || 1000, this.barPageLimit);
    const start = query.get('start') ? Date.parse(query.get('start')!) : this.now() - 86_400_000;
    const end = query.get('end') ? Date.parse(query.get('end')!) : this.now();
    const token = query.get('page_token');
    const from = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : start;
    const out: Record<string, unknown[]> = {};
    let next: string | null = null;
    for (const symbol of symbols) {
      if (!this.exchange.instruments.has(symbol) || this.fmt.isCrypto(symbol) !== crypto) continue;
      const bars = this.exchange.getBars(symbol, interval, from, end);
      const page = bars.slice(0, limit);
      if (bars.length > limit) next = Buffer.from(String(bars[limit]!.time)).toString('base64');
      out[symbol] = page.map((b) => ({
        t: iso(b.time),
        o: b.open,
        h: b.high,
        l: b.low,
        c: b.close,
        v: b.volume,
        n: Math.max(1, Math.round(b.volume)),
        vw: b.volume > 0 ? Number((b.turnover / b.volume).toFixed(6)) : b.close,
      }));
    }
    return ok({ bars: out, next_page_token: next });
  }

  // ---- trade_updates -------------------------------------------------------------------------------------

  addTradeSink(sink: Sink): void {
    this.tradeSinks.add(sink);
  }

  removeSink(sink: Sink): void {
    this.tradeSinks.delete(sink);
    for (const set of this.dataSinks.values()) for (const e of set) if (e.sink === sink) set.delete(e);
  }

  /** Pushes a trade update for an order as it stands (tests drive rare events with it). */
  pushEvent(event: TradeEvent, o: SimOrder, extra: Record<string, unknown> = {}): void {
    const filled = this.reported.get(o.orderId) ?? 0;
    const order = this.fmt.order(o, this.metaOf(o), filled, statusFor(event, o, filled));
    const data = { event, order, timestamp: iso(this.now()), ...extra };
    for (const sink of this.tradeSinks) sink({ stream: 'trade_updates', data });
  }

  private onOrder(o: SimOrder): void {
    if (!this.meta.has(o.orderId) && this.pendingMeta) {
      this.meta.set(o.orderId, this.pendingMeta);
      this.byVenueId.set(this.pendingMeta.id, o.orderId);
    }
    if (!this.announced.has(o.orderId)) {
      this.announced.add(o.orderId);
      if (o.status !== 'REJECTED') this.pushEvent('new', { ...o, status: 'NEW' });
    }
    if (o.status === 'CANCELED')
      this.pushEvent(this.meta.get(o.orderId)?.replacedBy ? 'replaced' : 'canceled', o);
    if (o.status === 'REJECTED' && this.meta.has(o.orderId)) this.pushEvent('rejected', o);
  }

  private onFill(f: SimFill): void {
    const o = this.exchange.getOrder(this.accountId, f.orderId);
    if (!o) return;
    const filled = (this.reported.get(f.orderId) ?? 0) + f.volume;
    this.reported.set(f.orderId, filled);
    const done = filled >= o.volume - 1e-12;
    const position = this.exchange.getPositions(this.accountId).find((p) => p.symbol === f.symbol);
    this.pushEvent(done ? 'fill' : 'partial_fill', o, {
      execution_id: executionId(f.tradeId),
      price: this.fmt.price(f.symbol, f.price),
      qty: this.fmt.qty(f.symbol, f.volume),
      position_qty: this.fmt.qty(f.symbol, position?.volume ?? 0),
      timestamp: iso(f.time),
    });
  }

  // ---- market data ---------------------------------------------------------------------------------------

  addDataSink(
    kind: 'stocks' | 'crypto',
    sink: Sink,
    wants: (channel: string, symbol: string) => boolean,
  ): void {
    this.dataSinks.get(kind)!.add({ sink, wants });
  }

  private publish(symbol: string, channel: string, build: () => unknown): void {
    const set = this.dataSinks.get(this.fmt.isCrypto(symbol) ? 'crypto' : 'stocks')!;
    let message: unknown;
    for (const e of set) {
      if (!e.wants(channel, symbol)) continue;
      message ??= [build()];
      e.sink(message);
    }
  }

  private onBook(b: BookSnapshot): void {
    const bid = b.bids[0];
    const ask = b.asks[0];
    if (!bid || !ask) return;
    const crypto = this.fmt.isCrypto(b.symbol);
    this.publish(b.symbol, 'quotes', () =>
      crypto
        ? {
            T: 'q',
            S: b.symbol,
            bp: bid.price,
            bs: bid.volume,
            ap: ask.price,
            as: ask.volume,
            t: iso(b.time),
          }
        : {
            T: 'q',
            S: b.symbol,
            bx: 'V',
            bp: bid.price,
            bs: bid.volume,
            ax: 'V',
            ap: ask.price,
            as: ask.volume,
            c: ['R'],
            z: 'C',
            t: iso(b.time),
          },
    );
  }

  private onPublicTrade(t: PublicTrade): void {
    const crypto = this.fmt.isCrypto(t.symbol);
    this.publish(t.symbol, 'trades', () =>
      crypto
        ? {
            T: 't',
            S: t.symbol,
            p: t.price,
            s: t.volume,
            t: iso(t.time),
            i: t.tradeId,
            tks: t.side === 'SELL' ? 'S' : 'B',
          }
        : {
            T: 't',
            i: t.tradeId,
            S: t.symbol,
            x: 'V',
            p: t.price,
            s: t.volume,
            t: iso(t.time),
            c: ['@'],
            z: 'C',
          },
    );
  }

  private onStats(s: MarketStats): void {
    const day = iso(Math.floor(s.time / 86_400_000) * 86_400_000);
    this.publish(s.symbol, 'dailyBars', () => ({
      T: 'd',
      S: s.symbol,
      o: s.openPrice,
      h: s.highPrice,
      l: s.lowPrice,
      c: s.lastPrice,
      v: s.volume,
      t: day,
      n: Math.max(1, Math.round(s.volume)),
      vw: s.volume > 0 ? Number((s.turnover / s.volume).toFixed(6)) : s.lastPrice,
    }));
  }
}

/** The order status an event of this type reports. */
function statusFor(event: TradeEvent, o: SimOrder, filled: number): OrderStatus {
  switch (event) {
    case 'fill':
      return 'filled';
    case 'partial_fill':
      return 'partially_filled';
    case 'order_cancel_rejected':
    case 'order_replace_rejected':
      return statusOf(o, filled);
    default:
      return event;
  }
}

/** The engine's refusals as Alpaca answers them: money and holdings are 403, the rest 422. */
function refusal(code: RejectCode, reason: string): Reply {
  switch (code) {
    case 'INSUFFICIENT_FUNDS':
      return fail(ERR.buyingPower, 403);
    case 'INSUFFICIENT_POSITION':
      return fail({ code: 40310000, message: `insufficient qty available for order (${reason})` }, 403);
    case 'INJECTED':
      return fail({ code: 40310000, message: reason }, 403);
    case 'DUPLICATE_CLIENT_ID':
      return fail(invalid('client_order_id must be unique'), 422);
    default:
      return fail(invalid(reason), 422);
  }
}
