// A tiny in-process venue for the RPC tests: two contracts, one account, orders that rest until told to fill,
// and bursts of ticks or trades on demand. Deterministic ids, so a restarted server repeats its history.
import { Exchange, GatewayStatus, Interval, OrderType, Product, Status } from '../../src/core/constant.js';
import { BaseGateway } from '../../src/core/gateway.js';
import {
  createAccount,
  createBar,
  createContract,
  createTick,
  createTrade,
  orderFromRequest,
  type BarData,
  type CancelRequest,
  type HistoryRequest,
  type OrderCost,
  type OrderData,
  type OrderRequest,
  type SubscribeRequest,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';

export const FAKE_SYMBOLS = ['FAKE1', 'FAKE2', 'FAKE3'];

export class FakeGateway extends BaseGateway {
  static override readonly defaultName = 'FAKE';
  static override readonly defaultSetting: SettingSchema = {
    preloadTrades: { type: 'integer', default: 0, min: 0 },
  };
  static override readonly exchanges = [Exchange.LOCAL];
  static override readonly capabilities = {
    orderTypes: [OrderType.LIMIT],
    history: true,
    offsets: false,
  };

  private counter = 0;
  private tradeCounter = 0;
  private tickSeq = 0;
  private readonly active = new Map<string, OrderData>();
  readonly subscribed = new Set<string>();

  async connect(setting: GatewaySetting): Promise<void> {
    for (const symbol of FAKE_SYMBOLS) {
      this.onContract(
        createContract({
          gatewayName: this.gatewayName,
          symbol,
          exchange: Exchange.LOCAL,
          name: `${symbol} test contract`,
          product: Product.FUTURES,
          size: 10,
          pricetick: 0.5,
          historyData: true,
        }),
      );
    }
    this.onAccount(createAccount({ gatewayName: this.gatewayName, accountid: 'acc1', balance: 1_000_000 }));
    // History a restarted venue would report again: the same trade ids every time.
    for (let i = 1; i <= Number(setting.preloadTrades); i++) {
      this.onTrade(
        createTrade({
          gatewayName: this.gatewayName,
          symbol: 'FAKE1',
          exchange: Exchange.LOCAL,
          orderid: `pre-${i}`,
          tradeid: `pre-${i}`,
          price: 100,
          volume: 1,
          datetime: 0,
        }),
      );
    }
    this.setStatus(GatewayStatus.CONNECTED);
  }

  async close(): Promise<void> {
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  subscribe(req: SubscribeRequest): void {
    this.subscribed.add(`${req.symbol}.${req.exchange}`);
  }

  /**
   * A what-if answer worked out from the request (10% margin on the notional, 2 per lot). An order whose
   * reference is "garbled" is answered with a margin that is not a number, as a broken server might.
   */
  override queryOrderCost(req: OrderRequest): Promise<OrderCost> {
    const cost: OrderCost = {
      gatewayName: this.gatewayName,
      vtSymbol: `${req.symbol}.${req.exchange}`,
      currency: 'CNY',
      initMarginChange: req.price * req.volume * 10 * 0.1,
      commission: req.volume * 2,
      warning: req.volume > 100 ? 'above the position limit' : '',
    };
    if (req.reference === 'garbled') (cost as unknown as Record<string, unknown>).initMarginChange = 'lots';
    return Promise.resolve(cost);
  }

  sendOrder(req: OrderRequest): string {
    const order = orderFromRequest(req, String(++this.counter), this.gatewayName);
    this.onOrder(order);
    const resting = { ...order, status: Status.NOTTRADED };
    this.active.set(order.orderid, resting);
    this.onOrder(resting);
    return order.vtOrderid;
  }

  cancelOrder(req: CancelRequest): void {
    const order = this.active.get(req.orderid);
    if (!order) return;
    this.active.delete(req.orderid);
    this.onOrder({ ...order, status: Status.CANCELLED });
  }

  override async queryHistory(req: HistoryRequest): Promise<BarData[]> {
    return [0, 1, 2].map((i) =>
      createBar({
        gatewayName: this.gatewayName,
        symbol: req.symbol,
        exchange: req.exchange,
        datetime: req.start + i * 60_000,
        interval: Interval.MINUTE,
        closePrice: 100 + i,
      }),
    );
  }

  /** Fills every resting order completely. */
  fillAll(): number {
    const orders = [...this.active.values()];
    this.active.clear();
    for (const o of orders) {
      this.onTrade(
        createTrade({
          gatewayName: this.gatewayName,
          symbol: o.symbol,
          exchange: o.exchange,
          orderid: o.orderid,
          tradeid: `t${++this.tradeCounter}`,
          direction: o.direction,
          offset: o.offset,
          price: o.price,
          volume: o.volume,
        }),
      );
      this.onOrder({ ...o, traded: o.volume, status: Status.ALLTRADED });
    }
    return orders.length;
  }

  /** n trades on FAKE2 that belong to no order of any client (the kind of flow that must never be dropped). */
  burstTrades(n: number): void {
    for (let i = 0; i < n; i++) {
      const id = `b${++this.tradeCounter}`;
      this.onTrade(
        createTrade({
          gatewayName: this.gatewayName,
          symbol: 'FAKE2',
          exchange: Exchange.LOCAL,
          orderid: id,
          tradeid: id,
          price: 100,
          volume: 1,
        }),
      );
    }
  }

  /** n ticks spread over the fake symbols; lastPrice counts up so the latest one is recognisable. */
  burstTicks(n: number): void {
    for (let i = 0; i < n; i++) {
      const seq = ++this.tickSeq;
      this.onTick(
        createTick({
          gatewayName: this.gatewayName,
          symbol: FAKE_SYMBOLS[seq % FAKE_SYMBOLS.length]!,
          exchange: Exchange.LOCAL,
          datetime: seq,
          lastPrice: seq,
        }),
      );
    }
  }
}
