// The simulated exchange's objects in OKX v5's wire shapes — the same keys as OKX's documented examples
// (test/fixtures/okx-messages.ts holds those, and the agreement test compares), with the simulator's values —
// and its refusals as OKX error codes.
import { Direction, OrderType } from '../../../src/core/constant.js';
import type {
  BookLevel as SimLevel,
  InstrumentSpec,
  MarketStats,
  PublicTrade,
  RejectCode,
  SimAccount,
  SimFill,
  SimOrder,
  SimPosition,
} from '../../../src/sim/types.js';
import type { BookLevel, InstType, OrdType } from '../types.js';

export interface VenueError {
  code: string;
  msg: string;
}

/** REST authentication and request errors (docs-v5 "Error Code": REST API, public and trade). */
export const ERR = {
  keyEmpty: { code: '50103', msg: 'Request header OK-ACCESS-KEY cannot be empty.' },
  key: { code: '50111', msg: 'Invalid OK-ACCESS-KEY.' },
  passphrase: { code: '50105', msg: 'Invalid OK-ACCESS-PASSPHRASE.' },
  timestampFormat: { code: '50112', msg: 'Invalid OK-ACCESS-TIMESTAMP.' },
  timestampExpired: { code: '50102', msg: 'Timestamp request expired.' },
  sign: { code: '50113', msg: 'Invalid Sign.' },
  environment: { code: '50101', msg: 'APIKey does not match current environment.' },
  rateLimit: { code: '50011', msg: 'Too Many Requests' },
  notFound: { code: '50000', msg: 'Body cannot be empty.' },
  instrument: { code: '51001', msg: "Instrument ID doesn't exist." },
  noOrder: { code: '51603', msg: 'Order does not exist' },
  // [recall] Trade › Amend order: the error for an order that is no longer working.
  amendFailed: {
    code: '51503',
    msg: 'Order modification failed as the order has been filled, canceled or does not exist.',
  },
  cancelFailed: {
    code: '51400',
    msg: 'Order cancellation failed as the order has been filled, canceled or does not exist.',
  },
} as const satisfies Record<string, VenueError>;

export function paramError(name: string): VenueError {
  return { code: '51000', msg: `Parameter ${name} error` };
}

/** A refused order's sCode and sMsg. */
export function rejectToError(code: RejectCode, reason: string, quoteCcy: string): VenueError {
  switch (code) {
    case 'UNKNOWN_INSTRUMENT':
      return ERR.instrument;
    case 'BAD_PRICE_TICK':
      return paramError('px');
    case 'BAD_LOT_SIZE':
      return { code: '51121', msg: 'Order quantity must be a multiple of the lot size.' };
    case 'BELOW_MIN_VOLUME':
      return { code: '51020', msg: 'Your order should meet or exceed the minimum order amount.' };
    case 'PRICE_OUT_OF_BAND':
      return { code: '51006', msg: 'Order price is not within the price limit.' };
    case 'INSUFFICIENT_FUNDS':
      return { code: '51008', msg: `Order failed. Insufficient ${quoteCcy} balance in account.` };
    case 'INSUFFICIENT_POSITION':
      return { code: '51169', msg: "Order failed because you don't have any positions to reduce." };
    case 'WOULD_TAKE_LIQUIDITY':
      // OKX itself accepts the post_only order and cancels it; the simulator refuses it outright.
      return { code: '51026', msg: 'Post only order would take liquidity and was rejected (simulator).' };
    case 'FOK_NOT_FILLABLE':
      return { code: '51026', msg: 'FOK order could not be filled in full and was rejected (simulator).' };
    case 'DUPLICATE_CLIENT_ID':
      return { code: '51016', msg: 'Duplicated clOrdId' };
    case 'UNKNOWN_ORDER':
      return ERR.noOrder;
    case 'ORDER_NOT_ACTIVE':
      return ERR.cancelFailed;
    case 'INJECTED':
      return { code: '51008', msg: reason };
    default:
      return { code: '51000', msg: reason };
  }
}

/** What the simulator knows about an instrument beyond the matching engine's spec. */
export interface OkxSpec extends InstrumentSpec {
  instType: InstType;
  ctVal: number;
  ctValCcy: string;
  settleCcy: string;
  expTime: number;
}

