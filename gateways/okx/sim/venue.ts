// OKX's unified account over the shared simulated exchange: the REST endpoints and the pushes its public
// and private channels carry (tickers, trades, open-interest, books with seqId/prevSeqId and the checksum;
// orders, account, positions, balance_and_position). The server (server.ts) does transport and auth.
import { Interval, Offset, OrderType } from '../../../src/core/constant.js';
import type {
  BookSnapshot,
  SimExchange,
  SimFill,
  SimOrder,
  SimOrderRequest,
} from '../../../src/sim/types.js';
import { bookChecksum } from '../checksum.js';
import type { Arg, BookLevel, InstType, OrdType, PosMode } from '../types.js';
import {
  ERR,
  Formatter,
  decimal,
  paramError,
  rejectToError,
  type OkxSpec,
  type OrderMeta,
  type VenueError,
} from './wire.js';

export type Params = Record<string, string | undefined>;
export type Sink = (message: unknown) => void;
/** code "0" with data, or an error (HTTP status, code, msg, and the failed items of a trade request). */
export type Reply =
  { ok: true; data: unknown[] } | { ok: false; status: number; error: VenueError; data?: unknown[] };

export const BOOK_LEVELS = 50;
const CLIENT_ID = /^[A-Za-z0-9]{1,32}$/;
const BARS: Record<string, { interval: Interval; ms: number }> = {
  '1m': { interval: Interval.MINUTE, ms: 60_000 },
  '1H': { interval: Interval.HOUR, ms: 3_600_000 },
  '1Dutc': { interval: Interval.DAILY, ms: 86_400_000 },
  '1Wutc': { interval: Interval.WEEKLY, ms: 604_800_000 },
};

const ok = (data: unknown[]): Reply => ({ ok: true, data });
const fail = (error: VenueError, status = 200, data?: unknown[]): Reply => ({
  ok: false,
  status,
  error,
  ...(data ? { data } : {}),
});

interface Subscriber {
  sink: Sink;
  arg: Arg;
}

export interface BookFaults {
  /** Next book updates sent with a wrong checksum. */
  corruptChecksums: number;
  /** Next book update sent with a prevSeqId that does not follow. */
  gaps: number;
  /** 'zero': checksum 0 on every push, as production since OKX deprecated the field in June 2026. */
  checksumMode: 'crc32' | 'zero';
}

export class OkxVenue {
  readonly fmt: Formatter;
  private readonly subs = new Set<Subscriber>();
  private readonly meta = new Map<number, OrderMeta>();
  private readonly reported = new Map<number, number>();
  private readonly lastFill = new Map<number, SimFill>();
  private readonly announced = new Set<number>();
  private readonly views = new Map<string, BookSnapshot>();
  private readonly lastSeq = new Map<string, number>();
  private readonly leverage = new Map<string, string>();
  readonly faults: BookFaults = { corruptChecksums: 0, gaps: 0, checksumMode: 'crc32' };
  /** Orders received by POST /trade/order, for tests that check nothing was sent twice. */
  placeRequests = 0;

  constructor(
    readonly exchange: SimExchange,
    readonly specs: ReadonlyMap<string, OkxSpec>,
    readonly accountId: string,
    readonly posMode: PosMode,
    readonly uid: string,
    private readonly now: () => number,
  ) {
    this.fmt = new Formatter(specs);
    exchange.on('order', (o) => o.accountId === accountId && this.onOrder(o));
    exchange.on('fill', (f) => f.accountId === accountId && this.onFill(f));
    exchange.on('account', (a) => {
      if (a.accountId !== accountId) return;
      this.publishPrivate('account', undefined, () => [this.fmt.balance(a, this.now())]);
    });
    exchange.on('position', (id, p) => {
      if (id !== accountId) return;
      const spec = specs.get(p.symbol);
      if (!spec || spec.instType === 'SPOT') return;
      const position = this.fmt.position(p, spec.instType, posMode, this.lever(p.symbol), this.now());
      this.publishPrivate('positions', spec.instType, () => [position]);
      this.publishPrivate('balance_and_position', undefined, () => [
        {
          pTime: String(this.now()),
          eventType: 'filled',
          balData: [],
          posData: [pick(position, BAL_POS_KEYS)],
        },
      ]);
    });
    exchange.on('book', (b) => this.onBook(b));
    exchange.on('stats', (s) => {
      const spec = specs.get(s.symbol);
      if (!spec) return;
      const view = this.views.get(s.symbol);
      this.publish('tickers', s.symbol, () =>
        this.fmt.ticker(s, spec.instType, view?.bids[0], view?.asks[0]),
      );
      if (spec.instType !== 'SPOT')
        this.publish('open-interest', s.symbol, () => this.fmt.openInterest(s, spec.instType));
    });
    exchange.on('trade', (t) => this.publish('trades', t.symbol, () => this.fmt.trade(t)));
  }

