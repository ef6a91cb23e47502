// The investor's margin and fee rates (CTP and CTP Mini: ReqQryInstrumentMarginRate and
// ReqQryInstrumentCommissionRate) of the contracts a person uses — subscribed, held or traded — put on the
// contract for the info panel. Never of every listed contract: the counter allows about one query a second,
// and thousands of contracts would hold the account and position refresh back for an hour. Each query goes
// through the session's pacer; only answers of the query in flight count. Counters that set fees per
// product answer with the product's code ("rb") in InstrumentID: such a row applies to every contract of
// that product, which then needs no query of its own.
import type { ContractData, Fee } from '../../src/core/object.js';
import type { FtdcEvent } from '../../bindings/native/ftdc.js';
import type { NativeRecord } from '../../bindings/native/structs.js';
import { num, str } from './parse.js';
import type { FtdcTrading } from './trading.js';

/** The Req* method and request struct of each of the two queries. */
export interface RateQueries<M extends string, S extends string> {
  margin: readonly [M, S];
  commission: readonly [M, S];
}

type Commission = NonNullable<ContractData['commission']>;

const MARGIN = 'margin rate';
const COMMISSION = 'commission rate';
/** THOST_FTDC_HF_Speculation: vnt's orders are speculative (CombHedgeFlag '1'). */
const SPECULATION = '1';

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
  private relativeLogged = false;

  constructor(
    private readonly t: FtdcTrading<M, S>,
    private readonly queries: RateQueries<M, S>,
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
    if (e.name === 'OnRspQryInstrumentMarginRate') this.t.onQueryRow(e, MARGIN, (r) => this.onMargin(r));
    else if (e.name === 'OnRspQryInstrumentCommissionRate')
      this.t.onQueryRow(e, COMMISSION, (r) => this.onCommission(r));
    else return false;
    return true;
  }

  private queue(symbol: string): void {
    const c = this.t.contracts.get(symbol);
    if (!this.t.loggedIn || !c || this.queued.has(symbol)) return;
    this.queued.add(symbol);
    const fields = { ...this.who(), InstrumentID: symbol };
    const ask = (name: string, [method, struct]: readonly [M, S], extra: NativeRecord) =>
      this.t.query(name, method, struct, { ...fields, ...extra }, () => (this.asking = symbol));
    if (!c.marginRatio) ask(MARGIN, this.queries.margin, { HedgeFlag: SPECULATION });
    if (c.commission) return;
    const known = this.productFees.get(this.productOf.get(symbol) ?? '');
    if (known) this.update([symbol], { commission: known });
    else ask(COMMISSION, this.queries.commission, {});
  }

  private onMargin(r: NativeRecord): void {
    const hedge = str(r, 'HedgeFlag');
    if (hedge && hedge !== SPECULATION) return;
    if (num(r, 'IsRelative')) {
      // The broker's part on top of the exchange's: not the margin a position takes, so not shown as one.
      if (!this.relativeLogged) {
        this.relativeLogged = true;
        this.t.log(`margin rates of ${str(r, 'InstrumentID')} are relative to the exchange's: not shown`);
      }
      return;
    }
    const longPerLot = num(r, 'LongMarginRatioByVolume');
    const shortPerLot = num(r, 'ShortMarginRatioByVolume');
    const marginRatio: NonNullable<ContractData['marginRatio']> = {
      long: num(r, 'LongMarginRatioByMoney'),
      short: num(r, 'ShortMarginRatioByMoney'),
      ...(longPerLot ? { longPerLot } : {}),
      ...(shortPerLot ? { shortPerLot } : {}),
    };
    this.update(this.targets(str(r, 'InstrumentID')), { marginRatio });
  }

  private onCommission(r: NativeRecord): void {
    const fee = (prefix: string): Fee => ({
      rate: num(r, `${prefix}RatioByMoney`),
      perLot: num(r, `${prefix}RatioByVolume`),
    });
    const commission: Commission = { ...fee('Open'), close: fee('Close'), closeToday: fee('CloseToday') };
    const id = str(r, 'InstrumentID');
    if (!this.t.contracts.has(id)) this.productFees.set(id, commission);
    this.update(this.targets(id), { commission });
  }

  /** The contracts a row describes: the instrument it names, or every contract of the product it names. */
  private targets(id: string): string[] {
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
