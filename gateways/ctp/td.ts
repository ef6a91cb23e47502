// The trading side of a CTP session: authenticate -> login -> settlement confirmation -> contracts, account,
// positions, orders and trades (paced), then order entry and the private flow. After the library reconnects
// by itself the same chain runs again and orders/trades are reconciled from the queries. What FEMAS's
// client does alike is the shared FtdcTrading (trading.ts); CTP's order ids are front_session_ref.
import { LogLevel, OrderType } from '../../src/core/constant.js';
import type { CancelRequest, OrderRequest } from '../../src/core/object.js';
import type { SpiEvent } from '../../bindings/ctp/protocol.js';
import type { CtpSession } from '../../bindings/ctp/session.js';
import type { CtpRecord } from '../../bindings/ctp/structs.js';
import type { GatewayPushes } from './pushes.js';
import {
  DIRECTION_TO_CTP,
  errorText,
  exchangeOf,
  isError,
  OFFSET_TO_CTP,
  orderidOf,
  parseAccount,
  parseContract,
  parseOrder,
  parsePositionRow,
  parseTrade,
  str,
} from './parse.js';
import { ctpRateDialect, InstrumentRates } from './rates.js';
import { FtdcTdClientBase, FtdcTrading } from './trading.js';

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

type Method = Parameters<CtpSession['request']>[1];
type Struct = Parameters<CtpSession['request']>[2];

export class CtpTdClient extends FtdcTdClientBase<Method, Struct> {
  private frontId = 0;
  private sessionId = 0;
  private orderRef = 0;
  private reqId = 0;
  private readonly sysidToOrderid = new Map<string, string>();
  protected readonly t: FtdcTrading<Method, Struct>;
  private readonly rates: InstrumentRates<Method, Struct>;

  constructor(
    private readonly session: CtpSession,
    private readonly config: TdConfig,
    push: GatewayPushes,
  ) {
    super();
    this.t = new FtdcTrading<Method, Struct>(
      {
        sdk: 'CTP',
        queryIntervalMs: config.queryIntervalMs,
        // CTP's PositionCost includes the contract multiplier.
        costDivisor: (c) => c?.size ?? 1,
        request: (method, struct, fields) => this.request(method, struct, fields),
        exchangeOf,
        parseContract: (r, gatewayName) => {
          const c = parseContract(r, gatewayName);
          if (c) this.rates.noteProduct(c.symbol, str(r, 'ProductID'));
          return c;
        },
        order: (r, exchange) => {
          const order = parseOrder(r, push.gatewayName, exchange);
          const sysid = String(r.OrderSysID ?? '');
          if (sysid) this.sysidToOrderid.set(`${exchange}|${sysid}`, order.orderid);
          return order;
        },
        trade: (r, exchange) => {
          this.rates.want(str(r, 'InstrumentID'));
          const orderid =
            this.sysidToOrderid.get(`${exchange}|${String(r.OrderSysID)}`) ?? String(r.OrderSysID).trim();
          return parseTrade(r, push.gatewayName, exchange, orderid);
        },
        insertOrderid: (r) => orderidOf(this.frontId, this.sessionId, String(r.OrderRef)),
        queryAccount: () => this.queryAccount(),
        queryPosition: () => this.queryPosition(),
      },
      push,
    );
    this.rates = new InstrumentRates(
      this.t,
      ctpRateDialect(
        ['ReqQryInstrumentMarginRate', 'QryInstrumentMarginRate'],
        ['ReqQryInstrumentCommissionRate', 'QryInstrumentCommissionRate'],
      ),
      () => this.who,
    );
  }

  /** A contract the person uses (subscribed): its margin and fee rates are queried once. */
  wantRates(symbol: string): void {
    this.rates.want(symbol);
  }

  private request(method: Method, struct: Struct, fields: CtpRecord) {
    return this.session.request('td', method, struct, fields, ++this.reqId);
  }

  private get who(): CtpRecord {
    return { BrokerID: this.config.brokerid, InvestorID: this.config.userid };
  }

