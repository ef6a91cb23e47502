// Latest state of everything the gateways pushed: the order-management caches behind every table and getter.
// Contracts and ticks are kept per listing (gateway + vtSymbol), so that one vtSymbol from two gateways (two
// CTP accounts, the simulator beside a venue, an RPC mirror) never shares a row, a depth or a contract.
// Positions are marked to the last price of their own listing as ticks arrive, so PnL moves with the market
// for every gateway, not only when the venue reports a position.
import { Direction } from './constant.js';
import type { EventEngine } from './event.js';
import {
  isActive,
  makeListingId,
  type AccountData,
  type ContractData,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from './object.js';

/** Floating PnL of a position at a price: linear contracts, the contract size as multiplier. */
export function markPnl(position: PositionData, price: number, size: number): number {
  const sign = position.direction === Direction.SHORT ? -1 : 1;
  // NET positions carry their sign in the volume; LONG and SHORT volumes are positive.
  return Number(((price - position.price) * position.volume * size * sign).toFixed(8));
}

/** A map from vtSymbol to the listings of it, first listed first. */
class Listings<T extends { gatewayName: string; vtSymbol: string }> {
  private readonly byListing = new Map<string, T>();
  private readonly byVtSymbol = new Map<string, string[]>();

  set(item: T): void {
    const id = makeListingId(item.gatewayName, item.vtSymbol);
    if (!this.byListing.has(id)) {
      const ids = this.byVtSymbol.get(item.vtSymbol);
      if (ids) ids.push(id);
      else this.byVtSymbol.set(item.vtSymbol, [id]);
    }
    this.byListing.set(id, item);
  }

  /** One gateway's listing, or (no gateway named) the first gateway's that listed the vtSymbol. */
  get(vtSymbol: string, gatewayName?: string): T | undefined {
    if (gatewayName) return this.byListing.get(makeListingId(gatewayName, vtSymbol));
    const first = this.byVtSymbol.get(vtSymbol)?.[0];
    return first === undefined ? undefined : this.byListing.get(first);
  }

  every(vtSymbol: string): T[] {
    return (this.byVtSymbol.get(vtSymbol) ?? []).map((id) => this.byListing.get(id)!);
  }

  values(): T[] {
    return [...this.byListing.values()];
  }
}

export class OmsEngine {
  readonly engineName = 'oms';
  private readonly ticks = new Listings<TickData>();
  private readonly orders = new Map<string, OrderData>();
  private readonly trades = new Map<string, TradeData>();
  private readonly positions = new Map<string, PositionData>();
  /** Listing id → vtPositionids held on it, for marking on each tick. */
  private readonly positionsOf = new Map<string, Set<string>>();
  private readonly accounts = new Map<string, AccountData>();
  private readonly contracts = new Listings<ContractData>();
  private readonly activeOrders = new Map<string, OrderData>();
  /** Marks put on the bus and not yet dispatched, by vtPositionid (see processPosition). */
  private readonly pendingMarks = new Map<string, PositionData>();

  constructor(private readonly eventEngine: EventEngine) {
    eventEngine.register('tick', (e) => this.processTick(e.data));
    eventEngine.register('order', (e) => this.processOrder(e.data));
    eventEngine.register('trade', (e) => void this.trades.set(e.data.vtTradeid, e.data));
    eventEngine.register('position', (e) => this.processPosition(e.data));
    eventEngine.register('account', (e) => void this.accounts.set(e.data.vtAccountid, e.data));
    eventEngine.register('contract', (e) => this.contracts.set(e.data));
  }

  private processTick(tick: TickData): void {
    this.ticks.set(tick);
    const held = this.positionsOf.get(makeListingId(tick.gatewayName, tick.vtSymbol));
    if (!held || !(tick.lastPrice > 0)) return;
    for (const id of held) {
      const p = this.positions.get(id);
      if (!p) continue;
      const pnl = this.markedPnl(p);
      if (pnl === undefined || pnl === p.pnl) continue;
      const pending = this.pendingMarks.get(id);
      if (pending) {
        // A mark already waits in the queue: it carries this tick's figure too, no second event.
        Object.assign(pending, p, { pnl });
        this.positions.set(id, pending);
        continue;
      }
      const marked = { ...p, pnl };
      // Stored now, so the next tick marks from here, and published like any position update.
      this.positions.set(id, marked);
      this.pendingMarks.set(id, marked);
      this.eventEngine.put('position', marked, marked.vtSymbol);
    }
  }

  /** The position's PnL at its listing's last price, or undefined where it cannot be marked. */
  private markedPnl(p: PositionData): number | undefined {
    if (p.volume === 0 || !(p.price > 0)) return undefined;
    const lastPrice = this.ticks.get(p.vtSymbol, p.gatewayName)?.lastPrice ?? 0;
    const contract = this.contracts.get(p.vtSymbol, p.gatewayName);
    if (!(lastPrice > 0) || !contract) return undefined;
    return markPnl(p, lastPrice, contract.size);
  }

  private processPosition(position: PositionData): void {
    const id = position.vtPositionid;
    const pending = this.pendingMarks.get(id);
    if (pending === position) {
      this.pendingMarks.delete(id);
    } else if (pending) {
      // The gateway's newer position was queued behind the tick that put the mark. Nobody has seen the mark
      // yet, so it takes the newer figures: marked from stale ones it would bring the old volume back.
      Object.assign(pending, position, { pnl: this.markedPnl(position) ?? position.pnl });
    }
    this.positions.set(id, position);
    const listing = makeListingId(position.gatewayName, position.vtSymbol);
    let held = this.positionsOf.get(listing);
    if (!held) this.positionsOf.set(listing, (held = new Set()));
    held.add(position.vtPositionid);
  }

  private processOrder(order: OrderData): void {
    this.orders.set(order.vtOrderid, order);
    if (isActive(order)) this.activeOrders.set(order.vtOrderid, order);
    else this.activeOrders.delete(order.vtOrderid);
  }

  /** The tick of one gateway's listing; without a gateway, of the first gateway that listed the vtSymbol. */
  getTick(vtSymbol: string, gatewayName?: string): TickData | undefined {
    return this.ticks.get(vtSymbol, gatewayName);
  }
  getOrder(vtOrderid: string): OrderData | undefined {
    return this.orders.get(vtOrderid);
  }
  getTrade(vtTradeid: string): TradeData | undefined {
    return this.trades.get(vtTradeid);
  }
  getPosition(vtPositionid: string): PositionData | undefined {
    return this.positions.get(vtPositionid);
  }
  getAccount(vtAccountid: string): AccountData | undefined {
    return this.accounts.get(vtAccountid);
  }
  /** One gateway's contract; without a gateway, the first gateway's that listed the vtSymbol. */
  getContract(vtSymbol: string, gatewayName?: string): ContractData | undefined {
    return this.contracts.get(vtSymbol, gatewayName);
  }
  /** Every gateway's listing of one vtSymbol. */
  getListings(vtSymbol: string): ContractData[] {
    return this.contracts.every(vtSymbol);
  }
  getAllTicks(): TickData[] {
    return this.ticks.values();
  }
  getAllOrders(): OrderData[] {
    return [...this.orders.values()];
  }
  getAllTrades(): TradeData[] {
    return [...this.trades.values()];
  }
  getAllPositions(): PositionData[] {
    return [...this.positions.values()];
  }
  getAllAccounts(): AccountData[] {
    return [...this.accounts.values()];
  }
  getAllContracts(): ContractData[] {
    return this.contracts.values();
  }
  /** Active orders, all or those of one vtSymbol. */
  getAllActiveOrders(vtSymbol = ''): OrderData[] {
    const all = [...this.activeOrders.values()];
    return vtSymbol ? all.filter((o) => o.vtSymbol === vtSymbol) : all;
  }

  /**
   * The floating PnL of an account: the marked PnL of its gateway's positions in contracts of its currency
   * (every position of the gateway when it has one account, or the contract names no currency).
   */
  floatingPnl(account: AccountData): number {
    const single =
      [...this.accounts.values()].filter((a) => a.gatewayName === account.gatewayName).length <= 1;
    let sum = 0;
    for (const p of this.positions.values()) {
      if (p.gatewayName !== account.gatewayName || p.volume === 0) continue;
      const currency = this.contracts.get(p.vtSymbol, p.gatewayName)?.currency ?? '';
      if (single || !currency || currency === account.currency) sum += p.pnl;
    }
    return Number(sum.toFixed(8));
  }
}
