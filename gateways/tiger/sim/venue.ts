// A Tiger account over the shared simulated exchange: the REST gateway's methods (contracts, assets,
// positions, orders, transactions, place/modify/cancel) answering in Tiger's documented shapes, and the
// push messages (order status, order transaction, position, asset, quote, depth, trade tick) the push
// server delivers. Ids are Tiger-sized (about 4e16, past 2^53) and go on the wire as bare integers, as
// Tiger sends them, so a client that reads them as doubles loses digits here as it would against Tiger.
import { Interval, OrderType } from '../../../src/core/constant.js';
import { isMultipleOf } from '../../../src/core/validate.js';
import type {
  BookSnapshot,
  InstrumentSpec,
  MarketStats,
  PublicTrade,
  SimExchange,
  SimFill,
  SimOrder,
} from '../../../src/sim/types.js';
import {
  DataType,
  QuoteType,
  type AssetMsg,
  type OrderStatusMsg,
  type PositionMsg,
  type PushDataMsg,
  type TransactionMsg,
} from '../proto.js';
import { tigerTimestamp } from '../sign.js';

/**
 * Tiger's business codes, from its error-code page (docs-en.itigerup.com/docs/error-codes): 4 is "access
 * forbidden" (address not whitelisted, blacklisted, push sign failure, too many subscriptions), 5 "rate limit
 * error" with HTTP 429. Tiger's rate-limit page shows the refusal as code 4 with a "rate limit error" message
 * instead, so the simulator can answer either way. 1200 is not on the part of the page we could read [verify].
 */
export const CODE = {
  OK: 0,
  ACCESS_FORBIDDEN: 4,
  RATE_LIMIT: 5,
  /** Common parameter errors: a missing field, a bad signature, an expired timestamp. */
  COMMON_PARAM: 1000,
  /** Business parameter errors: unknown symbol, bad quantity or price. */
  BIZ_PARAM: 1010,
  /** The (standard) account refused the operation: funds, holdings, order state. */
  ACCOUNT: 1200,
} as const;

export interface Answer {
  code: number;
  message: string;
  data?: unknown;
  /** The HTTP status the reply goes out with; 200 unless said (rate limits are 429). */
  httpStatus?: number;
}

const ok = (data: unknown): Answer => ({ code: CODE.OK, message: 'success', data });
export const refuse = (code: number, message: string): Answer => ({ code, message });

/** A Tiger id: digits held as text, written into JSON as a bare integer by `tigerJson`. */
export class BigId {
  constructor(readonly digits: string) {}
  toJSON(): string {
    return `#bigid#${this.digits}`;
  }
}

/** JSON text with BigId values as bare integers (what Tiger's gateway sends). */
export function tigerJson(value: unknown): string {
  return JSON.stringify(value).replace(/"#bigid#(-?\d+)"/g, '$1');
}

interface Meta {
  id: string;
  seq: number;
  userMark: string;
  orderType: string;
  tif: string;
  outsideRth: boolean;
  auxPrice: number;
  secType: string;
}

export interface VenueInstrument extends InstrumentSpec {
  market: 'US' | 'HK';
  /** The name Tiger gives with lang en_US, where it differs from `name` (zh_CN). */
  englishName?: string;
  /** Options: the engine symbol is Tiger's identifier; these are the contract's own fields. */
  option?: { underlying: string; expiry: string; strike: string; right: 'CALL' | 'PUT' };
  /** Futures: the engine symbol is the contract code; these are the fields Tiger's future methods give. */
  future?: {
    type: string;
    exchange: string;
    exchangeCode: string;
    contractMonth: string;
    lastTradingDate: string;
    productType: string;
    productWorth: string;
    deliveryMode: string;
  };
  primaryExchange: string;
  tickSizes: { begin: string; end: string; type: string; tickSize: number }[];
}

const ID_BASE = 40132638459956224n;

const KLINE_PERIODS: Readonly<Record<string, Interval>> = {
  '1min': Interval.MINUTE,
  '60min': Interval.HOUR,
  day: Interval.DAILY,
  week: Interval.WEEKLY,
};

export class TigerVenue {
  private readonly meta = new Map<number, Meta>();
  private readonly byId = new Map<string, number>();
  private readonly fillIds = new Map<number, string>();
  private nextId = 0n;
  private seq = 1168;
  private pendingMeta: Meta | undefined;
  private readonly sinks = new Set<(body: PushDataMsg) => void>();
  /** The next place_order is refused with this message (fault injection). */
  rejectMessage: string | undefined;

  constructor(
    readonly exchange: SimExchange,
    readonly account: string,
    readonly instruments: ReadonlyMap<string, VenueInstrument>,
    private readonly now: () => number,
  ) {
    exchange.on('order', (o) => o.accountId === account && this.onOrder(o));
    exchange.on('fill', (f) => f.accountId === account && this.onFill(f));
    exchange.on('book', (b) => this.onBook(b));
    exchange.on('stats', (s) => this.onStats(s));
    exchange.on('trade', (t) => this.onTrade(t));
  }

