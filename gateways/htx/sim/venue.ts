// HTX spot over the shared simulated exchange: the v1 REST endpoints the HUOBI gateway uses, with HTX's
// reply shapes ({"status":"ok","data"} or {"status":"error","err-code","err-msg","data":null}), and the pushes
// of the market channels (depth.step0, ticker) and of the v2 private channels (orders#, accounts.update#1).
// The server (server.ts) does transport, gzip and auth. Shapes follow the Spot API reference
// (huobiapi.github.io/docs/spot/v1/en/); test/gateways/htx/sim-documented.test.ts holds them to it.
import { Exchange, Interval, OrderType, Product } from '../../../src/core/constant.js';
import type {
  InstrumentSpec,
  SimExchange,
  SimFill,
  SimOrder,
  SimOrderRequest,
  RejectCode,
} from '../../../src/sim/types.js';
import type { SpotOrderState, SpotOrderType } from '../types.js';

export type Params = Record<string, string | undefined>;
export type Reply =
  { ok: true; data: unknown; extra?: Record<string, unknown> } | { ok: false; code: string; msg: string };

export interface HtxSpec extends InstrumentSpec {
  baseAsset: string;
  pricePrecision: number;
  amountPrecision: number;
}

export function htxSpecs(volatility?: number): HtxSpec[] {
  const spot = (symbol: string, base: string, pp: number, ap: number, price: number): HtxSpec => ({
    symbol,
    exchange: Exchange.HUOBI,
    name: `${base}/USDT`,
    product: Product.SPOT,
    size: 1,
    pricetick: 10 ** -pp,
    lotSize: 10 ** -ap,
    minVolume: 10 ** -4,
    commissionRate: 0.002,
    initialPrice: price,
    volatility: volatility ?? 0.0005,
    currency: 'USDT',
    baseAsset: base,
    pricePrecision: pp,
    amountPrecision: ap,
  });
  return [spot('btcusdt', 'BTC', 2, 6, 96500), spot('ethusdt', 'ETH', 2, 4, 3400)];
}

/** HTX spot err-codes for the matching engine's refusals (names from the Spot API error-code list). */
const REJECT_CODES: Partial<Record<RejectCode, string>> = {
  INSUFFICIENT_FUNDS: 'account-frozen-balance-insufficient-error',
  INSUFFICIENT_POSITION: 'account-frozen-balance-insufficient-error',
  BELOW_MIN_VOLUME: 'order-limitorder-amount-min-error',
  BAD_PRICE_TICK: 'order-price-precision-error',
  BAD_LOT_SIZE: 'order-amount-precision-error',
  UNKNOWN_INSTRUMENT: 'invalid-parameter',
  WOULD_TAKE_LIQUIDITY: 'order-limit-maker-cross-error',
  FOK_NOT_FILLABLE: 'order-fok-error',
  DUPLICATE_CLIENT_ID: 'order-client-order-id-duplicated',
  INJECTED: 'account-frozen-balance-insufficient-error',
};

const TYPES: readonly SpotOrderType[] = [
  'buy-limit',
  'sell-limit',
  'buy-market',
  'sell-market',
  'buy-limit-maker',
  'sell-limit-maker',
  'buy-ioc',
  'sell-ioc',
  'buy-limit-fok',
  'sell-limit-fok',
];
const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** HTX's kline periods the simulator serves (spot and HBDM), and their lengths. */
export const PERIODS: Record<string, Interval> = {
  '1min': Interval.MINUTE,
  '60min': Interval.HOUR,
  '1day': Interval.DAILY,
  '1week': Interval.WEEKLY,
};
export const PERIOD_MS: Record<string, number> = {
  '1min': 60_000,
  '60min': 3_600_000,
  '1day': 86_400_000,
  '1week': 604_800_000,
};

const ok = (data: unknown, extra?: Record<string, unknown>): Reply => ({
  ok: true,
  data,
  ...(extra ? { extra } : {}),
});
const fail = (code: string, msg: string): Reply => ({ ok: false, code, msg });

