// The three HBDM dialects the simulator speaks, each the field set of its documented examples
// (test/fixtures/hbdm-messages.ts): USDT-M swaps (/linear-swap-api, isolated margin, money in USDT), coin-M
// swaps (/swap-api, contracts of contract_size USD, money in the coin) and coin-M futures (/api/v1/contract_*,
// delivery contracts named BTC<yyMMdd> with a contract_type, money in the coin). The shared engine's accounting is linear in
// the spec's currency; the coin-M dialect states its money in the coin by dividing by the contract's last price,
// as the BitMEX simulator does for its inverse contract. Only shapes and units live here; swap.ts does the rest.
import { Direction, Exchange, Offset, OrderType, Product } from '../../../src/core/constant.js';
import type { InstrumentSpec, SimAccount, SimFill, SimOrder, SimPosition } from '../../../src/sim/types.js';
import { isCoinMargined, isFutures, type HbdmProduct } from '../hbdm/urls.js';

export interface SwapSpec extends InstrumentSpec {
  baseAsset: string;
  /** The contract_size HTX lists: base coin per contract (USDT-M) or USD per contract (coin-M). */
  contractSize: number;
  /** Futures: this_week / next_week / quarter / next_quarter and the delivery time (ms). */
  contractType?: string;
  deliveryTime?: number;
}

const DAY = 86_400_000;

/** Friday 08:00 UTC, HTX's delivery time, of the week `weeks` after the coming one (0: the coming Friday). */
function friday(now: number, weeks: number): number {
  const d = new Date(now);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 8);
  const ahead = (5 - d.getUTCDay() + 7) % 7 || 7;
  return start + (ahead + 7 * weeks) * DAY;
}

/** The last Friday 08:00 UTC of the quarter's last month, the first at least two weeks after next_week. */
function quarterly(now: number, skip: number): number {
  const floor = friday(now, 1) + 7 * DAY;
  const found: number[] = [];
  const d = new Date(now);
  for (let m = d.getUTCMonth() - (d.getUTCMonth() % 3) + 2; found.length <= skip; m += 3) {
    const last = new Date(Date.UTC(d.getUTCFullYear(), m + 1, 0, 8));
    const back = (last.getUTCDay() - 5 + 7) % 7;
    const t = last.getTime() - back * DAY;
    if (t > floor) found.push(t);
  }
  return found[skip]!;
}

/** The delivery time of a contract type as the simulator lists it at `now`. */
export function deliveryOf(contractType: string, now: number): number {
  if (contractType === 'this_week') return friday(now, 0);
  if (contractType === 'next_week') return friday(now, 1);
  return quarterly(now, contractType === 'next_quarter' ? 1 : 0);
}

const yymmdd = (t: number) => new Date(t).toISOString().slice(2, 10).replace(/-/g, '');

/** A futures contract code as HTX names it: the coin and the delivery date, BTC240628 (coin-M) or
 * BTC-USDT-240628 (USDT-M). */
export function futuresCode(base: string, contractType: string, now = Date.now(), usdt = false): string {
  const date = yymmdd(deliveryOf(contractType, now));
  return usdt ? `${base}-USDT-${date}` : `${base}${date}`;
}

/** The simulated leverage (HTX keeps one lever_rate per contract and account; orders must name it). */
export const SIM_LEVER_RATE = 5;

