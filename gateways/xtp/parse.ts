// Translation between XTP's records (field names and enum values as the SDK documents them) and vnt's objects,
// and back for orders. Pure functions: no session state beyond what the caller passes in. Every record is
// shape-checked (checkRecord) before use: a record that lacks a field or carries the wrong type is refused.
import {
  Direction,
  Exchange,
  Offset,
  OptionType,
  OrderType,
  Product,
  Status,
} from '../../src/core/constant.js';
import {
  createAccount,
  createContract,
  createOrder,
  createPosition,
  createTick,
  createTrade,
  setDepthLevel,
  type AccountData,
  type ContractData,
  type OrderData,
  type OrderRequest,
  type PositionData,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import type { RspInfo, XtpExchange } from '../../bindings/xtp/protocol.js';
import type { XtpRecord } from '../../bindings/xtp/structs.js';

/** BSE (Beijing) only through a library of 2.2.39 or later (OpenResult.beijing). */
export const XTP_EXCHANGES: readonly Exchange[] = [Exchange.SSE, Exchange.SZSE, Exchange.BSE];

/** XTP_EXCHANGE_TYPE (quote API): SH 1, SZ 2, NQ 3 (新三板 and Beijing, whose stocks vnt lists as BSE). */
export const EXCHANGE_TO_XTP: Partial<Record<Exchange, XtpExchange>> = {
  [Exchange.SSE]: 1,
  [Exchange.SZSE]: 2,
  [Exchange.BSE]: 3,
};
/** XTP_MARKET_TYPE (trader API): SZ_A 1, SH_A 2 — the other way round from the exchange numbers — BJ_A 3. */
export const MARKET_TO_XTP: Partial<Record<Exchange, 1 | 2 | 3>> = {
  [Exchange.SZSE]: 1,
  [Exchange.SSE]: 2,
  [Exchange.BSE]: 3,
};

export function exchangeFromXtp(exchangeId: unknown): Exchange | null {
  return exchangeId === 1
    ? Exchange.SSE
    : exchangeId === 2
      ? Exchange.SZSE
      : exchangeId === 3
        ? Exchange.BSE
        : null;
}
export function exchangeFromMarket(market: unknown): Exchange | null {
  return market === 2 ? Exchange.SSE : market === 1 ? Exchange.SZSE : market === 3 ? Exchange.BSE : null;
}

/** XTP_TICKER_TYPE → product. Tech-board (STAR) stocks are stocks. */
const PRODUCT: Record<number, Product> = {
  0: Product.EQUITY,
  1: Product.INDEX,
  2: Product.FUND,
  3: Product.BOND,
  4: Product.OPTION,
  5: Product.EQUITY,
};

/** XTP_SIDE_TYPE values vnt uses. */
export const SIDE = {
  BUY: 1,
  SELL: 2,
  MARGIN_TRADE: 21,
  SHORT_SELL: 22,
  REPAY_MARGIN: 23,
  REPAY_STOCK: 24,
  PURCHASE: 7,
  REDEMPTION: 8,
} as const;
/** XTP_BUSINESS_TYPE values vnt uses. */
export const BUSINESS = { CASH: 0, IPOS: 1, ETF: 3, MARGIN: 4, OPTION: 10 } as const;

/** Business that is not buying or selling: IPO subscription (新股申购), ETF creation (申购) and redemption (赎回). */
export type XtpBusiness = 'ipo' | 'etf_purchase' | 'etf_redeem';

/**
 * The fields of a business order. XTP's header asks a limit price type for IPO subscription; creation and
 * redemption are sent the same way (quantity in shares of the ETF, whole creation units).
 */
export function businessFields(business: XtpBusiness): XtpOrderFields {
  const price_type = PRICE.LIMIT;
  const position_effect = EFFECT.INIT;
  if (business === 'ipo')
    return { side: SIDE.BUY, position_effect, business_type: BUSINESS.IPOS, price_type };
  const side = business === 'etf_purchase' ? SIDE.PURCHASE : SIDE.REDEMPTION;
  return { side, position_effect, business_type: BUSINESS.ETF, price_type };
}
/** XTP_POSITION_EFFECT_TYPE values vnt uses. */
const EFFECT = { INIT: 0, OPEN: 1, CLOSE: 2, CLOSETODAY: 4, CLOSEYESTERDAY: 5 } as const;
/** XTP_PRICE_TYPE. */
export const PRICE = {
  LIMIT: 1,
  BEST_OR_CANCEL: 2,
  BEST5_OR_LIMIT: 3,
  BEST5_OR_CANCEL: 4,
  ALL_OR_CANCEL: 5,
  FORWARD_BEST: 6,
  REVERSE_BEST_LIMIT: 7,
  LIMIT_OR_CANCEL: 8,
} as const;

export type AccountMode = 'cash' | 'credit';

/** What InsertOrder needs beside the ticker, price and quantity. */
export interface XtpOrderFields {
  side: number;
  position_effect: number;
  business_type: number;
  price_type: number;
}

/**
 * The XTP side, position effect, business type and price type of an order, or a sentence saying why XTP
 * cannot take it. Stocks, funds and bonds: Offset.NONE is a cash (or, in a credit account, collateral) buy or
 * sell; in a credit account OPEN/CLOSE are the margin sides (LONG OPEN margin buy 融资买入, SHORT OPEN short
 * sale 融券卖出, SHORT CLOSE sell to repay financing 卖券还款, LONG CLOSE buy to return stock 买券还券).
 * Options: a buy or sell with the offset as position effect. Price types per exchange: MARKET is best-5-or-
 * cancel on both; FAK is immediate-or-cancel on SZSE and best-5-or-cancel on SSE (which has no plain IOC for
 * stocks); FOK is all-or-cancel on SZSE, limit-FOK for options, and not offered by SSE for stocks.
 */
export function orderFields(
  req: Pick<OrderRequest, 'direction' | 'offset' | 'type' | 'exchange'>,
  product: Product,
  mode: AccountMode,
): XtpOrderFields | string {
  const long = req.direction === Direction.LONG;
  if (req.direction !== Direction.LONG && req.direction !== Direction.SHORT)
    return `direction ${req.direction} is not supported by XTP`;
  // Beijing market orders carry a protective price whose XTP field the public documents do not name.
  if (req.exchange === Exchange.BSE && req.type !== OrderType.LIMIT)
    return `vnt sends only limit orders to BSE through XTP, not ${req.type}`;
  const option = product === Product.OPTION;
  let price_type: number | undefined;
  switch (req.type) {
    case OrderType.LIMIT:
      price_type = PRICE.LIMIT;
      break;
    case OrderType.MARKET:
      price_type = PRICE.BEST5_OR_CANCEL;
      break;
    case OrderType.FAK:
      price_type = req.exchange === Exchange.SZSE || option ? PRICE.BEST_OR_CANCEL : PRICE.BEST5_OR_CANCEL;
      break;
    case OrderType.FOK:
      if (option) price_type = PRICE.LIMIT_OR_CANCEL;
      else if (req.exchange === Exchange.SZSE) price_type = PRICE.ALL_OR_CANCEL;
      else return 'SSE has no fill-or-kill order for stocks, funds or bonds';
      break;
    default:
      return `order type ${req.type} is not supported by XTP`;
  }
  if (option) {
    const effect: Partial<Record<Offset, number>> = {
      [Offset.OPEN]: EFFECT.OPEN,
      [Offset.CLOSE]: EFFECT.CLOSE,
      [Offset.CLOSETODAY]: EFFECT.CLOSETODAY,
      [Offset.CLOSEYESTERDAY]: EFFECT.CLOSEYESTERDAY,
    };
    const position_effect = effect[req.offset];
    if (position_effect === undefined) return 'an option order needs an offset (OPEN or CLOSE)';
    return { side: long ? SIDE.BUY : SIDE.SELL, position_effect, business_type: BUSINESS.OPTION, price_type };
  }
  if (req.offset === Offset.NONE) {
    return {
      side: long ? SIDE.BUY : SIDE.SELL,
      position_effect: EFFECT.INIT,
      business_type: mode === 'credit' ? BUSINESS.MARGIN : BUSINESS.CASH,
      price_type,
    };
  }
  if (mode !== 'credit')
    return `offset ${req.offset} means margin trading, which needs the credit account mode (账户类型 credit)`;
  let side: number;
  if (req.offset === Offset.OPEN) side = long ? SIDE.MARGIN_TRADE : SIDE.SHORT_SELL;
  else if (req.offset === Offset.CLOSE) side = long ? SIDE.REPAY_STOCK : SIDE.REPAY_MARGIN;
  else return `offset ${req.offset} does not apply to margin trading (use OPEN or CLOSE)`;
  return { side, position_effect: EFFECT.INIT, business_type: BUSINESS.MARGIN, price_type };
}

/** Direction and offset of an order or trade, from its side and position effect. */
export function sideToVnt(side: number, effect: number): { direction: Direction; offset: Offset } {
  const offsetOf: Record<number, Offset> = {
    [EFFECT.OPEN]: Offset.OPEN,
    [EFFECT.CLOSE]: Offset.CLOSE,
    [EFFECT.CLOSETODAY]: Offset.CLOSETODAY,
    [EFFECT.CLOSEYESTERDAY]: Offset.CLOSEYESTERDAY,
  };
  switch (side) {
    case SIDE.MARGIN_TRADE:
      return { direction: Direction.LONG, offset: Offset.OPEN };
    case SIDE.SHORT_SELL:
      return { direction: Direction.SHORT, offset: Offset.OPEN };
    case SIDE.REPAY_MARGIN:
      return { direction: Direction.SHORT, offset: Offset.CLOSE };
    case SIDE.REPAY_STOCK:
      return { direction: Direction.LONG, offset: Offset.CLOSE };
    default:
      return {
        // A redemption gives the ETF back: the selling side.
        direction: side === SIDE.SELL || side === SIDE.REDEMPTION ? Direction.SHORT : Direction.LONG,
        offset: offsetOf[effect] ?? Offset.NONE,
      };
  }
}

function orderTypeFromXtp(priceType: number): OrderType {
  switch (priceType) {
    case PRICE.LIMIT:
      return OrderType.LIMIT;
    case PRICE.BEST_OR_CANCEL:
      return OrderType.FAK;
    case PRICE.ALL_OR_CANCEL:
    case PRICE.LIMIT_OR_CANCEL:
      return OrderType.FOK;
    default:
      return OrderType.MARKET;
  }
}

/** XTP_ORDER_STATUS_TYPE → status. PARTTRADEDNOTQUEUEING (3) is "partly filled, rest cancelled". */
const STATUS: Record<number, Status> = {
  0: Status.SUBMITTING,
  1: Status.ALLTRADED,
  2: Status.PARTTRADED,
  3: Status.CANCELLED,
  4: Status.NOTTRADED,
  5: Status.CANCELLED,
  6: Status.REJECTED,
  7: Status.SUBMITTING,
};

// ---- shape checks ---------------------------------------------------------------------------------------------

type Kind = 'string' | 'number' | 'bigint' | 'boolean';

/** Refuses a record lacking one of `fields` (name → type); returns the first problem, or null. */
export function checkRecord(r: unknown, fields: Readonly<Record<string, Kind>>): string | null {
  if (r === null || typeof r !== 'object') return 'not a record';
  for (const [k, kind] of Object.entries(fields)) {
    const v = (r as Record<string, unknown>)[k];
    if (typeof v !== kind) return `field ${k} is ${v === undefined ? 'missing' : typeof v}, not ${kind}`;
    if (kind === 'number' && !Number.isFinite(v)) return `field ${k} is not a finite number`;
  }
  return null;
}

export const SHAPES = {
  NQFullInfo: { exchange_id: 'number', ticker: 'string', ticker_name: 'string', price_gear: 'number', mini_declared_vol: 'number', buy_vol_unit: 'number' },
  QuoteStaticInfo: { exchange_id: 'number', ticker: 'string', ticker_name: 'string', ticker_type: 'number', price_tick: 'number', buy_qty_unit: 'number' },
  MarketData: { exchange_id: 'number', ticker: 'string', last_price: 'number', data_time: 'bigint', qty: 'bigint', bid1: 'number', ask1: 'number' },
  OrderInfo: { order_xtp_id: 'bigint', order_client_id: 'number', ticker: 'string', market: 'number', price: 'number', quantity: 'bigint', qty_traded: 'bigint', order_status: 'number', side: 'number' },
  TradeReport: { order_xtp_id: 'bigint', ticker: 'string', market: 'number', exec_id: 'string', price: 'number', quantity: 'bigint', trade_time: 'bigint', side: 'number' },
  QueryStkPositionRsp: { ticker: 'string', market: 'number', total_qty: 'bigint', sellable_qty: 'bigint', yesterday_position: 'bigint', avg_price: 'number', position_direction: 'number' },
  QueryAssetRsp: { total_asset: 'number', buying_power: 'number', withholding_amount: 'number' },
  CrdCashRepayRsp: { xtp_id: 'bigint', request_amount: 'number', cash_repay_amount: 'number' },
  CrdFundInfo: { maintenance_ratio: 'number', all_asset: 'number', all_debt: 'number', line_of_credit: 'number', guaranty: 'number' },
  CrdDebtInfo: { debt_type: 'number', debt_id: 'string', order_xtp_id: 'bigint', debt_status: 'number', market: 'number', ticker: 'string', end_date: 'bigint', remain_amt: 'number', remain_qty: 'bigint', remain_principal: 'number' },
  OptionAuctionInfoRsp: { ticker: 'string', security_id_source: 'number', underlying_security_id: 'string', call_or_put: 'number', exercise_price: 'number', last_trade_date: 'number', contract_unit: 'bigint' },
} as const satisfies Record<string, Record<string, Kind>>; // prettier-ignore

// ---- records → vnt --------------------------------------------------------------------------------------------

const str = (r: XtpRecord, k: string): string => String(r[k] ?? '').trim();
const num = (r: XtpRecord, k: string): number => {
  const v = Number(r[k] ?? 0);
  return Number.isFinite(v) && Math.abs(v) < 1e300 ? v : 0;
};

// The second of the last time converted: a feed's ticks share it, so most conversions are one addition.
let lastSecond = '';
let lastSecondMs = 0;

/** An XTP time (YYYYMMDDHHMMSSsss as an integer) in China time (UTC+8) → epoch ms; 0 when unusable. */
export function xtpTime(value: unknown): number {
  const s = String(value ?? '');
  if (s.length !== 17) return 0;
  const second = s.slice(0, 14);
  const ms = s.slice(14);
  if (second !== lastSecond) {
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(second);
    if (!m || !/^\d{3}$/.test(ms)) return 0;
    lastSecond = second;
    lastSecondMs = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]! - 8, +m[5]!, +m[6]!);
  } else if (!/^\d{3}$/.test(ms)) return 0;
  return lastSecondMs + Number(ms);
}

