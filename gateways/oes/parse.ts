// Translation between OES records (field names and enum values of oes_base_model.h / mds_base_model.h,
// 0.16.x) and vnt's objects. Prices are int ×10000 and amounts long long ×10000 (bigint here). Pure
// functions: no session state beyond what the caller passes in.
import { Direction, Exchange, OrderType, Product, Status } from '../../src/core/constant.js';
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
  type PositionData,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import type { OesRecord } from '../../bindings/oes/structs.js';
import { chinaTime } from '../common/china-time.js';

const PRICE_SCALE = 10000;

/** eOesMarketIdT: 1 OES_MKT_SH_ASHARE, 2 OES_MKT_SZ_ASHARE. */
const EXCHANGE_FROM_MKT: Record<number, Exchange> = { 1: Exchange.SSE, 2: Exchange.SZSE };
export const MKT_OF_EXCHANGE: Partial<Record<Exchange, number>> = { [Exchange.SSE]: 1, [Exchange.SZSE]: 2 };

/** eOesBuySellTypeT: 1 OES_BS_TYPE_BUY, 2 OES_BS_TYPE_SELL. */
export const BS_TYPE: Partial<Record<Direction, number>> = { [Direction.LONG]: 1, [Direction.SHORT]: 2 };
/** OES_BS_TYPE_CANCEL: a cancel request, which OES confirms and reports like an order of its own. */
const BS_TYPE_CANCEL = 30;
export const isCancelRequest = (r: OesRecord): boolean => num(r, 'bsType') === BS_TYPE_CANCEL;

/**
 * eOesOrdTypeT: 0 OES_ORD_TYPE_LMT (limit, both exchanges). vnt's MARKET maps to the one market order both
 * exchanges take: SSE 11 OES_ORD_TYPE_SH_FAK_BEST_5, SZSE 14 OES_ORD_TYPE_SZ_FAK_BEST_5 (best five, rest
 * cancelled).
 */
export function ordTypeOf(type: OrderType, exchange: Exchange): number | null {
  if (type === OrderType.LIMIT) return 0;
  if (type === OrderType.MARKET) return exchange === Exchange.SSE ? 11 : 14;
  return null;
}

/** eOesOrdStatusT (0.16.x): 1 NEW, 2 DECLARED, 3 PARTIALLY_FILLED, 5..7 cancels, 8 FILLED, > 10 invalid. */
export function statusOf(ordStatus: number): Status {
  switch (ordStatus) {
    case 0:
    case 1:
      return Status.SUBMITTING;
    case 2:
      return Status.NOTTRADED;
    case 3:
      return Status.PARTTRADED;
    case 5:
    case 6:
    case 7:
      return Status.CANCELLED;
    case 8:
      return Status.ALLTRADED;
    default:
      return ordStatus > 10 ? Status.REJECTED : Status.SUBMITTING;
  }
}

const str = (r: OesRecord, k: string): string => String(r[k] ?? '').trim();
const num = (r: OesRecord, k: string): number => {
  const v = Number(r[k] ?? 0);
  return Number.isFinite(v) ? v : 0;
};
const price = (r: OesRecord, k: string): number => num(r, k) / PRICE_SCALE;
/** A security code as OES and MDS write them (6 digits on SSE and SZSE; up to 8 letters or digits). */
const CODE = /^[0-9A-Za-z]{1,12}$/;
const code = (r: OesRecord, k: string): string => {
  const v = str(r, k);
  return CODE.test(v) ? v : '';
};

export function exchangeOf(mktId: number): Exchange | null {
  return EXCHANGE_FROM_MKT[mktId] ?? null;
}

/** OES dates are YYYYMMDD ints and times HHMMSSsss ints, China time. */
export function oesTime(date: number, time: number): number {
  if (!date) return Date.now();
  const t = String(time).padStart(9, '0');
  return chinaTime(String(date), `${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`, Number(t.slice(6)));
}

/** vnt's order id: the client sequence number vnt sent it with (what a cancel names as origClSeqNo). */
export const orderidOf = (clSeqNo: number): string => String(clSeqNo);

/** SSE and SZSE number trades separately: the trade id names the exchange so that two cannot collide. */
export const tradeidOf = (exchange: Exchange, exchTrdNum: bigint | number): string =>
  `${exchange}-${exchTrdNum}`;

/** eOesSecurityTypeT: 1 stock, 2 bond, 3 ETF, 4 fund. */
const PRODUCT_OF: Record<number, Product> = {
  1: Product.EQUITY,
  2: Product.BOND,
  3: Product.ETF,
  4: Product.FUND,
};

export function parseContract(r: OesRecord, gatewayName: string): ContractData | null {
  const exchange = exchangeOf(num(r, 'mktId'));
  const product = PRODUCT_OF[num(r, 'securityType')];
  if (!exchange || !product || !code(r, 'securityId')) return null;
  const lot = num(r, 'buyQtyUnit') || 100;
  return createContract({
    gatewayName,
    symbol: str(r, 'securityId'),
    exchange,
    name: str(r, 'securityName'),
    product,
    size: 1,
    pricetick: price(r, 'priceTick') || 0.01,
    minVolume: lot,
    volumeStep: lot,
    netPosition: true,
    currency: 'CNY',
  });
}