export type Sink = (message: unknown) => void;
/** Balance list items carry debt and available as the string "invalid" on a spot account (documented). */
const BALANCE_EXTRA = { debt: 'invalid', available: 'invalid' } as const;

interface Meta {
  type: SpotOrderType;
  source: string;
  filled: number;
  filledCash: number;
  fees: number;
}

export class HtxSpotVenue {
  private readonly meta = new Map<number, Meta>();
  private readonly announced = new Set<number>();
  private readonly marketSubs = new Map<string, Set<Sink>>();
  private readonly privateSubs = new Set<{ sink: Sink; ch: string }>();
  private readonly lastBalance = new Map<string, string>();
  private seqNum = 0;
  private rejectReason: string | undefined;
  /** The meta of the order being placed: the engine announces it (and its first fills) inside placeOrder. */
  private placing: Meta | undefined;
  /** Orders received by POST /v1/order/orders/place, for tests that check nothing was sent twice. */
  placeRequests = 0;

  constructor(
    readonly exchange: SimExchange,
    readonly specs: ReadonlyMap<string, HtxSpec>,
    readonly account: string,
    readonly accountId: number,
    private readonly now: () => number,
  ) {
    exchange.on('order', (o) => o.accountId === account && this.onOrder(o));
    exchange.on('fill', (f) => f.accountId === account && this.onFill(f));
    exchange.on('account', (a) => a.accountId === account && this.onAccount());
    exchange.on('book', (b) => {
      const ch = `market.${b.symbol}.depth.step0`;
      this.publish(ch, () => ({ ch, ts: this.now(), tick: this.depth(b.symbol) }));
    });
    exchange.on('stats', (s) => {
      const ch = `market.${s.symbol}.ticker`;
      this.publish(ch, () => ({ ch, ts: this.now(), tick: this.ticker(s.symbol) }));
    });
  }

  rejectNext(reason: string): void {
    this.rejectReason = reason;
  }

  // ---- market channels -------------------------------------------------------------------------------------

  /** Subscribes a market link to a topic and returns the first push, or an error text for a bad topic. */
  subscribeMarket(topic: string, sink: Sink): unknown | string {
    const m = /^market\.([a-z0-9]+)\.(depth\.step0|ticker)$/.exec(topic);
    if (!m || !this.specs.has(m[1]!)) return `invalid topic ${topic}`;
    const set = this.marketSubs.get(topic) ?? new Set<Sink>();
    set.add(sink);
    this.marketSubs.set(topic, set);
    const symbol = m[1]!;
    return { ch: topic, ts: this.now(), tick: m[2] === 'ticker' ? this.ticker(symbol) : this.depth(symbol) };
  }

  unsubscribeAll(sink: Sink): void {
    for (const set of this.marketSubs.values()) set.delete(sink);
    for (const s of [...this.privateSubs]) if (s.sink === sink) this.privateSubs.delete(s);
  }

  private publish(topic: string, build: () => unknown): void {
    const set = this.marketSubs.get(topic);
    if (!set || set.size === 0) return;
    const msg = build();
    for (const sink of set) sink(msg);
  }

  private depth(symbol: string) {
    const b = this.exchange.getBook(symbol, 20);
    const spec = this.specs.get(symbol)!;
    const lv = (l: { price: number; volume: number }): [number, number] => [
      round(l.price, spec.pricePrecision),
      round(l.volume, spec.amountPrecision),
    ];
    return {
      bids: (b?.bids ?? []).map(lv),
      asks: (b?.asks ?? []).map(lv),
      version: b?.sequence ?? 0,
      ts: this.now(),
    };
  }

  private ticker(symbol: string) {
    const s = this.exchange.getStats(symbol);
    const b = this.exchange.getBook(symbol, 1);
    const bid = b?.bids[0];
    const ask = b?.asks[0];
    return {
      open: s?.openPrice ?? 0,
      high: s?.highPrice ?? 0,
      low: s?.lowPrice ?? 0,
      close: s?.lastPrice ?? 0,
      amount: s?.volume ?? 0,
      vol: s?.turnover ?? 0,
      count: 0,
      bid: bid?.price ?? 0,
      bidSize: bid?.volume ?? 0,
      ask: ask?.price ?? 0,
      askSize: ask?.volume ?? 0,
      lastPrice: s?.lastPrice ?? 0,
      lastSize: s?.lastVolume ?? 0,
    };
  }

