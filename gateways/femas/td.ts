// The trading side of a FEMAS session: look-through certification (AppID/AuthCode) -> login -> the user's
// investor id -> contracts, account, positions, orders and trades (paced), then order entry and the private
// flow. FEMAS knows an order by the user's own UserOrderLocalID: ids (and every cancel's own action id) come
// from one increasing counter that starts above the MaxOrderLocalID of each login, so an id is never used
// twice across reconnects and restarts. After the library reconnects by itself the same chain runs again
// and orders and trades are reconciled from the queries; the shared tracker pushes each trade once.
import { LogLevel, OrderType, Status, type Exchange } from '../../src/core/constant.js';
import {
  orderFromRequest,
  type CancelRequest,
  type ContractData,
  type OrderRequest,
} from '../../src/core/object.js';
import type { FemasEvent, FemasRspInfo } from '../../bindings/femas/protocol.js';
import type { FemasSession } from '../../bindings/femas/session.js';
import type { FemasRecord } from '../../bindings/femas/structs.js';
import { OrderTracker } from '../common/order-tracker.js';
import { QueryPacer } from '../common/query-pacer.js';
import { PositionBook } from '../ctp/positions.js';
import type { GatewayPushes, LinkCredentials } from '../ctp/pushes.js';
import {
  DIRECTION_TO_FEMAS,
  errorText,
  exchangeOf,
  formatLocalId,
  isError,
  OFFSET_TO_FEMAS,
  ORDER_TYPE_TO_FEMAS,
  orderidOf,
  parseAccount,
  parseContract,
  parseOrder,
  parsePositionRow,
  parseTrade,
} from './parse.js';

export interface FemasTdConfig extends LinkCredentials {
  queryIntervalMs: number;
}

type Method = Parameters<FemasSession['request']>[1];
type Struct = Parameters<FemasSession['request']>[2];

export class FemasTdClient {
  loggedIn = false;
  /** Set once the first full sync (through trades) has completed; later logins are reconnects. */
  synced = false;
  readonly contracts = new Map<string, ContractData>();
  private investorId = '';
  /** The last local id used (orders and cancels share FEMAS's sequence). */
  private localId = 0;
  private reqId = 0;
  private readonly pacer: QueryPacer;
  private readonly tracker: OrderTracker;
  private readonly positions: PositionBook;
  private periodic: NodeJS.Timeout | undefined;
  private periodicTurn = 0;

  constructor(
    private readonly session: FemasSession,
    private readonly config: FemasTdConfig,
    private readonly push: GatewayPushes,
  ) {
    this.tracker = new OrderTracker({ order: (o) => push.order(o), trade: (t) => push.trade(t) });
    this.pacer = new QueryPacer(config.queryIntervalMs, (name, code) =>
      push.log(`FEMAS ${name} query was not sent (code ${code})`, LogLevel.WARNING),
    );
    // FEMAS's PositionCost is price times volume, without the multiplier.
    this.positions = new PositionBook(push.gatewayName, this.contracts, () => 1);
  }

  private request(method: Method, struct: Struct, fields: FemasRecord) {
    return this.session.request('td', method, struct, fields, ++this.reqId);
  }

  private notSent(what: string, e: Error): void {
    this.push.log(`FEMAS ${what} not sent: ${e.message}`, LogLevel.WARNING);
  }

  private get who(): FemasRecord {
    return { BrokerID: this.config.brokerid, UserID: this.config.userid, InvestorID: this.investorId };
  }