  addSink(sink: (body: PushDataMsg) => void): void {
    this.sinks.add(sink);
  }

  removeSink(sink: (body: PushDataMsg) => void): void {
    this.sinks.delete(sink);
  }

  private emit(body: PushDataMsg): void {
    for (const s of this.sinks) s(body);
  }

  private newId(): string {
    this.nextId += 1n;
    return String(ID_BASE + this.nextId * 4096n);
  }

  // ---- REST ------------------------------------------------------------------------------------------------

  handle(method: string, biz: Record<string, unknown>): Answer {
    const needsAccount = ![
      'contracts',
      'contract',
      'future_contract_by_contract_code',
      'future_contract_by_exchange_code',
      'market_state',
      'kline',
      'quote_real_time',
    ].includes(method);
    if (needsAccount && biz.account !== this.account) {
      return refuse(
        CODE.BIZ_PARAM,
        `biz param error(account ${String(biz.account ?? '')} is not authorized)`,
      );
    }
    switch (method) {
      case 'contracts':
        return this.contracts(Array.isArray(biz.symbols) ? biz.symbols.map(String) : [], biz.lang);
      case 'contract': {
        const i = this.resolve(biz);
        return this.contracts(i ? [i.symbol] : [], biz.lang);
      }
      case 'future_contract_by_contract_code': {
        const i = this.instruments.get(String(biz.contract_code ?? ''));
        if (!i?.future)
          return refuse(
            CODE.BIZ_PARAM,
            `biz param error(future contract ${String(biz.contract_code ?? '')} not found)`,
          );
        return ok(this.futureContract(i));
      }
      case 'future_contract_by_exchange_code': {
        const code = String(biz.exchange_code ?? '');
        return ok(
          [...this.instruments.values()]
            .filter((i) => i.future && (i.future.exchange === code || i.future.exchangeCode === code))
            .map((i) => this.futureContract(i)),
        );
      }
      case 'kline':
        return this.kline(biz);
      case 'quote_real_time':
        return ok(this.briefs(Array.isArray(biz.symbols) ? biz.symbols.map(String) : []));
      case 'market_state':
        return ok([
          { market: String(biz.market ?? 'US'), status: 'Trading', marketStatus: 'Trading', openTime: '' },
        ]);
      case 'prime_assets':
        return ok(this.primeAssets());
      case 'assets':
        return ok({ items: [this.globalAssets()] });
      case 'positions':
        return ok({ items: this.positions() });
      case 'orders':
        if (biz.id !== undefined) return this.oneOrder(String(biz.id));
        return this.listOrders(biz, () => true);
      case 'active_orders':
        return this.listOrders(biz, (o) => isOpen(o));
      case 'inactive_orders':
        return this.listOrders(biz, (o) => !isOpen(o) && o.filled === 0);
      case 'filled_orders':
        return this.listOrders(biz, (o) => o.filled > 0);
      case 'order_transactions':
        return this.transactions(biz);
      case 'place_order':
        return this.place(biz);
      case 'modify_order':
        return this.modify(biz);
      case 'cancel_order':
        return this.cancel(biz);
      default:
        return refuse(CODE.COMMON_PARAM, `common param error(method ${method} is not supported)`);
    }
  }

  private contracts(symbols: readonly string[], lang: unknown): Answer {
    const out = [];
    for (const s of symbols) {
      const i = this.instruments.get(s);
      // Futures are not stocks: Tiger lists them through its future methods only.
      if (i && !i.future)
        out.push({ ...this.contract(i), name: lang === 'en_US' ? (i.englishName ?? i.name) : i.name });
    }
    return ok(out);
  }

  contract(i: VenueInstrument): Record<string, unknown> {
    return {
      contractId: 100 + [...this.instruments.keys()].indexOf(i.symbol),
      ...names(i),
      ...optionFields(i),
      multiplier: i.size,
      lotSize: i.lotSize,
      market: i.market,
      primaryExchange: i.primaryExchange,
      currency: i.currency,
      localSymbol: i.symbol,
      tradingClass: i.symbol,
      name: i.name,
      status: 1,
      tradeable: true,
      marginable: true,
      shortMargin: 0.35,
      shortInitialMargin: 0.35,
      shortMaintenanceMargin: 0.3,
      longInitialMargin: 0.3,
      longMaintenanceMargin: 0.25,
      shortFeeRate: 3.75,
      shortable: true,
      shortableCount: 1_000_000,
      closeOnly: false,
      tickSizes: i.tickSizes,
      isEtf: false,
      supportOvernightTrading: false,
      supportFractionalShare: false,
    };
  }

