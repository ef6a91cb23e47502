// The functions the RPC service serves: MainEngine's routing calls and OMS getters, each with its params
// checked at the boundary so that a bad request is an error reply, never a thrown TypeError in the engine.
import { Direction, Interval, isExchange, Offset, OrderType, type Exchange } from '../core/constant.js';
import type { MainEngine } from '../core/engine.js';
import type {
  AmendRequest,
  CancelRequest,
  HistoryRequest,
  OrderRequest,
  SubscribeRequest,
} from '../core/object.js';
import { ProtocolError, type Method } from './protocol.js';

type Params = Record<string, unknown>;

/** How many clientOrderid → vtOrderid pairs are remembered for resolveOrders (oldest forgotten first). */
const REMEMBERED_ORDERS = 100_000;

function fail(message: string): never {
  throw new ProtocolError('bad_params', message);
}

function str(p: Params, key: string, optional = false): string {
  const v = p[key];
  if (v === undefined && optional) return '';
  if (typeof v !== 'string') fail(`"${key}" must be a string`);
  return v;
}

function num(p: Params, key: string, optional = false): number | undefined {
  const v = p[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`"${key}" must be a finite number`);
  return v;
}

function obj(p: Params, key: string): Params {
  const v = p[key];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(`"${key}" must be an object`);
  return v as Params;
}

function oneOf<T extends string>(p: Params, key: string, values: Record<string, T>): T {
  const v = p[key];
  if (typeof v !== 'string' || !(Object.values(values) as string[]).includes(v)) {
    fail(`"${key}" must be one of ${Object.values(values).join(', ')}`);
  }
  return v as T;
}

function exchange(p: Params): Exchange {
  const v = p.exchange;
  if (typeof v !== 'string' || !isExchange(v)) fail(`"exchange" is not a known exchange`);
  return v;
}

function subscribeRequest(p: Params): SubscribeRequest {
  return { symbol: str(p, 'symbol'), exchange: exchange(p) };
}

function orderRequest(p: Params): OrderRequest {
  const req: OrderRequest = {
    symbol: str(p, 'symbol'),
    exchange: exchange(p),
    direction: oneOf(p, 'direction', Direction),
    type: oneOf(p, 'type', OrderType),
    volume: num(p, 'volume')!,
    price: num(p, 'price')!,
    offset: p.offset === undefined ? Offset.NONE : oneOf(p, 'offset', Offset),
  };
  if (p.reference !== undefined) req.reference = str(p, 'reference');
  if (p.reduceOnly !== undefined) {
    if (typeof p.reduceOnly !== 'boolean') fail('"reduceOnly" must be true or false');
    req.reduceOnly = p.reduceOnly;
  }
  return req;
}

function cancelRequest(p: Params): CancelRequest {
  return { orderid: str(p, 'orderid'), symbol: str(p, 'symbol'), exchange: exchange(p) };
}

function amendRequest(p: Params): AmendRequest {
  const req: AmendRequest = { orderid: str(p, 'orderid'), symbol: str(p, 'symbol'), exchange: exchange(p) };
  const price = num(p, 'price', true);
  const volume = num(p, 'volume', true);
  if (price === undefined && volume === undefined) fail('an amend needs "price" or "volume"');
  if (price !== undefined) req.price = price;
  if (volume !== undefined) req.volume = volume;
  return req;
}

function historyRequest(p: Params): HistoryRequest {
  const req: HistoryRequest = {
    symbol: str(p, 'symbol'),
    exchange: exchange(p),
    start: num(p, 'start')!,
    interval: oneOf(p, 'interval', Interval),
  };
  const end = num(p, 'end', true);
  if (end !== undefined) req.end = end;
  return req;
}

/** JSON has no undefined: a getter that finds nothing answers null. */
function orNull<T>(v: T | undefined): T | null {
  return v === undefined ? null : v;
}

export type MethodHandler = (method: Exclude<Method, 'setFilter'>, params: Params) => unknown;

/** Builds the dispatcher for one MainEngine; the returned function may return a promise (queryHistory). */
export function createMethods(mainEngine: MainEngine): MethodHandler {
  // Lets a client that lost a sendOrder reply (link dropped) learn which remote order its request became.
  const byClientOrderid = new Map<string, string>();

  return (method, p) => {
    switch (method) {
      case 'subscribe':
        mainEngine.subscribe(subscribeRequest(obj(p, 'req')), str(p, 'gatewayName'));
        return null;
      case 'sendOrder': {
        const req = orderRequest(obj(p, 'req'));
        const gatewayName = str(p, 'gatewayName');
        const clientOrderid = str(p, 'clientOrderid', true);
        const vtOrderid = mainEngine.sendOrder(req, gatewayName);
        if (clientOrderid) {
          byClientOrderid.set(clientOrderid, vtOrderid);
          if (byClientOrderid.size > REMEMBERED_ORDERS) {
            byClientOrderid.delete(byClientOrderid.keys().next().value!);
          }
        }
        return vtOrderid;
      }
      case 'cancelOrder':
        mainEngine.cancelOrder(cancelRequest(obj(p, 'req')), str(p, 'gatewayName'));
        return null;
      case 'amendOrder':
        return mainEngine.amendOrder(amendRequest(obj(p, 'req')), str(p, 'gatewayName'));
      case 'getCapabilities': {
        // Per gateway: what its contracts need (offsets, order types, amend), so a client's ticket asks for
        // the same fields a local one would.
        const out: Record<string, unknown> = {};
        for (const g of mainEngine.getAllGateways()) out[g.gatewayName] = g.gatewayClass.capabilities;
        return out;
      }
      case 'queryHistory':
        return mainEngine.queryHistory(historyRequest(obj(p, 'req')), str(p, 'gatewayName'));
      case 'queryOrderCost':
        return mainEngine.queryOrderCost(orderRequest(obj(p, 'req')), str(p, 'gatewayName'));
      case 'resolveOrders': {
        const ids = p.clientOrderids;
        if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) {
          fail('"clientOrderids" must be a list of strings');
        }
        const out: Record<string, string> = {};
        for (const id of ids as string[]) {
          const vt = byClientOrderid.get(id);
          if (vt !== undefined) out[id] = vt;
        }
        return out;
      }
      case 'getTick':
        return orNull(mainEngine.getTick(str(p, 'vtSymbol')));
      case 'getOrder':
        return orNull(mainEngine.getOrder(str(p, 'vtOrderid')));
      case 'getTrade':
        return orNull(mainEngine.getTrade(str(p, 'vtTradeid')));
      case 'getPosition':
        return orNull(mainEngine.getPosition(str(p, 'vtPositionid')));
      case 'getAccount':
        return orNull(mainEngine.getAccount(str(p, 'vtAccountid')));
      case 'getContract':
        return orNull(mainEngine.getContract(str(p, 'vtSymbol')));
      case 'getAllTicks':
        return mainEngine.getAllTicks();
      case 'getAllOrders':
        return mainEngine.getAllOrders();
      case 'getAllTrades':
        return mainEngine.getAllTrades();
      case 'getAllPositions':
        return mainEngine.getAllPositions();
      case 'getAllAccounts':
        return mainEngine.getAllAccounts();
      case 'getAllContracts':
        return mainEngine.getAllContracts();
      case 'getAllActiveOrders':
        return mainEngine.getAllActiveOrders(str(p, 'vtSymbol', true));
      case 'getAllGatewayNames':
        return mainEngine.getAllGatewayNames();
    }
  };
}