  // ---- private channels ------------------------------------------------------------------------------------

  /** Undefined when the channel can be subscribed; otherwise why not. */
  subscribePrivate(ch: string, sink: Sink): string | undefined {
    const orders = /^orders#([a-z0-9]+|\*)$/.exec(ch);
    if (orders) {
      if (orders[1] !== '*' && !this.specs.has(orders[1]!)) return `invalid symbol in ${ch}`;
    } else if (!/^accounts\.update#[012]$/.test(ch)) return `unsupported channel ${ch}`;
    this.privateSubs.add({ sink, ch });
    return undefined;
  }

  private pushPrivate(ch: string, symbol: string | undefined, data: unknown): void {
    for (const s of this.privateSubs) {
      const match = symbol === undefined ? s.ch === ch : s.ch === `orders#${symbol}` || s.ch === 'orders#*';
      if (match) s.sink({ action: 'push', ch: symbol === undefined ? ch : s.ch, data });
    }
  }

  private metaOf(orderId: number): Meta | undefined {
    let m = this.meta.get(orderId);
    if (!m && this.placing) {
      m = this.placing;
      this.meta.set(orderId, m);
      this.placing = undefined;
    }
    return m;
  }

  private onOrder(o: SimOrder): void {
    const m = this.metaOf(o.orderId);
    if (!m) return;
    if (!this.announced.has(o.orderId) && o.status !== 'REJECTED') {
      this.announced.add(o.orderId);
      this.pushPrivate('orders#', o.symbol, {
        orderSize: this.amountText(o),
        orderCreateTime: o.createdAt,
        accountId: this.accountId,
        orderPrice: this.priceText(o),
        type: m.type,
        orderId: o.orderId,
        clientOrderId: o.clientOrderId,
        orderSource: m.source,
        orderStatus: 'submitted',
        symbol: o.symbol,
        eventType: 'creation',
      });
    }
    if (o.status === 'CANCELED') {
      this.pushPrivate('orders#', o.symbol, {
        lastActTime: o.updatedAt,
        remainAmt: this.fmt(o.symbol, o.volume - m.filled),
        execAmt: this.fmt(o.symbol, m.filled),
        orderId: o.orderId,
        type: m.type,
        clientOrderId: o.clientOrderId,
        orderSource: m.source,
        orderPrice: this.priceText(o),
        orderSize: this.amountText(o),
        orderStatus: m.filled > 0 ? 'partial-canceled' : 'canceled',
        symbol: o.symbol,
        eventType: 'cancellation',
      });
    }
  }

  private onFill(f: SimFill): void {
    const m = this.metaOf(f.orderId);
    const o = this.exchange.getOrder(this.account, f.orderId);
    if (!m || !o) return;
    m.filled += f.volume;
    m.filledCash += f.volume * f.price;
    m.fees += f.commission;
    const done = m.filled >= o.volume - 1e-12;
    this.pushPrivate('orders#', f.symbol, {
      tradePrice: String(f.price),
      tradeVolume: this.fmt(f.symbol, f.volume),
      tradeId: f.tradeId,
      tradeTime: f.time,
      aggressor: !f.maker,
      remainAmt: this.fmt(f.symbol, o.volume - m.filled),
      execAmt: this.fmt(f.symbol, m.filled),
      orderId: f.orderId,
      type: m.type,
      clientOrderId: f.clientOrderId,
      orderSource: m.source,
      orderPrice: this.priceText(o),
      orderSize: this.amountText(o),
      orderStatus: done ? 'filled' : 'partial-filled',
      symbol: f.symbol,
      eventType: 'trade',
    });
  }

  private onAccount(): void {
    for (const b of this.balances()) {
      const key = `${b.balance}|${b.available}`;
      if (this.lastBalance.get(b.currency) === key) continue;
      this.lastBalance.set(b.currency, key);
      this.seqNum += 1;
      this.pushPrivate('accounts.update#1', undefined, {
        currency: b.currency,
        accountId: this.accountId,
        balance: b.balance,
        available: b.available,
        changeType: 'order.match',
        accountType: 'trade',
        seqNum: String(this.seqNum),
        changeTime: this.now(),
      });
    }
  }

  private balances(): Array<{ currency: string; balance: string; available: string; frozen: string }> {
    const a = this.exchange.getAccount(this.account);
    if (!a) return [];
    const out = [
      {
        currency: a.currency.toLowerCase(),
        balance: String(a.available + a.frozen),
        available: String(a.available),
        frozen: String(a.frozen),
      },
    ];
    for (const [asset, v] of Object.entries(a.assets))
      out.push({
        currency: asset.toLowerCase(),
        balance: String(v.free + v.locked),
        available: String(v.free),
        frozen: String(v.locked),
      });
    return out;
  }

  // ---- REST ------------------------------------------------------------------------------------------------

  handle(method: string, path: string, q: Params, body: Params): Reply {
    const key = `${method} ${path}`;
    if (key === 'GET /v1/common/timestamp') return ok(this.now());
    if (key === 'GET /v1/common/symbols') return ok([...this.specs.values()].map((s) => this.symbol(s)));
    if (key === 'GET /v1/account/accounts')
      return ok([{ id: this.accountId, type: 'spot', subtype: '', state: 'working' }]);
    if (key === 'GET /market/history/kline') return this.klines(q);
    let m = /^\/v1\/account\/accounts\/(\d+)\/balance$/.exec(path);
    if (m && method === 'GET') {
      if (Number(m[1]) !== this.accountId)
        return fail(
          'account-get-balance-account-inexistent-error',
          'account for id `' + m[1] + '` and user id does not exist',
        );
      return ok({
        id: this.accountId,
        type: 'spot',
        state: 'working',
        list: this.balances().flatMap((b) => [
          {
            currency: b.currency,
            type: 'trade',
            balance: b.available,
            ...BALANCE_EXTRA,
            'seq-num': String(this.seqNum),
          },
          {
            currency: b.currency,
            type: 'frozen',
            balance: b.frozen,
            ...BALANCE_EXTRA,
            'seq-num': String(this.seqNum),
          },
        ]),
      });
    }
    if (key === 'POST /v1/order/orders/place') return this.place(body);
    if (key === 'POST /v1/order/orders/submitCancelClientOrder') {
      const id = body['client-order-id'];
      if (!id) return fail('invalid-parameter', 'client-order-id is required');
      const o = this.exchange.getOrderByClientId(this.account, id);
      if (!o) return fail('order-orderstate-error', 'the order state is error');
      const r = this.exchange.cancelByClientId(this.account, id);
      return r.ok ? ok(10) : fail('order-orderstate-error', 'the order state is error');
    }
    m = /^\/v1\/order\/orders\/(\d+)\/submitcancel$/.exec(path);
    if (m && method === 'POST') {
      const r = this.exchange.cancelOrder(this.account, Number(m[1]));
      return r.ok ? ok(m[1]) : fail('order-orderstate-error', 'the order state is error');
    }
    if (key === 'GET /v1/order/openOrders') {
      if (q['account-id'] !== undefined && Number(q['account-id']) !== this.accountId)
        return fail('account-inexistent-error', 'the account does not exist');
      return ok(
        this.exchange
          .getOpenOrders(this.account, q.symbol)
          .filter((o) => this.meta.has(o.orderId))
          .map((o) => this.restOrder(o, 'filled')),
      );
    }
    if (key === 'GET /v1/order/orders/getClientOrder') {
      const o = q.clientOrderId ? this.exchange.getOrderByClientId(this.account, q.clientOrderId) : undefined;
      if (!o || !this.meta.has(o.orderId)) return fail('base-record-invalid', 'record invalid');
      return ok(this.restOrder(o, 'field'));
    }
    m = /^\/v1\/order\/orders\/(\d+)$/.exec(path);
    if (m && method === 'GET') {
      const o = this.exchange.getOrder(this.account, Number(m[1]));
      if (!o || !this.meta.has(o.orderId)) return fail('base-record-invalid', 'record invalid');
      return ok(this.restOrder(o, 'field'));
    }
    m = /^\/v1\/order\/orders\/(\d+)\/matchresults$/.exec(path);
    if (m && method === 'GET') {
      const id = Number(m[1]);
      if (!this.meta.has(id)) return fail('base-record-invalid', 'record invalid');
      return ok(this.fills((f) => f.orderId === id));
    }
    if (key === 'GET /v1/order/matchresults') {
      if (!q.symbol || !this.specs.has(q.symbol)) return fail('invalid-parameter', 'invalid symbol');
      return ok(
        this.fills((f) => f.symbol === q.symbol).slice(0, Math.min(500, Number(q.size ?? 100) || 100)),
      );
    }
    return fail('invalid-parameter', `no such endpoint ${method} ${path}`);
  }

  private symbol(s: HtxSpec) {
    return {
      'base-currency': s.baseAsset.toLowerCase(),
      'quote-currency': 'usdt',
      'price-precision': s.pricePrecision,
      'amount-precision': s.amountPrecision,
      'symbol-partition': 'main',
      symbol: s.symbol,
      state: 'online',
      'value-precision': 8,
      'min-order-amt': s.minVolume,
      'max-order-amt': 1000,
      'min-order-value': 5,
      'limit-order-min-order-amt': s.minVolume,
      'limit-order-max-order-amt': 1000,
      'sell-market-min-order-amt': s.minVolume,
      'sell-market-max-order-amt': 100,
      'buy-market-max-order-value': 1000000,
      'leverage-ratio': 5,
      'super-margin-leverage-ratio': 3,
      'funding-leverage-ratio': 3,
      'api-trading': 'enabled',
    };
  }

  private place(body: Params): Reply {
    this.placeRequests += 1;
    if (Number(body['account-id']) !== this.accountId)
      return fail('account-inexistent-error', 'the account does not exist');
    const spec = body.symbol ? this.specs.get(body.symbol) : undefined;
    if (!spec) return fail('invalid-parameter', 'invalid symbol');
    const type = body.type as SpotOrderType;
    if (!TYPES.includes(type)) return fail('invalid-parameter', 'invalid type');
    const amount = Number(body.amount);
    if (!Number.isFinite(amount) || amount <= 0) return fail('invalid-parameter', 'invalid amount');
    const clientId = body['client-order-id'];
    if (clientId !== undefined && !CLIENT_ID.test(clientId))
      return fail('invalid-parameter', 'invalid client-order-id');
    if (type === 'buy-market')
      return fail('invalid-parameter', 'buy-market is sized by value; not simulated');
    const market = type.endsWith('-market');
    const price = Number(body.price);
    if (!market && (!Number.isFinite(price) || price <= 0)) return fail('invalid-parameter', 'invalid price');
    if (this.rejectReason !== undefined) {
      const reason = this.rejectReason;
      this.rejectReason = undefined;
      return fail('account-frozen-balance-insufficient-error', reason);
    }
    const req: SimOrderRequest = {
      symbol: spec.symbol,
      side: type.startsWith('sell') ? 'SELL' : 'BUY',
      type: market
        ? OrderType.MARKET
        : type.endsWith('-ioc')
          ? OrderType.FAK
          : type.endsWith('-fok')
            ? OrderType.FOK
            : OrderType.LIMIT,
      price: market ? 0 : price,
      volume: amount,
      ...(clientId ? { clientOrderId: clientId } : {}),
      ...(type.endsWith('-limit-maker') ? { postOnly: true } : {}),
    };
    const pending: Meta = { type, source: body.source ?? 'spot-api', filled: 0, filledCash: 0, fees: 0 };
    this.placing = pending;
    const r = this.exchange.placeOrder(this.account, req);
    this.placing = undefined;
    if (!r.ok) return fail(REJECT_CODES[r.code] ?? 'order-rejected', r.reason);
    if (!this.meta.has(r.value.orderId)) this.meta.set(r.value.orderId, pending);
    return ok(String(r.value.orderId));
  }

  private restOrder(o: SimOrder, prefix: 'filled' | 'field') {
    const m = this.meta.get(o.orderId)!;
    const state: SpotOrderState =
      o.status === 'FILLED'
        ? 'filled'
        : o.status === 'CANCELED'
          ? m.filled > 0
            ? 'partial-canceled'
            : 'canceled'
          : o.status === 'PARTIALLY_FILLED'
            ? 'partial-filled'
            : 'submitted';
    return {
      id: o.orderId,
      symbol: o.symbol,
      'account-id': this.accountId,
      'client-order-id': o.clientOrderId,
      amount: this.amountText(o),
      price: this.priceText(o),
      'created-at': o.createdAt,
      type: m.type,
      [`${prefix}-amount`]: this.fmt(o.symbol, m.filled),
      [`${prefix}-cash-amount`]: String(m.filledCash),
      [`${prefix}-fees`]: String(m.fees),
      ...(prefix === 'field'
        ? {
            'finished-at': o.status === 'NEW' || o.status === 'PARTIALLY_FILLED' ? 0 : o.updatedAt,
            'canceled-at': o.status === 'CANCELED' ? o.updatedAt : 0,
          }
        : {}),
      source: m.source,
      state,
    };
  }

  private fills(filter: (f: SimFill) => boolean) {
    return this.exchange
      .getFills(this.account)
      .filter((f) => this.meta.has(f.orderId) && filter(f))
      .sort((a, b) => b.tradeId - a.tradeId)
      .map((f) => ({
        symbol: f.symbol,
        'created-at': f.time,
        'filled-amount': this.fmt(f.symbol, f.volume),
        'filled-fees': String(f.commission),
        'fee-currency': f.side === 'BUY' ? (this.specs.get(f.symbol)?.baseAsset ?? '').toLowerCase() : 'usdt',
        'filled-points': '0.0',
        'fee-deduct-currency': '',
        'fee-deduct-state': 'done',
        id: f.tradeId * 10,
        'match-id': f.tradeId * 100,
        'order-id': f.orderId,
        'trade-id': f.tradeId,
        price: String(f.price),
        source: this.meta.get(f.orderId)!.source,
        type: this.meta.get(f.orderId)!.type,
        role: f.maker ? 'maker' : 'taker',
      }));
  }

  private klines(q: Params): Reply {
    const spec = q.symbol ? this.specs.get(q.symbol) : undefined;
    const period = q.period ?? '';
    const interval = PERIODS[period];
    if (!spec || !interval) return fail('invalid-parameter', 'invalid symbol or period');
    const size = Math.min(2000, Math.max(1, Number(q.size ?? 150) || 150));
    const end = this.now();
    const bars = this.exchange.getBars(spec.symbol, interval, end - size * PERIOD_MS[period]!, end);
    return ok(
      bars
        .slice(-size)
        .reverse()
        .map((b) => ({
          id: Math.floor(b.time / 1000),
          open: b.open,
          close: b.close,
          low: b.low,
          high: b.high,
          amount: b.volume,
          vol: b.turnover,
          count: 0,
        })),
      { ch: `market.${spec.symbol}.kline.${period}` },
    );
  }

  private fmt(symbol: string, v: number): string {
    const spec = this.specs.get(symbol);
    return spec ? round(v, spec.amountPrecision).toFixed(spec.amountPrecision) : String(v);
  }

  private amountText(o: SimOrder): string {
    return this.fmt(o.symbol, o.volume);
  }

  private priceText(o: SimOrder): string {
    const spec = this.specs.get(o.symbol);
    return spec ? o.price.toFixed(spec.pricePrecision) : String(o.price);
  }
}

function round(v: number, digits: number): number {
  return Number(v.toFixed(digits));
}
