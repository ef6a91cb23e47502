// HUOBI: HTX spot. REST (Signature Version 2) for symbols, the account id, balances, orders, cancels and
// reconciliation; the v2 private WebSocket for orders#* (creation, trade, cancellation events) and
// accounts.update#1; the gzip market WebSocket for depth.step0 snapshots and the 24 h ticker.
// The client-order-id is the vnt order id, unique across restarts: an order whose reply was lost is found
// again by asking for that id (getClientOrder), and it is never sent twice.
import { Direction, GatewayStatus, LogLevel, OrderType, Status } from '../../src/core/constant.js';
import {
  NotConnectedError,
  RequestError,
  VntError,
  errorMessage,
  quoteValue,
} from '../../src/core/errors.js';
import { BaseGateway } from '../../src/core/gateway.js';
import { LocalOrderManager } from '../../src/core/local-order.js';
import {
  createPosition,
  orderFromRequest,
  type BarData,
  type CancelRequest,
  type ContractData,
  type HistoryRequest,
  type OrderRequest,
  type SubscribeRequest,
} from '../../src/core/object.js';
import type { GatewaySetting } from '../../src/core/setting-schema.js';
import { formatToStep } from '../common/decimal.js';
import { LinkHealth } from '../common/links.js';
import { OrderTracker } from '../common/order-tracker.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { NotSentError, UnknownOutcomeError, type Params } from '../common/rest-client.js';
import type { WsClient } from '../common/ws-client.js';
import { HtxError, HtxRest } from './client.js';
import {
  EXCHANGE,
  PERIODS,
  accountsFromBalance,
  barsFromKlines,
  contractFromSymbol,
  orderFromUpdate,
  orderFromWire,
  orderidOf,
  spotTypeFor,
  tradeFromMatch,
  tradeFromUpdate,
} from './parse.js';
import {
  ACCOUNT_UPDATE_SPEC,
  KLINE_SPEC,
  MATCH_SPEC,
  ORDER_SPEC,
  SYMBOL_SPEC,
  balanceProblem,
  orderUpdateProblem,
} from './shape.js';
import { shapeProblem } from '../common/shape.js';
import type {
  AccountUpdate,
  Kline,
  MatchResult,
  OrderUpdate,
  SpotAccount,
  SpotBalance,
  SpotOrder,
  SpotSymbol,
  V2Message,
} from './types.js';
import { SPOT_PATHS, spotEndpoints } from './urls.js';
import { MarketTicks } from './market-data.js';
import { marketLink, privateLink } from './ws.js';

/** getClientOrder for an id HTX does not know. */
export const NO_SUCH_ORDER = 'base-record-invalid';
const KLINE_MAX = 2000;

export class HuobiSpotGateway extends BaseGateway {
  private rest: HtxRest | undefined;
  private market: WsClient | undefined;
  private privateWs: WsClient | undefined;
  private accountId = 0;
  private readonly contracts = new Map<string, ContractData>();
  private readonly pairsByBase = new Map<string, string[]>();
  private readonly balances = new Map<string, { balance: number; available: number }>();
  private readonly ticks = new MarketTicks(
    this.gatewayName,
    (t) => this.onTick(t),
    (msg, level) => this.writeLog(msg, level),
  );
  /** HTX order id → our order id, for match results that name only the order id. */
  private readonly byVenueId = new Map<number, string>();
  private ids: LocalOrderManager<string> | undefined;
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  private readonly links = new LinkHealth();
  private connected = false;

  get marketClient(): WsClient | undefined {
    return this.market;
  }

  get privateClient(): WsClient | undefined {
    return this.privateWs;
  }

