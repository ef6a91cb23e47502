// The trading side of a TAP session: login, then commodities (price ticks) and contracts, funds, positions,
// orders and fills, then order entry and the trade pushes. On every OnAPIReady after a drop the same chain
// runs again (without the contracts), and what happened while the link was down is reconciled from QryOrder
// and QryFill through the one order tracker, which never moves an order backwards and pushes each fill once.
// Orders carry vnt's order id in RefString, which TAP echoes on every order record: so an order keeps its id
// across reconnects and restarts, and a record can be matched before its OrderNo is known.
import { LogLevel, OrderType, Status } from '../../src/core/constant.js';
import {
  orderFromRequest,
  type CancelRequest,
  type ContractData,
  type OrderRequest,
  type PositionData,
} from '../../src/core/object.js';
import type { TapSession } from '../../bindings/tap/session.js';
import type { TapRecord, TradeStructName } from '../../bindings/tap/structs.js';
import type { Issued, QueryMethod, TradeEvent } from '../../bindings/tap/protocol.js';
import { Coalesced } from '../common/coalesce.js';
import { OrderTracker } from '../common/order-tracker.js';
import {
  commodityKey,
  commodityTick,
  DIRECTION_TO_TAP,
  errorText,
  NEW_ORDER_FLAGS,
  OFFSET_TO_TAP,
  ORDER_TYPE_TO_TAP,
  parseAccount,
  parseContract,
  parseOrder,
  parsePosition,
  parseTrade,
  str,
  sumPositions,
} from './parse.js';
import type { TapPushes } from './pushes.js';

export interface TraderConfig {
  userNo: string;
  password: string;
  /** The funds account orders go to (TAP's AccountNo); the user number when empty. */
  accountNo: string;
  /** How long a query may take to answer in full. */
  queryTimeoutMs: number;
}

interface Answer {
  rows: TapRecord[];
  code: number;
  done: boolean;
  waiter?: () => void;
}

/** A contract vnt lists, with TAP's own record (its exchange number and contract fields go back to TAP). */
export interface TapListing {
  contract: ContractData;
  record: TapRecord;
}

export class TapTrader {
  loggedIn = false;
  /** Set when the chain after the latest OnAPIReady has completed. */
  synced = false;
  readonly listings = new Map<string, TapListing>();
  private readonly ticks = new Map<string, number>();
  private readonly answers = new Map<number, Answer>();
  /** Queries being issued (their session id not yet known) and the highest session id issued so far. */
  private issuing = 0;
  private lastIssued = 0;
  /** Session ids of the queries waiting for their answers. */
  private readonly claimed = new Set<number>();
  /** Callbacks whose stray answers have been logged (once each). */
  private readonly strays = new Set<string>();
  private readonly tracker: OrderTracker;
  /** OrderNo → vnt order id, and back with the ServerFlag a cancel needs. */
  private readonly byOrderNo = new Map<string, string>();
  private readonly venueIds = new Map<string, { orderNo: string; serverFlag: string }>();
  /** Cancels asked for before TAP numbered the order. */
  private readonly cancelWhenNumbered = new Set<string>();
  private held = new Map<string, PositionData>();
  private readonly prefix = Date.now().toString(36);
  private seq = 0;
  private generation = 0;
  private closed = false;
  private readonly holdings = new Coalesced(
    async () => {
      try {
        await this.queryFunds();
        await this.queryPositions();
      } catch (e) {
        if (this.loggedIn)
          this.push.log(`TAP funds/positions query: ${(e as Error).message}`, LogLevel.WARNING);
      }
    },
    () => !this.closed && this.loggedIn,
  );

  constructor(
    private readonly session: TapSession,
    private readonly config: TraderConfig,
    private readonly push: TapPushes,
  ) {
    this.tracker = new OrderTracker({ order: (o) => push.order(o), trade: (t) => push.trade(t) });
  }

  private get gatewayName(): string {
    return this.push.gatewayName;
  }

  private get accountNo(): string {
    return this.config.accountNo || this.config.userNo;
  }

  /**
   * Login(TapAPITradeLoginAuth): the answer comes as OnRspLogin and OnAPIReady. The 9.3.8.7 library refuses
   * the call (TAPIERROR_INPUTERROR_TAPIYNFLAG) unless ISModifyPassword is 'Y' or 'N'.
   */
  async login(): Promise<number> {
    return this.session.login({
      UserNo: this.config.userNo,
      ISModifyPassword: 'N',
      Password: this.config.password,
    });
  }

