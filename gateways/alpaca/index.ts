// AlpacaGateway: US stocks and crypto through Alpaca's Trading API v2 (REST + the trade_updates stream) and
// Market Data v2 (streams for stocks and crypto, bars over REST). The client order id is the vnt order id,
// unique across restarts, so an order whose reply was lost is found again by that id and never sent twice.
// The trade stream does not replay what it missed, so after every reconnect orders, fills (from account
// activities) and positions are read back over REST; fills are counted per order by cumulative quantity, so
// a fill seen on both paths is pushed once and none is lost.
import { Exchange, GatewayStatus, LogLevel, OrderType, Status } from '../../src/core/constant.js';
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
  isActive,
  orderFromRequest,
  type AmendRequest,
  type BarData,
  type CancelRequest,
  type ContractData,
  type HistoryRequest,
  type OrderRequest,
  type SubscribeRequest,
  type TradeData,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { formatToStep } from '../common/decimal.js';
import { priceTickAt } from '../../src/core/validate.js';
import { LinkHealth } from '../common/links.js';
import { OrderTracker } from '../common/order-tracker.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import {
  RestClient,
  RestError,
  UnknownOutcomeError,
  encodeParams,
  type Params,
  type RestRequest,
} from '../common/rest-client.js';
import type { WsClient } from '../common/ws-client.js';
import { DataStream } from './market-data.js';
import {
  TIMEFRAMES,
  accountFromAlpaca,
  barFromRest,
  contractFromAsset,
  flatPosition,
  orderFromAlpaca,
  positionFromAlpaca,
  tradeFromActivity,
  tradeFromUpdate,
} from './parse.js';
import { Sessions } from './sessions.js';
import {
  accountProblem,
  activityProblem,
  assetProblem,
  barProblem,
  orderProblem,
  positionProblem,
  tradeUpdateProblem,
} from './shape.js';
import { SymbolIndex } from './symbols.js';
import { tradeStream } from './trade-stream.js';
import type {
  Account,
  AlpacaOrder,
  Asset,
  BarsPage,
  FillActivity,
  Position,
  TimeInForce,
  TradeUpdate,
  VenueOrderType,
} from './types.js';
import { BARS_PATH, FEEDS, endpointsFor, type Endpoints, type Feed, type Server } from './urls.js';

/** GET /v2/orders returns at most 500 per page. */
const ORDER_PAGE = 500;
const ACTIVITY_PAGE = 100;
/** The bars API's largest page. */
const BAR_PAGE = 10_000;
/** Reconciliation reaches this far back before the earliest moment it must cover (clocks differ). */
const MARGIN_MS = 5_000;
const EPS = 1e-9;