  // ---- REST ------------------------------------------------------------------------------------------------

  /**
   * GET trade-fee: a spot pair by instId, derivatives by instFamily. The simulated exchange charges makers
   * and takers the instrument's one rate; OKX words a fee charged as a negative rate.
   */
  private tradeFee(q: Params): Reply {
    const t = q.instType;
    if (!t || !['SPOT', 'MARGIN', 'SWAP', 'FUTURES', 'OPTION'].includes(t))
      return fail(paramError('instType'));
    const spot = t === 'SPOT' || t === 'MARGIN';
    const spec = [...this.specs.values()].find((s) =>
      spot
        ? s.instType === 'SPOT' && s.symbol === q.instId
        : s.instType === t && s.symbol.split('-').slice(0, 2).join('-') === q.instFamily,
    );
    if (!spec) return fail(spot ? paramError('instId') : paramError('instFamily'));
    const rate = String(-(spec.commissionRate ?? 0));
    const coin = spot ? rate : '';
    const usdt = spot ? '' : rate;
    return ok([
      {
        category: '1',
        delivery: '',
        exercise: '',
        instType: t,
        level: 'Lv1',
        maker: coin,
        taker: coin,
        makerU: usdt,
        takerU: usdt,
        makerUSDC: '',
        takerUSDC: '',
        ruleType: 'normal',
        ts: String(this.now()),
        fiat: [],
      },
    ]);
  }

  handle(method: string, path: string, q: Params, body: Params): Reply {
    switch (`${method} ${path}`) {
      case 'GET /api/v5/public/time':
        return ok([{ ts: String(this.now()) }]);
      case 'GET /api/v5/public/instruments': {
        const t = q.instType;
        if (!t || !['SPOT', 'MARGIN', 'SWAP', 'FUTURES', 'OPTION'].includes(t))
          return fail(paramError('instType'));
        return ok(
          [...this.specs.values()].filter((s) => s.instType === t).map((s) => this.fmt.instrument(s)),
        );
      }
      case 'GET /api/v5/market/candles':
      case 'GET /api/v5/market/history-candles':
        return this.candles(q, path.endsWith('history-candles') ? 100 : 300);
      case 'GET /api/v5/market/books': {
        const v = q.instId ? this.view(q.instId) : undefined;
        if (!v) return fail(ERR.instrument);
        const n = Math.min(Number(q.sz ?? 1) || 1, 400);
        return ok([
          {
            asks: v.asks.slice(0, n).map((l) => this.fmt.level(v.symbol, l)),
            bids: v.bids.slice(0, n).map((l) => this.fmt.level(v.symbol, l)),
            ts: String(this.now()),
          },
        ]);
      }
      case 'GET /api/v5/account/config':
        return ok([
          {
            acctLv: '2',
            autoLoan: false,
            ctIsoMode: 'automatic',
            greeksType: 'PA',
            level: 'Lv1',
            levelTmp: '',
            mgnIsoMode: 'automatic',
            posMode: this.posMode,
            uid: this.uid,
            label: 'vnt simulator',
            roleType: '0',
            perm: 'read_only,trade',
            mainUid: this.uid,
          },
        ]);
      case 'GET /api/v5/account/trade-fee':
        return this.tradeFee(q);
      case 'GET /api/v5/account/balance':
        return ok([this.fmt.balance(this.account(), this.now())]);
      case 'GET /api/v5/account/positions':
        return this.positions(q);
      case 'POST /api/v5/account/set-leverage':
        return this.setLeverage(body);
      case 'POST /api/v5/trade/order':
        return this.place(body);
      case 'POST /api/v5/trade/cancel-order':
        return this.cancel(body);
      case 'POST /api/v5/trade/amend-order':
        return this.amend(body);
      case 'GET /api/v5/trade/order': {
        const o = this.find(q);
        if (!o || o.symbol !== q.instId) return fail(ERR.noOrder);
        return ok([this.restOrder(o)]);
      }
      case 'GET /api/v5/trade/orders-pending':
        return ok(
          this.exchange
            .getOpenOrders(this.accountId, q.instId)
            .filter((o) => !q.instType || this.specs.get(o.symbol)?.instType === q.instType)
            .map((o) => this.restOrder(o)),
        );
      case 'GET /api/v5/trade/fills':
        return this.fills(q);
      default:
        return fail({ code: '50000', msg: `no such endpoint ${method} ${path}` }, 404);
    }
  }