export function swapSpecs(product: HbdmProduct, volatility?: number, now = Date.now()): SwapSpec[] {
  const coin = isCoinMargined(product);
  const swap = (
    base: string,
    contractSize: number,
    tick: number,
    price: number,
    contractType?: string,
  ): SwapSpec => ({
    symbol: contractType ? futuresCode(base, contractType, now, !coin) : `${base}-${coin ? 'USD' : 'USDT'}`,
    exchange: Exchange.HUOBI,
    name: contractType ? `${base} ${contractType}` : `${base}-${coin ? 'USD' : 'USDT'} perpetual`,
    product: contractType ? Product.FUTURES : Product.SWAP,
    // The engine's notional is price × volume × size: for coin-M that is contract_size USD a contract at
    // the listing price (the engine has no inverse accounting; prices are held still in tests).
    size: coin ? contractSize / price : contractSize,
    pricetick: tick,
    lotSize: 1,
    minVolume: 1,
    marginRate: 1 / SIM_LEVER_RATE,
    commissionRate: 0.0005,
    offsets: 'open-close',
    initialPrice: price,
    volatility: volatility ?? 0.0005,
    currency: coin ? 'USD' : 'USDT',
    baseAsset: base,
    contractSize,
    ...(contractType ? { contractType, deliveryTime: deliveryOf(contractType, now) } : {}),
  });
  if (product === 'usdt-futures')
    return [
      swap('BTC', 0.001, 0.1, 96500, 'quarter'),
      swap('BTC', 0.001, 0.1, 96500, 'this_week'),
      swap('ETH', 0.01, 0.01, 3400, 'quarter'),
    ];
  if (isFutures(product))
    return [
      swap('BTC', 100, 0.1, 96500, 'quarter'),
      swap('BTC', 100, 0.1, 96500, 'this_week'),
      swap('ETH', 10, 0.01, 3400, 'quarter'),
    ];
  return coin
    ? [swap('BTC', 100, 0.1, 96500), swap('ETH', 10, 0.01, 3400)]
    : [swap('BTC', 0.001, 0.1, 96500), swap('ETH', 0.01, 0.01, 3400)];
}

/** What the venue knows of an order beyond the engine's record. */
export interface OrderMeta {
  priceType: string;
  leverRate: number;
  source: string;
  turnover: number;
  fee: number;
  /** Placed without a client_order_id (a fired trigger's order): HTX states it null, not the engine's id. */
  anonymous?: boolean;
}

/** Where an order object is served: swap_openorders, swap_order_info, or the orders.* push. */
export type OrderForm = 'open' | 'info' | 'push';

export interface WireContext {
  now(): number;
  lastPrice(symbol: string): number;
}

type Wire = Record<string, unknown>;

export interface SwapDialect {
  readonly product: HbdmProduct;
  /** The notification topics' key: the contract code for swaps, the coin for futures (orders.btc). */
  topicKey(s: SwapSpec, kind: string): string;
  /** "_cross" for USDT-M cross margin's topics (orders_cross.*), else empty. */
  readonly topicSuffix: string;
  /** The matchOrders push's body: the order's identity and state and the one trade. */
  matchPush(o: SimOrder, m: OrderMeta | undefined, f: SimFill, s: SwapSpec, uid: string): Wire;
  /** Extra fields of every notification push (USDT-M names the uid). */
  pushExtra(uid: string): Wire;
  contract(s: SwapSpec, ctx: WireContext): Wire;
  order(o: SimOrder, m: OrderMeta | undefined, s: SwapSpec, form: OrderForm, ctx: WireContext): Wire;
  pushTrade(f: SimFill, s: SwapSpec, ctx: WireContext): Wire;
  match(f: SimFill, s: SwapSpec, ctx: WireContext): Wire;
  position(p: SimPosition, s: SwapSpec, ctx: WireContext): Wire;
  account(
    s: SwapSpec,
    a: SimAccount | undefined,
    held: SimPosition[],
    push: boolean,
    ctx: WireContext,
    all: SwapSpec[],
  ): Wire;
  detailExtra(turnover: number, bid: [number, number] | [], ask: [number, number] | []): Wire;
}

/** HBDM's order status from the engine's: 3 submitted, 4 partial, 5 partly cancelled, 6 filled, 7 cancelled. */
function statusOf(o: SimOrder): number {
  if (o.status === 'FILLED') return 6;
  if (o.status === 'CANCELED') return o.filled > 0 ? 5 : 7;
  return o.status === 'PARTIALLY_FILLED' || o.filled > 0 ? 4 : 3;
}

const side = (s: 'BUY' | 'SELL') => (s === 'SELL' ? 'sell' : 'buy');
const offsetOf = (o: Offset) => (o === Offset.OPEN ? 'open' : 'close');
const positionSide = (d: Direction) => (d === Direction.SHORT ? 'sell' : 'buy');