export function errorText(info: RspInfo): string {
  return `[${info.error_id}] ${info.error_msg}`;
}

export function isError(info: RspInfo | null): info is RspInfo {
  return !!info && info.error_id !== 0;
}

export function parseContract(r: XtpRecord, gatewayName: string): ContractData | null {
  const exchange = exchangeFromXtp(r.exchange_id);
  const product = PRODUCT[num(r, 'ticker_type')];
  if (!exchange || !product) return null;
  const unit = num(r, 'buy_qty_unit') || 1;
  return createContract({
    gatewayName,
    symbol: str(r, 'ticker'),
    exchange,
    name: str(r, 'ticker_name'),
    product,
    size: 1,
    pricetick: num(r, 'price_tick'),
    minVolume: unit,
    volumeStep: unit,
    // Stocks, funds and bonds hold one net position; options have long and short sides.
    netPosition: product !== Product.OPTION,
    currency: 'CNY',
  });
}

/**
 * A Beijing (NQ) contract from QueryAllNQTickersFullInfo: a stock (XTP reports every security_type as 255),
 * tick `price_gear`, a minimum of `mini_declared_vol` shares (100) and steps of `buy_vol_unit` (1).
 */
export function parseNqContract(r: XtpRecord, gatewayName: string): ContractData | null {
  if (exchangeFromXtp(r.exchange_id) !== Exchange.BSE) return null;
  const tick = num(r, 'price_gear');
  if (!(tick > 0)) return null;
  return createContract({
    gatewayName,
    symbol: str(r, 'ticker'),
    exchange: Exchange.BSE,
    name: str(r, 'ticker_name'),
    product: Product.EQUITY,
    size: 1,
    pricetick: tick,
    minVolume: num(r, 'mini_declared_vol') || 100,
    volumeStep: num(r, 'buy_vol_unit') || 1,
    netPosition: true,
    currency: 'CNY',
  });
}

