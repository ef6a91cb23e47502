// HTX spot endpoints ("Access URLs", huobiapi.github.io/docs/spot/v1/en/#access-urls) and REST paths. Every
// URL can be overridden from the setting (proxies, the simulator).
export interface SpotEndpoints {
  rest: string;
  market: string;
  private: string;
}

export const SPOT_HOSTS = ['api.huobi.pro', 'api-aws.huobi.pro'] as const;

export function spotEndpoints(
  host: string,
  overrides: { rest?: string; market?: string; private?: string },
): SpotEndpoints {
  return {
    rest: overrides.rest || `https://${host}`,
    market: overrides.market || `wss://${host}/ws`,
    private: overrides.private || `wss://${host}/ws/v2`,
  };
}

export const SPOT_PATHS = {
  timestamp: '/v1/common/timestamp',
  symbols: '/v1/common/symbols',
  accounts: '/v1/account/accounts',
  balance: (accountId: number) => `/v1/account/accounts/${accountId}/balance`,
  place: '/v1/order/orders/place',
  cancel: (orderId: string) => `/v1/order/orders/${orderId}/submitcancel`,
  cancelClient: '/v1/order/orders/submitCancelClientOrder',
  openOrders: '/v1/order/openOrders',
  clientOrder: '/v1/order/orders/getClientOrder',
  order: (orderId: string) => `/v1/order/orders/${orderId}`,
  orderMatches: (orderId: number) => `/v1/order/orders/${orderId}/matchresults`,
  matchResults: '/v1/order/matchresults',
  kline: '/market/history/kline',
} as const;