function orderCore(o: SimOrder, m: OrderMeta | undefined, s: SwapSpec): Wire {
  return {
    symbol: s.baseAsset,
    contract_code: o.symbol,
    volume: o.volume,
    price: o.type === OrderType.MARKET ? null : o.price,
    order_price_type: m?.priceType ?? 'limit',
    direction: side(o.side),
    offset: offsetOf(o.offset),
    lever_rate: m?.leverRate ?? SIM_LEVER_RATE,
    order_id: o.orderId,
    order_id_str: String(o.orderId),
    client_order_id: o.clientOrderId && !m?.anonymous ? Number(o.clientOrderId) : null,
    order_source: m?.source ?? 'api',
    created_at: o.createdAt,
    trade_volume: o.filled,
    trade_avg_price: o.filled > 0 ? o.avgPrice : null,
    margin_frozen: 0,
    profit: 0,
    status: statusOf(o),
  };
}

function positionCore(p: SimPosition, s: SwapSpec, ctx: WireContext): Wire {
  return {
    symbol: s.baseAsset,
    contract_code: p.symbol,
    volume: p.volume,
    available: Math.max(0, p.volume - p.frozen),
    frozen: p.frozen,
    cost_open: p.avgPrice,
    cost_hold: p.avgPrice,
    profit_rate: 0,
    lever_rate: SIM_LEVER_RATE,
    direction: positionSide(p.direction),
    last_price: ctx.lastPrice(p.symbol) || p.avgPrice,
  };
}

/**
 * The matchOrders push, with the fields of "Subscribe Match Order Data" (Coin-margined Futures API); the swaps'
 * pages list the same set without contract_type.
 */
function matchPushOf(o: SimOrder, m: OrderMeta | undefined, f: SimFill, s: SwapSpec, uid: string): Wire {
  const core = orderCore(o, m, s);
  return {
    symbol: s.baseAsset,
    contract_code: o.symbol,
    ...(s.contractType ? { contract_type: s.contractType } : {}),
    status: core['status'],
    order_id: o.orderId,
    order_id_str: String(o.orderId),
    client_order_id: core['client_order_id'],
    order_type: 1,
    created_at: o.createdAt,
    trade: [
      {
        trade_id: f.tradeId,
        id: `${f.tradeId}-${f.orderId}-1`,
        trade_volume: f.volume,
        trade_price: f.price,
        // Coin-M turnover is in USD (contracts × contract_size); USDT-M's in USDT.
        trade_turnover:
          s.currency === 'USD' ? f.volume * s.contractSize : f.price * f.volume * s.contractSize,
        created_at: f.time,
        role: f.maker ? 'maker' : 'taker',
      },
    ],
    volume: o.volume,
    trade_volume: o.filled,
    direction: core['direction'],
    offset: core['offset'],
    lever_rate: core['lever_rate'],
    price: core['price'],
    order_source: core['order_source'],
    order_price_type: core['order_price_type'],
    uid,
    is_tpsl: 0,
  };
}

