// What OKEX (spot) and OKEXF (swaps and futures) share: one OKX v5 client — REST for queries, orders and
// cancels; the private WebSocket for order, account and position pushes; the public one for market data.
// Each gateway sees only its own instrument types (instruments, the orders and positions channels and every
// REST list are filtered by instType), and its client order ids carry its own letter, so both can run in
// one session on one OKX account without their contracts, orders or positions mixing.
// The client order id (clOrdId) is the vnt order id, unique across restarts: an order whose reply was lost
// is found again by asking for that id, and it is never sent twice.
import { Direction, GatewayStatus, LogLevel, Offset, OrderType, Status } from '../../src/core/constant.js';
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
  isActive,
  orderFromRequest,
  type AmendRequest,
  type BarData,
  type CancelRequest,
  type ContractData,
  type HistoryRequest,
  type OrderRequest,
  type PositionData,
  type SubscribeRequest,
} from '../../src/core/object.js';
import type { GatewaySetting } from '../../src/core/setting-schema.js';
import { formatToStep } from '../common/decimal.js';
import { LinkHealth } from '../common/links.js';
import { OrderTracker } from '../common/order-tracker.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { NotSentError, UnknownOutcomeError, type Params } from '../common/rest-client.js';
import type { WsClient } from '../common/ws-client.js';
import { OkxError, OkxRest } from './client.js';
import { MarketData } from './market-data.js';
import {
  BARS,
  EXCHANGE,
  accountFromDetail,
  barsFromCandles,
  contractFromInstrument,
  feeFieldsFor,
  feesFromOkx,
  orderFromWire,
  ordTypeFor,
  posSideFor,
  positionFromWire,
  tradeFromFill,
  tradeFromOrder,
} from './parse.js';
import {
  FILL_SPEC,
  INSTRUMENT_SPEC,
  POSITION_SPEC,
  balanceProblem,
  candleProblem,
  eachProblem,
  orderProblem,
  shapeProblem,
} from './shape.js';
import type {
  AccountConfig,
  Balance,
  Candle,
  FeeRate,
  Fill,
  InstType,
  Instrument,
  Order,
  PosMode,
  Position,
  TdMode,
  WsMessage,
} from './types.js';
import { PATHS, endpointsFor, type Endpoints, type Region, type Server } from './urls.js';
import { okxLink, topicOf } from './ws.js';

/** OKX: "Order does not exist". */
export const NO_SUCH_ORDER = '51603';
const CANDLE_PAGE = 100;

export interface Flavour {
  /** Instrument types this gateway trades. */
  instTypes: readonly InstType[];
  /** One letter starting every clOrdId this gateway sends. */
  idLetter: string;
}

export abstract class OkxGateway extends BaseGateway {
  protected abstract readonly flavour: Flavour;

  private rest: OkxRest | undefined;
  private marketData: MarketData | undefined;
  private privateLink: WsClient | undefined;
  private readonly contracts = new Map<string, ContractData>();
  private readonly instTypes = new Map<string, InstType>();
  /** How to ask for a contract's fees: the trade-fee query (spot by instId, else by family) and its fields. */
  private readonly feeQueries = new Map<
    string,
    { key: string; params: Params; fields: readonly [keyof FeeRate, keyof FeeRate] }
  >();
  /** Fee queries sent in this connection (one per spot pair, one per derivatives family). */
  private readonly feesAsked = new Set<string>();
  /** Spot pairs by base currency, so a balance is shown as a position in each pair. */
  private readonly pairsByBase = new Map<string, string[]>();
  private readonly positions = new Map<string, PositionData>();
  private readonly leverageSet = new Set<string>();
  private ids: LocalOrderManager<string> | undefined;
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  private readonly links = new LinkHealth();
  private connected = false;
  private posModeValue: PosMode = 'net_mode';
  protected tdMode: TdMode = 'cash';
  protected leverage = 0;

  /** The account's position mode, read at connect. */
  get posMode(): PosMode {
    return this.posModeValue;
  }

  /** The market-data client, for tests and diagnostics. */
  get market(): MarketData | undefined {
    return this.marketData;
  }

  get privateClient(): WsClient | undefined {
    return this.privateLink;
  }

  /** Reads the flavour's own setting fields (OKEXF: margin mode and leverage). */
  protected abstract configure(setting: GatewaySetting): void;

