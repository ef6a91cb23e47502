// HTX derivatives over the shared simulated exchange, one venue per product: USDT-M swaps (/linear-swap-api/v1,
// isolated margin), coin-M swaps (/swap-api/v1) and coin-M futures (/api/v1/contract_*, whose calls name the
// coin in `symbol`). The REST paths the HBDM gateway uses, with HBDM's reply shapes
// ({"status":"ok","data","ts"} or {"status":"error","err_code":n,"err_msg","ts"}), the market pushes of the
// product's market link (depth.step0, detail) and its notification pushes (orders.*, matchOrders.*,
// accounts.*, positions.*; op "notify"). Volumes are in contracts; the matching engine holds long and short positions
// with open/close offsets. The fields of each message are the product's dialect (swap-wire.ts); the server
// (server.ts) does transport, gzip and auth.
import { Direction, Offset, OrderType } from '../../../src/core/constant.js';
import type {
  RejectCode,
  SimExchange,
  SimFill,
  SimOrder,
  SimOrderRequest,
  SimPosition,
} from '../../../src/sim/types.js';
import { CALL_PREFIX, CROSS_PREFIX, REST_PREFIX, isCoinMargined, isFutures, isLinear } from '../hbdm/urls.js';
import {
  DIALECTS,
  SIM_LEVER_RATE,
  openInterestWire,
  USDT_CROSS,
  type OrderForm,
  type OrderMeta,
  type SwapDialect,
  type SwapSpec,
  type WireContext,
} from './swap-wire.js';
import type { HbdmProduct } from '../hbdm/urls.js';
import { PERIODS, PERIOD_MS, type Params, type Sink } from './venue.js';
import { TriggerBook, type FirePlace } from './swap-triggers.js';
import { sideProblem } from './swap-params.js';

export { SIM_LEVER_RATE, swapSpecs, type SwapSpec } from './swap-wire.js';

export type SwapReply = { ok: true; data: unknown } | { ok: false; code: number; msg: string };

/** HBDM err_codes for the engine's refusals (from the USDT-M API's error-code list). */
const REJECT_CODES: Partial<Record<RejectCode, number>> = {
  INSUFFICIENT_FUNDS: 1047,
  INSUFFICIENT_POSITION: 1048,
  BELOW_MIN_VOLUME: 1067,
  BAD_PRICE_TICK: 1067,
  BAD_LOT_SIZE: 1067,
  UNKNOWN_INSTRUMENT: 1014,
  WOULD_TAKE_LIQUIDITY: 1050,
  DUPLICATE_CLIENT_ID: 1090,
  INJECTED: 1047,
};
const PRICE_TYPES = [
  'limit',
  'opponent',
  'post_only',
  'optimal_5',
  'optimal_10',
  'optimal_20',
  'ioc',
  'fok',
] as const;
/** The price types that take the opposite side's best levels (the engine's MARKET). */
const MARKET_TYPES: readonly string[] = ['opponent', 'optimal_5', 'optimal_10', 'optimal_20'];

const fail = (code: number, msg: string): SwapReply => ({ ok: false, code, msg });
const ok = (data: unknown): SwapReply => ({ ok: true, data });

export class HtxSwapVenue {
  private readonly meta = new Map<number, OrderMeta>();
  private readonly marketSubs = new Map<string, Set<Sink>>();
  private readonly notifySubs = new Set<{ sink: Sink; topic: string }>();
  private placing: OrderMeta | undefined;
  private rejectReason: string | undefined;
  placeRequests = 0;
  private readonly dialect: SwapDialect;
  private readonly prefix: string;
  private readonly ctx: WireContext;
  private readonly triggers: TriggerBook;

