// The simulator's HBDM trigger (stop) orders: *_trigger_order, *_trigger_cancel, *_trigger_cancelall,
// *_trigger_openorders, *_trigger_hisorders and the trigger_order.* push, field for field as HTX's "[Cross]
// Place Trigger Order", "[Cross] Cancel Trigger Order", "[Cross] Query Trigger Order Open Orders", "[Cross]
// Query Trigger Order History" and "[Cross] Subscribe trigger orders updates(sub)" pages show them
// (www.htx.com/en-us/opend/newApiPages/). A trigger waits (status 2) until a trade on its contract prints at or
// past its price (ge: at or above, le: at or below), then places its order through `place` (status 4 and the
// created order's id in relation_order_id), or fails (5, with fail_code and fail_reason); a cancel makes it 6.
// The venue (swap.ts) owns the matching engine and the push fan-out; this module the triggers' book.
import type { Params } from './venue.js';
import type { SwapSpec } from './swap-wire.js';
import { sideProblem } from './swap-params.js';
import { isLinear, type HbdmProduct } from '../hbdm/urls.js';

export type TriggerReply = { ok: true; data: unknown } | { ok: false; code: number; msg: string };

/** "[Cross] Place Trigger Order": order_price_type is "limit" by default, or optimal_5 / 10 / 20. */
export const TRIGGER_PRICE_TYPES = ['limit', 'optimal_5', 'optimal_10', 'optimal_20'] as const;

interface SimTrigger {
  id: number;
  code: string;
  triggerType: 'ge' | 'le';
  triggerPrice: number;
  orderPrice: number | null;
  priceType: string;
  volume: number;
  direction: 'buy' | 'sell';
  offset: 'open' | 'close';
  lever: number;
  createdAt: number;
  /** 2 waiting, 4 fired (its order placed), 5 failed to place, 6 cancelled. */
  status: 2 | 4 | 5 | 6;
  relation: string;
  triggeredPrice: number | null;
  triggeredAt: number;
  canceledAt: number;
  failCode: number | null;
  failReason: string | null;
  updatedAt: number;
}

/** What firing asks of the venue: place the order, returning its id or HTX's refusal. */
export type FirePlace = (
  t: Readonly<{ code: string; priceType: string; orderPrice: number | null; volume: number }> & {
    direction: 'buy' | 'sell';
    offset: 'open' | 'close';
    lever: number;
  },
) => { ok: true; orderId: number } | { ok: false; code: number; msg: string };

/** The push events of "[Cross] Subscribe trigger orders updates(sub)" by the status they report. */
const EVENT_OF: Record<SimTrigger['status'], string> = {
  2: 'order',
  4: 'trigger_success',
  5: 'trigger_fail',
  6: 'cancel',
};

const fail = (code: number, msg: string): TriggerReply => ({ ok: false, code, msg });
const ok = (data: unknown): TriggerReply => ({ ok: true, data });

export class TriggerBook {
  private readonly triggers = new Map<number, SimTrigger>();
  /** HTX's trigger ids are their own sequence (1880 in the documented replies), far below order ids. */
  private seq = 1000;

  constructor(
    private readonly product: HbdmProduct,
    private readonly cross: boolean,
    private readonly specs: ReadonlyMap<string, SwapSpec>,
    private readonly leverRate: number,
    private readonly now: () => number,
    /** Pushes one trigger's change (event, item) to the trigger_order.* subscribers of its contract. */
    private readonly push: (code: string, event: string, item: Record<string, unknown>) => void,
  ) {}