  handle(e: SpiEvent): void {
    if (this.t.handle(e) || this.rates.handle(e)) return;
    switch (e.name) {
      case 'OnFrontConnected':
        this.t.log('trading front connected');
        this.authenticate();
        break;
      case 'OnRspAuthenticate':
        if (this.t.stepOk('authentication', e.info)) this.login();
        break;
      case 'OnRspUserLogin':
        if (this.t.stepOk('login', e.info)) this.onLogin(e.data!);
        break;
      case 'OnRspSettlementInfoConfirm':
        if (!this.t.stepOk('settlement confirmation', e.info)) return;
        this.t.log('settlement confirmed');
        this.startSync();
        break;
      case 'OnRspQryTradingAccount':
        this.t.onAccountRows(e, parseAccount);
        break;
      case 'OnRspQryInvestorPosition':
        this.t.onPositionRows(e, (r) => {
          this.rates.want(str(r, 'InstrumentID'));
          // CTP Mini's position rows carry no ExchangeID: the contract says where the row belongs.
          const exchange = r.ExchangeID ? r.ExchangeID : this.contracts.get(String(r.InstrumentID))?.exchange;
          return parsePositionRow({ ...r, ExchangeID: exchange ?? '' });
        });
        break;
      case 'OnRspOrderAction':
      case 'OnErrRtnOrderAction':
        if (isError(e.info)) this.t.log(`cancel failed: ${errorText(e.info)}`, LogLevel.WARNING);
        break;
    }
  }

  private authenticate(): void {
    if (!this.config.appid && !this.config.authCode) return this.login();
    this.t.send('authentication request', 'ReqAuthenticate', 'ReqAuthenticate', {
      BrokerID: this.config.brokerid,
      UserID: this.config.userid,
      AppID: this.config.appid,
      AuthCode: this.config.authCode,
    });
  }

  private login(): void {
    this.t.send('login request', 'ReqUserLogin', 'ReqUserLogin', {
      BrokerID: this.config.brokerid,
      UserID: this.config.userid,
      Password: this.config.password,
    });
  }

  private onLogin(r: CtpRecord): void {
    this.frontId = Number(r.FrontID);
    this.sessionId = Number(r.SessionID);
    // Order refs are unique per session; start above what the front says this user has used.
    this.orderRef = Math.max(this.orderRef, Number(r.MaxOrderRef) || 0);
    this.t.loggedIn = true;
    this.t.log(`login: front ${this.frontId}, session ${this.sessionId}, trading day ${r.TradingDay}`);
    if (!this.config.settlementConfirm) return this.startSync();
    this.request('ReqSettlementInfoConfirm', 'SettlementInfoConfirm', this.who).catch((e: Error) =>
      this.t.notSent('settlement confirmation', e),
    );
  }

  private startSync(): void {
    this.t.startSync({
      instruments: ['ReqQryInstrument', 'QryInstrument'],
      account: ['ReqQryTradingAccount', 'QryTradingAccount'],
      positions: ['ReqQryInvestorPosition', 'QryInvestorPosition'],
      orders: ['ReqQryOrder', 'QryOrder'],
      trades: ['ReqQryTrade', 'QryTrade'],
      who: this.who,
    });
    this.rates.resume();
  }

  queryAccount(): void {
    if (this.loggedIn) this.t.query('account', 'ReqQryTradingAccount', 'QryTradingAccount', this.who);
  }

  queryPosition(): void {
    if (this.loggedIn) this.t.query('positions', 'ReqQryInvestorPosition', 'QryInvestorPosition', this.who);
  }

  sendOrder(req: OrderRequest): string {
    this.orderRef += 1;
    const ref = this.orderRef;
    const orderid = orderidOf(this.frontId, this.sessionId, ref);
    const codes = { direction: DIRECTION_TO_CTP, offset: OFFSET_TO_CTP };
    return this.t.placeOrder(req, orderid, codes, this.loggedIn, ({ type, direction, offset }) =>
      this.request('ReqOrderInsert', 'InputOrder', {
        ...this.who,
        UserID: this.config.userid,
        InstrumentID: req.symbol,
        ExchangeID: req.exchange,
        OrderRef: String(ref),
        OrderPriceType: type[0],
        LimitPrice: req.type === OrderType.MARKET ? 0 : req.price,
        VolumeTotalOriginal: req.volume,
        Direction: direction,
        CombOffsetFlag: offset,
        CombHedgeFlag: '1',
        TimeCondition: type[1],
        VolumeCondition: type[2],
        MinVolume: 1,
        ContingentCondition: '1',
        ForceCloseReason: '0',
        IsAutoSuspend: 0,
        UserForceClose: 0,
        RequestID: this.reqId + 1,
      }),
    );
  }

  cancelOrder(req: CancelRequest): void {
    const m = /^(-?\d+)_(-?\d+)_(.+)$/.exec(req.orderid);
    if (!m) {
      this.t.push.log(
        `cannot cancel ${req.orderid}: not a CTP order id (front_session_ref)`,
        LogLevel.WARNING,
      );
      return;
    }
    this.t.send(`cancel of ${req.orderid}`, 'ReqOrderAction', 'InputOrderAction', {
      ...this.who,
      UserID: this.config.userid,
      InstrumentID: req.symbol,
      ExchangeID: req.exchange,
      FrontID: Number(m[1]),
      SessionID: Number(m[2]),
      OrderRef: m[3]!,
      ActionFlag: '0',
    });
  }
}