  constructor(
    readonly product: HbdmProduct,
    readonly exchange: SimExchange,
    readonly specs: ReadonlyMap<string, SwapSpec>,
    readonly account: string,
    private readonly uid: string,
    private readonly now: () => number,
    /** USDT-M cross margin: swap_cross_* calls, *_cross topics, one USDT account. */
    readonly cross = false,
  ) {
    this.dialect = cross ? USDT_CROSS : DIALECTS[product];
    this.prefix = cross ? CROSS_PREFIX : REST_PREFIX[product] + CALL_PREFIX[product];
    this.ctx = { now, lastPrice: (symbol) => exchange.getStats(symbol)?.lastPrice ?? 0 };
    this.triggers = new TriggerBook(product, cross, specs, SIM_LEVER_RATE, now, (code, event, item) =>
      this.notifyTrigger(code, event, item),
    );
    exchange.on('order', (o) => o.accountId === account && this.specs.has(o.symbol) && this.onOrder(o));
    exchange.on('fill', (f) => f.accountId === account && this.specs.has(f.symbol) && this.onFill(f));
    exchange.on('account', (a) => a.accountId === account && this.onAccount());
    exchange.on('position', (acc, p) => acc === account && this.specs.has(p.symbol) && this.onPosition(p));
    exchange.on('book', (b) => {
      const ch = `market.${b.symbol}.depth.step0`;
      this.publish(ch, () => ({ ch, ts: this.now(), tick: this.depth(b.symbol, ch) }));
    });
    exchange.on('stats', (s) => {
      // Placing from an engine listener is safe: the created order's events follow this one's.
      if (this.specs.has(s.symbol)) this.triggers.onTrade(s.symbol, s.lastPrice, this.fire);
      const ch = `market.${s.symbol}.detail`;
      this.publish(ch, () => ({ ch, ts: this.now(), tick: this.detail(s.symbol) }));
    });
  }

  rejectNext(reason: string): void {
    this.rejectReason = reason;
  }

  private readonly oiOverride = new Map<string, number>();

  /** Sets a contract's open interest (contracts) as the open-interest call reports it (tests). */
  setOpenInterest(code: string, volume: number): void {
    this.oiOverride.set(code, volume);
  }

  /**
   * The open-interest list: a base of 1000 contracts per contract plus what this venue's account holds,
   * unless set; filtered by business_type (USDT-M), contract_code, symbol and contract_type as asked.
   */
  openInterest(q: Params): SwapReply {
    const business = q.business_type ?? 'swap';
    const code = q.contract_code?.toUpperCase();
    if (code !== undefined && !this.specs.has(code)) return fail(1014, 'This contract doesnt exist.');
    const held = new Map<string, number>();
    for (const p of this.exchange.getPositions(this.account))
      held.set(p.symbol, (held.get(p.symbol) ?? 0) + p.volume);
    const data = [...this.specs.values()]
      .filter((s) => !code || s.symbol === code)
      .filter((s) => !q.symbol || s.baseAsset === q.symbol.toUpperCase())
      .filter((s) => !q.contract_type || s.contractType === q.contract_type)
      // business_type is the USDT-M API's; the coin-M APIs list their one kind.
      .filter(
        (s) =>
          code ||
          !isLinear(this.product) ||
          business === 'all' ||
          (business === 'futures') === !!s.contractType,
      )
      .map((s) => {
        const stats = this.exchange.getStats(s.symbol);
        const volume = this.oiOverride.get(s.symbol) ?? 1000 + (held.get(s.symbol) ?? 0);
        return openInterestWire(this.product, s, volume, stats?.volume ?? 0, stats?.lastPrice ?? 0);
      });
    return ok(data);
  }

  // ---- market ------------------------------------------------------------------------------------------------