  private account() {
    const a = this.exchange.getAccount(this.accountId);
    if (!a) throw new Error(`simulator account ${this.accountId} is missing`);
    return a;
  }

  private lever(instId: string): string {
    return this.leverage.get(instId) ?? '10';
  }

  private positions(q: Params): Reply {
    const out = this.exchange
      .getPositions(this.accountId)
      .filter((p) => {
        const spec = this.specs.get(p.symbol);
        return (
          spec && spec.instType !== 'SPOT' && (!q.instType || spec.instType === q.instType) && p.volume !== 0
        );
      })
      .map((p) =>
        this.fmt.position(
          p,
          this.specs.get(p.symbol)!.instType,
          this.posMode,
          this.lever(p.symbol),
          this.now(),
        ),
      );
    return ok(out);
  }

  private setLeverage(b: Params): Reply {
    const spec = b.instId ? this.specs.get(b.instId) : undefined;
    if (!spec || spec.instType === 'SPOT') return fail(ERR.instrument);
    const lever = Number(b.lever);
    if (!Number.isInteger(lever) || lever < 1 || lever > 125) return fail(paramError('lever'));
    if (b.mgnMode !== 'cross' && b.mgnMode !== 'isolated') return fail(paramError('mgnMode'));
    this.leverage.set(spec.symbol, String(lever));
    return ok([{ lever: String(lever), mgnMode: b.mgnMode, instId: spec.symbol, posSide: b.posSide ?? '' }]);
  }

  private candles(q: Params, maxLimit: number): Reply {
    const spec = q.instId ? this.specs.get(q.instId) : undefined;
    if (!spec) return fail(ERR.instrument);
    const bar = BARS[q.bar ?? '1m'];
    if (!bar) return fail(paramError('bar'));
    const limit = Math.min(Number(q.limit ?? 100) || 100, maxLimit);
    const after = q.after !== undefined ? Number(q.after) : this.now() + 1;
    const before = q.before !== undefined ? Number(q.before) : 0;
    const start = Math.max(before + 1, after - limit * bar.ms);
    const bars = this.exchange
      .getBars(spec.symbol, bar.interval, start, after - 1)
      .filter((b) => b.time < after && b.time > before)
      .sort((x, y) => y.time - x.time)
      .slice(0, limit);
    const id = spec.symbol;
    return ok(
      bars.map((b) => [
        String(b.time),
        this.fmt.px(id, b.open),
        this.fmt.px(id, b.high),
        this.fmt.px(id, b.low),
        this.fmt.px(id, b.close),
        this.fmt.sz(id, b.volume),
        decimal(spec.instType === 'SPOT' ? b.turnover : b.volume * spec.ctVal, 1e-8),
        decimal(b.turnover, 1e-8),
        b.time + bar.ms <= this.now() ? '1' : '0',
      ]),
    );
  }

