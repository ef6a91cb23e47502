// The investor's margin and fee rates of the contracts a person uses — subscribed, held or traded — put on the
// contract for the info panel: CTP and CTP Mini ask ReqQryInstrumentMarginRate / ReqQryInstrumentCommissionRate,
// FEMAS ReqQryInvestorMargin / ReqQryInvestorFee (a dialect each: the calls, the answers and their fields).
// Never of every listed contract: the counter allows about one query a second, and thousands of contracts
// would hold the account and position refresh back for an hour. Each query goes through the session's pacer;
// only answers of the query in flight count. Counters that set fees per product answer with the product's
// code ("rb") where the instrument's would be: such a row applies to every contract of that product, which
// then needs no query of its own.
import type { ContractData, Fee } from '../../src/core/object.js';
import type { FtdcEvent } from '../../bindings/native/ftdc.js';
import type { NativeRecord } from '../../bindings/native/structs.js';
import { num, str } from './parse.js';
import type { FtdcTrading } from './trading.js';

type Margin = NonNullable<ContractData['marginRatio']>;
type Commission = NonNullable<ContractData['commission']>;

/** One of the two queries in an SDK's words. */
export interface RateQuery<M extends string, S extends string, T> {
  /** The Req* method and its request struct. */
  request: readonly [M, S];
  /** Request fields beyond the investor's and the instrument's. */
  extra?: NativeRecord;
  /** The On* callback of the answer. */
  answer: string;
  /** The rates of an answer row; undefined for a row that is not the one a person's orders pay. */
  read(r: NativeRecord, once: (kind: string, message: string) => void): T | undefined;
}

export interface RateDialect<M extends string, S extends string> {
  margin: RateQuery<M, S, Margin>;
  commission: RateQuery<M, S, Commission>;
}

const MARGIN = 'margin rate';
const COMMISSION = 'commission rate';
/** Speculation (CTP's THOST_FTDC_HF_Speculation, FEMAS's USTP_FTDC_CHF_Speculation): vnt's orders' hedge flag. */
export const SPECULATION = '1';

/** A row for another hedge flag than speculation (arbitrage, hedging): not what vnt's orders pay. */
export const otherHedge = (r: NativeRecord): boolean => {
  const hedge = str(r, 'HedgeFlag');
  return !!hedge && hedge !== SPECULATION;
};

/** Long and short by money, with per-lot parts where the counter charges by volume. */
export function marginOf(long: number, short: number, longPerLot: number, shortPerLot: number): Margin {
  return { long, short, ...(longPerLot ? { longPerLot } : {}), ...(shortPerLot ? { shortPerLot } : {}) };
}

/** Open, close and close today, each by money and by volume. */
export function commissionOf(open: Fee, close: Fee, closeToday: Fee): Commission {
  return { ...open, close, closeToday };
}

const ratio = (r: NativeRecord, prefix: string): Fee => ({
  rate: num(r, `${prefix}RatioByMoney`),
  perLot: num(r, `${prefix}RatioByVolume`),
});

/** CTP and CTP Mini: ReqQryInstrumentMarginRate (speculation asked) and ReqQryInstrumentCommissionRate. */
export function ctpRateDialect<M extends string, S extends string>(
  margin: readonly [M, S],
  commission: readonly [M, S],
): RateDialect<M, S> {
  return {
    margin: {
      request: margin,
      extra: { HedgeFlag: SPECULATION },
      answer: 'OnRspQryInstrumentMarginRate',
      read(r, once) {
        if (otherHedge(r)) return undefined;
        if (num(r, 'IsRelative')) {
          // The broker's part on top of the exchange's: not the margin a position takes, so not shown as one.
          once(
            'relative',
            `margin rates of ${str(r, 'InstrumentID')} are relative to the exchange's: not shown`,
          );
          return undefined;
        }
        return marginOf(
          num(r, 'LongMarginRatioByMoney'),
          num(r, 'ShortMarginRatioByMoney'),
          num(r, 'LongMarginRatioByVolume'),
          num(r, 'ShortMarginRatioByVolume'),
        );
      },
    },
    commission: {
      request: commission,
      answer: 'OnRspQryInstrumentCommissionRate',
      read: (r) => commissionOf(ratio(r, 'Open'), ratio(r, 'Close'), ratio(r, 'CloseToday')),
    },
  };
}