export const USDT_SWAP: SwapDialect = {
  product: 'usdt-swap',
  topicSuffix: '',
  topicKey: (s) => s.symbol.toLowerCase(),
  matchPush: (o, m, f, s, uid) => ({
    ...matchPushOf(o, m, f, s, uid),
    margin_mode: 'isolated',
    margin_account: o.symbol,
  }),
  pushExtra: (uid) => ({ uid }),
  contract: (s, ctx) => ({
    symbol: s.baseAsset,
    contract_code: s.symbol,
    contract_size: s.contractSize,
    price_tick: s.pricetick,
    delivery_date: '',
    delivery_time: '',
    create_date: '20201021',
    contract_status: 1,
    settlement_date: String(ctx.now() + 8 * 3600_000),
    support_margin_mode: 'all',
    business_type: 'swap',
    pair: s.symbol,
    contract_type: 'swap',
    trade_partition: 'USDT',
  }),
  order: (o, m, s) => ({
    ...orderCore(o, m, s),
    order_type: 1,
    canceled_at: o.status === 'CANCELED' ? o.updatedAt : 0,
    trade_turnover: m?.turnover ?? 0,
    fee: -(m?.fee ?? 0),
    fee_asset: 'USDT',
    margin_asset: 'USDT',
    margin_mode: 'isolated',
    margin_account: o.symbol,
    liquidation_type: '0',
    is_tpsl: 0,
    real_profit: 0,
    reduce_only: 0,
    fee_amount: m?.fee ?? 0,
    fee_quote_amount: m?.fee ?? 0,
    canceled_source: '',
  }),
  pushTrade: (f, s) => ({
    id: `${f.tradeId}-${f.orderId}-1`,
    trade_id: f.tradeId,
    trade_volume: f.volume,
    trade_price: f.price,
    trade_fee: -f.commission,
    trade_turnover: f.price * f.volume * s.contractSize,
    created_at: f.time,
    role: f.maker ? 'maker' : 'taker',
    fee_asset: 'USDT',
    profit: 0,
    real_profit: 0,
  }),
  match: (f, s) => ({
    match_id: f.tradeId,
    id: `${f.tradeId}-${f.orderId}-1`,
    order_id: f.orderId,
    order_id_str: String(f.orderId),
    symbol: s.baseAsset,
    contract_code: f.symbol,
    direction: side(f.side),
    offset: offsetOf(f.offset),
    trade_volume: f.volume,
    trade_price: f.price,
    trade_turnover: f.price * f.volume * s.contractSize,
    create_date: f.time,
    offset_profitloss: 0,
    trade_fee: -f.commission,
    role: f.maker ? 'maker' : 'taker',
    fee_asset: 'USDT',
    order_source: 'api',
    margin_mode: 'isolated',
    margin_account: f.symbol,
    real_profit: 0,
  }),
  position: (p, s, ctx) => ({
    ...positionCore(p, s, ctx),
    profit_unreal: p.pnl,
    position_margin: p.margin,
    profit: p.pnl,
    margin_asset: 'USDT',
    margin_mode: 'isolated',
    margin_account: p.symbol,
    trade_partition: 'USDT',
    position_mode: 'dual_side',
  }),
  account: (s, a, held) => {
    const margin = held.reduce((n, p) => n + p.margin, 0);
    return {
      symbol: s.baseAsset,
      margin_balance: a?.balance ?? 0,
      margin_position: margin,
      margin_frozen: Math.max(0, (a?.frozen ?? 0) - margin),
      margin_available: a?.available ?? 0,
      profit_real: a?.realizedPnl ?? 0,
      profit_unreal: held.reduce((n, p) => n + p.pnl, 0),
      risk_rate: null,
      withdraw_available: a?.available ?? 0,
      liquidation_price: null,
      lever_rate: SIM_LEVER_RATE,
      adjust_factor: 0.04,
      margin_static: a?.balance ?? 0,
      contract_code: s.symbol,
      margin_asset: 'USDT',
      margin_mode: 'isolated',
      margin_account: s.symbol,
      trade_partition: 'USDT',
      position_mode: 'dual_side',
    };
  },
  detailExtra: (turnover, bid, ask) => ({ trade_turnover: String(turnover), ask, bid }),
};

/** Engine money (in the spec's USD) stated in the contract's coin at its last price. */
function inCoin(usd: number, s: SwapSpec, ctx: WireContext): number {
  const price = ctx.lastPrice(s.symbol) || s.initialPrice;
  return usd / price;
}

/** A coin-M position (swap or future): the engine's USD money stated in the coin. */
function coinPosition(p: SimPosition, s: SwapSpec, ctx: WireContext): Wire {
  return {
    ...positionCore(p, s, ctx),
    profit_unreal: inCoin(p.pnl, s, ctx),
    profit: inCoin(p.pnl, s, ctx),
    position_margin: inCoin(p.margin, s, ctx),
  };
}

/** The fields coin-M accounts (swap and futures) share, in the coin. */
function coinAccount(s: SwapSpec, a: SimAccount | undefined, held: SimPosition[], ctx: WireContext): Wire {
  const margin = held.reduce((n, p) => n + p.margin, 0);
  const coin = (usd: number) => inCoin(usd, s, ctx);
  return {
    symbol: s.baseAsset,
    margin_balance: coin(a?.balance ?? 0),
    margin_static: coin(a?.balance ?? 0),
    margin_position: coin(margin),
    margin_frozen: coin(Math.max(0, (a?.frozen ?? 0) - margin)),
    margin_available: coin(a?.available ?? 0),
    profit_real: coin(a?.realizedPnl ?? 0),
    profit_unreal: coin(held.reduce((n, p) => n + p.pnl, 0)),
    withdraw_available: coin(a?.available ?? 0),
    risk_rate: null,
    liquidation_price: null,
    lever_rate: SIM_LEVER_RATE,
  };
}