  private place(b: Params): Reply {
    this.placeRequests += 1;
    const item = (error: VenueError) =>
      fail({ code: '1', msg: 'All operations failed' }, 200, [
        {
          clOrdId: b.clOrdId ?? '',
          ordId: '',
          tag: '',
          ts: String(this.now()),
          sCode: error.code,
          sMsg: error.msg,
        },
      ]);
    for (const name of ['instId', 'tdMode', 'side', 'ordType', 'sz'])
      if (!b[name]) return fail(paramError(name));
    const spec = this.specs.get(b.instId!);
    if (!spec) return item(ERR.instrument);
    if (b.side !== 'buy' && b.side !== 'sell') return fail(paramError('side'));
    const ordType = b.ordType as OrdType;
    const type = TYPES[ordType];
    if (type === undefined) return fail(paramError('ordType'));
    const spot = spec.instType === 'SPOT';
    if (spot ? b.tdMode !== 'cash' : b.tdMode !== 'cross' && b.tdMode !== 'isolated')
      return item(paramError('tdMode'));
    if (type !== OrderType.MARKET && !b.px) return fail(paramError('px'));
    if (b.clOrdId !== undefined && !CLIENT_ID.test(b.clOrdId)) return fail(paramError('clOrdId'));
    if (spot && type === OrderType.MARKET && b.side === 'buy' && b.tgtCcy !== 'base_ccy') {
      // The simulator sizes only in base currency; OKX would read sz as USDT here.
      return item({
        code: '51000',
        msg: 'Parameter tgtCcy error (the simulator takes base_ccy market buys only)',
      });
    }
    let offset: Offset | undefined;
    let posSide = spot ? '' : 'net';
    if (!spot && this.posMode === 'long_short_mode') {
      if (b.posSide !== 'long' && b.posSide !== 'short') return item(paramError('posSide'));
      posSide = b.posSide;
      const opening = (b.posSide === 'long') === (b.side === 'buy');
      offset = opening ? Offset.OPEN : Offset.CLOSE;
    } else if (!spot && b.posSide !== undefined && b.posSide !== 'net') {
      return item(paramError('posSide'));
    }
    const reduceOnly = !spot && b.reduceOnly === 'true';
    const req: SimOrderRequest = {
      symbol: spec.symbol,
      side: b.side === 'buy' ? 'BUY' : 'SELL',
      type,
      price: type === OrderType.MARKET ? 0 : Number(b.px),
      volume: Number(b.sz),
      ...(b.clOrdId ? { clientOrderId: b.clOrdId } : {}),
      ...(offset ? { offset } : {}),
      ...(reduceOnly ? { reduceOnly: true } : {}),
      ...(type === OrderType.POSTONLY ? { postOnly: true } : {}),
    };
    // Known before placing: the exchange emits the order's first events during placeOrder.
    const pendingMeta: OrderMeta = {
      instType: spec.instType,
      ordType,
      tdMode: b.tdMode!,
      posSide,
      reduceOnly,
      tgtCcy: b.tgtCcy ?? '',
      lever: spot ? '' : this.lever(spec.symbol),
      feeCcy: spot ? (b.side === 'buy' ? (spec.baseAsset ?? '') : spec.currency) : spec.settleCcy,
      ctVal: spot ? 1 : spec.ctVal,
      fees: 0,
    };
    this.nextMeta = pendingMeta;
    const result = this.exchange.placeOrder(this.accountId, req);
    this.nextMeta = undefined;
    if (!result.ok) return item(rejectToError(result.code, result.reason, spec.currency));
    this.meta.set(result.value.orderId, pendingMeta);
    return ok([
      {
        clOrdId: result.value.clientOrderId,
        ordId: String(result.value.orderId),
        tag: '',
        ts: String(this.now()),
        sCode: '0',
        sMsg: 'Order placed',
      },
    ]);
  }

  private nextMeta: OrderMeta | undefined;

  private find(q: Params): SimOrder | undefined {
    if (q.ordId) return this.exchange.getOrder(this.accountId, Number(q.ordId));
    if (q.clOrdId) return this.exchange.getOrderByClientId(this.accountId, q.clOrdId);
    return undefined;
  }

  private cancel(b: Params): Reply {
    const item = (error: VenueError) =>
      fail({ code: '1', msg: 'All operations failed' }, 200, [
        {
          clOrdId: b.clOrdId ?? '',
          ordId: b.ordId ?? '',
          ts: String(this.now()),
          sCode: error.code,
          sMsg: error.msg,
        },
      ]);
    if (!b.instId) return fail(paramError('instId'));
    if (!b.ordId && !b.clOrdId) return fail(paramError('ordId'));
    const o = this.find(b);
    if (!o || o.symbol !== b.instId) return item(ERR.cancelFailed);
    const result = this.exchange.cancelOrder(this.accountId, o.orderId);
    if (!result.ok) return item(ERR.cancelFailed);
    return ok([
      { clOrdId: o.clientOrderId, ordId: String(o.orderId), ts: String(this.now()), sCode: '0', sMsg: '' },
    ]);
  }

