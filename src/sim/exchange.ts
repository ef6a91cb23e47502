// The simulated exchange (createSimExchange): owns order state, matches accepted orders, books fills to
// accounts and paces the synthetic market. Each part does one job in its own module: the book (book.ts), the
// order checks (order-check.ts), the ledger (accounts.ts), the synthetic market (market.ts), instrument state
// and bars (instrument.ts, bars.ts) and event delivery (outbox.ts).
import { Interval, Offset, OrderType } from '../core/constant.js';
import {
  emptyReserve,
  Ledger,
  positionMode,
  q,
  type AccountState,
  type PositionState,
  type Reserve,
} from './accounts.js';
import { BUY, SELL, type BookOrder, type SideCode } from './book.js';
import {
  createInstrumentState,
  setBand,
  snapshotBook,
  toPrice,
  toVolume,
  type InstrumentState,
} from './instrument.js';
import { SyntheticMarket } from './market.js';
import { checkOrder, limitOf, refuse } from './order-check.js';
import { Outbox } from './outbox.js';
import { Rng } from './rng.js';
import type {
  BookSnapshot,
  InstrumentSpec,
  MarketStats,
  Side,
  SimAccount,
  SimBar,
  SimExchange,
  SimExchangeEvents,
  SimExchangeOptions,
  SimFill,
  SimOrder,
  SimOrderRequest,
  SimPosition,
  SimResult,
} from './types.js';

/** Levels per side in book events and getBook by default. */
const BOOK_DEPTH = 10;
/** Market steps are run from a timer at this period; each run does the steps the rate owes. */
const TIMER_MS = 20;

interface LiveOrder {
  readonly order: SimOrder;
  readonly inst: Inst;
  readonly account: AccountState;
  readonly side: SideCode;
  /** Total lots ordered (an amend can change it). */
  lots: number;
  filledLots: number;
  /** Sum of fill price × volume, for the average price. */
  filledValue: number;
  readonly reserve: Reserve;
  /** STOP orders: trigger in ticks. */
  readonly trigger: number;
}

type Inst = InstrumentState<LiveOrder>;

interface AccountBook {
  readonly state: AccountState;
  readonly orders: Map<number, LiveOrder>;
  readonly byClientId: Map<string, LiveOrder>;
  readonly open: Map<number, LiveOrder>;
  readonly fills: SimFill[];
  injected: string[];
}

export function createSimExchange(options: SimExchangeOptions): SimExchange {
  return new Exchange(options);
}

class Exchange implements SimExchange {
  readonly instruments: ReadonlyMap<string, InstrumentSpec>;
  private readonly insts = new Map<string, Inst>();
  private readonly instList: Inst[] = [];
  private readonly accounts = new Map<string, AccountBook>();
  private readonly ledger: Ledger;
  private readonly market: SyntheticMarket<LiveOrder>;
  private readonly now: () => number;
  private readonly events = new Outbox<SimExchangeEvents>();
  private orderSeq = 0;
  private tradeSeq = 0;
  private tickRate: number;
  private marketActive = true;
  private timer: NodeJS.Timeout | undefined;
  private lastRun = 0;
  private owed = 0;
  private rr = 0;
  private readonly seedBooks: boolean;
  // The taker of the match in progress (a field rather than a closure, to keep matching allocation-free).
  private taker: LiveOrder | null = null;
  private takerSide: SideCode = BUY;
  private takerInst: Inst | null = null;
  private readonly sink = (maker: BookOrder<LiveOrder>, lots: number, ticks: number): void =>
    this.onMatch(maker, lots, ticks);
  private readonly accountsOnly = (o: BookOrder<LiveOrder>): boolean => o.ref !== null;