/** OKX prints decimals without trailing zeros ("8477", "0.1"). */
export function decimal(v: number, step: number): string {
  const digits = step > 0 ? Math.max(0, Math.min(12, Math.ceil(-Math.log10(step) - 1e-9))) : 8;
  const text = (step > 0 ? Math.round(v / step) * step : v).toFixed(digits);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

const amount = (v: number): string => decimal(v, 1e-8);

export class Formatter {
  constructor(private readonly specs: ReadonlyMap<string, OkxSpec>) {}

  spec(instId: string): OkxSpec | undefined {
    return this.specs.get(instId);
  }

  px(instId: string, v: number): string {
    return decimal(v, this.specs.get(instId)?.pricetick ?? 1e-8);
  }

  sz(instId: string, v: number): string {
    return decimal(v, this.specs.get(instId)?.lotSize ?? 1e-8);
  }

  instrument(s: OkxSpec): Record<string, string> {
    const spot = s.instType === 'SPOT';
    return {
      alias: spot ? '' : s.instType === 'SWAP' ? '' : 'quarter',
      baseCcy: spot ? (s.baseAsset ?? '') : '',
      category: '1',
      ctMult: spot ? '' : '1',
      ctType: spot ? '' : 'linear',
      ctVal: spot ? '' : String(s.ctVal),
      ctValCcy: spot ? '' : s.ctValCcy,
      expTime: s.expTime ? String(s.expTime) : '',
      instFamily: spot ? '' : s.symbol.split('-').slice(0, 2).join('-'),
      instId: s.symbol,
      instType: s.instType,
      lever: spot ? '10' : '100',
      listTime: '1606468572000',
      lotSz: String(s.lotSize),
      maxIcebergSz: '9999999999.0000000000000000',
      maxLmtAmt: '1000000',
      maxLmtSz: '9999999999',
      maxMktAmt: '1000000',
      maxMktSz: '',
      maxStopSz: '',
      maxTriggerSz: '9999999999.0000000000000000',
      maxTwapSz: '9999999999.0000000000000000',
      minSz: String(s.minVolume),
      optType: '',
      quoteCcy: spot ? s.currency : '',
      settleCcy: spot ? '' : s.settleCcy,
      state: 'live',
      stk: '',
      tickSz: String(s.pricetick),
      uly: spot ? '' : s.symbol.split('-').slice(0, 2).join('-'),
    };
  }

  level(instId: string, l: SimLevel, removed = false): BookLevel {
    return [this.px(instId, l.price), removed ? '0' : this.sz(instId, l.volume), '0', removed ? '0' : '1'];
  }

  ticker(s: MarketStats, instType: InstType, bid: SimLevel | undefined, ask: SimLevel | undefined) {
    const id = s.symbol;
    const spec = this.specs.get(id);
    // Derivatives: vol24h in contracts, volCcy24h in base currency; spot: base and quote.
    const volCcy = instType === 'SPOT' ? s.turnover : s.volume * (spec?.ctVal ?? 1);
    return {
      instType,
      instId: id,
      last: this.px(id, s.lastPrice),
      lastSz: this.sz(id, s.lastVolume),
      askPx: ask ? this.px(id, ask.price) : '',
      askSz: ask ? this.sz(id, ask.volume) : '',
      bidPx: bid ? this.px(id, bid.price) : '',
      bidSz: bid ? this.sz(id, bid.volume) : '',
      open24h: this.px(id, s.openPrice || s.lastPrice),
      high24h: this.px(id, s.highPrice || s.lastPrice),
      low24h: this.px(id, s.lowPrice || s.lastPrice),
      volCcy24h: amount(volCcy),
      vol24h: this.sz(id, s.volume),
      sodUtc0: this.px(id, s.openPrice || s.lastPrice),
      sodUtc8: this.px(id, s.openPrice || s.lastPrice),
      ts: String(s.time),
    };
  }

  trade(t: PublicTrade) {
    return {
      instId: t.symbol,
      tradeId: String(t.tradeId),
      px: this.px(t.symbol, t.price),
      sz: this.sz(t.symbol, t.volume),
      side: t.side === 'BUY' ? 'buy' : 'sell',
      ts: String(t.time),
      count: '1',
    };
  }

  openInterest(s: MarketStats, instType: InstType) {
    const ctVal = this.specs.get(s.symbol)?.ctVal ?? 1;
    return {
      instType,
      instId: s.symbol,
      oi: this.sz(s.symbol, s.openInterest),
      oiCcy: amount(s.openInterest * ctVal),
      oiUsd: amount(s.openInterest * ctVal * s.lastPrice),
      ts: String(s.time),
    };
  }

  /** One balance object (Get balance, the account channel) for the unified account. */
  balance(a: SimAccount, now: number) {
    const details = [
      detail(a.currency, a.balance, a.balance - a.frozen - 0, a.frozen, a.available, now),
      ...Object.entries(a.assets).map(([ccy, v]) =>
        detail(ccy, v.free + v.locked, v.free + v.locked, v.locked, v.free, now),
      ),
    ];
    return {
      adjEq: amount(a.balance),
      borrowFroz: '0',
      details,
      imr: '0',
      isoEq: '0',
      mgnRatio: '',
      mmr: '0',
      notionalUsd: '0',
      ordFroz: amount(a.frozen),
      totalEq: amount(a.balance),
      uTime: String(now),
      upl: '0',
    };
  }

  position(p: SimPosition, instType: InstType, posMode: string, lever: string, now: number) {
    const id = p.symbol;
    const spec = this.specs.get(id);
    const netMode = posMode === 'net_mode';
    const signed = netMode && p.direction === Direction.SHORT ? -Math.abs(p.volume) : p.volume;
    const posSide = netMode ? 'net' : p.direction === Direction.SHORT ? 'short' : 'long';
    return {
      adl: '1',
      availPos: this.sz(id, Math.max(0, Math.abs(p.volume) - p.frozen)),
      avgPx: p.volume ? this.px(id, p.avgPrice) : '',
      cTime: String(now),
      ccy: spec?.settleCcy ?? 'USDT',
      imr: '',
      instId: id,
      instType,
      last: '',
      lever,
      liqPx: '',
      markPx: '',
      margin: amount(p.margin),
      mgnMode: 'cross',
      mgnRatio: '',
      mmr: '',
      notionalUsd: amount(Math.abs(p.volume) * (spec?.ctVal ?? 1) * p.avgPrice),
      pos: this.sz(id, signed),
      posCcy: '',
      posId: String(hash(`${id}:${posSide}`)),
      posSide,
      realizedPnl: '0',
      tradeId: '',
      uTime: String(now),
      upl: amount(p.pnl),
      uplRatio: '0',
    };
  }

  /** An order (orders channel, GET order, orders-pending) with the last fill, when there is one. */
  order(o: SimOrder, meta: OrderMeta, accFill: number, fill: SimFill | undefined, instType: InstType) {
    const id = o.symbol;
    const state =
      o.status === 'CANCELED' || o.status === 'REJECTED'
        ? 'canceled'
        : accFill >= o.volume - 1e-12 && accFill > 0
          ? 'filled'
          : accFill > 0
            ? 'partially_filled'
            : 'live';
    return {
      accFillSz: this.sz(id, accFill),
      amendResult: meta.amendResult ?? '',
      avgPx: accFill > 0 ? this.px(id, o.avgPrice) : '',
      cTime: String(o.createdAt),
      category: 'normal',
      ccy: '',
      clOrdId: o.clientOrderId,
      code: '0',
      execType: fill ? (fill.maker ? 'M' : 'T') : '',
      fee: amount(-meta.fees),
      feeCcy: meta.feeCcy,
      fillFee: fill ? amount(-fill.commission) : '0',
      fillFeeCcy: fill ? meta.feeCcy : '',
      fillNotionalUsd: fill ? amount(fill.price * fill.volume * meta.ctVal) : '',
      fillPx: fill ? this.px(id, fill.price) : '',
      fillSz: fill ? this.sz(id, fill.volume) : '0',
      fillTime: fill ? String(fill.time) : '',
      instId: id,
      instType,
      lever: instType === 'SPOT' ? '0' : meta.lever,
      msg: '',
      notionalUsd: amount(o.price * o.volume * meta.ctVal),
      ordId: String(o.orderId),
      ordType: meta.ordType,
      pnl: '0',
      posSide: meta.posSide,
      px: o.type === OrderType.MARKET ? '' : this.px(id, o.price),
      rebate: '0',
      rebateCcy: meta.feeCcy,
      reduceOnly: meta.reduceOnly ? 'true' : 'false',
      reqId: meta.reqId ?? '',
      side: o.side === 'BUY' ? 'buy' : 'sell',
      slOrdPx: '',
      slTriggerPx: '',
      slTriggerPxType: '',
      source: '',
      state,
      sz: this.sz(id, o.volume),
      tag: '',
      tdMode: meta.tdMode,
      tgtCcy: meta.tgtCcy,
      tpOrdPx: '',
      tpTriggerPx: '',
      tpTriggerPxType: '',
      tradeId: fill ? String(fill.tradeId) : '',
      uTime: String(fill?.time ?? o.updatedAt),
    };
  }

  /** GET order details / orders-pending: the documented order object (no per-fill fields but the last). */
  restOrder(o: SimOrder, meta: OrderMeta, accFill: number, last: SimFill | undefined, instType: InstType) {
    const w = this.order(o, meta, accFill, last, instType);
    return {
      accFillSz: w.accFillSz,
      algoClOrdId: '',
      algoId: '',
      attachAlgoClOrdId: '',
      avgPx: w.avgPx,
      cTime: w.cTime,
      cancelSource: o.status === 'CANCELED' ? '1' : '',
      cancelSourceReason: o.status === 'CANCELED' ? 'Order canceled by system' : '',
      category: 'normal',
      ccy: '',
      clOrdId: w.clOrdId,
      fee: w.fee,
      feeCcy: w.feeCcy,
      fillPx: w.fillPx,
      fillSz: w.fillSz,
      fillTime: w.fillTime,
      instId: w.instId,
      instType,
      lever: w.lever,
      ordId: w.ordId,
      ordType: w.ordType,
      pnl: '0',
      posSide: w.posSide,
      px: w.px,
      pxType: '',
      pxUsd: '',
      pxVol: '',
      quickMgnType: '',
      rebate: '0',
      rebateCcy: w.rebateCcy,
      reduceOnly: w.reduceOnly,
      side: w.side,
      slOrdPx: '',
      slTriggerPx: '',
      slTriggerPxType: '',
      source: '',
      state: w.state,
      stpId: '',
      stpMode: '',
      sz: w.sz,
      tag: '',
      tdMode: w.tdMode,
      tgtCcy: w.tgtCcy,
      tpOrdPx: '',
      tpTriggerPx: '',
      tpTriggerPxType: '',
      tradeId: w.tradeId,
      uTime: w.uTime,
      isTpLimit: 'false',
    };
  }

  fill(f: SimFill, meta: OrderMeta, instType: InstType) {
    const id = f.symbol;
    return {
      side: f.side === 'BUY' ? 'buy' : 'sell',
      fillSz: this.sz(id, f.volume),
      fillPx: this.px(id, f.price),
      fee: amount(-f.commission),
      fillPnl: '0',
      ordId: String(f.orderId),
      feeRate: '-0.001',
      instType,
      instId: id,
      clOrdId: f.clientOrderId,
      posSide: meta.posSide,
      billId: String(f.tradeId * 10 + 1),
      subType: f.side === 'BUY' ? '1' : '2',
      tag: '',
      fillTime: String(f.time),
      execType: f.maker ? 'M' : 'T',
      tradeId: String(f.tradeId),
      feeCcy: meta.feeCcy,
      ts: String(f.time),
    };
  }
}

export interface OrderMeta {
  instType: InstType;
  ordType: OrdType;
  tdMode: string;
  posSide: string;
  reduceOnly: boolean;
  tgtCcy: string;
  lever: string;
  feeCcy: string;
  ctVal: number;
  /** Commission paid so far. */
  fees: number;
  /** Set only for the push that answers an amend-order request: "0" amended, "-1" refused. */
  amendResult?: string;
  reqId?: string;
}

function detail(ccy: string, eq: number, cash: number, frozen: number, avail: number, now: number) {
  return {
    availBal: amount(avail),
    availEq: amount(avail),
    borrowFroz: '0',
    cashBal: amount(cash),
    ccy,
    crossLiab: '0',
    disEq: amount(eq),
    eq: amount(eq),
    eqUsd: amount(eq),
    fixedBal: '0',
    frozenBal: amount(frozen),
    imr: '',
    interest: '0',
    isoEq: '0',
    isoLiab: '0',
    isoUpl: '0',
    liab: '0',
    maxLoan: '0',
    mgnRatio: '',
    mmr: '',
    notionalLever: '',
    ordFrozen: amount(frozen),
    spotInUseAmt: '',
    stgyEq: '0',
    twap: '0',
    uTime: String(now),
    upl: '0',
    uplLiab: '0',
  };
}

function hash(text: string): number {
  let h = 7;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}
