// The trading side of a TORA session: login -> securities, investor, shareholder accounts, cash account,
// positions, orders and trades (paced queries), then order entry and the private flow. The library
// reconnects by itself; on every new front connection the same chain runs again, and what happened while
// the link was down (fills, cancels) is reconciled from the order and trade queries through the one order
// tracker, which never moves an order backwards and pushes each trade once.
import { Direction, Exchange, LogLevel, OrderType, Status } from '../../src/core/constant.js';
import {
  createPosition,
  orderFromRequest,
  type CancelRequest,
  type ContractData,
  type OrderRequest,
} from '../../src/core/object.js';
import type { RspInfo, SpiEvent, TraderReq } from '../../bindings/tora/protocol.js';
import type { ToraSession } from '../../bindings/tora/session.js';
import type { ToraRecord } from '../../bindings/tora/structs.js';
import { OrderTracker } from '../common/order-tracker.js';
import { QueryPacer } from '../common/query-pacer.js';
import type { GatewayPushes } from './pushes.js';
import {
  DIRECTION_TO_TORA,
  errorText,
  EXCHANGE_TO_TORA,
  exchangeOf,
  isError,
  ORDER_TYPE_TO_TORA,
  orderidOf,
  parseAccount,
  parseContract,
  parseOrder,
  parseOrderid,
  parsePosition,
  parseTrade,
} from './parse.js';

export interface TdConfig {
  account: string;
  password: string;
  /** TORA_TSTP_LACT_*: '0' user id, '1' fund account, ... */
  accountType: string;
  departmentId: string;
  productInfo: string;
  terminalInfo: string;
  dynamicPassword: string;
  queryIntervalMs: number;
}

export class ToraTdClient {
  loggedIn = false;
  /**
   * This login's sync (through trades) has completed. Cleared when the front drops, so that after a
   * reconnect the gateway shows CONNECTED only once orders and trades are reconciled, never before.
   */
  synced = false;
  /** A sync has completed once: later ones are reconciliations after a reconnect. */
  private syncedOnce = false;
  readonly contracts = new Map<string, ContractData>();
  private frontId = 0;
  private sessionId = 0;
  private orderRef = 0;
  private reqId = 0;
  private investorId = '';
  private readonly shareholders = new Map<Exchange, string>();
  private readonly pacer: QueryPacer;
  /** Callbacks whose stray answers have been logged (once each). */
  private readonly strays = new Set<string>();
  private readonly tracker: OrderTracker;
  private readonly sysidToOrderid = new Map<string, string>();
  private readonly heldPositions = new Set<string>();
  private positionRows: ToraRecord[] = [];
  private periodic: NodeJS.Timeout | undefined;
  private periodicTurn = 0;
  private refreshQueued = false;

  constructor(
    private readonly session: ToraSession,
    private readonly config: TdConfig,
    private readonly push: GatewayPushes,
  ) {
    this.pacer = new QueryPacer(config.queryIntervalMs, (name, code) =>
      push.log(`TORA ${name} query was not sent (code ${code})`, LogLevel.WARNING),
    );
    this.tracker = new OrderTracker({ order: (o) => push.order(o), trade: (t) => push.trade(t) });
  }

  private get gatewayName(): string {
    return this.push.gatewayName;
  }

  private request(method: TraderReq['method'], struct: TraderReq['struct'], fields: ToraRecord) {
    return this.session.request({ method, struct, fields, requestId: ++this.reqId });
  }

  private notSent(what: string, e: Error): void {
    this.push.log(`TORA ${what} not sent: ${e.message}`, LogLevel.WARNING);
  }