export const COIN_SWAP: SwapDialect = {
  product: 'coin-swap',
  topicSuffix: '',
  topicKey: (s) => s.symbol.toLowerCase(),
  matchPush: matchPushOf,
  pushExtra: () => ({}),
  contract: (s, ctx) => ({
    symbol: s.baseAsset,
    contract_code: s.symbol,
    contract_size: s.contractSize,
    price_tick: s.pricetick,
    delivery_time: '',
    create_date: '20200325',
    contract_status: 1,
    settlement_date: String(ctx.now() + 8 * 3600_000),
  }),
  order: (o, m, s, form, ctx) => {
    const money = {
      trade_turnover: o.filled * s.contractSize,
      fee: -inCoin(m?.fee ?? 0, s, ctx),
    };
    const core = { ...orderCore(o, m, s), ...money };
    if (form === 'info') return { ...core, fee_asset: s.baseAsset };
    if (form === 'open') return { ...core, order_type: 1, fee_asset: s.baseAsset };
    return { ...core, order_type: 1, liquidation_type: '0' };
  },
  pushTrade: (f, s, ctx) => ({
    id: `${f.tradeId}-${f.orderId}-1`,
    trade_id: f.tradeId,
    trade_volume: f.volume,
    trade_price: f.price,
    trade_fee: -inCoin(f.commission, s, ctx),
    trade_turnover: f.volume * s.contractSize,
    created_at: f.time,
    role: f.maker ? 'maker' : 'taker',
  }),
  match: (f, s, ctx) => ({
    id: `${f.tradeId}-${f.orderId}-1`,
    contract_code: f.symbol,
    create_date: f.time,
    direction: side(f.side),
    match_id: f.tradeId,
    offset: offsetOf(f.offset),
    offset_profitloss: 0,
    order_id: f.orderId,
    order_id_str: String(f.orderId),
    symbol: s.baseAsset,
    order_source: 'api',
    trade_fee: -inCoin(f.commission, s, ctx),
    trade_price: f.price,
    trade_turnover: f.volume * s.contractSize,
    trade_volume: f.volume,
    role: f.maker ? 'maker' : 'taker',
    fee_asset: s.baseAsset,
  }),
  position: coinPosition,
  account: (s, a, held, push, ctx) => ({
    ...coinAccount(s, a, held, ctx),
    ...(push ? {} : { contract_code: s.symbol }),
    adjust_factor: 0.1,
  }),
  detailExtra: () => ({}),
};

const yyyymmdd = (t: number) => new Date(t).toISOString().slice(0, 10).replace(/-/g, '');