  /** Trade › Amend order: newPx and/or newSz (the new total size) of a working order, answered on the orders channel. */
  private amend(b: Params): Reply {
    const item = (error: VenueError) =>
      fail({ code: '1', msg: 'All operations failed' }, 200, [
        {
          clOrdId: b.clOrdId ?? '',
          ordId: b.ordId ?? '',
          ts: String(this.now()),
          reqId: b.reqId ?? '',
          sCode: error.code,
          sMsg: error.msg,
        },
      ]);
    if (!b.instId) return fail(paramError('instId'));
    if (!b.ordId && !b.clOrdId) return fail(paramError('ordId'));
    if (b.newSz === undefined && b.newPx === undefined) return fail(paramError('newSz'));
    for (const name of ['newSz', 'newPx'] as const) {
      const v = b[name];
      if (v !== undefined && !(Number(v) > 0)) return fail(paramError(name));
    }
    const o = this.find(b);
    if (!o || o.symbol !== b.instId) return item(ERR.amendFailed);
    const result = this.exchange.amendOrder(this.accountId, o.orderId, {
      ...(b.newPx !== undefined ? { price: Number(b.newPx) } : {}),
      ...(b.newSz !== undefined ? { volume: Number(b.newSz) } : {}),
    });
    const meta = this.metaOf(o.orderId, o.symbol);
    const now = this.exchange.getOrder(this.accountId, o.orderId) ?? o;
    // OKX reports the outcome on the orders channel as well: amendResult "0" or "-1" with the request's reqId.
    if (now.status !== 'CANCELED' && now.status !== 'FILLED' && now.status !== 'REJECTED') {
      meta.amendResult = result.ok ? '0' : '-1';
      meta.reqId = b.reqId ?? '';
      this.pushOrder(now, undefined);
      delete meta.amendResult;
      delete meta.reqId;
    }
    if (!result.ok) {
      return item(
        result.code === 'ORDER_NOT_ACTIVE' || result.code === 'UNKNOWN_ORDER'
          ? ERR.amendFailed
          : rejectToError(result.code, result.reason, this.specs.get(o.symbol)?.currency ?? ''),
      );
    }
    return ok([
      {
        clOrdId: o.clientOrderId,
        ordId: String(o.orderId),
        ts: String(this.now()),
        reqId: b.reqId ?? '',
        sCode: '0',
        sMsg: '',
      },
    ]);
  }

  private fills(q: Params): Reply {
    const limit = Math.min(Number(q.limit ?? 100) || 100, 100);
    const since = this.now() - 3 * 86_400_000;
    const fills = this.exchange
      .getFills(this.accountId)
      .filter((f) => {
        const spec = this.specs.get(f.symbol);
        return (
          spec &&
          f.time >= since &&
          (!q.instType || spec.instType === q.instType) &&
          (!q.instId || f.symbol === q.instId) &&
          (!q.ordId || String(f.orderId) === q.ordId)
        );
      })
      .reverse()
      .slice(0, limit);
    return ok(
      fills.map((f) =>
        this.fmt.fill(f, this.metaOf(f.orderId, f.symbol), this.specs.get(f.symbol)!.instType),
      ),
    );
  }

  private metaOf(orderId: number, instId: string): OrderMeta {
    const known = this.meta.get(orderId) ?? this.nextMeta;
    if (known) return known;
    const spec = this.specs.get(instId)!;
    return {
      instType: spec.instType,
      ordType: 'limit',
      tdMode: spec.instType === 'SPOT' ? 'cash' : 'cross',
      posSide: spec.instType === 'SPOT' ? '' : 'net',
      reduceOnly: false,
      tgtCcy: '',
      lever: '',
      feeCcy: spec.currency,
      ctVal: spec.instType === 'SPOT' ? 1 : spec.ctVal,
      fees: 0,
    };
  }

  private restOrder(o: SimOrder) {
    const meta = this.metaOf(o.orderId, o.symbol);
    return this.fmt.restOrder(o, meta, o.filled, this.lastFill.get(o.orderId), meta.instType);
  }

