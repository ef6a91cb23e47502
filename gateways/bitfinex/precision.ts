// Bitfinex prices have at most 5 significant digits (docs.bitfinex.com/docs/introduction, "Price precision":
// 12.123, 1.1234, 123.43, 1234.5; the API truncates more precise prices) and at most 8 decimals. The tick
// therefore depends on the price: 1 at 96500, 0.1 at 3400, 0.00001 at 0.5.
import { plainNumber } from './checksum.js';

export const SIGNIFICANT_DIGITS = 5;
export const MAX_DECIMALS = 8;

/** The price step at this price under the 5-significant-digit rule (never finer than 1e-8). */
export function tickAt(price: number): number {
  if (!(price > 0) || !Number.isFinite(price)) return 10 ** -MAX_DECIMALS;
  const magnitude = Math.floor(Math.log10(price));
  const exp = Math.max(magnitude - (SIGNIFICANT_DIGITS - 1), -MAX_DECIMALS);
  // 10 ** -n is inexact for some n (1e-7 prints as 1e-7, fine; 10 ** -5 is 0.000009999999999999999).
  return exp >= 0 ? 10 ** exp : Number(`1e${exp}`);
}

/** Whether a price has no more than 5 significant digits and 8 decimals (it is on its own tick). */
export function isValidPrice(price: number): boolean {
  if (!(price > 0) || !Number.isFinite(price)) return false;
  return Number(roundPrice(price)) === price;
}

/**
 * The price as sent to Bitfinex: rounded half away from zero to 5 significant digits (and 8 decimals), in
 * plain decimal notation. Rounding, not truncation, so that a price the user typed on the tick survives the
 * binary round trip (0.1 + 0.2 style errors) unchanged.
 */
export function roundPrice(price: number): string {
  if (!(price > 0) || !Number.isFinite(price)) return String(price);
  const magnitude = Math.floor(Math.log10(price));
  const decimals = Math.min(Math.max(SIGNIFICANT_DIGITS - 1 - magnitude, 0), MAX_DECIMALS);
  return plainNumber(Number(Number(price.toPrecision(SIGNIFICANT_DIGITS)).toFixed(decimals)));
}