/** The date integer 20250122 at 15:00 China time → epoch ms; null when unusable. */
function expiryOf(date: number): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(String(date));
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, 7, 0, 0) : null;
}

/**
 * A contract with the option fields of its QueryOptionAuctionInfo row: underlying (its code), strike, expiry
 * (the last trading day, 15:00), call/put and the contract unit as size. Null when the row names another
 * contract or no option.
 */
export function withOptionInfo(contract: ContractData, r: XtpRecord): ContractData | null {
  const cp = num(r, 'call_or_put');
  if (contract.product !== Product.OPTION || (cp !== 1 && cp !== 2)) return null;
  return {
    ...contract,
    optionUnderlying: str(r, 'underlying_security_id'),
    optionStrike: num(r, 'exercise_price'),
    optionType: cp === 1 ? OptionType.CALL : OptionType.PUT,
    optionExpiry: expiryOf(num(r, 'last_trade_date')),
    size: num(r, 'contract_unit') || contract.size,
  };
}

/** XTPMD carries ten levels a side (bid[10], ask[10], bid_qty[10], ask_qty[10]). */
export const XTP_DEPTH_LEVELS = 10;
const XTP_LEVEL_KEYS = Array.from({ length: XTP_DEPTH_LEVELS }, (_, i) => i + 1).map(
  (n) => [`bid${n}`, `ask${n}`, `bid_qty${n}`, `ask_qty${n}`] as const,
);

