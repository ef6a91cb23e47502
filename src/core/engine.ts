// MainEngine: owns the event engine, the gateways, the engines and the apps, and routes every request to
// the gateway it names. It is also where requests are checked before any venue sees them.
import { Exchange, LogLevel, Status } from './constant.js';
import { RequestError, UnknownGatewayError, errorMessage, VntError } from './errors.js';
import { EventEngine } from './event.js';
import type { BaseGateway, GatewayCapabilities, GatewayClass } from './gateway.js';
import { LogEngine, type LogEngineOptions } from './log.js';
import {
  cancelRequestFor,
  createLog,
  isActive,
  makeVtId,
  makeVtSymbol,
  type AccountData,
  type AmendRequest,
  type BarData,
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
import { OmsEngine } from './oms.js';
import { redact, redactor } from './redact.js';
import { parseSetting, secretKeys, type GatewaySetting } from './setting-schema.js';
import type { TraderDir } from './settings.js';
import { isMultipleOf, PRICED_TYPES, validateOrderRequest } from './validate.js';

/** How long a cancel-and-replace waits for the cancel to be confirmed before giving up (nothing new is sent). */
const REPLACE_WAIT_MS = 30_000;

export interface Engine {
  readonly engineName: string;
  close?(): void | Promise<void>;
}

export type EngineClass<E extends Engine = Engine> = new (
  mainEngine: MainEngine,
  eventEngine: EventEngine,
) => E;

export interface App<E extends Engine = Engine> {
  readonly appName: string;
  readonly displayName: string;
  readonly engineClass: EngineClass<E>;
}

export interface MainEngineOptions {
  eventEngine?: EventEngine;
  traderDir?: TraderDir;
  /** Log engine options; false for none (tests that read log events themselves). */
  log?: LogEngineOptions | false;
}

export class MainEngine {
  readonly eventEngine: EventEngine;
  readonly oms: OmsEngine;
  readonly logEngine: LogEngine | undefined;
  readonly traderDir: TraderDir | undefined;
  private readonly gateways = new Map<string, BaseGateway>();
  private readonly engines = new Map<string, Engine>();
  private readonly apps = new Map<string, App>();
  private readonly exchanges: Exchange[] = [];

  constructor(options: MainEngineOptions = {}) {
    this.eventEngine = options.eventEngine ?? new EventEngine();
    this.traderDir = options.traderDir;
    this.logEngine = options.log ? new LogEngine(this.eventEngine, options.log) : undefined;
    this.oms = new OmsEngine(this.eventEngine);
    this.eventEngine.start();
  }

  // ---- composition -----------------------------------------------------------------------------------------

  addGateway<G extends BaseGateway>(
    gatewayClass: GatewayClass<G>,
    gatewayName = gatewayClass.defaultName,
  ): G {
    // A slash names a gateway's view (RPC/SIM: the server's SIM behind the RPC gateway), a dot splits ids.
    if (!gatewayName || /[.\s/]/.test(gatewayName)) {
      throw new VntError(`invalid gateway name "${gatewayName}": use letters, digits, - or _`);
    }
    if (this.gateways.has(gatewayName))
      throw new VntError(`a gateway named "${gatewayName}" was already added`);
    const gateway = new gatewayClass(this.eventEngine, gatewayName);
    this.gateways.set(gatewayName, gateway);
    for (const exchange of gatewayClass.exchanges) {
      if (!this.exchanges.includes(exchange)) this.exchanges.push(exchange);
    }
    return gateway;
  }

  addEngine<E extends Engine>(engineClass: EngineClass<E>): E {
    const engine = new engineClass(this, this.eventEngine);
    this.engines.set(engine.engineName, engine);
    return engine;
  }

  addApp<E extends Engine>(app: App<E>): E {
    this.apps.set(app.appName, app as unknown as App);
    return this.addEngine(app.engineClass);
  }

  /** A gateway by name, or a view of one ("RPC/SIM": what the RPC gateway mirrors of the server's SIM). */
  getGateway(gatewayName: string): BaseGateway {
    const slash = gatewayName.indexOf('/');
    const gateway =
      slash < 0
        ? this.gateways.get(gatewayName)
        : this.gateways.get(gatewayName.slice(0, slash))?.view(gatewayName.slice(slash + 1));
    if (!gateway) throw new UnknownGatewayError(gatewayName, [...this.gateways.keys()]);
    return gateway;
  }

  getEngine<E extends Engine = Engine>(engineName: string): E | undefined {
    return this.engines.get(engineName) as E | undefined;
  }

  getAllGatewayNames(): string[] {
    return [...this.gateways.keys()];
  }

  getAllGateways(): BaseGateway[] {
    return [...this.gateways.values()];
  }

  getAllApps(): App[] {
    return [...this.apps.values()];
  }

  getAllExchanges(): Exchange[] {
    return [...this.exchanges];
  }

  // ---- routing ---------------------------------------------------------------------------------------------

  /**
   * Validates the setting against the gateway's schema, registers its secrets for redaction, and connects.
   * Rejects with a readable, redacted reason.
   */
  async connect(setting: GatewaySetting, gatewayName: string): Promise<void> {
    const gateway = this.getGateway(gatewayName);
    const schema = gateway.gatewayClass.defaultSetting;
    const valid = parseSetting(schema, setting, `connect setting for ${gatewayName}`);
    for (const key of secretKeys(schema)) redactor.add(String(valid[key]));
    try {
      await gateway.connect(valid);
    } catch (error) {
      const reason = redact(errorMessage(error));
      this.writeLog(`connect failed: ${reason}`, gatewayName, LogLevel.ERROR);
      throw new VntError(`${gatewayName}: connect failed: ${reason}`);
    }
  }

  subscribe(req: SubscribeRequest, gatewayName: string): void {
    this.getGateway(gatewayName).subscribe(req);
  }

  /** Checks the request against the contract and the gateway's capabilities, then sends; returns the vtOrderid. */
  sendOrder(req: OrderRequest, gatewayName: string): string {
    return this.checkedGateway(req, gatewayName).sendOrder(req);
  }

  /** The gateway of an order request that passed the checks against its contract and capabilities. */
  private checkedGateway(req: OrderRequest, gatewayName: string): BaseGateway {
    const gateway = this.getGateway(gatewayName);
    const vtSymbol = makeVtSymbol(req.symbol, req.exchange);
    const contract = this.oms.getContract(vtSymbol, gatewayName);
    validateOrderRequest(req, contract, gateway.capabilitiesFor(vtSymbol));
    return gateway;
  }

  /** What the gateway needs for one of its contracts (offsets, order types, amend), also through RPC. */
  getCapabilities(gatewayName: string, vtSymbol: string): GatewayCapabilities {
    return this.getGateway(gatewayName).capabilitiesFor(vtSymbol);
  }

  /**
   * Changes a working order's price and/or total volume. Checked like a new order (tick, lot, minimum; a
   * volume above what has traded) and refused with a RequestError before anything is sent. Where the gateway
   * amends in place the order keeps its id (where the venue replaces it in one step, the new order's id is
   * returned); elsewhere the order is cancelled and, once the cancel is
   * confirmed, a replacement for the volume still untraded is sent. Resolves to the vtOrderid now working;
   * rejects when the replacement could not be sent (the order filled first, the cancel was not confirmed).
   */
  amendOrder(req: AmendRequest, gatewayName: string): Promise<string> {
    const gateway = this.getGateway(gatewayName);
    const vtOrderid = makeVtId(gatewayName, req.orderid);
    const order = this.oms.getOrder(vtOrderid);
    if (!order) throw new RequestError(`no order ${vtOrderid}`);
    if (!isActive(order)) throw new RequestError(`order ${vtOrderid} is ${order.status}; nothing to amend`);
    const price = req.price ?? order.price;
    const volume = req.volume ?? order.volume;
    if (price === order.price && volume === order.volume) {
      throw new RequestError(`order ${vtOrderid} already has price ${price} and volume ${volume}`);
    }
    if (req.price !== undefined && req.price !== order.price && !PRICED_TYPES.has(order.type)) {
      throw new RequestError(`order ${vtOrderid} is a ${order.type} order: it has no price to amend`);
    }
    if (!(volume > order.traded)) {
      throw new RequestError(`volume ${volume} must be above the ${order.traded} already traded`);
    }
    const replacement: OrderRequest = {
      symbol: order.symbol,
      exchange: order.exchange,
      direction: order.direction,
      type: order.type,
      volume,
      price,
      offset: order.offset,
      reference: order.reference,
    };
    const caps = gateway.capabilitiesFor(order.vtSymbol);
    const contract = this.oms.getContract(order.vtSymbol, gatewayName);
    validateOrderRequest(replacement, contract, caps);
    if (caps.amend) {
      const next = gateway.amendOrder({
        orderid: order.orderid,
        symbol: order.symbol,
        exchange: order.exchange,
        ...(price !== order.price ? { price } : {}),
        ...(volume !== order.volume ? { volume } : {}),
      });
      if (typeof next === 'string' && next !== vtOrderid) {
        this.writeLog(`replaced ${vtOrderid} by ${next} (the venue's replace)`, order.gatewayName);
      }
      return Promise.resolve(typeof next === 'string' ? next : vtOrderid);
    }
    return this.cancelAndReplace(order, replacement, contract?.volumeStep ?? 0);
  }

  private cancelAndReplace(order: OrderData, replacement: OrderRequest, step: number): Promise<string> {
    const ee = this.eventEngine;
    return new Promise<string>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        ee.unregister('order', onOrder);
        if (timer) clearTimeout(timer);
      };
      const onOrder = (e: { data: OrderData }): void => {
        const o = e.data;
        if (o.vtOrderid !== order.vtOrderid || isActive(o)) return;
        done();
        const left = Number((replacement.volume - o.traded).toFixed(8));
        if (o.status !== Status.CANCELLED || !(left > 0) || (step > 0 && !isMultipleOf(left, step))) {
          reject(
            new RequestError(
              `order ${o.vtOrderid} ended ${o.status} with ${o.traded} traded before it could be replaced; nothing new was sent`,
            ),
          );
          return;
        }
        try {
          const next = this.sendOrder({ ...replacement, volume: left }, o.gatewayName);
          this.writeLog(`replaced ${o.vtOrderid} by ${next} (cancel and replace)`, o.gatewayName);
          resolve(next);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      ee.register('order', onOrder);
      timer = setTimeout(() => {
        done();
        reject(
          new RequestError(
            `the cancel of ${order.vtOrderid} was not confirmed within ${REPLACE_WAIT_MS / 1000} s; no replacement was sent`,
          ),
        );
      }, REPLACE_WAIT_MS);
      timer.unref?.();
      try {
        this.cancelOrder(cancelRequestFor(order), order.gatewayName);
      } catch (error) {
        done();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  cancelOrder(req: CancelRequest, gatewayName: string): void {
    const gateway = this.getGateway(gatewayName);
    const order = this.oms.getOrder(makeVtId(gatewayName, req.orderid));
    if (order && !isActive(order)) {
      throw new RequestError(`order ${order.vtOrderid} is ${order.status}; nothing to cancel`);
    }
    gateway.cancelOrder(req);
  }

  /** Cancels every active order (of one vtSymbol if given); returns how many cancels were sent. */
  cancelAll(vtSymbol = ''): number {
    let n = 0;
    for (const order of this.oms.getAllActiveOrders(vtSymbol)) {
      try {
        this.getGateway(order.gatewayName).cancelOrder({
          orderid: order.orderid,
          symbol: order.symbol,
          exchange: order.exchange,
        });
        n += 1;
      } catch (error) {
        this.writeLog(
          `cancel ${order.vtOrderid} failed: ${errorMessage(error)}`,
          order.gatewayName,
          LogLevel.ERROR,
        );
      }
    }
    return n;
  }

  queryHistory(req: HistoryRequest, gatewayName: string): Promise<BarData[]> {
    return this.getGateway(gatewayName).queryHistory(req);
  }

  /**
   * What the order would take and cost, asked of its gateway without placing it; checked first as sendOrder
   * checks (a RequestError before anything is asked).
   */
  queryOrderCost(req: OrderRequest, gatewayName: string): Promise<OrderCost> {
    try {
      return this.checkedGateway(req, gatewayName).queryOrderCost(req);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  writeLog(msg: string, source = '', level: LogLevel = LogLevel.INFO): void {
    this.eventEngine.put('log', createLog(msg, source, level));
  }

  /** Stops the event engine (no more timers), then closes engines and gateways. */
  async close(): Promise<void> {
    this.eventEngine.stop();
    for (const engine of this.engines.values()) {
      try {
        await engine.close?.();
      } catch (error) {
        process.stderr.write(
          `vnt: closing engine ${engine.engineName} failed: ${redact(errorMessage(error))}\n`,
        );
      }
    }
    await Promise.all(
      [...this.gateways.values()].map((g) =>
        g.close().catch((error: unknown) => {
          process.stderr.write(
            `vnt: closing gateway ${g.gatewayName} failed: ${redact(errorMessage(error))}\n`,
          );
        }),
      ),
    );
    this.logEngine?.close();
  }

  // ---- OMS getters (typed, rather than vnpy's monkey-patching) ---------------------------------------------

  getTick(vtSymbol: string, gatewayName?: string): TickData | undefined {
    return this.oms.getTick(vtSymbol, gatewayName);
  }
  getOrder(vtOrderid: string): OrderData | undefined {
    return this.oms.getOrder(vtOrderid);
  }
  getTrade(vtTradeid: string): TradeData | undefined {
    return this.oms.getTrade(vtTradeid);
  }
  getPosition(vtPositionid: string): PositionData | undefined {
    return this.oms.getPosition(vtPositionid);
  }
  getAccount(vtAccountid: string): AccountData | undefined {
    return this.oms.getAccount(vtAccountid);
  }
  getContract(vtSymbol: string, gatewayName?: string): ContractData | undefined {
    return this.oms.getContract(vtSymbol, gatewayName);
  }
  /** Every gateway's listing of one vtSymbol. */
  getListings(vtSymbol: string): ContractData[] {
    return this.oms.getListings(vtSymbol);
  }
  getAllTicks(): TickData[] {
    return this.oms.getAllTicks();
  }
  getAllOrders(): OrderData[] {
    return this.oms.getAllOrders();
  }
  getAllTrades(): TradeData[] {
    return this.oms.getAllTrades();
  }
  getAllPositions(): PositionData[] {
    return this.oms.getAllPositions();
  }
  getAllAccounts(): AccountData[] {
    return this.oms.getAllAccounts();
  }
  getAllContracts(): ContractData[] {
    return this.oms.getAllContracts();
  }
  getAllActiveOrders(vtSymbol = ''): OrderData[] {
    return this.oms.getAllActiveOrders(vtSymbol);
  }
}
