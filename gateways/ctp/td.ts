// The trading side of a CTP session: authenticate -> login -> settlement confirmation -> contracts, account,
// positions, orders and trades (paced), then order entry and the private flow. After the library reconnects
// by itself the same chain runs again and orders/trades are reconciled from the queries.
import { Exchange, LogLevel, OrderType, Status } from '../../src/core/constant.js';
import {
  orderFromRequest,
  type CancelRequest,
  type ContractData,
  type OrderRequest,
} from '../../src/core/object.js';
import type { RspInfo, SpiEvent } from '../../bindings/ctp/protocol.js';
import type { CtpSession } from '../../bindings/ctp/session.js';
import type { CtpRecord } from '../../bindings/ctp/structs.js';
import type { GatewayPushes } from './pushes.js';
import {
  DIRECTION_TO_CTP,
  errorText,
  exchangeOf,
  isError,
  OFFSET_TO_CTP,
  ORDER_TYPE_TO_CTP,
  orderidOf,
  parseAccount,
  parseContract,
  parseOrder,
  parsePositionRow,
  parseTrade,
} from './parse.js';
import { OrderTracker } from '../common/order-tracker.js';
import { PositionBook } from './positions.js';
import { QueryPacer } from '../common/query-pacer.js';

export interface TdConfig {
  userid: string;
  password: string;
  brokerid: string;
  appid: string;
  authCode: string;
  queryIntervalMs: number;
  /** Confirm the settlement statement after login (CTP); CTP Mini counters have no such step. */
  settlementConfirm: boolean;
}

export class CtpTdClient {
  loggedIn = false;
  /** Set once the first full sync (through trades) has completed; later logins are reconnects. */
  synced = false;
  readonly contracts = new Map<string, ContractData>();
  private frontId = 0;
  private sessionId = 0;
  private orderRef = 0;
  private reqId = 0;
  private readonly pacer: QueryPacer;
  private readonly sysidToOrderid = new Map<string, string>();
  /** Never backwards, each trade once: the shared tracker every gateway pushes orders and trades through. */
  private readonly tracker: OrderTracker;
  private readonly positions: PositionBook;
  private periodic: NodeJS.Timeout | undefined;
  private periodicTurn = 0;

  constructor(
    private readonly session: CtpSession,
    private readonly config: TdConfig,
    private readonly push: GatewayPushes,
  ) {
    this.tracker = new OrderTracker({ order: (o) => push.order(o), trade: (t) => push.trade(t) });
    // CTP's PositionCost includes the contract multiplier.
    this.positions = new PositionBook(push.gatewayName, this.contracts, (c) => c?.size ?? 1);
    this.pacer = new QueryPacer(config.queryIntervalMs, (name, code) =>
      push.log(`CTP ${name} query was not sent (code ${code})`, LogLevel.WARNING),
    );
  }

  private get gatewayName(): string {
    return this.push.gatewayName;
  }

  private request(
    method: Parameters<CtpSession['request']>[1],
    struct: Parameters<CtpSession['request']>[2],
    fields: CtpRecord,
  ) {
    return this.session.request('td', method, struct, fields, ++this.reqId);
  }

  /** A request the session could not make (its host ended, or the call hung and was cut off). */
  private notSent(what: string, e: Error): void {
    this.push.log(`CTP ${what} not sent: ${e.message}`, LogLevel.WARNING);
  }

  private get who(): CtpRecord {
    return { BrokerID: this.config.brokerid, InvestorID: this.config.userid };
  }

