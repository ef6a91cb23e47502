// Enum values are stable codes (saved in JSON, sent over RPC); what a person reads comes from labels.ts.

export enum Direction {
  LONG = 'LONG',
  SHORT = 'SHORT',
  NET = 'NET',
}

export enum Offset {
  NONE = 'NONE',
  OPEN = 'OPEN',
  CLOSE = 'CLOSE',
  CLOSETODAY = 'CLOSETODAY',
  CLOSEYESTERDAY = 'CLOSEYESTERDAY',
}

export enum Status {
  SUBMITTING = 'SUBMITTING',
  NOTTRADED = 'NOTTRADED',
  PARTTRADED = 'PARTTRADED',
  ALLTRADED = 'ALLTRADED',
  CANCELLED = 'CANCELLED',
  REJECTED = 'REJECTED',
}

export const ACTIVE_STATUSES: ReadonlySet<Status> = new Set([
  Status.SUBMITTING,
  Status.NOTTRADED,
  Status.PARTTRADED,
]);

export enum Product {
  EQUITY = 'EQUITY',
  FUTURES = 'FUTURES',
  OPTION = 'OPTION',
  INDEX = 'INDEX',
  FOREX = 'FOREX',
  SPOT = 'SPOT',
  ETF = 'ETF',
  BOND = 'BOND',
  WARRANT = 'WARRANT',
  SPREAD = 'SPREAD',
  FUND = 'FUND',
  SWAP = 'SWAP',
}

export enum OrderType {
  LIMIT = 'LIMIT',
  MARKET = 'MARKET',
  STOP = 'STOP',
  FAK = 'FAK',
  FOK = 'FOK',
  /** Limit order that is rejected rather than allowed to take liquidity (maker only). */
  POSTONLY = 'POSTONLY',
}

export enum OptionType {
  CALL = 'CALL',
  PUT = 'PUT',
}

export enum Interval {
  MINUTE = '1m',
  HOUR = '1h',
  DAILY = 'd',
  WEEKLY = 'w',
}

/** Milliseconds in one bar of each interval (weekly bars start on Monday 00:00 UTC). */
export const INTERVAL_MS: Readonly<Record<Interval, number>> = {
  [Interval.MINUTE]: 60_000,
  [Interval.HOUR]: 3_600_000,
  [Interval.DAILY]: 86_400_000,
  [Interval.WEEKLY]: 7 * 86_400_000,
};

export enum Exchange {
  // China
  CFFEX = 'CFFEX',
  SHFE = 'SHFE',
  CZCE = 'CZCE',
  DCE = 'DCE',
  INE = 'INE',
  GFEX = 'GFEX',
  SSE = 'SSE',
  SZSE = 'SZSE',
  BSE = 'BSE',
  SGE = 'SGE',
  WXE = 'WXE',
  CFETS = 'CFETS',
  // Global
  SMART = 'SMART',
  NYSE = 'NYSE',
  NASDAQ = 'NASDAQ',
  ARCA = 'ARCA',
  AMEX = 'AMEX',
  BATS = 'BATS',
  IEX = 'IEX',
  ISLAND = 'ISLAND',
  NYMEX = 'NYMEX',
  COMEX = 'COMEX',
  GLOBEX = 'GLOBEX',
  IDEALPRO = 'IDEALPRO',
  CME = 'CME',
  ICE = 'ICE',
  CBOT = 'CBOT',
  CBOE = 'CBOE',
  CFE = 'CFE',
  SEHK = 'SEHK',
  HKFE = 'HKFE',
  SGX = 'SGX',
  DME = 'DME',
  EUREX = 'EUREX',
  APEX = 'APEX',
  LME = 'LME',
  BMD = 'BMD',
  TOCOM = 'TOCOM',
  EUNX = 'EUNX',
  KRX = 'KRX',
  OTC = 'OTC',
  IBKRATS = 'IBKRATS',
  // Crypto
  BITMEX = 'BITMEX',
  OKEX = 'OKEX',
  HUOBI = 'HUOBI',
  BITFINEX = 'BITFINEX',
  BINANCE = 'BINANCE',
  /** Alpaca's own crypto venue (its assets list crypto pairs on exchange "ALPACA"). */
  ALPACA = 'ALPACA',
  // Venues reached only through an aggregator or simulator
  ONETOKEN = 'ONETOKEN',
  LOCAL = 'LOCAL',
  /** The embedded simulated exchange's own pairs (`vnt --demo`), so it never poses as a real crypto venue. */
  SIM = 'SIM',
}

export const ALL_EXCHANGES: readonly Exchange[] = Object.values(Exchange);

export function isExchange(value: string): value is Exchange {
  return (ALL_EXCHANGES as readonly string[]).includes(value);
}

export enum Currency {
  USD = 'USD',
  HKD = 'HKD',
  CNY = 'CNY',
  USDT = 'USDT',
  BTC = 'BTC',
}

/** Connection state of one gateway, shown in the status bar. */
export enum GatewayStatus {
  DISCONNECTED = 'DISCONNECTED',
  CONNECTING = 'CONNECTING',
  CONNECTED = 'CONNECTED',
  RECONNECTING = 'RECONNECTING',
}

export enum LogLevel {
  DEBUG = 10,
  INFO = 20,
  WARNING = 30,
  ERROR = 40,
  CRITICAL = 50,
}
