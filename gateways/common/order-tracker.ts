// The orders and trades a gateway has pushed. Venue updates arrive out of order and twice (a REST reply after
// the stream already said FILLED; the same fill from the stream and again from reconciliation), so every
// update passes through here: an order never goes backwards and a trade is pushed exactly once.
// Trades are known by instrument and venue trade id (tradeKey): venues number trades per symbol (Binance) or
// per exchange, so two instruments' trade ids may be equal and must not be taken for repeats of each other.
// Every gateway uses one tracker: update() for venue reports, put() where the gateway mirrors an authority
// that already orders its reports (RPC), trade() for fills, recordTrade() for a ledger with contents checks.
import { Status } from '../../src/core/constant.js';
import { isActive, type OrderData, type TradeData } from '../../src/core/object.js';

const RANK: Record<Status, number> = {
  [Status.SUBMITTING]: 0,
  [Status.NOTTRADED]: 1,
  [Status.PARTTRADED]: 2,
  [Status.ALLTRADED]: 3,
  [Status.CANCELLED]: 3,
  [Status.REJECTED]: 3,
};

export interface TrackerSinks {
  order: (order: OrderData) => void;
  trade: (trade: TradeData) => void;
}

/** The key a trade is known by: its instrument (vtSymbol, which names the exchange) and the venue's trade id. */
export function tradeKey(trade: Pick<TradeData, 'vtSymbol' | 'tradeid'>): string {
  return `${trade.vtSymbol}|${trade.tradeid}`;
}

/**
 * What recordTrade made of a trade: the first under its key, the same contents again, or other contents
 * under a key already taken (a venue that reused an id).
 */
export type TradeVerdict = 'new' | 'repeat' | 'conflict';

export class OrderTracker {
  private readonly orders = new Map<string, OrderData>();
  /** Trade key → the fingerprint recorded with it ('' when none was given). */
  private readonly trades = new Map<string, string>();
  /** vtTradeids pushed, for hasTrade. */
  private readonly tradeIds = new Set<string>();

  constructor(private readonly push: TrackerSinks) {}

  get(orderid: string): OrderData | undefined {
    return this.orders.get(orderid);
  }

  active(): OrderData[] {
    return [...this.orders.values()].filter(isActive);
  }

  /** Records and pushes an order this gateway just sent (status SUBMITTING). */
  add(order: OrderData): void {
    this.orders.set(order.orderid, order);
    this.push.order({ ...order });
  }

  /**
   * Applies what the venue says about an order. Fields only the request knew (reference, offset) are kept;
   * an update that would move the order backwards, or changes nothing, is dropped. Returns the new state
   * when it was pushed.
   */
  update(incoming: OrderData): OrderData | undefined {
    const current = this.orders.get(incoming.orderid);
    if (!current) {
      this.orders.set(incoming.orderid, incoming);
      this.push.order({ ...incoming });
      return incoming;
    }
    if (!isActive(current)) return undefined;
    if (incoming.traded < current.traded) return undefined;
    if (RANK[incoming.status] < RANK[current.status]) return undefined;
    // Filled volume can run ahead of the status in a stale message; the status follows the volume.
    let status = incoming.status;
    if (status === Status.NOTTRADED && incoming.traded > 0) status = Status.PARTTRADED;
    if (
      status === current.status &&
      incoming.traded === current.traded &&
      (incoming.statusMsg === '' || incoming.statusMsg === current.statusMsg)
    ) {
      return undefined;
    }
    const next: OrderData = {
      ...current,
      status,
      traded: incoming.traded,
      datetime: incoming.datetime || current.datetime,
      statusMsg: incoming.statusMsg || current.statusMsg,
    };
    this.orders.set(next.orderid, next);
    this.push.order({ ...next });
    return next;
  }

  /** The venue amended an active order in place (new price or volume): recorded and pushed. */
  amend(orderid: string, price: number, volume: number): void {
    const current = this.orders.get(orderid);
    if (!current || !isActive(current) || (current.price === price && current.volume === volume)) return;
    const next = { ...current, price, volume, datetime: Date.now() };
    this.orders.set(orderid, next);
    this.push.order({ ...next });
  }

  /** Marks an active order rejected (the venue refused the request, or never received it). */
  reject(orderid: string, reason: string): void {
    const current = this.orders.get(orderid);
    if (!current || !isActive(current)) return;
    const next = { ...current, status: Status.REJECTED, statusMsg: reason, datetime: Date.now() };
    this.orders.set(orderid, next);
    this.push.order({ ...next });
  }

  /**
   * Gives an order that already ended a better reason (a venue that says "inactive" first and why after):
   * the status stays, only statusMsg changes, and it is pushed.
   */
  explain(orderid: string, reason: string): void {
    const current = this.orders.get(orderid);
    if (!current || isActive(current) || !reason || current.statusMsg === reason) return;
    const next = { ...current, statusMsg: reason };
    this.orders.set(orderid, next);
    this.push.order({ ...next });
  }

  /**
   * Records and pushes an order as given, whatever it held before: for a gateway that mirrors a source which
   * already orders its reports (an RPC server), where a later report may rightly undo an earlier guess.
   */
  put(order: OrderData): void {
    this.orders.set(order.orderid, order);
    this.push.order({ ...order });
  }

  /**
   * Pushes a trade unless one with the same key (instrument and trade id) was pushed before; true when
   * pushed. The trade takes the offset of its order when the order is known here.
   */
  trade(trade: TradeData): boolean {
    if (this.recordTrade(tradeKey(trade)) !== 'new') return false;
    this.pushTrade(trade);
    return true;
  }

  /**
   * Records a trade under `key` without pushing it. With a fingerprint (the contents that must not change,
   * such as price, volume and time), a key seen before with other contents is a 'conflict', for the caller
   * to resolve (RPC keeps such a trade apart under a new id); without one, any key seen before is a 'repeat'.
   */
  recordTrade(key: string, fingerprint = ''): TradeVerdict {
    const seen = this.trades.get(key);
    if (seen === undefined) {
      this.trades.set(key, fingerprint);
      return 'new';
    }
    return seen === fingerprint ? 'repeat' : 'conflict';
  }

  /** Pushes a trade recorded with recordTrade (with its order's offset when the order is known here). */
  pushTrade(trade: TradeData): void {
    this.tradeIds.add(trade.vtTradeid);
    const order = this.orders.get(trade.orderid);
    this.push.trade(order ? { ...trade, offset: order.offset } : trade);
  }

  /** Whether a trade of this instrument and trade id was recorded. */
  hasTradeOf(trade: Pick<TradeData, 'vtSymbol' | 'tradeid'>): boolean {
    return this.trades.has(tradeKey(trade));
  }

  /** Whether a trade with this vtTradeid was pushed (of any instrument: prefer hasTradeOf). */
  hasTrade(vtTradeid: string): boolean {
    return this.tradeIds.has(vtTradeid);
  }

  /** Forgets every order and trade (a gateway starting a new session against a new venue). */
  clear(): void {
    this.orders.clear();
    this.trades.clear();
    this.tradeIds.clear();
  }
}