  /** A future as `future_contract_by_*` gives it (documented example: test_quote_client.py). */
  futureContract(i: VenueInstrument): Record<string, unknown> {
    const f = i.future!;
    return {
      continuous: false,
      trade: true,
      type: f.type,
      contractCode: i.symbol,
      ibCode: f.type,
      name: i.name,
      contractMonth: f.contractMonth,
      lastTradingDate: f.lastTradingDate,
      firstNoticeDate: '',
      lastBiddingCloseTime: 0,
      currency: i.currency,
      exchangeCode: f.exchangeCode,
      multiplier: i.size,
      minTick: i.pricetick,
      displayMultiplier: 1,
      exchange: f.exchange,
      productWorth: f.productWorth,
      deliveryMode: f.deliveryMode,
      productType: f.productType,
    };
  }

  private briefs(symbols: readonly string[]): Record<string, unknown>[] {
    const out = [];
    for (const symbol of symbols) {
      const st = this.exchange.getStats(symbol);
      const book = this.exchange.getBook(symbol, 1);
      if (!st || !this.instruments.has(symbol)) continue;
      out.push({
        symbol,
        open: st.openPrice,
        high: st.highPrice,
        low: st.lowPrice,
        close: st.lastPrice,
        preClose: st.preClose,
        latestPrice: st.lastPrice,
        latestTime: st.time,
        askPrice: book?.asks[0]?.price ?? 0,
        askSize: book?.asks[0]?.volume ?? 0,
        bidPrice: book?.bids[0]?.price ?? 0,
        bidSize: book?.bids[0]?.volume ?? 0,
        volume: Math.round(st.volume),
        status: 'NORMAL',
        adjPreClose: st.preClose,
      });
    }
    return out;
  }

  /** Bars per kline page at most (Tiger: 1200); tests lower it to exercise paging. */
  klinePageLimit = 1200;

  private kline(biz: Record<string, unknown>): Answer {
    const symbols = Array.isArray(biz.symbols) ? biz.symbols.map(String) : [];
    const interval = KLINE_PERIODS[String(biz.period ?? 'day')];
    if (!interval)
      return refuse(CODE.BIZ_PARAM, `biz param error(period ${String(biz.period)} is not supported)`);
    if (symbols.length === 0) return refuse(CODE.BIZ_PARAM, 'biz param error(symbols is required)');
    const begin = Number(biz.begin_time ?? -1);
    const end = Number(biz.end_time ?? -1);
    const limit = Math.min(Math.max(1, Number(biz.limit ?? 251) || 251), this.klinePageLimit);
    const from =
      typeof biz.page_token === 'string' ? Number(Buffer.from(biz.page_token, 'base64').toString()) : NaN;
    const out = [];
    for (const symbol of symbols) {
      if (!this.instruments.has(symbol)) continue;
      const start = Number.isFinite(from) ? from : begin > 0 ? begin : this.now() - 30 * 86_400_000;
      const bars = this.exchange.getBars(symbol, interval, start, end > 0 ? end : this.now());
      const page = bars.slice(0, limit);
      const next = bars.length > limit && symbols.length === 1 ? bars[limit]!.time : undefined;
      out.push({
        symbol,
        period: String(biz.period ?? 'day'),
        ...(next !== undefined ? { nextPageToken: Buffer.from(String(next)).toString('base64') } : {}),
        items: page.map((b) => ({
          time: b.time,
          volume: Math.round(b.volume),
          open: b.open,
          close: b.close,
          high: b.high,
          low: b.low,
          amount: b.turnover,
        })),
      });
    }
    return ok(out);
  }

  primeAssets(): Record<string, unknown> {
    const a = this.exchange.getAccount(this.account)!;
    const gross = this.exchange
      .getPositions(this.account)
      .reduce((s, p) => s + p.volume * (this.exchange.getStats(p.symbol)?.lastPrice ?? p.avgPrice), 0);
    const net = round(a.balance + gross, 2);
    return {
      accountId: this.account,
      segments: [
        {
          capability: 'RegTMargin',
          category: 'S',
          currency: a.currency,
          cashBalance: round(a.balance, 2),
          cashAvailableForTrade: round(a.available, 2),
          grossPositionValue: round(gross, 2),
          equityWithLoan: net,
          netLiquidation: net,
          initMargin: 0.0,
          maintainMargin: 0.0,
          overnightMargin: 0.0,
          unrealizedPL: round(
            this.exchange.getPositions(this.account).reduce((s, p) => s + p.pnl, 0),
            2,
          ),
          unrealizedPLByCostOfCarry: 0.0,
          realizedPL: round(a.realizedPnl, 2),
          totalTodayPL: round(a.realizedPnl, 2),
          excessLiquidation: net,
          overnightLiquidation: net,
          buyingPower: round(a.available, 2),
          lockedFunds: round(a.frozen, 2),
          leverage: 0.0,
          uncollected: 0.0,
          currencyAssets: [
            {
              currency: a.currency,
              cashBalance: round(a.balance, 2),
              cashAvailableForTrade: round(a.available, 2),
              forexRate: 1.0,
            },
          ],
          consolidatedSegTypes: ['SEC'],
        },
      ],
      updateTimestamp: this.now(),
    };
  }