  handle(e: SpiEvent): void {
    switch (e.name) {
      case 'OnFrontConnected':
        this.push.log('TORA trading front connected');
        this.login();
        break;
      case 'OnFrontDisconnected':
        this.loggedIn = false;
        this.synced = false;
        this.pacer.clear();
        this.push.log(
          `TORA trading front disconnected (reason 0x${e.reason.toString(16)})`,
          LogLevel.WARNING,
        );
        this.push.linkChanged();
        break;
      case 'OnRspUserLogin':
        if (isError(e.info)) return this.push.failed('TORA login failed', e.info);
        if (e.data) this.onLogin(e.data);
        break;
      case 'OnRspQrySecurity':
        this.onQueryRow(e, 'securities', (r) => {
          const c = parseContract(r, this.gatewayName);
          if (!c) return;
          this.contracts.set(c.vtSymbol, c);
          this.push.contract(c);
        });
        break;
      case 'OnRspQryInvestor':
        this.onQueryRow(e, 'investor', (r) => {
          this.investorId ||= String(r.InvestorID);
        });
        break;
      case 'OnRspQryShareholderAccount':
        this.onQueryRow(e, 'shareholder accounts', (r) => {
          const exchange = exchangeOf(String(r.ExchangeID));
          // The main shareholder account of an exchange wins over any other.
          if (exchange && (!this.shareholders.has(exchange) || Number(r.MainFlag)))
            this.shareholders.set(exchange, String(r.ShareholderID));
        });
        break;
      case 'OnRspQryTradingAccount':
        this.onQueryRow(e, 'account', (r) => this.push.account(parseAccount(r, this.gatewayName)));
        break;
      case 'OnRspQryPosition':
        if (this.onQueryRow(e, 'positions', (r) => this.positionRows.push(r)) && e.isLast)
          this.pushPositions();
        break;
      case 'OnRspQryOrder':
        this.onQueryRow(e, 'orders', (r) => this.onOrder(r));
        break;
      case 'OnRspQryTrade':
        if (this.onQueryRow(e, 'trades', (r) => this.onTrade(r)) && e.isLast && this.loggedIn)
          this.onSynced();
        break;
      case 'OnRtnOrder':
        if (e.data) this.onOrder(e.data);
        break;
      case 'OnRtnTrade':
        if (e.data) this.onTrade(e.data);
        break;
      case 'OnRspOrderInsert':
      case 'OnErrRtnOrderInsert':
        if (e.data && isError(e.info)) this.onInsertError(e.data, e.info);
        break;
      case 'OnRspOrderAction':
      case 'OnErrRtnOrderAction':
        // One refusal arrives as both callbacks: log it once.
        if (isError(e.info) && e.name === 'OnRspOrderAction')
          this.push.log(`TORA cancel failed: ${errorText(e.info)}`, LogLevel.WARNING);
        break;
      case 'OnRspError':
        if (e.info) this.push.log(`TORA error: ${errorText(e.info)}`, LogLevel.ERROR);
        break;
    }
  }

  private login(): void {
    void this.request('ReqUserLogin', 'ReqUserLogin', {
      LogInAccount: this.config.account,
      LogInAccountType: this.config.accountType,
      DepartmentID: this.config.departmentId,
      AuthMode: '0',
      Password: this.config.password,
      UserProductInfo: this.config.productInfo,
      TerminalInfo: this.config.terminalInfo,
      DynamicPassword: this.config.dynamicPassword,
    }).then(
      (code) => code !== 0 && this.push.log(`TORA login request not sent (code ${code})`, LogLevel.WARNING),
      (e: Error) => this.notSent('login request', e),
    );
  }

  private onLogin(r: ToraRecord): void {
    this.frontId = Number(r.FrontID);
    this.sessionId = Number(r.SessionID);
    // OrderRef must grow within a session; start above what the counter says this user has used.
    this.orderRef = Math.max(this.orderRef, Number(r.MaxOrderRef) || 0);
    this.loggedIn = true;
    this.push.log(
      `TORA login: front ${this.frontId}, session ${this.sessionId}, trading day ${String(r.TradingDay)}`,
    );
    if (this.contracts.size === 0) this.query('securities', 'ReqQrySecurity', 'QrySecurity', {});
    this.query('investor', 'ReqQryInvestor', 'QryInvestor', {});
    this.query('shareholder accounts', 'ReqQryShareholderAccount', 'QryShareholderAccount', {});
    this.queryAccount();
    this.queryPosition();
    this.query('orders', 'ReqQryOrder', 'QryOrder', {});
    this.query('trades', 'ReqQryTrade', 'QryTrade', {});
  }

