// The simulated exchange's public surface. The SIM gateway and every venue simulator (Binance, IB, the CTP
// library's scripted counterpart, ...) are translators over this one interface, so they all agree on matching,
// accounting and market behaviour. Implemented in exchange.ts (createSimExchange).
import type { Direction, Exchange, Interval, Offset, OrderType, Product } from '../core/constant.js';

export type Side = 'BUY' | 'SELL';

export interface InstrumentSpec {
  /** Venue-native symbol, unique within the simulated exchange (e.g. "rb2501", "600036", "BTCUSDT"). */
  symbol: string;
  exchange: Exchange;
  name: string;
  product: Product;
  /** Contract multiplier (1 for spot). */
  size: number;
  pricetick: number;
  /** Volume increment (lot size). */
  lotSize: number;
  minVolume: number;
  /** Futures: margin as a fraction of notional; 0 or absent means fully paid (spot/equity). */
  marginRate?: number;
  /** Commission as a fraction of notional. */
  commissionRate?: number;
  /** Futures with offsets; SHFE/INE also distinguish close-today from close-yesterday. */
  offsets?: 'none' | 'open-close' | 'today-yesterday';
  /** Daily price limit as a fraction of the previous close (0.1 = ±10%); absent means none. */
  limitPct?: number;
  initialPrice: number;
  /** Per-step relative volatility of the random walk. */
  volatility: number;
  currency: string;
  /** Spot pairs: the base asset held (BTC for BTCUSDT); the quote asset is the account currency. */
  baseAsset?: string;
}

export interface SimOrderRequest {
  symbol: string;
  side: Side;
  type: OrderType;
  /** Ignored for MARKET; the trigger price for STOP (which becomes a market order when triggered). */
  price: number;
  volume: number;
  offset?: Offset;
  /** Echoed back; venues that key orders by client id use it. Must be unique per account when given. */
  clientOrderId?: string;
  /** Limit orders only: refuse rather than take liquidity. */
  postOnly?: boolean;
  reduceOnly?: boolean;
}

export type SimOrderStatus =
  'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'REJECTED' | 'PENDING_TRIGGER';

export interface SimOrder {
  /** Exchange-assigned id, increasing. */
  orderId: number;
  clientOrderId: string;
  accountId: string;
  symbol: string;
  side: Side;
  type: OrderType;
  price: number;
  volume: number;
  filled: number;
  /** Volume-weighted average fill price, 0 until filled. */
  avgPrice: number;
  offset: Offset;
  status: SimOrderStatus;
  /** Reason for REJECTED or CANCELED (venue-style text), '' otherwise. */
  reason: string;
  createdAt: number;
  updatedAt: number;
}

export interface SimFill {
  tradeId: number;
  orderId: number;
  clientOrderId: string;
  accountId: string;
  symbol: string;
  side: Side;
  offset: Offset;
  price: number;
  volume: number;
  commission: number;
  /** True when this side's order was resting in the book. */
  maker: boolean;
  time: number;
}

export type RejectCode =
  | 'UNKNOWN_INSTRUMENT'
  | 'UNKNOWN_ACCOUNT'
  | 'BAD_PRICE_TICK'
  | 'BAD_LOT_SIZE'
  | 'BELOW_MIN_VOLUME'
  | 'PRICE_OUT_OF_BAND'
  | 'INSUFFICIENT_FUNDS'
  | 'INSUFFICIENT_POSITION'
  | 'WOULD_TAKE_LIQUIDITY'
  | 'FOK_NOT_FILLABLE'
  | 'DUPLICATE_CLIENT_ID'
  | 'UNKNOWN_ORDER'
  | 'ORDER_NOT_ACTIVE'
  | 'INJECTED';

export type SimResult<T> = { ok: true; value: T } | { ok: false; code: RejectCode; reason: string };

export interface BookLevel {
  price: number;
  volume: number;
}

export interface BookSnapshot {
  symbol: string;
  /** Increases by one with every change to the book, for snapshot+diff feeds with gap detection. */
  sequence: number;
  bids: BookLevel[];
  asks: BookLevel[];
  time: number;
}

export interface MarketStats {
  symbol: string;
  lastPrice: number;
  lastVolume: number;
  /** Cumulative for the trading day. */
  volume: number;
  turnover: number;
  openInterest: number;
  openPrice: number;
  highPrice: number;
  lowPrice: number;
  preClose: number;
  limitUp: number;
  limitDown: number;
  time: number;
}

export interface PublicTrade {
  symbol: string;
  tradeId: number;
  price: number;
  volume: number;
  /** Side of the aggressor. */
  side: Side;
  time: number;
}

