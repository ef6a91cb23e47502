// Bitfinex v2's wire shapes as far as vnt reads them. Bitfinex sends positional arrays; the index constants
// below are the field lists of docs.bitfinex.com (reference pages named beside each), shared by the gateway
// and its simulator so the two read and write the same positions. Arrays may grow at the end without a
// version change (docs.bitfinex.com/docs/ws-general, "Array Length"), so lengths are checked as minimums.

/** Which wallet and order types vnt trades: EXCHANGE (spot) or MARGIN. */
export type TradingMode = 'EXCHANGE' | 'MARGIN';

/** Order fields (ws-auth-orders, rest-auth-retrieve-orders: 32 fields). */
export const ORDER = {
  ID: 0,
  GID: 1,
  CID: 2,
  SYMBOL: 3,
  MTS_CREATE: 4,
  MTS_UPDATE: 5,
  AMOUNT: 6,
  AMOUNT_ORIG: 7,
  TYPE: 8,
  TYPE_PREV: 9,
  MTS_TIF: 10,
  FLAGS: 12,
  STATUS: 13,
  PRICE: 16,
  PRICE_AVG: 17,
  PRICE_TRAILING: 18,
  PRICE_AUX_LIMIT: 19,
  NOTIFY: 23,
  HIDDEN: 24,
  PLACED_ID: 25,
  ROUTING: 28,
  META: 31,
} as const;
export const ORDER_LENGTH = 32;

/** Own-trade fields (ws-auth-trades te/tu, rest-auth-trades). */
export const TRADE = {
  ID: 0,
  SYMBOL: 1,
  MTS: 2,
  ORDER_ID: 3,
  EXEC_AMOUNT: 4,
  EXEC_PRICE: 5,
  ORDER_TYPE: 6,
  ORDER_PRICE: 7,
  MAKER: 8,
  FEE: 9,
  FEE_CURRENCY: 10,
  CID: 11,
} as const;
export const TRADE_LENGTH = 12;

/** Wallet fields (ws-auth-wallets ws/wu, rest-auth-wallets). */
export const WALLET = {
  TYPE: 0,
  CURRENCY: 1,
  BALANCE: 2,
  UNSETTLED_INTEREST: 3,
  BALANCE_AVAILABLE: 4,
  DESCRIPTION: 5,
  META: 6,
} as const;
export const WALLET_LENGTH = 5;

/** Position fields (ws-auth-position ps/pn/pu/pc, rest-auth-positions). */
export const POSITION = {
  SYMBOL: 0,
  STATUS: 1,
  AMOUNT: 2,
  BASE_PRICE: 3,
  FUNDING: 4,
  FUNDING_TYPE: 5,
  PL: 6,
  PL_PERC: 7,
  PRICE_LIQ: 8,
  LEVERAGE: 9,
  POSITION_ID: 11,
} as const;
export const POSITION_LENGTH = 12;

/** Notification fields (ws-auth-notifications `n`, and the REST write replies). */
export const NOTIFICATION = {
  MTS: 0,
  TYPE: 1,
  MESSAGE_ID: 2,
  NOTIFY_INFO: 4,
  CODE: 5,
  STATUS: 6,
  TEXT: 7,
} as const;
export const NOTIFICATION_LENGTH = 8;

/** Trading ticker fields after the channel id (ws-public-ticker); REST /tickers puts SYMBOL first. */
export const TICKER = {
  BID: 0,
  BID_SIZE: 1,
  ASK: 2,
  ASK_SIZE: 3,
  DAILY_CHANGE: 4,
  DAILY_CHANGE_RELATIVE: 5,
  LAST_PRICE: 6,
  VOLUME: 7,
  HIGH: 8,
  LOW: 9,
} as const;
export const TICKER_LENGTH = 10;

/** Candle fields (rest-public-candles, ws-public-candles): MTS, OPEN, CLOSE, HIGH, LOW, VOLUME. */
export const CANDLE = { MTS: 0, OPEN: 1, CLOSE: 2, HIGH: 3, LOW: 4, VOLUME: 5 } as const;

/** pub:info:pair entry details (rest-public-conf): [PAIR, [.., .., .., MIN_ORDER_SIZE, MAX_ORDER_SIZE, ...]]. */
export const PAIR_INFO = { MIN_ORDER_SIZE: 3, MAX_ORDER_SIZE: 4, INITIAL_MARGIN: 8, MIN_MARGIN: 9 } as const;

/** Order flags (docs.bitfinex.com/docs/flag-values). */
export const FLAG = { HIDDEN: 64, CLOSE: 512, REDUCE_ONLY: 1024, POST_ONLY: 4096, OCO: 16384 } as const;

/** `conf` flags (docs.bitfinex.com/reference/ws-config; values as in bfx-api-node-core's config). */
export const CONF_FLAG = { TIMESTAMP: 32768, SEQ_ALL: 65536, OB_CHECKSUM: 131072 } as const;

/** `info` event codes (docs.bitfinex.com/docs/ws-general, "Info Messages"). */
export const INFO_CODE = { RECONNECT: 20051, MAINTENANCE_START: 20060, MAINTENANCE_END: 20061 } as const;

/** Error codes vnt reacts to (docs.bitfinex.com/docs/ws-general "Error Codes", /docs/abbreviations-glossary). */
export const ERROR_CODE = {
  ERR_UNK: 10000,
  GENERIC: 10001,
  CONCURRENCY: 10008,
  PARAMS: 10020,
  CONF_FAIL: 10050,
  AUTH_FAIL: 10100,
  AUTH_PAYLOAD: 10111,
  AUTH_SIG: 10112,
  AUTH_HMAC: 10113,
  AUTH_NONCE: 10114,
  UNAUTH_FAIL: 10200,
  SUB_FAIL: 10300,
  SUB_MULTI: 10301,
  SUB_UNK: 10302,
  SUB_LIMIT: 10305,
  UNSUB_FAIL: 10400,
  UNSUB_NOT: 10401,
  READY: 11000,
} as const;

/** Channels per connection Bitfinex allows (docs.bitfinex.com/docs/requirements-and-limitations). */
export const MAX_CHANNELS_PER_CONNECTION = 25;

/** Seconds between `hb` messages on a quiet channel (docs.bitfinex.com/docs/ws-general, "Heartbeating"). */
export const HEARTBEAT_SECONDS = 15;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
