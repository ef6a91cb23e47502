// 1Token messages → vnt objects. Pure functions over messages that passed shape.ts.
import { Direction, Exchange, OrderType, Product, Status } from '../../src/core/constant.js';
import {
  createAccount,
  createContract,
  createOrder,
  createPosition,
  createTick,
  createTrade,
  setDepthLevel,
  DEPTH_LEVELS,
  type AccountData,
  type ContractData,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import { fromContractId } from './symbols.js';
import type { OtContract, OtInfo, OtOrder, OtOrderStatus, OtTick, OtTransaction } from './types.js';

/** ISO time with offset (1Token's format) → epoch ms; 0 when unreadable. */
export function parseTime(iso: string | null | undefined): number {
  if (!iso) return 0;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
}

export function contractFromVenue(row: OtContract, gatewayName: string): ContractData | undefined {
  const id = fromContractId(row.symbol);
  if (!id || id.product === Product.INDEX) return undefined;
  const [base = '', quote = ''] = id.symbol.split('.');
  return createContract({
    gatewayName,
    symbol: id.symbol,
    exchange: id.exchange,
    name: row.symbol,
    product: id.product,
    size: 1,
    // VN Trader took the size from min_amount and the tick from unit_amount; the documented meanings are
    // min_change = price tick, min_amount = smallest amount, unit_amount = amount step.
    pricetick: row.min_change,
    minVolume: row.min_amount > 0 ? row.min_amount : row.unit_amount,
    volumeStep: row.unit_amount,
    netPosition: id.product === Product.SPOT,
    currency: quote.toUpperCase() || base.toUpperCase(),
  });
}

export function tickFromVenue(t: OtTick, gatewayName: string, name: string): TickData | undefined {
  const id = fromContractId(t.contract);
  if (!id) return undefined;
  const tick = createTick({
    gatewayName,
    symbol: id.symbol,
    exchange: id.exchange,
    datetime: parseTime(t.exchange_time) || parseTime(t.time),
    name,
    lastPrice: t.last ?? 0,
    volume: t.volume ?? 0,
    turnover: t.amount ?? 0,
  });
  // 1Token sends the book best first; sort anyway so that a venue's ordering can never invert the ladder.
  const bids = [...t.bids].sort((a, b) => b.price - a.price);
  const asks = [...t.asks].sort((a, b) => a.price - b.price);
  for (let i = 0; i < DEPTH_LEVELS; i++) {
    const b = bids[i];
    const a = asks[i];
    if (b) setDepthLevel(tick, 'bid', i, b.price, b.volume);
    if (a) setDepthLevel(tick, 'ask', i, a.price, a.volume);
  }
  return tick;
}

const ACTIVE: Partial<Record<OtOrderStatus, Status>> = {
  waiting: Status.SUBMITTING,
  pending: Status.NOTTRADED,
  'part-deal-pending': Status.PARTTRADED,
  // A cancel is under way: the order can still fill until the venue confirms.
  withdrawing: Status.NOTTRADED,
  'part-deal-withdrawing': Status.PARTTRADED,
  active: Status.NOTTRADED,
};

export function statusFromVenue(status: string, dealt: number, amount: number): Status {
  const filled = dealt > 0 && dealt >= amount * (1 - 1e-9);
  switch (status) {
    case 'dealt':
      return Status.ALLTRADED;
    case 'withdrawn':
    case 'part-deal-withdrawn':
      return Status.CANCELLED;
    case 'error-order':
      return Status.REJECTED;
    case 'end':
      return filled ? Status.ALLTRADED : Status.CANCELLED;
    default: {
      const s = ACTIVE[status as OtOrderStatus];
      if (s === undefined) return dealt > 0 ? Status.PARTTRADED : Status.NOTTRADED;
      if (s === Status.NOTTRADED && dealt > 0) return Status.PARTTRADED;
      return s;
    }
  }
}

/**
 * vnt's order id for a 1Token order: the part of our client_oid after the contract (`huobip/btc.usdt-<id>`),
 * or the venue's exchange_oid for an order placed elsewhere without one of ours.
 */
export function orderidOf(o: Pick<OtOrder, 'contract' | 'client_oid' | 'exchange_oid'>): string | undefined {
  const prefix = `${o.contract}-`;
  if (o.client_oid && o.client_oid.startsWith(prefix) && o.client_oid.length > prefix.length) {
    return o.client_oid.slice(prefix.length);
  }
  return o.exchange_oid || undefined;
}

export function clientOidFor(contractId: string, orderid: string): string {
  return `${contractId}-${orderid}`;
}

export function orderFromVenue(o: OtOrder, gatewayName: string, orderid: string): OrderData | undefined {
  const id = fromContractId(o.contract);
  if (!id) return undefined;
  return createOrder({
    gatewayName,
    orderid,
    symbol: id.symbol,
    exchange: id.exchange,
    type: o.entrust_price ? OrderType.LIMIT : OrderType.MARKET,
    direction: o.bs === 'b' ? Direction.LONG : Direction.SHORT,
    price: o.entrust_price ?? 0,
    volume: o.entrust_amount,
    traded: o.dealt_amount,
    status: statusFromVenue(o.status, o.dealt_amount, o.entrust_amount),
    datetime: parseTime(o.entrust_time) || Date.now(),
    statusMsg: o.status === 'error-order' ? 'error-order' : '',
  });
}

export function tradeFromVenue(
  t: OtTransaction,
  gatewayName: string,
  orderid: string,
): TradeData | undefined {
  const id = fromContractId(t.contract);
  if (!id) return undefined;
  return createTrade({
    gatewayName,
    symbol: id.symbol,
    exchange: id.exchange,
    orderid,
    // exchange_tid already names the contract (`binance/ltc.usdt-xxx789`), so fills of two contracts with the
    // same venue trade number cannot collide.
    tradeid: t.exchange_tid,
    direction: t.bs === 'b' ? Direction.LONG : Direction.SHORT,
    price: t.dealt_price,
    volume: t.dealt_amount,
    datetime: parseTime(t.dealt_time) || Date.now(),
  });
}

/** One account per currency held (spot rows of `position`); the totals are in CNY and are not an account. */
export function accountsFromInfo(info: OtInfo, gatewayName: string): AccountData[] {
  return info.position
    .filter((p) => p.type === 'spot')
    .map((p) =>
      createAccount({
        gatewayName,
        accountid: p.contract.toUpperCase(),
        balance: p.total_amount,
        frozen: p.frozen ?? 0,
        available: p.available ?? p.total_amount - (p.frozen ?? 0),
        currency: p.contract.toUpperCase(),
      }),
    );
}

/**
 * Positions: a futures row gives LONG and SHORT (available_long / available_short); a spot currency that is the
 * base of a listed pair gives a NET position in each such pair, so the positions table shows what is held.
 */
export function positionsFromInfo(
  info: OtInfo,
  gatewayName: string,
  ot: string,
  contracts: Iterable<ContractData>,
): PositionData[] {
  const out: PositionData[] = [];
  const pairsByBase = new Map<string, ContractData[]>();
  for (const c of contracts) {
    if (c.product !== Product.SPOT) continue;
    const base = c.symbol.split('.')[0]!;
    pairsByBase.set(base, [...(pairsByBase.get(base) ?? []), c]);
  }
  for (const p of info.position) {
    if (p.type === 'future') {
      const id = fromContractId(`${ot}/${p.contract}`);
      if (!id) continue;
      for (const [direction, volume] of [
        [Direction.LONG, p.available_long ?? 0],
        [Direction.SHORT, p.available_short ?? 0],
      ] as const) {
        out.push(
          createPosition({
            gatewayName,
            symbol: id.symbol,
            exchange: id.exchange,
            direction,
            volume,
            pnl: p.pl ?? 0,
          }),
        );
      }
    } else if (p.type === 'spot') {
      for (const c of pairsByBase.get(p.contract) ?? []) {
        out.push(
          createPosition({
            gatewayName,
            symbol: c.symbol,
            exchange: c.exchange as Exchange,
            direction: Direction.NET,
            volume: p.total_amount,
            frozen: p.frozen ?? 0,
          }),
        );
      }
    }
  }
  return out;
}