  constructor(options: SimExchangeOptions) {
    this.now = options.now ?? Date.now;
    this.tickRate = Math.max(0, options.tickRate);
    const rng = new Rng(options.seed);
    this.ledger = new Ledger((symbol) => this.insts.get(symbol)?.stats.lastPrice ?? 0);
    this.market = new SyntheticMarket<LiveOrder>(
      {
        nextOrderId: () => ++this.orderSeq,
        cross: (inst, side, limit, lots) => this.cross(inst as Inst, side, limit, lots, false),
      },
      rng,
    );
    const specs = new Map<string, InstrumentSpec>();
    // Steps are shared round-robin among the instruments.
    const stepsPerMinute = (this.tickRate * 60) / Math.max(1, options.instruments.length);
    const start = this.now();
    for (const spec of options.instruments) {
      if (specs.has(spec.symbol)) throw new Error(`instrument ${spec.symbol} is listed twice`);
      specs.set(spec.symbol, spec);
      const inst = createInstrumentState<LiveOrder>(spec, start, options.seed, stepsPerMinute);
      this.insts.set(spec.symbol, inst);
      this.instList.push(inst);
    }
    this.instruments = specs;
    this.seedBooks = options.seedBooks !== false;
    if (this.seedBooks) {
      this.run(() => {
        for (const inst of this.instList) this.market.seed(inst);
      });
    }
    // The seeded books are the starting state, not news.
    this.events.discard();
    for (const inst of this.instList) inst.announced = inst.book.sequence;
  }

  // ---- market control ----------------------------------------------------------------------------------------

