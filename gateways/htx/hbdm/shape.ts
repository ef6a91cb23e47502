// Shape checks for HBDM swap messages (USDT-M and coin-M) before they are used (a malformed one is logged and skipped).
import type { Spec } from '../../common/shape.js';
import type { HbdmProduct } from './urls.js';

export const CONTRACT_SPEC: Spec = {
  contract_code: 'text',
  contract_size: 'number',
  price_tick: 'number',
  contract_status: 'integer',
};

/** What every order-like item names: its contract, volume, side and offset. */
const ORDER_SIDE: Spec = {
  contract_code: 'text',
  volume: 'number',
  direction: ['buy', 'sell'],
  offset: ['open', 'close'],
};

export const ORDER_SPEC: Spec = {
  ...ORDER_SIDE,
  price: 'number?',
  order_price_type: 'text',
  // HBDM order ids pass 2^53 (770334322963152896): order_id_str is the exact one, order_id only a hint.
  order_id: 'number',
  created_at: 'integer',
  trade_volume: 'number',
  status: 'integer',
};

export const PUSH_TRADE_SPEC: Spec = {
  id: 'text',
  trade_volume: 'number',
  trade_price: 'number',
  created_at: 'integer',
};

export const MATCH_SPEC: Spec = {
  id: 'text',
  order_id: 'number',
  contract_code: 'text',
  direction: ['buy', 'sell'],
  offset: ['open', 'close'],
  trade_volume: 'number',
  trade_price: 'number',
  create_date: 'integer',
};

export const POSITION_SPEC: Spec = {
  contract_code: 'text',
  volume: 'number',
  frozen: 'number',
  cost_hold: 'number',
  profit_unreal: 'number',
  direction: ['buy', 'sell'],
};

const COIN_ACCOUNT_SPEC: Spec = {
  symbol: 'text',
  margin_balance: 'number',
  margin_available: 'number',
};

/** A USDT-M cross margin account (swap_cross_account_info, accounts_cross.*): one USDT account for all. */
export const CROSS_ACCOUNT_SPEC: Spec = {
  margin_account: 'text',
  margin_asset: 'text',
  margin_balance: 'number',
  withdraw_available: 'number',
};

/** USDT-M names the margin account (the contract, isolated) and its asset; coin-M's account is the coin. */
export const ACCOUNT_SPECS: Record<HbdmProduct, Spec> = {
  'usdt-swap': {
    margin_account: 'text',
    margin_asset: 'text',
    margin_balance: 'number',
    margin_available: 'number',
  },
  'coin-swap': COIN_ACCOUNT_SPEC,
  'coin-futures': COIN_ACCOUNT_SPEC,
  // USDT-M futures trade in cross margin only (the connect refuses isolated).
  'usdt-futures': CROSS_ACCOUNT_SPEC,
};

/** trade_turnover is USDT-M's; coin-M's detail has none (its turnover is vol × contract_size USD). */
export const DETAIL_SPEC: Spec = {
  open: 'number',
  close: 'number',
  high: 'number',
  low: 'number',
  vol: 'decimal',
};

/** An open-interest item: `volume` is the contracts open (both sides summed, as HTX states it). */
export const OPEN_INTEREST_SPEC: Spec = {
  contract_code: 'text',
  volume: 'number',
};

/** A trigger order (open orders, history, trigger_order.* push items). */
export const TRIGGER_SPEC: Spec = {
  ...ORDER_SIDE,
  trigger_type: ['ge', 'le'],
  trigger_price: 'number',
  order_id: 'number',
  created_at: 'integer',
  status: 'integer',
};
