// Every gateway vnt can add, loaded lazily so that start-up pays only for the gateways in use (a native
// gateway loads koffi and its vendor library only when it connects). Add one line per gateway.
import type { GatewayClass } from '../core/gateway.js';

export const GATEWAYS: Record<string, () => Promise<GatewayClass>> = {
  SIM: () => import('../../gateways/sim/index.js').then((m) => m.SimGateway),
  BINANCE: () => import('../../gateways/binance/index.js').then((m) => m.BinanceGateway),
  RPC: () => import('../../gateways/rpc/index.js').then((m) => m.RpcGateway),
  IB: () => import('../../gateways/ib/index.js').then((m) => m.IbGateway),
  CTP: () => import('../../gateways/ctp/index.js').then((m) => m.CtpGateway),
};

export async function loadGatewayClass(name: string): Promise<GatewayClass> {
  const load = GATEWAYS[name.toUpperCase()];
  if (!load) {
    throw new Error(`no gateway named "${name}" (available: ${Object.keys(GATEWAYS).join(', ') || 'none'})`);
  }
  return load();
}