// Every level reaches the tick (depth), so every level is checked; the lists are built once (this runs per tick).
const TICK_PRICE_KEYS = [
  'last_price',
  'upper_limit_price',
  'lower_limit_price',
  ...XTP_LEVEL_KEYS.flatMap(([b, a]) => [b, a]),
];
const TICK_VOLUME_KEYS = ['qty', ...XTP_LEVEL_KEYS.flatMap(([, , bq, aq]) => [bq, aq])];
const MAX_VOLUME = 10n ** 15n;

/**
 * Beyond the shape: a depth record whose time is not an XTP time or whose prices or volumes are negative or
 * absurd (a corrupted record) is refused. Returns the problem, or null.
 */
export function tickProblem(r: XtpRecord): string | null {
  if (!xtpTime(r.data_time)) return `data_time ${String(r.data_time)} is not a YYYYMMDDHHMMSSsss time`;
  for (const k of TICK_PRICE_KEYS) {
    const v = Number(r[k] ?? 0);
    if (!(v >= 0 && v < 1e9)) return `${k} ${v} is not a price`;
  }
  for (const k of TICK_VOLUME_KEYS) {
    const v = BigInt((r[k] as bigint | undefined) ?? 0n);
    if (v < 0n || v > MAX_VOLUME) return `${k} ${v} is not a volume`;
  }
  return null;
}

