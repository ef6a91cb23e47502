// Remote objects → local mirrors. The mirror's gatewayName is the RPC gateway's own; every remote id is kept
// whole inside the local one, so "SIM.17" on the server is order "SIM.17" of gateway RPC (vtOrderid
// "RPC.SIM.17") here, and no server-side gateway prefix leaks into a field that claims to be local.
import {
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
