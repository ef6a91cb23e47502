// HBDM swap endpoints per product. USDT-M ("USDT-margined Contracts API", huobiapi.github.io/docs/usdt_swap/
// v1/en/): REST under /linear-swap-api/v1, market data on /linear-swap-ws, orders and accounts on
// /linear-swap-notification. Coin-M ("Coin-margined Swap API", huobiapi.github.io/docs/coin_margined_swap/v1/
// en/): the same calls under /swap-api/v1, /swap-ws and /swap-notification. Both on api.hbdm.com (or
// api.hbdm.vn); the server time is /api/v1/timestamp for both. Every URL can be overridden from the setting.
export type HbdmProduct = 'usdt-swap' | 'coin-swap';

/** The setting's product choices, as a person reads them, and the product each names. */
export const HBDM_PRODUCT_CHOICES = { 'USDT-M swap': 'usdt-swap', 'coin-M swap': 'coin-swap' } as const;

export function productOf(choice: unknown): HbdmProduct | undefined {
  if (choice === undefined || choice === '') return 'usdt-swap';
  return (HBDM_PRODUCT_CHOICES as Record<string, HbdmProduct>)[String(choice)];
}

export interface SwapEndpoints {
  rest: string;
  market: string;
  notify: string;
}

export const HBDM_HOSTS = ['api.hbdm.com', 'api.hbdm.vn'] as const;

const WS_PATHS: Record<HbdmProduct, { market: string; notify: string }> = {
  'usdt-swap': { market: '/linear-swap-ws', notify: '/linear-swap-notification' },
  'coin-swap': { market: '/swap-ws', notify: '/swap-notification' },
};

export const REST_PREFIX: Record<HbdmProduct, string> = {
  'usdt-swap': '/linear-swap-api/v1/',
  'coin-swap': '/swap-api/v1/',
};

export function swapEndpoints(
  product: HbdmProduct,
  host: string,
  overrides: { rest?: string; market?: string; notify?: string },
): SwapEndpoints {
  return {
    rest: overrides.rest || `https://${host}`,
    market: overrides.market || `wss://${host}${WS_PATHS[product].market}`,
    notify: overrides.notify || `wss://${host}${WS_PATHS[product].notify}`,
  };
}

export const defaultWsPath = (product: HbdmProduct, link: 'market' | 'notify'): string =>
  WS_PATHS[product][link];

export interface SwapPaths {
  timestamp: string;
  contractInfo: string;
  accountInfo: string;
  positionInfo: string;
  order: string;
  cancel: string;
  openOrders: string;
  orderInfo: string;
  matchResults: string;
}

export function swapPaths(product: HbdmProduct): SwapPaths {
  const p = REST_PREFIX[product];
  return {
    timestamp: '/api/v1/timestamp',
    contractInfo: `${p}swap_contract_info`,
    accountInfo: `${p}swap_account_info`,
    positionInfo: `${p}swap_position_info`,
    order: `${p}swap_order`,
    cancel: `${p}swap_cancel`,
    openOrders: `${p}swap_openorders`,
    orderInfo: `${p}swap_order_info`,
    matchResults: `${p}swap_matchresults`,
  };
}