  /** A global account's `assets` item (field names as Tiger's SDK maps them; no published example [verify]). */
  globalAssets(): Record<string, unknown> {
    const p = this.assetPush();
    return {
      account: this.account,
      currency: p.currency,
      netLiquidation: p.netLiquidation,
      equityWithLoan: p.equityWithLoan,
      availableFunds: p.availableFunds,
      buyingPower: p.buyingPower,
      excessLiquidity: p.excessLiquidity,
      cashValue: p.cashBalance,
      grossPositionValue: p.grossPositionValue,
      initMarginReq: p.initMarginReq,
      maintMarginReq: p.maintMarginReq,
      realizedPnL: round(this.exchange.getAccount(this.account)!.realizedPnl, 2),
      unrealizedPnL: 0,
      updateTime: this.now(),
      segments: [],
      marketValues: [],
    };
  }

  positions(): Record<string, unknown>[] {
    return this.exchange
      .getPositions(this.account)
      .filter((p) => p.volume !== 0)
      .map((p) => {
        const i = this.instruments.get(p.symbol)!;
        const last = this.exchange.getStats(p.symbol)?.lastPrice ?? p.avgPrice;
        const stats = this.exchange.getStats(p.symbol);
        const salable = Math.max(0, p.volume - p.frozen);
        return {
          ...names(i),
          market: i.market,
          contractId: 100 + [...this.instruments.keys()].indexOf(p.symbol),
          account: this.account,
          position: p.volume,
          positionScale: 0,
          positionQty: p.volume,
          salableQty: salable,
          averageCost: round(p.avgPrice, 4),
          averageCostByAverage: round(p.avgPrice, 4),
          unrealizedPnl: round(p.pnl, 2),
          unrealizedPnlByAverage: round(p.pnl, 2),
          unrealizedPnlPercent: p.avgPrice > 0 ? round((last - p.avgPrice) / p.avgPrice, 4) : 0,
          unrealizedPnlPercentByAverage: p.avgPrice > 0 ? round((last - p.avgPrice) / p.avgPrice, 4) : 0,
          unrealizedPnlByCostOfCarry: round(p.pnl, 2),
          unrealizedPnlPercentByCostOfCarry: 0.0,
          realizedPnl: 0.0,
          realizedPnlByAverage: 0.0,
          averageCostOfCarry: round(p.avgPrice, 4),
          marketValue: round(p.volume * last, 4),
          currency: i.currency,
          multiplier: i.size,
          status: 0,
          latestPrice: last,
          updateTimestamp: this.now(),
          comboTypes: [],
          comboTypeMap: {},
          mmPercent: 0.0,
          mmValue: 0.0,
          todayPnl: 0.0,
          todayPnlPercent: 0.0,
          categories: [],
          lastClosePrice: stats?.preClose || last,
        };
      });
  }

  private metaOf(o: SimOrder): Meta {
    let m = this.meta.get(o.orderId);
    if (!m && this.pendingMeta) {
      // The order being placed: its first engine event (order or fill) claims what place() chose.
      m = this.pendingMeta;
      this.meta.set(o.orderId, m);
      this.byId.set(m.id, o.orderId);
    }
    if (!m) {
      m = {
        id: this.newId(),
        seq: ++this.seq,
        userMark: o.clientOrderId,
        orderType: o.type === OrderType.MARKET ? 'MKT' : o.type === OrderType.STOP ? 'STP' : 'LMT',
        tif: 'DAY',
        outsideRth: false,
        auxPrice: 0,
        secType: 'STK',
      };
      this.meta.set(o.orderId, m);
      this.byId.set(m.id, o.orderId);
    }
    return m;
  }

  order(o: SimOrder, statusOverride?: string): Record<string, unknown> {
    const m = this.metaOf(o);
    const i = this.instruments.get(o.symbol)!;
    const latest = this.exchange.getStats(o.symbol)?.lastPrice ?? o.price;
    const open = isOpen(o);
    return {
      ...names(i),
      ...optionFields(i),
      market: i.market,
      currency: i.currency,
      id: new BigId(m.id),
      externalId: String(m.seq),
      orderId: m.seq,
      account: this.account,
      action: o.side,
      orderType: m.orderType,
      limitPrice: m.orderType === 'LMT' ? o.price : 0.0,
      ...(m.orderType === 'STP' ? { auxPrice: m.auxPrice } : {}),
      totalQuantity: o.volume,
      totalQuantityScale: 0,
      filledQuantity: o.filled,
      filledQuantityScale: 0,
      filledCashAmount: round(o.filled * o.avgPrice, 2),
      avgFillPrice: o.avgPrice,
      timeInForce: m.tif,
      outsideRth: m.outsideRth,
      commission: 0.0,
      gst: 0.0,
      realizedPnl: 0.0,
      remark: o.status === 'REJECTED' ? o.reason : '',
      liquidation: false,
      openTime: o.createdAt,
      updateTime: o.updatedAt,
      latestTime: o.updatedAt,
      name: i.name,
      latestPrice: latest,
      attrDesc: '',
      userMark: m.userMark,
      attrList: [],
      algoStrategy: m.orderType,
      status: statusOverride ?? statusOf(o),
      source: 'OpenApi',
      discount: 0,
      replaceStatus: 'NONE',
      cancelStatus: o.status === 'CANCELED' ? 'RECEIVED' : 'NONE',
      canModify: open,
      canCancel: open,
      isOpen: open,
      orderDiscount: 0,
      tradingSessionType: m.outsideRth ? 'PRE_RTH_POST' : 'RTH',
    };
  }

