// BitMEX wire types, named and typed as in BitMEX's swagger definition (BitMEX/api-connectors swagger.json,
// v1.2.0, "definitions"). Only the fields vnt reads are listed; the venue sends many more. Amounts of the
// settlement currency are integers in its minor unit (XBt = 1e-8 XBT, USDt = 1e-6 USDT).

export interface Instrument {
  symbol: string;
  rootSymbol?: string;
  state?: string;
  /** CFI-style type: FFWCSX perpetual, FFCCSX future, IFXXXP spot, ... */
  typ?: string;
  expiry?: string | null;
  underlying?: string;
  quoteCurrency?: string;
  positionCurrency?: string;
  settlCurrency?: string;
  lotSize?: number;
  tickSize?: number;
  multiplier?: number;
  isQuanto?: boolean;
  isInverse?: boolean;
  /** Venue quantity units per unit of the position currency (spot: 1e8 XBt per XBT). */
  underlyingToPositionMultiplier?: number | null;
  maxOrderQty?: number;
  lastPrice?: number | null;
  markPrice?: number | null;
  indicativeSettlePrice?: number | null;
  fundingRate?: number | null;
  fundingTimestamp?: string | null;
  volume24h?: number | null;
  turnover24h?: number | null;
  openInterest?: number | null;
  highPrice?: number | null;
  lowPrice?: number | null;
  prevClosePrice?: number | null;
  prevPrice24h?: number | null;
  limitUpPrice?: number | null;
  limitDownPrice?: number | null;
  timestamp?: string;
}

export interface Order {
  orderID: string;
  clOrdID?: string;
  account?: number;
  symbol?: string;
  side?: string;
  orderQty?: number;
  price?: number | null;
  stopPx?: number | null;
  ordType?: string;
  timeInForce?: string;
  execInst?: string;
  ordStatus?: string;
  triggered?: string;
  workingIndicator?: boolean;
  ordRejReason?: string;
  leavesQty?: number;
  cumQty?: number;
  avgPx?: number | null;
  text?: string;
  transactTime?: string;
  timestamp?: string;
}

export interface Execution {
  execID: string;
  orderID?: string;
  clOrdID?: string;
  account?: number;
  symbol: string;
  side?: string;
  lastQty?: number | null;
  lastPx?: number | null;
  orderQty?: number;
  price?: number | null;
  execType?: string;
  ordType?: string;
  ordStatus?: string;
  leavesQty?: number;
  cumQty?: number;
  avgPx?: number | null;
  text?: string;
  trdMatchID?: string;
  transactTime?: string;
  timestamp: string;
}

export interface Position {
  account: number;
  symbol: string;
  currency?: string;
  currentQty?: number;
  avgEntryPrice?: number | null;
  unrealisedPnl?: number;
  markPrice?: number | null;
  isOpen?: boolean;
  timestamp?: string;
}

export interface Margin {
  account: number;
  currency: string;
  walletBalance?: number;
  marginBalance?: number;
  availableMargin?: number;
  timestamp?: string;
}

export interface Wallet {
  account: number;
  currency: string;
  amount?: number;
  timestamp?: string;
}

export interface L2Row {
  symbol: string;
  id: number;
  side: 'Buy' | 'Sell';
  size?: number;
  price?: number;
  timestamp?: string;
}

export interface Quote {
  timestamp: string;
  symbol: string;
  bidSize?: number | null;
  bidPrice?: number | null;
  askPrice?: number | null;
  askSize?: number | null;
}

export interface Trade {
  timestamp: string;
  symbol: string;
  side?: string;
  size?: number;
  price?: number;
  trdMatchID?: string;
}

export interface TradeBin {
  timestamp: string;
  symbol: string;
  open?: number | null;
  high?: number | null;
  low?: number | null;
  close?: number | null;
  trades?: number;
  volume?: number;
  turnover?: number;
}

export type TableAction = 'partial' | 'insert' | 'update' | 'delete';

/** A realtime data frame: {"table","action","data"} plus, on partials, "keys", "types", "filter". */
export interface TableMessage<Row = unknown> {
  table: string;
  action: TableAction;
  data: Row[];
  keys?: string[];
  types?: Record<string, string>;
  filter?: Record<string, unknown>;
}

/** The error body of every REST refusal (swagger definition "Error"). */
export interface VenueErrorBody {
  error: { message: string; name: string };
}