/** statusMsg of a refusal: OES's error number and its text (OesApi_GetErrorMsg), e.g. "[1258] 可卖持仓不足". */
export const rejectText = (reason: number, text = ''): string =>
  text.trim() ? `[${reason}] ${text.trim()}` : `[${reason}] OES reject reason ${reason}`;

/**
 * An OesOrdCnfmT (report or query row) or an OesOrdRejectT (business reject). `reason` is OES's
 * ordRejReason (from the report head, or the row's own ordRejReason), put in statusMsg with `text`. A cancel
 * request's own confirmation (bsType OES_BS_TYPE_CANCEL) is not an order: null.
 */
export function parseOrder(r: OesRecord, gatewayName: string, reason = 0, text = ''): OrderData | null {
  const exchange = exchangeOf(num(r, 'mktId'));
  const symbol = code(r, 'securityId');
  if (!exchange || !symbol || isCancelRequest(r) || num(r, 'clSeqNo') <= 0) return null;
  const volume = num(r, 'ordQty');
  const traded = num(r, 'cumQty');
  if (volume <= 0 || num(r, 'ordPrice') < 0 || traded < 0 || traded > volume) return null;
  if (!reason && statusOf(num(r, 'ordStatus')) === Status.REJECTED) {
    reason = num(r, 'ordRejReason');
    text ||= str(r, 'rejText');
  }
  const status = reason ? Status.REJECTED : statusOf(num(r, 'ordStatus'));
  return createOrder({
    gatewayName,
    orderid: orderidOf(num(r, 'clSeqNo')),
    symbol,
    exchange,
    type: num(r, 'ordType') === 0 ? OrderType.LIMIT : OrderType.MARKET,
    direction: num(r, 'bsType') === 2 ? Direction.SHORT : Direction.LONG,
    price: price(r, 'ordPrice'),
    volume,
    traded,
    status,
    datetime: oesTime(num(r, 'ordDate'), num(r, 'ordTime')),
    statusMsg: reason ? rejectText(reason, text) : '',
  });
}

/**
 * What a trade report (OesTrdCnfmT) says of its order: OES sends no order report after a fill, the trade
 * carries the order's status and cumulative quantity (oes_api/UpdateGuide.md 2.4).
 */
export function orderStateOfTrade(r: OesRecord): { orderid: string; traded: number; status: Status } | null {
  const clSeqNo = num(r, 'clSeqNo');
  if (clSeqNo <= 0 || !exchangeOf(num(r, 'mktId'))) return null;
  return { orderid: orderidOf(clSeqNo), traded: num(r, 'cumQty'), status: statusOf(num(r, 'ordStatus')) };
}

export function parseTrade(r: OesRecord, gatewayName: string): TradeData | null {
  const exchange = exchangeOf(num(r, 'mktId'));
  const symbol = code(r, 'securityId');
  const tradeNo = BigInt(r.exchTrdNum ?? 0);
  if (!exchange || !symbol || tradeNo <= 0n || num(r, 'trdQty') <= 0 || num(r, 'trdPrice') <= 0) return null;
  return createTrade({
    gatewayName,
    orderid: orderidOf(num(r, 'clSeqNo')),
    tradeid: tradeidOf(exchange, tradeNo),
    symbol,
    exchange,
    direction: num(r, 'trdSide') === 2 ? Direction.SHORT : Direction.LONG,
    price: price(r, 'trdPrice'),
    volume: num(r, 'trdQty'),
    datetime: oesTime(num(r, 'trdDate'), num(r, 'trdTime')),
  });
}

/** A cash account id: printable ASCII. */
const ACCOUNT_ID = /^[\x21-\x7e]{1,16}$/;

export function parseAccount(r: OesRecord, gatewayName: string): AccountData | null {
  const accountid = str(r, 'cashAcctId');
  if (!ACCOUNT_ID.test(accountid)) return null;
  const balance = price(r, 'currentTotalBal');
  const available = price(r, 'currentAvailableBal');
  return createAccount({
    gatewayName,
    accountid,
    balance,
    available,
    frozen: balance - available,
    currency: 'CNY',
  });
}

/** A stock holding: volume is the whole holding, ydVolume what may be sold today (T+1). */
export function parseHolding(r: OesRecord, gatewayName: string): PositionData | null {
  const exchange = exchangeOf(num(r, 'mktId'));
  const symbol = code(r, 'securityId');
  const volume = num(r, 'sumHld');
  const sellable = num(r, 'sellAvlHld');
  if (!exchange || !symbol || volume < 0 || sellable < 0 || sellable > volume) return null;
  return createPosition({
    gatewayName,
    symbol,
    exchange,
    direction: Direction.NET,
    volume,
    ydVolume: sellable,
    frozen: num(r, 'sellFrzHld'),
    price: price(r, 'costPrice'),
  });
}

