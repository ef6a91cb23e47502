// HTX spot wire shapes (api.huobi.pro, "Spot API" reference at huobiapi.github.io/docs/spot/v1/en/). Field
// names are HTX's, hyphens included; numbers arrive as JSON numbers or decimal strings as documented.

/** Every v1 REST reply: status "ok" with data, or status "error" with err-code / err-msg. */
export interface V1Envelope<T> {
  status: 'ok' | 'error';
  data?: T;
  'err-code'?: string;
  'err-msg'?: string;
  /** HBDM (derivatives) name these err_code (a number) and err_msg. */
  err_code?: number | string | null;
  err_msg?: string | null;
}

/** GET /v1/common/symbols item. */
export interface SpotSymbol {
  'base-currency': string;
  'quote-currency': string;
  'price-precision': number;
  'amount-precision': number;
  'value-precision': number;
  'symbol-partition': string;
  symbol: string;
  state: string;
  'min-order-amt': number;
  'max-order-amt': number;
  'min-order-value': number;
  'limit-order-min-order-amt'?: number;
  'sell-market-min-order-amt'?: number;
  'api-trading'?: string;
}

/** GET /v1/account/accounts item. */
export interface SpotAccount {
  id: number;
  type: string;
  subtype: string;
  state: string;
}

/** GET /v1/account/accounts/{id}/balance data. */
export interface SpotBalance {
  id: number;
  type: string;
  state: string;
  list: Array<{ currency: string; type: string; balance: string }>;
}

export type SpotOrderType =
  | 'buy-limit'
  | 'sell-limit'
  | 'buy-market'
  | 'sell-market'
  | 'buy-limit-maker'
  | 'sell-limit-maker'
  | 'buy-ioc'
  | 'sell-ioc'
  | 'buy-limit-fok'
  | 'sell-limit-fok';

export type SpotOrderState =
  'created' | 'submitted' | 'partial-filled' | 'filled' | 'partial-canceled' | 'canceling' | 'canceled';

/** GET /v1/order/openOrders item (filled-*) and GET /v1/order/orders/getClientOrder data (field-*). */
export interface SpotOrder {
  id: number;
  symbol: string;
  'account-id': number;
  'client-order-id'?: string;
  amount: string;
  price: string;
  'created-at': number;
  type: SpotOrderType;
  'filled-amount'?: string;
  'filled-cash-amount'?: string;
  'filled-fees'?: string;
  'field-amount'?: string;
  'field-cash-amount'?: string;
  'field-fees'?: string;
  source: string;
  state: SpotOrderState;
}

/** GET /v1/order/matchresults item. */
export interface MatchResult {
  'created-at': number;
  'filled-amount': string;
  'filled-fees': string;
  id: number;
  'match-id': number;
  'order-id': number;
  'trade-id': number;
  price: string;
  source: string;
  symbol: string;
  type: SpotOrderType;
  role: 'maker' | 'taker';
  'client-order-id'?: string;
}

/** GET /market/history/kline item (id is the bar's open time in seconds). */
export interface Kline {
  id: number;
  open: number;
  close: number;
  low: number;
  high: number;
  amount: number;
  vol: number;
  count: number;
}

/** Market WebSocket push: {"ch","ts","tick"}. */
export interface MarketPush<T> {
  ch: string;
  ts: number;
  tick: T;
}

export interface DepthTick {
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
  version: number;
  ts: number;
}

export interface TickerTick {
  open: number;
  high: number;
  low: number;
  close: number;
  amount: number;
  vol: number;
  count: number;
  bid: number;
  bidSize: number;
  ask: number;
  askSize: number;
  lastPrice: number;
  lastSize: number;
}

/** Private v2 frames: {"action","ch","code"?,"data"?,"message"?}. */
export interface V2Message {
  action: 'req' | 'sub' | 'push' | 'ping' | 'pong';
  ch?: string;
  code?: number;
  message?: string;
  data?: unknown;
}

/** orders#${symbol} push data; which fields are present depends on eventType. */
export interface OrderUpdate {
  eventType: 'creation' | 'trade' | 'cancellation' | 'deletion';
  symbol: string;
  orderId: number;
  clientOrderId?: string;
  type: SpotOrderType;
  orderStatus: SpotOrderState | 'rejected';
  orderPrice?: string;
  orderSize?: string;
  orderCreateTime?: number;
  accountId?: number;
  orderSource?: string;
  orderSide?: 'buy' | 'sell';
  tradePrice?: string;
  tradeVolume?: string;
  tradeId?: number;
  tradeTime?: number;
  aggressor?: boolean;
  remainAmt?: string;
  execAmt?: string;
  lastActTime?: number;
}

/** accounts.update#${mode} push data. */
export interface AccountUpdate {
  currency: string;
  accountId: number;
  balance?: string;
  available?: string;
  changeType: string;
  accountType: string;
  changeTime: number;
  seqNum?: string;
}