  private onSynced(): void {
    const first = !this.syncedOnce;
    this.synced = this.syncedOnce = true;
    this.push.log(first ? 'TORA trading sync complete' : 'TORA trading reconciled after reconnect');
    this.push.linkChanged();
    if (!this.periodic) {
      // VN Trader's TORA rhythm: account and positions alternately every three seconds.
      this.periodic = setInterval(() => {
        if (!this.loggedIn || !this.pacer.idle) return;
        if (this.periodicTurn++ % 2 === 0) this.queryAccount();
        else this.queryPosition();
      }, 3000);
    }
  }

  queryAccount(): void {
    if (this.loggedIn) this.query('account', 'ReqQryTradingAccount', 'QryTradingAccount', {});
  }

  queryPosition(): void {
    if (this.loggedIn) this.query('positions', 'ReqQryPosition', 'QryPosition', {});
  }

  private query(name: string, method: TraderReq['method'], struct: TraderReq['struct'], fields: ToraRecord) {
    this.pacer.push({
      name,
      send: () => {
        if (name === 'positions') this.positionRows = [];
        return this.request(method, struct, fields);
      },
    });
  }

  /**
   * The rows of an answer to query `name`. False when that query is not the one in flight: such a stray
   * answer (logged once per callback) neither changes what it describes nor ends another query's answer.
   */
  private onQueryRow(e: SpiEvent, name: string, each: (r: ToraRecord) => void): boolean {
    if (!this.pacer.awaits(name)) {
      if (!this.strays.has(e.name)) {
        this.strays.add(e.name);
        this.push.log(`TORA ${e.name} arrived with no ${name} query in flight: skipped`, LogLevel.WARNING);
      }
      return false;
    }
    if (isError(e.info)) this.push.log(`TORA query failed: ${errorText(e.info)}`, LogLevel.WARNING);
    else if (e.data) each(e.data);
    if (e.isLast) this.pacer.done();
    return true;
  }

  private pushPositions(): void {
    const seen = new Set<string>();
    for (const r of this.positionRows) {
      const p = parsePosition(r, this.gatewayName);
      if (!p) continue;
      seen.add(p.vtSymbol);
      if (p.volume) this.heldPositions.add(p.vtSymbol);
      this.push.position(p);
    }
    this.positionRows = [];
    // A holding missing from the answer is now flat.
    for (const vtSymbol of [...this.heldPositions]) {
      if (seen.has(vtSymbol)) continue;
      this.heldPositions.delete(vtSymbol);
      const dot = vtSymbol.lastIndexOf('.');
      this.push.position(
        createPosition({
          gatewayName: this.gatewayName,
          symbol: vtSymbol.slice(0, dot),
          exchange: vtSymbol.slice(dot + 1) as Exchange,
          direction: Direction.NET,
        }),
      );
    }
  }

  /** After a fill: account and positions once more, without waiting for the periodic round. */
  private refreshAfterTrade(): void {
    if (this.refreshQueued || !this.loggedIn) return;
    this.refreshQueued = true;
    this.pacer.push({
      name: 'account',
      send: () => {
        this.refreshQueued = false;
        return this.request('ReqQryTradingAccount', 'QryTradingAccount', {});
      },
    });
    this.queryPosition();
  }

  private onOrder(r: ToraRecord): void {
    const exchange = exchangeOf(String(r.ExchangeID));
    if (!exchange) return;
    const order = parseOrder(r, this.gatewayName, exchange);
    const sysid = String(r.OrderSysID ?? '');
    if (sysid) this.sysidToOrderid.set(`${exchange}|${sysid}`, order.orderid);
    this.tracker.update(order);
  }