/** eMdsExchangeIdT: 1 SSE, 2 SZSE (the numbers OES uses for its markets). */
const EXCHANGE_FROM_MDS: Record<number, Exchange> = { 1: Exchange.SSE, 2: Exchange.SZSE };

/** The code MdsApi_SubscribeByString takes: the security id with its market's suffix. */
export function mdsCode(symbol: string, exchange: Exchange): string | null {
  if (exchange === Exchange.SSE) return `${symbol}.SH`;
  if (exchange === Exchange.SZSE) return `${symbol}.SZ`;
  return null;
}

const SNAPSHOT_PRICES = ['TradePx', 'OpenPx', 'HighPx', 'LowPx', 'PrevClosePx'];

/**
 * A snapshot as a tick: Level-1 (MdsL1SnapshotT: MdsMktDataSnapshotHeadT + MdsStockSnapshotBodyT) with five
 * levels, or Level-2 (the head + MdsL2StockSnapshotBodyT) with five levels in the flat fields and all ten in
 * `depth` (each side up to its first empty level). Prices are ×10000; TotalValueTraded is an amount ×10000.
 * Null when the exchange or code is not one vnt trades, the record is not a snapshot (no trade date), or a
 * price or quantity is negative (a damaged message).
 */
export function parseSnapshot(r: OesRecord, gatewayName: string, name = ''): TickData | null {
  const exchange = EXCHANGE_FROM_MDS[num(r, 'exchId')];
  const symbol = code(r, 'SecurityID');
  if (!exchange || !symbol || !num(r, 'tradeDate')) return null;
  const levels = 'Bid10Price' in r ? 10 : 5;
  const side = (prefix: 'Bid' | 'Offer'): [number, number][] =>
    Array.from({ length: levels }, (_, i) => [
      num(r, `${prefix}${i + 1}Price`),
      num(r, `${prefix}${i + 1}OrderQty`),
    ]);
  const bids = side('Bid');
  const asks = side('Offer');
  const negative = (v: number) => v < 0;
  if (
    SNAPSHOT_PRICES.some((k) => negative(num(r, k))) ||
    negative(num(r, 'TotalVolumeTraded')) ||
    [...bids, ...asks].some(([p, q]) => negative(p) || negative(q))
  )
    return null;
  const tick = createTick({
    gatewayName,
    symbol,
    exchange,
    name,
    datetime: oesTime(num(r, 'tradeDate'), num(r, 'updateTime')),
    volume: num(r, 'TotalVolumeTraded'),
    turnover: price(r, 'TotalValueTraded'),
    lastPrice: price(r, 'TradePx'),
    openPrice: price(r, 'OpenPx'),
    highPrice: price(r, 'HighPx'),
    lowPrice: price(r, 'LowPx'),
    preClose: price(r, 'PrevClosePx'),
  });
  for (let i = 0; i < 5; i++) {
    setDepthLevel(tick, 'bid', i, bids[i]![0] / PRICE_SCALE, bids[i]![1]);
    setDepthLevel(tick, 'ask', i, asks[i]![0] / PRICE_SCALE, asks[i]![1]);
  }
  if (levels > 5) {
    const ladder = (rows: [number, number][]) => {
      const end = rows.findIndex(([p]) => p === 0);
      return rows.slice(0, end < 0 ? rows.length : end).map(([p, q]) => [p / PRICE_SCALE, q] as const);
    };
    tick.depth = { bids: ladder(bids), asks: ladder(asks) };
  }
  return tick;
}

/** One Level-2 tick-by-tick trade (MdsL2TradeT, msg 0x16): what it adds to the symbol's last tick. */
export interface L2TradeTick {
  vtSymbol: string;
  /** MDS numbers tick-by-tick messages per exchange channel (ChannelNo), ApplSeqNum from 1 without gaps. */
  channel: string;
  seq: number;
  price: number;
  volume: number;
  turnover: number;
  datetime: number;
}

/**
 * A tick-by-tick trade, or null when it is not one vnt reads: a cancel (SZSE ExecType '4'), another exchange
 * or code, a non-positive price or quantity (a damaged message).
 */
export function parseL2Trade(r: OesRecord): L2TradeTick | null {
  const exchange = EXCHANGE_FROM_MDS[num(r, 'exchId')];
  const symbol = code(r, 'SecurityID');
  const qty = num(r, 'TradeQty');
  const px = num(r, 'TradePrice');
  const seq = num(r, 'ApplSeqNum');
  if (!exchange || !symbol || str(r, 'ExecType') !== 'F' || qty <= 0 || px <= 0 || seq <= 0) return null;
  return {
    vtSymbol: `${symbol}.${exchange}`,
    channel: `${exchange}-${num(r, 'ChannelNo')}`,
    seq,
    price: px / PRICE_SCALE,
    volume: qty,
    turnover: Math.max(0, num(r, 'TradeMoney')) / PRICE_SCALE,
    datetime: oesTime(num(r, 'tradeDate'), num(r, 'TransactTime')),
  };
}
