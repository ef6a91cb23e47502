// HBDM swap messages → vnt objects. Volumes are in contracts (USDT-M: contract_size of the base coin each;
// coin-M: contract_size USD each, margined and settled in the coin); the
// vnt order id is the client_order_id we sent (a number, as HBDM requires), or x<order_id> for an order
// placed elsewhere. Trade ids are HBDM's trade `id` (the same text in the orders push and in
// swap_matchresults), so a fill seen on the link and again after a reconnect is one trade.
import { Direction, Exchange, Offset, OrderType, Product, Status } from '../../../src/core/constant.js';
import { Interval } from '../../../src/core/constant.js';
import {
  createAccount,
  createBar,
  createContract,
  createOrder,
  createPosition,
  createTrade,
  type AccountData,
  type BarData,
  type ContractData,
  type OrderData,
  type PositionData,
  type TradeData,
} from '../../../src/core/object.js';
import type {
  SwapAccount,
  SwapContract,
  SwapMatch,
  SwapOrder,
  SwapOrderStatus,
  SwapPosition,
  SwapPriceType,
  SwapPushTrade,
  SwapTrigger,
  TriggerType,
} from './types.js';
import { isCoinMargined, isDelivery, isFutures, type HbdmProduct } from './urls.js';

export const EXCHANGE = Exchange.HUOBI;

function decimals(x: number): number {
  const s = String(x);
  if (s.includes('e-')) return Number(s.split('e-')[1]);
  return s.includes('.') ? s.split('.')[1]!.length : 0;
}

/** contract_type → the alias HTX's market topics and klines also take (BTC_CQ for BTC's quarterly). */
export const CONTRACT_ALIASES: Record<string, string> = {
  this_week: 'CW',
  next_week: 'NW',
  quarter: 'CQ',
  next_quarter: 'NQ',
};

/**
 * BTC_CQ for a quarterly coin-M BTC contract, BTC-USDT-CQ for a USDT-M one (the USDT-M API's contract_code
 * takes "BTC-USDT-CW", "BTC-USDT-NW", "BTC-USDT-CQ", "BTC-USDT-NQ"); undefined for a swap.
 */
export function aliasOf(c: SwapContract): string | undefined {
  const suffix = c.contract_type ? CONTRACT_ALIASES[c.contract_type] : undefined;
  if (!suffix) return undefined;
  return c.business_type === 'futures' && c.pair
    ? `${c.pair.toUpperCase()}-${suffix}`
    : `${c.symbol.toUpperCase()}_${suffix}`;
}

function nameOf(c: SwapContract, product: HbdmProduct): string {
  if (product === 'usdt-swap') return `${c.contract_code} USDT-M perpetual`;
  if (product === 'usdt-futures')
    return `${c.contract_code} USDT-M ${c.contract_type ?? 'futures'}${aliasOf(c) ? ` ${aliasOf(c)}` : ''}`;
  if (product === 'coin-swap') return `${c.contract_code} coin-M perpetual (${c.contract_size} USD)`;
  const alias = aliasOf(c);
  return `${c.contract_code} coin-M ${c.contract_type ?? 'futures'}${alias ? ` ${alias}` : ''} (${c.contract_size} USD)`;
}

export function contractFromSwap(
  c: SwapContract,
  gatewayName: string,
  product: HbdmProduct = 'usdt-swap',
): ContractData | undefined {
  // 1 listing (trading); 5 settling, 6 delivering, 7 settled, 8 delivered, 2..4 pre-listing / suspended.
  if (c.contract_status !== 1) return undefined;
  // business_type=futures asks for futures alone; a swap in the list is not this product's.
  if (product === 'usdt-futures' && c.business_type !== 'futures') return undefined;
  const delivery = Number(c.delivery_time);
  return createContract({
    gatewayName,
    symbol: c.contract_code,
    exchange: EXCHANGE,
    name: nameOf(c, product),
    product: isDelivery(product) ? Product.FUTURES : Product.SWAP,
    size: c.contract_size,
    pricetick: Number(c.price_tick.toFixed(decimals(c.price_tick))),
    minVolume: 1,
    volumeStep: 1,
    netPosition: false,
    // HTX holds stop (trigger) orders for every HBDM contract.
    stopSupported: true,
    historyData: true,
    ...(isDelivery(product) && delivery > 0 ? { optionExpiry: delivery } : {}),
    currency: isCoinMargined(product) ? 'USD' : 'USDT',
  });
}

