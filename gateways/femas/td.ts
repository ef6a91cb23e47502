// The trading side of a FEMAS session: look-through certification (AppID/AuthCode) -> login -> the user's
// investor id -> contracts, account, positions, orders and trades (paced), then order entry and the private
// flow. FEMAS knows an order by the user's own UserOrderLocalID: ids (and every cancel's own action id) come
// from one increasing counter that starts above the MaxOrderLocalID of each login, so an id is never used
// twice across reconnects and restarts. After the library reconnects by itself the same chain runs again
// and orders and trades are reconciled from the queries; what CTP's client does alike (the query chain,
// the tracker that pushes each trade once, the checks before an order is sent) is the shared FtdcTrading.
import { LogLevel, OrderType } from '../../src/core/constant.js';
import type { CancelRequest, OrderRequest } from '../../src/core/object.js';
import type { FemasEvent } from '../../bindings/femas/protocol.js';
import type { FemasSession } from '../../bindings/femas/session.js';
import type { FemasRecord } from '../../bindings/femas/structs.js';
import type { GatewayPushes, LinkCredentials } from '../ctp/pushes.js';
import { num, str } from '../ctp/parse.js';
import { commissionOf, InstrumentRates, marginOf, otherHedge, type RateDialect } from '../ctp/rates.js';
import { FtdcTdClientBase, FtdcTrading } from '../ctp/trading.js';
import {
  DIRECTION_TO_FEMAS,
  errorText,
  exchangeOf,
  formatLocalId,
  isError,
  OFFSET_TO_FEMAS,
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

const fee = (r: FemasRecord, prefix: string) => ({
  rate: num(r, `${prefix}FeeRate`),
  perLot: num(r, `${prefix}FeeAmt`),
});

/**
 * FEMAS's rate queries: ReqQryInvestorMargin and ReqQryInvestorFee, by money (…Rate) and by volume (…Amt);
 * "Offset" is closing, "OT" closing today's position. A row for another hedge flag than speculation is not
 * what vnt's orders pay.
 */
const FEMAS_RATES: RateDialect<Method, Struct> = {
  margin: {
    request: ['ReqQryInvestorMargin', 'QryInvestorMargin'],
    answer: 'OnRspQryInvestorMargin',
    read: (r) =>
      otherHedge(r)
        ? undefined
        : marginOf(
            num(r, 'LongMarginRate'),
            num(r, 'ShortMarginRate'),
            num(r, 'LongMarginAmt'),
            num(r, 'ShortMarginAmt'),
          ),
  },
  commission: {
    request: ['ReqQryInvestorFee', 'QryInvestorFee'],
    answer: 'OnRspQryInvestorFee',
    read: (r) => (otherHedge(r) ? undefined : commissionOf(fee(r, 'Open'), fee(r, 'Offset'), fee(r, 'OT'))),
  },
};

export class FemasTdClient extends FtdcTdClientBase<Method, Struct> {
  private investorId = '';
  /** The last local id used (orders and cancels share FEMAS's sequence). */
  private localId = 0;
  private reqId = 0;
  protected readonly t: FtdcTrading<Method, Struct>;
  private readonly rates: InstrumentRates<Method, Struct>;

  constructor(
    private readonly session: FemasSession,
    private readonly config: FemasTdConfig,
    push: GatewayPushes,
  ) {
    super();
    this.t = new FtdcTrading<Method, Struct>(
      {
        sdk: 'FEMAS',
        queryIntervalMs: config.queryIntervalMs,
        // FEMAS's PositionCost is price times volume, without the multiplier.
        costDivisor: () => 1,
        request: (method, struct, fields) => this.request(method, struct, fields),
        exchangeOf,
        parseContract: (r, gatewayName) => {
          const c = parseContract(r, gatewayName);
          if (c) this.rates.noteProduct(c.symbol, str(r, 'ProductID'));
          return c;
        },
        order: (r, exchange) => {
          if (!orderidOf(r)) return null;
          const local = Number.parseInt(orderidOf(r), 10);
          // An order this user entered elsewhere (another terminal) also uses up its local id.
          if (Number.isFinite(local)) this.localId = Math.max(this.localId, local);
          return parseOrder(r, push.gatewayName, exchange);
        },
        trade: (r, exchange) => {
          this.rates.want(str(r, 'InstrumentID'));
          return parseTrade(r, push.gatewayName, exchange);
        },
        insertOrderid: orderidOf,
        queryAccount: () => this.queryAccount(),
        queryPosition: () => this.queryPosition(),
      },
      push,
    );
    this.rates = new InstrumentRates(this.t, FEMAS_RATES, () => this.who);
  }

  /** A contract the person uses (subscribed): its margin and fee rates are queried once. */
  wantRates(symbol: string): void {
    this.rates.want(symbol);
  }

  private request(method: Method, struct: Struct, fields: FemasRecord) {
    return this.session.request('td', method, struct, fields, ++this.reqId);
  }

  private get who(): FemasRecord {
    return { BrokerID: this.config.brokerid, UserID: this.config.userid, InvestorID: this.investorId };
  }

  handle(e: FemasEvent): void {
    if (this.t.handle(e) || this.rates.handle(e)) return;
    switch (e.name) {
      case 'OnFrontConnected':
        this.t.log('trading front connected');
        this.certify();
        break;
      case 'OnRspDSUserCertification':
        if (this.t.stepOk('certification', e.info)) this.login();
        break;
      case 'OnRspUserLogin':
        if (this.t.stepOk('login', e.info)) this.onLogin(e.data!);
        break;
      case 'OnRspQryUserInvestor':
        const ours = this.t.onQueryRow(e, 'investor', (r) => {
          this.investorId = String(r.InvestorID ?? '');
        });
        if (!ours || !e.isLast) break;
        if (!this.investorId) {
          this.t.stepOk('investor query', {
            ErrorID: -1,
            ErrorMsg: `no investor for user ${this.config.userid}`,
          });
          return;
        }
        this.t.startSync({
          instruments: ['ReqQryInstrument', 'QryInstrument'],
          account: ['ReqQryInvestorAccount', 'QryInvestorAccount'],
          positions: ['ReqQryInvestorPosition', 'QryInvestorPosition'],
          orders: ['ReqQryOrder', 'QryOrder'],
          trades: ['ReqQryTrade', 'QryTrade'],
          who: this.who,
        });
        this.rates.resume();
        break;
      case 'OnRspQryInvestorAccount':
        this.t.onAccountRows(e, parseAccount);
        break;
      case 'OnRspQryInvestorPosition':
        this.t.onPositionRows(e, (r) => {
          this.rates.want(str(r, 'InstrumentID'));
          return parsePositionRow(r, this.contracts.get(String(r.InstrumentID))?.exchange ?? null);
        });
        break;
      case 'OnRspOrderAction':
      case 'OnErrRtnOrderAction':
        if (isError(e.info)) {
          const id = e.data ? ` of ${orderidOf(e.data)}` : '';
          this.t.log(`cancel${id} failed: ${errorText(e.info)}`, LogLevel.WARNING);
        }
        break;
    }
  }

  /** FEMAS's look-through certification when an app id or auth code is set (as VN Trader), else login. */
  private certify(): void {
    if (!this.config.appid && !this.config.authCode) return this.login();
    this.t.send('certification request', 'ReqDSUserCertification', 'DSUserInfo', {
      AppID: this.config.appid,
      AuthCode: this.config.authCode,
      EncryptType: '1',
    });
  }

  private login(): void {
    this.t.send('login request', 'ReqUserLogin', 'ReqUserLogin', {
      BrokerID: this.config.brokerid,
      UserID: this.config.userid,
      Password: this.config.password,
    });
  }

  private onLogin(r: FemasRecord): void {
    // Local ids must rise above every id this user has used (also in an earlier session).
    const max = Number.parseInt(String(r.MaxOrderLocalID ?? ''), 10);
    if (Number.isFinite(max)) this.localId = Math.max(this.localId, max);
    this.t.loggedIn = true;
    this.t.log(`login: trading day ${r.TradingDay}, max order local id ${r.MaxOrderLocalID}`);
    this.t.query('investor', 'ReqQryUserInvestor', 'QryUserInvestor', {
      BrokerID: this.config.brokerid,
      UserID: this.config.userid,
    });
  }

  queryAccount(): void {
    if (this.loggedIn && this.investorId)
      this.t.query('account', 'ReqQryInvestorAccount', 'QryInvestorAccount', this.who);
  }

  queryPosition(): void {
    if (this.loggedIn && this.investorId)
      this.t.query('positions', 'ReqQryInvestorPosition', 'QryInvestorPosition', this.who);
  }

  private nextLocalId(): string {
    this.localId += 1;
    return formatLocalId(this.localId);
  }

  sendOrder(req: OrderRequest): string {
    const orderid = this.nextLocalId();
    const codes = { direction: DIRECTION_TO_FEMAS, offset: OFFSET_TO_FEMAS };
    const ready = this.loggedIn && !!this.investorId;
    return this.t.placeOrder(req, orderid, codes, ready, ({ type, direction, offset }) =>
      this.request('ReqOrderInsert', 'InputOrder', {
        ...this.who,
        ExchangeID: req.exchange,
        InstrumentID: req.symbol,
        UserOrderLocalID: orderid,
        OrderPriceType: type[0],
        Direction: direction,
        OffsetFlag: offset,
        HedgeFlag: '1',
        LimitPrice: req.type === OrderType.MARKET ? 0 : req.price,
        Volume: req.volume,
        TimeCondition: type[1],
        VolumeCondition: type[2],
        MinVolume: 1,
        ForceCloseReason: '0',
        IsAutoSuspend: 0,
      }),
    );
  }

  cancelOrder(req: CancelRequest): void {
    if (!/^\d+$/.test(req.orderid)) {
      this.t.push.log(`cannot cancel ${req.orderid}: not a FEMAS order local id`, LogLevel.WARNING);
      return;
    }
    if (!this.loggedIn) {
      this.t.push.log(
        `cannot cancel ${req.orderid}: not logged in to the FEMAS trading front`,
        LogLevel.WARNING,
      );
      return;
    }
    this.t.send(`cancel of ${req.orderid}`, 'ReqOrderAction', 'OrderAction', {
      ...this.who,
      ExchangeID: req.exchange,
      UserOrderLocalID: req.orderid,
      UserOrderActionLocalID: this.nextLocalId(),
      ActionFlag: '0',
    });
  }
}
