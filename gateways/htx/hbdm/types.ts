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

/** A trigger's condition on the last price: ge (at or above) or le (at or below). */
export type TriggerType = 'ge' | 'le';

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
  /** "trigger" for the order a fired trigger order created. */
  order_source?: string;
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

/**
 * A trigger order in *_trigger_openorders / *_trigger_hisorders and the trigger_order.* push ("[Cross]
 * Query Trigger Order Open Orders", "[Cross] Subscribe trigger orders updates(sub)"). Its ids are the
 * trigger's own; relation_order_id names the order it created when it fired ("-1" before).
 */
export interface SwapTrigger {
  symbol: string;
  contract_code: string;
  trigger_type: 'ge' | 'le';
  trigger_price: number;
  order_price: number | null;
  order_price_type: string;
  volume: number;
  direction: 'buy' | 'sell';
  offset: 'open' | 'close';
  lever_rate: number;
  order_id: number;
  order_id_str?: string;
  created_at: number;
  /** Open orders: 1 ready, 2 submitted; history and pushes: 4 fired, 5 failed, 6 cancelled. */
  status: number;
  relation_order_id?: string;
  fail_code?: number | null;
  fail_reason?: string | null;
}

/** A trigger_order.* push: event order (placed), trigger_success, trigger_fail or cancel. */
export interface TriggerPush {
  op: 'notify';
  topic: string;
  event: string;
  data: unknown;
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
