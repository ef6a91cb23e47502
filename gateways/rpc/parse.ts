// Remote objects → local mirrors. The mirror's gatewayName is the RPC gateway's own; every remote id is kept
// whole inside the local one, so "SIM.17" on the server is order "SIM.17" of gateway RPC (vtOrderid
// "RPC.SIM.17") here, and no server-side gateway prefix leaks into a field that claims to be local.
import { quoteValue } from '../../src/core/errors.js';
import type { GatewayCapabilities } from '../../src/core/gateway.js';
import {
  Direction,
  Exchange,
  Interval,
  Offset,
  OrderType,
  Product,
  Status,
} from '../../src/core/constant.js';
import {
  createAccount,
  createBar,
  createContract,
  createOrder,
  createPosition,
  createTick,
  createTrade,
  makeVtId,
  type AccountData,
  type BarData,
  type ContractData,
  type OrderCost,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';

/** The server-side gateway name inside a remote vtOrderid/vtTradeid ("SIM.17" → "SIM"). */
export function remoteGatewayOf(remoteVtId: string): { gatewayName: string; id: string } {
  const i = remoteVtId.indexOf('.');
  // Gateway names cannot contain dots (MainEngine.addGateway refuses them), so the first dot splits.
  return i < 0
    ? { gatewayName: '', id: remoteVtId }
    : { gatewayName: remoteVtId.slice(0, i), id: remoteVtId.slice(i + 1) };
}

export function mirrorTick(t: TickData, gatewayName: string): TickData {
  return { ...t, gatewayName };
}

export function mirrorContract(c: ContractData, gatewayName: string): ContractData {
  return { ...c, gatewayName };
}

export function mirrorBar(b: BarData, gatewayName: string): BarData {
  return { ...b, gatewayName };
}

/** localOrderid: the id this gateway issued for its own orders, else the remote vtOrderid. */
export function mirrorOrder(o: OrderData, gatewayName: string, localOrderid: string): OrderData {
  return { ...o, gatewayName, orderid: localOrderid, vtOrderid: makeVtId(gatewayName, localOrderid) };
}

export function mirrorTrade(t: TradeData, gatewayName: string, localOrderid: string): TradeData {
  return {
    ...t,
    gatewayName,
    orderid: localOrderid,
    vtOrderid: makeVtId(gatewayName, localOrderid),
    tradeid: t.vtTradeid,
    vtTradeid: makeVtId(gatewayName, t.vtTradeid),
  };
}

/**
 * The remote vtPositionid (which names the server-side gateway) is kept whole, as for accounts: two server
 * gateways holding the same vtSymbol (two accounts behind one server) stay two rows here.
 */
export function mirrorPosition(p: PositionData, gatewayName: string): PositionData {
  return { ...p, gatewayName, vtPositionid: makeVtId(gatewayName, p.vtPositionid) };
}

export function mirrorAccount(a: AccountData, gatewayName: string): AccountData {
  return { ...a, gatewayName, accountid: a.vtAccountid, vtAccountid: makeVtId(gatewayName, a.vtAccountid) };
}

// ---- checking what the server sent ----------------------------------------------------------------------

/** A complete object of each mirrored kind: an incoming one must have the same fields with the same types. */
const TEMPLATES = {
  tick: createTick({ gatewayName: 'G', symbol: 'S', exchange: Exchange.LOCAL, datetime: 0 }),
  order: createOrder({ gatewayName: 'G', symbol: 'S', exchange: Exchange.LOCAL, orderid: 'O' }),
  trade: createTrade({ gatewayName: 'G', symbol: 'S', exchange: Exchange.LOCAL, orderid: 'O', tradeid: 'T' }),
  position: createPosition({
    gatewayName: 'G',
    symbol: 'S',
    exchange: Exchange.LOCAL,
    direction: Direction.NET,
  }),
  account: createAccount({ gatewayName: 'G', accountid: 'A' }),
  contract: createContract({
    gatewayName: 'G',
    symbol: 'S',
    exchange: Exchange.LOCAL,
    name: '',
    product: Product.SPOT,
    size: 1,
    pricetick: 1,
  }),
  bar: createBar({
    gatewayName: 'G',
    symbol: 'S',
    exchange: Exchange.LOCAL,
    datetime: 0,
    interval: Interval.MINUTE,
  }),
} as const;

export type MirroredKind = keyof typeof TEMPLATES;

/** Fields whose value must be one of an enum's: a status the OMS does not know would leave an order stuck. */
const ENUMS: Readonly<Record<string, ReadonlySet<string>>> = {
  exchange: new Set(Object.values(Exchange)),
  direction: new Set(Object.values(Direction)),
  offset: new Set(Object.values(Offset)),
  status: new Set(Object.values(Status)),
  type: new Set(Object.values(OrderType)),
  product: new Set(Object.values(Product)),
  interval: new Set(Object.values(Interval)),
};

interface FieldCheck {
  readonly key: string;
  readonly type: 'number' | 'string' | 'boolean';
  readonly values: ReadonlySet<string> | undefined;
}

// Built once from the templates: every tick a console mirrors passes through these checks, so they must not
// allocate (the per-call Object.entries and array scans cost 7% of a console's time at 10,000 ticks/s).
function checksOf(template: object): FieldCheck[] {
  return Object.entries(template).flatMap(([key, model]): FieldCheck[] => {
    const type = typeof model;
    return type === 'number' || type === 'string' || type === 'boolean'
      ? [{ key, type, values: type === 'string' ? ENUMS[key] : undefined }]
      : [];
  });
}
const CHECKS = {} as Record<MirroredKind, readonly FieldCheck[]>;
for (const kind of Object.keys(TEMPLATES) as MirroredKind[]) CHECKS[kind] = checksOf(TEMPLATES[kind]);

/**
 * Why an object the server sent cannot be mirrored (a field missing, of the wrong type, not finite, or not a
 * known enum value), or undefined when it can. A server is trusted with its token, not with its bytes.
 */
export function mirroredProblem(kind: MirroredKind, data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return `${kind} is not an object`;
  const rec = data as Record<string, unknown>;
  for (const check of CHECKS[kind]) {
    const v = rec[check.key];
    const bad =
      typeof v !== check.type ||
      (check.type === 'number'
        ? !Number.isFinite(v)
        : check.values !== undefined && !check.values.has(v as string));
    if (bad) return `${kind} field ${check.key} is ${quoteValue(v)}`;
  }
  return undefined;
}

const COST_NUMBERS = [
  'initMarginChange',
  'maintMarginChange',
  'initMarginAfter',
  'maintMarginAfter',
  'equityBefore',
  'equityAfter',
  'commission',
  'minCommission',
  'maxCommission',
] as const;

/**
 * A server's order-cost answer as this side's OrderCost (named by the local gateway), or why it is not one.
 * Each figure is optional, but one that is there must be a finite number: a margin shown as NaN or as a
 * string would mislead the person about to send the order.
 */
export function orderCostFrom(data: unknown, gatewayName: string): OrderCost | string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'order cost is not an object';
  const rec = data as Record<string, unknown>;
  for (const key of ['vtSymbol', 'currency', 'warning'] as const) {
    if (typeof rec[key] !== 'string') return `order cost field ${key} is ${quoteValue(rec[key])}`;
  }
  const cost: OrderCost = {
    gatewayName,
    vtSymbol: rec.vtSymbol as string,
    currency: rec.currency as string,
    warning: rec.warning as string,
  };
  for (const key of COST_NUMBERS) {
    const v = rec[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) return `order cost field ${key} is ${quoteValue(v)}`;
    cost[key] = v;
  }
  return cost;
}

/** Capabilities as the server sent them, checked; undefined when they are not capabilities. */
export function parseCapabilities(raw: unknown): GatewayCapabilities | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const c = raw as Record<string, unknown>;
  const known = new Set<string>(Object.values(OrderType));
  if (!Array.isArray(c.orderTypes) || c.orderTypes.some((t) => typeof t !== 'string' || !known.has(t))) {
    return undefined;
  }
  if (typeof c.offsets !== 'boolean' || typeof c.history !== 'boolean') return undefined;
  return {
    orderTypes: c.orderTypes as OrderType[],
    history: c.history,
    offsets: c.offsets,
    amend: c.amend === true,
    // A venue that replaces the order under a new id (Alpaca): the amend form says so here as well.
    ...(c.amendReplaces === true ? { amendReplaces: true } : {}),
  };
}