  private findOrder(id: string): SimOrder | undefined {
    const n = this.byId.get(id);
    return n === undefined ? undefined : this.exchange.getOrder(this.account, n);
  }

  private oneOrder(id: string): Answer {
    const o = this.findOrder(id);
    return o
      ? ok(this.order(o))
      : refuse(CODE.ACCOUNT, `standard account response error(order ${id} not found)`);
  }

  private listOrders(biz: Record<string, unknown>, keep: (o: SimOrder) => boolean): Answer {
    const start = Number(biz.start_date ?? -Infinity);
    const end = Number(biz.end_date ?? Infinity);
    const limit = Math.min(Math.max(1, Number(biz.limit ?? 100) || 100), 300);
    const symbol = typeof biz.symbol === 'string' ? biz.symbol : undefined;
    const all = this.exchange
      .getOrders(this.account)
      .filter(
        (o) => o.createdAt >= start && o.createdAt <= end && (!symbol || o.symbol === symbol) && keep(o),
      )
      .sort((a, b) => b.createdAt - a.createdAt || b.orderId - a.orderId);
    const from =
      typeof biz.page_token === 'string' ? Number(Buffer.from(biz.page_token, 'base64').toString()) || 0 : 0;
    const page = all.slice(from, from + limit);
    const more = from + limit < all.length;
    return ok({
      ...(more ? { nextPageToken: Buffer.from(String(from + limit)).toString('base64') } : {}),
      items: page.map((o) => this.order(o)),
    });
  }

  private fillId(f: SimFill): string {
    let id = this.fillIds.get(f.tradeId);
    if (!id) {
      id = this.newId();
      this.fillIds.set(f.tradeId, id);
    }
    return id;
  }

  transaction(f: SimFill): Record<string, unknown> {
    const i = this.instruments.get(f.symbol)!;
    const o = this.exchange.getOrder(this.account, f.orderId)!;
    return {
      id: new BigId(this.fillId(f)),
      accountId: 7350302,
      orderId: new BigId(this.metaOf(o).id),
      secType: names(i).secType,
      symbol: names(i).symbol,
      currency: i.currency,
      market: i.market,
      action: f.side,
      filledQuantity: f.volume,
      filledQuantityScale: 0,
      filledPrice: f.price,
      filledAmount: round(f.price * f.volume, 2),
      transactedAt: tigerTimestamp(f.time),
      transactionTime: f.time,
    };
  }

  private transactions(biz: Record<string, unknown>): Answer {
    const id = biz.order_id !== undefined ? String(biz.order_id) : undefined;
    const symbol = typeof biz.symbol === 'string' ? biz.symbol : undefined;
    if (!id && !symbol) return refuse(CODE.BIZ_PARAM, 'biz param error(order_id or symbol is required)');
    const n = id ? this.byId.get(id) : undefined;
    if (id && n === undefined) return ok({ items: [] });
    const fills = this.exchange
      .getFills(this.account)
      .filter((f) => (n !== undefined ? f.orderId === n : f.symbol === symbol))
      .sort((a, b) => b.time - a.time || b.tradeId - a.tradeId);
    const limit = Math.min(Math.max(1, Number(biz.limit ?? 100) || 100), 100);
    const from =
      typeof biz.page_token === 'string' ? Number(Buffer.from(biz.page_token, 'base64').toString()) || 0 : 0;
    const more = from + limit < fills.length;
    return ok({
      ...(more ? { nextPageToken: Buffer.from(String(from + limit)).toString('base64') } : {}),
      items: fills.slice(from, from + limit).map((f) => this.transaction(f)),
    });
  }