  private onTrade(r: ToraRecord): void {
    const exchange = exchangeOf(String(r.ExchangeID));
    if (!exchange) return;
    const sysid = String(r.OrderSysID);
    const orderid = this.sysidToOrderid.get(`${exchange}|${sysid}`) ?? sysid;
    if (this.tracker.trade(parseTrade(r, this.gatewayName, exchange, orderid))) this.refreshAfterTrade();
  }

  private onInsertError(r: ToraRecord, info: RspInfo): void {
    const orderid = orderidOf(this.frontId, this.sessionId, Number(r.OrderRef));
    const order = this.tracker.get(orderid);
    // OnRspOrderInsert and OnErrRtnOrderInsert both report one rejection.
    if (!order || order.status === Status.REJECTED) return;
    this.push.log(`TORA order ${orderid} rejected: ${errorText(info)}`, LogLevel.WARNING);
    this.tracker.reject(orderid, errorText(info));
  }

  sendOrder(req: OrderRequest): string {
    this.orderRef += 1;
    const orderid = orderidOf(this.frontId, this.sessionId, this.orderRef);
    this.tracker.add(orderFromRequest(req, orderid, this.gatewayName));
    const type = ORDER_TYPE_TO_TORA[req.type];
    const direction = DIRECTION_TO_TORA[req.direction];
    const exchange = EXCHANGE_TO_TORA[req.exchange];
    const shareholder = this.shareholders.get(req.exchange);
    const reject = (why: string) => {
      this.push.log(`TORA order ${orderid} not sent: ${why}`, LogLevel.WARNING);
      this.tracker.reject(orderid, why);
    };
    if (!this.loggedIn) reject('not logged in to the TORA trading front');
    else if (!type) reject(`order type ${req.type} is not offered by TORA for stocks (LIMIT, MARKET)`);
    else if (!direction) reject(`direction ${req.direction} is not supported by TORA`);
    else if (!exchange) reject(`exchange ${req.exchange} is not traded through TORA (SSE, SZSE)`);
    else if (!shareholder) reject(`no shareholder account for ${req.exchange} in this TORA account`);
    else if (!Number.isInteger(req.volume)) reject(`volume ${req.volume} is not a whole number of shares`);
    else {
      const [priceType, timeCondition, volumeCondition] = type;
      void this.request('ReqOrderInsert', 'InputOrder', {
        ExchangeID: exchange,
        InvestorID: this.investorId,
        ShareholderID: shareholder,
        SecurityID: req.symbol,
        Direction: direction,
        LimitPrice: req.type === OrderType.MARKET ? 0 : req.price,
        VolumeTotalOriginal: req.volume,
        OrderPriceType: priceType,
        TimeCondition: timeCondition,
        VolumeCondition: volumeCondition,
        OrderRef: this.orderRef,
        LotType: '1',
      }).then(
        (code) => code !== 0 && reject(`the TORA library refused the request (code ${code})`),
        (e: Error) => reject(e.message),
      );
    }
    return `${this.gatewayName}.${orderid}`;
  }

  cancelOrder(req: CancelRequest): void {
    const ids = parseOrderid(req.orderid);
    const exchange = EXCHANGE_TO_TORA[req.exchange];
    if (!ids || !exchange) {
      this.push.log(
        `cannot cancel ${req.orderid}: not a TORA order id (front_session_ref) on SSE or SZSE`,
        LogLevel.WARNING,
      );
      return;
    }
    void this.request('ReqOrderAction', 'InputOrderAction', {
      ExchangeID: exchange,
      FrontID: ids.frontId,
      SessionID: ids.sessionId,
      OrderRef: ids.orderRef,
      ActionFlag: '0',
    }).then(
      (code) => code !== 0 && this.push.log(`TORA cancel of ${req.orderid} not sent (code ${code})`),
      (e: Error) => this.notSent(`cancel of ${req.orderid}`, e),
    );
  }

  close(): void {
    clearInterval(this.periodic);
    this.periodic = undefined;
    this.pacer.clear();
    this.loggedIn = false;
  }
}
