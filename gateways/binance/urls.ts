// Binance endpoints per server and market. Every one can be overridden in the setting (the simulator, a
// regional host, a proxy that rewrites hosts), so nothing here is the only way to reach the venue.
// USD-M live routes WebSocket traffic by path since 2026 (legacy unrouted URLs retired 2026-04-23): /public
// carries high-frequency book data (@depth, @bookTicker), /market the rest (@ticker, @trade, @markPrice),
// /private the user data (listenKey and event names in the query). Sources in docs/gateways/binance.md.
import type { Market } from './types.js';

export type Server = 'REAL' | 'TESTNET';

export interface Endpoints {
  rest: string;
  /** Market streams (raw /ws endpoint, SUBSCRIBE method). */
  stream: string;
  /** Depth streams, where the venue routes them apart from the others (USD-M live /public); else stream. */
  bookStream: string;
  /** Spot: the WebSocket API, which carries user data since listenKey streams were retired. */
  wsApi: string;
  /**
   * USD-M: the listenKey user stream. `{listenKey}` is replaced by the key; a URL without it gets
   * `/<listenKey>` appended (the unrouted form the demo server and older hosts use).
   */
  userStream: string;
}

/** The USD-M user events the gateway reads; the routed /private endpoint delivers only those named. */
export const USER_EVENTS = ['ORDER_TRADE_UPDATE', 'ACCOUNT_UPDATE', 'listenKeyExpired'].join('/');

const DEFAULTS: Record<Server, Record<Market, Endpoints>> = {
  REAL: {
    SPOT: {
      rest: 'https://api.binance.com',
      stream: 'wss://stream.binance.com:9443/ws',
      bookStream: '',
      wsApi: 'wss://ws-api.binance.com:443/ws-api/v3',
      userStream: '',
    },
    USDM: {
      rest: 'https://fapi.binance.com',
      stream: 'wss://fstream.binance.com/market/ws',
      bookStream: 'wss://fstream.binance.com/public/ws',
      wsApi: '',
      userStream: `wss://fstream.binance.com/private/ws?listenKey={listenKey}&events=${USER_EVENTS}`,
    },
  },
  TESTNET: {
    SPOT: {
      rest: 'https://testnet.binance.vision',
      stream: 'wss://stream.testnet.binance.vision/ws',
      bookStream: '',
      wsApi: 'wss://ws-api.testnet.binance.vision/ws-api/v3',
      userStream: '',
    },
    USDM: {
      rest: 'https://demo-fapi.binance.com',
      // Demo trading (demo-fapi) has its own stream host, unrouted: every stream on /ws.
      stream: 'wss://demo-fstream.binance.com/ws',
      bookStream: '',
      wsApi: '',
      userStream: 'wss://demo-fstream.binance.com/ws',
    },
  },
};

export function endpointsFor(server: Server, market: Market, overrides: Partial<Endpoints>): Endpoints {
  const d = DEFAULTS[server][market];
  const pick = (k: keyof Endpoints) => (overrides[k] ? overrides[k]!.replace(/\/+$/, '') : d[k]);
  const stream = pick('stream');
  // An overridden market stream takes the book with it unless the book is overridden too: a single host
  // (the simulator, a proxy) given as streamUrl must not leave depth on the live default.
  const bookStream = overrides.bookStream ? pick('bookStream') : overrides.stream ? '' : d.bookStream;
  return {
    rest: pick('rest'),
    stream,
    bookStream: bookStream || stream,
    wsApi: pick('wsApi'),
    userStream: pick('userStream'),
  };
}

/** The user stream URL for one listenKey. */
export function userStreamUrl(template: string, listenKey: string): string {
  const key = encodeURIComponent(listenKey);
  return template.includes('{listenKey}') ? template.replace('{listenKey}', key) : `${template}/${key}`;
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
