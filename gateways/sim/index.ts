// SimGateway: vnt's default gateway, a translator over the in-process simulated exchange (src/sim). It owns
// the exchange unless pointed at a registered venue, keeps one account per currency of the instruments, and
// treats its link to the exchange like a network connection: a drop makes it RECONNECTING, and on reconnect
// it reconciles orders and fills from the exchange without repeating a trade.
import {
  Direction,
  Exchange,
  GatewayStatus,
  LogLevel,
  Offset,
  OrderType,
  Status,
} from '../../src/core/constant.js';
import { NotConnectedError, errorMessage } from '../../src/core/errors.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import {
  orderFromRequest,
  type AmendRequest,
  type BarData,
  type CancelRequest,
  type HistoryRequest,
  type OrderRequest,
  type SubscribeRequest,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { createSimExchange } from '../../src/sim/exchange.js';
import { loadInstruments } from '../../src/sim/instruments.js';
import type { InstrumentSpec, MarketStats, SimExchange, SimOrder } from '../../src/sim/types.js';
import { OrderTracker } from '../common/order-tracker.js';
import { toAccount, toBar, toContract, toOrder, toPosition, toTick, toTrade } from './parse.js';
import { findVenue, LinkDownError, SimVenue, type SimLink } from './venue.js';

/** Reconnect attempts back off from this to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 2000;

export class SimGateway extends BaseGateway {
  static override readonly defaultName = 'SIM';
  static override readonly defaultSetting: SettingSchema = {
    seed: { type: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, label: 'Random seed' },
    tickRate: {
      type: 'integer',
      default: 20,
      min: 0,
      max: 1_000_000,
      label: 'Ticks per second',
      help: 'market-data events per second across all instruments; 0 freezes the market',
    },
    capital: { type: 'integer', default: 1_000_000, min: 0, label: 'Starting capital (per currency)' },
    depth: {
      type: 'integer',
      default: 5,
      min: 5,
      max: 10,
      label: 'Depth levels',
      help: 'levels of the book in each tick; above 5 they also come as TickData.depth (a ten-level venue)',
    },
    instruments: {
      type: 'string',
      default: '',
      label: 'Instruments file',
      help: 'a JSON list of instruments; empty uses the bundled demo list',
    },
    venue: {
      type: 'string',
      default: '',
      label: 'Shared venue',
      help: 'name of an in-process venue registered by a test or script; empty starts a new exchange',
    },
  };
  static override readonly exchanges: readonly Exchange[] = [
    Exchange.SHFE,
    Exchange.INE,
    Exchange.CFFEX,
    Exchange.DCE,
    Exchange.CZCE,
    Exchange.GFEX,
    Exchange.SSE,
    Exchange.SZSE,
    Exchange.NASDAQ,
    Exchange.NYSE,
    Exchange.SMART,
    Exchange.SIM,
  ];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [
      OrderType.LIMIT,
      OrderType.MARKET,
      OrderType.STOP,
      OrderType.FAK,
      OrderType.FOK,
      OrderType.POSTONLY,
    ],
    history: true,
    offsets: true,
    amend: true,
  };

  private venue: SimVenue | undefined;
  private ownsVenue = false;
  private link: SimLink | undefined;
  private instruments: ReadonlyMap<string, InstrumentSpec> = new Map();
  /** Currency → this gateway's account on the exchange. */
  private readonly accountOf = new Map<string, string>();
  private readonly ourAccounts = new Set<string>();
  private readonly subscribed = new Set<string>();
  private readonly stats = new Map<string, MarketStats>();
  /** Orders and trades pushed: an order never moves backwards or repeats itself, a fill is pushed once. */
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  private readonly references = new Map<string, string>();
  private seq = 0;
  /** Book levels a side in each tick (the depth setting). */
  private depthLevels = 5;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = FIRST_RETRY_MS;
  private closed = false;

  /** The exchange this gateway trades on (scripts and tests reach the synthetic market through it). */
  get exchange(): SimExchange | undefined {
    return this.venue?.exchange;
  }

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.link) throw new Error('already connected');
    this.closed = false;
    // A new session: what the last one pushed says nothing about this exchange (subscriptions carry over).
    this.accountOf.clear();
    this.ourAccounts.clear();
    this.stats.clear();
    this.tracker.clear();
    this.references.clear();
    this.seq = 0;
    this.setStatus(GatewayStatus.CONNECTING);
    const venueName = String(setting['venue'] ?? '');
    if (venueName) {
      const venue = findVenue(venueName);
      if (!venue) throw new Error(`no simulated venue named "${venueName}" is registered in this process`);
      this.venue = venue;
      this.ownsVenue = false;
    } else {
      const file = String(setting['instruments'] ?? '');
      const instruments = file ? loadInstruments(file) : loadInstruments();
      this.venue = new SimVenue(
        createSimExchange({
          seed: Number(setting['seed'] ?? 1),
          instruments,
          tickRate: Number(setting['tickRate'] ?? 20),
        }),
      );
      this.ownsVenue = true;
    }
    this.depthLevels = Number(setting['depth'] ?? 5);
    const exchange = this.venue.exchange;
    this.link = this.venue.link({
      down: () => this.onLinkDown(),
      order: (o) => this.pushOrder(o),
      fill: (f) => {
        if (this.ourAccounts.has(f.accountId))
          this.tracker.trade(toTrade(f, this.exchangeOf(f.symbol), this.gatewayName));
      },
      position: (accountId, p) => {
        if (this.ourAccounts.has(accountId)) {
          this.onPosition(toPosition(p, this.exchangeOf(p.symbol), this.gatewayName));
        }
      },
      account: (a) => {
        if (this.ourAccounts.has(a.accountId)) this.onAccount(toAccount(a, this.gatewayName));
      },
      stats: (s) => void this.stats.set(s.symbol, s),
      book: (b) => {
        if (!this.subscribed.has(b.symbol)) return;
        const spec = this.instruments.get(b.symbol)!;
        const stats = this.stats.get(b.symbol) ?? exchange.getStats(b.symbol)!;
        this.onTick(toTick(spec, b, stats, this.gatewayName, this.depthLevels));
      },
    });
    this.instruments = exchange.instruments;
    const capital = Number(setting['capital'] ?? 1_000_000);
    for (const spec of this.instruments.values()) {
      if (this.accountOf.has(spec.currency)) continue;
      const accountId = `${this.gatewayName}-${spec.currency}`;
      exchange.openAccount(accountId, capital, spec.currency);
      this.accountOf.set(spec.currency, accountId);
      this.ourAccounts.add(accountId);
    }
    // Continue numbering after orders this account already has on a shared venue.
    for (const accountId of this.ourAccounts) {
      for (const o of exchange.getOrders(accountId)) {
        const n = Number(o.clientOrderId);
        if (Number.isSafeInteger(n) && n > this.seq) this.seq = n;
      }
    }
    for (const spec of this.instruments.values()) this.onContract(toContract(spec, this.gatewayName));
    this.sync();
    if (this.ownsVenue) exchange.start();
    this.writeLog(`connected to the simulated exchange (${this.instruments.size} instruments)`);
    this.setStatus(GatewayStatus.CONNECTED);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.link?.close();
    this.link = undefined;
    if (this.ownsVenue) this.venue?.exchange.stop();
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  subscribe(req: SubscribeRequest): void {
    const spec = this.instruments.get(req.symbol);
    if (!spec || spec.exchange !== req.exchange) {
      this.writeLog(
        `subscribe: ${req.symbol}.${req.exchange} is not listed by the simulated exchange`,
        LogLevel.WARNING,
      );
      return;
    }
    this.subscribed.add(req.symbol);
    if (this.link?.isUp) this.pushSnapshotTick(spec);
  }

  sendOrder(req: OrderRequest): string {
    const orderid = String(++this.seq);
    const order = orderFromRequest(req, orderid, this.gatewayName);
    this.tracker.add(order);
    const reject = (msg: string): string => {
      this.tracker.update({ ...order, status: Status.REJECTED, statusMsg: msg });
      return order.vtOrderid;
    };
    const spec = this.instruments.get(req.symbol);
    if (!spec || spec.exchange !== req.exchange)
      return reject(`unknown contract ${req.symbol}.${req.exchange}`);
    const link = this.link;
    if (!link?.isUp) return reject(`gateway ${this.gatewayName} is not connected`);
    if (req.reference) this.references.set(orderid, req.reference);
    try {
      const result = link.call((ex) =>
        ex.placeOrder(this.accountOf.get(spec.currency)!, {
          symbol: req.symbol,
          side: req.direction === Direction.SHORT ? 'SELL' : 'BUY',
          type: req.type,
          price: req.price,
          volume: req.volume,
          offset: req.offset ?? Offset.NONE,
          clientOrderId: orderid,
          ...(req.reduceOnly ? { reduceOnly: true } : {}),
        }),
      );
      if (!result.ok) return reject(`${result.reason} (${result.code})`);
    } catch (error) {
      return reject(errorMessage(error));
    }
    return order.vtOrderid;
  }

  cancelOrder(req: CancelRequest): void {
    const spec = this.instruments.get(req.symbol);
    const accountId = spec && this.accountOf.get(spec.currency);
    if (!accountId) {
      this.writeLog(`cancel ${req.orderid}: unknown contract ${req.symbol}`, LogLevel.WARNING);
      return;
    }
    try {
      const result = this.link
        ? this.link.call((ex) => ex.cancelByClientId(accountId, req.orderid))
        : undefined;
      if (!result) throw new NotConnectedError(this.gatewayName);
      if (!result.ok) this.writeLog(`cancel ${req.orderid} refused: ${result.reason}`, LogLevel.WARNING);
    } catch (error) {
      this.writeLog(`cancel ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
    }
  }

  override amendOrder(req: AmendRequest): void {
    const spec = this.instruments.get(req.symbol);
    const accountId = spec && this.accountOf.get(spec.currency);
    if (!accountId) {
      this.writeLog(`amend ${req.orderid}: unknown contract ${req.symbol}`, LogLevel.WARNING);
      return;
    }
    const change = {
      ...(req.price !== undefined ? { price: req.price } : {}),
      ...(req.volume !== undefined ? { volume: req.volume } : {}),
    };
    try {
      const result = this.link
        ? this.link.call((ex) => ex.amendByClientId(accountId, req.orderid, change))
        : undefined;
      if (!result) throw new NotConnectedError(this.gatewayName);
      if (!result.ok) {
        this.writeLog(`amend ${req.orderid} refused: ${result.reason} (${result.code})`, LogLevel.WARNING);
      }
    } catch (error) {
      this.writeLog(`amend ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
    }
  }

  override queryAccount(): void {
    if (!this.link?.isUp) return;
    for (const accountId of this.ourAccounts) {
      const a = this.link.call((ex) => ex.getAccount(accountId));
      if (a) this.onAccount(toAccount(a, this.gatewayName));
    }
  }

  override queryPosition(): void {
    if (!this.link?.isUp) return;
    for (const accountId of this.ourAccounts) {
      for (const p of this.link.call((ex) => ex.getPositions(accountId))) {
        this.onPosition(toPosition(p, this.exchangeOf(p.symbol), this.gatewayName));
      }
    }
  }

  override async queryHistory(req: HistoryRequest): Promise<BarData[]> {
    const link = this.link;
    if (!link?.isUp) throw new NotConnectedError(this.gatewayName);
    const spec = this.instruments.get(req.symbol);
    if (!spec || spec.exchange !== req.exchange) {
      throw new Error(`history: ${req.symbol}.${req.exchange} is not listed by the simulated exchange`);
    }
    const bars = link.call((ex) => ex.getBars(req.symbol, req.interval, req.start, req.end ?? Date.now()));
    return bars.map((b) => toBar(b, spec.exchange, this.gatewayName));
  }

  // ---- link ------------------------------------------------------------------------------------------------

  private onLinkDown(): void {
    if (this.closed) return;
    this.setStatus(GatewayStatus.RECONNECTING, 'lost the link to the simulated exchange');
    this.writeLog('lost the link to the simulated exchange; reconnecting', LogLevel.WARNING);
    this.retryMs = FIRST_RETRY_MS;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.tryReconnect();
    }, this.retryMs);
  }

  private tryReconnect(): void {
    const link = this.link;
    if (this.closed || !link) return;
    try {
      link.reconnect();
    } catch (error) {
      if (!(error instanceof LinkDownError)) throw error;
      this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
      this.scheduleReconnect();
      return;
    }
    this.sync();
    for (const symbol of this.subscribed) this.pushSnapshotTick(this.instruments.get(symbol)!);
    this.writeLog('reconnected to the simulated exchange; orders and trades reconciled');
    this.setStatus(GatewayStatus.CONNECTED);
  }

  /** Pushes the exchange's view of accounts, positions, orders and fills; only what changed for orders/fills. */
  private sync(): void {
    const link = this.link!;
    for (const accountId of this.ourAccounts) {
      const account = link.call((ex) => ex.getAccount(accountId));
      if (account) this.onAccount(toAccount(account, this.gatewayName));
      for (const p of link.call((ex) => ex.getPositions(accountId))) {
        this.onPosition(toPosition(p, this.exchangeOf(p.symbol), this.gatewayName));
      }
      for (const o of link.call((ex) => ex.getOrders(accountId))) this.pushOrder(o);
      for (const f of link.call((ex) => ex.getFills(accountId))) {
        this.tracker.trade(toTrade(f, this.exchangeOf(f.symbol), this.gatewayName));
      }
    }
  }

  private pushOrder(o: SimOrder): void {
    if (!this.ourAccounts.has(o.accountId)) return;
    const reference = this.references.get(o.clientOrderId) ?? '';
    const order = toOrder(o, this.exchangeOf(o.symbol), this.gatewayName, reference);
    // An amend keeps the order's status and fills; only its price or volume moves.
    this.tracker.amend(order.orderid, order.price, order.volume);
    this.tracker.update(order);
  }

  private pushSnapshotTick(spec: InstrumentSpec): void {
    const ex = this.venue!.exchange;
    const book = ex.getBook(spec.symbol, 5);
    const stats = ex.getStats(spec.symbol);
    if (book && stats)
      this.onTick(toTick(spec, { ...book, time: Date.now() }, stats, this.gatewayName, this.depthLevels));
  }

  private exchangeOf(symbol: string): Exchange {
    return this.instruments.get(symbol)?.exchange ?? Exchange.LOCAL;
  }
}

export { SimVenue, SimLink, LinkDownError, registerVenue, unregisterVenue, findVenue } from './venue.js';