  start(): void {
    if (this.timer) return;
    // Pacing is real time even when timestamps come from a test's clock.
    this.lastRun = Date.now();
    this.owed = 0;
    this.timer = setInterval(() => this.onTimer(), TIMER_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  setMarketActive(active: boolean): void {
    this.marketActive = active;
    this.lastRun = Date.now();
    this.owed = 0;
  }

  setTickRate(perSecond: number): void {
    this.tickRate = Math.max(0, Number.isFinite(perSecond) ? perSecond : 0);
  }

  step(n = 1): void {
    // Each step delivers its events before the next, so a long run never piles up a queue of snapshots.
    for (let i = 0; i < n && this.instList.length > 0; i++) this.run(this.stepOne);
  }

  private onTimer(): void {
    const now = Date.now();
    // After a stall (GC, a slow handler, a suspended laptop) the market does not catch up in one burst: a
    // second of owed steps in one callback would hold the event loop, and a console's key presses with it,
    // for tens of milliseconds at high tick rates. At most two timer periods are made up; the rest is skipped.
    const elapsed = Math.min(2 * TIMER_MS, now - this.lastRun);
    this.lastRun = now;
    if (!this.marketActive || this.tickRate <= 0) return;
    this.owed += (this.tickRate * elapsed) / 1000;
    const n = Math.floor(this.owed);
    if (n <= 0) return;
    this.owed -= n;
    this.step(n);
  }

  private readonly stepOne = (): void => {
    const inst = this.instList[this.rr]!;
    this.rr = (this.rr + 1) % this.instList.length;
    this.market.step(inst);
    this.announce(inst);
  };

  // ---- accounts ------------------------------------------------------------------------------------------

  openAccount(
    accountId: string,
    cash: number,
    currency = 'CNY',
    assets: Record<string, number> = {},
  ): SimAccount {
    let book = this.accounts.get(accountId);
    if (!book) {
      book = {
        state: this.ledger.open(accountId, cash, currency),
        orders: new Map(),
        byClientId: new Map(),
        open: new Map(),
        fills: [],
        injected: [],
      };
      this.accounts.set(accountId, book);
      for (const [asset, amount] of Object.entries(assets)) {
        const spec = [...this.instruments.values()].find(
          (s) => positionMode(s) === 'spot' && (s.baseAsset ?? s.symbol) === asset,
        );
        if (!spec) throw new Error(`openAccount: no spot instrument trades asset "${asset}"`);
        this.ledger.deposit(book.state, spec, amount);
      }
    }
    return this.snapshotAccount(book.state);
  }

  getAccount(accountId: string): SimAccount | undefined {
    const book = this.accounts.get(accountId);
    return book ? this.snapshotAccount(book.state) : undefined;
  }

  getPositions(accountId: string): SimPosition[] {
    const book = this.accounts.get(accountId);
    if (!book) return [];
    return [...book.state.positions.values()].map((p) => this.ledger.snapshotPosition(p));
  }

  rollDay(): void {
    this.run(() => {
      for (const book of this.accounts.values()) {
        for (const live of [...book.open.values()]) this.finish(live, 'CANCELED', 'trading day ended');
      }
      this.ledger.rollDay();
      for (const inst of this.instList) {
        const s = inst.stats;
        s.preClose = s.lastPrice;
        s.openPrice = 0;
        s.highPrice = 0;
        s.lowPrice = 0;
        s.volume = 0;
        s.turnover = 0;
        s.lastVolume = 0;
        setBand(inst);
        // Synthetic quotes outside the new band are withdrawn; the market re-quotes inside it.
        for (const o of inst.book.allOrders()) {
          if (o.price > inst.limitUpTicks || o.price < inst.limitDownTicks) inst.book.remove(o.id);
        }
        if (this.seedBooks) this.market.seed(inst);
        inst.statsDirty = true;
        this.announce(inst);
      }
      for (const book of this.accounts.values()) {
        for (const pos of book.state.positions.values()) this.emitPosition(book.state, pos);
        this.emitAccount(book.state);
      }
    });
  }

  // ---- orders --------------------------------------------------------------------------------------------

  placeOrder(accountId: string, req: SimOrderRequest): SimResult<SimOrder> {
    return this.run(() => this.place(accountId, req));
  }

  cancelOrder(accountId: string, orderId: number): SimResult<SimOrder> {
    return this.run(() => {
      const book = this.accounts.get(accountId);
      if (!book) return refuse('UNKNOWN_ACCOUNT', `unknown account ${accountId}`);
      return this.cancelLive(book.orders.get(orderId), `order ${orderId}`);
    });
  }

  cancelByClientId(accountId: string, clientOrderId: string): SimResult<SimOrder> {
    return this.run(() => {
      const book = this.accounts.get(accountId);
      if (!book) return refuse('UNKNOWN_ACCOUNT', `unknown account ${accountId}`);
      return this.cancelLive(book.byClientId.get(clientOrderId), `order with client id ${clientOrderId}`);
    });
  }

  amendByClientId(
    accountId: string,
    clientOrderId: string,
    change: { price?: number; volume?: number },
  ): SimResult<SimOrder> {
    return this.run(() => {
      const book = this.accounts.get(accountId);
      if (!book) return refuse('UNKNOWN_ACCOUNT', `unknown account ${accountId}`);
      return this.amendLive(book.byClientId.get(clientOrderId), change);
    });
  }

  amendOrder(
    accountId: string,
    orderId: number,
    change: { price?: number; volume?: number },
  ): SimResult<SimOrder> {
    return this.run(() => {
      const book = this.accounts.get(accountId);
      if (!book) return refuse('UNKNOWN_ACCOUNT', `unknown account ${accountId}`);
      return this.amendLive(book.orders.get(orderId), change);
    });
  }

  getOrder(accountId: string, orderId: number): SimOrder | undefined {
    const live = this.accounts.get(accountId)?.orders.get(orderId);
    return live ? { ...live.order } : undefined;
  }

  getOrderByClientId(accountId: string, clientOrderId: string): SimOrder | undefined {
    const live = this.accounts.get(accountId)?.byClientId.get(clientOrderId);
    return live ? { ...live.order } : undefined;
  }

  getOpenOrders(accountId: string, symbol?: string): SimOrder[] {
    const book = this.accounts.get(accountId);
    if (!book) return [];
    const out: SimOrder[] = [];
    for (const live of book.open.values()) {
      if (symbol === undefined || live.order.symbol === symbol) out.push({ ...live.order });
    }
    return out.sort((a, b) => a.orderId - b.orderId);
  }

  getOrders(accountId: string): SimOrder[] {
    const book = this.accounts.get(accountId);
    return book ? [...book.orders.values()].map((l) => ({ ...l.order })) : [];
  }

  getFills(accountId: string, sinceTradeId = 0): SimFill[] {
    const fills = this.accounts.get(accountId)?.fills ?? [];
    let lo = 0;
    let hi = fills.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fills[mid]!.tradeId <= sinceTradeId) lo = mid + 1;
      else hi = mid;
    }
    return fills.slice(lo).map((f) => ({ ...f }));
  }