/** Coin-M futures: the coin-M swap's money in the coin, plus contract_type and the futures' own field sets. */
export const COIN_FUTURES: SwapDialect = {
  product: 'coin-futures',
  pushExtra: (uid) => ({ uid }),
  topicSuffix: '',
  topicKey: (s) => s.baseAsset.toLowerCase(),
  matchPush: matchPushOf,
  contract: (s, ctx) => ({
    symbol: s.baseAsset,
    contract_code: s.symbol,
    contract_type: s.contractType ?? 'quarter',
    contract_size: s.contractSize,
    price_tick: s.pricetick,
    delivery_date: yyyymmdd(s.deliveryTime ?? 0),
    delivery_time: String(s.deliveryTime ?? 0),
    create_date: '20200818',
    contract_status: 1,
    settlement_time: String(ctx.now() + 8 * 3600_000),
  }),
  order: (o, m, s, form, ctx) => {
    const core = {
      ...orderCore(o, m, s),
      contract_type: s.contractType ?? 'quarter',
      order_type: 1,
      trade_turnover: o.filled * s.contractSize,
      fee: -inCoin(m?.fee ?? 0, s, ctx),
      fee_asset: s.baseAsset,
      liquidation_type: '0',
      canceled_at: o.status === 'CANCELED' ? o.updatedAt : 0,
      is_tpsl: 0,
      real_profit: 0,
    };
    return form === 'open' ? { ...core, update_time: o.updatedAt } : core;
  },
  pushTrade: (f, s, ctx) => ({
    trade_fee: -inCoin(f.commission, s, ctx),
    fee_asset: s.baseAsset,
    trade_id: f.tradeId,
    id: `${f.tradeId}-${f.orderId}-1`,
    trade_volume: f.volume,
    trade_price: f.price,
    trade_turnover: f.volume * s.contractSize,
    created_at: f.time,
    profit: 0,
    real_profit: 0,
    role: f.maker ? 'maker' : 'taker',
  }),
  match: (f, s, ctx) => ({
    match_id: f.tradeId,
    order_id: f.orderId,
    symbol: s.baseAsset,
    contract_type: s.contractType ?? 'quarter',
    contract_code: f.symbol,
    direction: side(f.side),
    offset: offsetOf(f.offset),
    trade_volume: f.volume,
    trade_price: f.price,
    trade_turnover: f.volume * s.contractSize,
    trade_fee: -inCoin(f.commission, s, ctx),
    offset_profitloss: 0,
    create_date: f.time,
    role: f.maker ? 'maker' : 'taker',
    order_source: 'api',
    order_id_str: String(f.orderId),
    fee_asset: s.baseAsset,
    real_profit: 0,
    id: `${f.tradeId}-${f.orderId}-1`,
  }),
  position: (p, s, ctx) => ({ ...coinPosition(p, s, ctx), contract_type: s.contractType ?? 'quarter' }),
  account: (s, a, held, push, ctx) => ({
    ...coinAccount(s, a, held, ctx),
    adjust_factor: 0.2,
    ...(push ? {} : { is_debit: 0 }),
  }),
  detailExtra: (_turnover, bid, ask) => ({ bid, ask }),
};

/** Orders, trades and positions under cross margin name the one USDT account. */
const crossMargin = (w: Wire): Wire => ({ ...w, margin_mode: 'cross', margin_account: 'USDT' });

/**
 * A USDT-M future's objects also name its contract_type, pair and business_type ("[Cross] Query User's Position
 * Information", "[Cross] Current unfilled order acquisition": the fields are listed for swaps as "swap" too;
 * the swaps here keep the older examples' field set they are held to).
 */
const futuresFields = (s: SwapSpec): Wire =>
  s.contractType
    ? { contract_type: s.contractType, pair: `${s.baseAsset}-USDT`, business_type: 'futures' }
    : {};

/** A USDT-M future in the contract list: "[General] Query Contract Info", its first (futures) item. */
function usdtFuturesContract(s: SwapSpec, ctx: WireContext): Wire {
  const delivery = s.deliveryTime ?? 0;
  return {
    symbol: s.baseAsset,
    contract_code: s.symbol,
    contract_size: s.contractSize,
    price_tick: s.pricetick,
    delivery_date: yyyymmdd(delivery),
    delivery_time: String(delivery),
    create_date: yyyymmdd(ctx.now()),
    contract_status: 1,
    settlement_date: String(delivery),
    support_margin_mode: 'cross',
    business_type: 'futures',
    pair: `${s.baseAsset}-USDT`,
    contract_type: s.contractType ?? 'quarter',
  };
}

/**
 * USDT-M cross margin (swap_cross_*, *_cross topics): the isolated dialect's objects with the one USDT margin
 * account, and the cross account ("[Cross] Query User's Account Information"): totals plus contract_detail.
 */
