// The IB gateway: vnt's objects over the TWS socket API. Contracts are keyed by IB's conId
// (vtSymbol "265598.SMART"); a person may also type AAPL-USD-STK, looked up through contract details.
// Unlike vnpy's, it survives TWS's daily restart: it reconnects with backoff, renews market data, and
// reconciles orders and executions (execIds make every trade count once).
import { OrderTracker } from '../common/order-tracker.js';
import { Direction, Exchange, GatewayStatus, LogLevel, OrderType, Status } from '../../src/core/constant.js';
import { errorMessage, RequestError } from '../../src/core/errors.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import {
  createAccount,
  isActive,
  makeVtSymbol,
  orderFromRequest,
  type AmendRequest,
  type BarData,
  type CancelRequest,
  type ContractData,
  type HistoryRequest,
  type OrderData,
  type OrderCost,
  type OrderRequest,
  type SubscribeRequest,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { TwsClient } from './client.js';
import type {
  ContractDetailsMsg,
  ErrorMsg,
  ExecutionMsg,
  HistoricalBar,
  OpenOrderMsg,
  OrderStatusMsg,
  PortfolioMsg,
  ServerMessage,
} from './incoming.js';
import type { Field } from './codec.js';
import * as out from './outgoing.js';
import {
  BAR_SIZE,
  barFromHistory,
  contractForInput,
  contractFromDetails,
  describeInput,
  durationFor,
  exchangeOf,
  fallbackExchange,
  ORDER_TYPE_TO_IB,
  orderFromOpenOrder,
  parseSymbolInput,
  positionFromPortfolio,
  sanitizeRef,
  statusOf,
  tradeFromExecution,
  type SymbolInput,
} from './parse.js';
import { CODE, ibContract, INFO_CODES, SERVER_VERSION, type IbContract } from './protocol.js';
import { PendingRequests } from './pending.js';
import { TickAssembler } from './ticks.js';
import { formatIbTime, twsClockOffsetMs } from './time.js';

/** Request ids live far above order ids: TWS reports errors for both in the same field. */
const FIRST_REQ_ID = 10_000_000;
const SYNC_TIMEOUT_MS = 20_000;
const LOOKUP_TIMEOUT_MS = 15_000;
const HISTORY_TIMEOUT_MS = 60_000;
/** TWS answers a what-if order within a second or two; longer means it will not. */
const WHAT_IF_TIMEOUT_MS = 15_000;
const BACKOFF_MS = [250, 500, 1000, 2000, 5000, 10_000, 30_000];
const DEPTH_ROWS = 5;
/** An order TWS made inactive without (yet) saying why. */
const INACTIVE_MSG = 'TWS status Inactive';
/** Codes TWS sends for an order it refuses. */
const ORDER_REJECT_CODES = new Set([103, 110, 200, 201, 203, 321, 382, 383, 387, 399, 404, 434, 10006]);

interface Subscription {
  vtSymbol: string;
  input: SymbolInput;
  exchange: Exchange;
  /** Set once the conId is known. */
  conId: number;
  mktReqId: number;
  depthReqId: number;
  ticks: TickAssembler | undefined;
}

/** What the initial (or post-reconnect) sync still waits for. */
interface Sync {
  accounts: boolean;
  nextId: boolean;
  requested: boolean;
  accountDownload: boolean;
  openOrders: boolean;
  executions: boolean;
  execReqId: number;
  seenOpen: Set<number>;
  /** Contracts of open orders and executions TWS has not described yet: looked up before connect resolves. */
  conIds: Set<number>;
  lastError: string;
  done(): void;
  fail(error: Error): void;
}

