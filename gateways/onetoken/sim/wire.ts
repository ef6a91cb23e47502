// The simulator's side of 1Token's wire format: SimExchange objects → the documented JSON shapes.
import type { BookSnapshot, MarketStats, SimAccount, SimFill, SimOrder } from '../../../src/sim/types.js';
import type { OtInfo, OtOrder, OtOrderStatus, OtTick, OtTransaction } from '../types.js';

/** 1Token writes times in ISO form with the +08:00 offset of its servers ("2018-08-20T13:55:33.421000+08:00"). */
export function isoCst(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 23)}000+08:00`;
}

export function isOpen(o: SimOrder): boolean {
  return o.status === 'NEW' || o.status === 'PARTIALLY_FILLED' || o.status === 'PENDING_TRIGGER';
}

function statusOf(o: SimOrder): OtOrderStatus {
  switch (o.status) {
    case 'NEW':
    case 'PENDING_TRIGGER':
      return o.filled > 0 ? 'part-deal-pending' : 'pending';
    case 'PARTIALLY_FILLED':
      return 'part-deal-pending';
    case 'FILLED':
      return 'dealt';
    case 'CANCELED':
      return o.filled > 0 ? 'part-deal-withdrawn' : 'withdrawn';
    case 'REJECTED':
      return 'error-order';
  }
}

export function exchangeOid(ot: string, o: { symbol: string; orderId: number }): string {
  return `${ot}/${o.symbol}-${o.orderId}`;
}

export function order(ot: string, account: string, o: SimOrder): OtOrder {
  return {
    account: `${ot}/${account}`,
    contract: `${ot}/${o.symbol}`,
    exchange_oid: exchangeOid(ot, o),
    bs: o.side === 'BUY' ? 'b' : 's',
    entrust_price: o.price,
    entrust_amount: o.volume,
    entrust_time: isoCst(o.createdAt),
    status: statusOf(o),
    average_dealt_price: o.avgPrice,
    dealt_amount: o.filled,
    last_dealt_amount: null,
    closed_time: isOpen(o) ? null : isoCst(o.updatedAt),
    exchange_update: null,
    commission: 0,
    client_oid: o.clientOrderId || null,
    version: 0,
    tags: {},
    options: {},
    last_update: isoCst(o.updatedAt),
    ots_closed_time: null,
    canceled_time: o.status === 'CANCELED' ? isoCst(o.updatedAt) : null,
  };
}

export function transaction(ot: string, account: string, f: SimFill): OtTransaction {
  return {
    account: `${ot}/${account}`,
    contract: `${ot}/${f.symbol}`,
    bs: f.side === 'BUY' ? 'b' : 's',
    client_oid: f.clientOrderId || null,
    exchange_oid: exchangeOid(ot, f),
    exchange_tid: `${ot}/${f.symbol}-${f.tradeId}`,
    dealt_amount: f.volume,
    dealt_price: f.price,
    dealt_time: isoCst(f.time),
    dealt_type: f.maker ? 'maker' : 'taker',
    commission: f.commission,
    commission_currency: f.symbol.split('.')[1] ?? '',
    tags: {},
  };
}

/** The spot account's info: one `position` row per currency, with market values in the quote currency. */
export function info(a: SimAccount, prices: ReadonlyMap<string, number>): OtInfo {
  const rows: OtInfo['position'] = [
    {
      total_amount: a.balance,
      contract: a.currency.toLowerCase(),
      market_value: a.balance,
      available: a.available,
      frozen: a.frozen,
      type: 'spot',
    },
  ];
  let value = 0;
  const detail: Record<string, number> = { [a.currency.toLowerCase()]: a.balance };
  for (const [asset, { free, locked }] of Object.entries(a.assets)) {
    const mv = (free + locked) * (prices.get(asset.toLowerCase()) ?? 0);
    value += mv;
    detail[asset.toLowerCase()] = mv;
    rows.push({
      total_amount: free + locked,
      contract: asset.toLowerCase(),
      market_value: mv,
      available: free,
      frozen: locked,
      type: 'spot',
    });
  }
  return {
    balance: a.balance + value,
    cash: 0,
    market_value: a.balance + value,
    market_value_detail: detail,
    position: rows,
  };
}

/** `amount` and `volume` are what traded since the previous tick of the contract, as 1Token documents. */
export function tick(
  ot: string,
  book: BookSnapshot,
  stats: MarketStats | undefined,
  depth: number,
  since: { volume: number; turnover: number },
): OtTick {
  return {
    asks: book.asks.slice(0, depth).map((l) => ({ price: l.price, volume: l.volume })),
    bids: book.bids.slice(0, depth).map((l) => ({ price: l.price, volume: l.volume })),
    contract: `${ot}/${book.symbol}`,
    last: stats?.lastPrice ?? 0,
    time: isoCst(Date.now()),
    exchange_time: isoCst(book.time),
    amount: (stats?.turnover ?? since.turnover) - since.turnover,
    volume: (stats?.volume ?? since.volume) - since.volume,
  };
}
