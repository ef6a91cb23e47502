// The account/gateway summary (`:summary`): per gateway and currency, what its accounts hold and what has been
// done through it today, from the OMS caches. Venues report no margin, commission or realised PnL through
// AccountData, so those are not invented here: frozen is what the venue holds back (margin and orders).
import type { MainEngine } from '../core/engine.js';

export interface GatewaySummary {
  gatewayName: string;
  currency: string;
  accounts: number;
  balance: number;
  available: number;
  frozen: number;
  floatingPnl: number;
  openPositions: number;
  activeOrders: number;
  trades: number;
  /** Price × volume × contract size of today's trades. */
  turnover: number;
}

export function summarise(me: MainEngine): GatewaySummary[] {
  const rows = new Map<string, GatewaySummary>();
  const row = (gatewayName: string, currency: string): GatewaySummary => {
    const key = `${gatewayName}|${currency}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        gatewayName,
        currency,
        accounts: 0,
        balance: 0,
        available: 0,
        frozen: 0,
        floatingPnl: 0,
        openPositions: 0,
        activeOrders: 0,
        trades: 0,
        turnover: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const a of me.getAllAccounts()) {
    const r = row(a.gatewayName, a.currency);
    r.accounts++;
    r.balance += a.balance;
    r.available += a.available;
    r.frozen += a.frozen;
    r.floatingPnl += me.oms.floatingPnl(a);
  }
  const currencyOf = (gatewayName: string, vtSymbol: string): string =>
    me.getContract(vtSymbol, gatewayName)?.currency || '';
  for (const p of me.getAllPositions())
    if (p.volume !== 0) row(p.gatewayName, currencyOf(p.gatewayName, p.vtSymbol)).openPositions++;
  for (const o of me.getAllActiveOrders())
    row(o.gatewayName, currencyOf(o.gatewayName, o.vtSymbol)).activeOrders++;
  for (const t of me.getAllTrades()) {
    const r = row(t.gatewayName, currencyOf(t.gatewayName, t.vtSymbol));
    r.trades++;
    r.turnover += t.price * t.volume * (me.getContract(t.vtSymbol, t.gatewayName)?.size ?? 1);
  }
  return [...rows.values()].sort(
    (a, b) => a.gatewayName.localeCompare(b.gatewayName) || a.currency.localeCompare(b.currency),
  );
}

const money = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** One line per gateway and currency, for the detail dialog. */
export function summaryRecord(rows: readonly GatewaySummary[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    out[`${r.gatewayName} ${r.currency || '?'}`] =
      `balance ${money(r.balance)}  available ${money(r.available)}  frozen ${money(r.frozen)}  ` +
      `float PnL ${money(r.floatingPnl)}  positions ${r.openPositions}  active ${r.activeOrders}  ` +
      `trades ${r.trades}  turnover ${money(r.turnover)}`;
  }
  if (rows.length === 0) out['-'] = 'no accounts yet: connect a gateway';
  return out;
}
