// BitfinexGateway: Bitfinex API v2. Orders are placed and cancelled over authenticated REST (each request has
// a reply, so a lost one is an outcome to look up by client id, never a reason to send again); the account's
// orders, trades, wallets and positions are pushed on channel 0 of the authenticated WebSocket; market data
// comes from the public channels (market-data.ts). vnt's order id is the order's cid.
import { Direction, Exchange, GatewayStatus, LogLevel, OrderType, Status } from '../../src/core/constant.js';
import {
  NotConnectedError,
  RequestError,
  VntError,
  errorMessage,
  quoteValue,
} from '../../src/core/errors.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import {
  isActive,
  orderFromRequest,
  type BarData,
  type CancelRequest,
  type ContractData,
  type HistoryRequest,
  type AmendRequest,
  type OrderData,
  type OrderRequest,
  type SubscribeRequest,
  type TickData,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { formatToStep } from '../common/decimal.js';
import { LinkHealth } from '../common/links.js';
import { OrderTracker } from '../common/order-tracker.js';
import {
  RestClient,
  RestError,
  UnknownOutcomeError,
  encodeParams,
  type Params,
} from '../common/rest-client.js';
import { clientIdSourceFor } from './client-id.js';
import type { ChannelFrame } from './frame.js';
import { MarketData } from './market-data.js';
import { NONCE_ERROR_CODE, nonceSourceFor, type NonceSource } from './nonce.js';
import {
  AMOUNT_STEP,
  CANDLE_FRAMES,
  accountFromWallet,
  barsFromCandles,
  cidDate,
  cidOf,
  lastPricesFromTickers,
  orderFromArray,
  orderTypeToVenue,
  orderidOf,
  pairDetails,
  pairList,
  parseContracts,
  positionFromArray,
  spotPosition,
  tradeFromArray,
  walletTypeFor,
} from './parse.js';
import { isValidPrice, roundPrice, tickAt } from './precision.js';
import {
  candleProblem,
  notificationProblem,
  orderProblem,
  positionProblem,
  requestedOrderProblem,
  tradeProblem,
  walletProblem,
} from './shape.js';
import { restAuthHeaders } from './sign.js';
import { splitPair, toVenueSymbol } from './symbols.js';
import { NOTIFICATION, ORDER, TRADE, WALLET, type Json, type TradingMode } from './types.js';
import { PATHS, endpointsFor, type Endpoints } from './urls.js';
import { UserData } from './user-data.js';

/** Candles per request (rest-public-candles: limit up to 10000). */
const CANDLE_PAGE = 10_000;
/** Resends after "nonce: small" (the request was refused unread, see nonce.ts). */
const NONCE_RETRIES = 3;
/** Bitfinex blocks an address for 60 s after its rate limit is broken (docs: rest-general, "Rate Limits"). */
const RATE_LIMIT_BAN_MS = 60_000;

/** Caps the REST requests in flight (VN Trader's `session`: the size of its REST thread pool). */
class Sessions {
  private busy = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) await new Promise<void>((r) => this.queue.push(r));
    this.busy += 1;
    try {
      return await fn();
    } finally {
      this.busy -= 1;
      this.queue.shift()?.();
    }
  }
}

