// Binance's wire shapes, as far as vnt reads them. Numbers arrive as decimal strings. Shared by the gateway
// and its simulator, so the two cannot drift apart.

export type Market = 'SPOT' | 'USDM';
export type VenueSide = 'BUY' | 'SELL';
export type VenueOrderStatus =
  | 'NEW'
  | 'PENDING_NEW'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELED'
  | 'PENDING_CANCEL'
  | 'REJECTED'
  | 'EXPIRED'
  | 'EXPIRED_IN_MATCH';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'GTX';
export type PositionSide = 'BOTH' | 'LONG' | 'SHORT';

export interface VenueError {
  code: number;
  msg: string;
}

export interface SymbolFilter {
  filterType: string;
  tickSize?: string;
  stepSize?: string;
  minQty?: string;
  minPrice?: string;
  maxPrice?: string;
  minNotional?: string;
  notional?: string;
}

export interface SymbolInfo {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  /** USD-M only: PERPETUAL, CURRENT_QUARTER, ... */
  contractType?: string;
  filters: SymbolFilter[];
}

export interface ExchangeInfo {
  serverTime: number;
  symbols: SymbolInfo[];
}

/** `<symbol>@ticker` (spot carries best bid/ask too). */
export interface TickerEvent {
  e: '24hrTicker';
  E: number;
  s: string;
  c: string;
  Q: string;
  o: string;
  h: string;
  l: string;
  v: string;
  q: string;
  x?: string;
}

export interface TradeEvent {
  e: 'trade';
  E: number;
  s: string;
  t: number;
  p: string;
  q: string;
  T: number;
  m: boolean;
}

export interface DepthUpdateEvent {
  e: 'depthUpdate';
  E: number;
  s: string;
  U: number;
  u: number;
  /** USD-M: the previous event's u. */
  pu?: number;
  b: [string, string][];
  a: [string, string][];
}

export interface DepthSnapshot {
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}

/** Spot user data: one order's change. */
export interface ExecutionReport {
  e: 'executionReport';
  E: number;
  s: string;
  c: string;
  S: VenueSide;
  o: string;
  f: TimeInForce;
  q: string;
  p: string;
  x: string;
  X: VenueOrderStatus;
  r: string;
  i: number;
  l: string;
  z: string;
  L: string;
  n: string;
  T: number;
  t: number;
  /** Original client id of a cancelled order (c is then the cancel request's id). */
  C?: string;
  O?: number;
}

export interface OutboundAccountPosition {
  e: 'outboundAccountPosition';
  E: number;
  B: { a: string; f: string; l: string }[];
}

export interface FuturesOrderUpdate {
  e: 'ORDER_TRADE_UPDATE';
  E: number;
  T: number;
  o: {
    s: string;
    c: string;
    S: VenueSide;
    o: string;
    f: TimeInForce;
    q: string;
    p: string;
    ap: string;
    x: string;
    X: VenueOrderStatus;
    i: number;
    l: string;
    z: string;
    L: string;
    T: number;
    t: number;
    R: boolean;
    ps: PositionSide;
    rp: string;
  };
}

export interface FuturesAccountUpdate {
  e: 'ACCOUNT_UPDATE';
  E: number;
  T: number;
  a: {
    m: string;
    B: { a: string; wb: string; cw: string }[];
    P: { s: string; pa: string; ep: string; up: string; ps: PositionSide }[];
  };
}

/** An order as REST (and the WS API) return it. */
export interface RestOrder {
  symbol: string;
  orderId: number;
  /**
   * The order's client id, except in a spot cancel reply: there it is the cancel request's own id and the
   * order's is in origClientOrderId (USD-M cancel replies carry the order's id here and no origClientOrderId).
   */
  clientOrderId: string;
  /** Spot cancel replies: the client id of the order cancelled. */
  origClientOrderId?: string;
  /** Spot: -1 unless the order is part of an order list. */
  orderListId?: number;
  origQuoteOrderQty?: string;
  cummulativeQuoteQty?: string;
  selfTradePreventionMode?: string;
  price: string;
  origQty: string;
  executedQty: string;
  status: VenueOrderStatus;
  timeInForce: TimeInForce;
  type: string;
  side: VenueSide;
  time?: number;
  updateTime?: number;
  transactTime?: number;
  /** USD-M cancel replies (documented fields the gateway does not read). */
  cumQty?: string;
  cumQuote?: string;
  origType?: string;
  stopPrice?: string;
  closePosition?: boolean;
  workingType?: string;
  priceProtect?: boolean;
  priceMatch?: string;
  goodTillDate?: number;
  positionSide?: PositionSide;
  reduceOnly?: boolean;
}

/** Spot myTrades / USD-M userTrades. */
export interface RestTrade {
  symbol: string;
  id: number;
  orderId: number;
  price: string;
  qty: string;
  time: number;
  /** Spot. */
  isBuyer?: boolean;
  /** USD-M. */
  side?: VenueSide;
}

export interface SpotAccount {
  balances: { asset: string; free: string; locked: string }[];
  /** The account's standard rates (fractions as text); buyer/seller are added on top by side. */
  commissionRates?: { maker: string; taker: string; buyer: string; seller: string };
}

/** GET /fapi/v1/commissionRate. */
export interface FuturesCommissionRate {
  symbol: string;
  makerCommissionRate: string;
  takerCommissionRate: string;
}

export interface FuturesBalance {
  asset: string;
  balance: string;
  availableBalance: string;
  crossUnPnl: string;
}

export interface FuturesPositionRisk {
  symbol: string;
  positionAmt: string;
  entryPrice: string;
  unRealizedProfit: string;
  positionSide: PositionSide;
}

/** [open time, open, high, low, close, volume, close time, quote volume, ...] */
export type Kline = [number, string, string, string, string, string, number, string, ...unknown[]];
