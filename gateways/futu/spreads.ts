// HKEX's spread table: an HK price is legal only on the step of the band it falls in (each band runs from just
// above the previous bound up to and including its own). OpenD refuses an order off the step, so vnt checks
// before sending. Sources: HKEX Trading Rules, Spread Table Part A (bands and steps as in HKEX's 2006 circular
// "Reduction of Minimum Trading Spreads", in force until 2025-08-03); HKEX "Reduction of Minimum Spreads" page:
// Phase 1 from 2025-08-04 ($10–$20: 0.02 → 0.01, $20–$50: 0.05 → 0.02), Phase 2 planned for mid-2026
// ($0.50–$10: 0.01 → 0.005). Both phases cover equities and REITs, not exchange-traded products or structured
// products (warrants, CBBCs), which keep Part A.
import { Exchange, Product } from '../../src/core/constant.js';
import type { PriceBand } from '../../src/core/object.js';
import { isMultipleOf, roundTo } from '../../src/core/validate.js';
import { US_EQUITY_PRICE_BANDS } from '../common/price-bands.js';

export interface SpreadBand {
  /** The band's upper bound, inclusive. */
  upTo: number;
  step: number;
}

export type SpreadTable = readonly SpreadBand[];

/** The lowest price HKEX accepts. */
export const HK_MIN_PRICE = 0.01;

const TOP: SpreadTable = [
  { upTo: 200, step: 0.1 },
  { upTo: 500, step: 0.2 },
  { upTo: 1000, step: 0.5 },
  { upTo: 2000, step: 1 },
  { upTo: 5000, step: 2 },
  { upTo: 9995, step: 5 },
];

/** Part A before the 2025 reduction (and still for ETPs and structured products). */
export const HKEX_PART_A: SpreadTable = [
  { upTo: 0.25, step: 0.001 },
  { upTo: 0.5, step: 0.005 },
  { upTo: 10, step: 0.01 },
  { upTo: 20, step: 0.02 },
  { upTo: 100, step: 0.05 },
  ...TOP,
];

/** Equities and REITs from 2025-08-04 (Phase 1). */
export const HKEX_2025: SpreadTable = [
  { upTo: 0.25, step: 0.001 },
  { upTo: 0.5, step: 0.005 },
  { upTo: 20, step: 0.01 },
  { upTo: 50, step: 0.02 },
  { upTo: 100, step: 0.05 },
  ...TOP,
];

/** Equities and REITs once Phase 2 is in force. */
export const HKEX_2026: SpreadTable = [
  { upTo: 0.25, step: 0.001 },
  { upTo: 10, step: 0.005 },
  { upTo: 20, step: 0.01 },
  { upTo: 50, step: 0.02 },
  { upTo: 100, step: 0.05 },
  ...TOP,
];

/** The setting's choices: which table equities follow ("off" leaves the check to OpenD). */
export const HK_SPREAD_CHOICES = ['HKEX 2025', 'HKEX 2026', 'off'] as const;
export type HkSpreadChoice = (typeof HK_SPREAD_CHOICES)[number];

/** The table a security follows: ETPs and structured products were left out of the reductions. */
export function tableFor(choice: HkSpreadChoice, product: Product | undefined): SpreadTable | undefined {
  if (choice === 'off') return undefined;
  if (product === Product.ETF || product === Product.WARRANT) return HKEX_PART_A;
  return choice === 'HKEX 2026' ? HKEX_2026 : HKEX_2025;
}

/** The step at a price, or undefined outside HKEX's price range. */
export function stepAt(price: number, table: SpreadTable): number | undefined {
  if (!(price >= HK_MIN_PRICE - 1e-9)) return undefined;
  for (const band of table) if (price <= band.upTo + 1e-9) return band.step;
  return undefined;
}

/**
 * A table as the core's price bands, so the engine's order check and the ticket's price keys follow the band a
 * price is in. HKEX's bound belongs to the band below it, the core's to the band above; every bound is on both
 * bands' steps, so the two readings accept the same prices.
 */
export function toPriceBands(table: SpreadTable): PriceBand[] {
  return table.map((band, i) => ({
    from: i === 0 ? 0 : table[i - 1]!.upTo,
    to: i === table.length - 1 ? Infinity : band.upTo,
    tick: band.step,
  }));
}

/** The bands a contract's prices follow, or undefined where one tick holds for every price. */
export function priceBandsFor(
  exchange: Exchange,
  product: Product | undefined,
  choice: HkSpreadChoice,
): readonly PriceBand[] | undefined {
  if (exchange === Exchange.SMART) return US_EQUITY_PRICE_BANDS;
  if (exchange !== Exchange.SEHK) return undefined;
  const table = tableFor(choice, product);
  return table ? toPriceBands(table) : undefined;
}

export type PriceCheck = { ok: true; price: number } | { ok: false; reason: string };

/**
 * A price on the table comes back exact (float noise rounded off: 380.20000000000005 → 380.2); one off it is
 * refused with the step and the legal prices either side, never moved silently to another price.
 */
export function checkHkPrice(price: number, table: SpreadTable): PriceCheck {
  const top = table[table.length - 1]!.upTo;
  const step = stepAt(price, table);
  if (step === undefined) {
    return { ok: false, reason: `price ${price} is outside HKEX's range ${HK_MIN_PRICE}–${top}` };
  }
  if (isMultipleOf(price, step)) return { ok: true, price: roundTo(price, step) };
  const below = roundTo(Math.floor(price / step) * step, step);
  const above = roundTo(Math.ceil(price / step) * step, step);
  return {
    ok: false,
    reason:
      `price ${price} is not on an HKEX tick: the step there is ${step} ` +
      `(nearest legal prices ${below} and ${above})`,
  };
}
