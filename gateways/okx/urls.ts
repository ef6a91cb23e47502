// OKX hosts (docs-v5 "Production Trading Services" / "Demo Trading Services"): one REST host per region, and
// three WebSocket services — public (market data), private (account, orders; login required) and business
// (candles, trades-all). Demo trading keeps the REST host and adds the header x-simulated-trading: 1; its
// WebSockets are on the *pap hosts. Every URL can be overridden in the setting (simulator, proxy).

export type Server = 'REAL' | 'DEMO';
export type Region = 'www' | 'eea' | 'us';

export interface Endpoints {
  rest: string;
  public: string;
  private: string;
  business: string;
}

const REST: Record<Region, string> = {
  www: 'https://www.okx.com',
  eea: 'https://eea.okx.com',
  us: 'https://us.okx.com',
};

/** WebSocket host per region and server; the EEA and US demo hosts follow OKX's regional pages [verify]. */
const WS_HOST: Record<Region, Record<Server, string>> = {
  www: { REAL: 'wss://ws.okx.com:8443', DEMO: 'wss://wspap.okx.com:8443' },
  eea: { REAL: 'wss://wseea.okx.com:8443', DEMO: 'wss://wseeapap.okx.com:8443' },
  us: { REAL: 'wss://wsus.okx.com:8443', DEMO: 'wss://wsuspap.okx.com:8443' },
};

export function endpointsFor(server: Server, region: Region, overrides: Partial<Endpoints>): Endpoints {
  const ws = WS_HOST[region][server];
  const d: Endpoints = {
    rest: REST[region],
    public: `${ws}/ws/v5/public`,
    private: `${ws}/ws/v5/private`,
    business: `${ws}/ws/v5/business`,
  };
  const pick = (k: keyof Endpoints) => (overrides[k] ? overrides[k]!.replace(/\/+$/, '') : d[k]);
  return { rest: pick('rest'), public: pick('public'), private: pick('private'), business: pick('business') };
}

/** REST paths the gateway uses (docs-v5 section in the comment). */
export const PATHS = {
  /** Public Data: Get system time */
  time: '/api/v5/public/time',
  /** Public Data: Get instruments */
  instruments: '/api/v5/public/instruments',
  /** Market Data: Get candlesticks history (older than the last 1440 bars as well) */
  historyCandles: '/api/v5/market/history-candles',
  /** Trading Account: Get account configuration (posMode) */
  config: '/api/v5/account/config',
  /** Trading Account: Get balance */
  balance: '/api/v5/account/balance',
  /** Trading Account: Get positions */
  positions: '/api/v5/account/positions',
  /** Trading Account: Get fee rates */
  tradeFee: '/api/v5/account/trade-fee',
  /** Trading Account: Set leverage */
  setLeverage: '/api/v5/account/set-leverage',
  /** Trade: Place order */
  order: '/api/v5/trade/order',
  /** Trade: Amend order */
  amend: '/api/v5/trade/amend-order',
  /** Trade: Cancel order */
  cancel: '/api/v5/trade/cancel-order',
  /** Trade: Get order list (pending) */
  pending: '/api/v5/trade/orders-pending',
  /** Trade: Get transaction details (last 3 days) */
  fills: '/api/v5/trade/fills',
} as const;