  /** The instrument a request names: a stock by symbol, an option by underlying, expiry, strike and right. */
  private resolve(biz: Record<string, unknown>): VenueInstrument | undefined {
    const symbol = String(biz.symbol ?? '');
    const secType = String(biz.sec_type ?? 'STK');
    if (secType === 'STK') {
      const i = this.instruments.get(symbol);
      return i && !i.option && !i.future ? i : undefined;
    }
    if (secType === 'FUT') {
      const i = this.instruments.get(symbol);
      return i?.future ? i : undefined;
    }
    if (secType !== 'OPT') return undefined;
    const right = String(biz.right ?? '').toUpperCase();
    return [...this.instruments.values()].find(
      (i) =>
        i.option !== undefined &&
        i.option.underlying === symbol &&
        i.option.expiry === String(biz.expiry ?? '') &&
        Number(i.option.strike) === Number(biz.strike) &&
        (i.option.right === right || i.option.right[0] === right),
    );
  }

  private place(biz: Record<string, unknown>): Answer {
    const i = this.resolve(biz);
    if (!i) {
      return refuse(
        CODE.BIZ_PARAM,
        `biz param error(${String(biz.sec_type ?? 'STK')} contract ${String(biz.symbol ?? '')} not found)`,
      );
    }
    const symbol = i.symbol;
    const action = biz.action;
    if (action !== 'BUY' && action !== 'SELL')
      return refuse(CODE.BIZ_PARAM, 'biz param error(action must be BUY or SELL)');
    const scale = Number(biz.total_quantity_scale ?? 0) || 0;
    const qty = Number(biz.total_quantity) / 10 ** scale;
    if (!(qty > 0) || !Number.isFinite(qty))
      return refuse(CODE.BIZ_PARAM, 'biz param error(total_quantity must be positive)');
    if (!isMultipleOf(qty, i.lotSize))
      return refuse(
        CODE.BIZ_PARAM,
        `biz param error(quantity must be a multiple of the lot size ${i.lotSize})`,
      );
    const orderType = String(biz.order_type ?? '');
    let type: OrderType;
    let price = 0;
    if (orderType === 'LMT') {
      type = OrderType.LIMIT;
      price = Number(biz.limit_price);
      if (!(price > 0)) return refuse(CODE.BIZ_PARAM, 'biz param error(limit_price is required for LMT)');
    } else if (orderType === 'MKT') {
      type = OrderType.MARKET;
    } else if (orderType === 'STP') {
      type = OrderType.STOP;
      price = Number(biz.aux_price);
      if (!(price > 0)) return refuse(CODE.BIZ_PARAM, 'biz param error(aux_price is required for STP)');
    } else {
      return refuse(CODE.BIZ_PARAM, `biz param error(order_type ${orderType} is not supported here)`);
    }
    if (price > 0 && !isMultipleOf(price, i.pricetick)) {
      return refuse(
        CODE.BIZ_PARAM,
        `biz param error(price ${price} does not fit the tick size ${i.pricetick})`,
      );
    }
    const tif = String(biz.time_in_force ?? 'DAY');
    if (!['DAY', 'GTC', 'GTD'].includes(tif))
      return refuse(CODE.BIZ_PARAM, `biz param error(time_in_force ${tif})`);
    if (this.rejectMessage !== undefined) {
      const message = this.rejectMessage;
      this.rejectMessage = undefined;
      return refuse(CODE.ACCOUNT, `standard account response error(${message})`);
    }
    const userMark = typeof biz.user_mark === 'string' ? biz.user_mark : '';
    this.pendingMeta = {
      id: this.newId(),
      seq: ++this.seq,
      userMark,
      orderType,
      tif,
      outsideRth: biz.outside_rth === true,
      auxPrice: type === OrderType.STOP ? price : 0,
      secType: names(i).secType,
    };
    const meta = this.pendingMeta;
    const result = this.exchange.placeOrder(this.account, {
      symbol,
      side: action,
      type,
      price,
      volume: qty,
      // The engine keys by client id; a mark reused by the client is still a new Tiger order.
      clientOrderId: `${meta.id}`,
    });
    this.pendingMeta = undefined;
    if (!result.ok) {
      return refuse(CODE.ACCOUNT, `standard account response error(${result.reason})`);
    }
    const o = this.exchange.getOrder(this.account, result.value.orderId) ?? result.value;
    return ok({
      id: new BigId(meta.id),
      subIds: [],
      order_id: meta.seq,
      orders: [this.order(o, o.status === 'NEW' ? 'Initial' : undefined)],
    });
  }

  private modify(biz: Record<string, unknown>): Answer {
    const id = String(biz.id ?? '');
    const o = this.findOrder(id);
    if (!o) return refuse(CODE.ACCOUNT, `standard account response error(order ${id} not found)`);
    if (!isOpen(o))
      return refuse(CODE.ACCOUNT, `standard account response error(order ${id} can not be modified)`);
    const change: { price?: number; volume?: number } = {};
    if (biz.limit_price !== undefined) change.price = Number(biz.limit_price);
    if (biz.total_quantity !== undefined)
      change.volume = Number(biz.total_quantity) / 10 ** (Number(biz.total_quantity_scale ?? 0) || 0);
    const r = this.exchange.amendByClientId(this.account, o.clientOrderId, change);
    if (!r.ok) return refuse(CODE.ACCOUNT, `standard account response error(${r.reason})`);
    return ok({ id: new BigId(id) });
  }