  // ---- market data ---------------------------------------------------------------------------------------

  getBook(symbol: string, depth = BOOK_DEPTH): BookSnapshot | undefined {
    const inst = this.insts.get(symbol);
    return inst ? snapshotBook(inst, depth, this.now()) : undefined;
  }

  getStats(symbol: string): MarketStats | undefined {
    const inst = this.insts.get(symbol);
    return inst ? { ...inst.stats } : undefined;
  }

  getBars(symbol: string, interval: Interval, start: number, end: number): SimBar[] {
    return this.insts.get(symbol)?.bars.get(interval, start, end) ?? [];
  }

  crossFromMarket(symbol: string, side: Side, price: number, volume: number): void {
    const inst = this.insts.get(symbol);
    if (!inst) throw new Error(`crossFromMarket: unknown instrument ${symbol}`);
    const lots = Math.round(volume / inst.lot);
    const limit = Math.round(price / inst.tick);
    this.run(() => this.cross(inst, side === 'BUY' ? BUY : SELL, limit, lots, true));
  }

  injectReject(accountId: string, reason: string): void {
    const book = this.accounts.get(accountId);
    if (!book) throw new Error(`injectReject: unknown account ${accountId}`);
    book.injected.push(reason);
  }

  on<E extends keyof SimExchangeEvents>(event: E, listener: SimExchangeEvents[E]): void {
    this.events.on(event, listener);
  }

  off<E extends keyof SimExchangeEvents>(event: E, listener: SimExchangeEvents[E]): void {
    this.events.off(event, listener);
  }

  // ---- placing -------------------------------------------------------------------------------------------

  private place(accountId: string, req: SimOrderRequest): SimResult<SimOrder> {
    const book = this.accounts.get(accountId);
    if (!book) return refuse('UNKNOWN_ACCOUNT', `unknown account ${accountId}`);
    const injected = book.injected.shift();
    if (injected !== undefined) return refuse('INJECTED', injected);
    const inst = this.insts.get(req.symbol);
    if (!inst) return refuse('UNKNOWN_INSTRUMENT', `instrument ${String(req.symbol)} is not listed`);
    const spec = inst.spec;
    if (req.clientOrderId !== undefined && book.byClientId.has(req.clientOrderId)) {
      return refuse('DUPLICATE_CLIENT_ID', `client order id ${req.clientOrderId} was already used`);
    }
    const checked = checkOrder(inst, req);
    if (!checked.ok) return checked;
    const { side, lots, ticks, limit } = checked;
    const { type, volume } = req;
    const offset = req.offset ?? Offset.NONE;
    const reserve = emptyReserve();
    const refusal = this.ledger.reserve(
      book.state,
      {
        spec,
        buy: side === BUY,
        offset,
        volume,
        price: this.reservePrice(inst, type, side, ticks, lots),
        ...(req.reduceOnly ? { reduceOnly: true } : {}),
      },
      reserve,
    );
    if (refusal) return refuse(refusal.code, refusal.reason);

    const now = this.now();
    const orderId = ++this.orderSeq;
    const order: SimOrder = {
      orderId,
      clientOrderId: req.clientOrderId ?? String(orderId),
      accountId,
      symbol: spec.symbol,
      side: req.side,
      type,
      price: type === OrderType.MARKET ? 0 : toPrice(inst, ticks),
      volume,
      filled: 0,
      avgPrice: 0,
      offset,
      status: type === OrderType.STOP ? 'PENDING_TRIGGER' : 'NEW',
      reason: '',
      createdAt: now,
      updatedAt: now,
    };
    const live: LiveOrder = {
      order,
      inst,
      account: book.state,
      side,
      lots,
      filledLots: 0,
      filledValue: 0,
      reserve,
      trigger: type === OrderType.STOP ? ticks : NaN,
    };
    book.orders.set(orderId, live);
    book.byClientId.set(order.clientOrderId, live);
    book.open.set(orderId, live);
    this.emitOrder(live);
    this.emitAccount(book.state);
    if (reserve.position) this.emitPosition(book.state, reserve.position);
    if (type === OrderType.STOP) {
      inst.stops.push(live);
      this.checkStops(inst);
    } else {
      this.execute(live, limit);
    }
    this.announce(inst);
    return { ok: true, value: { ...live.order } };
  }

