// HBDM USDT-M swap endpoints ("Access URLs" of the USDT-margined Contracts API): REST on api.hbdm.com (or
// api.hbdm.vn), market data on /linear-swap-ws, orders and accounts on /linear-swap-notification. Every URL
// can be overridden from the setting (proxies, the simulator).
export interface LinearEndpoints {
  rest: string;
  market: string;
  notify: string;
}

export const HBDM_HOSTS = ['api.hbdm.com', 'api.hbdm.vn'] as const;

export function linearEndpoints(
  host: string,
  overrides: { rest?: string; market?: string; notify?: string },
): LinearEndpoints {
  return {
    rest: overrides.rest || `https://${host}`,
    market: overrides.market || `wss://${host}/linear-swap-ws`,
    notify: overrides.notify || `wss://${host}/linear-swap-notification`,
  };
}

export const LINEAR_PATHS = {
  timestamp: '/api/v1/timestamp',
  contractInfo: '/linear-swap-api/v1/swap_contract_info',
  accountInfo: '/linear-swap-api/v1/swap_account_info',
  positionInfo: '/linear-swap-api/v1/swap_position_info',
  order: '/linear-swap-api/v1/swap_order',
  cancel: '/linear-swap-api/v1/swap_cancel',
  openOrders: '/linear-swap-api/v1/swap_openorders',
  orderInfo: '/linear-swap-api/v1/swap_order_info',
  matchResults: '/linear-swap-api/v1/swap_matchresults',
} as const;