  private cancel(biz: Record<string, unknown>): Answer {
    const id = String(biz.id ?? '');
    const n = this.byId.get(id);
    if (n === undefined)
      return refuse(CODE.ACCOUNT, `standard account response error(order ${id} not found)`);
    const r = this.exchange.cancelOrder(this.account, n);
    if (!r.ok)
      return refuse(CODE.ACCOUNT, `standard account response error(order ${id} can not be cancelled)`);
    return ok({ id: new BigId(id) });
  }

  // ---- pushes ----------------------------------------------------------------------------------------------

  private onOrder(o: SimOrder): void {
    if (!this.meta.has(o.orderId) && this.pendingMeta) {
      this.meta.set(o.orderId, this.pendingMeta);
      this.byId.set(this.pendingMeta.id, o.orderId);
    }
    if (o.status === 'REJECTED' && !this.meta.has(o.orderId)) return;
    this.emit({ dataType: DataType.OrderStatus, orderStatusData: this.orderPush(o) });
  }

  orderPush(o: SimOrder): OrderStatusMsg {
    const m = this.metaOf(o);
    const i = this.instruments.get(o.symbol)!;
    return {
      id: m.id,
      account: this.account,
      expiry: '',
      strike: '',
      right: '',
      ...names(i),
      ...optionFields(i),
      multiplier: i.size,
      action: o.side,
      market: i.market,
      currency: i.currency,
      segType: segmentOf(i),
      orderType: m.orderType,
      isLong: o.side === 'BUY',
      totalQuantity: String(o.volume),
      totalQuantityScale: 0,
      filledQuantity: String(o.filled),
      filledQuantityScale: 0,
      avgFillPrice: o.avgPrice,
      limitPrice: m.orderType === 'LMT' ? o.price : 0,
      stopPrice: m.auxPrice,
      realizedPnl: 0,
      status: statusOf(o),
      outsideRth: m.outsideRth,
      canModify: isOpen(o),
      canCancel: isOpen(o),
      name: i.name,
      errorMsg: o.status === 'REJECTED' ? o.reason : '',
      commissionAndFee: 0,
      openTime: String(o.createdAt),
      timestamp: String(this.now()),
      userMark: m.userMark,
      timeInForce: m.tif,
      updateTime: String(o.updatedAt),
    };
  }

  private onFill(f: SimFill): void {
    this.emit({ dataType: DataType.OrderTransaction, orderTransactionData: this.transactionPush(f) });
    const p = this.exchange.getPositions(this.account).find((x) => x.symbol === f.symbol);
    this.emit({
      dataType: DataType.Position,
      positionData: this.positionPush(
        f.symbol,
        p?.volume ?? 0,
        p?.avgPrice ?? 0,
        p?.frozen ?? 0,
        p?.pnl ?? 0,
      ),
    });
    this.emit({ dataType: DataType.Asset, assetData: this.assetPush() });
  }

  transactionPush(f: SimFill): TransactionMsg {
    const i = this.instruments.get(f.symbol)!;
    const o = this.exchange.getOrder(this.account, f.orderId)!;
    return {
      id: this.fillId(f),
      orderId: this.metaOf(o).id,
      account: this.account,
      ...names(i),
      multiplier: i.size,
      action: f.side,
      market: i.market,
      currency: i.currency,
      segType: segmentOf(i),
      filledPrice: f.price,
      filledQuantity: String(f.volume),
      createTime: String(f.time),
      updateTime: String(f.time),
      transactTime: String(f.time),
      timestamp: String(this.now()),
    };
  }

  positionPush(symbol: string, volume: number, avg: number, frozen: number, pnl: number): PositionMsg {
    const i = this.instruments.get(symbol)!;
    const last = this.exchange.getStats(symbol)?.lastPrice ?? avg;
    return {
      account: this.account,
      ...names(i),
      multiplier: i.size,
      market: i.market,
      currency: i.currency,
      segType: segmentOf(i),
      position: String(volume),
      positionScale: 0,
      averageCost: round(avg, 4),
      latestPrice: last,
      marketValue: round(volume * last, 4),
      unrealizedPnl: round(pnl, 2),
      name: i.name,
      timestamp: String(this.now()),
      positionQty: volume,
      salableQty: Math.max(0, volume - frozen),
    };
  }

  assetPush(): AssetMsg {
    const a = this.exchange.getAccount(this.account)!;
    const gross = this.exchange
      .getPositions(this.account)
      .reduce((s, p) => s + p.volume * (this.exchange.getStats(p.symbol)?.lastPrice ?? p.avgPrice), 0);
    const net = round(a.balance + gross, 2);
    return {
      account: this.account,
      currency: a.currency,
      segType: 'S',
      availableFunds: round(a.available, 2),
      excessLiquidity: net,
      netLiquidation: net,
      equityWithLoan: net,
      buyingPower: round(a.available, 2),
      cashBalance: round(a.balance, 2),
      grossPositionValue: round(gross, 2),
      initMarginReq: 0,
      maintMarginReq: 0,
      timestamp: String(this.now()),
    };
  }

