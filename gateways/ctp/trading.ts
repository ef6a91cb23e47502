// What the trading clients of the Ftdc SDKs (CTP and CTP Mini in td.ts, FEMAS in gateways/femas/td.ts) do
// alike: the paced query chain and its rows, the first sync and the reconcile after a reconnect, VN
// Trader's periodic account/position refresh, orders and trades through the shared tracker, rejections
// and the checks before an order is sent. Each client composes one and keeps what is its SDK's own: the
// login chain, its order ids and the fields of its requests.
import { LogLevel, Status, type Exchange } from '../../src/core/constant.js';
import {
  orderFromRequest,
  type AccountData,
  type ContractData,
  type OrderData,
  type OrderRequest,
  type TradeData,
} from '../../src/core/object.js';
import type { FtdcEvent, FtdcRspInfo } from '../../bindings/native/ftdc.js';
import type { NativeRecord } from '../../bindings/native/structs.js';
import { OrderTracker } from '../common/order-tracker.js';
import { QueryPacer } from '../common/query-pacer.js';
import { errorText, isError, ORDER_TYPE_TO_CTP, type PositionPart } from './parse.js';
import { PositionBook } from './positions.js';
import type { GatewayPushes } from './pushes.js';

/** What one SDK's client tells the shared part. */
export interface FtdcTradingVenue<M extends string, S extends string> {
  /** How messages name the SDK ("CTP", "FEMAS"). */
  readonly sdk: string;
  readonly queryIntervalMs: number;
  /** What a position row's cost is divided by, besides the volume, to give a price. */
  costDivisor(contract: ContractData | undefined): number;
  /** Sends one Req* call; resolves with its return code. */
  request(method: M, struct: S, fields: NativeRecord): Promise<number>;
  exchangeOf(code: string): Exchange | null;
  parseContract(r: NativeRecord, gatewayName: string): ContractData | null;
  /** An order row (push or query answer) as vnt's order; the client may note ids it has seen. */
  order(r: NativeRecord, exchange: Exchange): OrderData | null;
  trade(r: NativeRecord, exchange: Exchange): TradeData;
  /** The vnt order id a rejected InputOrder names. */
  insertOrderid(r: NativeRecord): string;
  /** The periodic refresh (account and positions alternately). */
  queryAccount(): void;
  queryPosition(): void;
}

/** The one-character codes an order is sent with, or why it cannot be. */
export interface OrderCodes {
  type: readonly [string, string, string];
  direction: string;
  offset: string;
}

export class FtdcTrading<M extends string, S extends string> {
  loggedIn = false;
  /**
   * This login's sync (through trades) has completed. Cleared when the front drops, so that after a
   * reconnect the gateway shows CONNECTED only once orders and trades are reconciled, never before.
   */
  synced = false;
  /** A sync has completed once: later ones are reconciliations after a reconnect. */
  private syncedOnce = false;
  readonly contracts = new Map<string, ContractData>();
  readonly pacer: QueryPacer;
  /** Never backwards, each trade once: the shared tracker every gateway pushes orders and trades through. */
  readonly tracker: OrderTracker;
  readonly positions: PositionBook;
  private periodic: NodeJS.Timeout | undefined;
  private periodicTurn = 0;
  /** Callbacks whose stray answers have been logged (once each). */
  private readonly strays = new Set<string>();

  constructor(
    private readonly venue: FtdcTradingVenue<M, S>,
    readonly push: GatewayPushes,
  ) {
    this.tracker = new OrderTracker({ order: (o) => push.order(o), trade: (t) => push.trade(t) });
    this.positions = new PositionBook(push.gatewayName, this.contracts, (c) => venue.costDivisor(c));
    this.pacer = new QueryPacer(venue.queryIntervalMs, (name, code) =>
      this.log(`${name} query was not sent (code ${code})`, LogLevel.WARNING),
    );
  }

  get gatewayName(): string {
    return this.push.gatewayName;
  }

  /** A log line that names the SDK. */
  log(msg: string, level?: LogLevel): void {
    this.push.log(`${this.venue.sdk} ${msg}`, level);
  }

  /** A login step's answer: false (and the step reported failed) when it carries an error. */
  stepOk(step: string, info: FtdcRspInfo | null): boolean {
    if (!isError(info)) return true;
    this.push.failed(`${this.venue.sdk} ${step} failed`, info);
    return false;
  }