  handle(e: SpiEvent): void {
    switch (e.name) {
      case 'OnFrontConnected':
        this.push.log('CTP trading front connected');
        this.authenticate();
        break;
      case 'OnFrontDisconnected':
        this.loggedIn = false;
        this.pacer.clear();
        this.push.log(`CTP trading front disconnected (reason 0x${e.reason.toString(16)})`, LogLevel.WARNING);
        this.push.linkChanged();
        break;
      case 'OnRspAuthenticate':
        if (isError(e.info)) return this.push.failed('CTP authentication failed', e.info);
        this.login();
        break;
      case 'OnRspUserLogin':
        if (isError(e.info)) return this.push.failed('CTP login failed', e.info);
        this.onLogin(e.data!);
        break;
      case 'OnRspSettlementInfoConfirm':
        if (isError(e.info)) return this.push.failed('CTP settlement confirmation failed', e.info);
        this.push.log('CTP settlement confirmed');
        this.startSync();
        break;
      case 'OnRspQryInstrument':
        this.onQueryRow(e, (r) => {
          const c = parseContract(r, this.gatewayName);
          if (c) {
            this.contracts.set(c.symbol, c);
            this.push.contract(c);
          }
        });
        break;
      case 'OnRspQryTradingAccount':
        this.onQueryRow(e, (r) => this.push.account(parseAccount(r, this.gatewayName)));
        break;
      case 'OnRspQryInvestorPosition':
        this.onQueryRow(e, (r) => {
          // CTP Mini's position rows carry no ExchangeID: the contract says where the row belongs.
          const exchange = r.ExchangeID ? r.ExchangeID : this.contracts.get(String(r.InstrumentID))?.exchange;
          const part = parsePositionRow({ ...r, ExchangeID: exchange ?? '' });
          if (part) this.positions.add(part);
        });
        if (e.isLast) this.positions.flush((p) => this.push.position(p));
        break;
      case 'OnRspQryOrder':
        this.onQueryRow(e, (r) => this.onOrder(r));
        break;
      case 'OnRspQryTrade':
        this.onQueryRow(e, (r) => this.onTrade(r));
        if (e.isLast && this.loggedIn) this.onSynced();
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
        if (isError(e.info)) this.push.log(`CTP cancel failed: ${errorText(e.info)}`, LogLevel.WARNING);
        break;
      case 'OnRspError':
        if (e.info) this.push.log(`CTP error: ${errorText(e.info)}`, LogLevel.ERROR);
        break;
    }
  }

  private authenticate(): void {
    if (!this.config.appid && !this.config.authCode) return this.login();
    void this.request('ReqAuthenticate', 'ReqAuthenticate', {
      BrokerID: this.config.brokerid,
      UserID: this.config.userid,
      AppID: this.config.appid,
      AuthCode: this.config.authCode,
    }).then(
      (code) => code !== 0 && this.push.log(`CTP authentication request not sent (code ${code})`),
      (e: Error) => this.notSent('authentication request', e),
    );
  }

  private login(): void {
    void this.request('ReqUserLogin', 'ReqUserLogin', {
      BrokerID: this.config.brokerid,
      UserID: this.config.userid,
      Password: this.config.password,
    }).then(
      (code) => code !== 0 && this.push.log(`CTP login request not sent (code ${code})`),
      (e: Error) => this.notSent('login request', e),
    );
  }

  private onLogin(r: CtpRecord): void {
    this.frontId = Number(r.FrontID);
    this.sessionId = Number(r.SessionID);
    // Order refs are unique per session; start above what the front says this user has used.
    this.orderRef = Math.max(this.orderRef, Number(r.MaxOrderRef) || 0);
    this.loggedIn = true;
    this.push.log(`CTP login: front ${this.frontId}, session ${this.sessionId}, trading day ${r.TradingDay}`);
    if (!this.config.settlementConfirm) return this.startSync();
    this.request('ReqSettlementInfoConfirm', 'SettlementInfoConfirm', this.who).catch((e: Error) =>
      this.notSent('settlement confirmation', e),
    );
  }

  private startSync(): void {
    if (this.contracts.size === 0) {
      this.query('instruments', 'ReqQryInstrument', 'QryInstrument', {});
    }
    this.query('account', 'ReqQryTradingAccount', 'QryTradingAccount', this.who);
    this.query('positions', 'ReqQryInvestorPosition', 'QryInvestorPosition', this.who);
    this.query('orders', 'ReqQryOrder', 'QryOrder', this.who);
    this.query('trades', 'ReqQryTrade', 'QryTrade', this.who);
  }

  private onSynced(): void {
    const first = !this.synced;
    this.synced = true;
    this.push.log(first ? 'CTP trading sync complete' : 'CTP trading reconciled after reconnect');
    this.push.linkChanged();
    if (!this.periodic) {
      // VN Trader's rhythm: account and positions alternately, every two seconds.
      this.periodic = setInterval(() => {
        if (!this.loggedIn || !this.pacer.idle) return;
        if (this.periodicTurn++ % 2 === 0) this.queryAccount();
        else this.queryPosition();
      }, 2000);
    }
  }

  queryAccount(): void {
    if (this.loggedIn) this.query('account', 'ReqQryTradingAccount', 'QryTradingAccount', this.who);
  }

  queryPosition(): void {
    if (this.loggedIn) this.query('positions', 'ReqQryInvestorPosition', 'QryInvestorPosition', this.who);
  }

  private query(
    name: string,
    method: Parameters<CtpSession['request']>[1],
    struct: Parameters<CtpSession['request']>[2],
    fields: CtpRecord,
  ): void {
    this.pacer.push({
      name,
      send: () => {
        // Rows accumulate per answer; the pacer guarantees no other position answer is in flight now.
        if (name === 'positions') this.positions.clear();
        return this.request(method, struct, fields);
      },
    });
  }

