// Price alerts set from the palette (`:alert rb2501.SHFE >= 3900`): one-shot, checked on every tick of the
// listing, so a price that crosses between two ticks still triggers. Whether fills and rejections ring the
// terminal bell is a setting (alert.bell, alert.fills, alert.rejections in vt_setting.json).
import type { TickData } from '../core/object.js';

export type AlertOp = '>=' | '<=';

export interface PriceAlert {
  id: number;
  vtSymbol: string;
  /** Only this gateway's ticks, when the symbol is listed by several. */
  gatewayName: string | undefined;
  op: AlertOp;
  price: number;
}

export class PriceAlerts {
  private readonly alerts: PriceAlert[] = [];
  private next = 1;

  add(a: Omit<PriceAlert, 'id'>): PriceAlert {
    const alert = { ...a, id: this.next++ };
    this.alerts.push(alert);
    return alert;
  }

  list(): readonly PriceAlert[] {
    return this.alerts;
  }

  clear(): number {
    const n = this.alerts.length;
    this.alerts.length = 0;
    return n;
  }

  /** The alerts this tick sets off; they are removed (an alert rings once). */
  check(tick: TickData): PriceAlert[] {
    if (this.alerts.length === 0 || !(tick.lastPrice > 0)) return [];
    const hit: PriceAlert[] = [];
    for (let i = this.alerts.length - 1; i >= 0; i--) {
      const a = this.alerts[i]!;
      if (a.vtSymbol !== tick.vtSymbol) continue;
      if (a.gatewayName !== undefined && a.gatewayName !== tick.gatewayName) continue;
      if (a.op === '>=' ? tick.lastPrice >= a.price : tick.lastPrice <= a.price) {
        hit.unshift(a);
        this.alerts.splice(i, 1);
      }
    }
    return hit;
  }
}

export function describeAlert(a: PriceAlert): string {
  return `#${a.id} ${a.vtSymbol} ${a.op} ${a.price}${a.gatewayName ? ` (${a.gatewayName})` : ''}`;
}

/** "rb2501.SHFE >= 3900 [gateway]" (> and < mean the same as >= and <=). */
export function parseAlert(
  words: readonly string[],
): { vtSymbol: string; op: AlertOp; price: number; gateway: string | undefined } | { error: string } {
  const usage = 'usage: alert <vtSymbol> >=|<= <price> [gateway] | alert list | alert clear';
  const [vtSymbol, opWord, priceWord, gateway, extra] = words;
  if (!vtSymbol || !opWord || !priceWord || extra !== undefined) return { error: usage };
  const op = opWord === '>' || opWord === '>=' ? '>=' : opWord === '<' || opWord === '<=' ? '<=' : undefined;
  if (!op) return { error: `"${opWord}" is not >= or <= (${usage})` };
  const price = Number(priceWord);
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(priceWord) || !(price > 0))
    return { error: `price must be a positive number, got "${priceWord}"` };
  return { vtSymbol, op, price, gateway };
}
