// The simulated TWS: a loopback server speaking the TWS socket API over the shared matching engine. Admin
// hooks (dropAll, restart, linkLost/linkRestored, rejectNext) let tests and `vnt sim ib` play TWS's bad days.
import net from 'node:net';
import type {
  SimExchange,
  SimExchangeEvents,
  SimFill,
  SimOrder,
  SimOrderStatus,
  SimPosition,
  SimAccount,
} from '../../../src/sim/types.js';
import { OrderType } from '../../../src/core/constant.js';
import type { Field } from '../codec.js';
import * as msg from '../incoming.js';
import type { IbOrder } from '../outgoing.js';
import { MAX_CLIENT_VERSION, MIN_CLIENT_VERSION, type IbContract } from '../protocol.js';
import { formatIbTime, formatIbWallTime } from '../time.js';
import type { IbSimInstrument } from './instruments.js';
import type { OrderMeta, SessionPort, TwsHost } from './host.js';
import { SimSession } from './session.js';

export interface TwsSimulatorOptions {
  exchange: SimExchange;
  instruments: readonly IbSimInstrument[];
  account: string;
  host?: string;
  port?: number;
  /** The server versions this TWS supports (defaults: what the codec implements). */
  minVersion?: number;
  maxVersion?: number;
}

const IB_TYPES: Record<string, OrderType> = {
  LMT: OrderType.LIMIT,
  MKT: OrderType.MARKET,
  STP: OrderType.STOP,
};

const STATUS: Record<SimOrderStatus, string> = {
  NEW: 'Submitted',
  PARTIALLY_FILLED: 'Submitted',
  FILLED: 'Filled',
  CANCELED: 'Cancelled',
  REJECTED: 'Inactive',
  PENDING_TRIGGER: 'PreSubmitted',
};

export class TwsSimulator implements TwsHost<SimSession> {
  readonly exchange: SimExchange;
  readonly account: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  private readonly instruments: readonly IbSimInstrument[];
  private readonly byConId = new Map<number, IbSimInstrument>();
  private readonly sessions = new Set<SimSession>();
  private readonly clients = new Map<number, SimSession>();
  private readonly meta = new Map<string, OrderMeta>();
  /** Orders whose rejection was already announced (a rejection may surface as a result and as an event). */
  private readonly rejected = new Set<string>();
  private server: net.Server | undefined;
  private host: string;
  private boundPort = 0;
  private nextId = 1;
  private dataPaused = false;
  private readonly unsubscribe: Array<() => void> = [];
  /** Requests received per kind, across all clients (tests check what did, or did not, reach TWS). */
  readonly received = new Map<string, number>();

  constructor(options: TwsSimulatorOptions) {
    this.exchange = options.exchange;
    this.account = options.account;
    this.instruments = options.instruments;
    for (const i of options.instruments) this.byConId.set(i.contract.conId, i);
    this.minVersion = options.minVersion ?? MIN_CLIENT_VERSION;
    this.maxVersion = options.maxVersion ?? MAX_CLIENT_VERSION;
    this.host = options.host ?? '127.0.0.1';
    this.boundPort = options.port ?? 0;
    this.listen('order', (o) => this.onOrder(o));
    this.listen('fill', (f) => this.onFill(f));
    this.listen('account', (a) => this.onAccount(a));
    this.listen('position', (acc, p) => this.onPosition(acc, p));
    this.listen('book', (b) => this.market((s) => s.onBook(b)));
    this.listen('trade', (t) => this.market((s) => s.onTrade(t)));
    this.listen('stats', (st) => this.market((s) => s.onStats(st)));
  }

  get port(): number {
    return this.boundPort;
  }

  get address(): string {
    return `${this.host}:${this.boundPort}`;
  }

  /** API clients past START_API. */
  get clientCount(): number {
    return this.clients.size;
  }

