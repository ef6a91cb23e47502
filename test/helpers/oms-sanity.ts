// The check every gateway fuzz test ends with: whatever broken frames the venue sent, nothing that reached
// the OMS holds a number that is not finite (a NaN volume or balance would mislead a person and corrupt
// every sum built on it). Every numeric field is checked, not just the few a test happens to name.
import * as assert from 'uvu/assert';
import type { MainEngine } from '../../src/core/engine.js';

function nonFinite(kind: string, id: string, o: object): string[] {
  return Object.entries(o)
    .filter(([, v]) => typeof v === 'number' && !Number.isFinite(v))
    .map(([k, v]) => `${kind} ${id}: ${k}=${String(v)}`);
}

/** Asserts every order, trade, position and account in the OMS, and the named ticks, hold finite numbers. */
export function assertOmsFinite(me: MainEngine, ...vtSymbols: string[]): void {
  const bad = [
    ...me.getAllOrders().flatMap((o) => nonFinite('order', o.vtOrderid, o)),
    ...me.getAllTrades().flatMap((t) => nonFinite('trade', t.vtTradeid, t)),
    ...me.getAllPositions().flatMap((p) => nonFinite('position', p.vtPositionid, p)),
    ...me.getAllAccounts().flatMap((a) => nonFinite('account', a.vtAccountid, a)),
  ];
  for (const s of vtSymbols) {
    const tick = me.getTick(s);
    if (!tick) bad.push(`no tick for ${s}`);
    else bad.push(...nonFinite('tick', s, tick));
  }
  assert.equal(bad, [], 'every number in the OMS is finite');
}