export class IbGateway extends BaseGateway {
  static override readonly defaultName: string = 'IB';
  static override readonly defaultSetting: SettingSchema = {
    host: { type: 'string', default: '127.0.0.1', label: 'TWS host' },
    port: {
      type: 'integer',
      default: 7497,
      min: 1,
      max: 65535,
      label: 'TWS port',
      help: '7497 paper, 7496 live',
    },
    clientId: { type: 'integer', default: 1, min: 0, max: 2147483646, label: 'Client id' },
    account: { type: 'string', default: '', label: 'Account', help: 'empty: the first managed account' },
    contracts: {
      type: 'string',
      default: '',
      label: 'Contracts',
      help: 'listed at connect: conIds or SYMBOL-CCY-TYPE, comma-separated (e.g. 265598,MSFT-USD-STK)',
    },
  };
  static override readonly exchanges: readonly Exchange[] = [
    Exchange.SMART,
    Exchange.NYSE,
    Exchange.NASDAQ,
    Exchange.ARCA,
    Exchange.AMEX,
    Exchange.ISLAND,
    Exchange.IDEALPRO,
    Exchange.GLOBEX,
    Exchange.CME,
    Exchange.NYMEX,
    Exchange.COMEX,
    Exchange.CBOT,
    Exchange.ICE,
    Exchange.CBOE,
    Exchange.SEHK,
    Exchange.HKFE,
    Exchange.SGX,
    Exchange.EUREX,
  ];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET, OrderType.STOP],
    history: true,
    offsets: false,
    amend: true,
  };

  private setting = {
    host: '127.0.0.1',
    port: 7497,
    clientId: 1,
    account: '',
    contracts: [] as SymbolInput[],
  };
  private client: TwsClient | undefined;
  private account = '';
  private nextOrderId = 0;
  private reqSeq = FIRST_REQ_ID;
  private closing = false;
  private linkUp = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private sync: Sync | undefined;
  /** TWS's clock minus UTC, for the zone-less times it reports executions in. */
  private twsOffsetMs = 0;
  private readonly contracts = new Map<number, { ib: IbContract; data: ContractData }>();
  private readonly subs = new Map<string, Subscription>();
  private readonly tickReqs = new Map<number, Subscription>();
  private readonly lookups = new PendingRequests<ContractDetailsMsg[]>();
  private readonly histories = new PendingRequests<HistoricalBar[]>();
  /** What-if orders asked (by order id): their answer is an OPEN_ORDER that places nothing. */
  private readonly whatIfs = new PendingRequests<OpenOrderMsg | undefined>();
  /** Never backwards, each execution once: the shared tracker every gateway pushes orders and trades through. */
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  /** Executed volume per order id, from executions (which outlive a reconnect, unlike order status). */
  private readonly executed = new Map<number, number>();
  private readonly heldCancels = new Set<number>();
  /**
   * Modifications sent and not yet answered, by order id, oldest first: the price and total quantity asked.
   * An OPEN_ORDER with figures none of them asked for, while one is pending, was written before TWS took them
   * and must not undo an amend.
   */
  private readonly amends = new Map<number, { price: number; volume: number }[]>();
  /** Where each conId's position is listed, fixed when it is first pushed. */
  private readonly positionHomes = new Map<number, Exchange>();
  /** The latest PORTFOLIO_VALUE of positions whose contract TWS has not described yet. */
  private readonly pendingPositions = new Map<number, PortfolioMsg>();
  private readonly accountValues = new Map<string, { balance: number; available: number; frozen: number }>();

  async connect(setting: GatewaySetting): Promise<void> {
    const host = String(setting['host'] ?? '').trim();
    if (!host) throw new Error('setting "host" is empty');
    const contracts: SymbolInput[] = [];
    for (const part of String(setting['contracts'] ?? '').split(',')) {
      if (part.trim() === '') continue;
      const parsed = parseSymbolInput(part);
      if (parsed.kind === 'invalid') throw new Error(`setting "contracts": ${parsed.reason}`);
      contracts.push(parsed);
    }
    this.setting = {
      host,
      port: Number(setting['port']),
      clientId: Number(setting['clientId']),
      account: String(setting['account'] ?? '').trim(),
      contracts,
    };
    this.closing = false;
    this.setStatus(GatewayStatus.CONNECTING, `connecting to TWS at ${host}:${this.setting.port}`);
    try {
      await this.openLink();
    } catch (error) {
      this.shutdownLink();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
    // The link may already have dropped again while contracts loaded; the reconnect loop then owns the status.
    if (this.linkUp) {
      this.setStatus(
        GatewayStatus.CONNECTED,
        `connected to TWS (server version ${this.client!.serverVersion})`,
      );
    }
    this.writeLog(
      `connected to TWS ${host}:${this.setting.port} as client ${this.setting.clientId}, account ${this.account}`,
    );
    // Everything the sync pushed is queued on the bus; the caller may read the OMS once it is dispatched.
    await this.eventEngine.idle();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.shutdownLink();
    this.setStatus(GatewayStatus.DISCONNECTED, 'closed');
  }

  subscribe(req: SubscribeRequest): void {
    const input = parseSymbolInput(req.symbol);
    if (input.kind === 'invalid') {
      this.writeLog(`subscribe refused: ${input.reason}`, LogLevel.ERROR);
      return;
    }
    const exchange = req.exchange;
    const vtSymbol =
      input.kind === 'conId'
        ? makeVtSymbol(String(input.conId), exchange)
        : makeVtSymbol(req.symbol.trim().toUpperCase(), exchange);
    if (this.subs.has(vtSymbol)) return;
    const sub: Subscription = {
      vtSymbol,
      input,
      exchange,
      conId: input.kind === 'conId' ? input.conId : 0,
      mktReqId: 0,
      depthReqId: 0,
      ticks: undefined,
    };
    this.subs.set(vtSymbol, sub);
    if (this.linkUp) void this.startMarketData(sub);
  }

  /** The order as IB takes it, or a RequestError saying why it cannot be. */
  private ibOrderOf(req: OrderRequest): { conId: number; ibType: string } {
    const input = parseSymbolInput(req.symbol);
    if (input.kind !== 'conId') {
      throw new RequestError(
        `IB orders need a conId as symbol (${input.kind === 'invalid' ? input.reason : 'look the symbol up first'})`,
      );
    }
    const ibType = ORDER_TYPE_TO_IB[req.type];
    if (!ibType) throw new RequestError(`order type ${req.type} is not supported by IB here`);
    const sv = this.client?.serverVersion ?? 0;
    if (sv > 0 && sv < SERVER_VERSION.FRACTIONAL_POSITIONS && !Number.isInteger(req.volume)) {
      throw new RequestError(
        `TWS speaks server version ${sv}, which takes whole quantities only (fractional from ` +
          `${SERVER_VERSION.FRACTIONAL_POSITIONS}); ${req.volume} is not one`,
      );
    }
    return { conId: input.conId, ibType };
  }

  /** PLACE_ORDER for a request (routed where the vtSymbol says: SMART, or an exchange named directly). */
  private placeOrderFields(orderId: number, req: OrderRequest, whatIf: boolean): Field[] {
    const { conId, ibType } = this.ibOrderOf(req);
    const contract = ibContract({ conId, exchange: req.exchange });
    const ibOrder: out.IbOrder = {
      action: req.direction === Direction.SHORT ? 'SELL' : 'BUY',
      totalQuantity: req.volume,
      orderType: ibType,
      lmtPrice: req.type === OrderType.LIMIT ? req.price : undefined,
      auxPrice: req.type === OrderType.STOP ? req.price : undefined,
      tif: 'DAY',
      account: this.account,
      orderRef: sanitizeRef(req.reference ?? ''),
      whatIf,
    };
    return out.placeOrder(this.client?.serverVersion ?? 0, orderId, contract, ibOrder);
  }

  private takeOrderId(): number {
    const orderId = Math.max(this.nextOrderId, 1);
    this.nextOrderId = orderId + 1;
    return orderId;
  }

  sendOrder(req: OrderRequest): string {
    const { conId } = this.ibOrderOf(req);
    const orderId = this.takeOrderId();
    const order = orderFromRequest({ ...req, symbol: String(conId) }, String(orderId), this.gatewayName);
    this.tracker.add(order);
    if (!this.linkUp || !this.client) {
      this.finishOrder(orderId, Status.REJECTED, 'not connected to TWS');
      return order.vtOrderid;
    }
    this.client.send(this.placeOrderFields(orderId, req, false));
    return order.vtOrderid;
  }

  /**
   * IB's documented way to learn an order's margin and commission before sending it: the same order with
   * whatIf set, answered by an OPEN_ORDER whose order state carries the figures (nothing is placed, no order
   * status follows). The order id is used up, as TWS counts it.
   */
  override queryOrderCost(req: OrderRequest): Promise<OrderCost> {
    try {
      this.ibOrderOf(req);
      if (!this.linkUp || !this.client) throw new RequestError('not connected to TWS');
    } catch (error) {
      return Promise.reject(error);
    }
    const orderId = this.takeOrderId();
    const answer = this.whatIfs.open(
      orderId,
      WHAT_IF_TIMEOUT_MS,
      `TWS did not answer the what-if order`,
      undefined,
    );
    this.client.send(this.placeOrderFields(orderId, req, true));
    return answer.then((m) => {
      const st = m?.state;
      if (!st) throw new Error('TWS answered the what-if order without its figures');
      return {
        gatewayName: this.gatewayName,
        vtSymbol: `${req.symbol}.${req.exchange}`,
        currency: st.commissionCurrency || m.contract.currency,
        initMarginChange: st.initMarginChange,
        maintMarginChange: st.maintMarginChange,
        initMarginAfter: st.initMarginAfter,
        maintMarginAfter: st.maintMarginAfter,
        equityBefore: st.equityWithLoanBefore,
        equityAfter: st.equityWithLoanAfter,
        commission: st.commission,
        minCommission: st.minCommission,
        maxCommission: st.maxCommission,
        warning: st.warningText,
      };
    });
  }

  cancelOrder(req: CancelRequest): void {
    const orderId = Number(req.orderid);
    const order = Number.isInteger(orderId) ? this.order(orderId) : undefined;
    if (!order) throw new RequestError(`unknown order ${req.orderid}`);
    if (!isActive(order)) throw new RequestError(`order ${req.orderid} is ${order.status}, not active`);
    if (!this.linkUp || !this.client) {
      // Sent once the link is back, if the order is still live then.
      this.heldCancels.add(orderId);
      this.writeLog(`cancel of order ${orderId} held until TWS is reachable again`, LogLevel.WARNING);
      return;
    }
    this.client.send(out.cancelOrder(this.client.serverVersion, orderId));
  }

  /**
   * IB's documented modification: PLACE_ORDER again under the same order id, the same contract, action and
   * type, with the new price and/or total quantity. TWS answers with OPEN_ORDER and ORDER_STATUS carrying the
   * new figures, or an error (104 for a filled order) that leaves the order as it was.
   */
  override amendOrder(req: AmendRequest): void {
    const orderId = Number(req.orderid);
    const order = Number.isInteger(orderId) ? this.order(orderId) : undefined;
    if (!order) throw new RequestError(`unknown order ${req.orderid}`);
    if (!isActive(order)) throw new RequestError(`order ${req.orderid} is ${order.status}, not active`);
    if (!this.linkUp || !this.client) throw new RequestError('not connected to TWS');
    const price = req.price ?? order.price;
    const volume = req.volume ?? order.volume;
    const fields = this.placeOrderFields(
      orderId,
      {
        symbol: order.symbol,
        exchange: order.exchange,
        direction: order.direction,
        type: order.type,
        price,
        volume,
        offset: order.offset,
        reference: order.reference,
      },
      false,
    );
    this.amends.set(orderId, [...(this.amends.get(orderId) ?? []), { price, volume }]);
    this.client.send(fields);
  }

  override queryHistory(req: HistoryRequest): Promise<BarData[]> {
    const input = parseSymbolInput(req.symbol);
    if (input.kind !== 'conId') return Promise.reject(new RequestError('history needs a conId as symbol'));
    if (!this.linkUp || !this.client) return Promise.reject(new RequestError('not connected to TWS'));
    const end = req.end ?? Date.now();
    if (!(end > req.start)) return Promise.reject(new RequestError('history end must be after its start'));
    const reqId = this.newReqId();
    const client = this.client;
    const exchange: string = req.exchange;
    const answer = this.histories.open(reqId, HISTORY_TIMEOUT_MS, `history for ${req.symbol} timed out`, []);
    client.send(
      out.reqHistoricalData(client.serverVersion, {
        reqId,
        contract: ibContract({ conId: input.conId, exchange }),
        endDateTime: formatIbTime(end),
        barSize: BAR_SIZE[req.interval],
        duration: durationFor(end - req.start),
        useRth: false,
        whatToShow: exchange === 'IDEALPRO' ? 'MIDPOINT' : 'TRADES',
        formatDate: 2,
      }),
    );
    return answer.then((bars) =>
      bars
        .map((b) => barFromHistory(b, String(input.conId), req.exchange, req.interval, this.gatewayName))
        .filter((b) => b.datetime >= req.start && b.datetime <= end),
    );
  }

  // ---- link ----------------------------------------------------------------------------------------------

  private async openLink(): Promise<void> {
    const client = new TwsClient(
      { host: this.setting.host, port: this.setting.port, clientId: this.setting.clientId },
      {
        message: (m) => this.onMessageSafe(client, m),
        closed: (reason) => this.onLinkClosed(client, reason),
        malformed: (reason) =>
          this.writeLog(`skipped a malformed message from TWS: ${reason}`, LogLevel.WARNING),
      },
    );
    this.client = client;
    const synced = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const s = this.sync;
        const waiting = s
          ? Object.entries({
              accounts: s.accounts,
              nextValidId: s.nextId,
              account: s.accountDownload,
              openOrders: s.openOrders,
              executions: s.executions,
            })
              .filter(([, v]) => !v)
              .map(([k]) => k)
              .join(', ')
          : '';
        reject(new Error(`TWS did not finish the initial sync (still waiting for ${waiting})`));
      }, SYNC_TIMEOUT_MS);
      this.sync = {
        accounts: false,
        nextId: false,
        requested: false,
        accountDownload: false,
        openOrders: false,
        executions: false,
        execReqId: 0,
        seenOpen: new Set(),
        conIds: new Set(),
        lastError: '',
        done: () => {
          clearTimeout(timer);
          resolve();
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
    // Observed now so that a sync that fails while the handshake is still running is not "unhandled".
    synced.catch(() => undefined);
    await client.connect();
    this.twsOffsetMs = twsClockOffsetMs(client.connectionTime, client.connectedAt);
    await synced;
    const seen = [...(this.sync?.conIds ?? [])];
    this.sync = undefined;
    this.linkUp = true;
    this.attempt = 0;
    for (const orderId of this.heldCancels) {
      const order = this.order(orderId);
      if (order && isActive(order)) client.send(out.cancelOrder(client.serverVersion, orderId));
    }
    this.heldCancels.clear();
    const held = [...this.pendingPositions.keys()];
    await this.loadContracts([
      ...this.setting.contracts,
      ...[...new Set([...held, ...seen])].map((conId): SymbolInput => ({ kind: 'conId', conId })),
    ]);
    for (const conId of held) this.flushPosition(conId);
    for (const sub of this.subs.values()) void this.startMarketData(sub);
  }

  private shutdownLink(): void {
    this.linkUp = false;
    // Whether a modification in flight landed is told by the open orders sent after reconnecting.
    this.amends.clear();
    this.client?.close();
    this.client = undefined;
    const s = this.sync;
    this.sync = undefined;
    s?.fail(new Error('connection closed'));
    this.lookups.rejectAll(new Error('connection to TWS lost'));
    this.histories.rejectAll(new Error('connection to TWS lost'));
    this.whatIfs.rejectAll(new Error('connection to TWS lost'));
    this.tickReqs.clear();
    for (const sub of this.subs.values()) {
      sub.mktReqId = 0;
      sub.depthReqId = 0;
    }
  }

  private onLinkClosed(client: TwsClient, reason: string): void {
    if (client !== this.client) return;
    const s = this.sync;
    if (s) {
      // Still syncing: the attempt fails and its caller decides what comes next.
      this.sync = undefined;
      const said = s.lastError ? ` (TWS said: ${s.lastError})` : '';
      s.fail(new Error(`${reason} during the initial sync${said}`));
      return;
    }
    this.shutdownLink();
    if (this.closing) return;
    this.writeLog(`link to TWS lost: ${reason}; reconnecting`, LogLevel.WARNING);
    this.setStatus(GatewayStatus.RECONNECTING, reason);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]!;
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.openLink().then(
        () => {
          if (this.closing) return this.shutdownLink();
          if (!this.linkUp) return; // dropped again already; a new attempt is scheduled
          this.setStatus(GatewayStatus.CONNECTED, 'reconnected');
          this.writeLog('reconnected to TWS; orders and executions reconciled');
        },
        (error) => {
          this.shutdownLink();
          if (this.closing) return;
          this.writeLog(`reconnect attempt ${this.attempt} failed: ${errorMessage(error)}`, LogLevel.DEBUG);
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  private newReqId(): number {
    this.reqSeq += 1;
    return this.reqSeq;
  }

  // ---- contracts and market data ---------------------------------------------------------------------

  private lookup(input: SymbolInput, exchange: string): Promise<ContractDetailsMsg[]> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('not connected to TWS'));
    const reqId = this.newReqId();
    const answer = this.lookups.open(reqId, LOOKUP_TIMEOUT_MS, 'contract lookup timed out', []);
    client.send(out.reqContractDetails(client.serverVersion, reqId, contractForInput(input, exchange)));
    return answer;
  }

  private async loadContracts(inputs: readonly SymbolInput[]): Promise<void> {
    for (const input of inputs) {
      if (input.kind === 'conId' && this.contracts.has(input.conId)) continue;
      try {
        await this.lookup(input, '');
      } catch (error) {
        this.writeLog(`contract ${describeInput(input)}: ${errorMessage(error)}`, LogLevel.WARNING);
      }
    }
  }

  private async startMarketData(sub: Subscription): Promise<void> {
    try {
      if (sub.conId === 0 || !this.contracts.has(sub.conId)) {
        const found = await this.lookup(sub.input, sub.input.kind === 'lookup' ? sub.exchange : '');
        const first = found[0];
        if (!first) throw new Error('no such contract');
        if (sub.conId === 0) {
          sub.conId = first.contract.conId;
          this.writeLog(`${describeInput(sub.input)} is conId ${sub.conId} (${first.longName})`);
        }
      }
      const client = this.client;
      if (!client || !this.linkUp || sub.mktReqId !== 0) return;
      const known = this.contracts.get(sub.conId);
      // A conId is quoted where the subscription names; a looked-up symbol where its contract routes.
      const exchange =
        sub.input.kind === 'conId' ? sub.exchange : (exchangeOf(known?.ib.exchange ?? '') ?? sub.exchange);
      if (!sub.ticks) {
        sub.ticks = new TickAssembler(
          this.gatewayName,
          String(sub.conId),
          exchange,
          known?.data.name ?? '',
          known?.ib.secType === 'CASH',
        );
      }
      sub.ticks.resetDepth();
      sub.mktReqId = this.newReqId();
      sub.depthReqId = this.newReqId();
      this.tickReqs.set(sub.mktReqId, sub);
      this.tickReqs.set(sub.depthReqId, sub);
      const contract = ibContract({ conId: sub.conId, exchange });
      client.send(out.reqMktData(client.serverVersion, sub.mktReqId, contract));
      client.send(out.reqMktDepth(client.serverVersion, sub.depthReqId, contract, DEPTH_ROWS));
    } catch (error) {
      this.writeLog(`subscribe ${sub.vtSymbol}: ${errorMessage(error)}`, LogLevel.ERROR);
      this.subs.delete(sub.vtSymbol);
    }
  }

  /** After 1101 (data lost) TWS has forgotten the subscriptions: ask again. */
  private renewMarketData(): void {
    const client = this.client;
    if (!client) return;
    for (const sub of this.subs.values()) {
      if (sub.mktReqId) client.send(out.cancelMktData(sub.mktReqId));
      if (sub.depthReqId) client.send(out.cancelMktDepth(client.serverVersion, sub.depthReqId));
      this.tickReqs.delete(sub.mktReqId);
      this.tickReqs.delete(sub.depthReqId);
      sub.mktReqId = 0;
      sub.depthReqId = 0;
      void this.startMarketData(sub);
    }
  }

  private onContractDetails(m: ContractDetailsMsg): void {
    this.lookups.partial(m.reqId)?.push(m);
    const c = m.contract;
    const data = contractFromDetails(m, this.gatewayName);
    if (!data) {
      this.writeLog(
        `contract ${c.conId} trades on ${c.exchange}, which vnt does not list; skipped`,
        LogLevel.WARNING,
      );
      return;
    }
    // Every listing of a conId has the same home: the contract is listed once per lookup, from the home
    // listing itself or else the first listing seen, never moved by whichever listing comes last.
    const existing = this.contracts.get(c.conId);
    if (existing && existing.data.exchange === data.exchange && c.exchange.toUpperCase() !== data.exchange)
      return;
    this.contracts.set(c.conId, { ib: { ...c, exchange: data.exchange }, data });
    this.onContract(data);
  }

  // ---- messages --------------------------------------------------------------------------------------

  private onMessageSafe(client: TwsClient, m: ServerMessage): void {
    if (client !== this.client) return;
    try {
      this.onMessage(m);
    } catch (error) {
      this.writeLog(`could not handle a ${m.kind} message: ${errorMessage(error)}`, LogLevel.ERROR);
    }
  }

  private onMessage(m: ServerMessage): void {
    switch (m.kind) {
      case 'managedAccounts':
        return this.onAccounts(m.accounts);
      case 'nextValidId':
        this.nextOrderId = Math.max(this.nextOrderId, m.orderId);
        if (this.sync) {
          this.sync.nextId = true;
          this.requestSync();
        }
        return;
      case 'error':
        return this.onError(m.msg);
      case 'tickPrice': {
        const sub = this.tickReqs.get(m.msg.reqId);
        if (sub?.ticks?.price(m.msg)) this.onTick(sub.ticks.snapshot());
        return;
      }
      case 'tickSize': {
        const sub = this.tickReqs.get(m.msg.reqId);
        if (sub?.ticks?.size(m.msg)) this.onTick(sub.ticks.snapshot());
        return;
      }
      case 'tickString': {
        const sub = this.tickReqs.get(m.msg.reqId);
        sub?.ticks?.string(m.msg);
        return;
      }
      case 'depth': {
        const sub = this.tickReqs.get(m.msg.reqId);
        if (sub?.ticks?.depth(m.msg)) this.onTick(sub.ticks.snapshot());
        return;
      }
      case 'contractDetails':
        return this.onContractDetails(m.msg);
      case 'contractDetailsEnd':
        this.lookups.resolve(m.reqId);
        return;
      case 'openOrder':
        return this.onOpenOrder(m.msg);
      case 'orderStatus':
        return this.onOrderStatus(m.msg);
      case 'openOrderEnd':
        if (this.sync) {
          this.sync.openOrders = true;
          this.checkSynced();
        }
        return;
      case 'execution':
        return this.onExecution(m.msg);
      case 'executionEnd':
        if (this.sync && m.reqId === this.sync.execReqId) {
          this.sync.executions = true;
          this.checkSynced();
        }
        return;
      case 'accountValue':
        return this.onAccountValue(m.msg.key, m.msg.value, m.msg.currency, m.msg.account);
      case 'accountTime':
        return this.flushAccounts();
      case 'accountDownloadEnd':
        this.flushAccounts();
        if (this.sync) {
          this.sync.accountDownload = true;
          this.checkSynced();
        }
        return;
      case 'portfolio':
        return this.onPortfolio(m.msg);
      case 'historicalData':
        this.histories.resolve(m.msg.reqId, m.msg.bars);
        return;
      default:
        return;
    }
  }

  private onAccounts(accounts: string[]): void {
    const wanted = this.setting.account;
    if (wanted && !accounts.includes(wanted)) {
      this.sync?.fail(
        new Error(
          `account ${wanted} is not managed by this TWS login (it has: ${accounts.join(', ') || 'none'})`,
        ),
      );
      return;
    }
    this.account = wanted || accounts[0] || '';
    if (this.sync) {
      this.sync.accounts = true;
      this.requestSync();
    }
  }

  /** Once TWS has said who we are, ask for everything the sync needs. */
  private requestSync(): void {
    const s = this.sync;
    const client = this.client;
    if (!s || !client || s.requested || !s.accounts || !s.nextId) return;
    s.requested = true;
    s.execReqId = this.newReqId();
    client.send(out.reqAccountUpdates(true, this.account));
    client.send(out.reqOpenOrders());
    client.send(
      out.reqExecutions(s.execReqId, {
        clientId: this.setting.clientId,
        acctCode: this.account,
        time: '',
        symbol: '',
        secType: '',
        exchange: '',
        side: '',
      }),
    );
  }

  private checkSynced(): void {
    const s = this.sync;
    if (!s || !s.accountDownload || !s.openOrders || !s.executions) return;
    // Orders this gateway thought live but TWS no longer lists: filled ones were settled by the executions;
    // the rest ended while the link was down.
    for (const order of this.tracker.active()) {
      const orderId = Number(order.orderid);
      if (s.seenOpen.has(orderId)) continue;
      if (order.traded >= order.volume) this.finishOrder(orderId, Status.ALLTRADED, '');
      else this.finishOrder(orderId, Status.CANCELLED, 'no longer open at TWS after reconnecting');
    }
    s.done();
  }

  private onError(e: ErrorMsg): void {
    const text = `${e.code} ${e.message}`;
    if (INFO_CODES.has(e.code)) {
      this.writeLog(`TWS: ${text}`, LogLevel.DEBUG);
      return;
    }
    // Kept for the connect error: TWS explains a refusal (326 client id in use, ...) just before closing.
    if (this.sync && e.reqId === -1) this.sync.lastError = text;
    switch (e.code) {
      case CODE.CONNECTIVITY_LOST:
        this.writeLog(`TWS: ${text}`, LogLevel.WARNING);
        this.setStatus(GatewayStatus.RECONNECTING, 'TWS lost its connection to IB (1100)');
        return;
      case CODE.RESTORED_DATA_LOST:
        this.writeLog(`TWS: ${text}; renewing market data`, LogLevel.WARNING);
        this.renewMarketData();
        this.setStatus(GatewayStatus.CONNECTED, 'TWS connection to IB restored (1101)');
        return;
      case CODE.RESTORED_DATA_KEPT:
        this.writeLog(`TWS: ${text}`);
        this.setStatus(GatewayStatus.CONNECTED, 'TWS connection to IB restored (1102)');
        return;
      default:
        break;
    }
    const order = this.order(e.reqId);
    if (order && e.code < 2000 && e.code !== CODE.ORDER_CANCELLED && this.takeAmend(e.reqId)) {
      // A refused modification leaves the order working as it was (or as it ended): it is not rejected.
      this.writeLog(`amend of order ${e.reqId} refused: ${text}`, LogLevel.WARNING);
      if (isActive(order)) this.tracker.update({ ...order, statusMsg: `amend refused: ${text}` });
      return;
    }
    if (order) {
      if (e.code === CODE.ORDER_CANCELLED) {
        this.writeLog(`order ${e.reqId}: ${text}`, LogLevel.DEBUG);
      } else if (ORDER_REJECT_CODES.has(e.code) && isActive(order)) {
        this.finishOrder(e.reqId, Status.REJECTED, text);
        this.writeLog(`order ${e.reqId} rejected: ${text}`, LogLevel.WARNING);
      } else if (order.status === Status.REJECTED && order.statusMsg.startsWith(INACTIVE_MSG)) {
        // "Inactive" came before the error that explains it: the reason belongs on the order.
        this.tracker.explain(order.orderid, text);
      } else {
        this.writeLog(`order ${e.reqId}: ${text}`, LogLevel.WARNING);
      }
      return;
    }
    const failed = new Error(text);
    if (this.lookups.reject(e.reqId, failed) || this.histories.reject(e.reqId, failed)) return;
    // A warning (2000 and up) about a what-if order is not its answer; an error is.
    if (e.code < 2000 && this.whatIfs.reject(e.reqId, failed)) return;
    const sub = this.tickReqs.get(e.reqId);
    this.writeLog(
      `TWS: ${text}${sub ? ` (${sub.vtSymbol})` : ''}`,
      e.code >= 2000 ? LogLevel.INFO : LogLevel.WARNING,
    );
  }

  // ---- orders and trades -----------------------------------------------------------------------------

  /** An order this process did not send (another session, TWS itself, a previous run): adopt it. */
  private adopt(orderId: number, m: OpenOrderMsg): void {
    this.tracker.update(orderFromOpenOrder(m, this.gatewayName));
    this.nextOrderId = Math.max(this.nextOrderId, orderId + 1);
  }

  private order(orderId: number): OrderData | undefined {
    return this.tracker.get(String(orderId));
  }

  private onOpenOrder(m: OpenOrderMsg): void {
    if (m.orderId <= 0) return; // placed in TWS by hand and not bound to the API
    // A what-if answer describes an order that does not exist.
    if (m.whatIf && this.whatIfs.resolve(m.orderId, m)) return;
    if (!this.order(m.orderId)) this.adopt(m.orderId, m);
    else this.applyModification(m);
    this.sync?.seenOpen.add(m.orderId);
    this.needContract(m.contract.conId);
  }

  /**
   * A working order TWS reports with another price or total quantity was modified (by amendOrder, or in TWS).
   * While a modification is pending only the figures it asked for are taken.
   */
  private applyModification(m: OpenOrderMsg): void {
    const known = this.order(m.orderId);
    if (!known || !isActive(known) || m.whatIf) return;
    if (known.type !== OrderType.LIMIT && known.type !== OrderType.STOP) return;
    const incoming = orderFromOpenOrder(m, this.gatewayName);
    if (!(incoming.price > 0) || !(incoming.volume > 0)) return;
    if (incoming.price === known.price && incoming.volume === known.volume) return;
    const pending = this.amends.get(m.orderId) ?? [];
    const at = pending.findIndex((a) => a.price === incoming.price && a.volume === incoming.volume);
    if (pending.length > 0 && at < 0) return;
    // TWS answers modifications in order: those before the one answered are settled too.
    this.dropAmends(m.orderId, at + 1);
    if (!(incoming.volume >= known.traded)) return;
    this.tracker.amend(known.orderid, incoming.price, incoming.volume);
  }

  /** Settles the oldest pending modification of an order (TWS refused it); false when none was pending. */
  private takeAmend(orderId: number): boolean {
    if (!this.amends.get(orderId)?.length) return false;
    this.dropAmends(orderId, 1);
    return true;
  }

  private dropAmends(orderId: number, count: number): void {
    const rest = (this.amends.get(orderId) ?? []).slice(count);
    if (rest.length) this.amends.set(orderId, rest);
    else this.amends.delete(orderId);
  }

  private onOrderStatus(m: OrderStatusMsg): void {
    const order = this.order(m.orderId);
    if (!order) return;
    if (!isActive(order)) return; // final states are final; late or repeated reports change nothing
    if (!(m.filled >= 0 && m.filled <= order.volume)) {
      this.writeLog(
        `ignored a status for order ${m.orderId}: filled ${m.filled} of ${order.volume}`,
        LogLevel.WARNING,
      );
      return;
    }
    const traded = Math.max(order.traded, m.filled);
    const status = statusOf(m.status, traded, order.status);
    if (status === order.status && traded === order.traded) return;
    const statusMsg = status === Status.REJECTED && !order.statusMsg ? INACTIVE_MSG : order.statusMsg;
    this.tracker.update({ ...order, traded, status, statusMsg, datetime: Date.now() });
  }

  private onExecution(m: ExecutionMsg): void {
    const e = m.execution;
    // Missing fields read as empty (IB's convention), so a cut-short message decodes: here it must not
    // become a trade of nothing, under no id, in contract 0.
    if (!e.execId || !(e.shares > 0) || !(m.contract.conId > 0) || !(m.orderId >= 0)) {
      this.writeLog(
        `ignored an execution from TWS without an id, a positive quantity or a contract ` +
          `(execId "${e.execId}", shares ${e.shares}, conId ${m.contract.conId})`,
        LogLevel.WARNING,
      );
      return;
    }
    // IB's execIds are unique across instruments, and the listing a trade is named by may change with what is
    // known when it arrives: the execId alone is the key.
    if (this.tracker.recordTrade(`exec|${e.execId}`) !== 'new') return;
    const order = this.order(m.orderId);
    this.needContract(m.contract.conId);
    const known = this.contracts.get(m.contract.conId);
    const exchange = order?.exchange ?? exchangeOf(known?.ib.exchange ?? '') ?? Exchange.SMART;
    this.tracker.pushTrade(tradeFromExecution(m, exchange, this.gatewayName, this.twsOffsetMs));
    const executed = (this.executed.get(m.orderId) ?? 0) + e.shares;
    this.executed.set(m.orderId, executed);
    if (order && isActive(order) && executed > order.traded) {
      // Executions reported after a reconnect are the only news of fills made while the link was down.
      const traded = Math.min(executed, order.volume);
      const status = traded >= order.volume ? Status.ALLTRADED : Status.PARTTRADED;
      this.tracker.update({ ...order, traded, status, datetime: Date.now() });
    }
  }

  /** A contract TWS mentioned that vnt has not listed yet: looked up now, or with the sync's lookups. */
  private needContract(conId: number): void {
    if (this.contracts.has(conId)) return;
    if (this.sync) this.sync.conIds.add(conId);
    else if (this.linkUp) void this.loadContracts([{ kind: 'conId', conId }]);
  }

  private finishOrder(orderId: number, status: Status, statusMsg: string): void {
    const order = this.order(orderId);
    if (!order || !isActive(order)) return;
    if (status === Status.REJECTED) this.tracker.reject(order.orderid, statusMsg || order.statusMsg);
    else
      this.tracker.update({
        ...order,
        status,
        statusMsg: statusMsg || order.statusMsg,
        datetime: Date.now(),
      });
  }

  // ---- account and positions -------------------------------------------------------------------------

  private onAccountValue(key: string, value: string, currency: string, account: string): void {
    if (!currency || currency === 'BASE') return;
    const v = Number(value);
    if (!Number.isFinite(v)) return;
    const id = `${account}.${currency}`;
    const a = this.accountValues.get(id) ?? { balance: 0, available: 0, frozen: 0 };
    if (key === 'NetLiquidation' || key === 'NetLiquidationByCurrency') a.balance = v;
    else if (key === 'AvailableFunds') a.available = v;
    else if (key === 'FullInitMarginReq') a.frozen = v;
    else return;
    this.accountValues.set(id, a);
  }

  private flushAccounts(): void {
    for (const [id, a] of this.accountValues) {
      this.onAccount(
        createAccount({
          gatewayName: this.gatewayName,
          accountid: id,
          balance: a.balance,
          frozen: a.frozen,
          available: a.available,
          currency: id.slice(id.lastIndexOf('.') + 1),
        }),
      );
    }
  }

  private onPortfolio(m: PortfolioMsg): void {
    const conId = m.contract.conId;
    if (this.positionHomes.has(conId) || this.contracts.has(conId)) {
      this.pushPosition(m);
      return;
    }
    // PORTFOLIO_VALUE names no routing exchange: the position waits for TWS to describe its contract, so
    // that it is listed under the contract's home from the start.
    const asked = this.pendingPositions.has(conId);
    this.pendingPositions.set(conId, m);
    if (!asked && this.linkUp) {
      void this.loadContracts([{ kind: 'conId', conId }]).then(() => this.flushPosition(conId));
    }
  }

  /** A position keeps the exchange it was first listed under for the gateway's life, so it is never doubled. */
  private pushPosition(m: PortfolioMsg): void {
    const conId = m.contract.conId;
    let exchange = this.positionHomes.get(conId);
    if (!exchange) {
      exchange = this.contracts.get(conId)?.data.exchange ?? fallbackExchange(m.contract.secType);
      this.positionHomes.set(conId, exchange);
    }
    this.onPosition(positionFromPortfolio(m, exchange, this.gatewayName));
  }

  private flushPosition(conId: number): void {
    const m = this.pendingPositions.get(conId);
    if (!m) return;
    this.pendingPositions.delete(conId);
    this.pushPosition(m);
  }
}