const SIDES = new Set([1, 2, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24, 26, 27, 28, 29, 31, 32, 33, 34]);

/** Beyond the shape: an order event or trade report with an impossible side, status, price or quantity. */
export function reportProblem(r: XtpRecord, kind: 'order' | 'trade'): string | null {
  if (!SIDES.has(Number(r.side))) return `side ${String(r.side)} is not an XTP side`;
  const price = Number(r.price);
  if (!(price >= 0 && price < 1e9)) return `price ${price} is not a price`;
  const qty = BigInt((r.quantity as bigint | undefined) ?? 0n);
  if (qty < 0n || qty > 10n ** 12n) return `quantity ${qty} is not a quantity`;
  if (kind === 'order') {
    const status = Number(r.order_status);
    if (!Number.isInteger(status) || status < 0 || status > 7) return `order_status ${status} is unknown`;
    const traded = BigInt((r.qty_traded as bigint | undefined) ?? 0n);
    if (traded < 0n || traded > qty) return `qty_traded ${traded} is not within the quantity ${qty}`;
  }
  return null;
}

export function parseTick(r: XtpRecord, gatewayName: string, exchange: Exchange, name: string): TickData {
  const tick = createTick({
    gatewayName,
    symbol: str(r, 'ticker'),
    exchange,
    name,
    datetime: xtpTime(r.data_time) || Date.now(),
    volume: num(r, 'qty'),
    turnover: num(r, 'turnover'),
    openInterest: num(r, 'total_long_positon'),
    lastPrice: num(r, 'last_price'),
    limitUp: num(r, 'upper_limit_price'),
    limitDown: num(r, 'lower_limit_price'),
    openPrice: num(r, 'open_price'),
    highPrice: num(r, 'high_price'),
    lowPrice: num(r, 'low_price'),
    preClose: num(r, 'pre_close_price'),
  });
  // XTP sends ten levels: the first five go into the flat fields as for every venue, all ten into depth.
  const bids: [number, number][] = [];
  const asks: [number, number][] = [];
  for (let i = 0; i < XTP_DEPTH_LEVELS; i++) {
    const [xb, xa, xbq, xaq] = XTP_LEVEL_KEYS[i]!;
    const bid = num(r, xb);
    const ask = num(r, xa);
    const bidVolume = num(r, xbq);
    const askVolume = num(r, xaq);
    setDepthLevel(tick, 'bid', i, bid, bidVolume);
    setDepthLevel(tick, 'ask', i, ask, askVolume);
    // A side ends at its first empty level: XTP zero-fills the levels a thin book does not have.
    if (bid > 0 && bids.length === i) bids.push([bid, bidVolume]);
    if (ask > 0 && asks.length === i) asks.push([ask, askVolume]);
  }
  tick.depth = { bids, asks };
  return tick;
}