export function priceTypeFor(type: OrderType): SwapPriceType | undefined {
  switch (type) {
    case OrderType.LIMIT:
      return 'limit';
    case OrderType.MARKET:
      return 'opponent';
    case OrderType.POSTONLY:
      return 'post_only';
    case OrderType.FAK:
      return 'ioc';
    case OrderType.FOK:
      return 'fok';
    default:
      return undefined;
  }
}

export function typeFromPriceType(t: string): OrderType {
  switch (t) {
    case 'post_only':
      return OrderType.POSTONLY;
    case 'ioc':
    case 'optimal_5_ioc':
      return OrderType.FAK;
    case 'fok':
    case 'optimal_5_fok':
      return OrderType.FOK;
    case 'opponent':
    case 'optimal_5':
    case 'optimal_10':
    case 'optimal_20':
      return OrderType.MARKET;
    default:
      return OrderType.LIMIT;
  }
}

export function statusFromSwap(s: SwapOrderStatus, traded: number): Status {
  switch (s) {
    case 4:
      return Status.PARTTRADED;
    case 5:
    case 7:
      return Status.CANCELLED;
    case 6:
      return Status.ALLTRADED;
    case 11:
      return traded > 0 ? Status.PARTTRADED : Status.NOTTRADED;
    default:
      return Status.NOTTRADED;
  }
}

/**
 * HBDM's order id exactly: order_id_str where given (order_id is a JSON number past 2^53, so JSON.parse
 * rounds it — the documented 770334322963152896 parses as 770334322963152900).
 */
export function venueIdOf(o: { order_id: number; order_id_str?: string | undefined }): string {
  return typeof o.order_id_str === 'string' && /^\d+$/.test(o.order_id_str)
    ? o.order_id_str
    : String(o.order_id);
}

export function swapOrderidOf(clientOrderId: number | null | undefined, venueId: string): string {
  return clientOrderId ? String(clientOrderId) : `x${venueId}`;
}

const directionOf = (d: 'buy' | 'sell') => (d === 'sell' ? Direction.SHORT : Direction.LONG);
const offsetOf = (o: 'open' | 'close') => (o === 'close' ? Offset.CLOSE : Offset.OPEN);

/** `orderid` names the vnt order when the gateway knows it otherwise (the order a trigger created). */
export function orderFromSwap(o: SwapOrder, gatewayName: string, orderid?: string): OrderData {
  return createOrder({
    gatewayName,
    symbol: o.contract_code,
    exchange: EXCHANGE,
    orderid: orderid ?? swapOrderidOf(o.client_order_id, venueIdOf(o)),
    type: typeFromPriceType(o.order_price_type),
    direction: directionOf(o.direction),
    offset: offsetOf(o.offset),
    price: Number(o.price) || 0,
    volume: o.volume,
    traded: o.trade_volume,
    status: statusFromSwap(o.status, o.trade_volume),
    datetime: o.created_at,
  });
}

export function tradeFromPush(
  o: SwapOrder,
  t: SwapPushTrade,
  gatewayName: string,
  orderid?: string,
): TradeData {
  return createTrade({
    gatewayName,
    symbol: o.contract_code,
    exchange: EXCHANGE,
    orderid: orderid ?? swapOrderidOf(o.client_order_id, venueIdOf(o)),
    tradeid: String(t.id),
    direction: directionOf(o.direction),
    offset: offsetOf(o.offset),
    price: t.trade_price,
    volume: t.trade_volume,
    datetime: t.created_at,
  });
}

/**
 * vnt's STOP is a stop-market order: a buy stop fires when the last price rises to the trigger price (ge),
 * a sell stop when it falls to it (le).
 */
export const triggerTypeFor = (direction: Direction): TriggerType =>
  direction === Direction.SHORT ? 'le' : 'ge';

/** The vnt id of a trigger order placed elsewhere (or in an earlier session: triggers carry no client id). */
export const foreignTriggerId = (triggerId: string): string => `t${triggerId}`;