  /** Matches an accepted order; what is left rests (limit kinds) or is cancelled (market, FAK, FOK). */
  private execute(live: LiveOrder, limit: number): void {
    const inst = live.inst;
    this.taker = live;
    this.takerSide = live.side;
    this.takerInst = inst;
    inst.book.match(live.side, limit, live.lots - live.filledLots, this.sink);
    this.taker = null;
    this.takerInst = null;
    const left = live.lots - live.filledLots;
    if (left > 0 && isActive(live.order.status)) {
      const type = live.order.type;
      if (type === OrderType.LIMIT || type === OrderType.POSTONLY) {
        inst.book.add(live.order.orderId, live.side, limit, left, live);
      } else {
        const why =
          type === OrderType.FAK
            ? 'fill-and-kill remainder cancelled'
            : live.filledLots > 0
              ? 'market order remainder cancelled: no more liquidity'
              : 'market order cancelled: no liquidity';
        this.finish(live, 'CANCELED', why);
      }
    }
    this.checkStops(inst);
  }

  /** A synthetic taker (market participant or test lever). `accountsOnly` trades with accounts' orders only. */
  private cross(inst: Inst, side: SideCode, limit: number, lots: number, accountsOnly: boolean): void {
    if (lots <= 0) return;
    this.taker = null;
    this.takerSide = side;
    this.takerInst = inst;
    inst.book.match(side, limit, lots, this.sink, accountsOnly ? this.accountsOnly : undefined);
    this.takerInst = null;
    this.checkStops(inst);
    this.announce(inst);
  }

  private onMatch(maker: BookOrder<LiveOrder>, lots: number, ticks: number): void {
    const inst = this.takerInst!;
    const tradeId = ++this.tradeSeq;
    const price = toPrice(inst, ticks);
    const volume = toVolume(inst, lots);
    const now = this.now();
    const s = inst.stats;
    inst.lastTicks = ticks;
    s.lastPrice = price;
    s.lastVolume = volume;
    s.volume = q(s.volume + volume);
    s.turnover += price * volume * inst.spec.size;
    if (s.openPrice === 0) s.openPrice = price;
    if (price > s.highPrice || s.highPrice === 0) s.highPrice = price;
    if (price < s.lowPrice || s.lowPrice === 0) s.lowPrice = price;
    // Who opened and who closed is unknown for synthetic participants; alternating trades open and close, so
    // open interest wanders around its starting level the way it does over a quiet session.
    if (inst.hasOpenInterest)
      s.openInterest = Math.max(0, q(s.openInterest + (tradeId & 1 ? volume : -volume)));
    s.time = now;
    inst.statsDirty = true;
    inst.bars.onTrade(now, price, volume);
    const side: Side = this.takerSide === BUY ? 'BUY' : 'SELL';
    if (this.events.wants('trade')) {
      this.events.put('trade', { symbol: inst.spec.symbol, tradeId, price, volume, side, time: now });
    }
    if (maker.ref) this.fillAccount(maker.ref, lots, price, volume, tradeId, true, now);
    if (this.taker) this.fillAccount(this.taker, lots, price, volume, tradeId, false, now);
  }