  handle(e: TradeEvent): void {
    switch (e.name) {
      case 'OnConnect':
        this.push.log(`TAP trade front ${e.text} connected; logging in`);
        return;
      case 'OnRspLogin':
        if (e.errorCode !== 0) this.push.failed('TAP trade login', e.errorCode);
        return;
      case 'OnAPIReady':
        if (e.errorCode !== 0) return this.push.failed('TAP trade API', e.errorCode);
        this.loggedIn = true;
        void this.sync();
        return;
      case 'OnDisconnect':
        this.linkDown(e.errorCode);
        return;
      case 'OnRspOrderAction':
        this.onAction(e);
        return;
      case 'OnRtnOrder':
        if (e.data) this.applyOrder(e.data);
        return;
      case 'OnRtnFill':
        if (e.data) this.applyFill(e.data);
        this.holdings.request();
        return;
      case 'OnRtnFund':
        if (e.data) this.push.account(parseAccount(e.data, this.gatewayName));
        return;
      case 'OnRtnPosition':
        this.holdings.request();
        return;
      default:
        this.collect(e);
    }
  }

  /** Queries in flight end (their callers see the generation moved on and give up). */
  private dropAnswers(): void {
    this.generation++;
    for (const [, a] of this.answers) a.waiter?.();
    this.answers.clear();
    this.claimed.clear();
  }

  /** Answers gathered while queries were being issued under ids no issued query took: strays, dropped. */
  private dropUnclaimed(): void {
    for (const id of this.answers.keys()) if (!this.claimed.has(id)) this.answers.delete(id);
  }

  /** The rows gathered under a query's session id; they may arrive before the call that issued it returns. */
  private answerOf(sessionId: number): Answer {
    let a = this.answers.get(sessionId);
    if (!a) this.answers.set(sessionId, (a = { rows: [], code: 0, done: false }));
    return a;
  }

  private linkDown(reason: number): void {
    const was = this.loggedIn;
    this.loggedIn = false;
    this.synced = false;
    this.dropAnswers();
    if (was) this.push.log(`TAP trade front disconnected (reason ${reason})`, LogLevel.WARNING);
    this.push.linkChanged('trade');
  }

  /**
   * A query's rows, gathered until the one flagged last. Only for a query in flight: its session id issued and
   * not yet answered in full, or newer than every id issued while a query is being issued (rows may come
   * before the call returns its id). A stray answer — a session id no query of ours has — is logged once per
   * callback and skipped, so it can neither end nor fill a later query that happens to get its id.
   */
  private collect(e: TradeEvent): void {
    if (!e.name.startsWith('OnRspQry')) return;
    const expected = this.answers.has(e.sessionId) || (this.issuing > 0 && e.sessionId > this.lastIssued);
    if (!expected) {
      if (!this.strays.has(e.name)) {
        this.strays.add(e.name);
        this.push.log(`${e.name} for session ${e.sessionId}, no query of ours: skipped`, LogLevel.WARNING);
      }
      return;
    }
    const a = this.answerOf(e.sessionId);
    if (e.errorCode !== 0) a.code = e.errorCode;
    if (e.data) a.rows.push(e.data);
    if (e.isLast) {
      a.done = true;
      a.waiter?.();
    }
  }

  private query(method: QueryMethod, struct: TradeStructName, fields: TapRecord): Promise<TapRecord[]> {
    return this.rowsOf(method, () => this.session.query({ method, struct, fields }));
  }

