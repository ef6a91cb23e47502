// vnt names a Bitfinex trading pair by the pair itself ("BTCUSD", "1INCH:USD"); Bitfinex prefixes it with
// "t" in symbols ("tBTCUSD"). Pairs whose currencies are longer than three letters put a ':' between them.

export function toVenueSymbol(pair: string): string {
  return `t${pair}`;
}

/** "tBTCUSD" → "BTCUSD"; undefined for anything that is not a trading symbol (funding "fUSD"). */
export function toPair(venueSymbol: string): string | undefined {
  return venueSymbol.length > 1 && venueSymbol.startsWith('t') ? venueSymbol.slice(1) : undefined;
}

/** Base and quote currency of a pair: "BTCUSD" → [BTC, USD], "1INCH:USD" → [1INCH, USD]. */
export function splitPair(pair: string): [string, string] {
  const colon = pair.indexOf(':');
  if (colon > 0) return [pair.slice(0, colon), pair.slice(colon + 1)];
  return [pair.slice(0, 3), pair.slice(3)];
}