  subscribeMarket(topic: string, sink: Sink): unknown | string {
    // BTC-USDT, BTC-USD, BTC240628 or a USDT-M future's BTC-USDT-240628.
    const m = /^market\.([A-Z0-9]+(?:-[A-Z]+(?:-\d{6})?)?)\.(depth\.step0|detail)$/.exec(topic);
    if (!m || !this.specs.has(m[1]!)) return `invalid topic ${topic}`;
    const set = this.marketSubs.get(topic) ?? new Set<Sink>();
    set.add(sink);
    this.marketSubs.set(topic, set);
    return {
      ch: topic,
      ts: this.now(),
      tick: m[2] === 'detail' ? this.detail(m[1]!) : this.depth(m[1]!, topic),
    };
  }

  unsubscribeAll(sink: Sink): void {
    for (const set of this.marketSubs.values()) set.delete(sink);
    for (const s of [...this.notifySubs]) if (s.sink === sink) this.notifySubs.delete(s);
  }

  private publish(topic: string, build: () => unknown): void {
    const set = this.marketSubs.get(topic);
    if (!set || set.size === 0) return;
    const msg = build();
    for (const sink of set) sink(msg);
  }

  private depth(symbol: string, ch: string) {
    const b = this.exchange.getBook(symbol, 20);
    const lv = (l: { price: number; volume: number }): [number, number] => [l.price, l.volume];
    const version = b?.sequence ?? 0;
    return {
      mrid: version,
      id: Math.floor(this.now() / 1000),
      bids: (b?.bids ?? []).map(lv),
      asks: (b?.asks ?? []).map(lv),
      ts: this.now(),
      version,
      ch,
    };
  }

  private detail(symbol: string) {
    const s = this.exchange.getStats(symbol);
    const b = this.exchange.getBook(symbol, 1);
    const spec = this.specs.get(symbol)!;
    const bid = b?.bids[0];
    const ask = b?.asks[0];
    const volume = s?.volume ?? 0;
    return {
      id: Math.floor(this.now() / 1000),
      mrid: b?.sequence ?? 0,
      open: s?.openPrice ?? 0,
      close: s?.lastPrice ?? 0,
      high: s?.highPrice ?? 0,
      low: s?.lowPrice ?? 0,
      // amount is the base coin traded: USDT-M contracts × contract_size; coin-M contracts × USD / price.
      amount: isCoinMargined(this.product) ? volume * spec.size : String(volume * spec.contractSize),
      vol: isCoinMargined(this.product) ? volume : String(volume),
      count: 0,
      ...this.dialect.detailExtra(
        s?.turnover ?? 0,
        bid ? [bid.price, bid.volume] : [],
        ask ? [ask.price, ask.volume] : [],
      ),
    };
  }

  // ---- notification ------------------------------------------------------------------------------------------

  /** Undefined when the topic can be subscribed; otherwise why not. */
  subscribeNotify(topic: string, sink: Sink): string | undefined {
    const m = /^(orders|matchorders|accounts|positions|trigger_order)(_cross)?\.(.+)$/.exec(
      topic.toLowerCase(),
    );
    if (!m || (m[2] ?? '') !== this.dialect.topicSuffix) return `unsupported topic ${topic}`;
    const keys = new Set([...this.specs.values()].map((s) => this.dialect.topicKey(s, m[1]!)));
    if (m[3] !== '*' && !keys.has(m[3]!))
      return `invalid ${isFutures(this.product) ? 'symbol' : 'contract_code'} in ${topic}`;
    this.notifySubs.add({ sink, topic: topic.toLowerCase() });
    return undefined;
  }

  private notify(
    kind: 'orders' | 'matchOrders' | 'accounts' | 'positions',
    code: string,
    body: Record<string, unknown>,
  ) {
    const channel = `${kind}${this.dialect.topicSuffix}`;
    const topic = `${channel}.${this.dialect.topicKey(this.specs.get(code)!, kind)}`;
    for (const s of this.notifySubs) {
      if (s.topic !== topic.toLowerCase() && s.topic !== `${channel.toLowerCase()}.*`) continue;
      s.sink({ op: 'notify', topic, ts: this.now(), ...this.dialect.pushExtra(this.uid), ...body });
    }
  }