  private fillAccount(
    live: LiveOrder,
    lots: number,
    price: number,
    volume: number,
    tradeId: number,
    maker: boolean,
    now: number,
  ): void {
    const { inst, order } = live;
    const spec = inst.spec;
    const commission = q(price * volume * spec.size * (spec.commissionRate ?? 0));
    const pos = this.ledger.fill(
      live.account,
      spec,
      live.side === BUY,
      order.offset,
      price,
      volume,
      commission,
      live.reserve,
    );
    live.filledLots += lots;
    live.filledValue += price * volume;
    order.filled = toVolume(inst, live.filledLots);
    order.avgPrice = live.filledValue / order.filled;
    order.updatedAt = now;
    const fill: SimFill = {
      tradeId,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      accountId: order.accountId,
      symbol: order.symbol,
      side: order.side,
      offset: order.offset,
      price,
      volume,
      commission,
      maker,
      time: now,
    };
    const book = this.accounts.get(order.accountId)!;
    book.fills.push(fill);
    if (live.filledLots >= live.lots) {
      this.finish(live, 'FILLED', '', false);
    } else {
      order.status = 'PARTIALLY_FILLED';
    }
    this.emitOrder(live);
    this.events.put('fill', { ...fill });
    this.emitPosition(live.account, pos);
    this.emitAccount(live.account);
  }

  /** Ends an order: releases what it reserved and takes it out of the book and the open set. */
  private finish(live: LiveOrder, status: 'FILLED' | 'CANCELED', reason: string, emit = true): void {
    const order = live.order;
    const book = this.accounts.get(order.accountId)!;
    order.status = status;
    order.reason = reason;
    order.updatedAt = this.now();
    live.inst.book.remove(order.orderId);
    if (order.type === OrderType.STOP) {
      const i = live.inst.stops.indexOf(live);
      if (i >= 0) live.inst.stops.splice(i, 1);
    }
    book.open.delete(order.orderId);
    const pos = live.reserve.position;
    this.ledger.release(live.account, live.reserve);
    if (emit) {
      this.emitOrder(live);
      if (pos) this.emitPosition(live.account, pos);
      this.emitAccount(live.account);
    }
  }

  private cancelLive(live: LiveOrder | undefined, what: string): SimResult<SimOrder> {
    if (!live) return refuse('UNKNOWN_ORDER', `${what} not found`);
    if (!isActive(live.order.status)) {
      return refuse('ORDER_NOT_ACTIVE', `${what} is ${live.order.status.toLowerCase()}; nothing to cancel`);
    }
    this.finish(live, 'CANCELED', 'cancelled by request');
    this.announce(live.inst);
    return { ok: true, value: { ...live.order } };
  }

