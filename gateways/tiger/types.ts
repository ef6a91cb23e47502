// Tiger Open API shapes as documented (field names as the REST gateway sends them; ids that overflow a double
// arrive as strings after quoteBigIntegers). Only the fields vnt reads are declared.

/** Every reply: code 0 and data, or a non-zero code and a message. */
export interface Envelope<T = unknown> {
  code: number;
  message: string;
  timestamp: number;
  data?: T;
  sign?: string;
}

export type SecType = 'STK' | 'OPT' | 'FUT' | 'WAR' | 'IOPT' | 'CASH' | 'FOREX' | 'MLEG' | 'FUND';
export type Action = 'BUY' | 'SELL';
export type VenueOrderType = 'MKT' | 'LMT' | 'STP' | 'STP_LMT' | 'TRAIL' | 'AM' | 'AL';
export type TigerOrderStatus =
  | 'PendingNew'
  | 'Initial'
  | 'Submitted'
  | 'PartiallyFilled'
  | 'Filled'
  | 'Cancelled'
  | 'PendingCancel'
  | 'Inactive'
  | 'Invalid';

export interface TickSizeBand {
  begin: string;
  end: string;
  type: string;
  tickSize: number;
}

/** `contract` / `contracts` items. */
export interface TigerContract {
  contractId?: number;
  identifier?: string;
  symbol: string;
  secType: SecType;
  multiplier?: number;
  lotSize?: number;
  market: string;
  primaryExchange?: string;
  currency: string;
  name?: string;
  localSymbol?: string;
  expiry?: string;
  strike?: string | number;
  right?: string;
  tickSizes?: TickSizeBand[];
  minTick?: number;
  tradeable?: boolean;
  supportFractionalShare?: boolean;
  status?: number;
}

/**
 * `future_contract_by_contract_code` / `future_contract_by_exchange_code` items: futures have a shape of their
 * own (contractCode is the instrument, type its product, exchange the venue, exchangeCode the listing).
 */
export interface TigerFutureContract {
  contractCode: string;
  type: string;
  ibCode?: string;
  name?: string;
  contractMonth?: string;
  lastTradingDate?: string;
  firstNoticeDate?: string;
  currency: string;
  exchange: string;
  exchangeCode?: string;
  multiplier?: number;
  minTick?: number;
  trade?: boolean;
  continuous?: boolean;
}

/** `orders` / `active_orders` / `filled_orders` items, and `place_order`'s `orders`. */
export interface TigerOrder {
  id: string | number;
  orderId?: number | string;
  account: string;
  symbol: string;
  secType: string;
  market?: string;
  currency?: string;
  identifier?: string;
  expiry?: string;
  strike?: string;
  right?: string;
  action: Action;
  orderType: string;
  limitPrice?: number;
  auxPrice?: number;
  totalQuantity: number;
  totalQuantityScale?: number;
  filledQuantity: number;
  filledQuantityScale?: number;
  avgFillPrice?: number;
  timeInForce?: string;
  outsideRth?: boolean;
  status: TigerOrderStatus | string;
  openTime: number;
  updateTime?: number;
  latestTime?: number;
  userMark?: string;
  remark?: string;
  name?: string;
  canCancel?: boolean;
  canModify?: boolean;
}

export interface OrderPage {
  items: TigerOrder[];
  nextPageToken?: string;
}

/** `place_order` data. */
export interface PlaceReply {
  id: string | number;
  order_id?: number;
  subIds?: unknown[];
  orders?: TigerOrder[];
}

/** `order_transactions` items. */
export interface TigerTransaction {
  id: string | number;
  accountId?: number | string;
  orderId: string | number;
  secType: string;
  symbol: string;
  currency?: string;
  market?: string;
  action: Action;
  filledQuantity: number;
  filledQuantityScale?: number;
  filledPrice: number;
  filledAmount?: number;
  transactedAt?: string;
  transactionTime: number;
}

export interface TransactionPage {
  items: TigerTransaction[];
  nextPageToken?: string;
}

/** `positions` items. */
export interface TigerPosition {
  symbol: string;
  market?: string;
  secType: string;
  account: string;
  position: number;
  positionScale?: number;
  positionQty?: number;
  salableQty?: number;
  averageCost: number;
  unrealizedPnl?: number;
  marketValue?: number;
  currency?: string;
  multiplier?: number;
  identifier?: string;
  latestPrice?: number;
}

export interface PositionPage {
  items: TigerPosition[];
}

/** One `prime_assets` segment: S securities, C commodities (futures). */
export interface PrimeSegment {
  capability?: string;
  category: string;
  currency: string;
  cashBalance: number;
  cashAvailableForTrade: number;
  grossPositionValue?: number;
  equityWithLoan?: number;
  netLiquidation: number;
  initMargin?: number;
  maintainMargin?: number;
  unrealizedPL?: number;
  realizedPL?: number;
  buyingPower?: number;
  lockedFunds?: number;
}

export interface PrimeAssets {
  accountId: string;
  segments: PrimeSegment[];
  updateTimestamp?: number;
}

/** `brief` items (quote snapshot), and `quote_depth` items. */
export interface TigerBrief {
  symbol: string;
  open?: number;
  high?: number;
  low?: number;
  close?: number;
  preClose?: number;
  latestPrice?: number;
  latestTime?: number;
  askPrice?: number;
  askSize?: number;
  bidPrice?: number;
  bidSize?: number;
  volume?: number;
  status?: string;
}

/** `kline` items (one bar). */
export interface KlineItem {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  amount?: number;
}

/** `kline` data: one entry per symbol, with a page token where there are more bars. */
export interface KlineEntry {
  symbol: string;
  period: string;
  items: KlineItem[];
  nextPageToken?: string | null;
}