export class BitfinexGateway extends BaseGateway {
  static override readonly defaultName = 'BITFINEX';
  static override readonly defaultSetting: SettingSchema = {
    key: { type: 'string', default: '', label: 'API key' },
    secret: { type: 'secret', default: '', label: 'API secret' },
    sessions: {
      type: 'integer',
      default: 3,
      min: 1,
      max: 20,
      label: 'Sessions',
      help: 'REST requests in flight at once (VN Trader: session)',
    },
    trading: {
      type: 'choice',
      choices: ['EXCHANGE', 'MARGIN'],
      default: 'EXCHANGE',
      label: 'Trading',
      help: 'EXCHANGE: spot orders on the exchange wallet; MARGIN: margin orders and positions',
    },
    dms: {
      type: 'boolean',
      default: false,
      label: 'Cancel on disconnect',
      help: "Bitfinex's dead man switch: cancel all orders when the account connection drops",
    },
    proxyHost: {
      type: 'string',
      default: '',
      label: 'Proxy host',
      help: 'HTTP proxy for REST and (by CONNECT) WebSockets; empty for none',
    },
    proxyPort: { type: 'integer', default: 0, min: 0, max: 65535, label: 'Proxy port' },
    restUrl: { type: 'string', default: '', label: 'REST URL', help: 'empty: https://api.bitfinex.com' },
    publicRestUrl: {
      type: 'string',
      default: '',
      label: 'Public REST URL',
      help: 'empty: https://api-pub.bitfinex.com',
    },
    wsUrl: { type: 'string', default: '', label: 'Account WebSocket URL', help: 'empty: the default' },
    publicWsUrl: { type: 'string', default: '', label: 'Market WebSocket URL', help: 'empty: the default' },
  };
  static override readonly exchanges: readonly Exchange[] = [Exchange.BITFINEX];
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

  private mode: TradingMode = 'EXCHANGE';
  private rest: RestClient | undefined;
  private publicRest: RestClient | undefined;
  private sessions = new Sessions(3);
  private user: UserData | undefined;
  private marketData: MarketData | undefined;
  private nonces: NonceSource | undefined;
  private readonly contracts = new Map<string, ContractData>();
  private readonly pairsByBase = new Map<string, string[]>();
  private readonly venueIds = new Map<string, number>();
  private readonly orderidByVenueId = new Map<number, string>();
  /** When vnt sent each order (cid_date for cancels, and where to start looking for a lost one). */
  private readonly sentAt = new Map<string, number>();
  /** Orders whose submit request has not been answered yet. */
  private readonly submitting = new Set<string>();
  /**
   * Updates (`ou` inputs) sent and not answered yet, oldest first: Bitfinex answers inputs in the order they
   * came, so an `ou-req` that names no order is the oldest one's. While one is pending, an order row with
   * figures none of them asked for was written before Bitfinex took them and must not undo an amend.
   */
  private readonly amends: { orderid: string; price: number; volume: number }[] = [];
  /** MTS_UPDATE of the row each order's current price and volume came from: an older row cannot undo them. */
  private readonly figuresAt = new Map<string, number>();
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  private readonly links = new LinkHealth();
  private cids = clientIdSourceFor('');
  private connected = false;

  /** The market-data feed, for tests and the status line (checksums verified, connections open). */
  get feed(): MarketData | undefined {
    return this.marketData;
  }

  get accountLink(): UserData | undefined {
    return this.user;
  }