  private amendLive(
    live: LiveOrder | undefined,
    change: { price?: number; volume?: number },
  ): SimResult<SimOrder> {
    if (!live) return refuse('UNKNOWN_ORDER', 'order not found');
    const order = live.order;
    if (!isActive(order.status) || order.status === 'PENDING_TRIGGER') {
      return refuse('ORDER_NOT_ACTIVE', `order is ${order.status.toLowerCase()}; nothing to amend`);
    }
    if (order.type !== OrderType.LIMIT && order.type !== OrderType.POSTONLY) {
      return refuse('UNKNOWN_ORDER', `a ${order.type} order cannot be amended`);
    }
    const price = change.price ?? order.price;
    const volume = change.volume ?? order.volume;
    if (!(volume > order.filled)) {
      return refuse('BAD_LOT_SIZE', `volume ${volume} must be above the ${order.filled} already filled`);
    }
    const req: SimOrderRequest = { symbol: order.symbol, side: order.side, type: order.type, price, volume };
    const checked = checkOrder(live.inst, req);
    if (!checked.ok) return checked;
    const inst = live.inst;
    const reserveFor = (p: number, v: number) => ({
      spec: inst.spec,
      buy: live.side === BUY,
      offset: order.offset,
      volume: v - order.filled,
      price: p,
    });
    this.ledger.release(live.account, live.reserve);
    const refusal = this.ledger.reserve(live.account, reserveFor(price, volume), live.reserve);
    if (refusal) {
      // What it held before is free again, so taking it back cannot fail.
      this.ledger.reserve(live.account, reserveFor(order.price, order.volume), live.reserve);
      return refuse(refusal.code, refusal.reason);
    }
    inst.book.remove(order.orderId);
    order.price = toPrice(inst, checked.ticks);
    order.volume = volume;
    order.updatedAt = this.now();
    live.lots = checked.lots;
    this.emitOrder(live);
    this.emitAccount(live.account);
    if (live.reserve.position) this.emitPosition(live.account, live.reserve.position);
    this.execute(live, checked.limit);
    this.announce(inst);
    return { ok: true, value: { ...live.order } };
  }

  /** Triggers stop orders whose price the last trade reached; each becomes a market order. */
  private checkStops(inst: Inst): void {
    for (let guard = 0; inst.stops.length > 0 && guard < 1000; guard++) {
      const last = inst.lastTicks;
      const hit = inst.stops.find((s) => (s.side === BUY ? last >= s.trigger : last <= s.trigger));
      if (!hit) return;
      inst.stops.splice(inst.stops.indexOf(hit), 1);
      hit.order.status = 'NEW';
      hit.order.updatedAt = this.now();
      this.emitOrder(hit);
      this.execute(hit, limitOf(inst, OrderType.MARKET, hit.side, NaN));
    }
  }

  // ---- helpers -------------------------------------------------------------------------------------------

  /** Price that sizes an order's cash reserve: its limit, or the worst level a market order would reach. */
  private reservePrice(inst: Inst, type: OrderType, side: SideCode, ticks: number, lots: number): number {
    if (type !== OrderType.MARKET) return toPrice(inst, ticks);
    let worst = inst.lastTicks;
    let left = lots;
    inst.book.forEachLevel(side === BUY ? SELL : BUY, (level) => {
      worst = level.price;
      left -= level.volume;
      return left > 0;
    });
    if (side === BUY && worst < inst.lastTicks) worst = inst.lastTicks;
    return toPrice(inst, worst);
  }

  // ---- events --------------------------------------------------------------------------------------------

  private run<R>(fn: () => R): R {
    return this.events.run(fn);
  }

  private emitOrder(live: LiveOrder): void {
    if (this.events.wants('order')) this.events.put('order', { ...live.order });
  }

  private emitAccount(account: AccountState): void {
    if (this.events.wants('account')) this.events.put('account', this.snapshotAccount(account));
  }

  private emitPosition(account: AccountState, pos: PositionState): void {
    if (this.events.wants('position'))
      this.events.put('position', account.id, this.ledger.snapshotPosition(pos));
  }

  /** Announces an instrument's stats and book if they changed since the last announcement. */
  private announce(inst: Inst): void {
    if (inst.statsDirty) {
      inst.statsDirty = false;
      if (this.events.wants('stats')) this.events.put('stats', { ...inst.stats });
    }
    if (inst.book.sequence !== inst.announced) {
      inst.announced = inst.book.sequence;
      if (this.events.wants('book')) this.events.put('book', snapshotBook(inst, BOOK_DEPTH, this.now()));
    }
  }

  private snapshotAccount(account: AccountState): SimAccount {
    return this.ledger.snapshotAccount(account, (pos) => pos.spec.baseAsset);
  }
}

function isActive(status: SimOrder['status']): boolean {
  return status === 'NEW' || status === 'PARTIALLY_FILLED' || status === 'PENDING_TRIGGER';
}
