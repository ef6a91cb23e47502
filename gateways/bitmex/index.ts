// BitmexGateway: BitMEX derivatives and spot over REST (orders, snapshots, history) and the realtime
// WebSocket (books, trades, instruments, and the order/execution/position/margin/wallet tables). The clOrdID
// is the vnt order id, unique across restarts, so an order whose reply was lost is found again by asking
// for it, and table rows are matched to orders without a second map.
import {
  Direction,
  Exchange,
  GatewayStatus,
  LogLevel,
  Offset,
  OrderType,
  Status,
} from '../../src/core/constant.js';
import {
  NotConnectedError,
  RequestError,
  VntError,
  errorMessage,
  quoteValue,
} from '../../src/core/errors.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import { LocalOrderManager } from '../../src/core/local-order.js';
import {
  createPosition,
  createTick,
  isActive,
  orderFromRequest,
  type BarData,
  type AmendRequest,
  type CancelRequest,
  type HistoryRequest,
  type OrderRequest,
  type SubscribeRequest,
  type TickData,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { formatToStep } from '../common/decimal.js';
import { fillDepth } from '../common/order-book.js';
import { OrderTracker } from '../common/order-tracker.js';
import {
  OverloadedError,
  RestClient,
  RestError,
  UnknownOutcomeError,
  encodeParams,
  type Params,
} from '../common/rest-client.js';
import { copyTick } from '../common/tick.js';
import { L2Book } from './book.js';
import {
  BIN_SIZES,
  EXCHANGE,
  accountFromMargin,
  barFromBin,
  currencyOf,
  orderFromVenue,
  orderTypeToVenue,
  orderidOf,
  parseInstrument,
  positionFromVenue,
  sideOf,
  toVenueQty,
  tradeFromExecution,
  type BitmexContract,
} from './parse.js';
import { Realtime } from './realtime.js';
import { problemOf, type ShapeName } from './shape.js';
import { signedHeaders } from './sign.js';
import type {
  Execution,
  Instrument,
  L2Row,
  Margin,
  Order,
  Position,
  Quote,
  TableMessage,
  Trade,
  TradeBin,
  Wallet,
} from './types.js';
import { endpointsFor } from './urls.js';

/** How long a REST signature stays valid (api-expires = venue now + this). */
const EXPIRES_S = 30;
const BIN_PAGE = 1000;
const BOOK_TABLE = 'orderBookL2_25';
const PRIVATE_TOPICS = ['order', 'execution', 'position', 'margin', 'wallet'];

interface MarketState {
  book: L2Book;
  tick: TickData;
  /** Top of book from the quote table, used only while the book waits for its partial. */
  quote: boolean;
}

export class BitmexGateway extends BaseGateway {
  static override readonly defaultName = 'BITMEX';
  static override readonly defaultSetting: SettingSchema = {
    ID: { type: 'string', default: '', label: 'API key ID' },
    Secret: { type: 'secret', default: '', label: 'API secret' },
    sessions: {
      type: 'integer',
      default: 3,
      min: 1,
      max: 10,
      label: 'REST sessions',
      help: "VN Trader's 会话数; vnt keeps one keep-alive HTTP agent and counts this as its concurrency hint",
    },
    server: { type: 'choice', choices: ['REAL', 'TESTNET'], default: 'REAL', label: 'Server' },
    proxyHost: {
      type: 'string',
      default: '',
      label: 'Proxy host',
      help: 'HTTP proxy for REST and (by CONNECT) the WebSocket; empty for none',
    },
    proxyPort: { type: 'integer', default: 0, min: 0, max: 65535, label: 'Proxy port' },
    restUrl: {
      type: 'string',
      default: '',
      label: 'REST URL',
      help: 'including /api/v1; empty: the server default',
    },
    wsUrl: { type: 'string', default: '', label: 'Realtime URL', help: 'empty: the server default' },
    deadManSwitchSec: {
      type: 'integer',
      default: 0,
      min: 0,
      max: 600,
      label: 'Dead-man switch (s)',
      help: '0 = off. Otherwise BitMEX cancels every order if vnt has not refreshed cancelAllAfter within this many seconds (refreshed every quarter of it while connected)',
    },
  };
  static override readonly exchanges: readonly Exchange[] = [Exchange.BITMEX];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [
      OrderType.LIMIT,
      OrderType.MARKET,
      OrderType.STOP,
      OrderType.FAK,
      OrderType.FOK,
      OrderType.POSTONLY,
    ],
    history: true,
    offsets: false,
    amend: true,
  };

  private rest: RestClient | undefined;
  private realtime: Realtime | undefined;
  private readonly contracts = new Map<string, BitmexContract>();
  private readonly markets = new Map<string, MarketState>();
  /** Venue rows by key, merged with the updates that carry only changed fields. */
  private readonly orders = new Map<string, Order>();
  private readonly positions = new Map<string, Position>();
  private readonly margins = new Map<string, Margin>();
  private readonly instruments = new Map<string, Instrument>();
  private readonly ids = new LocalOrderManager<string>(() => undefined, `vnt${Date.now().toString(36)}`, 6);
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  private readonly warned = new Set<string>();
  private deadMan: NodeJS.Timeout | undefined;
  private deadManMs = 0;
  private downSince = 0;
  private connected = false;

  /** Latest x-ratelimit-* values BitMEX reported, for the status line. */
  get rateLimitUsage(): ReadonlyMap<string, number> {
    return this.rest?.usage ?? new Map();
  }

  /** Mark price and funding rate per symbol from the instrument table (TickData has no place for them). */
  instrumentInfo(symbol: string): { markPrice: number; fundingRate: number } | undefined {
    const i = this.instruments.get(symbol);
    return i ? { markPrice: Number(i.markPrice ?? 0), fundingRate: Number(i.fundingRate ?? 0) } : undefined;
  }

  /** Handles a realtime frame as if BitMEX had sent it (benchmarks replay recorded frames through this). */
  replayRealtime(text: string): void {
    this.realtime?.deliver(text);
  }

  override async connect(setting: GatewaySetting): Promise<void> {
    if (this.connected) throw new VntError(`${this.gatewayName} is already connected`);
    this.setStatus(GatewayStatus.CONNECTING);
    try {
      await this.open(setting);
      this.connected = true;
      this.setStatus(GatewayStatus.CONNECTED);
      // Resolve only once what connect pushed has been dispatched (the event engine dispatches on setImmediate).
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      await this.release();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
  }

  private async open(setting: GatewaySetting): Promise<void> {
    const key = String(setting.ID ?? '');
    const secret = String(setting.Secret ?? '');
    if (!key || !secret) throw new VntError('an API key ID and secret are required');
    const endpoints = endpointsFor(String(setting.server ?? 'REAL'), {
      rest: String(setting.restUrl ?? ''),
      ws: String(setting.wsUrl ?? ''),
    });
    const proxyHost = String(setting.proxyHost ?? '');
    const proxy = proxyHost ? { host: proxyHost, port: Number(setting.proxyPort ?? 0) } : undefined;
    const basePath = new URL(endpoints.rest).pathname.replace(/\/+$/, '');
    const rest = new RestClient({
      baseUrl: endpoints.rest,
      sign: (req, now) => {
        const get = req.method === 'GET';
        const query = get ? encodeParams(req.params ?? {}) : '';
        const body = get ? '' : JSON.stringify(dropUndefined(req.params ?? {}));
        const path = basePath + req.path + (query ? `?${query}` : '');
        const expires = Math.floor(now / 1000) + EXPIRES_S;
        return {
          query,
          ...(get ? {} : { body }),
          headers: {
            ...(get ? {} : { 'content-type': 'application/json' }),
            ...(req.signed ? signedHeaders(key, secret, req.method, path, expires, body) : {}),
          },
        };
      },
      parseError: (_status, body) => {
        const e = (body as { error?: { message?: unknown; name?: unknown } } | null)?.error;
        return e && typeof e === 'object' && typeof e.message === 'string'
          ? { code: String(e.name ?? 'Error'), msg: e.message }
          : undefined;
      },
      usageHeaders: ['x-ratelimit-'],
      holdUntil: (headers, now) => {
        // x-ratelimit-reset is when enough budget is back to send again (BitMEX api-connectors README).
        if (String(headers['x-ratelimit-remaining']) === '0') {
          const reset = Number(headers['x-ratelimit-reset']);
          if (Number.isFinite(reset)) return Math.max(now, reset * 1000);
        }
        if (String(headers['x-ratelimit-remaining-1s']) === '0') return now + 1000;
        return undefined;
      },
      // 503 "The system is currently overloaded": the request never reached the engine.
      overloaded: (status) => status === 503,
      overloadRetryMs: 500,
      ...(proxy ? { proxy } : {}),
    });
    this.rest = rest;

    const instruments = await rest.request<Instrument[]>({ method: 'GET', path: '/instrument/active' });
    if (!Array.isArray(instruments)) {
      throw new VntError(`BitMEX answered /instrument/active with ${quoteValue(instruments)}`);
    }
    for (const i of instruments) {
      if (!this.usable(i, 'instrument', 'an instrument')) continue;
      const c = parseInstrument(i, this.gatewayName);
      if (!c) continue;
      this.contracts.set(c.contract.symbol, c);
      this.instruments.set(i.symbol, { ...i });
      this.onContract(c.contract);
    }

    // The private tables come up before the REST snapshots, so nothing that happens in between is missed.
    this.realtime = new Realtime({
      name: `${this.gatewayName} realtime`,
      url: endpoints.ws,
      key,
      secret,
      ...(proxy ? { proxy } : {}),
      onServerTime: (t) => rest.setTimeOffset(t - Date.now()),
      now: () => rest.now(),
      onTable: (m) => this.onTable(m),
      onReconnect: () => this.reconcile(),
      onStatus: (up, reason) => this.linkStatus(up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
    await this.realtime.start(PRIVATE_TOPICS);

    const margins = await rest.request<Margin[]>({
      method: 'GET',
      path: '/user/margin',
      params: { currency: 'all' },
      signed: true,
    });
    for (const m of asList(margins, '/user/margin')) this.applyMargin(m);
    const positions = await rest.request<Position[]>({ method: 'GET', path: '/position', signed: true });
    for (const p of asList(positions, '/position')) this.applyPosition(p);
    const open = await rest.request<Order[]>({
      method: 'GET',
      path: '/order',
      params: { filter: JSON.stringify({ open: true }), count: 500 },
      signed: true,
    });
    for (const o of asList(open, '/order')) this.applyOrderRow(o);
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    await this.fetchExecutions(midnight.getTime());

    this.deadManMs = Number(setting.deadManSwitchSec ?? 0) * 1000;
    if (this.deadManMs > 0) {
      await this.armDeadMan();
      const every = Math.max(250, Math.floor(this.deadManMs / 4));
      this.deadMan = setInterval(() => {
        this.armDeadMan().catch((e: unknown) =>
          this.writeLog(`refreshing the dead-man switch failed: ${errorMessage(e)}`, LogLevel.WARNING),
        );
      }, every);
    }
    this.writeLog(`connected to BitMEX at ${endpoints.rest}`);
  }

  private armDeadMan(timeout = this.deadManMs): Promise<unknown> {
    const rest = this.rest;
    if (!rest) return Promise.resolve();
    return rest.request({
      method: 'POST',
      path: '/order/cancelAllAfter',
      params: { timeout },
      signed: true,
      idempotent: true,
    });
  }

  override async close(): Promise<void> {
    const wasConnected = this.connected;
    this.connected = false;
    if (wasConnected && this.deadManMs > 0) {
      // Disarm, so that orders left on purpose are not cancelled a minute after a clean exit.
      await this.armDeadMan(0).catch(() => undefined);
    }
    await this.release();
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  private async release(): Promise<void> {
    if (this.deadMan) clearInterval(this.deadMan);
    this.deadMan = undefined;
    const rt = this.realtime;
    this.realtime = undefined;
    await rt?.close();
  }

  override subscribe(req: SubscribeRequest): void {
    const rt = this.realtime;
    if (!rt) throw new NotConnectedError(this.gatewayName);
    const c = this.contracts.get(req.symbol);
    if (!c) throw new RequestError(`unknown BitMEX symbol ${req.symbol}`);
    if (!this.markets.has(req.symbol)) {
      const tick = createTick({
        gatewayName: this.gatewayName,
        symbol: req.symbol,
        exchange: EXCHANGE,
        datetime: Date.now(),
        name: c.contract.name,
      });
      this.markets.set(req.symbol, { book: new L2Book(req.symbol), tick, quote: false });
      const i = this.instruments.get(req.symbol);
      if (i) this.applyInstrumentToTick(i, tick);
    }
    rt.subscribe(['trade', 'quote', 'instrument', BOOK_TABLE].map((t) => `${t}:${req.symbol}`));
  }

  override sendOrder(req: OrderRequest): string {
    const rest = this.rest;
    if (!rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const c = this.contracts.get(req.symbol);
    if (!c) throw new RequestError(`unknown BitMEX symbol ${req.symbol}`);
    const venue = orderTypeToVenue(req.type);
    if (!venue) throw new RequestError(`BitMEX does not take ${req.type} orders`);
    const orderQty = toVenueQty(req.volume, c);
    if (!(orderQty > 0)) throw new RequestError(`volume ${req.volume} is below one BitMEX quantity unit`);
    const orderid = this.ids.newLocalOrderid();
    const price = formatToStep(req.price, c.contract.pricetick);
    const execInst = [...venue.execInst];
    if (req.reduceOnly || req.offset === Offset.CLOSE) execInst.push('ReduceOnly');
    const params: Params = {
      symbol: req.symbol,
      side: sideOf(req.direction),
      orderQty,
      ordType: venue.ordType,
      timeInForce: venue.timeInForce,
      price: venue.ordType === 'Limit' ? Number(price) : undefined,
      stopPx: venue.ordType === 'Stop' ? Number(price) : undefined,
      execInst: execInst.length ? execInst.join(',') : undefined,
      clOrdID: orderid,
    };
    const order = orderFromRequest(req, orderid, this.gatewayName);
    this.tracker.add(order);
    rest.request<Order>({ method: 'POST', path: '/order', params, signed: true, idempotent: false }).then(
      (reply) => this.applyReply(reply, orderid, true),
      (error: unknown) => this.orderFailed(orderid, error),
    );
    return order.vtOrderid;
  }

  override cancelOrder(req: CancelRequest): void {
    const rest = this.rest;
    if (!rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const known = this.tracker.get(req.orderid);
    if (known && !isActive(known)) throw new RequestError(`order ${req.orderid} is no longer active`);
    // Orders placed elsewhere have no clOrdID of ours: their vnt id is the venue's orderID.
    const row = [...this.orders.values()].find((o) => orderidOf(o) === req.orderid);
    const params: Params = row && !row.clOrdID ? { orderID: row.orderID } : { clOrdID: req.orderid };
    rest.request<Order[]>({ method: 'DELETE', path: '/order', params, signed: true, idempotent: true }).then(
      (reply) => {
        for (const o of asList(reply, 'DELETE /order')) {
          const refused = (o as { error?: unknown }).error;
          if (typeof refused === 'string') {
            this.writeLog(`BitMEX did not cancel ${req.orderid}: ${refused}`, LogLevel.WARNING);
          }
          this.applyOrderRow(o);
        }
      },
      (error: unknown) => {
        this.writeLog(`cancel of ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(req.orderid);
      },
    );
  }

  /** PUT /order: a new price and/or total orderQty for a working order, in place; the reply is the order row. */
  override amendOrder(req: AmendRequest): void {
    const rest = this.rest;
    if (!rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const c = this.contracts.get(req.symbol);
    if (!c) throw new RequestError(`unknown BitMEX symbol ${req.symbol}`);
    const orderQty = req.volume === undefined ? undefined : toVenueQty(req.volume, c);
    if (orderQty !== undefined && !(orderQty > 0)) {
      throw new RequestError(`volume ${req.volume} is below one BitMEX quantity unit`);
    }
    const row = [...this.orders.values()].find((o) => orderidOf(o) === req.orderid);
    const params: Params = {
      ...(row && !row.clOrdID ? { orderID: row.orderID } : { origClOrdID: req.orderid }),
      price: req.price === undefined ? undefined : Number(formatToStep(req.price, c.contract.pricetick)),
      orderQty,
    };
    // Sent once: a retried amend could land after a later one and undo it.
    rest.request<Order>({ method: 'PUT', path: '/order', params, signed: true, idempotent: false }).then(
      (reply) => this.applyOrderRow(reply),
      (error: unknown) => {
        this.writeLog(`amend of ${req.orderid} refused: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(req.orderid);
      },
    );
  }

  override async queryHistory(req: HistoryRequest): Promise<BarData[]> {
    const rest = this.rest;
    if (!rest) throw new NotConnectedError(this.gatewayName);
    const bin = BIN_SIZES[req.interval];
    if (!bin) throw new RequestError(`BitMEX has no ${req.interval} bars (1m, 1h and 1d only)`);
    const c = this.contracts.get(req.symbol);
    const end = req.end ?? rest.now();
    const bars: BarData[] = [];
    // Bins are stamped with their close time: the first bar opening at `start` closes at start + interval.
    let from = req.start + bin.ms;
    while (from <= end + bin.ms) {
      const page = await rest.request<TradeBin[]>({
        method: 'GET',
        path: '/trade/bucketed',
        params: {
          binSize: bin.binSize,
          symbol: req.symbol,
          startTime: new Date(from).toISOString(),
          endTime: new Date(end + bin.ms).toISOString(),
          count: BIN_PAGE,
          partial: false,
        },
      });
      const rows = asList(page, '/trade/bucketed').filter((b) => this.usable(b, 'tradeBin', 'a bin'));
      for (const b of rows) {
        const bar = barFromBin(b, c, req.interval, this.gatewayName);
        if (bar.datetime >= req.start && bar.datetime <= end) bars.push(bar);
      }
      if (page.length < BIN_PAGE) break;
      const last = Date.parse(page[page.length - 1]!.timestamp);
      if (!Number.isFinite(last) || last < from) break;
      from = last + bin.ms;
    }
    return bars;
  }

  // ---- realtime tables -------------------------------------------------------------------------------------

  private onTable(m: TableMessage): void {
    switch (m.table) {
      case BOOK_TABLE:
      case 'orderBookL2':
        return this.onBook(m as TableMessage<L2Row>);
      case 'trade':
        if (m.action === 'insert' || m.action === 'partial') this.onTrades(m.data as unknown as Trade[]);
        return;
      case 'quote':
        if (m.action === 'insert' || m.action === 'partial') this.onQuotes(m.data as unknown as Quote[]);
        return;
      case 'instrument':
        return this.onInstruments(m as TableMessage<Instrument>);
      case 'order':
        return this.onOrderTable(m as TableMessage<Order>);
      case 'execution':
        if (m.action === 'insert' || m.action === 'partial') {
          for (const e of m.data as unknown as Execution[]) this.applyExecution(e);
        }
        return;
      case 'position':
        for (const p of m.data as unknown as Position[]) {
          if (m.action === 'delete') continue;
          this.applyPosition(p, m.action === 'update');
        }
        return;
      case 'margin':
        for (const row of m.data as unknown as Margin[]) this.applyMargin(row, m.action === 'update');
        return;
      case 'wallet':
        for (const w of m.data as unknown as Wallet[]) this.applyWallet(w);
        return;
      default:
        return;
    }
  }

  private onBook(m: TableMessage<L2Row>): void {
    const shape: ShapeName =
      m.action === 'delete' ? 'l2Delete' : m.action === 'update' ? 'l2Update' : 'l2Full';
    const bySymbol = new Map<string, L2Row[]>();
    const filtered = typeof m.filter?.symbol === 'string' ? m.filter.symbol : undefined;
    if (filtered) bySymbol.set(filtered, []);
    for (const r of m.data) {
      if (!this.usable(r, shape, `a ${m.table} row`)) continue;
      const list = bySymbol.get(r.symbol) ?? [];
      list.push(r);
      bySymbol.set(r.symbol, list);
    }
    for (const [symbol, rows] of bySymbol) {
      const market = this.markets.get(symbol);
      if (!market) continue;
      if (m.action === 'partial') {
        market.book.partial(rows);
      } else {
        const broken = market.book.apply(m.action, rows);
        if (broken) {
          this.writeLog(
            `${symbol} book out of step (${broken}); asking BitMEX for a new partial`,
            LogLevel.WARNING,
          );
          this.realtime?.refetch(`${m.table}:${symbol}`);
          continue;
        }
      }
      if (market.book.state !== 'live') continue;
      market.quote = false;
      fillDepth(market.tick, market.book.bids, market.book.asks);
      const latest = rows.reduce((t, r) => Math.max(t, r.timestamp ? Date.parse(r.timestamp) || 0 : 0), 0);
      if (latest > 0) market.tick.datetime = latest;
      this.pushTick(market);
    }
  }

  private onTrades(rows: Trade[]): void {
    const touched = new Set<MarketState>();
    for (const t of rows) {
      if (!this.usable(t, 'trade', 'a trade row')) continue;
      const market = this.markets.get(t.symbol);
      if (!market) continue;
      const c = this.contracts.get(t.symbol);
      market.tick.lastPrice = t.price!;
      market.tick.lastVolume = c ? t.size! / c.qtyPerVolume : t.size!;
      const at = Date.parse(t.timestamp);
      if (Number.isFinite(at)) market.tick.datetime = at;
      touched.add(market);
    }
    for (const market of touched) this.pushTick(market);
  }

  private onQuotes(rows: Quote[]): void {
    for (const q of rows) {
      if (!this.usable(q, 'quote', 'a quote row')) continue;
      const market = this.markets.get(q.symbol);
      if (!market || market.book.state === 'live') continue;
      const c = this.contracts.get(q.symbol);
      const per = c?.qtyPerVolume ?? 1;
      market.quote = true;
      market.tick.bidPrice1 = Number(q.bidPrice ?? 0);
      market.tick.askPrice1 = Number(q.askPrice ?? 0);
      market.tick.bidVolume1 = Number(q.bidSize ?? 0) / per;
      market.tick.askVolume1 = Number(q.askSize ?? 0) / per;
      this.pushTick(market);
    }
  }

  private onInstruments(m: TableMessage<Instrument>): void {
    for (const i of m.data) {
      if (!this.usable(i, m.action === 'update' ? 'instrumentUpdate' : 'instrument', 'an instrument row')) {
        continue;
      }
      const merged = { ...(this.instruments.get(i.symbol) ?? {}), ...i };
      this.instruments.set(i.symbol, merged);
      const market = this.markets.get(i.symbol);
      if (!market) continue;
      this.applyInstrumentToTick(merged, market.tick);
      this.pushTick(market);
    }
  }

  private applyInstrumentToTick(i: Instrument, tick: TickData): void {
    const c = this.contracts.get(i.symbol);
    const per = c?.qtyPerVolume ?? 1;
    if (i.lastPrice) tick.lastPrice = i.lastPrice;
    if (i.volume24h != null) tick.volume = i.volume24h / per;
    if (i.turnover24h != null) tick.turnover = i.turnover24h;
    if (i.openInterest != null) tick.openInterest = i.openInterest;
    if (i.highPrice != null) tick.highPrice = i.highPrice;
    if (i.lowPrice != null) tick.lowPrice = i.lowPrice;
    if (i.prevClosePrice != null) tick.preClose = i.prevClosePrice;
    if (i.limitUpPrice != null) tick.limitUp = i.limitUpPrice;
    if (i.limitDownPrice != null) tick.limitDown = i.limitDownPrice;
  }

  private pushTick(market: MarketState): void {
    // Until the book (or at least a quote) has said where the market is, a tick would show a zero bid/ask.
    if (market.book.state !== 'live' && !market.quote) return;
    market.tick.localtime = Date.now();
    this.onTick(copyTick(market.tick));
  }

  private onOrderTable(m: TableMessage<Order>): void {
    for (const o of m.data) {
      if (m.action === 'update') {
        if (!this.usable(o, 'orderUpdate', 'an order update')) continue;
        const stored = this.orders.get(o.orderID);
        if (!stored) continue; // Not ours to merge: a full row or a reconcile will bring it.
        this.applyOrderRow({ ...stored, ...o });
      } else if (m.action !== 'delete') {
        this.applyOrderRow(o);
      }
    }
  }

  /**
   * An order as BitMEX reports it. A working limit order whose price or quantity differs from what is known was
   * amended (PUT /order's reply, or the push that follows it).
   */
  private applyOrderRow(o: Order): void {
    if (!this.usable(o, 'order', 'an order')) return;
    this.orders.set(o.orderID, o);
    const incoming = orderFromVenue(o, this.contracts.get(o.symbol ?? ''), this.gatewayName);
    const known = this.tracker.get(incoming.orderid);
    const amendable = known?.type === OrderType.LIMIT || known?.type === OrderType.POSTONLY;
    if (known && amendable && isActive(known) && isActive(incoming) && incoming.price > 0) {
      this.tracker.amend(incoming.orderid, incoming.price, incoming.volume);
    }
    this.tracker.update(incoming);
  }

  private applyExecution(e: Execution): void {
    if (!this.usable(e, 'execution', 'an execution')) return;
    if (e.execType !== 'Trade') return;
    if (!this.usable(e, 'fill', 'a fill')) return;
    const trade = tradeFromExecution(e, this.contracts.get(e.symbol), this.gatewayName);
    if (trade) this.tracker.trade(trade);
  }

  private applyPosition(p: Position, merge = false): void {
    if (!this.usable(p, 'position', 'a position')) return;
    const key = `${p.account}:${p.symbol}`;
    const row = merge ? { ...(this.positions.get(key) ?? {}), ...p } : p;
    this.positions.set(key, row);
    if (!this.contracts.has(row.symbol)) return;
    this.onPosition(positionFromVenue(row, this.contracts.get(row.symbol), this.gatewayName));
  }

  private applyMargin(m: Margin, merge = false): void {
    if (!this.usable(m, 'margin', 'a margin row')) return;
    const key = `${m.account}:${m.currency}`;
    const row = merge ? { ...(this.margins.get(key) ?? {}), ...m } : m;
    this.margins.set(key, row);
    this.onAccount(accountFromMargin(row, this.gatewayName));
  }

  private applyWallet(w: Wallet): void {
    if (!this.usable(w, 'wallet', 'a wallet row')) return;
    // Spot holdings are wallet balances: shown as a position in each spot pair of that base currency.
    if (w.amount !== undefined) {
      const cur = currencyOf(w.currency);
      for (const c of this.contracts.values()) {
        if (c.kind !== 'spot' || !c.contract.symbol.startsWith(`${cur.name}_`)) continue;
        this.onPosition(
          createPosition({
            gatewayName: this.gatewayName,
            symbol: c.contract.symbol,
            exchange: EXCHANGE,
            direction: Direction.NET,
            volume: w.amount / cur.scale,
          }),
        );
      }
    }
    // Margin rows carry the full account picture; a wallet alone (spot-only currencies) shows its amount.
    if (this.margins.has(`${w.account}:${w.currency}`) || w.amount === undefined) return;
    const row = {
      account: w.account,
      currency: w.currency,
      marginBalance: w.amount,
      availableMargin: w.amount,
    };
    this.onAccount(accountFromMargin(row, this.gatewayName));
  }

  /** Shape-checks a row; a bad one is logged once per kind of problem and skipped. */
  private usable<T>(row: T, shape: ShapeName, what: string): row is T {
    const problem = problemOf(row, shape);
    if (!problem) return true;
    const key = `${shape}:${problem.replace(/ is .*,/, ',')}`;
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.writeLog(`ignored ${what} from BitMEX: ${problem}`, LogLevel.WARNING);
    }
    return false;
  }

  // ---- order outcomes and reconciliation -----------------------------------------------------------------

  private applyReply(reply: Order, orderid: string, placing: boolean): void {
    if (problemOf(reply, 'order')) {
      this.writeLog(`order ${orderid}: BitMEX's reply is not an order; asking for it`, LogLevel.WARNING);
      void this.refreshOrder(orderid, placing);
      return;
    }
    this.applyOrderRow(reply);
  }

  /** A place request failed: refused (REJECTED with the venue's reason) or unknown (ask the venue). */
  private orderFailed(orderid: string, error: unknown): void {
    if (error instanceof UnknownOutcomeError) {
      this.writeLog(`${error.message}; asking BitMEX about order ${orderid}`, LogLevel.WARNING);
      void this.refreshOrder(orderid, true);
      return;
    }
    const reason =
      error instanceof OverloadedError
        ? `BitMEX is overloaded and did not take the order (HTTP 503: ${error.venueMsg}); it was not resent`
        : errorMessage(error);
    this.tracker.reject(orderid, reason);
    this.writeLog(`order ${orderid} rejected: ${reason}`, LogLevel.WARNING);
  }

  /**
   * Asks the venue for one order by client id. When placement's outcome was unknown, an empty answer after a
   * few tries means the order never arrived; it is then REJECTED, never sent again.
   */
  private async refreshOrder(orderid: string, placing = false): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const rows = await rest.request<Order[]>({
          method: 'GET',
          path: '/order',
          params: { filter: JSON.stringify({ clOrdID: orderid }), count: 1, reverse: true },
          signed: true,
        });
        const o = asList(rows, '/order')[0];
        if (o) {
          // Fills first, so that the order's final status follows them.
          if ((o.cumQty ?? 0) > 0) await this.fetchExecutions(0, orderid);
          this.applyOrderRow(o);
          return;
        }
        if (!placing) return;
        if (attempt >= 2) {
          this.tracker.reject(orderid, 'BitMEX never received the order (no order with this clOrdID)');
          return;
        }
      } catch (error) {
        if (error instanceof RestError && error.status < 500 && error.status !== 429) return;
      }
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
    this.writeLog(`could not learn the state of order ${orderid}; it stays as last known`, LogLevel.ERROR);
  }

  /** Pushes the fills since `since` (or of one order) that were not pushed yet. */
  private async fetchExecutions(since: number, clOrdID?: string): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const filter: Record<string, unknown> = { execType: 'Trade' };
    if (clOrdID) filter.clOrdID = clOrdID;
    const params: Params = { filter: JSON.stringify(filter), count: 500, reverse: false };
    if (since > 0) params.startTime = new Date(since).toISOString();
    const rows = await rest.request<Execution[]>({
      method: 'GET',
      path: '/execution/tradeHistory',
      params,
      signed: true,
    });
    for (const e of asList(rows, '/execution/tradeHistory')) this.applyExecution(e);
  }

  /** After the realtime link comes back: fills and order states missed while it was down. */
  private async reconcile(): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const since = (this.downSince || Date.now()) - 60_000;
    await this.fetchExecutions(since);
    const open = await rest.request<Order[]>({
      method: 'GET',
      path: '/order',
      params: { filter: JSON.stringify({ open: true }), count: 500 },
      signed: true,
    });
    const stillOpen = new Set<string>();
    for (const o of asList(open, '/order')) {
      stillOpen.add(orderidOf(o));
      this.applyOrderRow(o);
    }
    for (const o of this.tracker.active()) {
      if (!stillOpen.has(o.orderid)) await this.refreshOrder(o.orderid, o.status === Status.SUBMITTING);
    }
  }

  private linkStatus(up: boolean, reason: string): void {
    if (!up) {
      this.downSince = Date.now();
      // The books are the venue's only through their next partial, which the resubscription brings.
      for (const m of this.markets.values()) {
        m.book.reset();
        m.quote = false;
      }
    }
    if (!this.connected) return;
    if (up) this.setStatus(GatewayStatus.CONNECTED);
    else this.setStatus(GatewayStatus.RECONNECTING, `realtime link: ${reason}`);
  }
}

function asList<T>(value: T[], what: string): T[] {
  if (!Array.isArray(value)) throw new VntError(`BitMEX answered ${what} with ${quoteValue(value)}`);
  return value;
}

function dropUndefined(params: Params): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out;
}
