// 1Token contract ids (`huobip/btc.usdt`, `okef/btc.usd.q`) and vnt symbols. The vtSymbol keeps the part after
// the exchange code and names the underlying venue: `btc.usdt.HUOBI`, `btc.usd.q.OKEX`. Spot and futures of
// one venue stay apart because 1Token's futures ids carry a delivery suffix.
import { Exchange, Product } from '../../src/core/constant.js';
import type { OtExchange } from './types.js';

export const OT_EXCHANGES: Readonly<Record<OtExchange, { exchange: Exchange; product: Product }>> = {
  binance: { exchange: Exchange.BINANCE, product: Product.SPOT },
  binancef: { exchange: Exchange.BINANCE, product: Product.SWAP },
  bitmex: { exchange: Exchange.BITMEX, product: Product.FUTURES },
  okex: { exchange: Exchange.OKEX, product: Product.SPOT },
  okef: { exchange: Exchange.OKEX, product: Product.FUTURES },
  okswap: { exchange: Exchange.OKEX, product: Product.SWAP },
  huobip: { exchange: Exchange.HUOBI, product: Product.SPOT },
  huobif: { exchange: Exchange.HUOBI, product: Product.FUTURES },
};

/** The setting's choices (VN Trader's list), as 1Token codes. */
export const EXCHANGE_CHOICES = ['BINANCE', 'BITMEX', 'OKEX', 'OKEF', 'HUOBIP', 'HUOBIF'] as const;

export function isOtExchange(code: string): code is OtExchange {
  return Object.prototype.hasOwnProperty.call(OT_EXCHANGES, code);
}

/** `huobip/btc.usdt` → { ot: 'huobip', symbol: 'btc.usdt', exchange: HUOBI }; undefined for another form. */
export function fromContractId(
  id: string,
): { ot: OtExchange; symbol: string; exchange: Exchange; product: Product } | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) return undefined;
  const ot = id.slice(0, slash);
  const symbol = id.slice(slash + 1);
  if (!isOtExchange(ot) || !/^[a-z0-9]+(\.[a-z0-9-]+)+$/.test(symbol)) return undefined;
  const { exchange, product } = OT_EXCHANGES[ot];
  // A futures venue's index (`.i`) cannot be traded; a swap (`.td`) is not a dated future.
  const kind = symbol.endsWith('.td') ? Product.SWAP : symbol.endsWith('.i') ? Product.INDEX : product;
  return { ot, symbol, exchange, product: kind };
}

export function toContractId(ot: OtExchange, symbol: string): string {
  return `${ot}/${symbol}`;
}