  // ---- subscriptions -------------------------------------------------------------------------------------

  subscribe(sink: Sink, arg: Arg): void {
    this.subs.add({ sink, arg });
    const spec = arg.instId ? this.specs.get(arg.instId) : undefined;
    // A new subscription gets its snapshot at once (books: prevSeqId -1; account and positions: all).
    if (arg.channel === 'books' && spec) {
      const v = this.view(spec.symbol);
      // The snapshot carries the seqId the last update went out with (the exchange's own sequence can lag it,
      // see onBook), so that the next update's prevSeqId chains onto it.
      const seq = v ? (this.lastSeq.get(v.symbol) ?? v.sequence) : 0;
      if (v) sink({ arg, action: 'snapshot', data: [this.bookData(v.symbol, v.bids, v.asks, -1, seq, v)] });
    } else if (arg.channel === 'account') {
      sink({
        arg: { ...arg, uid: this.uid },
        eventType: 'snapshot',
        curPage: 1,
        lastPage: true,
        data: [this.fmt.balance(this.account(), this.now())],
      });
    } else if (arg.channel === 'positions') {
      const r = this.positions({
        ...(arg.instType && arg.instType !== 'ANY' ? { instType: arg.instType } : {}),
      });
      if (r.ok && r.data.length)
        sink({
          arg: { ...arg, uid: this.uid },
          eventType: 'snapshot',
          curPage: 1,
          lastPage: true,
          data: r.data,
        });
    }
  }

  unsubscribe(sink: Sink, arg?: Arg): void {
    for (const s of this.subs) {
      if (s.sink !== sink) continue;
      if (
        !arg ||
        (s.arg.channel === arg.channel && s.arg.instId === arg.instId && s.arg.instType === arg.instType)
      )
        this.subs.delete(s);
    }
  }

  isChannel(channel: string): boolean {
    return PUBLIC.has(channel) || PRIVATE.has(channel);
  }

  private publish(channel: string, instId: string, build: () => unknown): void {
    let message: unknown;
    for (const s of this.subs) {
      if (s.arg.channel !== channel || s.arg.instId !== instId) continue;
      message ??= build();
      s.sink({ arg: s.arg, data: [message] });
    }
  }

  private publishPrivate(channel: string, instType: InstType | undefined, build: () => unknown[]): void {
    let data: unknown[] | undefined;
    for (const s of this.subs) {
      if (s.arg.channel !== channel) continue;
      const t = s.arg.instType;
      if (instType && t && t !== 'ANY' && t !== instType) continue;
      data ??= build();
      const extra =
        channel === 'account' || channel === 'positions'
          ? { eventType: 'event_update', curPage: 1, lastPage: true }
          : {};
      s.sink({ arg: { ...s.arg, uid: this.uid }, ...extra, data });
    }
  }

  private pushOrder(o: SimOrder, fill: SimFill | undefined): void {
    const meta = this.metaOf(o.orderId, o.symbol);
    const acc = this.reported.get(o.orderId) ?? 0;
    for (const s of this.subs) {
      if (s.arg.channel !== 'orders') continue;
      const t = s.arg.instType;
      if (t && t !== 'ANY' && t !== meta.instType) continue;
      if (s.arg.instId && s.arg.instId !== o.symbol) continue;
      s.sink({ arg: { ...s.arg, uid: this.uid }, data: [this.fmt.order(o, meta, acc, fill, meta.instType)] });
    }
  }

  private onOrder(o: SimOrder): void {
    if (!this.announced.has(o.orderId)) {
      this.announced.add(o.orderId);
      if (o.status !== 'REJECTED') this.pushOrder({ ...o, status: 'NEW', filled: 0 }, undefined);
    }
    if (o.status === 'CANCELED') this.pushOrder(o, undefined);
  }

  private onFill(f: SimFill): void {
    const o = this.exchange.getOrder(this.accountId, f.orderId);
    if (!o) return;
    const meta = this.metaOf(f.orderId, f.symbol);
    meta.fees += f.commission;
    this.reported.set(f.orderId, (this.reported.get(f.orderId) ?? 0) + f.volume);
    this.lastFill.set(f.orderId, f);
    this.pushOrder(o, f);
  }

