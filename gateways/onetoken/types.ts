// 1Token's wire shapes, as its last published documentation (1token-trade/docs, source/index.html.md, and
// the onetoken SDK docs) describes them. Fields the gateway does not read are left out.

/** The codes 1Token gives its underlying venues (a contract id starts with one: `huobip/btc.usdt`). */
export type OtExchange = 'binance' | 'binancef' | 'bitmex' | 'okex' | 'okef' | 'okswap' | 'huobip' | 'huobif';

/** `GET /basic/contracts?exchange=` — one row per contract. */
export interface OtContract {
  /** `${exchange}/${base}.${quote}` (spot) or with a delivery suffix (`okef/btc.usd.q`). */
  symbol: string;
  name?: string;
  exchange?: string;
  /** Price tick. */
  min_change: number;
  /** Smallest order amount. */
  min_amount: number;
  /** Amount step. */
  unit_amount: number;
  min_notional?: number;
}

export interface OtBookLevel {
  price: number;
  volume: number;
}

/** `single-tick-verbose` push data (and the REST single-tick reply). */
export interface OtTick {
  contract: string;
  last: number;
  time: string;
  exchange_time?: string;
  asks: OtBookLevel[];
  bids: OtBookLevel[];
  /** Turnover between the previous snapshot and this one. */
  amount?: number;
  /** Volume between the previous snapshot and this one. */
  volume?: number;
}

export type OtOrderStatus =
  | 'waiting'
  | 'pending'
  | 'part-deal-pending'
  | 'withdrawing'
  | 'part-deal-withdrawing'
  | 'dealt'
  | 'withdrawn'
  | 'part-deal-withdrawn'
  | 'error-order'
  | 'active'
  | 'end';

/** An order as `GET /trade/{exchange}/{account}/orders` and the `order` push carry it. */
export interface OtOrder {
  account: string;
  contract: string;
  bs: 'b' | 's';
  client_oid: string | null;
  exchange_oid: string | null;
  status: OtOrderStatus;
  entrust_price: number;
  entrust_amount: number;
  entrust_time: string;
  average_dealt_price: number;
  dealt_amount: number;
  commission: number;
  last_dealt_amount?: number | null;
  closed_time?: string | null;
  exchange_update?: string | null;
  version?: number;
  last_update?: string | null;
  ots_closed_time?: string | null;
  canceled_time?: string | null;
  options?: Record<string, unknown>;
  tags?: Record<string, unknown>;
}

/** A fill as `GET /trade/{exchange}/{account}/trans` lists it. */
export interface OtTransaction {
  account: string;
  contract: string;
  bs: 'b' | 's';
  client_oid: string | null;
  exchange_oid: string | null;
  exchange_tid: string;
  dealt_amount: number;
  dealt_price: number;
  dealt_time: string;
  dealt_type?: 'maker' | 'taker';
  commission: number;
  commission_currency?: string;
  tags?: Record<string, unknown>;
}

/** One row of an account's `position` list: a currency (spot) or a futures contract. */
export interface OtPosition {
  contract: string;
  total_amount: number;
  available: number;
  frozen: number;
  market_value?: number;
  type: 'spot' | 'future' | 'margin' | string;
  pl?: number;
  available_long?: number;
  available_short?: number;
}

/** `GET /trade/{exchange}/{account}/info` and the `info` push's data. */
export interface OtInfo {
  balance: number;
  cash: number;
  market_value: number;
  market_value_detail?: Record<string, number>;
  position: OtPosition[];
}

/** `POST /trade/{exchange}/{account}/orders` reply. */
export interface OtPlaceReply {
  client_oid: string;
  exchange_oid: string;
}

/** The error body of a refused request. */
export interface OtError {
  code: string;
  message: string;
}
