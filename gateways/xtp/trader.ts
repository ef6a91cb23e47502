// The trading side of an XTP session: the synchronous login (a session id, 0 = refused), the sync that
// follows every login (asset, positions, today's orders and trades — one query in flight at a time), order
// entry and cancel, and the order/trade pushes through the shared order tracker. XTP does not reconnect by
// itself: after OnDisconnected the gateway logs in again (a new session id) and the same sync reconciles what
// happened meanwhile. vnt's order id is the order_client_id vnt gave the order (unique per trading day, from
// a time-derived base), so an order whose InsertOrder outcome was lost is recognised in the order query and
// never sent twice; orders vnt did not send are known as "x<order_xtp_id>".
import { LogLevel, OrderType, Status } from '../../src/core/constant.js';
import {
  createPosition,
  makeVtSymbol,
  orderFromRequest,
  type CancelRequest,
  type ContractData,
  type OrderRequest,
  type PositionData,
} from '../../src/core/object.js';
import { OrderTracker } from '../common/order-tracker.js';
import type { CallResult, LoginRequest, QueryKind, RspInfo, SpiEvent } from '../../bindings/xtp/protocol.js';
import type { XtpSession } from '../../bindings/xtp/session.js';
import type { XtpRecord } from '../../bindings/xtp/structs.js';
import {
  businessFields,
  checkRecord,
  errorText,
  exchangeFromMarket,
  isError,
  MARKET_TO_XTP,
  orderFields,
  parseAccount,
  parseCreditDebt,
  parseCreditFund,
  parseOrder,
  parsePosition,
  parseTrade,
  reportProblem,
  SHAPES,
  withOptionInfo,
  type AccountMode,
  type CreditDebt,
  type CreditFund,
  type XtpBusiness,
} from './parse.js';
import type { GatewayPushes } from './pushes.js';

/** XTP's "no matching record" answer to a query: an empty result, not a failure. */
const NO_DATA = 11000350;
/** How long a query's answer may take before the query is given up (and the next one sent). */
const ANSWER_LIMIT_MS = 15_000;

/** What a cash repayment (CreditCashRepay) did. */
export interface CashRepayResult {
  /** The repayment's xtp id. */
  xtpId: string;
  requested: number;
  /** What the counter repaid: at most the debt and the cash available. */
  repaid: number;
}

/** The credit account as last queried: its standing and its open debts. */
export interface CreditStatus {
  fund: CreditFund | undefined;
  debts: CreditDebt[];
}

interface PendingRepay {
  resolve(r: CashRepayResult): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

export interface TraderConfig {
  login: LoginRequest;
  accountid: string;
  mode: AccountMode;
}

/** A base for order_client_id that grows through the day (seconds since China midnight × 10 000). */
export function clientIdBase(now = Date.now()): number {
  const secondsOfDay = Math.floor(((now + 8 * 3_600_000) % 86_400_000) / 1000);
  return secondsOfDay * 10_000;
}

export class XtpTrader {
  /** The current session ("0": not logged in). */
  sessionId = '0';
  /** Whether the library has the Beijing market (set once the libraries are loaded). */
  beijing = false;
  /** Set once the first full sync has completed; later logins are reconnects. */
  synced = false;
  private syncing = false;
  private readonly tracker: OrderTracker;
  private nextClientId = clientIdBase();
  /** order_client_id of every order this process sent → its vnt order id. */
  private readonly mine = new Map<number, string>();
  private readonly xtpToOrderid = new Map<string, string>();
  private readonly orderidToXtp = new Map<string, string>();
  private readonly pendingCancels = new Set<string>();
  private readonly queue: QueryKind[] = [];
  private inFlight: { kind: QueryKind; requestId: number } | undefined;
  private requestId = 0;
  private positionRows: PositionData[] = [];
  private readonly held = new Map<string, PositionData>();
  private readonly malformed = new Set<string>();
  private periodic: NodeJS.Timeout | undefined;
  private periodicTurn = 0;
  private refreshTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private answerTimer: NodeJS.Timeout | undefined;
  private refusals = 0;
  /** The credit account (credit mode only). */
  readonly credit: CreditStatus = { fund: undefined, debts: [] };
  private debtRows: CreditDebt[] = [];
  /** Repayments sent, by xtp id, waiting for OnCreditCashRepay. */
  private readonly repays = new Map<string, PendingRepay>();
  /** OnCreditCashRepay answers that came before CreditCashRepay's return value did. */
  private readonly earlyRepayAnswers = new Map<string, { data: XtpRecord; info: RspInfo | null }>();

