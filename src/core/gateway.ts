// What every gateway is: a translator between one venue and vnt's objects. It pushes data as events and
// returns vtOrderids synchronously; everything slow happens behind the returned promise or in pushes.
import { Exchange, GatewayStatus, LogLevel, OrderType } from './constant.js';
import { NotSupportedError } from './errors.js';
import type { EventEngine } from './event.js';
import {
  createLog,
  type AccountData,
  type BarData,
  type AmendRequest,
  type CancelRequest,
  type ContractData,
  type HistoryRequest,
  type OrderCost,
  type OrderData,
  type OrderRequest,
  type PositionData,
  type SubscribeRequest,
  type TickData,
  type TradeData,
} from './object.js';
import type { GatewaySetting, SettingSchema } from './setting-schema.js';

export interface GatewayCapabilities {
  orderTypes: readonly OrderType[];
  /** queryHistory returns bars. */
  history: boolean;
  /** The venue distinguishes open and close (Chinese futures); the ticket shows an offset field. */
  offsets: boolean;
  /**
   * amendOrder changes a working order's price and/or volume in place. Absent or false: MainEngine.amendOrder
   * cancels the order and sends a replacement once the cancel is confirmed.
   */
  amend?: boolean;
  /**
   * With amend: the venue replaces the order in one step under a new order id (Alpaca's Replace Order) rather
   * than changing it in place. The old order ends (CANCELLED, "replaced by ..."), the new one carries on
   * with the volume still untraded, and amendOrder returns the new order's vtOrderid.
   */
  amendReplaces?: boolean;
}

/** The static side of a gateway class: what MainEngine and the connect form need before an instance exists. */
export interface GatewayClass<G extends BaseGateway = BaseGateway> {
  new (eventEngine: EventEngine, gatewayName: string): G;
  readonly defaultName: string;
  readonly defaultSetting: SettingSchema;
  readonly exchanges: readonly Exchange[];
  readonly capabilities: GatewayCapabilities;
}

export abstract class BaseGateway {
  static readonly defaultName: string = '';
  static readonly defaultSetting: SettingSchema = {};
  static readonly exchanges: readonly Exchange[] = [];
  static readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT],
    history: false,
    offsets: false,
    amend: false,
  };

  private currentStatus = GatewayStatus.DISCONNECTED;

  constructor(
    protected readonly eventEngine: EventEngine,
    readonly gatewayName: string,
  ) {}

  get status(): GatewayStatus {
    return this.currentStatus;
  }

  get gatewayClass(): GatewayClass {
    return this.constructor as GatewayClass;
  }

  /**
   * Connects, logs in and pushes contracts, accounts, positions, orders and trades. Resolves once that initial
   * sync is done; rejects with a readable reason (never containing a secret) if the first attempt fails.
   * After a successful connect, a dropped link is the gateway's to restore: status RECONNECTING, then
   * CONNECTED with subscriptions restored and orders and trades reconciled, without duplicate trades.
   */
  abstract connect(setting: GatewaySetting): Promise<void>;

  /** Releases every socket, timer and native handle; resolves when they are released. */
  abstract close(): Promise<void>;

  /** Subscribes market data; the subscription survives reconnects. */
  abstract subscribe(req: SubscribeRequest): void;

  /**
   * Sends an order and returns its vtOrderid at once; the SUBMITTING OrderData is pushed before returning
   * or immediately after. A venue rejection arrives as a REJECTED order with the reason in statusMsg.
   */
  abstract sendOrder(req: OrderRequest): string;

  abstract cancelOrder(req: CancelRequest): void;

  /**
   * Changes a working order's price and/or total volume in place (capabilities.amend). The order keeps its
   * vtOrderid; the venue's answer arrives as an order push (new price/volume) or, when refused, a log line and
   * the order as it was. Gateways without in-place amend leave this alone: MainEngine cancels and replaces.
   * A gateway whose venue replaces the order under a new id (capabilities.amendReplaces) returns the
   * vtOrderid of the new order.
   */
  amendOrder(_req: AmendRequest): string | void {
    throw new NotSupportedError(this.gatewayName, 'amending orders');
  }

  /**
   * What the venue needs for one contract. The class's static capabilities by default; a gateway that fronts
   * several others (RPC) answers per contract with the capabilities of the gateway that lists it.
   */
  capabilitiesFor(_vtSymbol: string): GatewayCapabilities {
    return this.gatewayClass.capabilities;
  }

  /**
   * A gateway that fronts several others (RPC) answers for each of them as `<name>/<sub>`, so that the same
   * vtSymbol from two of them stays two listings; MainEngine routes such names here. None by default.
   */
  view(_sub: string): BaseGateway | undefined {
    return undefined;
  }

  queryAccount(): void {}

  queryPosition(): void {}

  queryHistory(_req: HistoryRequest): Promise<BarData[]> {
    return Promise.reject(new NotSupportedError(this.gatewayName, 'history queries'));
  }

  /** The margin and commission an order would take, asked of the venue without placing it. */
  queryOrderCost(_req: OrderRequest): Promise<OrderCost> {
    return Promise.reject(new NotSupportedError(this.gatewayName, 'order cost (what-if) queries'));
  }

  // ---- pushes ----------------------------------------------------------------------------------------------

  onTick(tick: TickData): void {
    this.eventEngine.put('tick', tick, tick.vtSymbol);
  }

  onTrade(trade: TradeData): void {
    this.eventEngine.put('trade', trade, trade.vtSymbol);
  }

  onOrder(order: OrderData): void {
    this.eventEngine.put('order', order, order.vtOrderid);
  }

  onPosition(position: PositionData): void {
    this.eventEngine.put('position', position, position.vtSymbol);
  }

  onAccount(account: AccountData): void {
    this.eventEngine.put('account', account, account.vtAccountid);
  }

  onContract(contract: ContractData): void {
    this.eventEngine.put('contract', contract);
  }

  writeLog(msg: string, level: LogLevel = LogLevel.INFO): void {
    this.eventEngine.put('log', createLog(msg, this.gatewayName, level));
  }

  protected setStatus(status: GatewayStatus, message = ''): void {
    if (status === this.currentStatus && !message) return;
    this.currentStatus = status;
    this.eventEngine.put('gateway', { gatewayName: this.gatewayName, status, message });
  }
}
