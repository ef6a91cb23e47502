// A deliberately small in-process venue and gateway: enough to test MainEngine routing and to prove the
// conformance suite itself, without any simulator. Orders rest until the test fills them.
import {
  Direction,
  Exchange,
  GatewayStatus,
  Offset,
  OrderType,
  Product,
  Status,
} from '../../src/core/constant.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import {
  createAccount,
  createContract,
  createPosition,
  createTick,
  createTrade,
  orderFromRequest,
  type CancelRequest,
  type OrderData,
  type OrderRequest,
  type SubscribeRequest,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';

interface VenueOrder {
  order: OrderData;
  fills: Array<{ tradeid: string; price: number; volume: number }>;
}

/** The venue side: state that survives the gateway's link going down. */
export class FakeVenue {
  readonly orders = new Map<string, VenueOrder>();
  linkUp = true;
  rejectReason = '';
  private tradeSeq = 0;
  listener: ((o: VenueOrder) => void) | undefined;

  fill(price: number, volume: number): void {
    let left = volume;
    for (const vo of this.orders.values()) {
      const o = vo.order;
      if (left <= 0) break;
      if (o.status !== Status.NOTTRADED && o.status !== Status.PARTTRADED) continue;
      if (o.direction !== Direction.LONG || o.price < price) continue;
      const v = Math.min(left, o.volume - o.traded);
      left -= v;
      o.traded += v;
      o.status = o.traded === o.volume ? Status.ALLTRADED : Status.PARTTRADED;
      vo.fills.push({ tradeid: `T${++this.tradeSeq}`, price, volume: v });
      if (this.linkUp) this.listener?.(vo);
    }
  }
}

export class FakeGateway extends BaseGateway {
  static override readonly defaultName = 'FAKE';
  static override readonly defaultSetting: SettingSchema = {
    account: { type: 'string', default: 'acc1' },
    password: { type: 'secret', default: '' },
  };
  static override readonly exchanges = [Exchange.SHFE];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT],
    history: false,
    offsets: true,
  };
  /** Tests reach the venue of the most recently constructed gateway through this. */
  static lastVenue: FakeVenue | undefined;

  readonly venue = new FakeVenue();
  private seq = 0;
  private subscribed = new Set<string>();
  private emittedTrades = new Set<string>();
  private long = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(...args: ConstructorParameters<typeof BaseGateway>) {
    super(...args);
    FakeGateway.lastVenue = this.venue;
    this.venue.listener = (vo) => this.push(vo);
  }

  async connect(setting: GatewaySetting): Promise<void> {
    if (setting['password'] === 'wrong') throw new Error(`login refused for password ${setting['password']}`);
    this.setStatus(GatewayStatus.CONNECTING);
    this.onContract(
      createContract({
        gatewayName: this.gatewayName,
        symbol: 'rb2501',
        exchange: Exchange.SHFE,
        name: '螺纹钢2501',
        product: Product.FUTURES,
        size: 10,
        pricetick: 1,
      }),
    );
    this.onAccount(
      createAccount({ gatewayName: this.gatewayName, accountid: String(setting['account']), balance: 1e6 }),
    );
    this.timer = setInterval(() => this.pushTicks(), 20);
    this.setStatus(GatewayStatus.CONNECTED);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  subscribe(req: SubscribeRequest): void {
    this.subscribed.add(req.symbol);
  }

  sendOrder(req: OrderRequest): string {
    const order = orderFromRequest(req, String(++this.seq), this.gatewayName);
    this.onOrder({ ...order });
    if (this.venue.rejectReason) {
      order.status = Status.REJECTED;
      order.statusMsg = this.venue.rejectReason;
      this.venue.rejectReason = '';
    } else {
      order.status = Status.NOTTRADED;
    }
    this.venue.orders.set(order.orderid, { order, fills: [] });
    queueMicrotask(() => this.onOrder({ ...order }));
    return order.vtOrderid;
  }

  cancelOrder(req: CancelRequest): void {
    const vo = this.venue.orders.get(req.orderid);
    if (!vo || (vo.order.status !== Status.NOTTRADED && vo.order.status !== Status.PARTTRADED)) return;
    vo.order.status = Status.CANCELLED;
    this.push(vo);
  }

  /** Simulates the network: down stops pushes; up reconnects and reconciles from the venue's state. */
  setLink(up: boolean): void {
    this.venue.linkUp = up;
    if (!up) {
      this.setStatus(GatewayStatus.RECONNECTING, 'link lost');
      return;
    }
    for (const vo of this.venue.orders.values()) this.push(vo);
    this.setStatus(GatewayStatus.CONNECTED);
  }

  private push(vo: VenueOrder): void {
    this.onOrder({ ...vo.order });
    for (const f of vo.fills) {
      if (this.emittedTrades.has(f.tradeid)) continue;
      this.emittedTrades.add(f.tradeid);
      this.long += f.volume;
      this.onTrade(
        createTrade({
          gatewayName: this.gatewayName,
          symbol: vo.order.symbol,
          exchange: vo.order.exchange,
          orderid: vo.order.orderid,
          tradeid: f.tradeid,
          direction: vo.order.direction,
          offset: Offset.OPEN,
          price: f.price,
          volume: f.volume,
        }),
      );
      this.onPosition(
        createPosition({
          gatewayName: this.gatewayName,
          symbol: vo.order.symbol,
          exchange: vo.order.exchange,
          direction: Direction.LONG,
          volume: this.long,
        }),
      );
      this.onAccount(createAccount({ gatewayName: this.gatewayName, accountid: 'acc1', balance: 1e6 }));
    }
  }

  private pushTicks(): void {
    if (!this.venue.linkUp) return;
    for (const symbol of this.subscribed) {
      this.onTick(
        createTick({
          gatewayName: this.gatewayName,
          symbol,
          exchange: Exchange.SHFE,
          datetime: Date.now(),
          name: '螺纹钢2501',
          lastPrice: 3850,
          bidPrice1: 3849,
          askPrice1: 3851,
          bidVolume1: 5,
          askVolume1: 7,
        }),
      );
    }
  }
}
