// Where 1Token is reached. Every address can be overridden in the setting (the simulator, a proxy front).
export type Front = 'GLOBAL' | 'CHINA';

/** 1Token's documented fronts: the CDN entry and the Shanghai debug front ("do not use in production"). */
export const FRONTS: Readonly<Record<Front, { rest: string; ws: string }>> = {
  GLOBAL: { rest: 'https://1token.trade/api/v1', ws: 'wss://1token.trade/api/v1/ws' },
  CHINA: { rest: 'https://cdn.1tokentrade.cn/api/v1', ws: 'wss://cdn.1tokentrade.cn/api/v1/ws' },
};

export interface Endpoints {
  /** REST base, e.g. https://1token.trade/api/v1 (public paths /basic/..., trading paths /trade/...). */
  rest: string;
  /** WebSocket base: ticks at `${ws}/tick`, the account stream at `${ws}/trade/{exchange}/{account}`. */
  ws: string;
}

export function endpointsFor(front: Front, overrides: { rest?: string; ws?: string }): Endpoints {
  const base = FRONTS[front] ?? FRONTS.GLOBAL;
  return {
    rest: (overrides.rest || base.rest).replace(/\/+$/, ''),
    ws: (overrides.ws || base.ws).replace(/\/+$/, ''),
  };
}

/** The trading path that is signed: relative to /api/v1/trade. */
export function tradePath(ot: string, account: string, endpoint: string): string {
  return `/${ot}/${encodeURIComponent(account)}${endpoint}`;
}