  /**
   * A trigger order's change on trigger_order.* ("[Cross] Subscribe trigger orders updates(sub)": event and a
   * one-item data list; a wildcard subscriber's push is addressed to the wildcard, as the page's example is).
   */
  private notifyTrigger(code: string, event: string, item: Record<string, unknown>): void {
    const channel = `trigger_order${this.dialect.topicSuffix}`;
    const topic = `${channel}.${this.dialect.topicKey(this.specs.get(code)!, 'trigger_order')}`;
    const wildcard = `${channel}.*`;
    for (const s of this.notifySubs) {
      if (s.topic !== topic.toLowerCase() && s.topic !== wildcard) continue;
      s.sink({
        op: 'notify',
        topic: s.topic === wildcard ? wildcard : topic,
        ts: this.now(),
        event,
        ...this.dialect.pushExtra(this.uid),
        data: [item],
      });
    }
  }

  /** A fired trigger's order, placed as an API order would be, its order_source "trigger". */
  private readonly fire: FirePlace = (t) => {
    const r = this.place(
      {
        contract_code: t.code,
        volume: String(t.volume),
        direction: t.direction,
        offset: t.offset,
        lever_rate: String(t.lever),
        order_price_type: t.priceType,
        ...(t.orderPrice !== null ? { price: String(t.orderPrice) } : {}),
      },
      'trigger',
    );
    if (!r.ok) return r;
    return { ok: true, orderId: Number((r.data as { order_id: number }).order_id) };
  };

  private metaOf(orderId: number): OrderMeta | undefined {
    let m = this.meta.get(orderId);
    if (!m && this.placing) {
      m = this.placing;
      this.meta.set(orderId, m);
      this.placing = undefined;
    }
    return m;
  }

  private onOrder(o: SimOrder): void {
    const m = this.metaOf(o.orderId);
    if (!m || o.status === 'REJECTED') return;
    // Fills are pushed with their trade by onFill; here the other changes (accepted, cancelled).
    if (o.status === 'FILLED' || (o.status === 'PARTIALLY_FILLED' && o.filled > 0)) return;
    this.notify('orders', o.symbol, { ...this.wireOrder(o, 'push'), trade: [] });
  }

  private onFill(f: SimFill): void {
    const m = this.metaOf(f.orderId);
    const o = this.exchange.getOrder(this.account, f.orderId);
    if (!m || !o) return;
    const spec = this.specs.get(f.symbol)!;
    m.turnover += f.price * f.volume * spec.contractSize;
    m.fee += f.commission;
    // HTX: the match push "will generally be pushed faster than the normal orders subscription".
    this.notify('matchOrders', f.symbol, this.dialect.matchPush(o, m, f, spec, this.uid));
    this.notify('orders', f.symbol, {
      ...this.wireOrder(o, 'push'),
      trade: [this.dialect.pushTrade(f, spec, this.ctx)],
    });
  }

  private onAccount(): void {
    for (const spec of this.accountSpecs())
      this.notify('accounts', spec.symbol, { event: 'order.match', data: [this.accountOf(spec, true)] });
  }

  /** One spec per account: per contract for swaps (USDT-M isolated, coin-M one per coin), per coin for futures. */
  private accountSpecs(): SwapSpec[] {
    const byKey = new Map<string, SwapSpec>();
    for (const s of this.specs.values()) {
      const key = this.cross ? 'USDT' : isFutures(this.product) ? s.baseAsset : s.symbol;
      if (!byKey.has(key)) byKey.set(key, s);
    }
    return [...byKey.values()];
  }

  private onPosition(p: SimPosition): void {
    const list = this.positions().filter((x) => x['contract_code'] === p.symbol);
    const direction = p.direction === Direction.SHORT ? 'sell' : 'buy';
    const data = list.filter((x) => x['direction'] === direction);
    this.notify('positions', p.symbol, {
      event: 'order.match',
      data: data.length ? data : [this.wirePosition(p)],
    });
  }

