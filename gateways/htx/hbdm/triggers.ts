// Which vnt order each HBDM trigger order is, and which order a fired trigger created. HTX's trigger orders
// carry no client id, so the link is the trigger's own id (from the place reply, or t<id> for one placed
// elsewhere); when it fires HTX creates an ordinary order under another id (relation_order_id) whose state
// and fills are the same vnt order's from then on. A push of that created order may arrive before the
// trigger push that names it: it is held until the link is known, or given up after a while and booked
// under its own id, so nothing is lost either way.
import type { SwapOrderPush } from './types.js';
import { foreignTriggerId } from './parse.js';

/** How long a created order's push waits for the trigger push naming it. */
export const PARK_MS = 3000;

export class TriggerLinks {
  /** Trigger id → vnt order id. */
  private readonly byTrigger = new Map<string, string>();
  /** vnt order id → trigger id. */
  private readonly triggerOf = new Map<string, string>();
  /** vnt order id → the id of the order its trigger created. */
  private readonly createdOf = new Map<string, string>();
  private readonly parked = new Map<string, { pushes: SwapOrderPush[]; timer: NodeJS.Timeout }>();

  bind(orderid: string, triggerId: string): void {
    this.byTrigger.set(triggerId, orderid);
    this.triggerOf.set(orderid, triggerId);
  }

  /** The vnt order of a trigger: ours, or t<id> (bound from now on). */
  orderidOf(triggerId: string): string {
    const known = this.byTrigger.get(triggerId);
    if (known) return known;
    const orderid = foreignTriggerId(triggerId);
    this.bind(orderid, triggerId);
    return orderid;
  }

  has(triggerId: string): boolean {
    return this.byTrigger.has(triggerId);
  }

  triggerIdOf(orderid: string): string | undefined {
    return this.triggerOf.get(orderid);
  }

  isTrigger(orderid: string): boolean {
    return this.triggerOf.has(orderid);
  }

  /** A trigger not fired yet (its order's state is the trigger's). */
  waiting(orderid: string): boolean {
    return this.triggerOf.has(orderid) && !this.createdOf.has(orderid);
  }

  fired(orderid: string, createdId: string): void {
    this.createdOf.set(orderid, createdId);
  }

  created(orderid: string): string | undefined {
    return this.createdOf.get(orderid);
  }

  /** Holds a push of an order a trigger created before the trigger push naming it; `expire` gets them after PARK_MS. */
  park(venueId: string, push: SwapOrderPush, expire: (pushes: SwapOrderPush[]) => void): void {
    const held = this.parked.get(venueId);
    if (held) {
      held.pushes.push(push);
      return;
    }
    const timer = setTimeout(() => expire(this.unpark(venueId)), PARK_MS);
    timer.unref();
    this.parked.set(venueId, { pushes: [push], timer });
  }

  /** The pushes held for a created order, in arrival order (none once given up). */
  unpark(venueId: string): SwapOrderPush[] {
    const held = this.parked.get(venueId);
    if (!held) return [];
    clearTimeout(held.timer);
    this.parked.delete(venueId);
    return held.pushes;
  }

  clear(): void {
    for (const held of this.parked.values()) clearTimeout(held.timer);
    this.parked.clear();
  }
}