export class InstrumentRates<M extends string, S extends string> {
  /** What a person uses, in the order first seen: asked again after a reconnect if still unknown. */
  private readonly wanted = new Set<string>();
  /** Symbols whose queries were queued since the last login. */
  private readonly queued = new Set<string>();
  private readonly productOf = new Map<string, string>();
  /** Fees answered per product, for contracts of that product seen later. */
  private readonly productFees = new Map<string, Commission>();
  /** The symbol the query in flight asked about. */
  private asking = '';
  /** What was logged once already. */
  private readonly said = new Set<string>();

  constructor(
    private readonly t: FtdcTrading<M, S>,
    private readonly dialect: RateDialect<M, S>,
    private readonly who: () => NativeRecord,
  ) {}

  /** An instrument row's product (ProductID), for rows that name the product. */
  noteProduct(symbol: string, product: string): void {
    if (product) this.productOf.set(symbol, product);
  }

  /** A contract a person uses: its rates are asked for once (unknown contracts are skipped). */
  want(symbol: string): void {
    if (!symbol) return;
    this.wanted.add(symbol);
    this.queue(symbol);
  }

  /** After a login: the pacer forgot what was queued before, so what is still unknown is asked again. */
  resume(): void {
    this.queued.clear();
    for (const symbol of this.wanted) this.queue(symbol);
  }

  /** The two answers; false for any other event. */
  handle(e: FtdcEvent): boolean {
    const { margin, commission } = this.dialect;
    if (e.name === margin.answer) this.t.onQueryRow(e, MARGIN, (r) => this.onMargin(r));
    else if (e.name === commission.answer) this.t.onQueryRow(e, COMMISSION, (r) => this.onCommission(r));
    else return false;
    return true;
  }

  /** The first message of a kind: it says what the rest (other contracts') would. */
  private readonly once = (kind: string, message: string): void => {
    if (this.said.has(kind)) return;
    this.said.add(kind);
    this.t.log(message);
  };

  private queue(symbol: string): void {
    const c = this.t.contracts.get(symbol);
    if (!this.t.loggedIn || !c || this.queued.has(symbol)) return;
    this.queued.add(symbol);
    const fields = { ...this.who(), InstrumentID: symbol };
    const ask = (name: string, q: RateQuery<M, S, unknown>) =>
      this.t.query(name, q.request[0], q.request[1], { ...fields, ...q.extra }, () => (this.asking = symbol));
    if (!c.marginRatio) ask(MARGIN, this.dialect.margin);
    if (c.commission) return;
    const known = this.productFees.get(this.productOf.get(symbol) ?? '');
    if (known) this.update([symbol], { commission: known });
    else ask(COMMISSION, this.dialect.commission);
  }

  private onMargin(r: NativeRecord): void {
    const marginRatio = this.dialect.margin.read(r, this.once);
    if (marginRatio) this.update(this.targets(r), { marginRatio });
  }

  private onCommission(r: NativeRecord): void {
    const commission = this.dialect.commission.read(r, this.once);
    if (!commission) return;
    const id = rowId(r);
    if (!this.t.contracts.has(id)) this.productFees.set(id, commission);
    this.update(this.targets(r), { commission });
  }

  /** The contracts a row describes: the instrument it names, or every contract of the product it names. */
  private targets(r: NativeRecord): string[] {
    const id = rowId(r);
    if (this.t.contracts.has(id)) return [id];
    const ofProduct = [...this.productOf].filter(([, p]) => p === id).map(([s]) => s);
    return ofProduct.length ? ofProduct : [this.asking];
  }

  private update(symbols: string[], rates: Partial<ContractData>): void {
    for (const symbol of symbols) {
      const c = this.t.contracts.get(symbol);
      if (!c) continue;
      const next = { ...c, ...rates };
      this.t.contracts.set(symbol, next);
      this.t.push.contract(next);
    }
  }
}

/** What a row names: its instrument (or a product code in its place), else its product (FEMAS's ProductID). */
const rowId = (r: NativeRecord): string => str(r, 'InstrumentID').trim() || str(r, 'ProductID').trim();