  private wireOrder(o: SimOrder, form: OrderForm) {
    const spec = this.specs.get(o.symbol)!;
    return this.dialect.order(o, this.meta.get(o.orderId), spec, form, this.ctx);
  }

  private wirePosition(p: SimPosition) {
    return this.dialect.position(p, this.specs.get(p.symbol)!, this.ctx);
  }

  private positions() {
    return this.exchange
      .getPositions(this.account)
      .filter((p) => this.specs.has(p.symbol) && p.volume > 0)
      .map((p) => this.wirePosition(p));
  }

  /**
   * USDT-M: one isolated margin account per contract; coin-M: one account per coin. The simulated exchange
   * keeps one wallet behind them.
   */
  private accountOf(spec: SwapSpec, push: boolean) {
    const a = this.exchange.getAccount(this.account);
    const held = this.exchange
      .getPositions(this.account)
      .filter(
        (p) =>
          this.specs.has(p.symbol) && (this.cross || this.specs.get(p.symbol)!.baseAsset === spec.baseAsset),
      );
    return this.dialect.account(spec, a, held, push, this.ctx, [...this.specs.values()]);
  }

  // ---- REST --------------------------------------------------------------------------------------------------

  /**
   * GET …/market/history/kline: `size` latest bars, or those between `from` and `to` (seconds; ignored when
   * size is given, as HTX documents). More than 2000 bars in one window is refused (HTX's size range is
   * [1,2000]; what it does with a wider from/to window is not documented).
   */
  klines(q: Params): SwapReply & { ch?: string } {
    const code = (isFutures(this.product) ? q.symbol : q.contract_code)?.toUpperCase() ?? '';
    const spec = this.specs.get(code);
    const period = q.period ?? '';
    const interval = PERIODS[period];
    if (!spec) return fail(1014, 'This contract doesnt exist.');
    if (!interval) return fail(1067, 'Illegal parameter period');
    const step = PERIOD_MS[period]!;
    const size = q.size !== undefined ? Number(q.size) : undefined;
    let start: number;
    let end: number;
    if (size !== undefined) {
      if (!(size >= 1 && size <= 2000)) return fail(1067, 'Illegal parameter size');
      end = this.now();
      start = end - size * step;
    } else if (q.from !== undefined && q.to !== undefined) {
      start = Number(q.from) * 1000;
      end = Number(q.to) * 1000;
      if (!(end >= start) || (end - start) / step >= 2000) return fail(1067, 'Illegal parameter from/to');
    } else return fail(1067, 'Illegal parameter: size or from and to');
    const bars = this.exchange.getBars(code, interval, start, end);
    const usdt = !isCoinMargined(this.product);
    const data = bars.slice(size !== undefined ? -size : 0).map((b) => ({
      id: Math.floor(b.time / 1000),
      open: b.open,
      close: b.close,
      low: b.low,
      high: b.high,
      // The engine's volume is contracts; amount is the coin, turnover the quote (USDT-M only).
      amount: usdt ? b.volume * spec.contractSize : b.volume * spec.size,
      vol: b.volume,
      count: 0,
      ...(usdt ? { trade_turnover: b.turnover } : {}),
    }));
    return { ok: true, data, ch: `market.${q.symbol ?? q.contract_code}.kline.${period}` };
  }