export class AlpacaGateway extends BaseGateway {
  static override readonly defaultName = 'ALPACA';
  static override readonly defaultSetting: SettingSchema = {
    key: { type: 'string', default: '', label: 'KEY ID' },
    secret: { type: 'secret', default: '', label: 'Secret Key' },
    sessions: {
      type: 'integer',
      default: 10,
      min: 1,
      max: 50,
      label: 'REST sessions',
      help: 'requests in flight at once (VN Trader 会话数)',
    },
    server: {
      type: 'choice',
      choices: ['PAPER', 'REAL'],
      default: 'PAPER',
      label: 'Server',
      help: 'PAPER (paper-api.alpaca.markets) or REAL (live money)',
    },
    feed: {
      type: 'choice',
      choices: [...FEEDS],
      default: 'iex',
      label: 'Stock data feed',
      help: 'iex (free), sip (paid, all exchanges) or delayed_sip (15 minutes late); one connection per feed per account',
    },
    timeInForce: {
      type: 'choice',
      choices: ['day', 'gtc', 'opg', 'cls'],
      default: 'day',
      label: 'Stock time in force',
      help: 'for stock LIMIT, MARKET and STOP orders (opg/cls: opening/closing auction); crypto always gtc',
    },
    extendedHours: {
      type: 'boolean',
      default: false,
      label: 'Extended hours',
      help: 'stock LIMIT orders with time in force day may fill before the open and after the close',
    },
    proxyHost: {
      type: 'string',
      default: '',
      label: 'Proxy host',
      help: 'HTTP proxy for REST and (by CONNECT) WebSockets; empty for none',
    },
    proxyPort: { type: 'integer', default: 0, min: 0, max: 65535, label: 'Proxy port' },
    restUrl: { type: 'string', default: '', label: 'Trading REST URL', help: 'empty: the server default' },
    streamUrl: {
      type: 'string',
      default: '',
      label: 'Trading stream URL',
      help: 'empty: the server default',
    },
    dataRestUrl: {
      type: 'string',
      default: '',
      label: 'Market data REST URL',
      help: 'empty: data.alpaca.markets',
    },
    stockStreamUrl: {
      type: 'string',
      default: '',
      label: 'Stock data stream URL',
      help: 'empty: the default; {feed} is replaced by the feed',
    },
    cryptoStreamUrl: {
      type: 'string',
      default: '',
      label: 'Crypto data stream URL',
      help: 'empty: the default',
    },
  };
  static override readonly exchanges: readonly Exchange[] = [
    Exchange.NASDAQ,
    Exchange.NYSE,
    Exchange.ARCA,
    Exchange.AMEX,
    Exchange.BATS,
    Exchange.OTC,
    Exchange.ALPACA,
  ];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET, OrderType.STOP, OrderType.FAK, OrderType.FOK],
    history: true,
    offsets: false,
    // Replace Order: a new order under a new id, the old one ends `replaced`.
    amend: true,
    amendReplaces: true,
  };

  private rest: RestClient | undefined;
  private sessions = new Sessions(10);
  private endpoints: Endpoints | undefined;
  private feed: Feed = 'iex';
  private stockTif: TimeInForce = 'day';
  private extendedHours = false;
  private trading: WsClient | undefined;
  private stocks: DataStream | undefined;
  private crypto: DataStream | undefined;
  private credentials = { key: '', secret: '' };
  private proxy: ProxyAddress | undefined;
  private readonly contracts = new Map<string, ContractData>();
  private readonly symbols = new SymbolIndex();
  private readonly ids = new LocalOrderManager<string>(
    (req, venueId) => this.sendCancel(req, venueId),
    `vnt${Date.now().toString(36)}`,
    6,
  );
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  /** Filled quantity already pushed as trades, per client order id. */
  private readonly accounted = new Map<string, number>();
  /** Submission time (ms) per client order id, for choosing how far back reconciliation reads. */
  private readonly submitted = new Map<string, number>();
  private readonly venueToClient = new Map<string, string>();
  /** Replace Order sent: the old order's client id → its replacement's, until the old one ends. */
  private readonly replacing = new Map<string, string>();
  /** Replacements whose PATCH has not been answered: a refusal's reason comes with the answer. */
  private readonly replaceInFlight = new Set<string>();
  private readonly held = new Set<string>();
  private readonly links = new LinkHealth();
  private downSince = 0;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private connected = false;

  /** Latest rate-limit figures Alpaca reported (x-ratelimit-limit, -remaining, -reset). */
  get rateLimitUsage(): ReadonlyMap<string, number> {
    return this.rest?.usage ?? new Map();
  }

  override async connect(setting: GatewaySetting): Promise<void> {
    if (this.connected) throw new VntError(`${this.gatewayName} is already connected`);
    const key = String(setting.key ?? '');
    const secret = String(setting.secret ?? '');
    if (!key || !secret) throw new VntError('a KEY ID and Secret Key are required');
    this.feed = FEEDS.includes(setting.feed as Feed) ? (setting.feed as Feed) : 'iex';
    const tif = String(setting.timeInForce ?? 'day');
    this.stockTif = tif === 'gtc' || tif === 'opg' || tif === 'cls' ? tif : 'day';
    this.extendedHours = setting.extendedHours === true;
    this.sessions = new Sessions(Math.max(1, Number(setting.sessions ?? 10) || 10));
    this.credentials = { key, secret };
    const proxyHost = String(setting.proxyHost ?? '');
    this.proxy = proxyHost ? { host: proxyHost, port: Number(setting.proxyPort ?? 0) } : undefined;
    this.endpoints = endpointsFor(setting.server === 'REAL' ? 'REAL' : ('PAPER' as Server), this.feed, {
      rest: String(setting.restUrl ?? ''),
      stream: String(setting.streamUrl ?? ''),
      dataRest: String(setting.dataRestUrl ?? ''),
      stockStream: String(setting.stockStreamUrl ?? ''),
      cryptoStream: String(setting.cryptoStreamUrl ?? ''),
    });
    this.setStatus(GatewayStatus.CONNECTING);
    try {
      await this.open(this.endpoints);
      this.connected = true;
      this.setStatus(GatewayStatus.CONNECTED);
      this.writeLog(`connected to Alpaca (${String(setting.server ?? 'PAPER')}) at ${this.endpoints.rest}`);
      // Resolve only once what connect pushed has been dispatched (the event engine dispatches on setImmediate).
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      await this.release();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
  }

  private client(baseUrl: string): RestClient {
    const { key, secret } = this.credentials;
    return new RestClient({
      baseUrl,
      sign: (req) => {
        const headers: Record<string, string> = { 'APCA-API-KEY-ID': key, 'APCA-API-SECRET-KEY': secret };
        if (req.method === 'POST' || req.method === 'PATCH') {
          headers['Content-Type'] = 'application/json';
          const body = Object.fromEntries(
            Object.entries(req.params ?? {}).filter(([, v]) => v !== undefined),
          );
          return { query: '', body: JSON.stringify(body), headers };
        }
        return { query: encodeParams(req.params ?? {}), headers };
      },
      parseError: (_status, body) => {
        const b = body as { code?: unknown; message?: unknown } | null;
        if (!b || typeof b !== 'object') return undefined;
        if (typeof b.message !== 'string') return undefined;
        return typeof b.code === 'number' ? { code: b.code, msg: b.message } : { code: '', msg: b.message };
      },
      usageHeaders: ['x-ratelimit'],
      ...(this.proxy ? { proxy: this.proxy } : {}),
    });
  }

  private request<T>(req: RestRequest, rest = this.rest): Promise<T> {
    if (!rest) return Promise.reject(new NotConnectedError(this.gatewayName));
    return this.sessions.run(() => rest.request<T>(req));
  }

  private dataRest: RestClient | undefined;

  private async open(endpoints: Endpoints): Promise<void> {
    this.rest = this.client(endpoints.rest);
    this.dataRest = this.client(endpoints.dataRest);
    // The account first: it proves the keys and the server before anything else is asked.
    await this.queryAccountNow();
    for (const assetClass of ['us_equity', 'crypto']) {
      const assets = await this.request<Asset[]>({
        method: 'GET',
        path: '/v2/assets',
        params: { status: 'active', asset_class: assetClass },
      });
      if (!Array.isArray(assets))
        throw new VntError(`Alpaca answered the assets list with ${quoteValue(assets)}`);
      for (const a of assets) {
        const problem = assetProblem(a);
        if (problem) {
          this.writeLog(`ignored an asset from Alpaca: ${problem}`, LogLevel.WARNING);
          continue;
        }
        const c = contractFromAsset(a, this.gatewayName);
        if (!c) continue;
        this.contracts.set(c.symbol, c);
        this.symbols.add(c);
        this.onContract(c);
      }
    }

    // The private stream comes up before the snapshots, so nothing that happens in between is missed.
    this.trading = tradeStream({
      gatewayName: this.gatewayName,
      url: endpoints.stream,
      ...this.credentials,
      ...(this.proxy ? { proxy: this.proxy } : {}),
      onUpdate: (data) => this.onTradeUpdate(data),
      onReconnect: () => this.reconcile(),
      onStatus: (up, reason) => this.linkStatus('trading', up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
    await this.trading.start();
    await this.queryPositionNow();
    // Today's orders and fills (open orders among them), as after a reconnect.
    await this.readBack(Date.now() - 24 * 3_600_000);
  }

  override async close(): Promise<void> {
    this.connected = false;
    await this.release();
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  private async release(): Promise<void> {
    const closing = [this.trading?.close(), this.stocks?.close(), this.crypto?.close()];
    this.trading = undefined;
    this.stocks = undefined;
    this.crypto = undefined;
    await Promise.all(closing);
  }

  override subscribe(req: SubscribeRequest): void {
    if (!this.endpoints || !this.connected) throw new NotConnectedError(this.gatewayName);
    const c = this.contracts.get(req.symbol);
    if (!c || c.exchange !== req.exchange)
      throw new RequestError(`unknown Alpaca symbol ${req.symbol}.${req.exchange}`);
    const crypto = c.exchange === Exchange.ALPACA;
    const stream = crypto
      ? (this.crypto ??= this.dataStream('crypto', 'crypto', this.endpoints.cryptoStream))
      : (this.stocks ??= this.dataStream(`stocks (${this.feed})`, this.feed, this.endpoints.stockStream));
    stream.subscribe(c.symbol, c.symbol, c.exchange, c.name);
  }

  private dataStream(label: string, feed: string, url: string): DataStream {
    return new DataStream({
      gatewayName: this.gatewayName,
      label,
      feed,
      url,
      ...this.credentials,
      ...(this.proxy ? { proxy: this.proxy } : {}),
      onTick: (t) => this.onTick(t),
      onStatus: (up, reason) => this.linkStatus(`${label} market data`, up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
  }

  override sendOrder(req: OrderRequest): string {
    if (!this.rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const contract = this.contracts.get(req.symbol);
    if (!contract) throw new RequestError(`unknown Alpaca symbol ${req.symbol}`);
    const params = this.orderParams(req, contract);
    const orderid = this.ids.newLocalOrderid();
    params.client_order_id = orderid;
    const order = orderFromRequest(req, orderid, this.gatewayName);
    this.submitted.set(orderid, Date.now());
    this.tracker.add(order);
    this.request<AlpacaOrder>({ method: 'POST', path: '/v2/orders', params, idempotent: false }).then(
      (reply) => this.applyReply(reply, orderid, true),
      (error: unknown) => this.orderFailed(orderid, error),
    );
    return order.vtOrderid;
  }

  /** Alpaca's order fields for a vnt request; throws a RequestError for what Alpaca would refuse. */
  private orderParams(req: OrderRequest, c: ContractData): Params {
    const crypto = c.exchange === Exchange.ALPACA;
    const qty = trimDecimal(formatToStep(req.volume, c.volumeStep));
    const fractional = !crypto && !Number.isInteger(Number(qty));
    let type: VenueOrderType;
    let tif: TimeInForce;
    switch (req.type) {
      case OrderType.LIMIT:
        type = 'limit';
        tif = crypto ? 'gtc' : this.stockTif;
        break;
      case OrderType.MARKET:
        type = 'market';
        tif = crypto ? 'gtc' : this.stockTif === 'gtc' ? 'day' : this.stockTif;
        break;
      case OrderType.STOP:
        if (crypto) throw new RequestError('Alpaca takes no stop orders for crypto (only stop_limit)');
        type = 'stop';
        tif = this.stockTif === 'opg' || this.stockTif === 'cls' ? 'day' : this.stockTif;
        break;
      case OrderType.FAK:
        type = 'limit';
        tif = 'ioc';
        break;
      case OrderType.FOK:
        type = 'limit';
        tif = 'fok';
        break;
      default:
        throw new RequestError(`Alpaca takes no ${req.type} orders`);
    }
    if (fractional && tif !== 'day') {
      throw new RequestError(`a fractional quantity (${qty}) takes time in force day on Alpaca, not ${tif}`);
    }
    const price = trimDecimal(formatToStep(req.price, priceTickAt(c, req.price)));
    return {
      symbol: c.symbol,
      qty,
      side: req.direction === 'SHORT' ? 'sell' : 'buy',
      type,
      time_in_force: tif,
      limit_price: type === 'limit' ? price : undefined,
      stop_price: type === 'stop' ? price : undefined,
      extended_hours: this.extendedHours && !crypto && type === 'limit' && tif === 'day' ? true : undefined,
    };
  }

  override cancelOrder(req: CancelRequest): void {
    if (!this.rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    // The venue id arrives with the reply to the order; a cancel asked for before that waits for it.
    this.ids.cancel(req);
  }

  private sendCancel(req: CancelRequest, venueId: string): void {
    this.request<unknown>({
      method: 'DELETE',
      path: `/v2/orders/${encodeURIComponent(venueId)}`,
      idempotent: true,
    }).then(
      // 204: accepted; the stream says `canceled` when done. Without the stream, ask.
      () => {
        if (!this.trading?.isReady) void this.refreshOrder(req.orderid);
      },
      (error: unknown) => {
        this.writeLog(`cancel of ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(req.orderid);
      },
    );
  }

  /**
   * Replace Order (PATCH /v2/orders/{id}): Alpaca makes a new order (a new id, and the client id sent here)
   * and ends the old one `replaced`. vnt shows just that: the old order ends CANCELLED "replaced by <new>",
   * the new one, with the volume still untraded, carries on; its vtOrderid is returned. Sent once. A refusal
   * (422, 403) rejects the new order with Alpaca's reason and the old one is asked for: it stays working.
   */
  override amendOrder(req: AmendRequest): string {
    if (!this.rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const c = this.contracts.get(req.symbol);
    if (!c) throw new RequestError(`unknown Alpaca symbol ${req.symbol}`);
    const old = this.tracker.get(req.orderid);
    if (!old || !isActive(old))
      throw new RequestError(`order ${req.orderid} is not working: nothing to replace`);
    const venueId = this.ids.getVenueId(req.orderid);
    if (venueId === undefined || old.status === Status.SUBMITTING) {
      throw new RequestError(
        `Alpaca has not accepted order ${req.orderid} yet; it cannot be replaced before`,
      );
    }
    if (this.replacing.has(req.orderid)) {
      throw new RequestError(`order ${req.orderid} is already being replaced`);
    }
    const crypto = c.exchange === Exchange.ALPACA;
    const price = req.price ?? old.price;
    const rest = Number(((req.volume ?? old.volume) - old.traded).toFixed(9));
    const params: Params = {};
    // The new order is a fresh one: without qty it takes the old one's whole qty, filled part and all
    // (Alpaca-API issue #165), so after a part fill the rest is always sent.
    if (req.volume !== undefined || old.traded > 0) {
      const qty = trimDecimal(formatToStep(rest, c.volumeStep));
      if (!crypto && !(Number.isInteger(Number(qty)) && Number.isInteger(old.volume))) {
        throw new RequestError(`Alpaca replaces whole-share quantities only, not ${qty} of ${old.volume}`);
      }
      params.qty = qty;
    }
    if (req.price !== undefined) {
      const text = trimDecimal(formatToStep(price, priceTickAt(c, price)));
      if (old.type === OrderType.STOP) params.stop_price = text;
      else if (old.type === OrderType.MARKET)
        throw new RequestError('a market order has no price to replace');
      else params.limit_price = text;
    }
    const next = this.ids.newLocalOrderid();
    params.client_order_id = next;
    const order = orderFromRequest(
      {
        symbol: old.symbol,
        exchange: old.exchange,
        direction: old.direction,
        type: old.type,
        volume: rest,
        price,
        offset: old.offset,
        ...(old.reference !== undefined ? { reference: old.reference } : {}),
      },
      next,
      this.gatewayName,
    );
    this.submitted.set(next, Date.now());
    this.replacing.set(req.orderid, next);
    this.replaceInFlight.add(next);
    this.tracker.add(order);
    this.request<AlpacaOrder>({
      method: 'PATCH',
      path: `/v2/orders/${encodeURIComponent(venueId)}`,
      params,
      idempotent: false,
    }).then(
      (reply) => {
        this.replaceInFlight.delete(next);
        this.applyReply(reply, next, true);
      },
      (error: unknown) => {
        this.replaceInFlight.delete(next);
        if (error instanceof UnknownOutcomeError) {
          this.writeLog(`${error.message}; asking Alpaca about ${req.orderid} and ${next}`, LogLevel.WARNING);
          void this.refreshOrder(next, true);
          void this.refreshOrder(req.orderid);
          return;
        }
        this.replacing.delete(req.orderid);
        this.tracker.reject(next, `Alpaca did not replace ${old.vtOrderid}: ${errorMessage(error)}`);
        this.writeLog(`replace of ${req.orderid} refused: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(req.orderid);
      },
    );
    return order.vtOrderid;
  }

  /**
   * An Alpaca order as vnt shows it: one replaced names its replacement by vtOrderid. A replacement Alpaca
   * refused after accepting the request (order_replace_rejected on the old order) is rejected, not left
   * waiting; the new order's own updates say the rest.
   */
  private recordOrder(
    o: AlpacaOrder,
    symbol: string,
    exchange: Exchange,
    event?: TradeUpdate['event'],
  ): void {
    const incoming = orderFromAlpaca(o, symbol, exchange, this.gatewayName, event);
    const pending = this.replacing.get(o.client_order_id);
    const next = (o.replaced_by ? this.venueToClient.get(o.replaced_by) : undefined) ?? pending;
    if (o.status === 'replaced' && next) incoming.statusMsg = `replaced by ${this.gatewayName}.${next}`;
    this.tracker.update(incoming);
    if (pending === undefined) return;
    if (event === 'order_replace_rejected') {
      this.replacing.delete(o.client_order_id);
      if (!this.replaceInFlight.has(pending) && this.tracker.get(pending)?.status === Status.SUBMITTING) {
        this.tracker.reject(pending, `Alpaca did not replace ${incoming.vtOrderid}: order replace rejected`);
      }
    } else if (!isActive(incoming)) {
      this.replacing.delete(o.client_order_id);
    }
  }

  override queryAccount(): void {
    this.queryAccountNow().catch((e: unknown) =>
      this.writeLog(`account query failed: ${errorMessage(e)}`, LogLevel.WARNING),
    );
  }

  override queryPosition(): void {
    this.queryPositionNow().catch((e: unknown) =>
      this.writeLog(`position query failed: ${errorMessage(e)}`, LogLevel.WARNING),
    );
  }

  override async queryHistory(req: HistoryRequest): Promise<BarData[]> {
    const rest = this.dataRest;
    if (!rest) throw new NotConnectedError(this.gatewayName);
    const c = this.contracts.get(req.symbol);
    if (!c) throw new RequestError(`unknown Alpaca symbol ${req.symbol}`);
    const crypto = c.exchange === Exchange.ALPACA;
    const bars: BarData[] = [];
    let token: string | undefined;
    for (;;) {
      const page = await this.request<BarsPage>(
        {
          method: 'GET',
          path: crypto ? BARS_PATH.crypto : BARS_PATH.stock,
          params: {
            symbols: c.symbol,
            timeframe: TIMEFRAMES[req.interval],
            start: new Date(req.start).toISOString(),
            end: req.end !== undefined ? new Date(req.end).toISOString() : undefined,
            limit: BAR_PAGE,
            // History has no delayed_sip feed: SIP bars older than 15 minutes are free.
            feed: crypto ? undefined : this.feed === 'delayed_sip' ? 'sip' : this.feed,
            page_token: token,
          },
        },
        rest,
      );
      if (typeof page !== 'object' || page === null) {
        throw new VntError(`Alpaca answered a bars request with ${quoteValue(page)}`);
      }
      const list = page.bars?.[c.symbol] ?? [];
      if (!Array.isArray(list)) throw new VntError(`Alpaca's bars for ${c.symbol} are ${quoteValue(list)}`);
      for (const b of list) {
        const problem = barProblem(b);
        if (problem) this.writeLog(`ignored a bar from Alpaca: ${problem}`, LogLevel.WARNING);
        else bars.push(barFromRest(b, c.symbol, c.exchange, req.interval, this.gatewayName));
      }
      if (typeof page.next_page_token !== 'string' || page.next_page_token === '') break;
      token = page.next_page_token;
    }
    return bars;
  }

  // ---- private data ----------------------------------------------------------------------------------------

  private onTradeUpdate(data: unknown): void {
    const problem = tradeUpdateProblem(data);
    if (problem) {
      this.writeLog(`ignored a trade update from Alpaca: ${problem}`, LogLevel.WARNING);
      return;
    }
    const u = data as TradeUpdate;
    const c = this.symbols.find(u.order.symbol);
    if (!c) {
      this.writeLog(`ignored a trade update for unknown symbol ${u.order.symbol}`, LogLevel.WARNING);
      return;
    }
    this.bindOrder(u.order);
    if (u.event === 'fill' || u.event === 'partial_fill') {
      this.fill(u.order.client_order_id, Number(u.order.filled_qty), (volume) =>
        tradeFromUpdate(u, c.symbol, c.exchange, this.gatewayName, volume),
      );
      this.refreshHoldings();
    }
    if (u.event === 'order_cancel_rejected' || u.event === 'order_replace_rejected') {
      this.writeLog(`order ${u.order.client_order_id}: ${u.event.replace(/_/g, ' ')}`, LogLevel.WARNING);
    }
    this.recordOrder(u.order, c.symbol, c.exchange, u.event);
  }

  /**
   * Pushes the part of an order's fills not pushed yet: `cumulative` is the order's filled quantity after
   * this fill. The stream and reconciliation both come here, so each quantity is pushed once.
   */
  private fill(orderid: string, cumulative: number, make: (volume: number) => TradeData): void {
    const seen = this.accounted.get(orderid) ?? 0;
    if (!(cumulative > seen + EPS)) return;
    const volume = Number((cumulative - seen).toFixed(9));
    this.accounted.set(orderid, cumulative);
    this.tracker.trade(make(volume));
  }

  private bindOrder(o: AlpacaOrder): void {
    this.venueToClient.set(o.id, o.client_order_id);
    if (!this.ids.hasLocalId(o.client_order_id) || this.ids.getVenueId(o.client_order_id) === undefined) {
      this.ids.bind(o.client_order_id, o.id);
    }
    const t = Date.parse(o.submitted_at ?? o.created_at);
    if (Number.isFinite(t) && !this.submitted.has(o.client_order_id))
      this.submitted.set(o.client_order_id, t);
  }

  /** Account and positions after fills; one query at a time, and one more if fills came in meanwhile. */
  private refreshHoldings(): void {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        try {
          await this.queryAccountNow();
          await this.queryPositionNow();
        } catch (error) {
          this.writeLog(`account refresh failed: ${errorMessage(error)}`, LogLevel.WARNING);
        }
      } while (this.refreshAgain && this.connected);
      this.refreshing = undefined;
    })();
  }

  private async queryAccountNow(): Promise<void> {
    const a = await this.request<Account>({ method: 'GET', path: '/v2/account' });
    const problem = accountProblem(a);
    if (problem) throw new VntError(`Alpaca answered the account query with something else: ${problem}`);
    if (a.trading_blocked || a.account_blocked) {
      this.writeLog(
        `Alpaca reports this account as blocked for trading (status ${a.status})`,
        LogLevel.ERROR,
      );
    }
    this.onAccount(accountFromAlpaca(a, this.gatewayName));
  }

  private async queryPositionNow(): Promise<void> {
    const list = await this.request<Position[]>({ method: 'GET', path: '/v2/positions' });
    if (!Array.isArray(list))
      throw new VntError(`Alpaca answered the positions query with ${quoteValue(list)}`);
    const now = new Set<string>();
    for (const p of list) {
      const problem = positionProblem(p);
      const c = problem ? undefined : this.symbols.find(p.symbol);
      if (!c) {
        this.writeLog(
          `ignored a position from Alpaca: ${problem ?? `unknown symbol ${p.symbol}`}`,
          LogLevel.WARNING,
        );
        continue;
      }
      now.add(c.symbol);
      this.onPosition(positionFromAlpaca(p, c.symbol, c.exchange, this.gatewayName));
    }
    // Alpaca lists open positions only: one that disappeared was closed.
    for (const symbol of this.held) {
      const c = this.contracts.get(symbol);
      if (!now.has(symbol) && c) this.onPosition(flatPosition(symbol, c.exchange, this.gatewayName));
    }
    this.held.clear();
    for (const s of now) this.held.add(s);
  }

  /** A REST order request failed: refused (REJECTED with Alpaca's reason) or unknown (ask Alpaca). */
  private orderFailed(orderid: string, error: unknown): void {
    if (error instanceof UnknownOutcomeError) {
      this.writeLog(`${error.message}; asking Alpaca about order ${orderid}`, LogLevel.WARNING);
      void this.refreshOrder(orderid, true);
      return;
    }
    this.ids.dropHeldCancel(orderid);
    this.tracker.reject(orderid, errorMessage(error));
    this.writeLog(`order ${orderid} rejected: ${errorMessage(error)}`, LogLevel.WARNING);
  }

  /**
   * Asks Alpaca for one order by client id. When placement's outcome was unknown, "no such order" after a
   * few tries means it never arrived.
   */
  private async refreshOrder(orderid: string, placing = false): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const o = await this.request<AlpacaOrder>({
          method: 'GET',
          path: '/v2/orders:by_client_order_id',
          params: { client_order_id: orderid },
        });
        const problem = orderProblem(o);
        if (problem) throw new VntError(`the answer is not an order: ${problem}`);
        this.bindOrder(o);
        if (Number(o.filled_qty) > (this.accounted.get(orderid) ?? 0) + EPS) {
          await this.readFills((this.submitted.get(orderid) ?? Date.now()) - MARGIN_MS);
        }
        this.applyOrder(o);
        return;
      } catch (error) {
        if (error instanceof RestError && error.status === 404) {
          if (placing && attempt >= 2) {
            this.ids.dropHeldCancel(orderid);
            this.tracker.reject(orderid, `Alpaca never received the order (${error.message})`);
            return;
          }
          if (!placing) return;
        }
        if (!this.connected) return;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
    this.writeLog(`could not learn the state of order ${orderid}; it stays as last known`, LogLevel.ERROR);
  }

  private applyOrder(o: AlpacaOrder): void {
    const c = this.symbols.find(o.symbol);
    if (!c) {
      this.writeLog(`ignored an order for unknown symbol ${o.symbol}`, LogLevel.WARNING);
      return;
    }
    this.bindOrder(o);
    this.recordOrder(o, c.symbol, c.exchange);
  }

  /** The reply to a placement; one that cannot be read says nothing sure, so the order is asked for. */
  private applyReply(reply: AlpacaOrder, orderid: string, placing: boolean): void {
    const problem = orderProblem(reply);
    if (problem || reply.client_order_id !== orderid) {
      this.writeLog(
        `order ${orderid}: Alpaca's reply is not this order (${problem ?? `client_order_id ${reply.client_order_id}`}); asking for it`,
        LogLevel.WARNING,
      );
      void this.refreshOrder(orderid, placing);
      return;
    }
    this.applyOrder(reply);
  }

  /** After the trade stream reconnects: what happened while it was down, from REST. */
  private async reconcile(): Promise<void> {
    let since = this.downSince || Date.now();
    for (const o of this.tracker.active()) {
      const t = this.submitted.get(o.orderid);
      if (t !== undefined && t < since) since = t;
    }
    await this.readBack(since - MARGIN_MS);
    await this.queryAccountNow();
    await this.queryPositionNow();
    // Orders still unanswered (sent while down, outcome unknown) are asked for one by one.
    for (const o of this.tracker.active()) {
      if (o.status === 'SUBMITTING' && this.ids.getVenueId(o.orderid) === undefined) {
        await this.refreshOrder(o.orderid, true);
      }
    }
  }

  /** Orders submitted since `since` and fills since then: fills first, so each order's status follows its trades. */
  private async readBack(since: number): Promise<void> {
    const orders: AlpacaOrder[] = [];
    let after = new Date(since).toISOString();
    for (;;) {
      const page = await this.request<AlpacaOrder[]>({
        method: 'GET',
        path: '/v2/orders',
        params: { status: 'all', after, direction: 'asc', limit: ORDER_PAGE, nested: false },
      });
      if (!Array.isArray(page)) throw new VntError(`Alpaca answered an order list with ${quoteValue(page)}`);
      for (const o of page) {
        const problem = orderProblem(o);
        if (problem) this.writeLog(`ignored an order in an Alpaca reply: ${problem}`, LogLevel.WARNING);
        else orders.push(o);
      }
      const last = page[page.length - 1] as AlpacaOrder | undefined;
      const next = last?.submitted_at ?? last?.created_at;
      if (page.length < ORDER_PAGE || !next || next === after) break;
      after = next;
    }
    for (const o of orders) this.bindOrder(o);
    if (orders.some((o) => Number(o.filled_qty) > (this.accounted.get(o.client_order_id) ?? 0) + EPS)) {
      await this.readFills(since);
    }
    for (const o of orders) this.applyOrder(o);
  }

  /** Fills since `since` from the account activities, pushed where the order's cumulative quantity is new. */
  private async readFills(since: number): Promise<void> {
    let token: string | undefined;
    for (;;) {
      const page = await this.request<FillActivity[]>({
        method: 'GET',
        path: '/v2/account/activities/FILL',
        params: {
          after: new Date(since).toISOString(),
          direction: 'asc',
          page_size: ACTIVITY_PAGE,
          page_token: token,
        },
      });
      if (!Array.isArray(page))
        throw new VntError(`Alpaca answered the fills query with ${quoteValue(page)}`);
      for (const a of page) {
        const problem = activityProblem(a);
        const orderid = problem ? undefined : this.venueToClient.get(a.order_id);
        const c = problem ? undefined : this.symbols.find(a.symbol);
        if (problem) this.writeLog(`ignored a fill in an Alpaca reply: ${problem}`, LogLevel.WARNING);
        if (!orderid || !c) continue;
        this.fill(orderid, Number(a.cum_qty), (volume) =>
          tradeFromActivity(a, orderid, c.symbol, c.exchange, this.gatewayName, volume),
        );
      }
      if (page.length < ACTIVITY_PAGE) break;
      token = (page[page.length - 1] as FillActivity).id;
    }
    this.refreshHoldings();
  }

  private linkStatus(link: string, up: boolean, reason: string): void {
    if (!this.connected) return;
    if (!up && link === 'trading') this.downSince = Date.now();
    const down = this.links.report(link, up, reason);
    if (down === undefined) this.setStatus(GatewayStatus.CONNECTED);
    else this.setStatus(GatewayStatus.RECONNECTING, down);
  }
}

/** "2.000000000" → "2", "0.500" → "0.5": Alpaca takes plain decimals. */
function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