export function parseOrder(
  r: XtpRecord,
  gatewayName: string,
  exchange: Exchange,
  orderid: string,
  statusMsg = '',
): OrderData {
  const { direction, offset } = sideToVnt(num(r, 'side'), num(r, 'position_effect'));
  return createOrder({
    gatewayName,
    orderid,
    symbol: str(r, 'ticker'),
    exchange,
    type: orderTypeFromXtp(num(r, 'price_type')),
    direction,
    offset,
    price: num(r, 'price'),
    volume: num(r, 'quantity'),
    traded: num(r, 'qty_traded'),
    status: STATUS[num(r, 'order_status')] ?? Status.SUBMITTING,
    statusMsg,
    datetime: xtpTime(r.insert_time) || Date.now(),
  });
}

export function parseTrade(
  r: XtpRecord,
  gatewayName: string,
  exchange: Exchange,
  orderid: string,
): TradeData {
  const { direction, offset } = sideToVnt(num(r, 'side'), num(r, 'position_effect'));
  return createTrade({
    gatewayName,
    orderid,
    tradeid: str(r, 'exec_id'),
    symbol: str(r, 'ticker'),
    exchange,
    direction,
    offset,
    price: num(r, 'price'),
    volume: num(r, 'quantity'),
    datetime: xtpTime(r.trade_time) || Date.now(),
  });
}

