// Latest state of everything the gateways pushed: the order-management caches behind every table and getter.
import type { EventEngine } from './event.js';
import {
  isActive,
  type AccountData,
  type ContractData,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from './object.js';

export class OmsEngine {
  readonly engineName = 'oms';
  private readonly ticks = new Map<string, TickData>();
  private readonly orders = new Map<string, OrderData>();
  private readonly trades = new Map<string, TradeData>();
  private readonly positions = new Map<string, PositionData>();
  private readonly accounts = new Map<string, AccountData>();
  private readonly contracts = new Map<string, ContractData>();
  private readonly activeOrders = new Map<string, OrderData>();

  constructor(eventEngine: EventEngine) {
    eventEngine.register('tick', (e) => void this.ticks.set(e.data.vtSymbol, e.data));
    eventEngine.register('order', (e) => this.processOrder(e.data));
    eventEngine.register('trade', (e) => void this.trades.set(e.data.vtTradeid, e.data));
    eventEngine.register('position', (e) => void this.positions.set(e.data.vtPositionid, e.data));
    eventEngine.register('account', (e) => void this.accounts.set(e.data.vtAccountid, e.data));
    eventEngine.register('contract', (e) => void this.contracts.set(e.data.vtSymbol, e.data));
  }

  private processOrder(order: OrderData): void {
    this.orders.set(order.vtOrderid, order);
    if (isActive(order)) this.activeOrders.set(order.vtOrderid, order);
    else this.activeOrders.delete(order.vtOrderid);
  }

  getTick(vtSymbol: string): TickData | undefined {
    return this.ticks.get(vtSymbol);
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
  getContract(vtSymbol: string): ContractData | undefined {
    return this.contracts.get(vtSymbol);
  }
  getAllTicks(): TickData[] {
    return [...this.ticks.values()];
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
    return [...this.contracts.values()];
  }
  /** Active orders, all or those of one vtSymbol. */
  getAllActiveOrders(vtSymbol = ''): OrderData[] {
    const all = [...this.activeOrders.values()];
    return vtSymbol ? all.filter((o) => o.vtSymbol === vtSymbol) : all;
  }
}