  private onQueryRow(e: SpiEvent, each: (r: CtpRecord) => void): void {
    if (isError(e.info)) this.push.log(`CTP query failed: ${errorText(e.info)}`, LogLevel.WARNING);
    else if (e.data) each(e.data);
    if (e.isLast) this.pacer.done();
  }

  private exchangeFor(r: CtpRecord): Exchange | null {
    return exchangeOf(String(r.ExchangeID)) ?? this.contracts.get(String(r.InstrumentID))?.exchange ?? null;
  }

  private onOrder(r: CtpRecord): void {
    const exchange = this.exchangeFor(r);
    if (!exchange) return;
    const order = parseOrder(r, this.gatewayName, exchange);
    const sysid = String(r.OrderSysID ?? '');
    if (sysid) this.sysidToOrderid.set(`${exchange}|${sysid}`, order.orderid);
    this.tracker.update(order);
  }

  private onTrade(r: CtpRecord): void {
    const exchange = this.exchangeFor(r);
    if (!exchange) return;
    const orderid =
      this.sysidToOrderid.get(`${exchange}|${String(r.OrderSysID)}`) ?? String(r.OrderSysID).trim();
    this.tracker.trade(parseTrade(r, this.gatewayName, exchange, orderid));
  }

  private onInsertError(r: CtpRecord, info: RspInfo): void {
    const orderid = orderidOf(this.frontId, this.sessionId, String(r.OrderRef));
    const order = this.tracker.get(orderid);
    // OnRspOrderInsert and OnErrRtnOrderInsert both report one rejection.
    if (!order || order.status === Status.REJECTED) return;
    this.push.log(`CTP order ${orderid} rejected: ${errorText(info)}`, LogLevel.WARNING);
    this.tracker.reject(orderid, errorText(info));
  }

  sendOrder(req: OrderRequest): string {
    this.orderRef += 1;
    const orderid = orderidOf(this.frontId, this.sessionId, this.orderRef);
    const order = orderFromRequest(req, orderid, this.gatewayName);
    this.tracker.add(order);
    const type = ORDER_TYPE_TO_CTP[req.type];
    const direction = DIRECTION_TO_CTP[req.direction];
    const offset = OFFSET_TO_CTP[req.offset];
    const reject = (why: string) => {
      this.push.log(`CTP order ${orderid} not sent: ${why}`, LogLevel.WARNING);
      this.tracker.reject(orderid, why);
    };
    if (!this.loggedIn) reject('not logged in to the CTP trading front');
    else if (!type) reject(`order type ${req.type} is not supported by CTP`);
    else if (!direction) reject(`direction ${req.direction} is not supported by CTP`);
    else if (!offset) reject('CTP needs an offset (open, close, close today or close yesterday)');
    else {
      const [priceType, timeCondition, volumeCondition] = type;
      void this.request('ReqOrderInsert', 'InputOrder', {
        ...this.who,
        UserID: this.config.userid,
        InstrumentID: req.symbol,
        ExchangeID: req.exchange,
        OrderRef: String(this.orderRef),
        OrderPriceType: priceType,
        LimitPrice: req.type === OrderType.MARKET ? 0 : req.price,
        VolumeTotalOriginal: req.volume,
        Direction: direction,
        CombOffsetFlag: offset,
        CombHedgeFlag: '1',
        TimeCondition: timeCondition,
        VolumeCondition: volumeCondition,
        MinVolume: 1,
        ContingentCondition: '1',
        ForceCloseReason: '0',
        IsAutoSuspend: 0,
        UserForceClose: 0,
        RequestID: this.reqId + 1,
      }).then(
        (code) => code !== 0 && reject(`the CTP library refused the request (code ${code})`),
        (e: Error) => reject(e.message),
      );
    }
    return `${this.gatewayName}.${orderid}`;
  }

  cancelOrder(req: CancelRequest): void {
    const m = /^(-?\d+)_(-?\d+)_(.+)$/.exec(req.orderid);
    if (!m) {
      this.push.log(`cannot cancel ${req.orderid}: not a CTP order id (front_session_ref)`, LogLevel.WARNING);
      return;
    }
    void this.request('ReqOrderAction', 'InputOrderAction', {
      ...this.who,
      UserID: this.config.userid,
      InstrumentID: req.symbol,
      ExchangeID: req.exchange,
      FrontID: Number(m[1]),
      SessionID: Number(m[2]),
      OrderRef: m[3]!,
      ActionFlag: '0',
    }).then(
      (code) => code !== 0 && this.push.log(`CTP cancel of ${req.orderid} not sent (code ${code})`),
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