  async start(): Promise<void> {
    const server = net.createServer((socket) => this.sessions.add(new SimSession(socket, this)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as net.AddressInfo).port;
  }

  /** Stops listening and closes every client; the matching engine is the caller's. */
  async stop(): Promise<void> {
    const closed = this.stopListening();
    this.dropAll();
    await closed;
    for (const off of this.unsubscribe.splice(0)) off();
  }

  // ---- admin hooks -------------------------------------------------------------------------------------

  /** Closes every API connection at once, as TWS's daily restart does; new connections are accepted. */
  dropAll(): void {
    for (const s of [...this.sessions]) s.drop();
  }

  /** Daily-restart style: drops everyone and refuses connections until resume() (TWS is "restarting"). */
  async restart(): Promise<void> {
    // server.close() waits for open connections, so they go first.
    const closed = this.stopListening();
    this.dropAll();
    await closed;
  }

  /** Listens again on the same port after restart(). */
  async resume(): Promise<void> {
    if (!this.server) await this.start();
  }

  /** TWS lost its link to IB's servers (code 1100): market data stops flowing. */
  linkLost(): void {
    this.dataPaused = true;
    this.broadcastError(1100, 'Connectivity between IB and Trader Workstation has been lost.');
  }

  /** The link is back (1101: data lost, subscriptions must be renewed; 1102: data maintained). */
  linkRestored(dataLost: boolean): void {
    this.dataPaused = false;
    if (dataLost) {
      // TWS forgets the market-data subscriptions when data was lost.
      this.each((s) => s.ticks.clear());
      this.broadcastError(1101, 'Connectivity between IB and TWS has been restored- data lost.');
    } else {
      this.broadcastError(1102, 'Connectivity between IB and TWS has been restored- data maintained.');
    }
  }

  /** Writes raw bytes to every connected client (tests of malformed and hostile streams). */
  sendRaw(bytes: Buffer): void {
    this.each((s) => s.sendRaw(bytes));
  }

  /** The next order is refused with this reason (returned as it will appear in error 201). */
  rejectNext(reason: string): string {
    this.exchange.injectReject(this.account, reason);
    return reason;
  }

  // ---- session services --------------------------------------------------------------------------------

  count(kind: string): void {
    this.received.set(kind, (this.received.get(kind) ?? 0) + 1);
  }

  claim(clientId: number, session: SimSession): boolean {
    if (this.clients.has(clientId)) return false;
    this.clients.set(clientId, session);
    return true;
  }

  release(session: SimSession): void {
    this.sessions.delete(session);
    if (this.clients.get(session.clientId) === session) this.clients.delete(session.clientId);
  }

  nextValidId(): number {
    return this.nextId;
  }

  bySymbol(symbol: string): IbSimInstrument | undefined {
    return this.byConId.get(Number(symbol));
  }

  /** The contract a request means: by conId when given, else by symbol, type and currency. */
  instrumentFor(c: IbContract): IbSimInstrument | undefined {
    if (c.conId > 0) return this.byConId.get(c.conId);
    const found = this.findInstruments(c);
    return found.length === 1 ? found[0] : undefined;
  }

  findInstruments(c: IbContract): IbSimInstrument[] {
    if (c.conId > 0) {
      const i = this.byConId.get(c.conId);
      return i ? [i] : [];
    }
    const eq = (a: string, b: string) => a === '' || a.toUpperCase() === b.toUpperCase();
    return this.instruments.filter(
      (i) =>
        c.symbol !== '' &&
        (eq(c.symbol, i.contract.symbol) || eq(c.symbol, i.contract.localSymbol)) &&
        eq(c.secType, i.contract.secType) &&
        eq(c.currency, i.contract.currency),
    );
  }

  metaOf(o: SimOrder): OrderMeta | undefined {
    return this.meta.get(o.clientOrderId);
  }

  metaOfClientId(clientOrderId: string): OrderMeta | undefined {
    return this.meta.get(clientOrderId);
  }

  placeOrder(session: SessionPort, orderId: number, contract: IbContract, order: IbOrder): void {
    const key = `${session.clientId}/${orderId}`;
    const inst = this.instrumentFor(contract);
    const type = IB_TYPES[order.orderType];
    const refuse = (code: number, text: string): void => {
      session.error(orderId, code, text);
      session.send(this.statusFields(session, orderId, 'Inactive', order.totalQuantity));
    };
    if (orderId < 1) return refuse(103, 'Duplicate order id');
    if (!inst) return refuse(200, 'No security definition has been found for the request');
    if (!type) return refuse(387, `Unsupported order type ${order.orderType}`);
    if (order.action !== 'BUY' && order.action !== 'SELL')
      return refuse(201, `Order rejected - reason:invalid action ${order.action}`);
    if (order.whatIf) return session.send(this.whatIfMessage(session, orderId, inst, order));
    const known = this.meta.get(key);
    if (known) return this.modifyOrder(session, key, known, inst, order);
    this.nextId = Math.max(this.nextId, orderId + 1);
    this.meta.set(key, {
      clientId: session.clientId,
      orderId,
      orderType: order.orderType,
      lmtPrice: order.lmtPrice,
      auxPrice: order.auxPrice,
      tif: order.tif,
      orderRef: order.orderRef,
      conId: inst.contract.conId,
    });
    const price =
      type === OrderType.LIMIT ? (order.lmtPrice ?? 0) : type === OrderType.STOP ? (order.auxPrice ?? 0) : 0;
    const result = this.exchange.placeOrder(this.account, {
      symbol: inst.spec.symbol,
      side: order.action,
      type,
      price,
      volume: order.totalQuantity,
      clientOrderId: key,
    });
    if (!result.ok) {
      if (this.rejected.has(key)) return;
      this.rejected.add(key);
      const code = result.code === 'BAD_PRICE_TICK' ? 110 : 201;
      const text =
        code === 110
          ? `The price does not conform to the minimum price variation for this contract. ${result.reason}`
          : `Order rejected - reason:${result.reason}`;
      session.error(orderId, code, text);
      session.send(this.statusFields(session, orderId, 'Inactive', order.totalQuantity));
    }
  }

  /**
   * TWS takes PLACE_ORDER under a known order id as a modification of that order: the same contract, action and
   * type, a new price, total quantity or tif. A working order is changed in place (OPEN_ORDER and ORDER_STATUS
   * follow with the new figures); a filled one is refused with 104, a mismatch with 105 (IB's message codes),
   * and an order already cancelled or rejected with 103, its id being used up. A refusal changes nothing.
   */
  private modifyOrder(
    session: SessionPort,
    key: string,
    meta: OrderMeta,
    inst: IbSimInstrument,
    order: IbOrder,
  ): void {
    const orderId = meta.orderId;
    const o = this.exchange.getOrderByClientId(this.account, key);
    if (!o) return session.error(orderId, 103, 'Duplicate order id');
    if (inst.contract.conId !== meta.conId || order.action !== o.side || order.orderType !== meta.orderType) {
      return session.error(orderId, 105, 'Order being modified does not match original order.');
    }
    if (o.status === 'FILLED') return session.error(orderId, 104, "Can't modify a filled order.");
    if (o.status === 'CANCELED' || o.status === 'REJECTED') {
      return session.error(orderId, 103, 'Duplicate order id');
    }
    const type = IB_TYPES[order.orderType];
    const price = type === OrderType.STOP ? order.auxPrice : order.lmtPrice;
    const change: { price?: number; volume?: number } = {};
    if (price !== undefined && price !== o.price) change.price = price;
    if (order.totalQuantity !== o.volume) change.volume = order.totalQuantity;
    const before = { ...meta };
    // The exchange pushes the changed order at once; its OPEN_ORDER must already carry the new prices.
    Object.assign(meta, { lmtPrice: order.lmtPrice, auxPrice: order.auxPrice, tif: order.tif });
    if (change.price === undefined && change.volume === undefined) {
      session.send(this.openOrderMessage(session.serverVersion, o, meta));
      session.send(this.orderStatusMessage(session.serverVersion, o, meta));
      return;
    }
    const result = this.exchange.amendByClientId(this.account, key, change);
    if (result.ok) return;
    Object.assign(meta, before);
    if (result.code === 'BAD_PRICE_TICK') {
      return session.error(
        orderId,
        110,
        `The price does not conform to the minimum price variation for this contract. ${result.reason}`,
      );
    }
    session.error(orderId, 134, `Modify order failed. ${result.reason}`);
  }

  /**
   * The answer to a what-if order, as TWS gives it: OPEN_ORDER with whatIf set and the order state's margin
   * (before, change, after) and commission; no ORDER_STATUS, and nothing placed. The margin is the instrument's
   * share of the order's value at its limit (else the last price); the commission the simulated exchange's
   * rate of that value. A sell is taken as opening a short, as selling what the account holds is not modelled.
   */
  private whatIfMessage(
    session: SessionPort,
    orderId: number,
    inst: IbSimInstrument,
    order: IbOrder,
  ): Field[] {
    const a = this.exchange.getAccount(this.account);
    const price =
      order.lmtPrice ?? order.auxPrice ?? this.exchange.getStats(inst.spec.symbol)?.lastPrice ?? 0;
    const value = price * order.totalQuantity * inst.spec.size;
    const commission = Math.round(value * (inst.spec.commissionRate ?? 0) * 100) / 100;
    // The account's margin now (what it holds and has open), maintenance in the instrument's proportion.
    const init = a?.frozen ?? 0;
    const maint = (init * inst.margin.maintenance) / inst.margin.initial;
    const equity = a?.balance ?? 0;
    const initChange = value * inst.margin.initial;
    const maintChange = value * inst.margin.maintenance;
    const base = { ...order, orderId, clientId: session.clientId, permId: 0, status: 'PreSubmitted' };
    return this.openOrderOf(session.serverVersion, inst, base, {
      whatIf: true,
      state: {
        initMarginBefore: init,
        maintMarginBefore: maint,
        equityWithLoanBefore: equity,
        initMarginChange: initChange,
        maintMarginChange: maintChange,
        equityWithLoanChange: -commission,
        initMarginAfter: init + initChange,
        maintMarginAfter: maint + maintChange,
        equityWithLoanAfter: equity - commission,
        commission,
        commissionCurrency: 'USD',
        warningText: '',
      },
    });
  }

  cancelOrder(session: SessionPort, orderId: number): void {
    const key = `${session.clientId}/${orderId}`;
    const result = this.exchange.cancelByClientId(this.account, key);
    if (result.ok) {
      session.error(orderId, 202, 'Order Canceled - reason:');
    } else if (result.code === 'ORDER_NOT_ACTIVE') {
      session.error(
        orderId,
        161,
        `Cancel attempted when order is not in a cancellable state.  Order permId =${result.reason}`,
      );
    } else {
      session.error(orderId, 10147, `OrderId ${orderId} that needs to be cancelled is not found.`);
    }
  }

  openOrderMessage(serverVersion: number, o: SimOrder, meta: OrderMeta): Field[] {
    const inst = this.byConId.get(meta.conId)!;
    const { orderId, orderType, lmtPrice, auxPrice, tif, orderRef, clientId } = meta;
    return this.openOrderOf(serverVersion, inst, {
      ...{ orderId, orderType, lmtPrice, auxPrice, tif, orderRef, clientId },
      action: o.side,
      totalQuantity: o.volume,
      permId: o.orderId,
      status: STATUS[o.status],
    });
  }

  /** OPEN_ORDER for one of the instruments, in the simulated account; prices unset read as 0. */
  private openOrderOf(
    serverVersion: number,
    inst: IbSimInstrument,
    o: Omit<msg.OpenOrderMsg, 'contract' | 'account' | 'lmtPrice' | 'auxPrice'> & {
      lmtPrice?: number;
      auxPrice?: number;
    },
    extra: Pick<msg.OpenOrderMsg, 'whatIf' | 'state'> = {},
  ): Field[] {
    const { lmtPrice = 0, auxPrice = 0 } = o;
    return msg.openOrder(serverVersion, {
      ...o,
      ...extra,
      contract: inst.contract,
      account: this.account,
      lmtPrice,
      auxPrice,
    });
  }

  orderStatusMessage(serverVersion: number, o: SimOrder, meta: OrderMeta): Field[] {
    return msg.orderStatus(serverVersion, {
      orderId: meta.orderId,
      status: STATUS[o.status],
      filled: o.filled,
      remaining: o.status === 'CANCELED' || o.status === 'REJECTED' ? 0 : o.volume - o.filled,
      avgFillPrice: o.avgPrice,
      permId: o.orderId,
      parentId: 0,
      lastFillPrice: o.avgPrice,
      clientId: meta.clientId,
      whyHeld: '',
      mktCapPrice: 0,
    });
  }

  executionMessage(reqId: number, f: SimFill, meta: OrderMeta): msg.ExecutionMsg {
    const inst = this.byConId.get(meta.conId)!;
    const order = this.exchange.getOrderByClientId(this.account, f.clientOrderId);
    return {
      reqId,
      orderId: meta.orderId,
      contract: { ...inst.contract, exchange: inst.contract.primaryExchange || inst.contract.exchange },
      execution: {
        execId: execIdOf(f),
        // TWS reports executions in its own wall clock without a zone; this TWS's clock is UTC.
        time: formatIbWallTime(f.time),
        account: this.account,
        exchange: inst.contract.primaryExchange || inst.contract.exchange,
        side: f.side === 'BUY' ? 'BOT' : 'SLD',
        shares: f.volume,
        price: f.price,
        permId: f.orderId,
        clientId: meta.clientId,
        cumQty: order?.filled ?? f.volume,
        avgPrice: order?.avgPrice ?? f.price,
        orderRef: meta.orderRef,
      },
    };
  }

  commissionMessage(f: SimFill): msg.CommissionMsg {
    return { execId: execIdOf(f), commission: f.commission, currency: 'USD', realizedPnl: 0 };
  }

  sendAccount(session: SessionPort): void {
    const a = this.exchange.getAccount(this.account);
    if (!a) return;
    const ccy = a.currency;
    const value = (key: string, v: number | string, currency = ccy) =>
      session.send(msg.accountValue({ key, value: String(v), currency, account: this.account }));
    value('AccountType', 'INDIVIDUAL', '');
    value('NetLiquidation', a.balance);
    value('TotalCashValue', a.balance - a.frozen);
    value('AvailableFunds', a.available);
    value('BuyingPower', a.available);
    value('FullInitMarginReq', a.frozen);
    value('RealizedPnL', a.realizedPnl);
    value('ExchangeRate', '1.00', ccy);
  }

  sendPortfolio(session: SessionPort, p: SimPosition): void {
    const inst = this.bySymbol(p.symbol);
    if (!inst) return;
    const signed = p.direction === 'SHORT' ? -p.volume : p.volume;
    const last = this.exchange.getStats(p.symbol)?.lastPrice ?? p.avgPrice;
    session.send(
      msg.portfolioValue({
        contract: inst.contract,
        position: signed,
        marketPrice: last,
        marketValue: signed * last * inst.spec.size,
        averageCost: p.avgPrice * inst.spec.size,
        unrealizedPnl: p.pnl,
        realizedPnl: 0,
        account: this.account,
      }),
    );
  }

  // ---- engine events -----------------------------------------------------------------------------------

  private onOrder(o: SimOrder): void {
    if (o.accountId !== this.account) return;
    const meta = this.meta.get(o.clientOrderId);
    if (!meta) return;
    const session = this.clients.get(meta.clientId);
    if (!session?.ready) return;
    if (o.status === 'REJECTED') {
      if (this.rejected.has(o.clientOrderId)) return;
      this.rejected.add(o.clientOrderId);
      session.error(meta.orderId, 201, `Order rejected - reason:${o.reason}`);
    }
    session.send(this.openOrderMessage(session.serverVersion, o, meta));
    session.send(this.orderStatusMessage(session.serverVersion, o, meta));
  }

  private onFill(f: SimFill): void {
    if (f.accountId !== this.account) return;
    const meta = this.meta.get(f.clientOrderId);
    if (!meta) return;
    const session = this.clients.get(meta.clientId);
    if (!session?.ready) return;
    session.send(msg.executionData(session.serverVersion, this.executionMessage(-1, f, meta)));
    session.send(msg.commissionReport(this.commissionMessage(f)));
  }

  private onAccount(a: SimAccount): void {
    if (a.accountId !== this.account) return;
    this.each((s) => {
      if (!s.accountUpdates) return;
      this.sendAccount(s);
      s.send(msg.accountTime(formatIbTime(Date.now()).slice(9, 14)));
    });
  }

  private onPosition(accountId: string, p: SimPosition): void {
    if (accountId !== this.account) return;
    this.each((s) => {
      if (s.accountUpdates) this.sendPortfolio(s, p);
    });
  }

  /** The status of an order TWS refused: Inactive, nothing filled. */
  private statusFields(session: SessionPort, orderId: number, status: string, remaining: number): Field[] {
    return msg.orderStatus(session.serverVersion, {
      orderId,
      status,
      filled: 0,
      remaining,
      avgFillPrice: 0,
      permId: 0,
      parentId: 0,
      lastFillPrice: 0,
      clientId: session.clientId,
      whyHeld: '',
      mktCapPrice: 0,
    });
  }

  private each(fn: (s: SimSession) => void): void {
    for (const s of this.clients.values()) if (s.ready) fn(s);
  }

  private market(fn: (s: SimSession) => void): void {
    if (!this.dataPaused) this.each(fn);
  }

  private broadcastError(code: number, text: string): void {
    this.each((s) => s.error(-1, code, text));
  }

  private listen<E extends keyof SimExchangeEvents>(event: E, fn: SimExchangeEvents[E]): void {
    this.exchange.on(event, fn);
    this.unsubscribe.push(() => this.exchange.off(event, fn));
  }

  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** IB-style execution id: "0000" + permId in hex, fill number, ".01.01". */
function execIdOf(f: SimFill): string {
  return `0000${f.orderId.toString(16).padStart(4, '0')}.${f.tradeId.toString(16).padStart(8, '0')}.01.01`;
}