  handle(e: FemasEvent): void {
    switch (e.name) {
      case 'OnFrontConnected':
        this.push.log('FEMAS trading front connected');
        this.certify();
        break;
      case 'OnFrontDisconnected':
        this.loggedIn = false;
        this.pacer.clear();
        this.push.log(
          `FEMAS trading front disconnected (reason 0x${e.reason.toString(16)})`,
          LogLevel.WARNING,
        );
        this.push.linkChanged();
        break;
      case 'OnRspDSUserCertification':
        if (isError(e.info)) return this.push.failed('FEMAS certification failed', e.info);
        this.login();
        break;
      case 'OnRspUserLogin':
        if (isError(e.info)) return this.push.failed('FEMAS login failed', e.info);
        this.onLogin(e.data!);
        break;
      case 'OnRspQryUserInvestor':
        this.onQueryRow(e, (r) => {
          this.investorId = String(r.InvestorID ?? '');
        });
        if (!e.isLast) break;
        if (!this.investorId) {
          return this.push.failed('FEMAS investor query failed', {
            ErrorID: -1,
            ErrorMsg: `no investor for user ${this.config.userid}`,
          });
        }
        this.startSync();
        break;
      case 'OnRspQryInstrument':
        this.onQueryRow(e, (r) => {
          const c = parseContract(r, this.push.gatewayName);
          if (c) {
            this.contracts.set(c.symbol, c);
            this.push.contract(c);
          }
        });
        break;
      case 'OnRspQryInvestorAccount':
        this.onQueryRow(e, (r) => this.push.account(parseAccount(r, this.push.gatewayName)));
        break;
      case 'OnRspQryInvestorPosition':
        this.onQueryRow(e, (r) => {
          const part = parsePositionRow(r, this.contracts.get(String(r.InstrumentID))?.exchange ?? null);
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
        if (isError(e.info)) {
          const id = e.data ? ` of ${orderidOf(e.data)}` : '';
          this.push.log(`FEMAS cancel${id} failed: ${errorText(e.info)}`, LogLevel.WARNING);
        }
        break;
      case 'OnRspError':
        if (e.info) this.push.log(`FEMAS error: ${errorText(e.info)}`, LogLevel.ERROR);
        break;
    }
  }

  /** FEMAS's look-through certification when an app id or auth code is set (as VN Trader), else login. */
  private certify(): void {
    if (!this.config.appid && !this.config.authCode) return this.login();
    void this.request('ReqDSUserCertification', 'DSUserInfo', {
      AppID: this.config.appid,
      AuthCode: this.config.authCode,
      EncryptType: '1',
    }).then(
      (code) => code !== 0 && this.push.log(`FEMAS certification request not sent (code ${code})`),
      (e: Error) => this.notSent('certification request', e),
    );
  }

  private login(): void {
    void this.request('ReqUserLogin', 'ReqUserLogin', {
      BrokerID: this.config.brokerid,
      UserID: this.config.userid,
      Password: this.config.password,
    }).then(
      (code) => code !== 0 && this.push.log(`FEMAS login request not sent (code ${code})`),
      (e: Error) => this.notSent('login request', e),
    );
  }

  private onLogin(r: FemasRecord): void {
    // Local ids must rise above every id this user has used (also in an earlier session).
    const max = Number.parseInt(String(r.MaxOrderLocalID ?? ''), 10);
    if (Number.isFinite(max)) this.localId = Math.max(this.localId, max);
    this.loggedIn = true;
    this.push.log(`FEMAS login: trading day ${r.TradingDay}, max order local id ${r.MaxOrderLocalID}`);
    this.query('investor', 'ReqQryUserInvestor', 'QryUserInvestor', {
      BrokerID: this.config.brokerid,
      UserID: this.config.userid,
    });
  }

  private startSync(): void {
    if (this.contracts.size === 0) this.query('instruments', 'ReqQryInstrument', 'QryInstrument', {});
    this.query('account', 'ReqQryInvestorAccount', 'QryInvestorAccount', this.who);
    this.query('positions', 'ReqQryInvestorPosition', 'QryInvestorPosition', this.who);
    this.query('orders', 'ReqQryOrder', 'QryOrder', this.who);
    this.query('trades', 'ReqQryTrade', 'QryTrade', this.who);
  }

  private onSynced(): void {
    const first = !this.synced;
    this.synced = true;
    this.push.log(first ? 'FEMAS trading sync complete' : 'FEMAS trading reconciled after reconnect');
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
    if (this.loggedIn && this.investorId)
      this.query('account', 'ReqQryInvestorAccount', 'QryInvestorAccount', this.who);
  }

  queryPosition(): void {
    if (this.loggedIn && this.investorId)
      this.query('positions', 'ReqQryInvestorPosition', 'QryInvestorPosition', this.who);
  }

  private query(name: string, method: Method, struct: Struct, fields: FemasRecord): void {
    this.pacer.push({
      name,
      send: () => {
        if (name === 'positions') this.positions.clear();
        return this.request(method, struct, fields);
      },
    });
  }

  private onQueryRow(e: FemasEvent, each: (r: FemasRecord) => void): void {
    if (isError(e.info)) this.push.log(`FEMAS query failed: ${errorText(e.info)}`, LogLevel.WARNING);
    else if (e.data) each(e.data);
    if (e.isLast) this.pacer.done();
  }

  private exchangeFor(r: FemasRecord): Exchange | null {
    return exchangeOf(String(r.ExchangeID)) ?? this.contracts.get(String(r.InstrumentID))?.exchange ?? null;
  }

  private onOrder(r: FemasRecord): void {
    const exchange = this.exchangeFor(r);
    if (!exchange || !orderidOf(r)) return;
    const local = Number.parseInt(orderidOf(r), 10);
    // An order this user entered elsewhere (another terminal) also uses up its local id.
    if (Number.isFinite(local)) this.localId = Math.max(this.localId, local);
    this.tracker.update(parseOrder(r, this.push.gatewayName, exchange));
  }

  private onTrade(r: FemasRecord): void {
    const exchange = this.exchangeFor(r);
    if (!exchange) return;
    this.tracker.trade(parseTrade(r, this.push.gatewayName, exchange));
  }

  private onInsertError(r: FemasRecord, info: FemasRspInfo): void {
    const orderid = orderidOf(r);
    const order = this.tracker.get(orderid);
    // OnRspOrderInsert and OnErrRtnOrderInsert both report one rejection.
    if (!order || order.status === Status.REJECTED) return;
    this.push.log(`FEMAS order ${orderid} rejected: ${errorText(info)}`, LogLevel.WARNING);
    this.tracker.reject(orderid, errorText(info));
  }

  private nextLocalId(): string {
    this.localId += 1;
    return formatLocalId(this.localId);
  }

  sendOrder(req: OrderRequest): string {
    const orderid = this.nextLocalId();
    this.tracker.add(orderFromRequest(req, orderid, this.push.gatewayName));
    const type = ORDER_TYPE_TO_FEMAS[req.type];
    const direction = DIRECTION_TO_FEMAS[req.direction];
    const offset = OFFSET_TO_FEMAS[req.offset];
    const reject = (why: string) => {
      this.push.log(`FEMAS order ${orderid} not sent: ${why}`, LogLevel.WARNING);
      this.tracker.reject(orderid, why);
    };
    if (!this.loggedIn || !this.investorId) reject('not logged in to the FEMAS trading front');
    else if (!type) reject(`order type ${req.type} is not supported by FEMAS`);
    else if (!direction) reject(`direction ${req.direction} is not supported by FEMAS`);
    else if (!offset) reject('FEMAS needs an offset (open, close, close today or close yesterday)');
    else {
      const [priceType, timeCondition, volumeCondition] = type;
      void this.request('ReqOrderInsert', 'InputOrder', {
        ...this.who,
        ExchangeID: req.exchange,
        InstrumentID: req.symbol,
        UserOrderLocalID: orderid,
        OrderPriceType: priceType,
        Direction: direction,
        OffsetFlag: offset,
        HedgeFlag: '1',
        LimitPrice: req.type === OrderType.MARKET ? 0 : req.price,
        Volume: req.volume,
        TimeCondition: timeCondition,
        VolumeCondition: volumeCondition,
        MinVolume: 1,
        ForceCloseReason: '0',
        IsAutoSuspend: 0,
      }).then(
        (code) => code !== 0 && reject(`the FEMAS library refused the request (code ${code})`),
        (e: Error) => reject(e.message),
      );
    }
    return `${this.push.gatewayName}.${orderid}`;
  }

  cancelOrder(req: CancelRequest): void {
    if (!/^\d+$/.test(req.orderid)) {
      this.push.log(`cannot cancel ${req.orderid}: not a FEMAS order local id`, LogLevel.WARNING);
      return;
    }
    if (!this.loggedIn) {
      this.push.log(
        `cannot cancel ${req.orderid}: not logged in to the FEMAS trading front`,
        LogLevel.WARNING,
      );
      return;
    }
    void this.request('ReqOrderAction', 'OrderAction', {
      ...this.who,
      ExchangeID: req.exchange,
      UserOrderLocalID: req.orderid,
      UserOrderActionLocalID: this.nextLocalId(),
      ActionFlag: '0',
    }).then(
      (code) => code !== 0 && this.push.log(`FEMAS cancel of ${req.orderid} not sent (code ${code})`),
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
