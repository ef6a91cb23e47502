// OKX API v5 wire shapes, as the documentation names them (https://www.okx.com/docs-v5/en/). Every number
// arrives as a decimal string; only the book's seqId/prevSeqId/checksum are JSON numbers.

export type InstType = 'SPOT' | 'MARGIN' | 'SWAP' | 'FUTURES' | 'OPTION';
export type PosMode = 'net_mode' | 'long_short_mode';
export type TdMode = 'cash' | 'cross' | 'isolated' | 'spot_isolated';
export type PosSide = 'net' | 'long' | 'short';
export type OrdType = 'market' | 'limit' | 'post_only' | 'fok' | 'ioc' | 'optimal_limit_ioc';
export type OrdState = 'live' | 'partially_filled' | 'filled' | 'canceled' | 'mmp_canceled';

/** Every REST reply: `code` "0" is success; anything else is the error (HTTP 200 included). */
export interface Envelope<T> {
  code: string;
  msg: string;
  data: T[];
  inTime?: string;
  outTime?: string;
}

/** An item of a trade reply (place, cancel, amend): its own sCode/sMsg. */
export interface OrderAck {
  ordId: string;
  clOrdId: string;
  sCode: string;
  sMsg: string;
  ts?: string;
  tag?: string;
}

export interface Instrument {
  instType: InstType;
  instId: string;
  uly?: string;
  instFamily?: string;
  baseCcy: string;
  quoteCcy: string;
  settleCcy: string;
  ctVal: string;
  ctMult: string;
  ctValCcy: string;
  ctType?: string;
  listTime?: string;
  expTime: string;
  lever?: string;
  tickSz: string;
  lotSz: string;
  minSz: string;
  state: string;
  alias?: string;
}

export interface AccountConfig {
  uid: string;
  acctLv: string;
  posMode: PosMode;
}

export interface BalanceDetail {
  ccy: string;
  eq: string;
  cashBal: string;
  availBal: string;
  frozenBal: string;
  upl?: string;
}

export interface Balance {
  totalEq: string;
  uTime: string;
  details: BalanceDetail[];
}

export interface Position {
  instType: InstType;
  instId: string;
  mgnMode: string;
  posSide: PosSide;
  pos: string;
  availPos: string;
  avgPx: string;
  upl: string;
  lever?: string;
  posId?: string;
  uTime: string;
}

/** An order as GET /trade/order, /trade/orders-pending and the orders channel give it. */
export interface Order {
  instType: InstType;
  instId: string;
  ordId: string;
  clOrdId: string;
  px: string;
  sz: string;
  ordType: OrdType;
  side: 'buy' | 'sell';
  posSide: string;
  tdMode: string;
  accFillSz: string;
  avgPx: string;
  state: OrdState;
  fillPx?: string;
  fillSz?: string;
  fillTime?: string;
  tradeId?: string;
  execType?: string;
  fee?: string;
  feeCcy?: string;
  reduceOnly?: string;
  cancelSource?: string;
  /** Orders channel only, on the push answering an amend: "0" amended, "-1" refused, "1" cancelled instead. */
  amendResult?: string;
  reqId?: string;
  code?: string;
  msg?: string;
  uTime: string;
  cTime: string;
}

export interface Fill {
  instType: InstType;
  instId: string;
  tradeId: string;
  ordId: string;
  clOrdId: string;
  billId: string;
  fillPx: string;
  fillSz: string;
  side: 'buy' | 'sell';
  posSide: string;
  execType: string;
  fee: string;
  feeCcy: string;
  ts: string;
}

/** [ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm] */
export type Candle = [string, string, string, string, string, string, string, string, string];

/** [price, size, "0" (deprecated), number of orders] — prices kept as sent: the checksum uses the strings. */
export type BookLevel = [string, string, string, string];

export interface BookData {
  asks: BookLevel[];
  bids: BookLevel[];
  ts: string;
  checksum?: number;
  prevSeqId?: number;
  seqId?: number;
}

export interface Ticker {
  instType: InstType;
  instId: string;
  last: string;
  lastSz: string;
  askPx: string;
  askSz: string;
  bidPx: string;
  bidSz: string;
  open24h: string;
  high24h: string;
  low24h: string;
  volCcy24h: string;
  vol24h: string;
  sodUtc0?: string;
  sodUtc8?: string;
  ts: string;
}

export interface PublicTrade {
  instId: string;
  tradeId: string;
  px: string;
  sz: string;
  side: 'buy' | 'sell';
  ts: string;
  count?: string;
}

export interface OpenInterest {
  instType: InstType;
  instId: string;
  oi: string;
  oiCcy: string;
  ts: string;
}

/** Channel argument, as subscribed and as echoed on every push. */
export interface Arg {
  channel: string;
  instId?: string;
  instType?: string;
  instFamily?: string;
  uid?: string;
}

/** Anything the WebSocket sends that is not 'pong'. */
export interface WsMessage {
  id?: string;
  event?: string;
  code?: string;
  msg?: string;
  connId?: string;
  arg?: Arg;
  action?: 'snapshot' | 'update';
  data?: unknown[];
}

/**
 * An item of GET /api/v5/account/trade-fee: the rates that apply to the instrument (spot) or instrument family
 * asked for, as fractions in text; negative is a fee charged, positive a rebate. Derivatives: maker/taker for
 * coin-margined contracts, makerU/takerU for USDT-margined, makerUSDC/takerUSDC for USDC-margined.
 */
export interface FeeRate {
  instType: InstType;
  maker: string;
  taker: string;
  makerU?: string;
  takerU?: string;
  makerUSDC?: string;
  takerUSDC?: string;
}
