// `:whatif`: what the ticket's order would take and cost, asked of its gateway without sending it (IB's what-if
// order). The venue's figures in words a trader reads; a figure the venue did not give is a dash, never a guess.
import { label } from '../core/labels.js';
import type { OrderCost, OrderRequest } from '../core/object.js';
import { formatVolume } from '../core/validate.js';
import { UNKNOWN } from './contract-info.js';

/** Money with cents, thousands apart: 9,500.00. */
const money = (v: number): string =>
  v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const signed = (v: number): string => (v >= 0 ? `+${money(v)}` : `−${money(-v)}`);

/** A change and the total it leads to, in the cost's currency. */
function changeText(change: number | undefined, after: number | undefined, currency: string): string {
  if (change === undefined && after === undefined) return UNKNOWN;
  const parts: string[] = [];
  if (change !== undefined) parts.push(`${signed(change)} ${currency}`);
  if (after !== undefined) parts.push(`${change !== undefined ? 'account ' : ''}${money(after)} ${currency}`);
  return parts.length === 2 ? `${parts[0]} (${parts[1]})` : parts[0]!;
}

/** The panel's fields, in reading order. */
export function orderCostRecord(req: OrderRequest, cost: OrderCost): Record<string, string> {
  const ccy = cost.currency;
  const price = req.price ? ` @ ${req.price}` : '';
  const commission =
    cost.commission !== undefined
      ? `${money(cost.commission)} ${ccy}`
      : cost.minCommission !== undefined || cost.maxCommission !== undefined
        ? `${money(cost.minCommission ?? 0)} to ${money(cost.maxCommission ?? 0)} ${ccy}`
        : UNKNOWN;
  const equity =
    cost.equityBefore !== undefined && cost.equityAfter !== undefined
      ? `${money(cost.equityBefore)} → ${money(cost.equityAfter)} ${ccy}`
      : UNKNOWN;
  return {
    Order: `${label('Direction', req.direction)} ${formatVolume(req.volume)} ${cost.vtSymbol} ${label('OrderType', req.type)}${price}`,
    Gateway: cost.gatewayName,
    'Initial margin': changeText(cost.initMarginChange, cost.initMarginAfter, ccy),
    'Maint. margin': changeText(cost.maintMarginChange, cost.maintMarginAfter, ccy),
    Commission: commission,
    'Equity w/ loan': equity,
    Warning: cost.warning.trim() || 'none',
    Sent: "no: the venue's estimate only",
  };
}
