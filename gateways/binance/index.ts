// BinanceGateway: spot or USD-M futures over REST (orders, queries) and WebSockets (market data, user data).
// The client order id is the vnt order id, unique across restarts, so an order whose REST reply was lost is
// found again by asking for that id, and orders are matched to stream events without a second map.
import { Direction, Exchange, GatewayStatus, LogLevel, Offset, OrderType } from '../../src/core/constant.js';
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
  isActive,
  orderFromRequest,
  type AmendRequest,
  type BarData,
  type CancelRequest,
  type ContractData,
  type HistoryRequest,
  type OrderData,
  type OrderRequest,
  type SubscribeRequest,
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
import type { WsClient } from '../common/ws-client.js';
import { MarketData } from './market-data.js';
import {
  EXCHANGE,
  KLINE_INTERVALS,
  accountsFromFutures,
  accountsFromPositionEvent,
  accountsFromSpot,
  barsFromKlines,
  feesFromRates,
  fromAccountUpdate,
  orderFromExecution,
  orderFromFutures,
  orderFromRest,
  orderTypeToVenue,
  parseContracts,
  positionsFromRisk,
  restClientId,
  sideFromDirection,
  tradeFromExecution,
  tradeFromFutures,
  tradeFromRest,
} from './parse.js';
import { restOrderProblem, restTradeProblem, userEventProblem } from './shape.js';
import { signedQuery } from './sign.js';
import { toVenueSymbol, toVntSymbol } from './symbols.js';
import type {
  ExchangeInfo,
  ExecutionReport,
  FuturesAccountUpdate,
  FuturesBalance,
  FuturesCommissionRate,
  FuturesOrderUpdate,
  FuturesPositionRisk,
  Kline,
  Market,
  OutboundAccountPosition,
  RestOrder,
  RestTrade,
  SpotAccount,
} from './types.js';
import { PATHS, endpointsFor, type Endpoints, type Paths, type Server } from './urls.js';
import { futuresUserStream, spotUserStream, type FuturesUserStream } from './user-data.js';

const RECV_WINDOW = 5000;
const KLINE_PAGE = 1000;