export interface SimBar {
  symbol: string;
  interval: Interval;
  /** Bar open time, epoch ms. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  turnover: number;
}

export interface SimPosition {
  symbol: string;
  direction: Direction;
  /** Held volume: signed for a NET position (short is negative), else >= 0. */
  volume: number;
  /** Of volume, how much was opened before today (futures with today/yesterday). */
  ydVolume: number;
  /** Held by active closing orders. */
  frozen: number;
  avgPrice: number;
  /** Floating PnL at the last price. */
  pnl: number;
  /** Margin held (futures) or 0. */
  margin: number;
}

export interface SimAccount {
  accountId: string;
  currency: string;
  /** Cash + floating PnL (futures) or cash + frozen (spot). */
  balance: number;
  /** Cash or margin held by active orders and margin held by positions. */
  frozen: number;
  available: number;
  realizedPnl: number;
  commission: number;
  /** Spot assets other than the cash currency (BTC for a BTCUSDT buyer): free and locked amounts. */
  assets: Record<string, { free: number; locked: number }>;
}

export interface SimExchangeOptions {
  seed: number;
  instruments: InstrumentSpec[];
  /** Market-data events per second across all instruments; 0 freezes the synthetic market. */
  tickRate: number;
  /** Clock for timestamps; defaults to Date.now (tests may pass a fake). */
  now?: () => number;
  /** false: books start empty, for tests of matching (synthetic quotes appear only once steps run). */
  seedBooks?: boolean;
}

export interface SimExchangeEvents {
  /** Any change to one of an account's orders. */
  order: (order: SimOrder) => void;
  fill: (fill: SimFill) => void;
  account: (account: SimAccount) => void;
  position: (accountId: string, position: SimPosition) => void;
  /** The book changed (coalesced at most once per market step per symbol). */
  book: (book: BookSnapshot) => void;
  trade: (trade: PublicTrade) => void;
  stats: (stats: MarketStats) => void;
}

export interface SimExchange {
  readonly instruments: ReadonlyMap<string, InstrumentSpec>;

  /** Starts the synthetic participants (no-op when tickRate is 0). */
  start(): void;
  stop(): void;
  /** Freezes or resumes synthetic participants without touching resting orders (tests use this). */
  setMarketActive(active: boolean): void;
  setTickRate(perSecond: number): void;
  /** Runs n synthetic market steps now, synchronously (deterministic tests and benchmarks). */
  step(n?: number): void;

  openAccount(
    accountId: string,
    cash: number,
    currency?: string,
    assets?: Record<string, number>,
  ): SimAccount;
  getAccount(accountId: string): SimAccount | undefined;
  getPositions(accountId: string): SimPosition[];
  /** Starts a new trading day: today's positions become yesterday's, daily stats and limits reset. */
  rollDay(): void;

  placeOrder(accountId: string, req: SimOrderRequest): SimResult<SimOrder>;
  cancelOrder(accountId: string, orderId: number): SimResult<SimOrder>;
  cancelByClientId(accountId: string, clientOrderId: string): SimResult<SimOrder>;
  /**
   * Changes a working limit order's price and/or total volume in place (same ids). The order loses its place
   * in the queue and may trade at once at a new price; refused (order unchanged) like a new order would be.
   */
  amendByClientId(
    accountId: string,
    clientOrderId: string,
    change: { price?: number; volume?: number },
  ): SimResult<SimOrder>;
  /** amendByClientId for an order known by the exchange's id. */
  amendOrder(
    accountId: string,
    orderId: number,
    change: { price?: number; volume?: number },
  ): SimResult<SimOrder>;
  getOrder(accountId: string, orderId: number): SimOrder | undefined;
  getOrderByClientId(accountId: string, clientOrderId: string): SimOrder | undefined;
  getOpenOrders(accountId: string, symbol?: string): SimOrder[];
  getOrders(accountId: string): SimOrder[];
  getFills(accountId: string, sinceTradeId?: number): SimFill[];

  getBook(symbol: string, depth?: number): BookSnapshot | undefined;
  getStats(symbol: string): MarketStats | undefined;
  /** Bars built from the same random walk that drives the ticks, so history joins the live feed. */
  getBars(symbol: string, interval: Interval, start: number, end: number): SimBar[];

  /**
   * Places an order for a synthetic participant (not an account) that trades against the book: tests use it
   * to fill a gateway's resting order by an exact volume. It trades only with accounts' orders (in price-time
   * priority among them), passing over synthetic quotes, and whatever it cannot fill is dropped.
   */
  crossFromMarket(symbol: string, side: Side, price: number, volume: number): void;
  /** The next order from this account is rejected with this reason (fault injection). */
  injectReject(accountId: string, reason: string): void;

  on<E extends keyof SimExchangeEvents>(event: E, listener: SimExchangeEvents[E]): void;
  off<E extends keyof SimExchangeEvents>(event: E, listener: SimExchangeEvents[E]): void;
}
