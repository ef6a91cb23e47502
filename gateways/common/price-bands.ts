// Price steps that depend on the price and are the same at every venue of a market, so each gateway of that market
// carries the same bands (ContractData.priceBands) instead of one tick that refuses legal prices.
import type { PriceBand } from '../../src/core/object.js';

/**
 * US equities: SEC Rule 612 (Regulation NMS, the sub-penny rule) allows quotes and orders in $0.0001 below $1.00
 * and in whole cents from $1.00, so a penny stock's order at 0.5012 is legal where one tick of 0.01 refuses it.
 */
export const US_EQUITY_PRICE_BANDS: readonly PriceBand[] = [
  { from: 0, to: 1, tick: 0.0001 },
  { from: 1, to: Infinity, tick: 0.01 },
];
