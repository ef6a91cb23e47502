// Where Tiger's Open API lives: one REST gateway URL and one TLS push host per server and licence (hosts as
// the tigeropen SDK configures them). Every one can be overridden in the setting (sandbox, proxy, simulator).
export type Server = 'REAL' | 'SANDBOX';
export type Licence = 'GLOBAL' | 'TBUS';

export interface Endpoints {
  /** The full gateway URL every REST call is POSTed to. */
  rest: string;
  pushHost: string;
  pushPort: number;
}

const HOSTS: Record<Server, Record<Licence, Endpoints>> = {
  REAL: {
    GLOBAL: {
      rest: 'https://openapi.tigerfintech.com/gateway',
      pushHost: 'openapi.tigerfintech.com',
      pushPort: 9883,
    },
    TBUS: { rest: 'https://openapi.tradeup.com/gateway', pushHost: 'openapi.tradeup.com', pushPort: 9983 },
  },
  SANDBOX: {
    GLOBAL: {
      rest: 'https://openapi-sandbox.tigerfintech.com/gateway',
      pushHost: 'openapi-sandbox.tigerfintech.com',
      pushPort: 9885,
    },
    TBUS: {
      rest: 'https://openapi-sandbox.tigerfintech.com/gateway',
      pushHost: 'openapi-sandbox.tigerfintech.com',
      pushPort: 9885,
    },
  },
};

export function endpointsFor(
  server: Server,
  licence: Licence,
  overrides: { rest?: string; pushHost?: string; pushPort?: number },
): Endpoints {
  const base = HOSTS[server][licence];
  return {
    rest: overrides.rest || base.rest,
    pushHost: overrides.pushHost || base.pushHost,
    pushPort: overrides.pushPort && overrides.pushPort > 0 ? overrides.pushPort : base.pushPort,
  };
}
