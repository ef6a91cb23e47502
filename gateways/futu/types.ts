// The decoded shapes of the OpenD messages vnt reads (field names as in proto.ts). 64-bit integers are decimal
// strings. Every field is optional here because every message is shape-checked in parse.ts before use.

export interface Reply<S> {
  retType?: number;
  retMsg?: string;
  errCode?: number;
  s2c?: S;
}

export interface Security {
  market?: number;
  code?: string;
}

export interface TrdHeader {
  trdEnv?: number;
  accID?: string;
  trdMarket?: number;
}

export interface InitConnectS2C {
  serverVer?: number;
  loginUserID?: string;
  connID?: string;
  connAESKey?: string;
  keepAliveInterval?: number;
}

export interface GlobalStateS2C {
  qotLogined?: boolean;
  trdLogined?: boolean;
  serverVer?: number;
  serverBuildNo?: number;
  time?: string;
  programStatus?: { type?: number; strExtDesc?: string };
}

export interface NotifyS2C {
  type?: number;
  event?: { eventType?: number; desc?: string };
  programStatus?: { programStatus?: { type?: number; strExtDesc?: string } };
  connectStatus?: { qotLogined?: boolean; trdLogined?: boolean };
  apiQuota?: { subQuota?: number; historyKLQuota?: number };
}

export interface TrdAcc {
  trdEnv?: number;
  accID?: string;
  trdMarketAuthList?: number[];
  accType?: number;
  cardNum?: string;
  securityFirm?: number;
  accStatus?: number;
}

export interface Funds {
  power?: number;
  totalAssets?: number;
  cash?: number;
  marketVal?: number;
  frozenCash?: number;
  debtCash?: number;
  avlWithdrawalCash?: number;
  currency?: number;
  availableFunds?: number;
  unrealizedPL?: number;
  realizedPL?: number;
}

export interface FutuPosition {
  positionID?: string;
  positionSide?: number;
  code?: string;
  name?: string;
  qty?: number;
  canSellQty?: number;
  price?: number;
  costPrice?: number;
  val?: number;
  plVal?: number;
  plRatio?: number;
  secMarket?: number;
  currency?: number;
  trdMarket?: number;
}

export interface FutuOrder {
  trdSide?: number;
  orderType?: number;
  orderStatus?: number;
  orderID?: string;
  orderIDEx?: string;
  code?: string;
  name?: string;
  qty?: number;
  price?: number;
  createTime?: string;
  updateTime?: string;
  fillQty?: number;
  fillAvgPrice?: number;
  lastErrMsg?: string;
  secMarket?: number;
  createTimestamp?: number;
  updateTimestamp?: number;
  remark?: string;
  timeInForce?: number;
  trdMarket?: number;
}

export interface FutuOrderFill {
  trdSide?: number;
  fillID?: string;
  fillIDEx?: string;
  orderID?: string;
  orderIDEx?: string;
  code?: string;
  name?: string;
  qty?: number;
  price?: number;
  createTime?: string;
  secMarket?: number;
  createTimestamp?: number;
  trdMarket?: number;
}

export interface BasicQot {
  security?: Security;
  name?: string;
  isSuspended?: boolean;
  /** The step upwards from the current price. */
  priceSpread?: number;
  updateTime?: string;
  highPrice?: number;
  openPrice?: number;
  lowPrice?: number;
  curPrice?: number;
  lastClosePrice?: number;
  /** int64: a number in quote pushes. */
  volume?: number | string;
  turnover?: number;
  updateTimestamp?: number;
}

export interface OrderBookLevel {
  price?: number;
  volume?: number | string;
  orederCount?: number;
}

export interface OrderBookS2C {
  security?: Security;
  name?: string;
  orderBookAskList?: OrderBookLevel[];
  orderBookBidList?: OrderBookLevel[];
  svrRecvTimeBidTimestamp?: number;
  svrRecvTimeAskTimestamp?: number;
}

export interface StaticInfo {
  basic?: {
    security?: Security;
    id?: string;
    lotSize?: number;
    secType?: number;
    name?: string;
    listTime?: string;
    delisting?: boolean;
  };
}

export interface KLine {
  time?: string;
  isBlank?: boolean;
  highPrice?: number;
  openPrice?: number;
  lowPrice?: number;
  closePrice?: number;
  volume?: string;
  turnover?: number;
  timestamp?: number;
}

export interface HistoryKLS2C {
  security?: Security;
  klList?: KLine[];
  nextReqKey?: Buffer;
}

export interface Ticker {
  time?: string;
  sequence?: number | string;
  dir?: number;
  price?: number;
  volume?: number | string;
  turnover?: number;
  timestamp?: number;
}

export interface TickerS2C {
  security?: Security;
  name?: string;
  tickerList?: Ticker[];
}