  /** Quotes of options go out as the Option data type (what an option subscription asks for). */
  private quoteTypeOf(symbol: string): number {
    const i = this.instruments.get(symbol);
    return i?.option ? DataType.Option : i?.future ? DataType.Future : DataType.Quote;
  }

  private onBook(b: BookSnapshot): void {
    const bid = b.bids[0];
    const ask = b.asks[0];
    const side = (levels: { price: number; volume: number }[]) => ({
      price: levels.slice(0, 5).map((l) => l.price),
      volume: levels.slice(0, 5).map((l) => String(l.volume)),
      orderCount: levels.slice(0, 5).map(() => 1),
    });
    this.emit({
      dataType: DataType.QuoteDepth,
      quoteDepthData: { symbol: b.symbol, timestamp: String(b.time), ask: side(b.asks), bid: side(b.bids) },
    });
    if (!bid || !ask) return;
    this.emit({
      dataType: this.quoteTypeOf(b.symbol),
      quoteData: {
        symbol: b.symbol,
        ...(this.instruments.get(b.symbol)?.option ? { identifier: b.symbol } : {}),
        type: QuoteType.BBO,
        timestamp: String(b.time),
        askPrice: ask.price,
        askSize: String(ask.volume),
        bidPrice: bid.price,
        bidSize: String(bid.volume),
      },
    });
  }

  private onStats(s: MarketStats): void {
    this.emit({
      dataType: this.quoteTypeOf(s.symbol),
      quoteData: {
        symbol: s.symbol,
        ...(this.instruments.get(s.symbol)?.option ? { identifier: s.symbol } : {}),
        type: QuoteType.BASIC,
        timestamp: String(s.time),
        latestPrice: s.lastPrice,
        preClose: s.preClose,
        volume: String(Math.round(s.volume)),
        amount: s.turnover,
        open: s.openPrice,
        high: s.highPrice,
        low: s.lowPrice,
        marketStatus: 'Trading',
      },
    });
  }

  private onTrade(t: PublicTrade): void {
    const i = this.instruments.get(t.symbol);
    if (!i) return;
    // One trade per push, in Tiger's delta form: priceBase + price[0] over 10^priceOffset.
    const offset = decimalsOf(i.pricetick);
    const scaledPrice = Math.round(t.price * 10 ** offset);
    this.emit({
      dataType: DataType.TradeTick,
      tradeTickData: {
        symbol: t.symbol,
        type: t.side === 'BUY' ? '+' : '-',
        cond: '',
        sn: String(t.tradeId),
        priceBase: String(scaledPrice),
        priceOffset: offset,
        time: [String(t.time)],
        price: ['0'],
        volume: [String(Math.round(t.volume))],
        partCode: ['t'],
        quoteLevel: i.market === 'US' ? 'usStockQuote' : 'hkStockQuoteLv2',
        timestamp: String(this.now()),
        secType: names(i).secType,
      },
    });
  }
}

/** Tiger's symbol, identifier and security type of an instrument (an option names its underlying). */
function names(i: VenueInstrument): { symbol: string; identifier: string; secType: string } {
  if (i.option) return { symbol: i.option.underlying, identifier: i.symbol, secType: 'OPT' };
  // A future's messages name the product in symbol and the contract in identifier (symbol CL, identifier
  // CL2312 in Tiger's documented order push).
  if (i.future) return { symbol: i.future.type, identifier: i.symbol, secType: 'FUT' };
  return { symbol: i.symbol, identifier: i.symbol, secType: 'STK' };
}

/** The account segment an instrument trades in: C (commodities) for futures, S (securities) else. */
function segmentOf(i: VenueInstrument): string {
  return i.future ? 'C' : 'S';
}

/** An option's own fields where Tiger's messages carry them. */
function optionFields(i: VenueInstrument): Record<string, string> {
  return i.option ? { expiry: i.option.expiry, strike: i.option.strike, right: i.option.right } : {};
}

function isOpen(o: SimOrder): boolean {
  return o.status === 'NEW' || o.status === 'PARTIALLY_FILLED' || o.status === 'PENDING_TRIGGER';
}

function statusOf(o: SimOrder): string {
  switch (o.status) {
    case 'PARTIALLY_FILLED':
      return 'PartiallyFilled';
    case 'FILLED':
      return 'Filled';
    case 'CANCELED':
      return 'Cancelled';
    case 'REJECTED':
      return 'Inactive';
    default:
      return 'Submitted';
  }
}

function round(x: number, d: number): number {
  return Number(x.toFixed(d));
}

function decimalsOf(step: number): number {
  const text = String(step);
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}