  // ---- books -----------------------------------------------------------------------------------------------

  view(instId: string): BookSnapshot | undefined {
    let v = this.views.get(instId);
    if (!v) {
      v = this.exchange.getBook(instId, BOOK_LEVELS);
      if (v) {
        this.views.set(instId, v);
        this.lastSeq.set(instId, v.sequence);
      }
    }
    return v;
  }

  private bookData(
    id: string,
    bids: BookLevel[] | BookSnapshot['bids'],
    asks: BookLevel[] | BookSnapshot['asks'],
    prev: number,
    seq: number,
    full: BookSnapshot,
  ) {
    const asText = (l: BookLevel | BookSnapshot['bids'][number]): BookLevel =>
      Array.isArray(l) ? l : this.fmt.level(id, l);
    const bidLevels = (bids as (BookLevel | BookSnapshot['bids'][number])[]).map(asText);
    const askLevels = (asks as (BookLevel | BookSnapshot['asks'][number])[]).map(asText);
    let checksum = 0;
    if (this.faults.checksumMode === 'crc32') {
      checksum = bookChecksum(
        full.bids.map((l) => [this.fmt.px(id, l.price), this.fmt.sz(id, l.volume)] as const),
        full.asks.map((l) => [this.fmt.px(id, l.price), this.fmt.sz(id, l.volume)] as const),
      );
    }
    return {
      asks: askLevels,
      bids: bidLevels,
      ts: String(this.now()),
      checksum,
      prevSeqId: prev,
      seqId: seq,
    };
  }

  private onBook(next0: BookSnapshot): void {
    const id = next0.symbol;
    if (!this.specs.has(id)) return;
    const prev = this.views.get(id);
    const next = this.exchange.getBook(id, BOOK_LEVELS) ?? next0;
    this.views.set(id, next);
    if (!prev) {
      this.lastSeq.set(id, next.sequence);
      return;
    }
    const prevSeq = this.lastSeq.get(id) ?? prev.sequence;
    const seq = Math.max(next.sequence, prevSeq + 1);
    this.lastSeq.set(id, seq);
    let message: unknown;
    for (const s of this.subs) {
      if (s.arg.channel !== 'books' || s.arg.instId !== id) continue;
      if (message === undefined) {
        const data = this.bookData(
          id,
          diff(this, id, prev.bids, next.bids),
          diff(this, id, prev.asks, next.asks),
          prevSeq,
          seq,
          next,
        );
        if (this.faults.corruptChecksums > 0 && this.faults.checksumMode === 'crc32') {
          this.faults.corruptChecksums -= 1;
          data.checksum = (data.checksum + 1) | 0;
        }
        if (this.faults.gaps > 0) {
          this.faults.gaps -= 1;
          data.prevSeqId = prevSeq - 1;
        }
        message = { arg: s.arg, action: 'update', data: [data] };
      }
      s.sink(message);
    }
  }
}

function diff(
  v: OkxVenue,
  id: string,
  before: BookSnapshot['bids'],
  after: BookSnapshot['bids'],
): BookLevel[] {
  const out: BookLevel[] = [];
  const now = new Map(after.map((l) => [l.price, l]));
  for (const l of before) if (!now.has(l.price)) out.push(v.fmt.level(id, l, true));
  const was = new Map(before.map((l) => [l.price, l.volume]));
  for (const l of after) if (was.get(l.price) !== l.volume) out.push(v.fmt.level(id, l));
  return out;
}

const TYPES: Partial<Record<OrdType, OrderType>> = {
  limit: OrderType.LIMIT,
  market: OrderType.MARKET,
  post_only: OrderType.POSTONLY,
  fok: OrderType.FOK,
  ioc: OrderType.FAK,
};

export const PUBLIC = new Set(['tickers', 'books', 'books5', 'trades', 'open-interest']);
export const PRIVATE = new Set(['orders', 'account', 'positions', 'balance_and_position']);

const BAL_POS_KEYS = [
  'posId',
  'tradeId',
  'instId',
  'instType',
  'mgnMode',
  'posSide',
  'pos',
  'ccy',
  'posCcy',
  'avgPx',
  'uTime',
] as const;

function pick<T extends Record<string, unknown>, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = o[k];
  return out;
}