export function parseAccount(r: XtpRecord, gatewayName: string, accountid: string): AccountData {
  const balance = num(r, 'total_asset');
  const available = num(r, 'buying_power');
  return createAccount({
    gatewayName,
    accountid,
    balance,
    available,
    // Cash held by working orders and fees; the rest of total_asset is the holdings' market value.
    frozen: num(r, 'withholding_amount'),
    currency: 'CNY',
  });
}

/**
 * A holding. A-shares settle T+1: yesterday_position is what was held at the open, sellable_qty what may still
 * be sold today; shares bought today are in total_qty but not sellable, and show as frozen.
 */
export function parsePosition(r: XtpRecord, gatewayName: string): PositionData | null {
  const exchange = exchangeFromMarket(r.market);
  if (!exchange) return null;
  const dir = num(r, 'position_direction');
  const direction = dir === 1 ? Direction.LONG : dir === 2 ? Direction.SHORT : Direction.NET;
  const volume = num(r, 'total_qty');
  return createPosition({
    gatewayName,
    symbol: str(r, 'ticker'),
    exchange,
    direction,
    volume,
    ydVolume: num(r, 'yesterday_position'),
    frozen: Math.max(0, volume - num(r, 'sellable_qty')),
    price: num(r, 'avg_price'),
    pnl: num(r, 'unrealized_pnl'),
  });
}

/** A credit account's standing (QueryCreditFundInfo). */
export interface CreditFund {
  /** 维持担保比例: assets over debt (0 when there is no debt). */
  maintenanceRatio: number;
  allAsset: number;
  allDebt: number;
  /** 授信额度: what the account may borrow in all. */
  lineOfCredit: number;
  /** 保证金可用余额 as XTP reports it. */
  guaranty: number;
}

/** One debt of a credit account (QueryCreditDebtInfo): financing (an amount) or a stock loan (shares). */
export interface CreditDebt {
  debtId: string;
  kind: 'cash' | 'stock';
  symbol: string;
  exchange: Exchange | null;
  /** 未偿还金额 (financing) and 未偿还数量 (stock loan). */
  remainingAmount: number;
  remainingVolume: number;
  principal: number;
  /** The date it falls due (YYYYMMDD). */
  endDate: number;
  repaid: boolean;
}

export function parseCreditFund(r: XtpRecord): CreditFund {
  return {
    maintenanceRatio: num(r, 'maintenance_ratio'),
    allAsset: num(r, 'all_asset'),
    allDebt: num(r, 'all_debt'),
    lineOfCredit: num(r, 'line_of_credit'),
    guaranty: num(r, 'guaranty'),
  };
}

/** XTP's debt_type: 0 financing, 1 stock loan (2 unknown: not a debt vnt can show). */
export function parseCreditDebt(r: XtpRecord): CreditDebt | null {
  const type = num(r, 'debt_type');
  if (type !== 0 && type !== 1) return null;
  return {
    debtId: str(r, 'debt_id'),
    kind: type === 0 ? 'cash' : 'stock',
    symbol: str(r, 'ticker'),
    exchange: exchangeFromMarket(r.market),
    remainingAmount: num(r, 'remain_amt'),
    remainingVolume: num(r, 'remain_qty'),
    principal: num(r, 'remain_principal'),
    endDate: num(r, 'end_date'),
    // debt_status: 0 open or partly repaid, 1 repaid, 2 overdue.
    repaid: num(r, 'debt_status') === 1,
  };
}