  /** Sends a request whose answer comes as an event; a refusal or a failed send is logged. */
  send(what: string, method: M, struct: S, fields: NativeRecord): void {
    void this.venue.request(method, struct, fields).then(
      (code) => code !== 0 && this.log(`${what} not sent (code ${code})`),
      (e: Error) => this.notSent(what, e),
    );
  }

  /** A request the session could not make (its host ended, or the call hung and was cut off). */
  notSent(what: string, e: Error): void {
    this.log(`${what} not sent: ${e.message}`, LogLevel.WARNING);
  }

  /**
   * The events every Ftdc trading API sends alike; false for one the client handles itself (its login
   * chain, its query answers whose rows differ, its cancel answers).
   */
  handle(e: FtdcEvent): boolean {
    switch (e.name) {
      case 'OnFrontDisconnected':
        this.loggedIn = false;
        this.synced = false;
        this.pacer.clear();
        this.log(`trading front disconnected (reason 0x${e.reason.toString(16)})`, LogLevel.WARNING);
        this.push.linkChanged();
        return true;
      case 'OnRspQryInstrument':
        this.onQueryRow(e, 'instruments', (r) => {
          const c = this.venue.parseContract(r, this.gatewayName);
          if (c) {
            this.contracts.set(c.symbol, c);
            this.push.contract(c);
          }
        });
        return true;
      case 'OnRspQryOrder':
        this.onQueryRow(e, 'orders', (r) => this.onOrder(r));
        return true;
      case 'OnRspQryTrade':
        if (this.onQueryRow(e, 'trades', (r) => this.onTrade(r)) && e.isLast && this.loggedIn)
          this.onSynced();
        return true;
      case 'OnRtnOrder':
        if (e.data) this.onOrder(e.data);
        return true;
      case 'OnRtnTrade':
        if (e.data) this.onTrade(e.data);
        return true;
      case 'OnRspOrderInsert':
      case 'OnErrRtnOrderInsert':
        if (e.data && isError(e.info)) this.onInsertError(e.data, e.info);
        return true;
      case 'OnRspError':
        if (e.info) this.log(`error: ${errorText(e.info)}`, LogLevel.ERROR);
        return true;
      default:
        return false;
    }
  }

  /** Account rows of a query answer. */
  onAccountRows(e: FtdcEvent, parse: (r: NativeRecord, gatewayName: string) => AccountData): void {
    this.onQueryRow(e, 'account', (r) => this.push.account(parse(r, this.gatewayName)));
  }

  /** Position rows of a query answer, merged and pushed when the answer is complete. */
  onPositionRows(e: FtdcEvent, part: (r: NativeRecord) => PositionPart | null): void {
    const ours = this.onQueryRow(e, 'positions', (r) => {
      const p = part(r);
      if (p) this.positions.add(p);
    });
    if (ours && e.isLast) this.positions.flush((p) => this.push.position(p));
  }

  /**
   * The rows of an answer to query `name`. False when that query is not the one in flight: such a stray
   * answer (logged once per callback) neither changes what it describes nor ends another query's answer.
   */
  onQueryRow(e: FtdcEvent, name: string, each: (r: NativeRecord) => void): boolean {
    if (!this.pacer.awaits(name)) {
      if (!this.strays.has(e.name)) {
        this.strays.add(e.name);
        this.log(`${e.name} arrived with no ${name} query in flight: skipped`, LogLevel.WARNING);
      }
      return false;
    }
    if (isError(e.info)) this.log(`query failed: ${errorText(e.info)}`, LogLevel.WARNING);
    else if (e.data) each(e.data);
    if (e.isLast) this.pacer.done();
    return true;
  }

  /** Queues a query behind the others (the counter's flow limit); `sent` runs as it goes out. */
  query(name: string, method: M, struct: S, fields: NativeRecord, sent?: () => void): void {
    this.pacer.push({
      name,
      send: () => {
        sent?.();
        // Rows accumulate per answer; the pacer guarantees no other position answer is in flight now.
        if (name === 'positions') this.positions.clear();
        return this.venue.request(method, struct, fields);
      },
    });
  }