  /** The call's name without its product prefix: order for swap_order and contract_order. */
  handle(method: string, path: string, params: Params): SwapReply {
    const name = path.startsWith(this.prefix) ? path.slice(this.prefix.length) : '';
    if (method === 'GET' && name === 'contract_info') return ok(this.contractInfo());
    if (method !== 'POST') return fail(1000, `${method} ${path} is not served`);
    // Futures take codes in either case ("bch210326" in HTX's contract_order example).
    const body = params.contract_code
      ? { ...params, contract_code: params.contract_code.toUpperCase() }
      : params;
    const code = body.contract_code;
    if (code !== undefined && !this.specs.has(code)) return fail(1014, 'This contract doesnt exist.');
    const coin = body.symbol?.toUpperCase();
    if (coin !== undefined && ![...this.specs.values()].some((s) => s.baseAsset === coin))
      return fail(1014, 'This contract doesnt exist.');
    // The futures calls that list or find orders require `symbol` (the coin).
    if (
      isFutures(this.product) &&
      !coin &&
      [
        'cancel',
        'openorders',
        'order_info',
        'matchresults',
        'trigger_cancel',
        'trigger_cancelall',
        'trigger_openorders',
        'trigger_hisorders',
      ].includes(name)
    )
      return fail(1067, 'Illegal parameter symbol');
    const inScope = (s: SwapSpec | undefined) =>
      !!s && (!code || s.symbol === code) && (!coin || s.baseAsset === coin);
    switch (name) {
      case 'account_info':
        return ok(
          this.accountSpecs()
            .filter((s) => !coin || s.baseAsset === coin)
            .map((s) => this.accountOf(s, false)),
        );
      case 'position_info':
        return ok(this.positions().filter((p) => inScope(this.specs.get(String(p['contract_code'])))));
      case 'order':
        return this.place(body);
      case 'cancel':
        return this.cancel(body);
      case 'openorders':
        return this.openOrders(body, inScope);
      case 'order_info':
        return this.orderInfo(body);
      case 'matchresults':
        return this.matchResults(body, inScope);
      default:
        return this.triggers.handle(name, body, inScope) ?? fail(1000, `${path} is not served`);
    }
  }

  private contractInfo() {
    return this.contracts('all');
  }

  /** The contract list by HTX's business_type: perpetual swaps, delivery futures, or all. */
  contracts(business: 'swap' | 'futures' | 'all') {
    return [...this.specs.values()]
      .filter((s) => business === 'all' || (business === 'futures') === !!s.contractType)
      .map((s) => this.dialect.contract(s, this.ctx));
  }

  /** `source` is the order_source stated for it: api, or trigger for the order a fired trigger places. */
  private place(body: Params, source = 'api'): SwapReply {
    if (source === 'api') this.placeRequests += 1;
    const spec = body.contract_code ? this.specs.get(body.contract_code) : undefined;
    if (!spec) return fail(1014, 'This contract doesnt exist.');
    const priceType = body.order_price_type ?? '';
    if (!(PRICE_TYPES as readonly string[]).includes(priceType))
      return fail(1052, 'Incorrect order price type.');
    const lever = Number(body.lever_rate);
    const problem = sideProblem(body, lever, SIM_LEVER_RATE);
    if (problem) return fail(problem.code, problem.msg);
    const volume = Number(body.volume);
    const clientId = body.client_order_id;
    if (clientId !== undefined && !/^[1-9]\d{0,18}$/.test(clientId))
      return fail(1067, 'Illegal parameter client_order_id');
    const market = MARKET_TYPES.includes(priceType);
    const price = Number(body.price);
    if (!market && (!Number.isFinite(price) || price <= 0)) return fail(1067, 'Illegal parameter price');
    if (this.rejectReason !== undefined && source === 'api') {
      const reason = this.rejectReason;
      this.rejectReason = undefined;
      return fail(1047, reason);
    }
    const req: SimOrderRequest = {
      symbol: spec.symbol,
      side: body.direction === 'sell' ? 'SELL' : 'BUY',
      type: market
        ? OrderType.MARKET
        : priceType === 'ioc'
          ? OrderType.FAK
          : priceType === 'fok'
            ? OrderType.FOK
            : OrderType.LIMIT,
      price: market ? 0 : price,
      volume,
      offset: body.offset === 'open' ? Offset.OPEN : Offset.CLOSE,
      ...(clientId ? { clientOrderId: clientId } : {}),
      ...(priceType === 'post_only' ? { postOnly: true } : {}),
    };
    const pending: OrderMeta = {
      priceType,
      leverRate: lever,
      source,
      turnover: 0,
      fee: 0,
      ...(clientId ? {} : { anonymous: true }),
    };
    this.placing = pending;
    const r = this.exchange.placeOrder(this.account, req);
    this.placing = undefined;
    if (!r.ok) return fail(REJECT_CODES[r.code] ?? 1000, r.reason);
    if (!this.meta.has(r.value.orderId)) this.meta.set(r.value.orderId, pending);
    return ok({
      order_id: r.value.orderId,
      order_id_str: String(r.value.orderId),
      ...(clientId ? { client_order_id: Number(clientId) } : {}),
    });
  }