  constructor(
    private readonly session: XtpSession,
    private readonly config: TraderConfig,
    private readonly contracts: Map<string, ContractData>,
    private readonly push: GatewayPushes,
  ) {
    this.tracker = new OrderTracker({ order: (o) => push.order(o), trade: (t) => push.trade(t) });
  }

  get loggedIn(): boolean {
    return this.sessionId !== '0';
  }

  /** Logged in and synced since the last login. */
  get ready(): boolean {
    return this.loggedIn && this.synced && !this.syncing;
  }

  private get gatewayName(): string {
    return this.push.gatewayName;
  }

  /** Logs in (blocking in the library, bounded by the session); resolves with the refusal, or null. */
  async login(): Promise<string | null> {
    const r: CallResult = await this.session.call('traderLogin', this.config.login);
    if (r.value === '0')
      return `XTP trading login failed: ${r.error ? errorText(r.error) : 'no reason given'}`;
    this.sessionId = r.value;
    this.push.log(`XTP trading login: session ${r.value}`);
    this.startSync();
    return null;
  }

  /** The first sync (and each one after a re-login): asset, positions, orders, then trades. */
  private startSync(): void {
    this.syncing = true;
    this.queue.length = 0;
    this.inFlight = undefined;
    clearTimeout(this.retryTimer);
    clearTimeout(this.answerTimer);
    this.retryTimer = undefined;
    this.answerTimer = undefined;
    // The option fields of the contracts first (once), so that connect resolves with them.
    if (!this.synced) this.query('options');
    for (const k of ['asset', 'position', ...this.creditQueries(), 'orders', 'trades'] as const)
      this.query(k);
  }

  /** A credit account's standing and debts are part of every sync (and follow each fill). */
  private creditQueries(): QueryKind[] {
    return this.config.mode === 'credit' ? ['creditFund', 'creditDebt'] : [];
  }

  private query(kind: QueryKind): void {
    if (!this.loggedIn) return;
    if (this.inFlight?.kind !== kind && !this.queue.includes(kind)) this.queue.push(kind);
    this.next();
  }

  private next(): void {
    if (this.inFlight || this.retryTimer || !this.loggedIn) return;
    const kind = this.queue.shift();
    if (!kind) return;
    const requestId = ++this.requestId;
    this.inFlight = { kind, requestId };
    // An answer that never comes (a lost callback) must not stall every later query.
    clearTimeout(this.answerTimer);
    this.answerTimer = setTimeout(
      () => this.queryDone(requestId, `XTP ${kind} query: no answer within ${ANSWER_LIMIT_MS / 1000} s`),
      ANSWER_LIMIT_MS,
    );
    if (kind === 'position') this.positionRows = [];
    if (kind === 'creditDebt') this.debtRows = [];
    const session = this.sessionId;
    this.session.call('query', { kind, sessionId: session, requestId }).then(
      (r) => {
        if (r.value !== '0') this.refused(requestId, `${r.error ? errorText(r.error) : r.value}`);
      },
      (e: Error) => this.queryDone(requestId, `XTP ${kind} query not sent: ${e.message}`),
    );
  }