export class BinanceGateway extends BaseGateway {
  static override readonly defaultName = 'BINANCE';
  static override readonly defaultSetting: SettingSchema = {
    key: { type: 'string', default: '', label: 'API key' },
    secret: { type: 'secret', default: '', label: 'API secret' },
    server: { type: 'choice', choices: ['REAL', 'TESTNET'], default: 'REAL', label: 'Server' },
    market: {
      type: 'choice',
      choices: ['SPOT', 'USDM'],
      default: 'SPOT',
      label: 'Market',
      help: 'SPOT, or USDM for USD-M perpetual futures',
    },
    proxyHost: {
      type: 'string',
      default: '',
      label: 'Proxy host',
      help: 'HTTP proxy for REST and (by CONNECT) WebSockets; empty for none',
    },
    proxyPort: { type: 'integer', default: 0, min: 0, max: 65535, label: 'Proxy port' },
    restUrl: { type: 'string', default: '', label: 'REST URL', help: 'empty: the server and market default' },
    streamUrl: { type: 'string', default: '', label: 'Market stream URL', help: 'empty: the default' },
    bookStreamUrl: {
      type: 'string',
      default: '',
      label: 'Book stream URL (USD-M)',
      help: 'depth streams; empty: the default, or the market stream URL when that is set',
    },
    wsApiUrl: { type: 'string', default: '', label: 'WebSocket API URL (spot)', help: 'empty: the default' },
    userStreamUrl: {
      type: 'string',
      default: '',
      label: 'User stream URL (USD-M)',
      help: 'empty: the default; {listenKey} is replaced by the key, else /<listenKey> is appended',
    },
    listenKeyKeepAliveMs: {
      type: 'integer',
      default: 30 * 60_000,
      min: 100,
      max: 50 * 60_000,
      label: 'listenKey keep-alive (ms)',
      help: 'USD-M: how often the user stream key is extended (it lapses after 60 minutes)',
    },
  };
  static override readonly exchanges: readonly Exchange[] = [Exchange.BINANCE];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET, OrderType.FAK, OrderType.FOK, OrderType.POSTONLY],
    history: true,
    offsets: false,
  };

  private market: Market = 'SPOT';
  private paths: Paths = PATHS.SPOT;
  private rest: RestClient | undefined;
  private marketData: MarketData | undefined;
  private user: WsClient | undefined;
  private futuresStream: FuturesUserStream | undefined;
  private readonly contracts = new Map<string, ContractData>();
  /** Spot pairs by base asset, so a balance change can be shown as a position in each pair. */
  private readonly pairsByBase = new Map<string, string[]>();
  private readonly ids = new LocalOrderManager<string>(() => undefined, `vnt${Date.now().toString(36)}`, 6);
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  private readonly links = new LinkHealth();
  private connected = false;
  /**
   * USD-M: per client id, the venue time (updateTime / T) of the report whose price and quantity are shown, so
   * a report older than an amend (a late NEW push, a REST reply overtaken) cannot put the old ones back.
   */
  private readonly shapeAt = new Map<string, number>();
  /** The spot account's rates last put on the contracts (they apply to every pair). */
  private spotFees = '';
  /** USD-M contracts whose fees were asked for (GET /fapi/v1/commissionRate, once each). */
  private readonly feesAsked = new Set<string>();

  /** Latest rate-limit usage Binance reported (x-mbx-used-weight-1m and order counts), for the status line. */
  get rateLimitUsage(): ReadonlyMap<string, number> {
    return this.rest?.usage ?? new Map();
  }

  /** USD-M amends LIMIT orders in place (PUT /fapi/v1/order); spot has no such call, so it cancels and replaces. */
  override capabilitiesFor(_vtSymbol: string): GatewayCapabilities {
    const caps = BinanceGateway.capabilities;
    return this.market === 'SPOT' ? caps : { ...caps, amend: true };
  }

  override async connect(setting: GatewaySetting): Promise<void> {
    if (this.connected) throw new VntError(`${this.gatewayName} is already connected`);
    const key = String(setting.key ?? '');
    const secret = String(setting.secret ?? '');
    this.market = setting.market === 'USDM' ? 'USDM' : 'SPOT';
    this.paths = PATHS[this.market];
    // Contracts are listed afresh below, without fees.
    this.spotFees = '';
    this.feesAsked.clear();
    const endpoints = endpointsFor((setting.server as Server) ?? 'REAL', this.market, {
      rest: String(setting.restUrl ?? ''),
      stream: String(setting.streamUrl ?? ''),
      bookStream: String(setting.bookStreamUrl ?? ''),
      wsApi: String(setting.wsApiUrl ?? ''),
      userStream: String(setting.userStreamUrl ?? ''),
    });
    this.setStatus(GatewayStatus.CONNECTING);
    try {
      await this.open(endpoints, key, secret, setting);
      this.connected = true;
      this.setStatus(GatewayStatus.CONNECTED);
      this.writeLog(`connected to Binance ${this.market} at ${endpoints.rest}`);
      // Resolve only once what connect pushed has been dispatched (the event engine dispatches on setImmediate).
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      await this.release();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
  }

  private async open(
    endpoints: Endpoints,
    key: string,
    secret: string,
    setting: GatewaySetting,
  ): Promise<void> {
    if (!key || !secret) throw new VntError('an API key and secret are required');
    const proxyHost = String(setting.proxyHost ?? '');
    const proxy = proxyHost ? { host: proxyHost, port: Number(setting.proxyPort ?? 0) } : undefined;
    const rest = new RestClient({
      baseUrl: endpoints.rest,
      sign: (req, now) => {
        const params: Params = req.signed
          ? { ...req.params, recvWindow: RECV_WINDOW, timestamp: now }
          : { ...req.params };
        return {
          query: req.signed ? signedQuery(params, secret) : encodeParams(params),
          headers: { 'X-MBX-APIKEY': key },
        };
      },
      parseError: (_status, body) => {
        const b = body as { code?: unknown; msg?: unknown } | null;
        return b && typeof b.code === 'number' ? { code: b.code, msg: String(b.msg ?? '') } : undefined;
      },
      usageHeaders: ['x-mbx-used-weight', 'x-mbx-order-count'],
      ...(proxy ? { proxy } : {}),
    });
    this.rest = rest;
    const syncTime = () =>
      rest.syncTime(this.paths.time, (b) => Number((b as { serverTime?: unknown }).serverTime));
    await syncTime();
    const info = await rest.request<ExchangeInfo>({ method: 'GET', path: this.paths.exchangeInfo });
    for (const s of info.symbols) {
      if (this.market !== 'SPOT') continue;
      const list = this.pairsByBase.get(s.baseAsset) ?? [];
      list.push(s.symbol);
      this.pairsByBase.set(s.baseAsset, list);
    }
    for (const c of parseContracts(info, this.market, this.gatewayName)) {
      this.contracts.set(c.symbol, c);
      this.onContract(c);
    }

    // The private stream comes up before the snapshots, so nothing that happens in between is missed.
    const userOptions = {
      gatewayName: this.gatewayName,
      rest,
      apiKey: key,
      secret,
      ...(proxy ? { proxy } : {}),
      syncTime,
      onEvent: (e: { e?: string }) => this.onUserEvent(e),
      onReconnect: () => this.reconcile(),
      onStatus: (up: boolean, reason: string) => this.linkStatus('user', up, reason),
      log: (msg: string, level: LogLevel) => this.writeLog(msg, level),
    };
    if (this.market === 'SPOT') {
      this.user = spotUserStream(endpoints.wsApi, userOptions);
    } else {
      const dual = await rest.request<{ dualSidePosition: boolean }>({
        method: 'GET',
        path: '/fapi/v1/positionSide/dual',
        signed: true,
      });
      // Hedge mode needs positionSide on every order and per-side positions; vnt trades one-way only
      // rather than guess at a mapping nothing exercises.
      if (dual.dualSidePosition === true) {
        throw new VntError(
          'this Binance USD-M account is in hedge mode (dual-side positions), which vnt does not support; ' +
            'switch the position mode to one-way (Binance futures preferences) and connect again',
        );
      }
      this.futuresStream = futuresUserStream(endpoints.userStream, {
        ...userOptions,
        keepAliveMs: Number(setting.listenKeyKeepAliveMs ?? 30 * 60_000),
      });
      this.user = this.futuresStream.client;
    }
    await this.user.start();
    await this.queryAccountNow();
    await this.queryPositionNow();
    const open = await rest.request<RestOrder[]>({
      method: 'GET',
      path: this.paths.openOrders,
      signed: true,
    });
    for (const o of this.restOrders(open)) this.record(this.orderFromRest(o));

    this.marketData = new MarketData({
      gatewayName: this.gatewayName,
      url: endpoints.stream,
      bookUrl: endpoints.bookStream,
      rest,
      depthPath: this.paths.depth,
      ...(proxy ? { proxy } : {}),
      onTick: (t) => this.onTick(t),
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
    this.futuresStream?.stop();
    const closing = [this.marketData?.close(), this.user?.close()];
    this.marketData = undefined;
    this.user = undefined;
    this.futuresStream = undefined;
    await Promise.all(closing);
  }

  override subscribe(req: SubscribeRequest): void {
    if (!this.marketData) throw new NotConnectedError(this.gatewayName);
    if (!this.contracts.has(req.symbol)) throw new RequestError(`unknown Binance symbol ${req.symbol}`);
    this.marketData.subscribe(this.venueSymbol(req.symbol), req.symbol);
    if (this.market === 'USDM') this.queryFuturesFees(req.symbol);
  }

  /** The fees of a USD-M contract in use: one signed request per contract and connection. */
  private queryFuturesFees(symbol: string): void {
    const rest = this.rest;
    if (!rest || this.feesAsked.has(symbol)) return;
    this.feesAsked.add(symbol);
    rest
      .request<FuturesCommissionRate>({
        method: 'GET',
        path: '/fapi/v1/commissionRate',
        params: { symbol: this.venueSymbol(symbol) },
        signed: true,
      })
      .then(
        (r) => this.setFees([symbol], feesFromRates(r.makerCommissionRate, r.takerCommissionRate)),
        (e: unknown) => {
          this.feesAsked.delete(symbol);
          this.writeLog(`fees of ${symbol} not known: ${errorMessage(e)}`, LogLevel.WARNING);
        },
      );
  }

  private setFees(symbols: Iterable<string>, commission: ContractData['commission']): void {
    if (!commission) return;
    for (const symbol of symbols) {
      const c = this.contracts.get(symbol);
      if (!c) continue;
      const next = { ...c, commission };
      this.contracts.set(symbol, next);
      this.onContract(next);
    }
  }

  override sendOrder(req: OrderRequest): string {
    const rest = this.rest;
    if (!rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const contract = this.contracts.get(req.symbol);
    if (!contract) throw new RequestError(`unknown Binance symbol ${req.symbol}`);
    const venueType = orderTypeToVenue(req.type, this.market);
    if (!venueType) throw new RequestError(`Binance ${this.market} does not take ${req.type} orders`);
    const orderid = this.ids.newLocalOrderid();
    const params: Params = {
      symbol: this.venueSymbol(req.symbol),
      side: sideFromDirection(req.direction),
      type: venueType.type,
      timeInForce: venueType.timeInForce,
      quantity: formatToStep(req.volume, contract.volumeStep),
      price: req.type === OrderType.MARKET ? undefined : formatToStep(req.price, contract.pricetick),
      newClientOrderId: orderid,
    };
    if (this.market === 'SPOT') params.newOrderRespType = 'RESULT';
    else if (req.reduceOnly || req.offset === Offset.CLOSE) {
      params.reduceOnly = 'true';
    }
    const order = orderFromRequest(req, orderid, this.gatewayName);
    this.tracker.add(order);
    rest
      .request<RestOrder>({ method: 'POST', path: this.paths.order, params, signed: true, idempotent: false })
      .then(
        (reply) => this.applyReply(reply, req.symbol, orderid, true),
        (error: unknown) => this.orderFailed(orderid, req.symbol, error),
      );
    return order.vtOrderid;
  }

  override cancelOrder(req: CancelRequest): void {
    const rest = this.rest;
    if (!rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    rest
      .request<RestOrder>({
        method: 'DELETE',
        path: this.paths.order,
        params: { symbol: this.venueSymbol(req.symbol), origClientOrderId: req.orderid },
        signed: true,
        idempotent: true,
      })
      .then(
        (reply) => this.applyReply(reply, req.symbol, req.orderid, false),
        (error: unknown) => {
          this.writeLog(`cancel of ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
          void this.refreshOrder(req.symbol, req.orderid);
        },
      );
  }

  /**
   * USD-M Modify Order: PUT /fapi/v1/order with the side and both quantity and price (the unchanged one as it
   * stands), LIMIT orders only. The reply is the order; the push that follows has execution type AMENDMENT.
   */
  override amendOrder(req: AmendRequest): void {
    const rest = this.rest;
    if (!rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    if (this.market === 'SPOT') throw new RequestError('Binance spot cannot amend an order in place');
    const contract = this.contracts.get(req.symbol);
    if (!contract) throw new RequestError(`unknown Binance symbol ${req.symbol}`);
    const known = this.tracker.get(req.orderid);
    if (!known) throw new RequestError(`no Binance order ${req.orderid}`);
    if (known.type !== OrderType.LIMIT && known.type !== OrderType.POSTONLY) {
      throw new RequestError(`Binance modifies LIMIT orders only, not ${known.type}`);
    }
    const params: Params = {
      symbol: this.venueSymbol(req.symbol),
      origClientOrderId: req.orderid,
      side: sideFromDirection(known.direction),
      quantity: formatToStep(req.volume ?? known.volume, contract.volumeStep),
      price: formatToStep(req.price ?? known.price, contract.pricetick),
    };
    // Sent once: a retried amend could land after a later one and undo it.
    rest
      .request<RestOrder>({ method: 'PUT', path: this.paths.order, params, signed: true, idempotent: false })
      .then(
        (reply) => {
          try {
            this.record(this.orderFromRest(reply), true);
          } catch (error) {
            this.writeLog(
              `amend of ${req.orderid}: ${errorMessage(error)}; asking Binance`,
              LogLevel.WARNING,
            );
            void this.refreshOrder(req.symbol, req.orderid);
          }
        },
        (error: unknown) => {
          this.writeLog(`amend of ${req.orderid} refused: ${errorMessage(error)}`, LogLevel.WARNING);
          void this.refreshOrder(req.symbol, req.orderid);
        },
      );
  }

  /**
   * An order as Binance reports it. On USD-M a working limit order whose price or quantity differs from what
   * is shown was amended, unless the report is older than the one shown (equal times: only an amend's own
   * reply or AMENDMENT push counts, so a NEW push of the same millisecond cannot undo it).
   */
  private record(incoming: OrderData, amendReport = false): void {
    if (this.market !== 'SPOT') {
      const known = this.tracker.get(incoming.orderid);
      const last = this.shapeAt.get(incoming.orderid);
      const newer =
        last === undefined || incoming.datetime > last || (amendReport && incoming.datetime === last);
      const limit = known?.type === OrderType.LIMIT || known?.type === OrderType.POSTONLY;
      if (newer) {
        this.shapeAt.set(incoming.orderid, incoming.datetime);
        if (known && limit && isActive(known) && isActive(incoming) && incoming.price > 0) {
          this.tracker.amend(incoming.orderid, incoming.price, incoming.volume);
        }
      }
      if (!isActive(incoming)) this.shapeAt.delete(incoming.orderid);
    }
    this.tracker.update(incoming);
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
    const rest = this.rest;
    if (!rest) throw new NotConnectedError(this.gatewayName);
    const interval = KLINE_INTERVALS[req.interval];
    const end = req.end ?? rest.now();
    const bars: BarData[] = [];
    let start = req.start;
    while (start <= end) {
      const page = await rest.request<Kline[]>({
        method: 'GET',
        path: this.paths.klines,
        params: {
          symbol: this.venueSymbol(req.symbol),
          interval,
          startTime: start,
          endTime: end,
          limit: KLINE_PAGE,
        },
      });
      bars.push(...barsFromKlines(page, req.symbol, req.interval, this.gatewayName));
      if (page.length < KLINE_PAGE) break;
      start = page[page.length - 1]![0] + 1;
    }
    return bars;
  }

  // ---- private data ----------------------------------------------------------------------------------------

  private onUserEvent(e: { e?: string }): void {
    const problem = userEventProblem(e);
    if (problem) {
      this.writeLog(`ignored a ${String(e.e)} event from Binance: ${problem}`, LogLevel.WARNING);
      return;
    }
    switch (e.e) {
      case 'executionReport': {
        const ev = { ...(e as ExecutionReport) };
        ev.s = this.vntSymbol(ev.s);
        const trade = tradeFromExecution(ev, this.gatewayName);
        if (trade) this.tracker.trade(trade);
        this.tracker.update(orderFromExecution(ev, this.gatewayName));
        break;
      }
      case 'outboundAccountPosition': {
        const ev = e as OutboundAccountPosition;
        for (const a of accountsFromPositionEvent(ev.B, this.gatewayName)) this.onAccount(a);
        for (const b of ev.B) this.spotPosition(b.a, +b.f + +b.l, +b.l);
        break;
      }
      case 'ORDER_TRADE_UPDATE': {
        const raw = e as FuturesOrderUpdate;
        const ev: FuturesOrderUpdate = { ...raw, o: { ...raw.o, s: this.vntSymbol(raw.o.s) } };
        const trade = tradeFromFutures(ev, this.gatewayName);
        if (trade) this.tracker.trade(trade);
        this.record(orderFromFutures(ev, this.gatewayName), ev.o.x === 'AMENDMENT');
        break;
      }
      case 'ACCOUNT_UPDATE': {
        const raw = e as FuturesAccountUpdate;
        const ev: FuturesAccountUpdate = {
          ...raw,
          a: { ...raw.a, P: raw.a.P.map((p) => ({ ...p, s: this.vntSymbol(p.s) })) },
        };
        const { accounts, positions } = fromAccountUpdate(ev, this.gatewayName);
        for (const a of accounts) this.onAccount(a);
        for (const p of positions) this.onPosition(p);
        break;
      }
      default:
        break;
    }
  }

  private spotPosition(asset: string, total: number, locked: number): void {
    for (const symbol of this.pairsByBase.get(asset) ?? []) {
      if (!this.contracts.has(symbol)) continue;
      this.onPosition(
        createPosition({
          gatewayName: this.gatewayName,
          symbol,
          exchange: EXCHANGE,
          direction: Direction.NET,
          volume: total,
          frozen: locked,
        }),
      );
    }
  }

  private async queryAccountNow(): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    if (this.market === 'SPOT') {
      const account = await rest.request<SpotAccount>({
        method: 'GET',
        path: '/api/v3/account',
        signed: true,
      });
      const rates = account.commissionRates;
      const fees = rates && feesFromRates(rates.maker, rates.taker);
      if (fees && JSON.stringify(fees) !== this.spotFees) {
        this.spotFees = JSON.stringify(fees);
        this.setFees(this.contracts.keys(), fees);
      }
      const held = account.balances.filter((b) => +b.free + +b.locked > 0);
      for (const a of accountsFromSpot(held, this.gatewayName)) this.onAccount(a);
      for (const b of held) this.spotPosition(b.asset, +b.free + +b.locked, +b.locked);
    } else {
      const balances = await rest.request<FuturesBalance[]>({
        method: 'GET',
        path: '/fapi/v2/balance',
        signed: true,
      });
      for (const a of accountsFromFutures(balances, this.gatewayName)) this.onAccount(a);
    }
  }

  private async queryPositionNow(): Promise<void> {
    const rest = this.rest;
    if (!rest || this.market === 'SPOT') return;
    const risks = await rest.request<FuturesPositionRisk[]>({
      method: 'GET',
      path: '/fapi/v2/positionRisk',
      signed: true,
    });
    const mapped = risks.map((r) => ({ ...r, symbol: this.vntSymbol(r.symbol) }));
    for (const p of positionsFromRisk(mapped, this.gatewayName)) this.onPosition(p);
  }

  /** A REST order request failed: refused (REJECTED with the venue's reason) or unknown (ask the venue). */
  private orderFailed(orderid: string, symbol: string, error: unknown): void {
    if (error instanceof UnknownOutcomeError) {
      this.writeLog(`${error.message}; asking Binance about order ${orderid}`, LogLevel.WARNING);
      void this.refreshOrder(symbol, orderid, true);
      return;
    }
    this.tracker.reject(orderid, errorMessage(error));
    this.writeLog(`order ${orderid} rejected: ${errorMessage(error)}`, LogLevel.WARNING);
  }

  /**
   * Asks the venue for one order by client id. When placement's outcome was unknown, "no such order" after a
   * few tries means it never arrived.
   */
  private async refreshOrder(symbol: string, orderid: string, placing = false): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const o = await rest.request<RestOrder>({
          method: 'GET',
          path: this.paths.order,
          params: { symbol: this.venueSymbol(symbol), origClientOrderId: orderid },
          signed: true,
        });
        this.record(this.orderFromRest(o));
        if (+o.executedQty > 0) await this.fetchTrades(symbol, new Set([orderid]));
        return;
      } catch (error) {
        if (error instanceof RestError && error.code === -2013) {
          if (placing && attempt >= 2) {
            this.tracker.reject(orderid, `Binance never received the order (${error.message})`);
            return;
          }
          if (!placing) return;
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
    this.writeLog(`could not learn the state of order ${orderid}; it stays as last known`, LogLevel.ERROR);
  }

  /** Pushes the trades of the given orders that were not pushed yet (after a reconnect or an unknown reply). */
  private async fetchTrades(symbol: string, orderids: ReadonlySet<string>): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const trades = await rest.request<RestTrade[]>({
      method: 'GET',
      path: this.paths.trades,
      params: { symbol: this.venueSymbol(symbol), limit: 1000 },
      signed: true,
    });
    // myTrades carries the venue order id only; the order query below maps it back to the client id.
    const byVenueId = new Map<number, string>();
    for (const orderid of orderids) {
      const o = await rest.request<RestOrder>({
        method: 'GET',
        path: this.paths.order,
        params: { symbol: this.venueSymbol(symbol), origClientOrderId: orderid },
        signed: true,
      });
      const problem = restOrderProblem(o);
      if (problem) throw new VntError(`Binance answered the query for order ${orderid} with ${problem}`);
      byVenueId.set(o.orderId, orderid);
    }
    if (!Array.isArray(trades))
      throw new VntError(`Binance answered a trade list with ${quoteValue(trades)}`);
    for (const t of trades) {
      const problem = restTradeProblem(t);
      if (problem) {
        this.writeLog(`ignored a trade in a Binance reply: ${problem}`, LogLevel.WARNING);
        continue;
      }
      const orderid = byVenueId.get(t.orderId);
      if (orderid) this.tracker.trade(tradeFromRest({ ...t, symbol }, orderid, this.gatewayName));
    }
  }

  /**
   * After the private stream reconnects: bring every order we consider active, its trades, balances and
   * positions up to date. Each step runs and reports on its own, so one failing request (a 5xx, a reply
   * that is not a list) does not leave the trades, balances or positions stale too.
   */
  private async reconcile(): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const active = this.tracker.active();
    const failed: string[] = [];
    const step = async (name: string, run: () => Promise<void>): Promise<void> => {
      try {
        await run();
      } catch (error) {
        failed.push(name);
        this.writeLog(`reconcile after reconnect: ${name} failed: ${errorMessage(error)}`, LogLevel.WARNING);
      }
    };
    // The open orders are asked for before the trades, as the trades step may take a while.
    let open: RestOrder[] | undefined;
    await step('open orders', async () => {
      open = this.restOrders(
        await rest.request<RestOrder[]>({ method: 'GET', path: this.paths.openOrders, signed: true }),
      );
    });
    const bySymbol = new Map<string, Set<string>>();
    for (const o of active) {
      const set = bySymbol.get(o.symbol) ?? new Set<string>();
      set.add(o.orderid);
      bySymbol.set(o.symbol, set);
    }
    // Trades first, so the order's final status follows its fills.
    for (const [symbol, ids] of bySymbol)
      await step(`trades of ${symbol}`, () => this.fetchTrades(symbol, ids));
    await step('orders', async () => {
      const listed = open ?? [];
      for (const o of listed) this.record(this.orderFromRest(o));
      // Without the open-orders list every active order is asked for by its id.
      const stillOpen = new Set(listed.map(restClientId));
      for (const o of active) {
        if (!stillOpen.has(o.orderid))
          await this.refreshOrder(o.symbol, o.orderid, o.status === 'SUBMITTING');
      }
    });
    await step('balances', () => this.queryAccountNow());
    await step('positions', () => this.queryPositionNow());
    this.writeLog(
      failed.length === 0
        ? 'reconciled orders, trades, balances and positions after reconnect'
        : `reconciled after reconnect, except: ${failed.join(', ')}`,
      failed.length === 0 ? LogLevel.INFO : LogLevel.WARNING,
    );
  }

  private vntSymbol(venueSymbol: string): string {
    return toVntSymbol(venueSymbol, this.market);
  }

  private venueSymbol(vntSymbol: string): string {
    return toVenueSymbol(vntSymbol, this.market);
  }

  /** An order from a REST reply; throws (naming the field) when the reply is not an order. */
  private orderFromRest(o: RestOrder): OrderData {
    const problem = restOrderProblem(o);
    if (problem) throw new VntError(`Binance answered with something that is not an order: ${problem}`);
    return orderFromRest({ ...o, symbol: this.vntSymbol(o.symbol) }, this.gatewayName);
  }

  /** The orders of a REST list reply that can be used; the others are named in a warning. */
  private restOrders(list: RestOrder[]): RestOrder[] {
    if (!Array.isArray(list)) throw new VntError(`Binance answered an order list with ${quoteValue(list)}`);
    return list.filter((o) => {
      const problem = restOrderProblem(o);
      if (problem) this.writeLog(`ignored an order in a Binance reply: ${problem}`, LogLevel.WARNING);
      return !problem;
    });
  }

  /**
   * A place or cancel reply that cannot be read says nothing sure about the order (the request did reach
   * Binance): it is asked for instead.
   */
  private applyReply(reply: RestOrder, symbol: string, orderid: string, placing: boolean): void {
    try {
      this.record(this.orderFromRest(reply));
    } catch (error) {
      this.writeLog(`order ${orderid}: ${errorMessage(error)}; asking Binance for it`, LogLevel.WARNING);
      void this.refreshOrder(symbol, orderid, placing);
    }
  }

  private linkStatus(link: string, up: boolean, reason: string): void {
    if (!this.connected) return;
    const down = this.links.report(link, up, reason);
    if (down === undefined) this.setStatus(GatewayStatus.CONNECTED);
    else this.setStatus(GatewayStatus.RECONNECTING, down);
  }
}