  private findOrder(body: Params): SimOrder | undefined {
    if (body.order_id) return this.exchange.getOrder(this.account, Number(body.order_id));
    if (body.client_order_id) return this.exchange.getOrderByClientId(this.account, body.client_order_id);
    return undefined;
  }

  private cancel(body: Params): SwapReply {
    const ids = (body.order_id ?? body.client_order_id ?? '').split(',').filter((x) => x);
    if (!ids.length) return fail(1067, 'Illegal parameter: order_id or client_order_id');
    const errors: Array<{ order_id: string; err_code: number; err_msg: string }> = [];
    const successes: string[] = [];
    for (const id of ids) {
      const o = this.findOrder(body.order_id ? { order_id: id } : { client_order_id: id });
      const r =
        o && this.meta.has(o.orderId) ? this.exchange.cancelOrder(this.account, o.orderId) : undefined;
      if (r?.ok) successes.push(String(r.value.orderId));
      // HTX's codes: 1061 "This order doesn't exist.", 1071 "Repeated cancellation" (already final).
      else if (!o || !this.meta.has(o.orderId))
        errors.push({ order_id: id, err_code: 1061, err_msg: "This order doesn't exist." });
      else
        errors.push({
          order_id: id,
          err_code: 1071,
          err_msg: 'Repeated cancellation. Your order has been canceled.',
        });
    }
    return ok({ errors, successes: successes.join(',') });
  }

  private openOrders(body: Params, inScope: (s: SwapSpec | undefined) => boolean): SwapReply {
    const size = Math.min(50, Number(body.page_size) || 20);
    const page = Math.max(1, Number(body.page_index) || 1);
    const all = this.exchange
      .getOpenOrders(this.account)
      .filter((o) => this.meta.has(o.orderId) && inScope(this.specs.get(o.symbol)))
      .sort((a, b) => b.orderId - a.orderId);
    return ok({
      orders: all.slice((page - 1) * size, page * size).map((o) => this.wireOrder(o, 'open')),
      total_page: Math.max(1, Math.ceil(all.length / size)),
      current_page: page,
      total_size: all.length,
    });
  }

  private orderInfo(body: Params): SwapReply {
    const o = this.findOrder(body);
    if (!o || !this.meta.has(o.orderId)) return fail(1061, "This order doesn't exist.");
    return ok([this.wireOrder(o, 'info')]);
  }

  private matchResults(body: Params, inScope: (s: SwapSpec | undefined) => boolean): SwapReply {
    const size = Math.min(50, Number(body.page_size) || 20);
    const fills = this.exchange
      .getFills(this.account)
      .filter((f) => this.meta.has(f.orderId) && inScope(this.specs.get(f.symbol)))
      .sort((a, b) => b.tradeId - a.tradeId);
    const trades = fills
      .slice(0, size)
      .map((f) => this.dialect.match(f, this.specs.get(f.symbol)!, this.ctx));
    return ok({
      trades,
      total_page: Math.max(1, Math.ceil(fills.length / size)),
      current_page: 1,
      total_size: fills.length,
    });
  }
}