  /** The login's sync: contracts (once), then account, positions, orders and trades. */
  startSync(queries: {
    instruments: [M, S];
    account: [M, S];
    positions: [M, S];
    orders: [M, S];
    trades: [M, S];
    who: NativeRecord;
  }): void {
    const { who } = queries;
    if (this.contracts.size === 0) this.query('instruments', ...queries.instruments, {});
    this.query('account', ...queries.account, who);
    this.query('positions', ...queries.positions, who);
    this.query('orders', ...queries.orders, who);
    this.query('trades', ...queries.trades, who);
  }

  private onSynced(): void {
    const first = !this.syncedOnce;
    this.synced = this.syncedOnce = true;
    this.log(first ? 'trading sync complete' : 'trading reconciled after reconnect');
    this.push.linkChanged();
    if (!this.periodic) {
      // VN Trader's rhythm: account and positions alternately, every two seconds.
      this.periodic = setInterval(() => {
        if (!this.loggedIn || !this.pacer.idle) return;
        if (this.periodicTurn++ % 2 === 0) this.venue.queryAccount();
        else this.venue.queryPosition();
      }, 2000);
    }
  }

  private exchangeFor(r: NativeRecord): Exchange | null {
    return (
      this.venue.exchangeOf(String(r.ExchangeID)) ??
      this.contracts.get(String(r.InstrumentID))?.exchange ??
      null
    );
  }

  private onOrder(r: NativeRecord): void {
    const exchange = this.exchangeFor(r);
    if (!exchange) return;
    const order = this.venue.order(r, exchange);
    if (order) this.tracker.update(order);
  }

  private onTrade(r: NativeRecord): void {
    const exchange = this.exchangeFor(r);
    if (exchange) this.tracker.trade(this.venue.trade(r, exchange));
  }

  private onInsertError(r: NativeRecord, info: FtdcRspInfo): void {
    const orderid = this.venue.insertOrderid(r);
    const order = this.tracker.get(orderid);
    // OnRspOrderInsert and OnErrRtnOrderInsert both report one rejection.
    if (!order || order.status === Status.REJECTED) return;
    this.log(`order ${orderid} rejected: ${errorText(info)}`, LogLevel.WARNING);
    this.tracker.reject(orderid, errorText(info));
  }

  /**
   * Tracks a new order and checks it; `insert` sends it with its SDK codes. A check that fails, a refusal
   * by the library or a failed send rejects the order. Returns the vtOrderid at once.
   */
  placeOrder(
    req: OrderRequest,
    orderid: string,
    codes: { direction: Partial<Record<string, string>>; offset: Partial<Record<string, string>> },
    ready: boolean,
    insert: (c: OrderCodes) => Promise<number>,
  ): string {
    const sdk = this.venue.sdk;
    this.tracker.add(orderFromRequest(req, orderid, this.gatewayName));
    const type = ORDER_TYPE_TO_CTP[req.type];
    const direction = codes.direction[req.direction];
    const offset = codes.offset[req.offset];
    const reject = (why: string) => {
      this.log(`order ${orderid} not sent: ${why}`, LogLevel.WARNING);
      this.tracker.reject(orderid, why);
    };
    if (!ready) reject(`not logged in to the ${sdk} trading front`);
    else if (!type) reject(`order type ${req.type} is not supported by ${sdk}`);
    else if (!direction) reject(`direction ${req.direction} is not supported by ${sdk}`);
    else if (!offset) reject(`${sdk} needs an offset (open, close, close today or close yesterday)`);
    else {
      void insert({ type, direction, offset }).then(
        (code) => code !== 0 && reject(`the ${sdk} library refused the request (code ${code})`),
        (e: Error) => reject(e.message),
      );
    }
    return `${this.gatewayName}.${orderid}`;
  }

  close(): void {
    clearInterval(this.periodic);
    this.periodic = undefined;
    this.pacer.clear();
    this.loggedIn = false;
  }
}

/** What a trading client built on FtdcTrading shows its gateway: its link state, contracts and close. */
export abstract class FtdcTdClientBase<M extends string, S extends string> {
  protected abstract readonly t: FtdcTrading<M, S>;

  get loggedIn(): boolean {
    return this.t.loggedIn;
  }

  get synced(): boolean {
    return this.t.synced;
  }

  get contracts(): Map<string, ContractData> {
    return this.t.contracts;
  }

  close(): void {
    this.t.close();
  }
}