  /** `name` is the call without its prefix: trigger_order, trigger_cancel, … */
  handle(
    name: string,
    body: Params,
    inScope: (s: SwapSpec | undefined) => boolean,
  ): TriggerReply | undefined {
    switch (name) {
      case 'trigger_order':
        return this.place(body);
      case 'trigger_cancel':
        return this.cancel(body, inScope, false);
      case 'trigger_cancelall':
        return this.cancel(body, inScope, true);
      case 'trigger_openorders':
        return this.list(body, inScope, (t) => t.status === 2);
      case 'trigger_hisorders': {
        const wanted = (body.status ?? '0').split(',');
        if (body.create_date === undefined || !(Number(body.create_date) > 0))
          return fail(1067, 'Illegal parameter create_date');
        return this.list(
          body,
          inScope,
          (t) => t.status !== 2 && (wanted.includes('0') || wanted.includes(String(t.status))),
        );
      }
      default:
        return undefined;
    }
  }

  private place(body: Params): TriggerReply {
    const spec = body.contract_code ? this.specs.get(body.contract_code) : undefined;
    if (!spec) return fail(1014, 'This contract doesnt exist.');
    const triggerType = body.trigger_type;
    if (triggerType !== 'ge' && triggerType !== 'le') return fail(1067, 'Illegal parameter trigger_type');
    const triggerPrice = Number(body.trigger_price);
    if (!Number.isFinite(triggerPrice) || triggerPrice <= 0)
      return fail(1067, 'Illegal parameter trigger_price');
    const priceType = body.order_price_type ?? 'limit';
    if (!(TRIGGER_PRICE_TYPES as readonly string[]).includes(priceType))
      return fail(1052, 'Incorrect order price type.');
    const orderPrice = body.order_price === undefined ? null : Number(body.order_price);
    if (priceType === 'limit' && !(orderPrice !== null && Number.isFinite(orderPrice) && orderPrice > 0))
      return fail(1067, 'Illegal parameter order_price');
    const lever = body.lever_rate === undefined ? this.leverRate : Number(body.lever_rate);
    const problem = sideProblem(body, lever, this.leverRate);
    if (problem) return fail(problem.code, problem.msg);
    const volume = Number(body.volume);
    const now = this.now();
    const t: SimTrigger = {
      id: ++this.seq,
      code: spec.symbol,
      triggerType,
      triggerPrice,
      orderPrice: priceType === 'limit' ? orderPrice : null,
      priceType,
      volume,
      direction: body.direction as 'buy' | 'sell',
      offset: body.offset as 'open' | 'close',
      lever,
      createdAt: now,
      status: 2,
      relation: '-1',
      triggeredPrice: null,
      triggeredAt: 0,
      canceledAt: 0,
      failCode: null,
      failReason: null,
      updatedAt: now,
    };
    this.triggers.set(t.id, t);
    this.announce(t);
    return ok({ order_id: t.id, order_id_str: String(t.id) });
  }

  /** By order_id (up to 10, comma-joined), or every waiting trigger in scope (cancelall, by direction/offset). */
  private cancel(body: Params, inScope: (s: SwapSpec | undefined) => boolean, all: boolean): TriggerReply {
    let ids: string[];
    if (all) {
      ids = [...this.triggers.values()]
        .filter((t) => t.status === 2 && inScope(this.specs.get(t.code)))
        .filter((t) => !body.direction || t.direction === body.direction)
        .filter((t) => !body.offset || t.offset === body.offset)
        .map((t) => String(t.id));
    } else {
      ids = (body.order_id ?? '').split(',').filter((x) => x);
      if (!ids.length) return fail(1067, 'Illegal parameter order_id');
      if (ids.length > 10) return fail(1067, 'Illegal parameter order_id: at most 10');
    }
    const errors: Array<{ order_id: string; err_code: number; err_msg: string }> = [];
    const successes: string[] = [];
    for (const id of ids) {
      const t = /^\d+$/.test(id) ? this.triggers.get(Number(id)) : undefined;
      if (!t || !inScope(this.specs.get(t.code)))
        errors.push({ order_id: id, err_code: 1061, err_msg: 'This order doesnt exist.' });
      else if (t.status !== 2)
        errors.push({
          order_id: id,
          err_code: 1071,
          err_msg: 'Repeated cancellation. Your order has been canceled.',
        });
      else {
        t.status = 6;
        t.canceledAt = t.updatedAt = this.now();
        successes.push(id);
        this.announce(t);
      }
    }
    return ok({ errors, successes: successes.join(',') });
  }