  override async connect(setting: GatewaySetting): Promise<void> {
    if (this.connected) throw new VntError(`${this.gatewayName} is already connected`);
    const accessKey = String(setting.accessKey ?? '');
    const secret = String(setting.secretKey ?? '');
    const host = String(setting.host || 'api.huobi.pro');
    const endpoints = spotEndpoints(host, {
      rest: String(setting.restUrl ?? ''),
      market: String(setting.marketUrl ?? ''),
      private: String(setting.privateUrl ?? ''),
    });
    const silenceMs = Math.max(100, Number(setting.silenceMs ?? 30_000));
    this.setStatus(GatewayStatus.CONNECTING);
    try {
      if (!accessKey || !secret) throw new VntError('an Access Key and its Secret Key are required');
      const proxyHost = String(setting.proxyHost ?? '');
      const proxy = proxyHost ? { host: proxyHost, port: Number(setting.proxyPort ?? 0) } : undefined;
      await this.open(endpoints, accessKey, secret, silenceMs, proxy);
      this.connected = true;
      this.setStatus(GatewayStatus.CONNECTED);
      this.writeLog(`connected to HTX spot at ${endpoints.rest} (account ${this.accountId})`);
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      await this.release();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
  }

  private async open(
    endpoints: ReturnType<typeof spotEndpoints>,
    accessKey: string,
    secret: string,
    silenceMs: number,
    proxy: ProxyAddress | undefined,
  ): Promise<void> {
    const rest = new HtxRest({ baseUrl: endpoints.rest, accessKey, secret, ...(proxy ? { proxy } : {}) });
    this.rest = rest;
    await rest.syncTime(SPOT_PATHS.timestamp);
    this.loadSymbols(await rest.get<SpotSymbol[]>(SPOT_PATHS.symbols, {}, false));
    const accounts = await rest.get<SpotAccount[]>(SPOT_PATHS.accounts);
    const spot = Array.isArray(accounts) ? accounts.find((a) => a?.type === 'spot') : undefined;
    if (!spot || !Number.isSafeInteger(spot.id))
      throw new VntError(`HTX lists no spot account for this key (${quoteValue(accounts)})`);
    this.accountId = spot.id;
    // A fresh prefix per session keeps client-order-ids unique across restarts.
    this.ids = new LocalOrderManager<string>(() => undefined, `v${Date.now().toString(36)}`, 6);

    // The private link comes up before the snapshots, so nothing that happens in between is missed.
    const link = privateLink({
      name: `${this.gatewayName} private`,
      url: endpoints.private,
      silenceMs,
      ...(proxy ? { proxy } : {}),
      accessKey,
      secret,
      now: () => rest.now(),
      onPush: (m) => this.onPrivate(m),
      onReconnect: () => this.reconcile(),
      onStatus: (up, reason) => this.linkStatus('private', up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
    this.privateWs = link;
    link.subscribe(['orders#*', 'accounts.update#1']);
    await link.start();
    await this.queryAccountNow();
    const open = await this.openOrders();
    for (const o of open) this.applyWireOrder(o);
    for (const symbol of new Set(open.map((o) => o.symbol))) await this.fetchMatches(symbol);

    const market = marketLink({
      name: `${this.gatewayName} market`,
      url: endpoints.market,
      silenceMs,
      ...(proxy ? { proxy } : {}),
      onPush: (m) => this.ticks.handle(m),
      onStatus: (up, reason) => this.linkStatus('market', up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
    this.market = market;
    await market.start();
  }

  private loadSymbols(list: SpotSymbol[]): void {
    if (!Array.isArray(list)) throw new VntError(`HTX answered the symbols with ${quoteValue(list)}`);
    let skipped = 0;
    for (const s of list) {
      const problem = shapeProblem(s, SYMBOL_SPEC);
      if (problem) this.writeLog(`ignored a symbol in HTX's list: ${problem}`, LogLevel.WARNING);
      const c = problem ? undefined : contractFromSymbol(s, this.gatewayName);
      if (!c) {
        skipped += 1;
        continue;
      }
      this.contracts.set(c.symbol, c);
      const pairs = this.pairsByBase.get(s['base-currency']) ?? [];
      pairs.push(c.symbol);
      this.pairsByBase.set(s['base-currency'], pairs);
      this.onContract(c);
    }
    if (skipped)
      this.writeLog(`${skipped} HTX symbols not online or not usable were left out`, LogLevel.DEBUG);
  }

  override async close(): Promise<void> {
    this.connected = false;
    await this.release();
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  private async release(): Promise<void> {
    const closing = [this.market?.close(), this.privateWs?.close()];
    this.market = undefined;
    this.privateWs = undefined;
    await Promise.all(closing);
  }

  override subscribe(req: SubscribeRequest): void {
    if (!this.market) throw new NotConnectedError(this.gatewayName);
    const c = this.contracts.get(req.symbol);
    if (!c) throw new RequestError(`unknown ${this.gatewayName} symbol ${req.symbol}`);
    this.market.subscribe(this.ticks.topics(req.symbol, c.name));
  }

  override sendOrder(req: OrderRequest): string {
    const rest = this.rest;
    const ids = this.ids;
    if (!rest || !ids || !this.connected) throw new NotConnectedError(this.gatewayName);
    const contract = this.contracts.get(req.symbol);
    if (!contract) throw new RequestError(`unknown ${this.gatewayName} symbol ${req.symbol}`);
    const type = spotTypeFor(req.type, req.direction);
    if (!type) throw new RequestError(`HTX spot does not take ${req.type} orders`);
    if (type === 'buy-market')
      throw new RequestError(
        'HTX sizes a market buy in the quote currency; use a limit or IOC order to buy a base amount',
      );
    const orderid = ids.newLocalOrderid();
    const params: Params = {
      'account-id': String(this.accountId),
      symbol: req.symbol,
      type,
      amount: formatToStep(req.volume, contract.volumeStep),
      price: req.type === OrderType.MARKET ? undefined : formatToStep(req.price, contract.pricetick),
      source: 'spot-api',
      'client-order-id': orderid,
    };
    const order = orderFromRequest(req, orderid, this.gatewayName);
    this.tracker.add(order);
    rest.post<string>(SPOT_PATHS.place, params, false).then(
      (venueId) => {
        if (/^\d+$/.test(String(venueId))) this.byVenueId.set(Number(venueId), orderid);
        const current = this.tracker.get(orderid);
        if (current) this.tracker.update({ ...current, status: Status.NOTTRADED });
      },
      (error: unknown) => this.orderFailed(orderid, error),
    );
    return order.vtOrderid;
  }

  override cancelOrder(req: CancelRequest): void {
    const rest = this.rest;
    if (!rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const cancel = /^x\d+$/.test(req.orderid)
      ? rest.post<string>(SPOT_PATHS.cancel(req.orderid.slice(1)), {}, true)
      : rest.post<number>(SPOT_PATHS.cancelClient, { 'client-order-id': req.orderid }, true);
    cancel.then(
      () => undefined,
      (error: unknown) => {
        this.writeLog(`cancel of ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(req.orderid);
      },
    );
  }

  override queryAccount(): void {
    this.queryAccountNow().catch((e: unknown) =>
      this.writeLog(`account query failed: ${errorMessage(e)}`, LogLevel.WARNING),
    );
  }

  /** HTX serves the latest 2000 bars of a period and no older page over REST: the range is cut to those. */
  override async queryHistory(req: HistoryRequest): Promise<BarData[]> {
    const rest = this.rest;
    if (!rest) throw new NotConnectedError(this.gatewayName);
    if (!this.contracts.has(req.symbol))
      throw new RequestError(`unknown ${this.gatewayName} symbol ${req.symbol}`);
    const list = await rest.market<Kline[]>(SPOT_PATHS.kline, {
      symbol: req.symbol,
      period: PERIODS[req.interval],
      size: KLINE_MAX,
    });
    if (!Array.isArray(list)) throw new VntError(`HTX answered the klines with ${quoteValue(list)}`);
    const bad = list.map((k) => shapeProblem(k, KLINE_SPEC)).find((p) => p !== undefined);
    if (bad) throw new VntError(`HTX answered a kline with ${bad}`);
    const end = req.end ?? rest.now();
    return barsFromKlines(list, req.symbol, req.interval, this.gatewayName)
      .filter((b) => b.datetime >= req.start && b.datetime <= end)
      .sort((a, b) => a.datetime - b.datetime);
  }

  // ---- private data ----------------------------------------------------------------------------------------

  private onPrivate(msg: V2Message): void {
    const ch = msg.ch ?? '';
    if (ch.startsWith('orders#')) {
      const problem = orderUpdateProblem(msg.data);
      if (problem) {
        this.writeLog(`ignored an HTX order push: ${problem}`, LogLevel.WARNING);
        return;
      }
      this.applyUpdate(msg.data as OrderUpdate);
    } else if (ch.startsWith('accounts.update')) {
      const problem = shapeProblem(msg.data, ACCOUNT_UPDATE_SPEC);
      if (problem) {
        this.writeLog(`ignored an HTX account push: ${problem}`, LogLevel.WARNING);
        return;
      }
      this.applyAccountUpdate(msg.data as AccountUpdate);
    }
  }

  private applyUpdate(u: OrderUpdate): void {
    if (!this.contracts.has(u.symbol)) return;
    const orderid = orderidOf(u.clientOrderId, u.orderId);
    this.byVenueId.set(u.orderId, orderid);
    const trade = tradeFromUpdate(u, this.gatewayName);
    if (trade) this.tracker.trade(trade);
    this.tracker.update(orderFromUpdate(u, this.gatewayName, this.tracker.get(orderid)));
  }

  private applyWireOrder(o: SpotOrder): void {
    const order = orderFromWire(o, this.gatewayName);
    this.byVenueId.set(o.id, order.orderid);
    this.tracker.update(order);
  }

  private applyAccountUpdate(a: AccountUpdate): void {
    if (a.accountId !== this.accountId) return;
    const known = this.balances.get(a.currency) ?? { balance: 0, available: 0 };
    const next = {
      balance: a.balance !== undefined ? Number(a.balance) : known.balance,
      available: a.available !== undefined ? Number(a.available) : known.available,
    };
    if (!Number.isFinite(next.balance) || !Number.isFinite(next.available)) return;
    this.balances.set(a.currency, next);
    this.pushBalance(a.currency);
  }

  private pushBalance(ccy: string): void {
    const b = this.balances.get(ccy);
    if (!b) return;
    const [account] = accountsFromBalance(
      {
        id: this.accountId,
        type: 'spot',
        state: 'working',
        list: [
          { currency: ccy, type: 'trade', balance: String(b.available) },
          { currency: ccy, type: 'frozen', balance: String(Math.max(0, b.balance - b.available)) },
        ],
      },
      this.gatewayName,
    );
    if (account) this.onAccount(account);
    for (const symbol of this.pairsByBase.get(ccy) ?? []) {
      this.onPosition(
        createPosition({
          gatewayName: this.gatewayName,
          symbol,
          exchange: EXCHANGE,
          direction: Direction.NET,
          volume: b.balance,
          frozen: Math.max(0, b.balance - b.available),
        }),
      );
    }
  }

  private async queryAccountNow(): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const b = await rest.get<SpotBalance>(SPOT_PATHS.balance(this.accountId));
    const problem = balanceProblem(b);
    if (problem) throw new VntError(`HTX answered the balance with ${problem}`);
    const seen = new Set<string>();
    for (const item of b.list) {
      const known = seen.has(item.currency)
        ? (this.balances.get(item.currency) ?? { balance: 0, available: 0 })
        : { balance: 0, available: 0 };
      seen.add(item.currency);
      const v = Number(item.balance);
      if (item.type === 'trade') {
        known.available += v;
        known.balance += v;
      } else if (item.type === 'frozen') known.balance += v;
      this.balances.set(item.currency, known);
    }
    for (const ccy of seen) {
      const b2 = this.balances.get(ccy);
      if (b2 && (b2.balance !== 0 || ccy === 'usdt')) this.pushBalance(ccy);
    }
  }

  private async openOrders(): Promise<SpotOrder[]> {
    const rest = this.rest;
    if (!rest) return [];
    const list = await rest.get<SpotOrder[]>(SPOT_PATHS.openOrders, {
      'account-id': this.accountId,
      size: 500,
    });
    return this.wireOrders(list).filter((o) => this.contracts.has(o.symbol));
  }

  /** A place request failed: refused (REJECTED with HTX's err-code and err-msg) or unknown (ask HTX). */
  private orderFailed(orderid: string, error: unknown): void {
    if (error instanceof UnknownOutcomeError) {
      this.writeLog(`${error.message}; asking HTX about order ${orderid}`, LogLevel.WARNING);
      void this.refreshOrder(orderid, true);
      return;
    }
    const reason =
      error instanceof HtxError || error instanceof NotSentError ? error.message : errorMessage(error);
    this.tracker.reject(orderid, reason);
    this.writeLog(`order ${orderid} rejected: ${reason}`, LogLevel.WARNING);
  }

  /** Asks HTX for one order by client id; for a lost placement, "record invalid" a few times means never placed. */
  private async refreshOrder(orderid: string, placing = false): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const o = /^x\d+$/.test(orderid)
          ? await rest.get<SpotOrder>(SPOT_PATHS.order(orderid.slice(1)))
          : await rest.get<SpotOrder>(SPOT_PATHS.clientOrder, { clientOrderId: orderid });
        const [checked] = this.wireOrders([o]);
        if (!checked) throw new VntError(`HTX answered the query for ${orderid} without a usable order`);
        this.byVenueId.set(checked.id, orderid);
        if (Number(checked['field-amount'] ?? checked['filled-amount'] ?? 0) > 0)
          await this.fetchMatches(checked.symbol, checked.id);
        this.tracker.update(orderFromWire(checked, this.gatewayName));
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

  /** Pushes the fills not pushed yet: of one order, or of one symbol's last 48 hours (HTX's default window). */
  private async fetchMatches(symbol: string, orderId?: number): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const list =
      orderId !== undefined
        ? await rest.get<MatchResult[]>(SPOT_PATHS.orderMatches(orderId))
        : await rest.get<MatchResult[]>(SPOT_PATHS.matchResults, { symbol, size: 500 });
    if (!Array.isArray(list)) throw new VntError(`HTX answered the match results with ${quoteValue(list)}`);
    // Oldest first, so trades reach the bus in the order they happened.
    for (const m of [...list].sort((a, b) => Number(a?.['created-at']) - Number(b?.['created-at']))) {
      const problem = shapeProblem(m, MATCH_SPEC);
      if (problem) {
        this.writeLog(`ignored a match result in an HTX reply: ${problem}`, LogLevel.WARNING);
        continue;
      }
      if (!this.contracts.has(m.symbol)) continue;
      const orderid = this.byVenueId.get(m['order-id']) ?? orderidOf(m['client-order-id'], m['order-id']);
      this.tracker.trade(tradeFromMatch(m, this.gatewayName, orderid));
    }
  }

  /** After the private link reconnects: orders, then the fills of every symbol with an order, then balances. */
  private async reconcile(): Promise<void> {
    const active = this.tracker.active();
    const open = await this.openOrders();
    const stillOpen = new Set<string>();
    for (const o of open) {
      stillOpen.add(orderFromWire(o, this.gatewayName).orderid);
      this.applyWireOrder(o);
    }
    for (const o of active) {
      if (!stillOpen.has(o.orderid)) await this.refreshOrder(o.orderid, o.status === Status.SUBMITTING);
    }
    const symbols = new Set([...active.map((o) => o.symbol), ...open.map((o) => o.symbol)]);
    for (const symbol of symbols) await this.fetchMatches(symbol);
    await this.queryAccountNow();
  }

  private wireOrders(list: unknown): SpotOrder[] {
    if (!Array.isArray(list)) throw new VntError(`HTX answered an order list with ${quoteValue(list)}`);
    return list.filter((o): o is SpotOrder => {
      const problem = shapeProblem(o, ORDER_SPEC);
      if (problem) this.writeLog(`ignored an HTX order: ${problem}`, LogLevel.WARNING);
      return !problem;
    });
  }

  private linkStatus(link: string, up: boolean, reason: string): void {
    if (!this.connected) return;
    const down = this.links.report(link, up, reason);
    if (down === undefined) this.setStatus(GatewayStatus.CONNECTED);
    else this.setStatus(GatewayStatus.RECONNECTING, down);
  }
}
