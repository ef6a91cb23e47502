// OnetokenGateway: one account at one venue through 1Token's aggregator (REST for orders and queries, a tick
// stream and a private account stream). 1Token's public trading API appears to be no longer offered (its
// documentation was last changed in 2020); this gateway speaks the last documented API, so that a user who
// still has access can trade, and is proven against `vnt sim onetoken`.
//
// The client_oid is `<contract>-<vnt order id>`: an order whose REST reply was lost is found again by asking for
// that client_oid, and every push maps back to its vnt order without a second table.
import {
  Direction,
  Exchange,
  GatewayStatus,
  LogLevel,
  Offset,
  OrderType,
  Product,
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
  orderFromRequest,
  type CancelRequest,
  type ContractData,
  type OrderRequest,
  type SubscribeRequest,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { formatToStep } from '../common/decimal.js';
import { LinkHealth } from '../common/links.js';
import { OrderTracker } from '../common/order-tracker.js';
import { RestClient, RestError, UnknownOutcomeError, encodeParams } from '../common/rest-client.js';
import { accountStream, type AccountStream } from './account-stream.js';
import { MarketData } from './market-data.js';
import {
  accountsFromInfo,
  clientOidFor,
  contractFromVenue,
  orderFromVenue,
  orderidOf,
  positionsFromInfo,
  tickFromVenue,
  tradeFromVenue,
} from './parse.js';
import { contractProblem, infoProblem, orderProblem, transactionProblem } from './shape.js';
import { authHeaders, processNonces } from './sign.js';
import { EXCHANGE_CHOICES, fromContractId, isOtExchange, toContractId } from './symbols.js';
import type { OtContract, OtExchange, OtInfo, OtOrder, OtPlaceReply, OtTransaction } from './types.js';
import { endpointsFor, tradePath, type Front } from './urls.js';

export class OnetokenGateway extends BaseGateway {
  static override readonly defaultName = 'ONETOKEN';
  static override readonly defaultSetting: SettingSchema = {
    key: { type: 'string', default: '', label: 'OT Key' },
    secret: { type: 'secret', default: '', label: 'OT Secret' },
    exchange: {
      type: 'choice',
      choices: EXCHANGE_CHOICES,
      default: 'HUOBIP',
      label: 'Exchange',
      help: "the venue behind 1Token (HUOBIP = Huobi spot, OKEF = OKEx futures, ...). 1Token's public API may no longer accept connections",
    },
    account: {
      type: 'string',
      default: '',
      label: 'Account',
      help: 'the account name at 1Token (mock-demo)',
    },
    sessions: {
      type: 'integer',
      default: 3,
      min: 1,
      max: 16,
      label: 'Sessions',
      help: 'REST requests in flight at once',
    },
    front: {
      type: 'choice',
      choices: ['GLOBAL', 'CHINA'],
      default: 'GLOBAL',
      label: 'Front',
      help: "GLOBAL (1token.trade) or CHINA (1Token's Shanghai debug front, not for production)",
    },
    restUrl: { type: 'string', default: '', label: 'REST URL', help: 'empty: the front default (…/api/v1)' },
    wsUrl: {
      type: 'string',
      default: '',
      label: 'WebSocket URL',
      help: 'empty: the front default (…/api/v1/ws)',
    },
    proxyHost: { type: 'string', default: '', label: 'Proxy host', help: 'HTTP proxy; empty for none' },
    proxyPort: { type: 'integer', default: 0, min: 0, max: 65535, label: 'Proxy port' },
    pingMs: {
      type: 'integer',
      default: 10_000,
      min: 50,
      max: 25_000,
      label: 'Ping interval (ms)',
      help: '1Token closes a WebSocket that sends nothing for 30 s',
    },
  };
  static override readonly exchanges: readonly Exchange[] = [
    Exchange.HUOBI,
    Exchange.OKEX,
    Exchange.BINANCE,
    Exchange.BITMEX,
  ];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT],
    history: false,
    offsets: false,
  };

  private ot: OtExchange = 'huobip';
  private account = '';
  private rest: RestClient | undefined;
  private marketData: MarketData | undefined;
  private stream: AccountStream | undefined;
  private readonly nonce = processNonces;
  private readonly contracts = new Map<string, ContractData>();
  private readonly ids = new LocalOrderManager<string>(() => undefined, `vnt${Date.now().toString(36)}`, 6);
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  /** exchange_oid → vnt order id, so a fill names its order even when 1Token leaves client_oid empty. */
  private readonly byExchangeOid = new Map<string, string>();
  /** Filled volume per order whose trades were fetched, so a fill is fetched once per change. */
  private readonly fetchedDealt = new Map<string, number>();
  private readonly fetching = new Map<string, Promise<void>>();
  private readonly links = new LinkHealth();
  private readonly tradedSince = new Map<string, { volume: number; turnover: number }>();
  private readonly warned = new Set<string>();
  private slots = 3;
  private inFlight = 0;
  private readonly queue: (() => void)[] = [];
  private connected = false;

  override async connect(setting: GatewaySetting): Promise<void> {
    if (this.connected) throw new VntError(`${this.gatewayName} is already connected`);
    const key = String(setting.key ?? '');
    const secret = String(setting.secret ?? '');
    const ot = String(setting.exchange ?? 'HUOBIP').toLowerCase();
    this.account = String(setting.account ?? '').trim();
    this.slots = Math.max(1, Number(setting.sessions ?? 3) || 3);
    const pingMs = Number(setting.pingMs ?? 10_000) || 10_000;
    this.setStatus(GatewayStatus.CONNECTING);
    try {
      if (!key || !secret) throw new VntError('an OT key and OT secret are required');
      if (!this.account)
        throw new VntError('an account name is required (the part after the exchange: mock-demo)');
      if (!isOtExchange(ot))
        throw new VntError(`1Token exchange ${quoteValue(setting.exchange)} is not supported`);
      this.ot = ot;
      const endpoints = endpointsFor((setting.front as Front) ?? 'GLOBAL', {
        rest: String(setting.restUrl ?? ''),
        ws: String(setting.wsUrl ?? ''),
      });
      const proxyHost = String(setting.proxyHost ?? '');
      const proxy = proxyHost ? { host: proxyHost, port: Number(setting.proxyPort ?? 0) } : undefined;
      const rest = new RestClient({
        baseUrl: endpoints.rest,
        sign: (req) => {
          const query = req.params && req.method !== 'POST' ? encodeParams(req.params) : '';
          const body = req.method === 'POST' && req.params ? JSON.stringify(req.params) : '';
          const headers: Record<string, string> = body ? { 'Content-Type': 'application/json' } : {};
          if (!req.signed) return { query, headers, ...(body ? { body } : {}) };
          const signedPath = req.path.replace(/^\/trade/, '');
          return {
            query,
            headers: {
              ...headers,
              ...authHeaders(key, secret, req.method, signedPath, this.nonce.next(), body),
            },
            ...(body ? { body } : {}),
          };
        },
        parseError: (_status, b) => {
          const e = b as { code?: unknown; message?: unknown } | null;
          return e && typeof e.code === 'string'
            ? {
                code: e.code,
                msg: typeof e.message === 'string' ? e.message : JSON.stringify(e.message ?? ''),
              }
            : undefined;
        },
        // Requests go out over several connections, so one signed later can overtake one signed earlier, and
        // 1Token refuses a nonce not above the last it saw for the key. That refusal executed nothing; the
        // request is signed with a new nonce and sent again. 1Token documents no code for it, so any refusal
        // that names the nonce counts.
        resignWhen: (e) => /nonce/i.test(`${String(e.code ?? '')} ${e.venueMsg}`),
        ...(proxy ? { proxy } : {}),
      });
      this.rest = rest;
      await this.loadContracts();

      // The private stream first, so nothing that happens during the REST sync is missed.
      this.stream = accountStream({
        name: this.gatewayName,
        ws: endpoints.ws,
        ot,
        account: this.account,
        key,
        secret,
        nonce: this.nonce,
        ...(proxy ? { proxy } : {}),
        pingMs,
        silenceMs: Math.max(3 * pingMs, 1000),
        onPush: (msg) => this.onPush(msg),
        onReconnect: () => this.reconcile(),
        onStatus: (up, reason) => this.linkStatus('account', up, reason),
        log: (msg, level) => this.writeLog(msg, level),
      });
      await this.stream.start();
      await this.queryInfo();
      await this.syncOrders();
      await this.fetchTrades();

      this.marketData = new MarketData({
        name: this.gatewayName,
        url: `${endpoints.ws}/tick`,
        ...(proxy ? { proxy } : {}),
        pingMs,
        silenceMs: Math.max(3 * pingMs, 1000),
        onTick: (t) => {
          const c = this.contracts.get(fromContractId(t.contract)?.symbol ?? '');
          const tick = c ? tickFromVenue(t, this.gatewayName, c.name) : undefined;
          if (!tick) return;
          // 1Token's volume and amount are what traded since its previous tick: summed from the subscription on.
          const sum = this.tradedSince.get(tick.symbol) ?? { volume: 0, turnover: 0 };
          sum.volume += tick.volume;
          sum.turnover += tick.turnover;
          this.tradedSince.set(tick.symbol, sum);
          tick.lastVolume = tick.volume;
          tick.volume = sum.volume;
          tick.turnover = sum.turnover;
          this.onTick(tick);
        },
        onStatus: (up, reason) => this.linkStatus('ticks', up, reason),
        log: (msg, level) => this.writeLog(msg, level),
      });
      await this.marketData.start();
      this.connected = true;
      this.setStatus(GatewayStatus.CONNECTED);
      this.writeLog(`connected to 1Token ${ot}/${this.account} at ${endpoints.rest}`);
      // Resolve once what connect pushed has been dispatched (the event engine dispatches on setImmediate).
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      await this.release();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
  }

  /** Tick connections open (1Token allows 50 contracts on each). */
  get tickLinkCount(): number {
    return this.marketData?.linkCount ?? 0;
  }

  /** Handles a tick-stream frame as if 1Token had sent it (benchmarks replay recorded frames through this). */
  replayTicks(text: string): void {
    this.marketData?.replay(text);
  }

  override async close(): Promise<void> {
    this.connected = false;
    await this.release();
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  private async release(): Promise<void> {
    const closing = [this.marketData?.close(), this.stream?.close()];
    this.marketData = undefined;
    this.stream = undefined;
    await Promise.all(closing);
  }

  override subscribe(req: SubscribeRequest): void {
    if (!this.marketData) throw new NotConnectedError(this.gatewayName);
    if (!this.contracts.has(req.symbol)) throw new RequestError(`unknown 1Token contract ${req.symbol}`);
    this.marketData.subscribe(toContractId(this.ot, req.symbol));
  }

  override sendOrder(req: OrderRequest): string {
    if (!this.rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const contract = this.contracts.get(req.symbol);
    if (!contract) throw new RequestError(`unknown 1Token contract ${req.symbol}`);
    if (req.type !== OrderType.LIMIT)
      throw new RequestError(`1Token takes LIMIT orders only, not ${req.type}`);
    const orderid = this.ids.newLocalOrderid();
    const contractId = toContractId(this.ot, req.symbol);
    const body: Record<string, string | number | boolean> = {
      contract: contractId,
      price: Number(formatToStep(req.price, contract.pricetick)),
      bs: req.direction === Direction.SHORT ? 's' : 'b',
      amount: Number(formatToStep(req.volume, contract.volumeStep)),
      client_oid: clientOidFor(contractId, orderid),
    };
    if (contract.product !== Product.SPOT && req.offset !== Offset.NONE) {
      // 1Token's futures venues take open/close in options; without it 1Token closes what it can first.
      body.options = JSON.stringify(req.offset === Offset.OPEN ? { open: true } : { close: true });
    }
    this.tracker.add(orderFromRequest(req, orderid, this.gatewayName));
    this.withSlot(() =>
      this.rest!.request<OtPlaceReply>({
        method: 'POST',
        path: `/trade${tradePath(this.ot, this.account, '/orders')}`,
        params: body,
        signed: true,
        idempotent: false,
      }),
    ).then(
      (reply) => this.placed(orderid, reply),
      (error: unknown) => this.orderFailed(orderid, contractId, error),
    );
    return `${this.gatewayName}.${orderid}`;
  }

  override cancelOrder(req: CancelRequest): void {
    if (!this.rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const contractId = toContractId(this.ot, req.symbol);
    const order = this.tracker.get(req.orderid);
    const exchangeOid = [...this.byExchangeOid].find(([, id]) => id === req.orderid)?.[0];
    // Orders placed elsewhere have no client_oid of ours: cancel those by exchange_oid.
    const params =
      order && exchangeOid && !this.isOurs(req.orderid)
        ? { exchange_oid: exchangeOid }
        : { client_oid: clientOidFor(contractId, req.orderid) };
    this.withSlot(() =>
      this.rest!.request<unknown>({
        method: 'DELETE',
        path: `/trade${tradePath(this.ot, this.account, '/orders')}`,
        params,
        signed: true,
        idempotent: true,
      }),
    ).then(
      // The cancel reply's shape is not documented; the order push (or the query below) says what happened.
      () => void this.refreshOrder(contractId, req.orderid),
      (error: unknown) => {
        this.writeLog(`cancel of ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(contractId, req.orderid);
      },
    );
  }

  override queryAccount(): void {
    this.queryInfo().catch((e: unknown) =>
      this.writeLog(`account query failed: ${errorMessage(e)}`, LogLevel.WARNING),
    );
  }

  override queryPosition(): void {
    this.queryAccount();
  }

  // ---- REST ------------------------------------------------------------------------------------------------

  /** At most `sessions` requests in flight, as VN Trader's setting promises. */
  private async withSlot<T>(run: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.slots) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.inFlight += 1;
    try {
      return await run();
    } finally {
      this.inFlight -= 1;
      this.queue.shift()?.();
    }
  }

  private tradeRequest<T>(endpoint: string, params?: Record<string, string>): Promise<T> {
    const rest = this.rest;
    if (!rest) return Promise.reject(new NotConnectedError(this.gatewayName));
    return this.withSlot(() =>
      rest.request<T>({
        method: 'GET',
        path: `/trade${tradePath(this.ot, this.account, endpoint)}`,
        ...(params ? { params } : {}),
        signed: true,
      }),
    );
  }

  private async loadContracts(): Promise<void> {
    const rows = await this.rest!.request<unknown>({
      method: 'GET',
      path: '/basic/contracts',
      params: { exchange: this.ot },
    });
    if (!Array.isArray(rows))
      throw new VntError(`1Token answered the contract list with ${quoteValue(rows)}`);
    for (const row of rows) {
      const problem = contractProblem(row);
      if (problem) {
        this.warnOnce(`ignored a contract: ${problem}`);
        continue;
      }
      const c = contractFromVenue(row as OtContract, this.gatewayName);
      if (!c || fromContractId((row as OtContract).symbol)?.ot !== this.ot) continue;
      this.contracts.set(c.symbol, c);
      this.onContract(c);
    }
    if (this.contracts.size === 0) throw new VntError(`1Token lists no tradable contracts for ${this.ot}`);
  }

  private async queryInfo(): Promise<void> {
    const info = await this.tradeRequest<unknown>('/info');
    this.applyInfo(info);
  }

  private applyInfo(info: unknown): void {
    const problem = infoProblem(info);
    if (problem) return this.warnOnce(`ignored account info from 1Token: ${problem}`);
    const i = info as OtInfo;
    for (const a of accountsFromInfo(i, this.gatewayName)) this.onAccount(a);
    for (const p of positionsFromInfo(i, this.gatewayName, this.ot, this.contracts.values()))
      this.onPosition(p);
  }

  /** Active orders at the venue now; returns the vnt ids listed. */
  private async syncOrders(): Promise<Set<string>> {
    const list = await this.tradeRequest<unknown>('/orders', { state: 'active' });
    if (!Array.isArray(list)) throw new VntError(`1Token answered the order list with ${quoteValue(list)}`);
    const listed = new Set<string>();
    for (const o of list) {
      const id = this.applyOrder(o);
      if (id) listed.add(id);
    }
    return listed;
  }

  /** One order from a push or a reply, through the tracker; returns its vnt id when usable. */
  private applyOrder(raw: unknown): string | undefined {
    const problem = orderProblem(raw);
    if (problem) {
      this.warnOnce(`ignored an order from 1Token: ${problem}`);
      return undefined;
    }
    const o = raw as OtOrder;
    if (fromContractId(o.contract)?.ot !== this.ot) return undefined;
    const orderid = orderidOf(o);
    if (!orderid) return undefined;
    if (o.exchange_oid) this.byExchangeOid.set(o.exchange_oid, orderid);
    const order = orderFromVenue(o, this.gatewayName, orderid);
    if (!order) return undefined;
    this.tracker.update(order);
    // Fills are fetched from the transaction list, so each carries the venue's own trade id.
    if (o.dealt_amount > (this.fetchedDealt.get(orderid) ?? 0)) {
      this.fetchedDealt.set(orderid, o.dealt_amount);
      void this.fetchTrades(o.contract).catch((e: unknown) =>
        this.writeLog(
          `trade query failed: ${errorMessage(e)}; retried at the next reconcile`,
          LogLevel.WARNING,
        ),
      );
    }
    return orderid;
  }

  /** Pushes the fills not pushed yet (all contracts, or one). Concurrent calls for one key share one query. */
  private fetchTrades(contract?: string): Promise<void> {
    const key = contract ?? '*';
    const running = this.fetching.get(key);
    if (running) return running.then(() => this.fetchTrades(contract));
    const run = (async () => {
      const list = await this.tradeRequest<unknown>('/trans', contract ? { contract } : undefined);
      if (!Array.isArray(list))
        throw new VntError(`1Token answered the transaction list with ${quoteValue(list)}`);
      for (const raw of list) {
        const problem = transactionProblem(raw);
        if (problem) {
          this.warnOnce(`ignored a transaction from 1Token: ${problem}`);
          continue;
        }
        const t = raw as OtTransaction;
        if (fromContractId(t.contract)?.ot !== this.ot) continue;
        const orderid =
          (t.exchange_oid ? this.byExchangeOid.get(t.exchange_oid) : undefined) ??
          orderidOf({ contract: t.contract, client_oid: t.client_oid, exchange_oid: t.exchange_oid });
        if (!orderid) continue;
        const trade = tradeFromVenue(t, this.gatewayName, orderid);
        if (trade) this.tracker.trade(trade);
      }
    })().finally(() => this.fetching.delete(key));
    this.fetching.set(key, run);
    return run;
  }

  private placed(orderid: string, reply: unknown): void {
    const r = reply as Partial<OtPlaceReply> | null;
    if (r && typeof r.exchange_oid === 'string' && r.exchange_oid) {
      this.byExchangeOid.set(r.exchange_oid, orderid);
      const current = this.tracker.get(orderid);
      if (current)
        this.tracker.update({
          ...current,
          status: current.status === Status.SUBMITTING ? Status.NOTTRADED : current.status,
        });
      return;
    }
    this.writeLog(
      `order ${orderid}: 1Token's reply ${quoteValue(reply)} has no exchange_oid; asking for the order`,
      LogLevel.WARNING,
    );
    const current = this.tracker.get(orderid);
    if (current) void this.refreshOrder(toContractId(this.ot, current.symbol), orderid, true);
  }

  private orderFailed(orderid: string, contractId: string, error: unknown): void {
    if (error instanceof UnknownOutcomeError) {
      this.writeLog(`${error.message}; asking 1Token about order ${orderid}`, LogLevel.WARNING);
      void this.refreshOrder(contractId, orderid, true);
      return;
    }
    const reason =
      error instanceof RestError && error.code !== undefined
        ? `${error.code}: ${error.venueMsg}`
        : errorMessage(error);
    this.tracker.reject(orderid, reason);
    this.writeLog(`order ${orderid} rejected by 1Token: ${reason}`, LogLevel.WARNING);
  }

  /**
   * Asks 1Token for one order by client_oid. When placement's outcome was unknown, "not found" after a few
   * tries means it never arrived: it is marked REJECTED, never sent again.
   */
  private async refreshOrder(contractId: string, orderid: string, placing = false): Promise<void> {
    const clientOid = clientOidFor(contractId, orderid);
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const list = await this.tradeRequest<unknown>('/orders', { client_oid: clientOid });
        const rows = Array.isArray(list) ? list : [list];
        if (rows.some((o) => this.applyOrder(o) === orderid)) return;
        if (placing && attempt >= 2) {
          this.tracker.reject(orderid, '1Token never received the order (client_oid not found)');
          return;
        }
        if (!placing) return;
      } catch (error) {
        if (error instanceof RestError && error.code === 'client_oid-not-found') {
          if (placing && attempt >= 2) {
            this.tracker.reject(orderid, `1Token never received the order (${error.message})`);
            return;
          }
          if (!placing) return;
        } else if (!this.rest) return;
      }
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
    this.writeLog(`could not learn the state of order ${orderid}; it stays as last known`, LogLevel.ERROR);
  }

  // ---- pushes and reconnects -------------------------------------------------------------------------------

  private onPush(msg: { uri: string; type?: unknown; data?: unknown }): void {
    switch (msg.uri) {
      case 'order':
        if (!Array.isArray(msg.data))
          return this.warnOnce(`ignored an order push: data is ${quoteValue(msg.data)}`);
        for (const o of msg.data) this.applyOrder(o);
        return;
      case 'info':
        this.applyInfo(msg.data);
        return;
      default:
        return;
    }
  }

  /** After the account stream reconnects: orders that were active, their fills, and balances. */
  private async reconcile(): Promise<void> {
    const active = this.tracker.active();
    const listed = await this.syncOrders();
    for (const o of active) {
      if (!listed.has(o.orderid))
        await this.refreshOrder(toContractId(this.ot, o.symbol), o.orderid, o.status === Status.SUBMITTING);
    }
    await this.fetchTrades();
    await this.queryInfo();
  }

  private isOurs(orderid: string): boolean {
    return orderid.startsWith('vnt');
  }

  private linkStatus(link: string, up: boolean, reason: string): void {
    if (!this.connected) return;
    const down = this.links.report(link, up, reason);
    if (down === undefined) this.setStatus(GatewayStatus.CONNECTED);
    else this.setStatus(GatewayStatus.RECONNECTING, down);
  }

  private warnOnce(msg: string): void {
    if (this.warned.has(msg)) return;
    this.warned.add(msg);
    this.writeLog(msg, LogLevel.WARNING);
  }
}
