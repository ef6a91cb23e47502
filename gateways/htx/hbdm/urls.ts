// HBDM swap endpoints per product. USDT-M ("USDT-margined Contracts API", huobiapi.github.io/docs/usdt_swap/
// v1/en/): REST under /linear-swap-api/v1, market data on /linear-swap-ws, orders and accounts on
// /linear-swap-notification. Coin-M ("Coin-margined Swap API", huobiapi.github.io/docs/coin_margined_swap/v1/
// en/): the same calls under /swap-api/v1, /swap-ws and /swap-notification. Coin-M futures ("Coin-margined
// Futures API", huobiapi.github.io/docs/dm/v1/en/): the delivery contracts' calls are contract_* under /api/v1,
// market data on /ws, orders on /notification. All on api.hbdm.com (or api.hbdm.vn); the server time is
// /api/v1/timestamp for all. USDT-M futures (delivery contracts BTC-USDT-<yyMMdd>) are the USDT-M API's
// business_type "futures": the same calls, links and cross margin account as the USDT-M swaps ("[General]
// Query Contract Info": isolated margin takes no futures). Every URL can be overridden from the setting.
export type HbdmProduct = 'usdt-swap' | 'usdt-futures' | 'coin-swap' | 'coin-futures';

/** The setting's product choices, as a person reads them, and the product each names. */
export const HBDM_PRODUCT_CHOICES = {
  'USDT-M swap': 'usdt-swap',
  'USDT-M futures': 'usdt-futures',
  'coin-M swap': 'coin-swap',
  'coin-M futures': 'coin-futures',
} as const;

/** The coin-M futures API (/api/v1/contract_*), whose calls name the coin (`symbol`) where others name the contract. */
export const isFutures = (product: HbdmProduct): boolean => product === 'coin-futures';

/** Delivery contracts (coin-M or USDT-M futures) rather than perpetual swaps. */
export const isDelivery = (product: HbdmProduct): boolean =>
  product === 'coin-futures' || product === 'usdt-futures';

/** On the USDT-M API (/linear-swap-api): USDT-M swaps and futures. */
export const isLinear = (product: HbdmProduct): boolean =>
  product === 'usdt-swap' || product === 'usdt-futures';

/** Money in the coin (coin-M swaps and futures), contracts of contract_size USD. */
export const isCoinMargined = (product: HbdmProduct): boolean => !isLinear(product);

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
  'usdt-futures': { market: '/linear-swap-ws', notify: '/linear-swap-notification' },
  'coin-swap': { market: '/swap-ws', notify: '/swap-notification' },
  'coin-futures': { market: '/ws', notify: '/notification' },
};

export const REST_PREFIX: Record<HbdmProduct, string> = {
  'usdt-swap': '/linear-swap-api/v1/',
  'usdt-futures': '/linear-swap-api/v1/',
  'coin-swap': '/swap-api/v1/',
  'coin-futures': '/api/v1/',
};

/** The calls' name prefix: swap_order under the swap prefixes, contract_order under /api/v1. */
export const CALL_PREFIX: Record<HbdmProduct, string> = {
  'usdt-swap': 'swap_',
  'usdt-futures': 'swap_',
  'coin-swap': 'swap_',
  'coin-futures': 'contract_',
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

const KLINE_PATHS: Record<HbdmProduct, string> = {
  'usdt-swap': '/linear-swap-ex/market/history/kline',
  'usdt-futures': '/linear-swap-ex/market/history/kline',
  'coin-swap': '/swap-ex/market/history/kline',
  'coin-futures': '/market/history/kline',
};

/**
 * Open interest (public, per-IP limits): "[General] Get Swap Open Interest Information" (USDT-M, swaps and
 * futures by business_type), "Get Swap Open Interest Information" (coin-M swaps), "Get Contract Open Interest
 * Information" (coin-M futures).
 */
const OPEN_INTEREST_PATHS: Record<HbdmProduct, string> = {
  'usdt-swap': '/linear-swap-api/v1/swap_open_interest',
  'usdt-futures': '/linear-swap-api/v1/swap_open_interest',
  'coin-swap': '/swap-api/v1/swap_open_interest',
  'coin-futures': '/api/v1/contract_open_interest',
};

export interface SwapPaths {
  timestamp: string;
  openInterest: string;
  /** Klines (public): /linear-swap-ex and /swap-ex for swaps, /market/history/kline for futures. */
  kline: string;
  contractInfo: string;
  accountInfo: string;
  positionInfo: string;
  order: string;
  cancel: string;
  openOrders: string;
  orderInfo: string;
  matchResults: string;
  /** Trigger (stop) orders: "[Cross] Place Trigger Order" and its cancel, open-order and history calls. */
  triggerOrder: string;
  triggerCancel: string;
  triggerOpenOrders: string;
  triggerHisOrders: string;
}

/** USDT-M swaps trade isolated (one margin account per contract) or cross (one USDT account for all). */
export type MarginMode = 'isolated' | 'cross';

export const MARGIN_MODES: readonly MarginMode[] = ['isolated', 'cross'];

/** USDT-M cross margin: swap_cross_* calls (the contract list is shared: swap_contract_info). */
export const CROSS_PREFIX = '/linear-swap-api/v1/swap_cross_';

export function swapPaths(product: HbdmProduct, mode: MarginMode = 'isolated'): SwapPaths {
  const p = mode === 'cross' ? CROSS_PREFIX : REST_PREFIX[product] + CALL_PREFIX[product];
  return {
    timestamp: '/api/v1/timestamp',
    openInterest: OPEN_INTEREST_PATHS[product],
    kline: KLINE_PATHS[product],
    contractInfo: `${REST_PREFIX[product] + CALL_PREFIX[product]}contract_info`,
    accountInfo: `${p}account_info`,
    positionInfo: `${p}position_info`,
    order: `${p}order`,
    cancel: `${p}cancel`,
    openOrders: `${p}openorders`,
    orderInfo: `${p}order_info`,
    matchResults: `${p}matchresults`,
    triggerOrder: `${p}trigger_order`,
    triggerCancel: `${p}trigger_cancel`,
    triggerOpenOrders: `${p}trigger_openorders`,
    triggerHisOrders: `${p}trigger_hisorders`,
  };
}

/**
 * The notification topics: cross margin's carry _cross (orders_cross.*, accounts_cross.*,
 * trigger_order_cross.* …); trigger_order.* pushes the trigger orders' placing, firing and cancelling.
 */
export function notifyTopics(mode: MarginMode): string[] {
  const suffix = mode === 'cross' ? '_cross' : '';
  return ['orders', 'matchOrders', 'accounts', 'positions', 'trigger_order'].map(
    (kind) => `${kind}${suffix}.*`,
  );
}
