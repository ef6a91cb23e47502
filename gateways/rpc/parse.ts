// Remote objects → local mirrors. The mirror's gatewayName is the RPC gateway's own; every remote id is kept
// whole inside the local one, so "SIM.17" on the server is order "SIM.17" of gateway RPC (vtOrderid
// "RPC.SIM.17") here, and no server-side gateway prefix leaks into a field that claims to be local.
import { quoteValue } from '../../src/core/errors.js';
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
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  exchange: Object.values(Exchange),
  direction: Object.values(Direction),
  offset: Object.values(Offset),
  status: Object.values(Status),
  type: Object.values(OrderType),
  product: Object.values(Product),
  interval: Object.values(Interval),
};

/**
 * Why an object the server sent cannot be mirrored (a field missing, of the wrong type, not finite, or not a
 * known enum value), or undefined when it can. A server is trusted with its token, not with its bytes.
 */
export function mirroredProblem(kind: MirroredKind, data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return `${kind} is not an object`;
  const rec = data as Record<string, unknown>;
  for (const [key, model] of Object.entries(TEMPLATES[kind])) {
    const v = rec[key];
    const bad =
      typeof model === 'number'
        ? typeof v !== 'number' || !Number.isFinite(v)
        : typeof model === 'string'
          ? typeof v !== 'string' || (ENUMS[key] !== undefined && !ENUMS[key].includes(v))
          : typeof model === 'boolean'
            ? typeof v !== 'boolean'
            : false;
    if (bad) return `${kind} field ${key} is ${quoteValue(v)}`;
  }
  return undefined;
}
