// Binance endpoints per server and market. Every one can be overridden in the setting (the simulator, a
// regional host, a proxy that rewrites hosts), so nothing here is the only way to reach the venue.
import type { Market } from './types.js';

export type Server = 'REAL' | 'TESTNET';

export interface Endpoints {
  rest: string;
  /** Market streams (raw /ws endpoint, SUBSCRIBE method). */
  stream: string;
  /** Spot: the WebSocket API, which carries user data since listenKey streams were retired. */
  wsApi: string;
  /** USD-M: base of the listenKey user stream (`<base>/<listenKey>`). */
  userStream: string;
}

const DEFAULTS: Record<Server, Record<Market, Endpoints>> = {
  REAL: {
    SPOT: {
      rest: 'https://api.binance.com',
      stream: 'wss://stream.binance.com:9443/ws',
      wsApi: 'wss://ws-api.binance.com:443/ws-api/v3',
      userStream: '',
    },
    USDM: {
      rest: 'https://fapi.binance.com',
      stream: 'wss://fstream.binance.com/market/ws',
      wsApi: '',
      userStream: 'wss://fstream.binance.com/private/ws',
    },
  },
  TESTNET: {
    SPOT: {
      rest: 'https://testnet.binance.vision',
      stream: 'wss://stream.testnet.binance.vision/ws',
      wsApi: 'wss://ws-api.testnet.binance.vision/ws-api/v3',
      userStream: '',
    },
    USDM: {
      rest: 'https://demo-fapi.binance.com',
      stream: 'wss://fstream.binancefuture.com/ws',
      wsApi: '',
      userStream: 'wss://fstream.binancefuture.com/ws',
    },
  },
};

export function endpointsFor(server: Server, market: Market, overrides: Partial<Endpoints>): Endpoints {
  const d = DEFAULTS[server][market];
  const pick = (k: keyof Endpoints) => (overrides[k] ? overrides[k]!.replace(/\/+$/, '') : d[k]);
  return { rest: pick('rest'), stream: pick('stream'), wsApi: pick('wsApi'), userStream: pick('userStream') };
}

/** REST paths that differ between the markets. */
export interface Paths {
  time: string;
  exchangeInfo: string;
  depth: string;
  klines: string;
  order: string;
  openOrders: string;
  trades: string;
}

export const PATHS: Record<Market, Paths> = {
  SPOT: {
    time: '/api/v3/time',
    exchangeInfo: '/api/v3/exchangeInfo',
    depth: '/api/v3/depth',
    klines: '/api/v3/klines',
    order: '/api/v3/order',
    openOrders: '/api/v3/openOrders',
    trades: '/api/v3/myTrades',
  },
  USDM: {
    time: '/fapi/v1/time',
    exchangeInfo: '/fapi/v1/exchangeInfo',
    depth: '/fapi/v1/depth',
    klines: '/fapi/v1/klines',
    order: '/fapi/v1/order',
    openOrders: '/fapi/v1/openOrders',
    trades: '/fapi/v1/userTrades',
  },
};