  /**
   * The library refused to send a query (XTP's flow control refuses queries that come too fast): it is
   * asked again after a pause that grows with each refusal, so that a sync is never left incomplete.
   */
  private refused(requestId: number, why: string): void {
    const current = this.inFlight;
    if (current?.requestId !== requestId) return;
    this.inFlight = undefined;
    clearTimeout(this.answerTimer);
    this.answerTimer = undefined;
    this.queue.unshift(current.kind);
    const delay = Math.min(100 * 2 ** this.refusals++, 5000);
    if (this.refusals === 1 || this.refusals % 10 === 0)
      this.push.log(
        `XTP ${current.kind} query refused (${why}); asking again in ${delay} ms`,
        LogLevel.WARNING,
      );
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.next();
    }, delay);
  }

  private queryDone(requestId: number, problem?: string): void {
    if (this.inFlight?.requestId !== requestId) return;
    if (problem) this.push.log(problem, LogLevel.WARNING);
    const kind = this.inFlight.kind;
    this.inFlight = undefined;
    this.refusals = 0;
    clearTimeout(this.answerTimer);
    this.answerTimer = undefined;
    // A trade query answered with an error still ends the sync (said in the log): connect must not hang.
    if (kind === 'trades' && this.syncing) this.onSynced();
    this.next();
  }

  private onSynced(): void {
    this.syncing = false;
    const first = !this.synced;
    this.synced = true;
    this.push.log(first ? 'XTP trading sync complete' : 'XTP trading reconciled after re-login');
    this.push.linkChanged();
    // VN Trader's rhythm: asset and positions alternately, every two seconds, when nothing else is asked.
    // A credit account adds its standing to the turns.
    const turns: QueryKind[] = ['asset', 'position', ...this.creditQueries().slice(0, 1)];
    this.periodic ??= setInterval(() => {
      if (!this.loggedIn || this.inFlight || this.queue.length) return;
      this.query(turns[this.periodicTurn++ % turns.length]!);
    }, 2000);
  }

  queryAccount(): void {
    this.query('asset');
  }

  queryPosition(): void {
    this.query('position');
  }

  /** After a fill the holding and the cash changed: ask once the burst of pushes has passed. */
  private refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.query('position');
      this.query('asset');
      for (const k of this.creditQueries()) this.query(k);
    }, 50);
  }

  handle(e: SpiEvent): void {
    switch (e.name) {
      case 'OnDisconnected':
        if (e.sessionId !== this.sessionId) return;
        this.dropped(`XTP trading session ${e.sessionId} disconnected (reason ${e.reason})`);
        break;
      case 'OnError':
        if (e.info) this.push.log(`XTP trading error: ${errorText(e.info)}`, LogLevel.ERROR);
        break;
      case 'OnOrderEvent':
        if (this.valid(e, 'OrderInfo')) this.onOrder(e.data!, e.info);
        break;
      case 'OnTradeEvent':
        if (this.valid(e, 'TradeReport')) this.onTrade(e.data!);
        break;
      case 'OnCancelOrderError':
        if (isError(e.info))
          this.push.log(
            `XTP cancel of ${String(e.data?.order_xtp_id ?? '?')} failed: ${errorText(e.info)}`,
            LogLevel.WARNING,
          );
        break;
      case 'OnQueryOrder':
        this.onQueryRow(e, 'orders', 'OrderInfo', (r) => this.onOrder(r, null));
        break;
      case 'OnQueryTrade':
        this.onQueryRow(e, 'trades', 'TradeReport', (r) => this.onTrade(r));
        break;
      case 'OnQueryPosition':
        this.onQueryRow(e, 'position', 'QueryStkPositionRsp', (r) => {
          const p = parsePosition(r, this.gatewayName);
          if (p) this.positionRows.push(p);
        });
        break;
      case 'OnQueryOptionAuctionInfo':
        this.onQueryRow(e, 'options', 'OptionAuctionInfoRsp', (r) => {
          const exchange = exchangeFromMarket(r.security_id_source);
          const contract = exchange && this.contracts.get(makeVtSymbol(String(r.ticker), exchange));
          const updated = contract ? withOptionInfo(contract, r) : null;
          if (!updated) return;
          this.contracts.set(updated.vtSymbol, updated);
          this.push.contract(updated);
        });
        break;
      case 'OnQueryCreditFundInfo':
        this.onQueryRow(e, 'creditFund', 'CrdFundInfo', (r) => {
          this.credit.fund = parseCreditFund(r);
        });
        break;
      case 'OnQueryCreditDebtInfo':
        this.onQueryRow(e, 'creditDebt', 'CrdDebtInfo', (r) => {
          const d = parseCreditDebt(r);
          if (d) this.debtRows.push(d);
        });
        break;
      case 'OnCreditCashRepay':
        if (this.valid(e, 'CrdCashRepayRsp')) this.onRepayAnswer(e.data!, e.info);
        break;
      case 'OnQueryAsset':
        this.onQueryRow(e, 'asset', 'QueryAssetRsp', (r) =>
          this.push.account(parseAccount(r, this.gatewayName, this.config.accountid)),
        );
        break;
      default:
        break;
    }
  }

  /** Shape-checks a record; a malformed one is logged once per callback and skipped. */
  private valid(e: SpiEvent, shape: keyof typeof SHAPES): boolean {
    let problem = checkRecord(e.data, SHAPES[shape]);
    if (!problem && shape === 'OrderInfo') problem = reportProblem(e.data!, 'order');
    if (!problem && shape === 'TradeReport') problem = reportProblem(e.data!, 'trade');
    if (!problem) return true;
    if (!this.malformed.has(e.name)) {
      this.malformed.add(e.name);
      this.push.log(`XTP ${e.name}: malformed record skipped (${problem})`, LogLevel.WARNING);
    }
    return false;
  }

  private onQueryRow(
    e: SpiEvent,
    kind: QueryKind,
    shape: keyof typeof SHAPES,
    each: (r: XtpRecord) => void,
  ): void {
    const current = this.inFlight;
    if (
      !current ||
      current.kind !== kind ||
      current.requestId !== e.requestId ||
      e.sessionId !== this.sessionId
    )
      return;
    let problem: string | undefined;
    if (isError(e.info) && e.info.error_id !== NO_DATA)
      problem = `XTP ${kind} query failed: ${errorText(e.info)}`;
    else if (e.data && !isError(e.info) && this.valid(e, shape)) each(e.data);
    if (!e.isLast) return;
    if (kind === 'position') this.pushPositions();
    if (kind === 'creditDebt' && !problem) this.credit.debts = this.debtRows;
    this.queryDone(e.requestId, problem);
  }

  private pushPositions(): void {
    const seen = new Set<string>();
    for (const p of this.positionRows) {
      seen.add(p.vtPositionid);
      this.held.set(p.vtPositionid, p);
      this.push.position(p);
    }
    // A holding that is no longer in the answer is flat now.
    for (const [id, p] of [...this.held]) {
      if (seen.has(id)) continue;
      this.held.delete(id);
      const { gatewayName, symbol, exchange, direction } = p;
      this.push.position(createPosition({ gatewayName, symbol, exchange, direction }));
    }
    this.positionRows = [];
  }

  private orderidOf(xtpId: string, clientId: number): string {
    const known = this.xtpToOrderid.get(xtpId);
    if (known) return known;
    const ours = this.mine.get(clientId);
    const orderid = ours && !this.orderidToXtp.has(ours) ? ours : `x${xtpId}`;
    this.link(orderid, xtpId);
    return orderid;
  }

  private link(orderid: string, xtpId: string): void {
    this.xtpToOrderid.set(xtpId, orderid);
    this.orderidToXtp.set(orderid, xtpId);
    if (this.pendingCancels.delete(orderid)) this.sendCancel(orderid, xtpId);
  }

  private onOrder(r: XtpRecord, info: RspInfo | null): void {
    const exchange = exchangeFromMarket(r.market);
    if (!exchange) return;
    const orderid = this.orderidOf(String(r.order_xtp_id), Number(r.order_client_id));
    const order = parseOrder(r, this.gatewayName, exchange, orderid, isError(info) ? errorText(info) : '');
    if (order.status === Status.REJECTED && isError(info))
      this.push.log(`XTP order ${orderid} rejected: ${errorText(info)}`, LogLevel.WARNING);
    this.tracker.update(order);
  }

  private onTrade(r: XtpRecord): void {
    const exchange = exchangeFromMarket(r.market);
    if (!exchange) return;
    const orderid = this.orderidOf(String(r.order_xtp_id), Number(r.order_client_id));
    const trade = parseTrade(r, this.gatewayName, exchange, orderid);
    if (this.tracker.trade(trade)) this.refreshSoon();
  }

  /** An order; with `business`, an IPO subscription or an ETF creation/redemption instead of a trade. */
  sendOrder(req: OrderRequest, business?: XtpBusiness): string {
    const clientId = this.nextClientId++;
    const orderid = String(clientId);
    this.mine.set(clientId, orderid);
    const order = orderFromRequest(req, orderid, this.gatewayName);
    this.tracker.add(order);
    const contract = this.contracts.get(makeVtSymbol(req.symbol, req.exchange));
    const market = MARKET_TO_XTP[req.exchange];
    const fields = business
      ? req.type === OrderType.LIMIT
        ? businessFields(business)
        : `${business} orders are limit orders, not ${req.type}`
      : contract
        ? orderFields(req, contract.product, this.config.mode)
        : 'unknown contract';
    const reject = (why: string) => {
      this.push.log(`XTP order ${orderid} not sent: ${why}`, LogLevel.WARNING);
      this.tracker.reject(orderid, why);
    };
    if (!this.loggedIn) reject('not logged in to the XTP trading server');
    else if (!market) reject(`exchange ${req.exchange} is not traded through XTP`);
    else if (market === 3 && !this.beijing) reject('BSE needs an XTP library of 2.2.39 or later');
    else if (typeof fields === 'string') reject(fields);
    else {
      const session = this.sessionId;
      this.session
        .call('insert', {
          sessionId: session,
          fields: {
            order_client_id: clientId,
            ticker: req.symbol,
            market,
            price: fields.price_type === 1 || fields.price_type === 8 ? req.price : 0,
            quantity: BigInt(Math.round(req.volume)),
            ...fields,
          },
        })
        .then(
          (r) => {
            if (r.value === '0')
              reject(`XTP refused the order: ${r.error ? errorText(r.error) : 'no reason given'}`);
            else if (!this.orderidToXtp.has(orderid)) this.link(orderid, r.value);
          },
          // The outcome is unknown (the host ended or the call was cut off): the order query after the next
          // login finds it by its client id if it reached the server; it is never sent again.
          (e: Error) =>
            this.push.log(
              `XTP order ${orderid}: outcome unknown (${e.message}); reconciled at the next login`,
              LogLevel.WARNING,
            ),
        );
    }
    return `${this.gatewayName}.${orderid}`;
  }

  cancelOrder(req: CancelRequest): void {
    const xtpId = this.orderidToXtp.get(req.orderid);
    if (xtpId) return this.sendCancel(req.orderid, xtpId);
    if (this.tracker.get(req.orderid)) {
      // InsertOrder has not returned yet: cancel as soon as the order has its xtp id.
      this.pendingCancels.add(req.orderid);
      return;
    }
    this.push.log(`cannot cancel ${req.orderid}: not an order of this XTP session`, LogLevel.WARNING);
  }

  private sendCancel(orderid: string, xtpId: string): void {
    if (!this.loggedIn) {
      this.push.log(`cannot cancel ${orderid}: not logged in to the XTP trading server`, LogLevel.WARNING);
      return;
    }
    this.session.call('cancel', { sessionId: this.sessionId, xtpId }).then(
      (r) => {
        if (r.value === '0')
          this.push.log(
            `XTP cancel of ${orderid} refused: ${r.error ? errorText(r.error) : ''}`,
            LogLevel.WARNING,
          );
      },
      (e: Error) => this.push.log(`XTP cancel of ${orderid} not sent: ${e.message}`, LogLevel.WARNING),
    );
  }

  /**
   * Repays financing debt with cash (CreditCashRepay, 直接还款): resolves with what the counter repaid once
   * OnCreditCashRepay says so, or rejects with XTP's reason (or when no answer comes within the query limit).
   * The account, standing and debts are asked again afterwards.
   */
  repayCash(amount: number): Promise<CashRepayResult> {
    if (this.config.mode !== 'credit')
      return Promise.reject(new Error('cash repayment needs the credit account mode (账户类型 credit)'));
    if (!Number.isFinite(amount) || amount <= 0)
      return Promise.reject(new Error(`repayment amount must be a positive number, not ${amount}`));
    if (!this.loggedIn) return Promise.reject(new Error('not logged in to the XTP trading server'));
    const rounded = Math.round(amount * 100) / 100;
    return new Promise<CashRepayResult>((resolve, reject) => {
      this.session.call('repay', { sessionId: this.sessionId, amount: rounded }).then(
        (r) => {
          if (r.value === '0')
            return reject(
              new Error(`XTP refused the repayment: ${r.error ? errorText(r.error) : 'no reason given'}`),
            );
          const timer = setTimeout(() => {
            this.repays.delete(r.value);
            reject(new Error(`XTP repayment ${r.value}: no answer within ${ANSWER_LIMIT_MS / 1000} s`));
          }, ANSWER_LIMIT_MS);
          this.repays.set(r.value, { resolve, reject, timer });
          const early = this.earlyRepayAnswers.get(r.value);
          if (early) {
            this.earlyRepayAnswers.delete(r.value);
            this.onRepayAnswer(early.data, early.info);
          }
        },
        (e: Error) => reject(new Error(`XTP repayment not sent: ${e.message}`)),
      );
    });
  }

  private onRepayAnswer(r: XtpRecord, info: RspInfo | null): void {
    const xtpId = String(r.xtp_id);
    const pending = this.repays.get(xtpId);
    if (!pending) {
      // The answer overtook the call's return value: kept until that arrives.
      this.earlyRepayAnswers.set(xtpId, { data: r, info });
      return;
    }
    this.repays.delete(xtpId);
    clearTimeout(pending.timer);
    if (isError(info)) {
      this.push.log(`XTP repayment ${xtpId} failed: ${errorText(info)}`, LogLevel.WARNING);
      pending.reject(new Error(`XTP repayment failed: ${errorText(info)}`));
      return;
    }
    const result = {
      xtpId,
      requested: Number(r.request_amount),
      repaid: Number(r.cash_repay_amount),
    };
    this.push.log(`XTP repayment ${xtpId}: repaid ${result.repaid} of ${result.requested} requested`);
    pending.resolve(result);
    this.refreshSoon();
  }

  /** The session is gone (OnDisconnected, or the gateway noticed): log in again later. */
  dropped(reason: string): void {
    if (!this.loggedIn) return;
    this.sessionId = '0';
    this.queue.length = 0;
    this.inFlight = undefined;
    clearTimeout(this.retryTimer);
    clearTimeout(this.answerTimer);
    this.retryTimer = undefined;
    this.answerTimer = undefined;
    this.push.log(reason, LogLevel.WARNING);
    this.push.linkChanged();
  }

  close(): void {
    for (const p of this.repays.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('the XTP session closed before the repayment was answered'));
    }
    this.repays.clear();
    this.earlyRepayAnswers.clear();
    clearInterval(this.periodic);
    clearTimeout(this.refreshTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.answerTimer);
    this.retryTimer = undefined;
    this.answerTimer = undefined;
    this.periodic = undefined;
    this.refreshTimer = undefined;
    this.sessionId = '0';
  }
}
