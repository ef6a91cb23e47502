// HBDM: HTX derivatives — USDT-M swaps (isolated margin), coin-M swaps or coin-M futures (delivery contracts),
// chosen by the setting's product; the three APIs differ in paths (urls.ts), a few fields (parse.ts, shape.ts)
// and, for futures, in naming the coin (`symbol`) where swaps name the contract, so one class serves all.
// REST (Signature Version 2, the HTX client) for contracts, accounts, positions, orders, cancels and
// reconciliation; the gzip notification link for orders.*, matchOrders.*, accounts.* and positions.*; the
// gzip market link for depth.step0 and detail. Orders are in
// contracts with direction + offset (open/close) + lever_rate from the setting. The client_order_id is a
// number HBDM requires (1..2^63-1): a per-session second-stamp prefix keeps it unique across restarts, so
// an order whose reply was lost is found again by that id and never sent twice.
import {
  Direction,
  GatewayStatus,
  INTERVAL_MS,
  LogLevel,
  Offset,
  OrderType,
  Status,
} from '../../../src/core/constant.js';
import {
  NotConnectedError,
  RequestError,
  VntError,
  errorMessage,
  quoteValue,
} from '../../../src/core/errors.js';
import { BaseGateway } from '../../../src/core/gateway.js';
import { LocalOrderManager } from '../../../src/core/local-order.js';
import {
  createTick,
  type BarData,
  type HistoryRequest,
  orderFromRequest,
  type CancelRequest,
  type ContractData,
  type OrderData,
  type OrderRequest,
  type SubscribeRequest,
  type TickData,
} from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { formatToStep } from '../../common/decimal.js';
import { LinkHealth } from '../../common/links.js';
import { OrderTracker } from '../../common/order-tracker.js';
import type { ProxyAddress } from '../../common/proxy-agent.js';
import { NotSentError, UnknownOutcomeError, type Params } from '../../common/rest-client.js';
import { shapeProblem } from '../../common/shape.js';
import { copyTick } from '../../common/tick.js';
import type { WsClient } from '../../common/ws-client.js';
import { HtxError, HtxRest } from '../client.js';
import { KLINE_SPEC } from '../shape.js';
import type { MarketPush } from '../types.js';
import { marketLink } from '../ws.js';
import {
  EXCHANGE,
  accountFromSwap,
  aliasOf,
  barFromKline,
  contractFromSwap,
  klinePeriod,
  type SwapKline,
  flatPosition,
  orderFromSwap,
  orderFromTrigger,
  positionFromSwap,
  priceTypeFor,
  tradeFromMatch,
  tradeFromPush,
  triggerTypeFor,
  venueIdOf,
} from './parse.js';
import {
  ACCOUNT_SPECS,
  CONTRACT_SPEC,
  CROSS_ACCOUNT_SPEC,
  MATCH_SPEC,
  OPEN_INTEREST_SPEC,
  ORDER_SPEC,
  POSITION_SPEC,
  PUSH_TRADE_SPEC,
  TRIGGER_SPEC,
} from './shape.js';
import type {
  SwapAccount,
  SwapContract,
  SwapMatch,
  SwapOrder,
  SwapOrderPush,
  SwapPosition,
  SwapTrigger,
  NotifyMessage,
} from './types.js';
import {
  HBDM_PRODUCT_CHOICES,
  isDelivery,
  isFutures,
  isLinear,
  MARGIN_MODES,
  notifyTopics,
  productOf,
  swapEndpoints,
  swapPaths,
  type HbdmProduct,
  type MarginMode,
  type SwapEndpoints,
  type SwapPaths,
} from './urls.js';
import { limiterFor } from './limits.js';
import { applySwapMarket } from './market-data.js';
import { TriggerLinks } from './triggers.js';
import { notifyLink } from './ws.js';

/** swap_order_info / contract_order_info for an id HBDM does not know: 1061 "This order doesn't exist." (1071
 * is "Repeated cancellation"), from the error-code tables of HTX's swap and futures API pages. */
export const NO_SUCH_ORDER = '1061';

/** Bars per kline request: HTX's size range is [1,2000]. */
export const KLINE_MAX = 2000;

export class HbdmSwapGateway extends BaseGateway {
  private rest: HtxRest | undefined;
  private market: WsClient | undefined;
  private notify: WsClient | undefined;
  private leverRate = 5;
  private product: HbdmProduct = 'usdt-swap';
  private paths: SwapPaths = swapPaths('usdt-swap');
  private marginMode: MarginMode = 'isolated';
  private readonly contracts = new Map<string, ContractData>();
  /** Contract code → HTX's `symbol` (the coin: BTC), which the futures calls take instead of the code. */
  private readonly coins = new Map<string, string>();
  /** Futures aliases (BTC_CQ) → today's contract code, so a person may name the quarterly by its alias. */
  private readonly aliases = new Map<string, string>();
  private readonly ticks = new Map<string, TickData>();
  private readonly byVenueId = new Map<string, string>();
  private readonly positionsSeen = new Set<string>();
  private ids: LocalOrderManager<string> | undefined;
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  private readonly links = new LinkHealth();
  private readonly triggers = new TriggerLinks();
  /** Trigger placements whose reply is awaited: a push of a trigger not known yet may be one of them. */
  private placingTriggers = 0;
  private heldTriggers: SwapTrigger[] = [];
  private connected = false;
  private oiTimer: NodeJS.Timeout | undefined;
  private oiPolling = false;
  private oiFailing = false;

