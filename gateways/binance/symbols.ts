// vnt symbols ↔ Binance symbols. Spot and USD-M list the same names (BTCUSDT), and the OMS keys contracts,
// ticks and positions by vtSymbol, so a USD-M perpetual is BTCUSDT_SWAP in vnt (the `_SWAP` suffix follows
// vnpy_binance's later convention). USD-M delivery contracts already carry their date (BTCUSDT_250328) and
// keep their venue name. The mapping is a rule, not a table, so a symbol seen before exchangeInfo (or after
// a delisting) still maps both ways.
import type { Market } from './types.js';

const SWAP_SUFFIX = '_SWAP';

export function toVntSymbol(venueSymbol: string, market: Market): string {
  if (market === 'SPOT' || venueSymbol.includes('_')) return venueSymbol;
  return venueSymbol + SWAP_SUFFIX;
}

export function toVenueSymbol(vntSymbol: string, market: Market): string {
  if (market === 'USDM' && vntSymbol.endsWith(SWAP_SUFFIX)) return vntSymbol.slice(0, -SWAP_SUFFIX.length);
  return vntSymbol;
}