  override async connect(setting: GatewaySetting): Promise<void> {
    if (this.connected) throw new VntError(`${this.gatewayName} is already connected`);
    const apiKey = String(setting.apiKey ?? '');
    const secret = String(setting.secretKey ?? '');
    const passphrase = String(setting.passphrase ?? '');
    const server: Server = setting.server === 'DEMO' ? 'DEMO' : 'REAL';
    const region = (['www', 'eea', 'us'].includes(String(setting.region)) ? setting.region : 'www') as Region;
    const endpoints = endpointsFor(server, region, {
      rest: String(setting.restUrl ?? ''),
      public: String(setting.publicUrl ?? ''),
      private: String(setting.privateUrl ?? ''),
      business: String(setting.businessUrl ?? ''),
    });
    this.configure(setting);
    this.setStatus(GatewayStatus.CONNECTING);
    try {
      if (!apiKey || !secret || !passphrase)
        throw new VntError('an API key, its secret key and its passphrase are required');
      const proxyHost = String(setting.proxyHost ?? '');
      const proxy = proxyHost ? { host: proxyHost, port: Number(setting.proxyPort ?? 0) } : undefined;
      await this.open(
        endpoints,
        { apiKey, secret, passphrase },
        server,
        Number(setting.heartbeatMs ?? 20_000),
        proxy,
      );
      this.connected = true;
      this.setStatus(GatewayStatus.CONNECTED);
      this.writeLog(`connected to OKX (${server}, ${this.flavour.instTypes.join('/')}) at ${endpoints.rest}`);
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      await this.release();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
  }

  private async open(
    endpoints: Endpoints,
    creds: { apiKey: string; secret: string; passphrase: string },
    server: Server,
    heartbeatMs: number,
    proxy: ProxyAddress | undefined,
  ): Promise<void> {
    const rest = new OkxRest({
      baseUrl: endpoints.rest,
      ...creds,
      demo: server === 'DEMO',
      ...(proxy ? { proxy } : {}),
    });
    this.rest = rest;
    this.feesAsked.clear();
    await rest.syncTime();
    const [config] = await rest.get<AccountConfig>(PATHS.config);
    if (!config || (config.posMode !== 'net_mode' && config.posMode !== 'long_short_mode'))
      throw new VntError(`OKX answered the account configuration with ${quoteValue(config)}`);
    this.posModeValue = config.posMode;
    // A fresh prefix per session: clOrdIds stay unique across restarts (letters and digits only, ≤ 32).
    this.ids = new LocalOrderManager<string>(
      () => undefined,
      `${this.flavour.idLetter}${Date.now().toString(36)}`,
      6,
    );
    for (const instType of this.flavour.instTypes) {
      const list = await rest.get<Instrument>(PATHS.instruments, { instType }, false);
      this.loadInstruments(list, instType);
    }

    // The private link comes up before the snapshots, so nothing that happens in between is missed.
    const privateLink = okxLink({
      name: `${this.gatewayName} private`,
      url: endpoints.private,
      heartbeatMs,
      ...(proxy ? { proxy } : {}),
      login: { ...creds, now: () => rest.now(), beforeRelogin: () => rest.syncTime() },
      onPush: (m) => this.onPrivate(m),
      onReconnect: () => this.reconcile(),
      onStatus: (up, reason) => this.linkStatus('private', up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
    this.privateLink = privateLink;
    const derivatives = this.flavour.instTypes.some((t) => t !== 'SPOT');
    const args = this.flavour.instTypes.map((instType) => ({ channel: 'orders', instType }));
    args.push({ channel: 'account' } as never);
    if (derivatives) {
      for (const instType of this.flavour.instTypes) args.push({ channel: 'positions', instType });
      args.push({ channel: 'balance_and_position' } as never);
    }
    privateLink.subscribe(args.map(topicOf));
    await privateLink.start();
    await this.queryAccountNow();
    await this.queryPositionNow();
    for (const instType of this.flavour.instTypes) {
      for (const o of this.wireOrders(await rest.get<Order>(PATHS.pending, { instType }))) {
        this.applyWireOrder(o);
      }
    }
    await this.fetchFills({});

    this.marketData = new MarketData({
      gatewayName: this.gatewayName,
      url: endpoints.public,
      heartbeatMs,
      ...(proxy ? { proxy } : {}),
      onTick: (t) => this.onTick(t),
      onStatus: (up, reason) => this.linkStatus('market', up, reason),
      log: (msg, level) => this.writeLog(msg, level),
    });
    await this.marketData.start();
  }

  private loadInstruments(list: Instrument[], instType: InstType): void {
    if (!Array.isArray(list))
      throw new VntError(`OKX answered the ${instType} instruments with ${quoteValue(list)}`);
    let skipped = 0;
    for (const inst of list) {
      const problem = shapeProblem(inst, INSTRUMENT_SPEC);
      if (problem || inst.instType !== instType) {
        if (problem) this.writeLog(`ignored an instrument in OKX's list: ${problem}`, LogLevel.WARNING);
        skipped += 1;
        continue;
      }
      const c = contractFromInstrument(inst, this.gatewayName, this.posModeValue === 'net_mode');
      if (!c) {
        skipped += 1;
        continue;
      }
      this.contracts.set(c.symbol, c);
      this.instTypes.set(c.symbol, instType);
      const family = inst.instFamily || inst.uly || '';
      const params: Params =
        instType === 'SPOT' ? { instType, instId: inst.instId } : { instType, instFamily: family };
      this.feeQueries.set(c.symbol, { key: JSON.stringify(params), params, fields: feeFieldsFor(inst) });
      if (instType === 'SPOT') {
        const pairs = this.pairsByBase.get(inst.baseCcy) ?? [];
        pairs.push(c.symbol);
        this.pairsByBase.set(inst.baseCcy, pairs);
      }
      this.onContract(c);
    }
    if (skipped)
      this.writeLog(
        `${skipped} ${instType} instruments not live or not usable were left out`,
        LogLevel.DEBUG,
      );
  }

  override async close(): Promise<void> {
    this.connected = false;
    await this.release();
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  private async release(): Promise<void> {
    const closing = [this.marketData?.close(), this.privateLink?.close()];
    this.marketData = undefined;
    this.privateLink = undefined;
    await Promise.all(closing);
  }

  override subscribe(req: SubscribeRequest): void {
    if (!this.marketData) throw new NotConnectedError(this.gatewayName);
    const instType = this.instTypes.get(req.symbol);
    if (!instType) throw new RequestError(`unknown ${this.gatewayName} symbol ${req.symbol}`);
    this.marketData.subscribe(req.symbol, instType);
    this.queryFees(req.symbol);
  }

  /**
   * The fees of a contract in use (subscribed), once per connection: GET trade-fee by pair, or by family for
   * derivatives (the answer then covers every contract of the family).
   */
  private queryFees(symbol: string): void {
    const rest = this.rest;
    const query = this.feeQueries.get(symbol);
    if (!rest || !query) return;
    const { key } = query;
    if (this.feesAsked.has(key)) return;
    this.feesAsked.add(key);
    rest.get<FeeRate>(PATHS.tradeFee, query.params).then(
      ([rate]) => {
        for (const [s, q] of this.feeQueries) {
          if (q.key !== key) continue;
          const commission = rate ? feesFromOkx(rate[q.fields[0]], rate[q.fields[1]]) : undefined;
          const c = this.contracts.get(s);
          if (!c || !commission) continue;
          const next = { ...c, commission };
          this.contracts.set(s, next);
          this.onContract(next);
        }
      },
      (e: unknown) => {
        this.feesAsked.delete(key);
        this.writeLog(`fees of ${symbol} not known: ${errorMessage(e)}`, LogLevel.WARNING);
      },
    );
  }

  override sendOrder(req: OrderRequest): string {
    const rest = this.rest;
    const ids = this.ids;
    if (!rest || !ids || !this.connected) throw new NotConnectedError(this.gatewayName);
    const contract = this.contracts.get(req.symbol);
    const instType = this.instTypes.get(req.symbol);
    if (!contract || !instType) throw new RequestError(`unknown ${this.gatewayName} symbol ${req.symbol}`);
    const ordType = ordTypeFor(req.type);
    if (!ordType) throw new RequestError(`OKX does not take ${req.type} orders`);
    const spot = instType === 'SPOT';
    let posSide: 'long' | 'short' | undefined;
    if (!spot && this.posModeValue === 'long_short_mode') {
      posSide = posSideFor(req.direction, req.offset);
      if (!posSide)
        throw new RequestError(
          'this OKX account is in long/short position mode: choose Open or Close for the order',
        );
    }
    const orderid = ids.newLocalOrderid();
    const params: Params = {
      instId: req.symbol,
      tdMode: spot ? 'cash' : this.tdMode,
      side: req.direction === Direction.LONG ? 'buy' : 'sell',
      ordType,
      sz: formatToStep(req.volume, contract.volumeStep),
      px: req.type === OrderType.MARKET ? undefined : formatToStep(req.price, contract.pricetick),
      clOrdId: orderid,
      posSide,
      // Spot market orders size in the quote currency unless told otherwise; vnt's volume is the base.
      tgtCcy: spot && req.type === OrderType.MARKET ? 'base_ccy' : undefined,
      reduceOnly: !spot && !posSide && (req.reduceOnly || req.offset === Offset.CLOSE) ? 'true' : undefined,
    };
    const order = orderFromRequest(req, orderid, this.gatewayName);
    this.tracker.add(order);
    const place = async () => {
      if (!spot) await this.ensureLeverage(req.symbol, posSide);
      return rest.trade(PATHS.order, params, false);
    };
    place().then(
      () => {
        const current = this.tracker.get(orderid);
        if (current) this.tracker.update({ ...current, status: Status.NOTTRADED });
      },
      (error: unknown) => this.orderFailed(orderid, req.symbol, error),
    );
    return order.vtOrderid;
  }

  override cancelOrder(req: CancelRequest): void {
    const rest = this.rest;
    if (!rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const params: Params = { instId: req.symbol, ...idParams(req.orderid) };
    rest.trade(PATHS.cancel, params, true).then(
      () => undefined,
      (error: unknown) => {
        this.writeLog(`cancel of ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(req.symbol, req.orderid);
      },
    );
  }

  /** Trade › Amend order: new price and/or new total size, in place; the orders channel reports the result. */
  override amendOrder(req: AmendRequest): void {
    const rest = this.rest;
    if (!rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const contract = this.contracts.get(req.symbol);
    if (!contract) throw new RequestError(`unknown ${this.gatewayName} symbol ${req.symbol}`);
    const params: Params = {
      instId: req.symbol,
      ...idParams(req.orderid),
      newPx: req.price === undefined ? undefined : formatToStep(req.price, contract.pricetick),
      newSz: req.volume === undefined ? undefined : formatToStep(req.volume, contract.volumeStep),
    };
    // Sent once: a retried amend could land after a later one and undo it.
    rest.trade(PATHS.amend, params, false).then(
      () => undefined,
      (error: unknown) => {
        this.writeLog(`amend of ${req.orderid} refused: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(req.symbol, req.orderid);
      },
    );
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

  /** Bars walking back from the end with history-candles' `after` cursor, CANDLE_PAGE at a time. */
  override async queryHistory(req: HistoryRequest): Promise<BarData[]> {
    const rest = this.rest;
    if (!rest) throw new NotConnectedError(this.gatewayName);
    const instType = this.instTypes.get(req.symbol);
    if (!instType) throw new RequestError(`unknown ${this.gatewayName} symbol ${req.symbol}`);
    const end = req.end ?? rest.now();
    const byTime = new Map<number, BarData>();
    let after = end + 1;
    for (;;) {
      const page = await rest.get<Candle>(
        PATHS.historyCandles,
        { instId: req.symbol, bar: BARS[req.interval], after, limit: CANDLE_PAGE },
        false,
      );
      const bad = page.find((c) => candleProblem(c) !== undefined);
      if (bad !== undefined) throw new VntError(`OKX answered a candle page with ${candleProblem(bad)}`);
      for (const b of barsFromCandles(
        page,
        req.symbol,
        req.interval,
        this.gatewayName,
        instType === 'SPOT',
      )) {
        if (b.datetime >= req.start && b.datetime <= end) byTime.set(b.datetime, b);
      }
      const oldest = Math.min(...page.map((c) => Number(c[0])));
      if (page.length === 0 || oldest <= req.start || oldest >= after) break;
      after = oldest;
    }
    return [...byTime.values()].sort((a, b) => a.datetime - b.datetime);
  }

  // ---- private data ----------------------------------------------------------------------------------------

  private onPrivate(msg: WsMessage): void {
    const channel = msg.arg?.channel;
    const data = msg.data ?? [];
    switch (channel) {
      case 'orders':
        for (const o of this.wireOrders(data as Order[])) this.applyOrder(o);
        break;
      case 'account':
        for (const b of data) this.applyBalance(b as Balance);
        break;
      case 'positions':
        for (const p of data) this.applyPosition(p as Position);
        break;
      case 'balance_and_position':
        for (const item of data) this.applyBalanceAndPosition(item);
        break;
      default:
        break;
    }
  }

  /**
   * An order as OKX reports it. A working order whose price or size differs from what is known was amended
   * (a push with amendResult "0", or a REST answer after an amend made while the link was down).
   */
  private applyWireOrder(o: Order): void {
    const incoming = orderFromWire(o, this.gatewayName);
    const known = this.tracker.get(incoming.orderid);
    if (known && isActive(known) && isActive(incoming) && o.amendResult !== '-1') {
      const price = o.px === '' ? known.price : incoming.price;
      if (price !== known.price || incoming.volume !== known.volume) {
        this.tracker.amend(incoming.orderid, price, incoming.volume);
      }
    }
    if (o.amendResult === '-1')
      this.writeLog(`OKX did not amend order ${incoming.orderid}`, LogLevel.WARNING);
    this.tracker.update(incoming);
  }

  private applyOrder(o: Order): void {
    if (!this.instTypes.has(o.instId)) return;
    const trade = tradeFromOrder(o, this.gatewayName);
    if (trade) this.tracker.trade(trade);
    this.applyWireOrder(o);
  }

  private applyBalance(b: Balance): void {
    const problem = balanceProblem(b);
    if (problem) {
      this.writeLog(`ignored an OKX balance: ${problem}`, LogLevel.WARNING);
      return;
    }
    for (const d of b.details) {
      this.onAccount(accountFromDetail(d, this.gatewayName));
      if (this.flavour.instTypes.includes('SPOT'))
        this.spotPosition(d.ccy, +(d.eq || d.cashBal || 0), +(d.frozenBal || 0));
    }
  }

  private applyPosition(p: Position): void {
    const problem = shapeProblem(p, POSITION_SPEC);
    if (problem) {
      this.writeLog(`ignored an OKX position: ${problem}`, LogLevel.WARNING);
      return;
    }
    if (!this.instTypes.has(p.instId)) return;
    const position = positionFromWire(p, this.gatewayName);
    this.positions.set(position.vtPositionid, position);
    this.onPosition(position);
  }

  /** balance_and_position carries positions without their PnL: the last known PnL is kept. */
  private applyBalanceAndPosition(item: unknown): void {
    const posData = (item as { posData?: unknown }).posData;
    const problem = eachProblem(
      posData,
      { instId: 'text', posSide: ['net', 'long', 'short'], pos: 'decimal?', avgPx: 'decimal?' },
      'posData',
    );
    if (problem) {
      this.writeLog(`ignored an OKX balance_and_position push: ${problem}`, LogLevel.WARNING);
      return;
    }
    for (const p of posData as Position[]) {
      if (!this.instTypes.has(p.instId)) continue;
      const next = positionFromWire({ ...p, upl: '', availPos: '' }, this.gatewayName);
      const known = this.positions.get(next.vtPositionid);
      const position = { ...next, pnl: known?.pnl ?? 0, frozen: known?.frozen ?? 0 };
      this.positions.set(position.vtPositionid, position);
      this.onPosition(position);
    }
  }

  private spotPosition(ccy: string, total: number, frozen: number): void {
    for (const symbol of this.pairsByBase.get(ccy) ?? []) {
      this.onPosition(
        createPosition({
          gatewayName: this.gatewayName,
          symbol,
          exchange: EXCHANGE,
          direction: Direction.NET,
          volume: total,
          frozen,
        }),
      );
    }
  }

  private async queryAccountNow(): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    for (const b of await rest.get<Balance>(PATHS.balance)) this.applyCheckedBalance(b);
  }

  private applyCheckedBalance(b: Balance): void {
    const problem = balanceProblem(b);
    if (problem) throw new VntError(`OKX answered the balance with ${problem}`);
    this.applyBalance(b);
  }

  private async queryPositionNow(): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    for (const instType of this.flavour.instTypes) {
      if (instType === 'SPOT') continue;
      for (const p of await rest.get<Position>(PATHS.positions, { instType })) this.applyPosition(p);
    }
  }

  private async ensureLeverage(instId: string, posSide: 'long' | 'short' | undefined): Promise<void> {
    const rest = this.rest;
    if (!rest || this.leverage <= 0) return;
    // Isolated margin in long/short mode sets leverage per side; otherwise per instrument.
    const side = this.tdMode === 'isolated' && posSide ? posSide : undefined;
    const key = `${instId}:${side ?? ''}`;
    if (this.leverageSet.has(key)) return;
    try {
      await rest.post(
        PATHS.setLeverage,
        { instId, lever: String(this.leverage), mgnMode: this.tdMode, posSide: side },
        true,
      );
      this.leverageSet.add(key);
    } catch (error) {
      this.writeLog(
        `could not set ${instId} leverage to ${this.leverage}: ${errorMessage(error)}`,
        LogLevel.WARNING,
      );
    }
  }

  /** A place request failed: refused (REJECTED with OKX's code and text) or unknown (ask OKX). */
  private orderFailed(orderid: string, instId: string, error: unknown): void {
    if (error instanceof UnknownOutcomeError) {
      this.writeLog(`${error.message}; asking OKX about order ${orderid}`, LogLevel.WARNING);
      void this.refreshOrder(instId, orderid, true);
      return;
    }
    const reason =
      error instanceof OkxError || error instanceof NotSentError ? error.message : errorMessage(error);
    this.tracker.reject(orderid, reason);
    this.writeLog(`order ${orderid} rejected: ${reason}`, LogLevel.WARNING);
  }

  /**
   * Asks OKX for one order by client id. When placement's outcome was unknown, "Order does not exist" after a
   * few tries means it never arrived.
   */
  private async refreshOrder(instId: string, orderid: string, placing = false): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const [o] = this.wireOrders(await rest.get<Order>(PATHS.order, { instId, ...idParams(orderid) }));
        if (!o) throw new VntError(`OKX answered the query for ${orderid} without a usable order`);
        if (+o.accFillSz > 0) await this.fetchFills({ instId, ordId: o.ordId });
        this.applyWireOrder(o);
        return;
      } catch (error) {
        if (error instanceof OkxError && error.venueCode === NO_SUCH_ORDER) {
          if (placing && attempt >= 2) {
            this.tracker.reject(orderid, `OKX never received the order (${error.message})`);
            return;
          }
          if (!placing) return;
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
    this.writeLog(`could not learn the state of order ${orderid}; it stays as last known`, LogLevel.ERROR);
  }

  /** Pushes the fills of the last three days not pushed yet (filtered by the params). */
  private async fetchFills(filter: { instId?: string; ordId?: string }): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    for (const instType of this.flavour.instTypes) {
      if (filter.instId && this.instTypes.get(filter.instId) !== instType) continue;
      const fills = await rest.get<Fill>(PATHS.fills, { instType, ...filter, limit: 100 });
      if (!Array.isArray(fills)) throw new VntError(`OKX answered a fill list with ${quoteValue(fills)}`);
      // Oldest first, so trades reach the bus in the order they happened.
      for (const f of [...fills].reverse()) {
        const problem = shapeProblem(f, FILL_SPEC);
        if (problem) {
          this.writeLog(`ignored a fill in an OKX reply: ${problem}`, LogLevel.WARNING);
          continue;
        }
        if (this.instTypes.has(f.instId)) this.tracker.trade(tradeFromFill(f, this.gatewayName));
      }
    }
  }

  /** After the private link reconnects: trades first, then orders, balances and positions. */
  private async reconcile(): Promise<void> {
    const rest = this.rest;
    if (!rest) return;
    const active = this.tracker.active();
    await this.fetchFills({});
    const stillOpen = new Set<string>();
    for (const instType of this.flavour.instTypes) {
      for (const o of this.wireOrders(await rest.get<Order>(PATHS.pending, { instType }))) {
        stillOpen.add(orderFromWire(o, this.gatewayName).orderid);
        this.applyWireOrder(o);
      }
    }
    for (const o of active) {
      if (!stillOpen.has(o.orderid)) await this.refreshOrder(o.symbol, o.orderid, o.status === 'SUBMITTING');
    }
    await this.queryAccountNow();
    await this.queryPositionNow();
  }

  /** The orders of a reply or push that can be used; the others are named in a warning. */
  private wireOrders(list: unknown): Order[] {
    if (!Array.isArray(list)) throw new VntError(`OKX answered an order list with ${quoteValue(list)}`);
    return list.filter((o): o is Order => {
      const problem = orderProblem(o);
      if (problem) this.writeLog(`ignored an OKX order: ${problem}`, LogLevel.WARNING);
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

/** Our orders are asked for by clOrdId; one placed elsewhere (vnt id x<ordId>) by its ordId. */
function idParams(orderid: string): Params {
  return /^x\d+$/.test(orderid) ? { ordId: orderid.slice(1) } : { clOrdId: orderid };
}