  override async connect(setting: GatewaySetting): Promise<void> {
    if (this.connected) throw new VntError(`${this.gatewayName} is already connected`);
    this.setStatus(GatewayStatus.CONNECTING);
    try {
      await this.open(setting);
      this.connected = true;
      this.setStatus(GatewayStatus.CONNECTED);
      this.writeLog(`connected to Bitfinex (${this.mode} trading)`);
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      await this.release();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
  }

  private async open(setting: GatewaySetting): Promise<void> {
    const key = String(setting.key ?? '').trim();
    const secret = String(setting.secret ?? '');
    if (!key || !secret) throw new VntError('an API key and secret are required');
    this.mode = setting.trading === 'MARGIN' ? 'MARGIN' : 'EXCHANGE';
    this.sessions = new Sessions(Math.max(1, Number(setting.sessions ?? 3) || 3));
    const endpoints: Endpoints = endpointsFor({
      rest: String(setting.restUrl ?? ''),
      publicRest: String(setting.publicRestUrl ?? ''),
      ws: String(setting.wsUrl ?? ''),
      publicWs: String(setting.publicWsUrl ?? ''),
    });
    const proxyHost = String(setting.proxyHost ?? '');
    const proxy = proxyHost ? { host: proxyHost, port: Number(setting.proxyPort ?? 0) } : undefined;
    const nonces = nonceSourceFor(key);
    this.nonces = nonces;
    this.cids = clientIdSourceFor(key);
    const parseError = (_status: number, body: unknown) => {
      // Bitfinex errors: ["error", CODE, "text"] (docs.bitfinex.com/docs/rest-general, "Error Codes").
      if (Array.isArray(body) && body[0] === 'error' && typeof body[1] === 'number')
        return { code: body[1], msg: String(body[2] ?? ''), definite: true };
      return undefined;
    };
    const common = { parseError, rateLimitWaitMs: RATE_LIMIT_BAN_MS, ...(proxy ? { proxy } : {}) };
    this.publicRest = new RestClient({ baseUrl: endpoints.publicRest, ...common });
    this.rest = new RestClient({
      baseUrl: endpoints.rest,
      ...common,
      sign: (req) => {
        if (!req.signed) return { query: encodeParams(req.params ?? {}), headers: {} };
        const body = JSON.stringify(req.params ?? {});
        const auth = restAuthHeaders(key, secret, req.path, nonces.next(), body);
        return { query: '', body, headers: { ...auth, 'content-type': 'application/json' } };
      },
    });

    const status = await this.get<Json>(PATHS.platformStatus);
    if (!Array.isArray(status) || status[0] !== 1) {
      throw new VntError(
        `Bitfinex reports its platform in maintenance (status ${quoteValue(status)}); try again later`,
      );
    }
    const [pairsReply, infoReply, tickers] = await Promise.all([
      this.get<Json>(PATHS.pairs),
      this.get<Json>(PATHS.pairInfo),
      this.get<Json>(PATHS.tickers, { symbols: 'ALL' }),
    ]);
    const contracts = parseContracts(
      pairList(pairsReply),
      pairDetails(infoReply),
      lastPricesFromTickers(tickers),
      this.gatewayName,
    );
    if (contracts.length === 0) throw new VntError('Bitfinex listed no trading pairs with order sizes');
    for (const c of contracts) {
      this.contracts.set(c.symbol, c);
      const [base] = splitPair(c.symbol);
      this.pairsByBase.set(base, [...(this.pairsByBase.get(base) ?? []), c.symbol]);
      this.onContract(c);
    }

    // The account link comes up before the snapshots are read, so nothing in between is missed.
    this.user = new UserData({
      gatewayName: this.gatewayName,
      url: endpoints.ws,
      apiKey: key,
      secret,
      nonces,
      dms: setting.dms === true,
      ...(proxy ? { proxy } : {}),
      onFrame: (f) => this.onPrivate(f),
      onReconnect: () => this.reconcile(),
      onStatus: (up, reason) => this.linkStatus('account', up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
    await this.user.start();
    await this.queryWallets();
    await this.queryPositionsNow();
    for (const o of this.orderList(await this.auth<Json>(PATHS.orders))) this.applyOrder(o);
    await this.pushTrades(utcMidnight(Date.now()), undefined);

    this.marketData = new MarketData({
      gatewayName: this.gatewayName,
      url: endpoints.publicWs,
      ...(proxy ? { proxy } : {}),
      onTick: (t) => this.emitTick(t),
      onStatus: (up, reason) => this.linkStatus('market', up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
    await this.marketData.start();
  }

  override async close(): Promise<void> {
    this.connected = false;
    await this.release();
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  private async release(): Promise<void> {
    const closing = [this.marketData?.close(), this.user?.close()];
    this.marketData = undefined;
    this.user = undefined;
    await Promise.all(closing);
  }

  override subscribe(req: SubscribeRequest): void {
    if (!this.marketData) throw new NotConnectedError(this.gatewayName);
    if (!this.contracts.has(req.symbol)) throw new RequestError(`unknown Bitfinex pair ${req.symbol}`);
    this.marketData.subscribe(req.symbol);
  }

  override sendOrder(req: OrderRequest): string {
    if (!this.rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const contract = this.contracts.get(req.symbol);
    if (!contract) throw new RequestError(`unknown Bitfinex pair ${req.symbol}`);
    const venue = orderTypeToVenue(req.type, this.mode, req.reduceOnly === true);
    if (!venue) throw new RequestError(`Bitfinex does not take ${req.type} orders`);
    const priced = req.type !== OrderType.MARKET;
    if (priced && !isValidPrice(req.price)) {
      throw new RequestError(
        `price ${req.price} is off Bitfinex's tick: prices have at most 5 significant digits ` +
          `(tick ${tickAt(req.price)} at this price)`,
      );
    }
    const cid = this.cids.next();
    const orderid = String(cid);
    const amount = formatToStep(req.volume, AMOUNT_STEP);
    const params: Params = {
      type: venue.type,
      symbol: toVenueSymbol(req.symbol),
      amount: req.direction === Direction.SHORT ? `-${amount}` : amount,
      price: priced ? roundPrice(req.price) : undefined,
      cid,
      flags: venue.flags || undefined,
    };
    const order = orderFromRequest(req, orderid, this.gatewayName);
    this.sentAt.set(orderid, Date.now());
    this.tracker.add(order);
    this.submitting.add(orderid);
    this.auth<Json>(PATHS.submit, params, false)
      .then(
        (reply) => this.applyWriteReply(reply, orderid, true),
        (error: unknown) => this.orderFailed(orderid, error),
      )
      .finally(() => this.submitting.delete(orderid));
    return order.vtOrderid;
  }

  override cancelOrder(req: CancelRequest): void {
    if (!this.rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const id = this.venueIds.get(req.orderid);
    const cid = cidOf(req.orderid);
    let params: Params;
    if (id !== undefined) params = { id };
    else if (cid !== undefined) {
      const when = this.sentAt.get(req.orderid) ?? this.tracker.get(req.orderid)?.datetime ?? Date.now();
      params = { cid, cid_date: cidDate(when) };
    } else throw new RequestError(`order ${req.orderid} is not known to Bitfinex yet`);
    this.auth<Json>(PATHS.cancel, params, true).then(
      (reply) => this.applyWriteReply(reply, req.orderid, false),
      (error: unknown) => {
        this.writeLog(`cancel of ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(req.orderid, false);
      },
    );
  }

  /**
   * `[0, "ou", null, {id, price, amount}]` on the account link (docs: ws-auth-input-order-update): a new
   * price and/or remaining amount, signed by the order's side, for a working order. Answered by an `n`
   * "ou-req" (SUCCESS or ERROR with Bitfinex's text) and the order's `ou`.
   */
  override amendOrder(req: AmendRequest): void {
    const user = this.user;
    if (!user || !this.connected) throw new NotConnectedError(this.gatewayName);
    const order = this.tracker.get(req.orderid);
    if (!order) throw new RequestError(`unknown order ${req.orderid}`);
    if (!isActive(order)) throw new RequestError(`order ${req.orderid} is ${order.status}, not active`);
    const id = this.venueIds.get(req.orderid);
    if (id === undefined) throw new RequestError(`order ${req.orderid} has no Bitfinex id yet; try again`);
    if (req.price !== undefined && !isValidPrice(req.price)) {
      throw new RequestError(
        `price ${req.price} is off Bitfinex's tick: prices have at most 5 significant digits ` +
          `(tick ${tickAt(req.price)} at this price)`,
      );
    }
    const price = req.price ?? order.price;
    const volume = req.volume ?? order.volume;
    const left = Number((volume - order.traded).toFixed(8));
    if (!(left > 0))
      throw new RequestError(`volume ${volume} must be above the ${order.traded} already traded`);
    const update: Record<string, Json> = { id };
    if (req.price !== undefined) update.price = roundPrice(req.price);
    if (req.volume !== undefined) {
      const amount = formatToStep(left, AMOUNT_STEP);
      update.amount = order.direction === Direction.SHORT ? `-${amount}` : amount;
    }
    if (!user.client.send(JSON.stringify([0, 'ou', null, update]))) {
      throw new RequestError('the Bitfinex account link is down; nothing was sent');
    }
    this.amends.push({ orderid: req.orderid, price, volume });
  }

  override queryAccount(): void {
    this.queryWallets().catch((e: unknown) =>
      this.writeLog(`wallet query failed: ${errorMessage(e)}`, LogLevel.WARNING),
    );
  }

  override queryPosition(): void {
    this.queryPositionsNow().catch((e: unknown) =>
      this.writeLog(`position query failed: ${errorMessage(e)}`, LogLevel.WARNING),
    );
  }

  override async queryHistory(req: HistoryRequest): Promise<BarData[]> {
    if (!this.publicRest) throw new NotConnectedError(this.gatewayName);
    const key = `trade:${CANDLE_FRAMES[req.interval]}:${toVenueSymbol(req.symbol)}`;
    const end = req.end ?? Date.now();
    const bars: BarData[] = [];
    let start = req.start;
    while (start <= end) {
      const page = await this.get<Json>(PATHS.candles(key), { start, end, limit: CANDLE_PAGE, sort: 1 });
      if (!Array.isArray(page))
        throw new VntError(`Bitfinex answered a candle request with ${quoteValue(page)}`);
      const candles = page.filter((c): c is Json[] => {
        const problem = candleProblem(c);
        if (problem) this.writeLog(`ignored a candle from Bitfinex: ${problem}`, LogLevel.WARNING);
        return !problem;
      });
      bars.push(...barsFromCandles(candles, req.symbol, req.interval, this.gatewayName));
      if (page.length < CANDLE_PAGE || candles.length === 0) break;
      start = (candles[candles.length - 1]![0] as number) + 1;
    }
    return bars;
  }

  // ---- REST ----------------------------------------------------------------------------------------------

  private get<T>(path: string, params?: Params): Promise<T> {
    const rest = this.publicRest;
    if (!rest) return Promise.reject(new NotConnectedError(this.gatewayName));
    return this.sessions.run(() => rest.request<T>({ method: 'GET', path, ...(params ? { params } : {}) }));
  }

  /** An authenticated POST; a nonce refusal (request unread) is signed again with a new nonce and resent. */
  private async auth<T>(path: string, body: Params = {}, idempotent = true): Promise<T> {
    const rest = this.rest;
    if (!rest) throw new NotConnectedError(this.gatewayName);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sessions.run(() =>
          rest.request<T>({ method: 'POST', path, params: body, signed: true, idempotent }),
        );
      } catch (error) {
        if (error instanceof RestError && error.code === NONCE_ERROR_CODE && attempt < NONCE_RETRIES) {
          this.writeLog(`Bitfinex refused nonce ${this.nonces?.current}; signing again`, LogLevel.DEBUG);
          // Another process using the key is ahead: jump 1 s, then 4 s, then 16 s past the clock.
          this.nonces?.skipAhead(1_000_000 * 4 ** attempt);
          continue;
        }
        throw error;
      }
    }
  }

  // ---- pushes --------------------------------------------------------------------------------------------

  private onPrivate(f: ChannelFrame): void {
    const p = f.payload;
    switch (f.type) {
      case 'os':
        for (const o of this.orderList(p)) this.applyOrder(o);
        return;
      case 'on':
      case 'ou':
      case 'oc':
        if (this.usable(orderProblem(p), f.type)) this.applyOrder(p as Json[]);
        return;
      case 'te':
      case 'tu':
        if (this.usable(tradeProblem(p), f.type)) this.applyTrade(p as Json[]);
        return;
      case 'ws':
        if (!Array.isArray(p)) return void this.usable('wallet snapshot is not an array', f.type);
        for (const w of p) if (this.usable(walletProblem(w), f.type)) this.applyWallet(w as Json[]);
        return;
      case 'wu':
        if (this.usable(walletProblem(p), f.type)) this.applyWallet(p as Json[]);
        return;
      case 'ps':
        if (this.mode !== 'MARGIN') return;
        if (!Array.isArray(p)) return void this.usable('position snapshot is not an array', f.type);
        for (const x of p)
          if (this.usable(positionProblem(x), f.type))
            this.onPosition(positionFromArray(x as Json[], this.gatewayName));
        return;
      case 'pn':
      case 'pu':
      case 'pc':
        if (this.mode === 'MARGIN' && this.usable(positionProblem(p), f.type))
          this.onPosition(positionFromArray(p as Json[], this.gatewayName));
        return;
      case 'n':
        if (this.usable(notificationProblem(p), f.type)) this.applyNotification(p as Json[]);
        return;
      default:
        return;
    }
  }

  private usable(problem: string | undefined, type: string): boolean {
    if (problem) this.writeLog(`ignored a "${type}" message from Bitfinex: ${problem}`, LogLevel.WARNING);
    return !problem;
  }

  private orderList(p: unknown): Json[][] {
    if (!Array.isArray(p)) throw new VntError(`Bitfinex answered an order list with ${quoteValue(p)}`);
    return p.filter((o): o is Json[] => this.usable(orderProblem(o), 'order'));
  }

  private applyOrder(o: Json[]): OrderData {
    const order = orderFromArray(o, this.gatewayName);
    const id = o[ORDER.ID] as number;
    this.venueIds.set(order.orderid, id);
    this.orderidByVenueId.set(id, order.orderid);
    this.applyFigures(order);
    this.tracker.update(order);
    return order;
  }

  /**
   * A working priced order reported with another price or volume was updated (by amendOrder, or elsewhere).
   * While an update is pending only the figures it asked for are taken, and a row older than the one the
   * current figures came from (a REST answer written before the update) never undoes them.
   */
  private applyFigures(incoming: OrderData): void {
    const known = this.tracker.get(incoming.orderid);
    if (!known || !isActive(known) || !isActive(incoming) || known.type === OrderType.MARKET) return;
    if (!(incoming.price > 0) || !(incoming.volume > 0)) return;
    if (incoming.price === known.price && incoming.volume === known.volume) return;
    if (incoming.datetime < (this.figuresAt.get(incoming.orderid) ?? 0)) return;
    const pending = this.amends.filter((a) => a.orderid === incoming.orderid);
    if (pending.length && !pending.some((a) => a.price === incoming.price && a.volume === incoming.volume))
      return;
    this.figuresAt.set(incoming.orderid, incoming.datetime);
    this.tracker.amend(incoming.orderid, incoming.price, incoming.volume);
  }

  /** `n` "ou-req": the answer to the oldest pending update (or the one its order names). */
  private applyUpdateReply(n: Json[], failed: boolean, text: string, status: string): void {
    const info = n[NOTIFICATION.NOTIFY_INFO];
    const named = Array.isArray(info) && typeof info[ORDER.ID] === 'number' ? (info[ORDER.ID] as number) : 0;
    const byId = named ? this.orderidByVenueId.get(named) : undefined;
    let at = byId === undefined ? -1 : this.amends.findIndex((a) => a.orderid === byId);
    if (at < 0) at = 0;
    const pending = this.amends.splice(at, 1)[0];
    if (!failed) {
      if (pending && !orderProblem(info)) this.applyOrder(info as Json[]);
      return;
    }
    const orderid = pending?.orderid ?? byId;
    this.writeLog(`amend of ${orderid ?? 'an order'} refused: ${text} (${status})`, LogLevel.WARNING);
    const order = orderid === undefined ? undefined : this.tracker.get(orderid);
    // The order stays as it was: a refused update is not a rejected order.
    if (order && isActive(order)) this.tracker.update({ ...order, statusMsg: `amend refused: ${text}` });
  }

  private applyTrade(t: Json[]): void {
    const cid = t[TRADE.CID];
    const venueOrder = t[TRADE.ORDER_ID] as number;
    const orderid =
      typeof cid === 'number' && cid > 0
        ? String(cid)
        : (this.orderidByVenueId.get(venueOrder) ?? orderidOf(venueOrder, null));
    this.tracker.trade(tradeFromArray(t, orderid, this.gatewayName));
  }

  private readonly available = new Map<string, number>();

  private applyWallet(w: Json[]): void {
    const accountid = `${String(w[WALLET.TYPE])}:${String(w[WALLET.CURRENCY])}`;
    const account = accountFromWallet(w, this.gatewayName, this.available.get(accountid));
    if (typeof w[WALLET.BALANCE_AVAILABLE] === 'number') this.available.set(accountid, account.available);
    this.onAccount(account);
    if (this.mode !== 'EXCHANGE' || w[WALLET.TYPE] !== walletTypeFor('EXCHANGE')) return;
    for (const pair of this.pairsByBase.get(account.currency) ?? []) {
      this.onPosition(spotPosition(pair, account.balance, account.available, this.gatewayName));
    }
  }

  /** `n`: the outcome of a request, with Bitfinex's text; an order request's error rejects that order. */
  private applyNotification(n: Json[]): void {
    const type = String(n[NOTIFICATION.TYPE]);
    const status = String(n[NOTIFICATION.STATUS]);
    const text = String(n[NOTIFICATION.TEXT]);
    const failed = status === 'ERROR' || status === 'FAILURE';
    this.writeLog(`Bitfinex ${type}: ${status} ${text}`, failed ? LogLevel.WARNING : LogLevel.DEBUG);
    if (type === 'ou-req') return this.applyUpdateReply(n, failed, text, status);
    if (!failed || type !== 'on-req') return;
    const info = n[NOTIFICATION.NOTIFY_INFO];
    if (requestedOrderProblem(info)) return;
    const orderid = orderidOf(null, (info as Json[])[ORDER.CID] as number | null);
    // While its REST reply is on the way, that reply (which carries the error code) decides.
    if (this.submitting.has(orderid)) return;
    this.tracker.reject(orderid, `${text} (${status})`);
  }

  /** A submit or cancel reply: a notification whose order is the request's outcome. */
  private applyWriteReply(reply: Json, orderid: string, placing: boolean): void {
    const problem = notificationProblem(reply);
    if (problem) {
      this.writeLog(
        `order ${orderid}: unreadable reply (${problem}); asking Bitfinex for it`,
        LogLevel.WARNING,
      );
      void this.refreshOrder(orderid, placing);
      return;
    }
    const n = reply as Json[];
    const status = String(n[NOTIFICATION.STATUS]);
    const text = String(n[NOTIFICATION.TEXT]);
    if (status !== 'SUCCESS') {
      if (placing) this.tracker.reject(orderid, `${text} (${status})`);
      this.writeLog(`order ${orderid}: Bitfinex ${status}: ${text}`, LogLevel.WARNING);
      return;
    }
    const info = n[NOTIFICATION.NOTIFY_INFO];
    // Submit answers [[order]]; cancel answers [order].
    const order = Array.isArray(info) && Array.isArray(info[0]) ? info[0] : info;
    if (!orderProblem(order)) this.applyOrder(order as Json[]);
  }

  private orderFailed(orderid: string, error: unknown): void {
    if (error instanceof UnknownOutcomeError) {
      this.writeLog(`${error.message}; asking Bitfinex about order ${orderid}`, LogLevel.WARNING);
      void this.refreshOrder(orderid, true);
      return;
    }
    this.tracker.reject(orderid, errorMessage(error));
    this.writeLog(`order ${orderid} rejected: ${errorMessage(error)}`, LogLevel.WARNING);
  }

  /**
   * Looks an order up by its cid, among the open ones and then the recent history. When placement's outcome
   * was unknown, not finding it after a few tries means Bitfinex never received it.
   */
  private async refreshOrder(orderid: string, placing: boolean): Promise<void> {
    const since = (this.sentAt.get(orderid) ?? Date.now()) - 60_000;
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const found = await this.findOrder(orderid, since);
        if (found) {
          if (this.applyOrder(found).traded > 0) await this.pushTrades(since, new Set([orderid]));
          return;
        }
        if (placing && attempt >= 2) {
          this.tracker.reject(orderid, 'Bitfinex never received the order (not found by its cid)');
          return;
        }
        if (!placing) return;
      } catch (error) {
        this.writeLog(`looking up order ${orderid}: ${errorMessage(error)}`, LogLevel.WARNING);
      }
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
    this.writeLog(`could not learn the state of order ${orderid}; it stays as last known`, LogLevel.ERROR);
  }

  private async findOrder(orderid: string, since: number): Promise<Json[] | undefined> {
    const match = (list: Json[][]) =>
      list.find((o) => orderidOf(o[ORDER.ID] as number, o[ORDER.CID] as number | null) === orderid);
    const open = match(this.orderList(await this.auth<Json>(PATHS.orders)));
    if (open) return open;
    return match(this.orderList(await this.auth<Json>(PATHS.ordersHist, { start: since, limit: 2500 })));
  }

  /** Pushes own trades since `start` (of the given orders only, when given) that were not pushed yet. */
  private async pushTrades(start: number, orderids: ReadonlySet<string> | undefined): Promise<void> {
    const trades = await this.auth<Json>(PATHS.tradesHist, { start, limit: 2500, sort: 1 });
    if (!Array.isArray(trades))
      throw new VntError(`Bitfinex answered a trade list with ${quoteValue(trades)}`);
    for (const t of trades) {
      if (!this.usable(tradeProblem(t), 'trade')) continue;
      const row = t as Json[];
      const cid = row[TRADE.CID];
      const orderid =
        typeof cid === 'number' && cid > 0
          ? String(cid)
          : (this.orderidByVenueId.get(row[TRADE.ORDER_ID] as number) ??
            orderidOf(row[TRADE.ORDER_ID] as number, null));
      if (orderids && !orderids.has(orderid)) continue;
      this.applyTrade(row);
    }
  }

  /** After the account link reconnects: trades and orders missed while down, then balances. */
  private async reconcile(): Promise<void> {
    // Whether an update in flight landed is told by the open orders read below.
    this.amends.length = 0;
    const active = this.tracker.active();
    if (active.length) {
      const since = Math.min(...active.map((o) => this.sentAt.get(o.orderid) ?? o.datetime)) - 60_000;
      await this.pushTrades(since, new Set(active.map((o) => o.orderid)));
    }
    const open = this.orderList(await this.auth<Json>(PATHS.orders));
    const stillOpen = new Set<string>();
    for (const o of open) stillOpen.add(this.applyOrder(o).orderid);
    for (const o of active) {
      if (!stillOpen.has(o.orderid)) await this.refreshOrder(o.orderid, o.status === Status.SUBMITTING);
    }
    await this.queryWallets();
    await this.queryPositionsNow();
  }

  private async queryWallets(): Promise<void> {
    const wallets = await this.auth<Json>(PATHS.wallets);
    if (!Array.isArray(wallets))
      throw new VntError(`Bitfinex answered the wallet list with ${quoteValue(wallets)}`);
    for (const w of wallets) if (this.usable(walletProblem(w), 'wallet')) this.applyWallet(w as Json[]);
  }

  private async queryPositionsNow(): Promise<void> {
    if (this.mode !== 'MARGIN') return;
    const positions = await this.auth<Json>(PATHS.positions);
    if (!Array.isArray(positions))
      throw new VntError(`Bitfinex answered the position list with ${quoteValue(positions)}`);
    for (const p of positions)
      if (this.usable(positionProblem(p), 'position'))
        this.onPosition(positionFromArray(p as Json[], this.gatewayName));
  }

  /** Pushes a tick; when the price crosses a power of ten the contract's tick (5 significant digits) moves. */
  private emitTick(tick: TickData): void {
    const c = this.contracts.get(tick.symbol);
    const reference = tick.lastPrice || tick.bidPrice1;
    if (c && reference > 0) {
      const step = tickAt(reference);
      if (step !== c.pricetick) {
        const moved = { ...c, pricetick: step };
        this.contracts.set(c.symbol, moved);
        this.onContract(moved);
      }
    }
    this.onTick(tick);
  }

  private linkStatus(link: string, up: boolean, reason: string): void {
    if (!this.connected) return;
    const down = this.links.report(link, up, reason);
    if (down === undefined) this.setStatus(GatewayStatus.CONNECTED);
    else this.setStatus(GatewayStatus.RECONNECTING, down);
  }
}

function utcMidnight(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
