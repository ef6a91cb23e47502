// vnt symbols are Alpaca's asset symbols: "AAPL" (on its listing exchange, AAPL.NASDAQ) and "BTC/USD" (on
// ALPACA, BTC/USD.ALPACA). Alpaca still writes crypto pairs without the slash in places (positions, older
// orders: "BTCUSD"), so lookups go through the compact form.
import type { ContractData } from '../../src/core/object.js';

export function compactSymbol(symbol: string): string {
  return symbol.replace('/', '').toUpperCase();
}

export class SymbolIndex {
  private readonly byCompact = new Map<string, ContractData>();

  add(c: ContractData): void {
    this.byCompact.set(compactSymbol(c.symbol), c);
  }

  /** The contract for any spelling Alpaca uses ("BTC/USD" or "BTCUSD"). */
  find(venueSymbol: string): ContractData | undefined {
    return this.byCompact.get(compactSymbol(venueSymbol));
  }

  get size(): number {
    return this.byCompact.size;
  }
}