/**
 * A trigger order as a vnt STOP order at its trigger price. Waiting (1–3) and fired (4: the order it created
 * carries the state from then on) are NOTTRADED; 5 (placing the created order failed) is REJECTED with HTX's
 * reason; 6 CANCELLED.
 */
export function orderFromTrigger(t: SwapTrigger, gatewayName: string, orderid: string): OrderData {
  const failed = t.status === 5;
  return createOrder({
    gatewayName,
    symbol: t.contract_code,
    exchange: EXCHANGE,
    orderid,
    type: OrderType.STOP,
    direction: directionOf(t.direction),
    offset: offsetOf(t.offset),
    price: t.trigger_price,
    volume: t.volume,
    traded: 0,
    status: failed ? Status.REJECTED : t.status === 6 ? Status.CANCELLED : Status.NOTTRADED,
    statusMsg: failed
      ? `trigger failed: ${t.fail_reason ?? 'no reason given'}${t.fail_code ? ` (${t.fail_code})` : ''}`
      : '',
    datetime: t.created_at,
  });
}

export function tradeFromMatch(m: SwapMatch, gatewayName: string, orderid: string): TradeData {
  return createTrade({
    gatewayName,
    symbol: m.contract_code,
    exchange: EXCHANGE,
    orderid,
    tradeid: String(m.id),
    direction: directionOf(m.direction),
    offset: offsetOf(m.offset),
    price: m.trade_price,
    volume: m.trade_volume,
    datetime: m.create_date,
  });
}

/** HBDM's buy position is LONG, its sell position SHORT (hedge mode: both may be held). */
export function positionFromSwap(p: SwapPosition, gatewayName: string): PositionData {
  return createPosition({
    gatewayName,
    symbol: p.contract_code,
    exchange: EXCHANGE,
    direction: directionOf(p.direction),
    volume: p.volume,
    frozen: p.frozen,
    price: p.cost_hold,
    pnl: p.profit_unreal,
  });
}

/** An empty position of a contract and side, for a side the venue no longer lists. */
export function flatPosition(symbol: string, direction: Direction, gatewayName: string): PositionData {
  return createPosition({ gatewayName, symbol, exchange: EXCHANGE, direction, volume: 0 });
}

/**
 * USDT-M: one margin account per contract (isolated margin), in USDT, or one USDT account for all contracts
 * (cross margin: what it leaves free is withdraw_available). Coin-M: one account per coin, in the
 * coin (BTC for BTC-USD). Balance, and what margin_available leaves held.
 */
export function accountFromSwap(a: SwapAccount, gatewayName: string): AccountData {
  return createAccount({
    gatewayName,
    accountid: a.margin_account ?? a.symbol,
    balance: a.margin_balance,
    frozen: Math.max(0, a.margin_balance - (a.margin_available ?? a.withdraw_available ?? 0)),
    currency: a.margin_asset ?? a.symbol,
  });
}

/** An HBDM kline: vol in contracts, amount in the coin; USDT-M adds trade_turnover (USDT). */
export interface SwapKline {
  id: number;
  open: number;
  close: number;
  high: number;
  low: number;
  vol: number;
  amount: number;
  trade_turnover?: number;
}

/** Kline periods for vnt's intervals; the futures API has no 1week (its period list stops at 1day, 1mon). */
export function klinePeriod(interval: Interval, product: HbdmProduct): string | undefined {
  if (interval === Interval.WEEKLY) return isFutures(product) ? undefined : '1week';
  return { [Interval.MINUTE]: '1min', [Interval.HOUR]: '60min', [Interval.DAILY]: '1day' }[interval];
}

/** Volume in contracts; turnover USDT-M's trade_turnover, else contracts × contract_size USD (coin-M). */
export function barFromKline(
  k: SwapKline,
  contract: ContractData,
  interval: Interval,
  gatewayName: string,
): BarData {
  return createBar({
    gatewayName,
    symbol: contract.symbol,
    exchange: EXCHANGE,
    datetime: k.id * 1000,
    interval,
    volume: k.vol,
    turnover: typeof k.trade_turnover === 'number' ? k.trade_turnover : k.vol * contract.size,
    openPrice: k.open,
    highPrice: k.high,
    lowPrice: k.low,
    closePrice: k.close,
  });
}