  get marketClient(): WsClient | undefined {
    return this.market;
  }

  get notifyClient(): WsClient | undefined {
    return this.notify;
  }

  override async connect(setting: GatewaySetting): Promise<void> {
    if (this.connected) throw new VntError(`${this.gatewayName} is already connected`);
    const accessKey = String(setting.accessKey ?? '');
    const secret = String(setting.secretKey ?? '');
    const host = String(setting.host || 'api.hbdm.com');
    const product = productOf(setting.product);
    if (!product) {
      const choices = Object.keys(HBDM_PRODUCT_CHOICES).join(', ');
      const reason = `product ${quoteValue(setting.product)} is not one of ${choices}`;
      this.setStatus(GatewayStatus.DISCONNECTED, reason);
      throw new VntError(reason);
    }
    // USDT-M futures have cross margin only; it is their default.
    const mode = String(
      setting.marginMode || (product === 'usdt-futures' ? 'cross' : 'isolated'),
    ) as MarginMode;
    const marginProblem = !MARGIN_MODES.includes(mode)
      ? `margin mode ${quoteValue(setting.marginMode)} is not one of ${MARGIN_MODES.join(', ')}`
      : mode === 'cross' && !isLinear(product)
        ? 'cross margin is for the USDT-M products only'
        : mode === 'isolated' && product === 'usdt-futures'
          ? 'USDT-M futures trade in cross margin only (HTX has no isolated futures): set Margin mode to cross'
          : undefined;
    if (marginProblem) {
      const reason = marginProblem;
      this.setStatus(GatewayStatus.DISCONNECTED, reason);
      throw new VntError(reason);
    }
    this.product = product;
    this.marginMode = mode;
    this.paths = swapPaths(product, mode);
    const endpoints = swapEndpoints(product, host, {
      rest: String(setting.restUrl ?? ''),
      market: String(setting.marketUrl ?? ''),
      notify: String(setting.notifyUrl ?? ''),
    });
    const silenceMs = Math.max(100, Number(setting.silenceMs ?? 30_000));
    const oiMs = Number(setting.openInterestMs ?? 10_000);
    this.leverRate = Math.trunc(Number(setting.leverRate ?? 5));
    this.setStatus(GatewayStatus.CONNECTING);
    try {
      if (!accessKey || !secret) throw new VntError('an Access Key and its Secret Key are required');
      if (!(this.leverRate >= 1 && this.leverRate <= 200))
        throw new VntError(`leverage ${quoteValue(setting.leverRate)} is not a whole number from 1 to 200`);
      const proxyHost = String(setting.proxyHost ?? '');
      const proxy = proxyHost ? { host: proxyHost, port: Number(setting.proxyPort ?? 0) } : undefined;
      await this.open(endpoints, accessKey, secret, silenceMs, proxy);
      this.connected = true;
      // 0 turns the poll off; anything else is at least 1 s (the call is per IP, 240 per 3 s).
      if (oiMs > 0) {
        this.oiTimer = setInterval(() => void this.pollOpenInterest(), Math.max(1000, oiMs));
        this.oiTimer.unref();
      }
      this.setStatus(GatewayStatus.CONNECTED);
      const choice = Object.entries(HBDM_PRODUCT_CHOICES).find(([, p]) => p === product)![0];
      const what = isDelivery(product)
        ? `${choice}${mode === 'cross' ? ' (cross margin)' : ''}`
        : `${choice}s${mode === 'cross' ? ' (cross margin)' : ''}`;
      this.writeLog(`connected to HTX ${what} at ${endpoints.rest} (leverage ${this.leverRate}x)`);
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      await this.release();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
  }

  private async open(
    endpoints: SwapEndpoints,
    accessKey: string,
    secret: string,
    silenceMs: number,
    proxy: ProxyAddress | undefined,
  ): Promise<void> {
    const rest = new HtxRest({
      baseUrl: endpoints.rest,
      accessKey,
      secret,
      ...(proxy ? { proxy } : {}),
      meter: limiterFor(accessKey, this.product, endpoints.rest),
    });
    this.rest = rest;
    await rest.syncTime(this.paths.timestamp, 'ts');
    // The USDT-M contract list holds swaps unless business_type asks for the futures.
    const listing = this.product === 'usdt-futures' ? { business_type: 'futures' } : {};
    this.loadContracts(await rest.get<SwapContract[]>(this.paths.contractInfo, listing, false));
    // Seconds since the epoch (10 digits) + a 6-digit counter: a number below 2^53, unique across restarts.
    this.ids = new LocalOrderManager<string>(() => undefined, String(Math.floor(Date.now() / 1000)), 6);

    const link = notifyLink({
      name: `${this.gatewayName} notification`,
      url: endpoints.notify,
      silenceMs,
      ...(proxy ? { proxy } : {}),
      accessKey,
      secret,
      now: () => rest.now(),
      onPush: (m) => this.onNotify(m),
      onReconnect: () => this.reconcile(),
      onStatus: (up, reason) => this.linkStatus('notification', up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
    this.notify = link;
    link.subscribe(notifyTopics(this.marginMode));
    await link.start();
    await this.queryAccountsNow();
    await this.queryPositionsNow();
    const open = await this.openOrders();
    for (const o of open) this.applyOrder(o);
    for (const code of new Set(open.map((o) => o.contract_code))) await this.fetchMatches(code);
    for (const t of await this.triggerOpenOrders()) this.applyTrigger(t);

    const market = marketLink({
      name: `${this.gatewayName} market`,
      url: endpoints.market,
      silenceMs,
      ...(proxy ? { proxy } : {}),
      onPush: (m) => this.onMarket(m),
      onStatus: (up, reason) => this.linkStatus('market', up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
    this.market = market;
    await market.start();
  }

  private loadContracts(list: SwapContract[]): void {
    if (!Array.isArray(list)) throw new VntError(`HTX answered the contracts with ${quoteValue(list)}`);
    for (const c of list) {
      const problem = shapeProblem(c, CONTRACT_SPEC);
      if (problem) {
        this.writeLog(`ignored a contract in HTX's list: ${problem}`, LogLevel.WARNING);
        continue;
      }
      const contract = contractFromSwap(c, this.gatewayName, this.product);
      if (!contract) continue;
      this.contracts.set(contract.symbol, contract);
      this.coins.set(contract.symbol, c.symbol);
      const alias = aliasOf(c);
      if (alias) this.aliases.set(alias, contract.symbol);
      this.onContract(contract);
    }
  }

  override async close(): Promise<void> {
    this.connected = false;
    await this.release();
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  private async release(): Promise<void> {
    clearInterval(this.oiTimer);
    this.oiTimer = undefined;
    this.triggers.clear();
    const closing = [this.market?.close(), this.notify?.close()];
    this.market = undefined;
    this.notify = undefined;
    await Promise.all(closing);
  }

  /** The contract a request names: its code, or (futures) an alias such as BTC_CQ. */
  private contractOf(symbol: string): ContractData {
    const c = this.contracts.get(symbol) ?? this.contracts.get(this.aliases.get(symbol.toUpperCase()) ?? '');
    if (!c) throw new RequestError(`unknown ${this.gatewayName} symbol ${symbol}`);
    return c;
  }

  /** Futures calls name the coin (`symbol`, required by contract_cancel and contract_order_info). */
  private scope(code: string): Params {
    return isFutures(this.product) ? { symbol: this.coins.get(code) ?? code.replace(/\d+$/, '') } : {};
  }

  override subscribe(req: SubscribeRequest): void {
    if (!this.market) throw new NotConnectedError(this.gatewayName);
    const c = this.contractOf(req.symbol);
    const code = c.symbol;
    if (!this.ticks.has(code))
      this.ticks.set(
        code,
        createTick({
          gatewayName: this.gatewayName,
          symbol: code,
          exchange: EXCHANGE,
          datetime: 0,
          name: c.name,
        }),
      );
    // Futures topics take the contract code as well as the alias (HTX's market depth section).
    this.market.subscribe([`market.${code}.depth.step0`, `market.${code}.detail`]);
  }

  override sendOrder(req: OrderRequest): string {
    const rest = this.rest;
    const ids = this.ids;
    if (!rest || !ids || !this.connected) throw new NotConnectedError(this.gatewayName);
    const contract = this.contractOf(req.symbol);
    if (req.offset === Offset.NONE)
      throw new RequestError('HBDM orders need an offset: OPEN a position or CLOSE one');
    if (req.type === OrderType.STOP) return this.sendTrigger(req, contract, rest, ids.newLocalOrderid());
    const priceType = priceTypeFor(req.type);
    if (!priceType) throw new RequestError(`HBDM does not take ${req.type} orders`);
    const orderid = ids.newLocalOrderid();
    const params: Params = {
      contract_code: contract.symbol,
      client_order_id: Number(orderid),
      price: priceType === 'opponent' ? undefined : Number(formatToStep(req.price, contract.pricetick)),
      volume: req.volume,
      direction: req.direction === Direction.SHORT ? 'sell' : 'buy',
      offset: req.offset === Offset.OPEN ? 'open' : 'close',
      lever_rate: this.leverRate,
      order_price_type: priceType,
    };
    const order = orderFromRequest({ ...req, symbol: contract.symbol }, orderid, this.gatewayName);
    this.tracker.add(order);
    rest.post<{ order_id_str?: unknown }>(this.paths.order, params, false).then(
      (data) => {
        const venueId = data?.order_id_str;
        if (typeof venueId === 'string') this.byVenueId.set(venueId, orderid);
        const current = this.tracker.get(orderid);
        if (current) this.tracker.update({ ...current, status: Status.NOTTRADED });
      },
      (error: unknown) => this.orderFailed(orderid, error),
    );
    return order.vtOrderid;
  }

  /**
   * A STOP order: a trigger order (`*_trigger_order`) that places an optimal_5 order (HTX's best five levels,
   * its market-like type for triggers) when the last price reaches the trigger price — at or above for a
   * buy (ge), at or below for a sell (le). The vnt order waits NOTTRADED; the created order's fills are its.
   */
  private sendTrigger(req: OrderRequest, contract: ContractData, rest: HtxRest, orderid: string): string {
    if (typeof req.price !== 'number' || !Number.isFinite(req.price) || req.price <= 0)
      throw new RequestError(`a stop order needs a trigger price above 0, got ${String(req.price)}`);
    const params: Params = {
      contract_code: contract.symbol,
      ...this.scope(contract.symbol),
      trigger_type: triggerTypeFor(req.direction),
      trigger_price: Number(formatToStep(req.price, contract.pricetick)),
      order_price_type: 'optimal_5',
      volume: req.volume,
      direction: req.direction === Direction.SHORT ? 'sell' : 'buy',
      offset: req.offset === Offset.OPEN ? 'open' : 'close',
      lever_rate: this.leverRate,
    };
    const order = orderFromRequest({ ...req, symbol: contract.symbol }, orderid, this.gatewayName);
    this.tracker.add(order);
    this.placingTriggers += 1;
    const settled = () => {
      this.placingTriggers -= 1;
      if (this.placingTriggers > 0) return;
      for (const t of this.heldTriggers.splice(0)) this.applyTrigger(t);
    };
    rest.post<{ order_id_str?: unknown }>(this.paths.triggerOrder, params, false).then(
      (data) => {
        const triggerId = data?.order_id_str;
        if (typeof triggerId === 'string' && /^\d+$/.test(triggerId)) this.triggers.bind(orderid, triggerId);
        else this.writeLog(`HTX placed trigger ${orderid} without naming its id`, LogLevel.WARNING);
        const current = this.tracker.get(orderid);
        if (current) this.tracker.update({ ...current, status: Status.NOTTRADED });
        settled();
      },
      (error: unknown) => {
        if (error instanceof UnknownOutcomeError) void this.findLostTrigger(order, error).finally(settled);
        else {
          this.orderFailed(orderid, error);
          settled();
        }
      },
    );
    return order.vtOrderid;
  }

  /**
   * A trigger whose place reply was lost has no client id to ask by: an open trigger of the same contract,
   * side, offset, volume and trigger price that no vnt order holds is taken for it; none means never placed.
   */
  private async findLostTrigger(order: OrderData, error: Error): Promise<void> {
    this.writeLog(
      `${error.message}; looking for trigger ${order.orderid} among HTX's open triggers`,
      LogLevel.WARNING,
    );
    try {
      const open = await this.triggerOpenOrders([order.symbol]);
      const side = order.direction === Direction.SHORT ? 'sell' : 'buy';
      const found = open.find(
        (t) =>
          !this.triggers.has(venueIdOf(t)) &&
          t.contract_code === order.symbol &&
          t.direction === side &&
          (t.offset === 'open') === (order.offset === Offset.OPEN) &&
          t.volume === order.volume &&
          t.trigger_price === order.price,
      );
      if (!found) {
        this.tracker.reject(order.orderid, `HTX lists no such trigger order (${error.message})`);
        return;
      }
      this.triggers.bind(order.orderid, venueIdOf(found));
      this.applyTrigger(found);
    } catch (e) {
      this.writeLog(
        `could not learn the state of trigger ${order.orderid} (${errorMessage(e)}); it stays as last known`,
        LogLevel.ERROR,
      );
    }
  }

  override cancelOrder(req: CancelRequest): void {
    const rest = this.rest;
    if (!rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const scope = { contract_code: req.symbol, ...this.scope(req.symbol) };
    const triggerId = this.triggers.triggerIdOf(req.orderid);
    const created = this.triggers.created(req.orderid);
    // A fired trigger's order is cancelled as the order it created; a waiting one by the trigger cancel.
    if (triggerId && !created) {
      this.postCancel(this.paths.triggerCancel, { order_id: triggerId, ...scope }, req, () =>
        this.reconcileTriggers([req.orderid]),
      );
      return;
    }
    const params: Params = {
      ...(created
        ? { order_id: created }
        : /^x\d+$/.test(req.orderid)
          ? { order_id: req.orderid.slice(1) }
          : { client_order_id: req.orderid }),
      ...scope,
    };
    this.postCancel(this.paths.cancel, params, req, () => this.refreshOrder(req.orderid, req.symbol));
  }

  /** A cancel call; an entry in the reply's `errors`, or a failure, is logged and the order re-read. */
  private postCancel(path: string, params: Params, req: CancelRequest, reread: () => Promise<void>): void {
    this.rest!.post<{ errors?: Array<{ err_code?: unknown; err_msg?: unknown }> }>(path, params, true).then(
      (data) => {
        const e = Array.isArray(data?.errors) ? data.errors[0] : undefined;
        if (e) {
          this.writeLog(
            `cancel of ${req.orderid} refused: ${String(e.err_msg)} (${String(e.err_code)})`,
            LogLevel.WARNING,
          );
          void reread();
        }
      },
      (error: unknown) => {
        this.writeLog(`cancel of ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
        void reread();
      },
    );
  }

  /**
   * Bars from the product's kline path, paged by from/to windows of at most KLINE_MAX bars (HTX's limit per
   * request; with from/to given, size is left out, as HTX ignores from/to when size is sent).
   */
  override async queryHistory(req: HistoryRequest): Promise<BarData[]> {
    const rest = this.rest;
    if (!rest) throw new NotConnectedError(this.gatewayName);
    const contract = this.contractOf(req.symbol);
    const period = klinePeriod(req.interval, this.product);
    if (!period)
      throw new RequestError('HTX coin-M futures klines have no weekly period (1min to 1day, and 1mon)');
    const step = INTERVAL_MS[req.interval];
    const end = req.end ?? rest.now();
    const key = isFutures(this.product) ? 'symbol' : 'contract_code';
    const bars = new Map<number, BarData>();
    for (let from = Math.floor(req.start / step) * step; from <= end; from += KLINE_MAX * step) {
      const to = Math.min(end, from + (KLINE_MAX - 1) * step);
      const list = await rest.market<unknown>(this.paths.kline, {
        [key]: contract.symbol,
        period,
        from: Math.floor(from / 1000),
        to: Math.floor(to / 1000),
      });
      if (!Array.isArray(list)) throw new VntError(`HTX answered the klines with ${quoteValue(list)}`);
      for (const k of list) {
        const problem = shapeProblem(k, KLINE_SPEC);
        if (problem) throw new VntError(`HTX answered a kline with ${problem}`);
        const bar = barFromKline(k as SwapKline, contract, req.interval, this.gatewayName);
        if (bar.datetime >= req.start && bar.datetime <= end) bars.set(bar.datetime, bar);
      }
    }
    return [...bars.values()].sort((a, b) => a.datetime - b.datetime);
  }

  override queryAccount(): void {
    this.queryAccountsNow().catch((e: unknown) =>
      this.writeLog(`account query failed: ${errorMessage(e)}`, LogLevel.WARNING),
    );
  }

  override queryPosition(): void {
    this.queryPositionsNow().catch((e: unknown) =>
      this.writeLog(`position query failed: ${errorMessage(e)}`, LogLevel.WARNING),
    );
  }

  // ---- market data -------------------------------------------------------------------------------------------

  private onMarket(m: MarketPush<unknown>): void {
    const symbol = m.ch.split('.')[1] ?? '';
    const tick = this.ticks.get(symbol);
    if (!tick) return;
    const applied = applySwapMarket(tick, m, this.contracts.get(symbol)?.size ?? 0);
    if (!applied) return;
    if (!applied.ok) {
      this.writeLog(`ignored an HBDM ${applied.problem} (${symbol})`, LogLevel.WARNING);
      return;
    }
    if (tick.bidPrice1 > 0 || tick.lastPrice > 0) this.onTick(copyTick(tick));
  }

  /**
   * Open interest for the subscribed contracts: HBDM's market links carry none, so one public call lists it
   * for all the product's contracts (USDT-M futures by business_type) and each changed figure is pushed
   * with the contract's tick. A failing poll is logged once until it answers again.
   */
  private async pollOpenInterest(): Promise<void> {
    const rest = this.rest;
    if (!rest || this.oiPolling || this.ticks.size === 0) return;
    this.oiPolling = true;
    try {
      const params = this.product === 'usdt-futures' ? { business_type: 'futures' } : {};
      const list = await rest.market<unknown>(this.paths.openInterest, params);
      if (this.oiFailing) this.writeLog('HBDM open interest answers again');
      this.oiFailing = false;
      for (const item of this.checked<{ contract_code: string; volume: number }>(
        list,
        OPEN_INTEREST_SPEC,
        'open interest reply',
      )) {
        const tick = this.ticks.get(item.contract_code);
        if (!tick || tick.openInterest === item.volume) continue;
        tick.openInterest = item.volume;
        if (tick.bidPrice1 > 0 || tick.lastPrice > 0) {
          tick.localtime = Date.now();
          this.onTick(copyTick(tick));
        }
      }
    } catch (error) {
      if (!this.oiFailing)
        this.writeLog(`HBDM open interest query failed: ${errorMessage(error)}`, LogLevel.WARNING);
      this.oiFailing = true;
    } finally {
      this.oiPolling = false;
    }
  }

  // ---- private data ------------------------------------------------------------------------------------------

  private onNotify(msg: NotifyMessage): void {
    // orders.btc-usdt, or orders_cross.btc-usdt under cross margin.
    const topic = (msg.topic ?? '').toLowerCase().replace(/^([a-z_]+?)_cross\./, '$1.');
    // matchOrders.* carries the same order and trade[] fields as orders.*, usually earlier (HTX's "Subscribe
    // Match Order Data"); both go through the tracker, which books each trade id once.
    if (topic.startsWith('orders.') || topic.startsWith('matchorders.')) {
      const problem = shapeProblem(msg, ORDER_SPEC);
      const trades = Array.isArray(msg.trade) ? (msg.trade as unknown[]) : [];
      const tradeProblem = trades.map((t) => shapeProblem(t, PUSH_TRADE_SPEC)).find((p) => p);
      if (problem || tradeProblem) {
        this.writeLog(`ignored an HBDM order push: ${problem ?? tradeProblem}`, LogLevel.WARNING);
        return;
      }
      const o = msg as unknown as SwapOrderPush;
      if (!this.contracts.has(o.contract_code)) return;
      // HTX: "If there is a status with 9 or 10, pls ignore it" (match pushes of orders still being placed).
      const status: number = o.status;
      if (status === 9 || status === 10) return;
      this.applyOrderPush(o);
    } else if (topic.startsWith('trigger_order.')) {
      for (const t of this.checked<SwapTrigger>(msg.data, TRIGGER_SPEC, 'trigger order push'))
        this.applyTrigger(t);
    } else if (topic.startsWith('accounts.')) {
      for (const a of this.checked<SwapAccount>(msg.data, this.accountSpec(), 'account push'))
        this.onAccount(accountFromSwap(a, this.gatewayName));
    } else if (topic.startsWith('positions.')) {
      for (const p of this.checked<SwapPosition>(msg.data, POSITION_SPEC, 'position push'))
        this.pushPosition(p);
    }
  }

  /**
   * An orders / matchOrders push. An order a trigger created (no client id, order_source "trigger") not yet
   * linked to its trigger is held until the trigger push names it (TriggerLinks), then booked as the trigger's.
   */
  private applyOrderPush(o: SwapOrderPush, giveUp = false): void {
    const venueId = venueIdOf(o);
    let orderid = this.orderidOf(o);
    if (orderid === undefined) {
      if (o.order_source === 'trigger' && !giveUp) {
        this.triggers.park(venueId, o, (held) => {
          this.writeLog(`order ${venueId} of a trigger was never linked to it; booked as x${venueId}`);
          for (const p of held) this.applyOrderPush(p, true);
        });
        return;
      }
      orderid = `x${venueId}`;
    }
    this.byVenueId.set(venueId, orderid);
    for (const t of o.trade ?? []) this.tracker.trade(tradeFromPush(o, t, this.gatewayName, orderid));
    this.tracker.update(orderFromSwap(o, this.gatewayName, orderid));
  }

  /** The vnt order of an HBDM order: our client id, the trigger that created it, else undefined. */
  private orderidOf(o: SwapOrder): string | undefined {
    return o.client_order_id ? String(o.client_order_id) : this.byVenueId.get(venueIdOf(o));
  }

  /** A trigger's state; once fired, its created order is linked and any push of it held is booked. */
  private applyTrigger(t: SwapTrigger): void {
    if (!this.contracts.has(t.contract_code)) return;
    // HTX may push a new trigger before answering its placement: wait for the answers to tell ours apart.
    if (!this.triggers.has(venueIdOf(t)) && this.placingTriggers > 0) {
      this.heldTriggers.push(t);
      return;
    }
    const orderid = this.triggers.orderidOf(venueIdOf(t));
    this.tracker.update(orderFromTrigger(t, this.gatewayName, orderid));
    const created = t.relation_order_id;
    if (t.status !== 4 || !created || !/^\d+$/.test(created) || this.triggers.created(orderid)) return;
    this.triggers.fired(orderid, created);
    this.byVenueId.set(created, orderid);
    for (const p of this.triggers.unpark(created)) this.applyOrderPush(p);
  }

  private pushPosition(p: SwapPosition): void {
    if (!this.contracts.has(p.contract_code)) return;
    const pos = positionFromSwap(p, this.gatewayName);
    this.positionsSeen.add(`${pos.symbol}|${pos.direction}`);
    this.onPosition(pos);
  }

  private checked<T>(list: unknown, spec: Parameters<typeof shapeProblem>[1], what: string): T[] {
    if (!Array.isArray(list)) {
      this.writeLog(`ignored an HBDM ${what}: data is ${quoteValue(list)}, not a list`, LogLevel.WARNING);
      return [];
    }
    return list.filter((x): x is T => {
      const problem = shapeProblem(x, spec);
      if (problem) this.writeLog(`ignored an item of an HBDM ${what}: ${problem}`, LogLevel.WARNING);
      return !problem;
    });
  }

  private accountSpec(): Parameters<typeof shapeProblem>[1] {
    return this.marginMode === 'cross' ? CROSS_ACCOUNT_SPEC : ACCOUNT_SPECS[this.product];
  }

  private applyOrder(o: SwapOrder): void {
    const orderid = this.orderidOf(o) ?? `x${venueIdOf(o)}`;
    this.byVenueId.set(venueIdOf(o), orderid);
    this.tracker.update(orderFromSwap(o, this.gatewayName, orderid));
  }

  private async queryAccountsNow(): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const list = await rest.post<unknown>(this.paths.accountInfo, {}, true);
    for (const a of this.checked<SwapAccount>(list, this.accountSpec(), 'account reply'))
      this.onAccount(accountFromSwap(a, this.gatewayName));
  }

  /** Every listed position; a side seen before and no longer listed is pushed flat. */
  private async queryPositionsNow(): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const list = await rest.post<unknown>(this.paths.positionInfo, {}, true);
    const before = new Set(this.positionsSeen);
    this.positionsSeen.clear();
    for (const p of this.checked<SwapPosition>(list, POSITION_SPEC, 'position reply')) this.pushPosition(p);
    for (const key of before) {
      if (this.positionsSeen.has(key)) continue;
      const [symbol, direction] = key.split('|') as [string, Direction];
      this.onPosition(flatPosition(symbol, direction, this.gatewayName));
    }
  }

  private openOrders(): Promise<SwapOrder[]> {
    return this.pagedOrders<SwapOrder>(this.paths.openOrders, {}, ORDER_SPEC, 'open order');
  }

  /** Open trigger orders, of the given contracts (default: all the product's). */
  private triggerOpenOrders(codes?: string[]): Promise<SwapTrigger[]> {
    return this.pagedOrders<SwapTrigger>(
      this.paths.triggerOpenOrders,
      {},
      TRIGGER_SPEC,
      'open trigger',
      codes,
    );
  }

  /** Swaps are asked per contract; futures per coin (their order lists take only `symbol`). Paged by 50. */
  private async pagedOrders<T>(
    path: string,
    extra: Params,
    spec: Parameters<typeof shapeProblem>[1],
    what: string,
    codes: string[] = [...this.contracts.keys()],
  ): Promise<T[]> {
    const rest = this.rest;
    if (!rest) return [];
    const out: T[] = [];
    const scopes: Params[] = isFutures(this.product)
      ? [...new Set(codes.map((c) => this.coins.get(c) ?? c))].map((symbol) => ({ symbol }))
      : codes.map((code) => ({ contract_code: code }));
    for (const scope of scopes) {
      for (let page = 1; page < 100; page++) {
        const data = await rest.post<{ orders?: unknown; total_page?: unknown }>(
          path,
          { ...scope, ...extra, page_index: page, page_size: 50 },
          true,
        );
        out.push(...this.checked<T>(data?.orders, spec, what));
        if (!(Number(data?.total_page) > page)) break;
      }
    }
    return out;
  }

  /**
   * Triggers of these vnt orders that are no longer open (fired, failed or cancelled while nobody listened,
   * or a cancel refused): their end from the trigger history (last day), and a fired one's created order.
   */
  private async reconcileTriggers(orderids: string[]): Promise<void> {
    const waiting = orderids
      .filter((id) => this.triggers.waiting(id))
      .map((id) => this.tracker.get(id))
      .filter((o): o is OrderData => o !== undefined);
    if (waiting.length === 0) return;
    const codes = [...new Set(waiting.map((o) => o.symbol))];
    const open = new Set(
      (await this.triggerOpenOrders(codes)).map((t) => this.triggers.orderidOf(venueIdOf(t))),
    );
    const gone = waiting.filter((o) => !open.has(o.orderid));
    if (gone.length === 0) return;
    const history = await this.pagedOrders<SwapTrigger>(
      this.paths.triggerHisOrders,
      { trade_type: 0, status: '0', create_date: 1 },
      TRIGGER_SPEC,
      'trigger history item',
      [...new Set(gone.map((o) => o.symbol))],
    );
    const goneIds = new Set(gone.map((o) => o.orderid));
    for (const t of history) {
      const id = venueIdOf(t);
      if (!this.triggers.has(id) || !goneIds.has(this.triggers.orderidOf(id))) continue;
      const orderid = this.triggers.orderidOf(id);
      this.applyTrigger(t);
      if (this.triggers.created(orderid)) await this.refreshOrder(orderid, t.contract_code);
    }
  }

  private orderFailed(orderid: string, error: unknown): void {
    if (error instanceof UnknownOutcomeError) {
      this.writeLog(`${error.message}; asking HTX about order ${orderid}`, LogLevel.WARNING);
      void this.refreshOrder(orderid, this.tracker.get(orderid)?.symbol ?? '', true);
      return;
    }
    const reason =
      error instanceof HtxError || error instanceof NotSentError ? error.message : errorMessage(error);
    this.tracker.reject(orderid, reason);
    this.writeLog(`order ${orderid} rejected: ${reason}`, LogLevel.WARNING);
  }

  /** Asks HBDM for one order; for a lost placement, "does not exist" a few times means never placed. */
  private async refreshOrder(orderid: string, symbol: string, placing = false): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const created = this.triggers.created(orderid);
    const params: Params = {
      ...(created
        ? { order_id: created }
        : /^x\d+$/.test(orderid)
          ? { order_id: orderid.slice(1) }
          : { client_order_id: orderid }),
      contract_code: symbol,
      ...this.scope(symbol),
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const list = await rest.post<unknown>(this.paths.orderInfo, params, true);
        const [o] = this.checked<SwapOrder>(list, ORDER_SPEC, 'order reply');
        if (!o) throw new HtxError(NO_SUCH_ORDER, 'The order does not exist');
        this.byVenueId.set(venueIdOf(o), orderid);
        if (o.trade_volume > 0) await this.fetchMatches(o.contract_code);
        this.tracker.update(orderFromSwap(o, this.gatewayName, orderid));
        return;
      } catch (error) {
        if (error instanceof HtxError && error.venueCode === NO_SUCH_ORDER) {
          if (placing && attempt >= 2) {
            this.tracker.reject(orderid, `HTX never received the order (${error.message})`);
            return;
          }
          if (!placing) return;
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
    this.writeLog(`could not learn the state of order ${orderid}; it stays as last known`, LogLevel.ERROR);
  }

  /** Pushes the fills of one contract (last day) not pushed yet, oldest first. */
  private async fetchMatches(code: string): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const data = await rest.post<{ trades?: unknown }>(
      this.paths.matchResults,
      { contract_code: code, ...this.scope(code), trade_type: 0, create_date: 1, page_size: 50 },
      true,
    );
    const list = this.checked<SwapMatch>(data?.trades, MATCH_SPEC, 'match result');
    for (const m of list.sort((a, b) => a.create_date - b.create_date)) {
      if (!this.contracts.has(m.contract_code)) continue;
      const venueId = venueIdOf(m);
      const orderid = this.byVenueId.get(venueId) ?? `x${venueId}`;
      this.tracker.trade(tradeFromMatch(m, this.gatewayName, orderid));
    }
  }

  /** After the notification link reconnects: orders, their fills, then positions and accounts. */
  private async reconcile(): Promise<void> {
    const active = this.tracker.active();
    // Triggers first: one that fired while down links its created order before the open orders list it.
    for (const t of await this.triggerOpenOrders()) this.applyTrigger(t);
    await this.reconcileTriggers(active.map((o) => o.orderid));
    const open = await this.openOrders();
    const stillOpen = new Set<string>();
    for (const o of open) {
      stillOpen.add(this.orderidOf(o) ?? `x${venueIdOf(o)}`);
      this.applyOrder(o);
    }
    // A trigger not fired is the trigger calls' (a STOP still being placed, its place reply's); the rest,
    // a fired trigger's order too, are asked by order-info.
    for (const o of active)
      if (!stillOpen.has(o.orderid) && !(o.type === OrderType.STOP && !this.triggers.created(o.orderid)))
        await this.refreshOrder(o.orderid, o.symbol, o.status === Status.SUBMITTING);
    const codes = new Set([...active.map((o) => o.symbol), ...open.map((o) => o.contract_code)]);
    for (const code of codes) await this.fetchMatches(code);
    await this.queryPositionsNow();
    await this.queryAccountsNow();
  }

  private linkStatus(link: string, up: boolean, reason: string): void {
    if (!this.connected) return;
    const down = this.links.report(link, up, reason);
    if (down === undefined) this.setStatus(GatewayStatus.CONNECTED);
    else this.setStatus(GatewayStatus.RECONNECTING, down);
  }
}