  private list(
    body: Params,
    inScope: (s: SwapSpec | undefined) => boolean,
    keep: (t: SimTrigger) => boolean,
  ): TriggerReply {
    const size = Math.min(50, Number(body.page_size) || 20);
    const page = Math.max(1, Number(body.page_index) || 1);
    const all = [...this.triggers.values()]
      .filter((t) => keep(t) && inScope(this.specs.get(t.code)))
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    const history = (t: SimTrigger) => t.status !== 2;
    return ok({
      orders: all
        .slice((page - 1) * size, page * size)
        .map((t) => this.wire(t, history(t) ? 'history' : 'open')),
      total_page: Math.max(1, Math.ceil(all.length / size)),
      current_page: page,
      total_size: all.length,
    });
  }

  /** A trade printed at `price` on `code`: every waiting trigger it reaches fires, oldest first. */
  onTrade(code: string, price: number, place: FirePlace): void {
    if (!(price > 0)) return;
    const due = [...this.triggers.values()]
      .filter((t) => t.status === 2 && t.code === code)
      .filter((t) => (t.triggerType === 'ge' ? price >= t.triggerPrice : price <= t.triggerPrice))
      .sort((a, b) => a.id - b.id);
    for (const t of due) {
      const r = place(t);
      const now = this.now();
      t.triggeredPrice = price;
      t.triggeredAt = t.updatedAt = now;
      if (r.ok) {
        t.status = 4;
        t.relation = String(r.orderId);
      } else {
        t.status = 5;
        t.failCode = r.code;
        t.failReason = r.msg;
      }
      this.announce(t);
    }
  }

  private announce(t: SimTrigger): void {
    this.push(t.code, EVENT_OF[t.status], this.wire(t, 'push'));
  }

  /**
   * One trigger as HTX states it: the open-orders item (no relation or trigger times), the history item (with
   * them and update_time) or the push item (with them, no update_time). USDT-M items name the margin mode
   * and account, pair, contract_type, business_type and reduce_only; coin-M items have none of those (the
   * futures' contract_type excepted).
   */
  private wire(t: SimTrigger, form: 'open' | 'history' | 'push'): Record<string, unknown> {
    const spec = this.specs.get(t.code)!;
    const usdt = isLinear(this.product);
    const w: Record<string, unknown> = {
      ...(usdt || spec.contractType ? { contract_type: spec.contractType ?? 'swap' } : {}),
      ...(usdt
        ? { business_type: spec.contractType ? 'futures' : 'swap', pair: `${spec.baseAsset}-USDT` }
        : {}),
      symbol: spec.baseAsset,
      contract_code: t.code,
      trigger_type: t.triggerType,
      volume: t.volume,
      order_type: 1,
      direction: t.direction,
      offset: t.offset,
      lever_rate: t.lever,
      order_id: t.id,
      order_id_str: String(t.id),
      ...(form === 'open' ? {} : { relation_order_id: t.relation }),
      order_source: 'api',
      trigger_price: t.triggerPrice,
      ...(form === 'open' ? {} : { triggered_price: t.triggeredPrice }),
      order_price: t.orderPrice ?? 0,
      created_at: t.createdAt,
      ...(form === 'open'
        ? {}
        : {
            // Not fired: the history says null, the push 0 (as their examples do).
            triggered_at: t.triggeredAt || (form === 'history' ? null : 0),
            order_insert_at: t.status === 4 ? t.triggeredAt : 0,
            canceled_at: t.canceledAt,
            fail_code: t.failCode,
            fail_reason: t.failReason,
          }),
      order_price_type: t.priceType,
      status: t.status,
      ...(usdt
        ? {
            margin_mode: this.cross ? 'cross' : 'isolated',
            margin_account: this.cross ? 'USDT' : t.code,
            reduce_only: 0,
          }
        : {}),
      ...(form === 'history' ? { update_time: t.updatedAt } : {}),
    };
    return w;
  }
}
