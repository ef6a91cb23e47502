// BitMEX hosts per server (BitMEX API documentation; venues.md §2). Every URL can be overridden in the
// setting, which is how testnets behind proxies and the loopback simulator are reached.
export type Server = 'REAL' | 'TESTNET';

export interface Endpoints {
  /** REST base including /api/v1 (signatures cover that path prefix). */
  rest: string;
  /** The realtime WebSocket (/realtime). */
  ws: string;
}

const DEFAULTS: Record<Server, Endpoints> = {
  REAL: { rest: 'https://www.bitmex.com/api/v1', ws: 'wss://ws.bitmex.com/realtime' },
  TESTNET: { rest: 'https://testnet.bitmex.com/api/v1', ws: 'wss://ws.testnet.bitmex.com/realtime' },
};

export function endpointsFor(server: string, overrides: { rest?: string; ws?: string }): Endpoints {
  const base = DEFAULTS[server === 'TESTNET' ? 'TESTNET' : 'REAL'];
  return {
    rest: (overrides.rest || base.rest).replace(/\/+$/, ''),
    ws: overrides.ws || base.ws,
  };
}
