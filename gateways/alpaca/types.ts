// Alpaca's wire shapes as its documents give them (Trading API v2 OpenAPI `oas/trading/openapi.yaml`, the
// streaming page, Market Data v2 real-time and historical pages; sources in docs/gateways/alpaca.md).
// Decimals arrive as strings on the trading API and as JSON numbers on the market-data API.

export type AssetClass = 'us_equity' | 'crypto';

export interface Asset {
  id: string;
  class: AssetClass;
  /** Listing exchange for equities (NASDAQ, NYSE, ARCA, ...); "ALPACA" (or "crypto") for crypto pairs. */
  exchange: string;
  symbol: string;
  name: string;
  status: 'active' | 'inactive';
  tradable: boolean;
  marginable: boolean;
  shortable: boolean;
  easy_to_borrow: boolean;
  fractionable: boolean;
  /** Crypto only. */
  min_order_size?: string;
  min_trade_increment?: string;
  price_increment?: string;
}

export type OrderStatus =
  | 'new'
  | 'partially_filled'
  | 'filled'
  | 'done_for_day'
  | 'canceled'
  | 'expired'
  | 'replaced'
  | 'pending_cancel'
  | 'pending_replace'
  | 'accepted'
  | 'pending_new'
  | 'accepted_for_bidding'
  | 'stopped'
  | 'rejected'
  | 'suspended'
  | 'calculated'
  | 'held';

export type VenueOrderType = 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop';
export type TimeInForce = 'day' | 'gtc' | 'opg' | 'cls' | 'ioc' | 'fok';

export interface AlpacaOrder {
  id: string;
  client_order_id: string;
  created_at: string;
  updated_at: string | null;
  submitted_at: string | null;
  filled_at: string | null;
  expired_at: string | null;
  canceled_at: string | null;
  cancel_requested_at?: string | null;
  failed_at: string | null;
  replaced_at: string | null;
  replaced_by: string | null;
  replaces: string | null;
  asset_id: string;
  symbol: string;
  asset_class: AssetClass;
  notional: string | null;
  qty: string | null;
  filled_qty: string;
  filled_avg_price: string | null;
  order_class: string;
  order_type: string;
  type: VenueOrderType;
  side: 'buy' | 'sell';
  time_in_force: TimeInForce;
  limit_price: string | null;
  stop_price: string | null;
  status: OrderStatus;
  extended_hours: boolean;
  legs: AlpacaOrder[] | null;
  trail_percent: string | null;
  trail_price: string | null;
  hwm: string | null;
}

/** Every event type the streaming page lists for `trade_updates`. */
export const TRADE_EVENTS = [
  'new',
  'fill',
  'partial_fill',
  'canceled',
  'expired',
  'done_for_day',
  'replaced',
  'rejected',
  'pending_new',
  'stopped',
  'pending_cancel',
  'pending_replace',
  'calculated',
  'suspended',
  'order_replace_rejected',
  'order_cancel_rejected',
] as const;
export type TradeEvent = (typeof TRADE_EVENTS)[number];

export interface TradeUpdate {
  event: TradeEvent;
  order: AlpacaOrder;
  /** fill / partial_fill: the execution's id, price and quantity, and the position after it. */
  execution_id?: string;
  price?: string;
  qty?: string;
  position_qty?: string;
  timestamp?: string;
}

/** Frames of the trading stream (`/stream`). */
export type TradingStreamMessage =
  | { stream: 'authorization'; data: { status: 'authorized' | 'unauthorized'; action: string } }
  | { stream: 'listening'; data: { streams: string[] } }
  | { stream: 'trade_updates'; data: TradeUpdate };

export interface Account {
  id: string;
  account_number: string;
  status: string;
  currency: string;
  cash: string;
  buying_power: string;
  equity: string;
  portfolio_value: string;
  long_market_value: string;
  short_market_value: string;
  trading_blocked: boolean;
  account_blocked: boolean;
  [key: string]: unknown;
}

export interface Position {
  asset_id: string;
  symbol: string;
  exchange: string;
  asset_class: AssetClass;
  avg_entry_price: string;
  qty: string;
  qty_available?: string;
  side: 'long' | 'short';
  market_value: string;
  cost_basis: string;
  unrealized_pl: string;
  current_price: string;
  [key: string]: unknown;
}

/** GET /v2/account/activities/FILL entries (TradingActivities in the OpenAPI). */
export interface FillActivity {
  id: string;
  activity_type: 'FILL';
  transaction_time: string;
  type: 'fill' | 'partial_fill';
  price: string;
  qty: string;
  side: 'buy' | 'sell';
  symbol: string;
  leaves_qty: string;
  order_id: string;
  cum_qty: string;
  order_status: OrderStatus;
}

/** An error reply of the trading API. */
export interface ApiError {
  code: number;
  message: string;
}

// ---- market data ---------------------------------------------------------------------------------------

export interface DataTrade {
  T: 't';
  S: string;
  i: number;
  p: number;
  s: number;
  t: string;
  x?: string;
  c?: string[];
  z?: string;
  tks?: string;
}

export interface DataQuote {
  T: 'q';
  S: string;
  bp: number;
  bs: number;
  ap: number;
  as: number;
  t: string;
  bx?: string;
  ax?: string;
  c?: string[];
  z?: string;
}

export interface DataBar {
  T: 'b' | 'd' | 'u';
  S: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  t: string;
  n?: number;
  vw?: number;
}

export type DataControl =
  | { T: 'success'; msg: string }
  | { T: 'error'; code: number; msg: string }
  | { T: 'subscription'; trades?: string[]; quotes?: string[]; bars?: string[]; [channel: string]: unknown };

export type DataMessage = DataTrade | DataQuote | DataBar | DataControl;

/** A bar of the historical API (GET /v2/stocks/bars, /v1beta3/crypto/us/bars). */
export interface RestBar {
  t: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n?: number;
  vw?: number;
}

export interface BarsPage {
  bars: Record<string, RestBar[]> | null;
  next_page_token: string | null;
}