  /** Issues a query and waits for all its rows (the one flagged last), within the query limit. */
  private async rowsOf(method: string, issue: () => Promise<Issued>): Promise<TapRecord[]> {
    const generation = this.generation;
    this.issuing++;
    let issued: Issued;
    try {
      issued = await issue();
    } finally {
      this.issuing--;
    }
    if (issued.sessionId > this.lastIssued) this.lastIssued = issued.sessionId;
    const answer = this.answerOf(issued.sessionId);
    this.claimed.add(issued.sessionId);
    if (this.issuing === 0) this.dropUnclaimed();
    if (issued.result !== 0) {
      this.answers.delete(issued.sessionId);
      this.claimed.delete(issued.sessionId);
      throw new Error(`${method} refused: ${errorText(issued.result)}`);
    }
    if (!answer.done) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          answer.waiter = undefined;
          this.answers.delete(issued.sessionId);
          this.claimed.delete(issued.sessionId);
          reject(new Error(`${method} got no complete answer within ${this.config.queryTimeoutMs} ms`));
        }, this.config.queryTimeoutMs);
        answer.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.answers.delete(issued.sessionId);
    this.claimed.delete(issued.sessionId);
    if (generation !== this.generation) throw new Error(`${method}: the link went down meanwhile`);
    if (answer.code !== 0) throw new Error(`${method} answered ${errorText(answer.code)}`);
    return answer.rows;
  }

  /** The chain after OnAPIReady; contracts only the first time. */
  private async sync(): Promise<void> {
    const generation = this.generation;
    try {
      if (this.listings.size === 0) await this.queryContracts();
      await this.queryFunds();
      await this.queryPositions();
      // 'A': finished orders too, so that one filled or cancelled while the link was down is reconciled.
      const orders = await this.query('QryOrder', 'OrderQryReq', {
        AccountNo: this.accountNo,
        OrderQryType: 'A',
      });
      for (const r of orders) this.applyOrder(r);
      const fills = await this.query('QryFill', 'FillQryReq', { AccountNo: this.accountNo });
      for (const r of fills) this.applyFill(r);
      if (generation !== this.generation || this.closed) return;
      this.synced = true;
      this.push.linkChanged('trade');
    } catch (error) {
      if (generation !== this.generation || this.closed) return;
      this.push.log(`TAP sync after login failed: ${(error as Error).message}`, LogLevel.ERROR);
      this.push.syncFailed((error as Error).message);
    }
  }

  private async queryContracts(): Promise<void> {
    for (const r of await this.rowsOf('QryCommodity', () => this.session.queryCommodities())) {
      const tick = commodityTick(r);
      if (tick > 0) this.ticks.set(commodityKey(r), tick);
    }
    let skipped = 0;
    for (const r of await this.query('QryContract', 'Commodity', {})) {
      const tick = this.ticks.get(commodityKey(r));
      const contract = tick ? parseContract(r, this.gatewayName, tick) : null;
      if (!contract) {
        skipped++;
        continue;
      }
      this.listings.set(contract.symbol, { contract, record: r });
      this.push.contract(contract);
    }
    this.push.log(
      `TAP contracts: ${this.listings.size} listed` +
        (skipped ? `, ${skipped} skipped (exchange not mapped or commodity without a tick)` : ''),
    );
  }

  private async queryFunds(): Promise<void> {
    for (const r of await this.query('QryFund', 'FundReq', { AccountNo: this.accountNo })) {
      if (str(r, 'CurrencyNo')) this.push.account(parseAccount(r, this.gatewayName));
    }
  }

  private async queryPositions(): Promise<void> {
    const rows = await this.query('QryPosition', 'PositionQryReq', { AccountNo: this.accountNo });
    const now = new Map<string, PositionData>();
    for (const p of sumPositions(rows.flatMap((r) => parsePosition(r, this.gatewayName) ?? []))) {
      now.set(p.vtPositionid, p);
      this.push.position(p);
    }
    // TAP lists what is held; a side that is gone was closed.
    for (const [id, p] of this.held) {
      if (!now.has(id)) this.push.position({ ...p, volume: 0, frozen: 0, pnl: 0, ydVolume: 0 });
    }
    this.held = now;
  }

  /** The vnt order id of a TAP order record: ours from RefString, else the OrderNo seen before, else OrderNo. */
  private orderidOf(r: TapRecord): string {
    const ref = str(r, 'RefString');
    const orderNo = str(r, 'OrderNo');
    const known = orderNo ? this.byOrderNo.get(orderNo) : undefined;
    const orderid = known ?? (ref.startsWith('vnt') ? ref.slice(3) : orderNo);
    if (orderNo && !known) {
      this.byOrderNo.set(orderNo, orderid);
      this.venueIds.set(orderid, { orderNo, serverFlag: str(r, 'ServerFlag') });
    }
    return orderid;
  }

  private applyOrder(r: TapRecord): void {
    const orderid = this.orderidOf(r);
    if (!orderid) return;
    const order = parseOrder(r, this.gatewayName, orderid);
    if (!order) {
      this.push.log(`TAP order ${orderid} on an unmapped exchange ${str(r, 'ExchangeNo')}`, LogLevel.WARNING);
      return;
    }
    const known = this.tracker.get(orderid);
    if (known) order.reference = known.reference;
    const pushed = this.tracker.update(order);
    if (pushed?.status === Status.REJECTED) {
      this.push.log(
        `TAP order ${orderid} rejected: ${pushed.statusMsg || 'no reason given'}`,
        LogLevel.WARNING,
      );
    }
    if (this.cancelWhenNumbered.delete(orderid)) this.cancelOrderid(orderid);
  }

  private applyFill(r: TapRecord): void {
    const orderNo = str(r, 'OrderNo');
    const orderid = this.byOrderNo.get(orderNo) ?? orderNo;
    const trade = parseTrade(r, this.gatewayName, orderid);
    if (!trade) return;
    this.tracker.trade(trade);
  }

  private onAction(e: TradeEvent): void {
    // Also learns the OrderNo of an order TAP just numbered.
    const orderid = e.data ? this.orderidOf(e.data) : '';
    if (e.errorCode === 0) return;
    const what = e.action === '3' ? 'cancel' : e.action === '2' ? 'amend' : 'order';
    if (what === 'order' && orderid) {
      // The order record that follows carries the same reason; this covers a library that sends none.
      this.tracker.reject(orderid, errorText(e.errorCode, str(e.data, 'ErrorText')));
      return;
    }
    this.push.log(
      `TAP ${what} of ${orderid || 'an order'} refused: ${errorText(e.errorCode, str(e.data, 'ErrorText'))}`,
      LogLevel.WARNING,
    );
  }

  sendOrder(req: OrderRequest): string {
    this.seq += 1;
    const orderid = `${this.prefix}${this.seq}`;
    this.tracker.add(orderFromRequest(req, orderid, this.gatewayName));
    const reject = (why: string) => {
      this.push.log(`TAP order ${orderid} not sent: ${why}`, LogLevel.WARNING);
      this.tracker.reject(orderid, why);
    };
    const listing = this.listings.get(req.symbol);
    const type = ORDER_TYPE_TO_TAP[req.type];
    const side = DIRECTION_TO_TAP[req.direction];
    if (!this.loggedIn) reject('not logged in to the TAP trade front');
    else if (!listing || listing.contract.exchange !== req.exchange) reject(`TAP lists no ${req.symbol}`);
    else if (!type) reject(`order type ${req.type} is not offered through TAP (LIMIT, MARKET, STOP)`);
    else if (!side) reject(`direction ${req.direction} is not supported by TAP`);
    else if (!Number.isInteger(req.volume)) reject(`volume ${req.volume} is not a whole number of lots`);
    else {
      const r = listing.record;
      const stop = req.type === OrderType.STOP;
      void this.session
        .insert({
          ...NEW_ORDER_FLAGS,
          AccountNo: this.accountNo,
          ExchangeNo: str(r, 'ExchangeNo'),
          CommodityType: str(r, 'CommodityType'),
          CommodityNo: str(r, 'CommodityNo'),
          ContractNo: str(r, 'ContractNo1'),
          StrikePrice: str(r, 'StrikePrice1'),
          CallOrPutFlag: str(r, 'CallOrPutFlag1') || 'N',
          OrderType: type,
          OrderSide: side,
          PositionEffect: OFFSET_TO_TAP[req.offset] ?? 'N',
          OrderPrice: req.type === OrderType.LIMIT ? req.price : 0,
          StopPrice: stop ? req.price : 0,
          OrderQty: req.volume,
          RefString: `vnt${orderid}`,
        })
        .then(
          (ins) => {
            if (ins.result !== 0) reject(`the TAP library refused the order ${errorText(ins.result)}`);
          },
          (e: Error) => reject(e.message),
        );
    }
    return `${this.gatewayName}.${orderid}`;
  }

  cancelOrder(req: CancelRequest): void {
    if (!this.venueIds.has(req.orderid)) {
      const order = this.tracker.get(req.orderid);
      if (order && order.status === Status.SUBMITTING) {
        // TAP numbers the order in its first answer; the cancel goes out then.
        this.cancelWhenNumbered.add(req.orderid);
        return;
      }
      this.push.log(`cannot cancel ${req.orderid}: TAP has not numbered that order`, LogLevel.WARNING);
      return;
    }
    this.cancelOrderid(req.orderid);
  }

  private cancelOrderid(orderid: string): void {
    const ids = this.venueIds.get(orderid);
    if (!ids) return;
    void this.session.cancel({ ServerFlag: ids.serverFlag, OrderNo: ids.orderNo }).then(
      (r) => {
        if (r.result !== 0)
          this.push.log(`TAP cancel of ${orderid} not sent: ${errorText(r.result)}`, LogLevel.WARNING);
      },
      (e: Error) => this.push.log(`TAP cancel of ${orderid} not sent: ${e.message}`, LogLevel.WARNING),
    );
  }

  refreshHoldings(): void {
    if (this.loggedIn) this.holdings.request();
  }

  close(): void {
    this.closed = true;
    this.loggedIn = false;
    this.dropAnswers();
  }
}
