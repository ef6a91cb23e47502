// Bitfinex's hosts (docs.bitfinex.com/docs/rest-general, /docs/ws-general): authenticated requests go to
// api.bitfinex.com, public ones to api-pub.bitfinex.com. Bitfinex has no testnet (paper trading is a
// sub-account with TEST pairs on the same hosts), so there is no server choice; every URL can be overridden.

export const DEFAULT_URLS = {
  rest: 'https://api.bitfinex.com',
  publicRest: 'https://api-pub.bitfinex.com',
  ws: 'wss://api.bitfinex.com/ws/2',
  publicWs: 'wss://api-pub.bitfinex.com/ws/2',
} as const;

export interface Endpoints {
  rest: string;
  publicRest: string;
  ws: string;
  publicWs: string;
}

export function endpointsFor(overrides: Partial<Record<keyof Endpoints, string>>): Endpoints {
  const pick = (k: keyof Endpoints) => (overrides[k] ?? '').trim() || DEFAULT_URLS[k];
  return { rest: pick('rest'), publicRest: pick('publicRest'), ws: pick('ws'), publicWs: pick('publicWs') };
}

export const PATHS = {
  platformStatus: '/v2/platform/status',
  pairs: '/v2/conf/pub:list:pair:exchange',
  pairInfo: '/v2/conf/pub:info:pair',
  tickers: '/v2/tickers',
  candles: (key: string) => `/v2/candles/${key}/hist`,
  wallets: '/v2/auth/r/wallets',
  orders: '/v2/auth/r/orders',
  ordersHist: '/v2/auth/r/orders/hist',
  positions: '/v2/auth/r/positions',
  tradesHist: '/v2/auth/r/trades/hist',
  submit: '/v2/auth/w/order/submit',
  cancel: '/v2/auth/w/order/cancel',
} as const;