export const USDT_CROSS: SwapDialect = {
  ...USDT_SWAP,
  topicSuffix: '_cross',
  topicKey: (s, kind) => (kind === 'accounts' ? 'usdt' : s.symbol.toLowerCase()),
  contract: (s, ctx) => (s.contractType ? usdtFuturesContract(s, ctx) : USDT_SWAP.contract(s, ctx)),
  matchPush: (o, m, f, s, uid) => crossMargin(USDT_SWAP.matchPush(o, m, f, s, uid)),
  order: (o, m, s, form, ctx) => {
    const w = { ...crossMargin(USDT_SWAP.order(o, m, s, form, ctx)), ...futuresFields(s) };
    if (form !== 'push') return w;
    // The orders_cross push example lacks the order info reply's reduce_only and fee/cancel details.
    const { reduce_only: _r, fee_amount: _f, fee_quote_amount: _q, canceled_source: _c, ...push } = w;
    return push;
  },
  match: (f, s, ctx) => ({ ...crossMargin(USDT_SWAP.match(f, s, ctx)), ...futuresFields(s) }),
  // The cross position example (2021-06) has no trade_partition or position_mode; the later one, whose
  // futures item a USDT-M future's position follows, has position_mode and adl_risk_percent.
  position: (p, s, ctx) => {
    const { trade_partition: _partition, position_mode: mode, ...rest } = USDT_SWAP.position(p, s, ctx);
    if (!s.contractType) return crossMargin(rest);
    return { ...crossMargin(rest), ...futuresFields(s), position_mode: mode, adl_risk_percent: '3' };
  },
  account: (_s, a, held, _push, _ctx, all) => {
    const of = (symbol: string) => held.filter((p) => p.symbol === symbol);
    const margin = held.reduce((n, p) => n + p.margin, 0);
    return {
      margin_mode: 'cross',
      margin_account: 'USDT',
      margin_asset: 'USDT',
      margin_balance: a?.balance ?? 0,
      margin_static: a?.balance ?? 0,
      margin_position: margin,
      margin_frozen: Math.max(0, (a?.frozen ?? 0) - margin),
      profit_real: a?.realizedPnl ?? 0,
      profit_unreal: held.reduce((n, p) => n + p.pnl, 0),
      withdraw_available: a?.available ?? 0,
      risk_rate: null,
      // Swaps only: the futures' futures_contract_detail (later revisions) is not served.
      contract_detail: all
        .filter((s) => !s.contractType)
        .map((s) => ({
          symbol: s.baseAsset,
          contract_code: s.symbol,
          margin_position: of(s.symbol).reduce((n, p) => n + p.margin, 0),
          margin_frozen: 0,
          margin_available: a?.available ?? 0,
          profit_unreal: of(s.symbol).reduce((n, p) => n + p.pnl, 0),
          liquidation_price: null,
          lever_rate: SIM_LEVER_RATE,
          adjust_factor: 0.55,
        })),
    };
  },
};

export const DIALECTS: Record<HbdmProduct, SwapDialect> = {
  'usdt-swap': USDT_SWAP,
  // Served by the cross venue alone: USDT-M futures have no isolated margin.
  'usdt-futures': USDT_CROSS,
  'coin-swap': COIN_SWAP,
  'coin-futures': COIN_FUTURES,
};

/**
 * An open-interest item as each API lists it: "[General] Get Swap Open Interest Information" (USDT-M: value
 * and the futures fields), "Get Swap Open Interest Information" (coin-M swaps), "Get Contract Open Interest
 * Information" (coin-M futures: contract_type). `volume` contracts open, `tradeVolume` the day's contracts.
 */
export function openInterestWire(
  product: HbdmProduct,
  s: SwapSpec,
  volume: number,
  tradeVolume: number,
  price: number,
): Wire {
  const px = price || s.initialPrice;
  // The coin: USDT-M contracts are contract_size coins; coin-M contracts contract_size USD.
  const coins = (contracts: number) =>
    isCoinMargined(product) ? (contracts * s.contractSize) / px : contracts * s.contractSize;
  const core = {
    volume,
    amount: coins(volume),
    symbol: s.baseAsset,
    contract_code: s.symbol,
    trade_amount: coins(tradeVolume),
    trade_volume: tradeVolume,
    trade_turnover: isCoinMargined(product) ? tradeVolume * s.contractSize : coins(tradeVolume) * px,
  };
  if (isFutures(product)) return { ...core, contract_type: s.contractType ?? 'quarter' };
  if (isCoinMargined(product)) return core;
  return {
    ...core,
    value: coins(volume) * px,
    business_type: s.contractType ? 'futures' : 'swap',
    pair: `${s.baseAsset}-USDT`,
    contract_type: s.contractType ?? 'swap',
  };
}
