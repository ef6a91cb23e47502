// The orders and trades a gateway has pushed. Venue updates arrive out of order and twice (a REST reply after
// the stream already said FILLED; the same fill from the stream and again from reconciliation), so every
// update passes through here: an order never goes backwards and a trade is pushed exactly once.
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

export class OrderTracker {
  private readonly orders = new Map<string, OrderData>();
  private readonly trades = new Set<string>();

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

  /** Marks an active order rejected (the venue refused the request, or never received it). */
  reject(orderid: string, reason: string): void {
    const current = this.orders.get(orderid);
    if (!current || !isActive(current)) return;
    const next = { ...current, status: Status.REJECTED, statusMsg: reason, datetime: Date.now() };
    this.orders.set(orderid, next);
    this.push.order({ ...next });
  }

  /** Pushes a trade unless one with the same id was pushed before; true when pushed. */
  trade(trade: TradeData): boolean {
    if (this.trades.has(trade.vtTradeid)) return false;
    this.trades.add(trade.vtTradeid);
    const order = this.orders.get(trade.orderid);
    this.push.trade(order ? { ...trade, offset: order.offset } : trade);
    return true;
  }

  hasTrade(vtTradeid: string): boolean {
    return this.trades.has(vtTradeid);
  }
}
