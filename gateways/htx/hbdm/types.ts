// HBDM swap wire shapes, shared by USDT-M swaps (isolated margin, "USDT-margined Contracts API",
// huobiapi.github.io/docs/usdt_swap/v1/en/) and coin-M swaps ("Coin-margined Swap API",
// huobiapi.github.io/docs/coin_margined_swap/v1/en/): the same field names; coin-M lacks the margin_* account
// names (its account is the coin, `symbol`). Field names as HTX documents them.

/** GET …/swap_contract_info item. */
export interface SwapContract {
  symbol: string;
  contract_code: string;
  contract_size: number;
  price_tick: number;
  contract_status: number;
  support_margin_mode?: string;
  pair?: string;
  business_type?: string;
  trade_partition?: string;
  /** Coin-M futures: this_week, next_week, quarter, next_quarter (the CW/NW/CQ/NQ aliases). */
  contract_type?: string;
  /** Coin-M futures: the delivery date (yyyyMMdd) and time (ms, as text). */
  delivery_date?: string;
  delivery_time?: string;
}

/** 1,2 ready to submit, 3 submitted, 4 partially matched, 5 partially cancelled, 6 filled, 7 cancelled, 11 cancelling. */
export type SwapOrderStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 11;

export type SwapPriceType = 'limit' | 'opponent' | 'post_only' | 'optimal_5' | 'ioc' | 'fok';

/** An order in swap_openorders / swap_order_info replies and the orders.$contract_code push. */
export interface SwapOrder {
  symbol: string;
  contract_code: string;
  volume: number;
  price: number | null;
  order_price_type: string;
  direction: 'buy' | 'sell';
  offset: 'open' | 'close';
  lever_rate: number;
  order_id: number;
  order_id_str?: string;
  client_order_id: number | null;
  created_at: number;
  trade_volume: number;
  status: SwapOrderStatus;
  margin_account?: string;
}

export interface SwapPushTrade {
  id: string;
  trade_id: number;
  trade_volume: number;
  trade_price: number;
  trade_fee?: number;
  created_at: number;
  role?: string;
}

export interface SwapOrderPush extends SwapOrder {
  op: 'notify';
  topic: string;
  ts: number;
  trade?: SwapPushTrade[];
}

/** swap_matchresults item. */
export interface SwapMatch {
  id: string;
  match_id: number;
  order_id: number;
  order_id_str?: string;
  contract_code: string;
  direction: 'buy' | 'sell';
  offset: 'open' | 'close';
  trade_volume: number;
  trade_price: number;
  create_date: number;
}

/** swap_position_info item. */
export interface SwapPosition {
  symbol: string;
  contract_code: string;
  volume: number;
  available: number;
  frozen: number;
  cost_hold: number;
  profit_unreal: number;
  lever_rate: number;
  direction: 'buy' | 'sell';
  margin_account?: string;
}

/** swap_account_info item and accounts push item; coin-M names neither margin_asset nor margin_account. */
export interface SwapAccount {
  symbol: string;
  contract_code?: string;
  margin_balance: number;
  /** Absent from a cross account (its contract_detail lists it per contract); withdraw_available is there. */
  margin_available?: number;
  withdraw_available?: number;
  margin_frozen: number;
  margin_position: number;
  margin_asset?: string;
  margin_account?: string;
  lever_rate: number;
}

/** A notification-link frame. */
export interface NotifyMessage {
  op: string;
  topic?: string;
  ts?: number | string;
  cid?: string;
  'err-code'?: number;
  'err-msg'?: string;
  event?: string;
  data?: unknown;
  [k: string]: unknown;
}
