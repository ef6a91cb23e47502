// Alpaca endpoints per server. Every one can be overridden in the setting (the simulator, a proxy that
// rewrites hosts, Alpaca's sandbox data hosts). Trading (REST and the trade_updates stream) differs between
// live and paper; market data is one service for both, chosen by feed. Sources in docs/gateways/alpaca.md.

export type Server = 'REAL' | 'PAPER';
/** Stock data feeds: IEX (free), the consolidated SIP (paid), or SIP delayed by 15 minutes. */
export type Feed = 'iex' | 'sip' | 'delayed_sip';
export const FEEDS: readonly Feed[] = ['iex', 'sip', 'delayed_sip'];

export interface Endpoints {
  /** Trading API base, without /v2. */
  rest: string;
  /** The trading stream (trade_updates). */
  stream: string;
  /** Market Data API base, without /v2 or /v1beta3. */
  dataRest: string;
  /** Stock market-data stream for the chosen feed. */
  stockStream: string;
  /** Crypto market-data stream (its own path, one feed). */
  cryptoStream: string;
}

const TRADING: Record<Server, { rest: string; stream: string }> = {
  REAL: { rest: 'https://api.alpaca.markets', stream: 'wss://api.alpaca.markets/stream' },
  PAPER: { rest: 'https://paper-api.alpaca.markets', stream: 'wss://paper-api.alpaca.markets/stream' },
};

const DATA_REST = 'https://data.alpaca.markets';
const STOCK_STREAM = 'wss://stream.data.alpaca.markets/v2/{feed}';
const CRYPTO_STREAM = 'wss://stream.data.alpaca.markets/v1beta3/crypto/us';

export interface EndpointOverrides {
  rest?: string;
  stream?: string;
  dataRest?: string;
  /** May contain `{feed}`, replaced by the feed name. */
  stockStream?: string;
  cryptoStream?: string;
}

export function endpointsFor(server: Server, feed: Feed, o: EndpointOverrides = {}): Endpoints {
  const trading = TRADING[server] ?? TRADING.PAPER;
  const strip = (u: string) => u.replace(/\/+$/, '');
  return {
    rest: strip(o.rest || trading.rest).replace(/\/v2$/, ''),
    stream: o.stream || trading.stream,
    dataRest: strip(o.dataRest || DATA_REST),
    stockStream: (o.stockStream || STOCK_STREAM).replace('{feed}', feed),
    cryptoStream: o.cryptoStream || CRYPTO_STREAM,
  };
}

/** Historical bars paths: stocks and crypto live under different API versions. */
export const BARS_PATH = { stock: '/v2/stocks/bars', crypto: '/v1beta3/crypto/us/bars' } as const;
