// HBDM USDT-M (linear) swap wire shapes, isolated margin ("USDT-margined Contracts API",
// huobiapi.github.io/docs/usdt_swap/v1/en/). Field names as HTX documents them.

/** GET /linear-swap-api/v1/swap_contract_info item. */
export interface LinearContract {
  symbol: string;
  contract_code: string;
  contract_size: number;
  price_tick: number;
  contract_status: number;
  support_margin_mode?: string;
  pair?: string;
  business_type?: string;
  trade_partition?: string;
}

/** 1,2 ready to submit, 3 submitted, 4 partially matched, 5 partially cancelled, 6 filled, 7 cancelled, 11 cancelling. */
export type LinearOrderStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 11;

export type LinearPriceType = 'limit' | 'opponent' | 'post_only' | 'optimal_5' | 'ioc' | 'fok';

/** An order in swap_openorders / swap_order_info replies and the orders.$contract_code push. */
export interface LinearOrder {
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
  status: LinearOrderStatus;
  margin_account?: string;
}

export interface LinearPushTrade {
  id: string;
  trade_id: number;
  trade_volume: number;
  trade_price: number;
  trade_fee?: number;
  created_at: number;
  role?: string;
}

export interface LinearOrderPush extends LinearOrder {
  op: 'notify';
  topic: string;
  ts: number;
  trade?: LinearPushTrade[];
}

/** swap_matchresults item. */
export interface LinearMatch {
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
export interface LinearPosition {
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

/** swap_account_info item. */
export interface LinearAccount {
  symbol: string;
  contract_code: string;
  margin_balance: number;
  margin_available: number;
  margin_frozen: number;
  margin_position: number;
  margin_asset: string;
  margin_account: string;
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
