// Checks a request against what is known of the contract before anything reaches a venue: a refusal here
// costs nothing, a venue rejection costs a round trip and sometimes a penalty.
import { Offset, OrderType, Product } from './constant.js';
import { RequestError } from './errors.js';
import type { GatewayCapabilities } from './gateway.js';
import type { ContractData, OrderRequest } from './object.js';

/** True when value is a whole multiple of step, tolerant of binary floating-point error. */
export function isMultipleOf(value: number, step: number): boolean {
  if (!(step > 0)) return true;
  const q = value / step;
  // The quotient of two doubles is off by a few ulps (|q| * ~3e-16); allow a generous multiple of that and no
  // more. A looser relative tolerance (1e-7 * q = 0.97 for 96500.005 on a 0.01 tick) accepts off-tick prices.
  return Math.abs(q - Math.round(q)) < 1e-9 + Math.abs(q) * 1e-14;
}

/**
 * The tick a price is quoted in for this contract: its band's where the venue's tick depends on the price,
 * else the contract's one tick. A price on a boundary belongs to the band above (each boundary is on both
 * bands' ticks, so either would accept it).
 */
export function priceTickAt(contract: Pick<ContractData, 'pricetick' | 'priceBands'>, price: number): number {
  const bands = contract.priceBands;
  if (!bands || bands.length === 0) return contract.pricetick;
  for (const b of bands) if (price >= b.from && price < b.to) return b.tick;
  return price < bands[0]!.from ? bands[0]!.tick : bands[bands.length - 1]!.tick;
}

/** The tick of the prices just below `price`: on a band boundary, the band beneath's (priceTickAt takes the one above). */
function priceTickBelow(contract: Pick<ContractData, 'pricetick' | 'priceBands'>, price: number): number {
  const bands = contract.priceBands;
  if (!bands || bands.length === 0) return contract.pricetick;
  for (const b of bands) if (price > b.from && price <= b.to) return b.tick;
  return price <= bands[0]!.from ? bands[0]!.tick : bands[bands.length - 1]!.tick;
}

/**
 * One tick up (1) or down (-1) from `price`, each in the band it moves through, landing on that band's grid: a
 * price off the grid goes to the next price on it that way. Never below one tick: down from the lowest price
 * stays there. Boundaries are on both bands' grids, so a step never jumps over one.
 */
export function stepPrice(
  contract: Pick<ContractData, 'pricetick' | 'priceBands'>,
  price: number,
  direction: 1 | -1,
): number {
  const tick = direction > 0 ? priceTickAt(contract, price) : priceTickBelow(contract, price);
  if (!(tick > 0)) return price;
  const q = price / tick;
  // Within a few ulps of the grid counts as on it (as isMultipleOf does).
  const on = Math.abs(q - Math.round(q)) < 1e-9 + Math.abs(q) * 1e-14;
  const index = on ? Math.round(q) + direction : direction > 0 ? Math.ceil(q) : Math.floor(q);
  const next = roundTo(index * tick, tick);
  return next > 0 ? next : price > 0 && on ? price : roundTo(tick, tick);
}

/** Decimals to show a price with: its band's tick's where the tick depends on the price. */
export function priceDecimals(
  contract: Pick<ContractData, 'pricetick' | 'priceBands'>,
  price: number,
): number {
  return Math.max(decimalsOf(contract.pricetick), decimalsOf(priceTickAt(contract, price)));
}

/** Rounds to the nearest multiple of step, with the step's decimals (no 0.30000000000000004). */
export function roundTo(value: number, step: number): number {
  if (!(step > 0)) return value;
  const digits = decimalsOf(step);
  return Number((Math.round(value / step) * step).toFixed(digits));
}

export function decimalsOf(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  const text = step.toString();
  const e = text.indexOf('e-');
  if (e >= 0) return Number(text.slice(e + 2)) + (text.split('.')[1]?.split('e')[0]?.length ?? 0);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The volume a ticket starts at and its presets count in: the contract's minimum, but a whole share where the
 * venue takes fractions of one. Alpaca's fractional minimum (0.000000001 share) is the quantity's precision, not
 * an order anyone means: as the ticket's default it was refused by the venue (below its $1 notional), and as the
 * unit of the fat-finger default every order over a few billionths of a share needed confirming.
 */
export function tradingLot(contract: Pick<ContractData, 'product' | 'minVolume'>): number {
  return contract.product === Product.EQUITY && contract.minVolume < 1 ? 1 : contract.minVolume;
}

/** A volume as a person reads it: 0.000000001, never 1e-9. */
export function formatVolume(volume: number): string {
  if (!Number.isFinite(volume) || Number.isInteger(volume)) return String(volume);
  return volume.toFixed(Math.min(20, decimalsOf(volume)));
}

/** Order types that carry a price (MARKET has none). */
export const PRICED_TYPES: ReadonlySet<OrderType> = new Set([
  OrderType.LIMIT,
  OrderType.STOP,
  OrderType.FAK,
  OrderType.FOK,
  OrderType.POSTONLY,
]);

/** Whether orders on this contract must say OPEN or CLOSE: the ticket's Offset row and the engine's check. */
export function needsOffset(
  capabilities: Pick<GatewayCapabilities, 'offsets'>,
  contract: Pick<ContractData, 'netPosition'> | undefined,
): boolean {
  return capabilities.offsets && !contract?.netPosition;
}

export function validateOrderRequest(
  req: OrderRequest,
  contract: ContractData | undefined,
  capabilities: GatewayCapabilities,
): void {
  const vt = `${req.symbol}.${req.exchange}`;
  if (!contract) throw new RequestError(`unknown contract ${vt}: not listed by the gateway`);
  if (!capabilities.orderTypes.includes(req.type)) {
    throw new RequestError(
      `order type ${req.type} is not supported here (supported: ${capabilities.orderTypes.join(', ')})`,
    );
  }
  if (typeof req.volume !== 'number' || !Number.isFinite(req.volume) || req.volume <= 0) {
    throw new RequestError(`volume must be a positive number, got ${String(req.volume)}`);
  }
  if (req.volume < contract.minVolume - 1e-12) {
    throw new RequestError(`volume ${req.volume} is below the minimum ${contract.minVolume} for ${vt}`);
  }
  if (!isMultipleOf(req.volume, contract.volumeStep)) {
    throw new RequestError(
      `volume ${req.volume} is not a multiple of the lot size ${contract.volumeStep} for ${vt}`,
    );
  }
  if (PRICED_TYPES.has(req.type)) {
    if (typeof req.price !== 'number' || !Number.isFinite(req.price) || req.price <= 0) {
      throw new RequestError(`price must be a positive number, got ${String(req.price)}`);
    }
    const tick = priceTickAt(contract, req.price);
    if (!isMultipleOf(req.price, tick)) {
      const band = contract.priceBands?.length ? ` at that price` : '';
      throw new RequestError(
        `price ${req.price} is not a multiple of the price tick ${tick}${band} for ${vt}` +
          ` (nearest: ${roundTo(Math.floor(req.price / tick) * tick, tick)} or ${roundTo(Math.ceil(req.price / tick) * tick, tick)})`,
      );
    }
  }
  if (needsOffset(capabilities, contract) && req.offset === Offset.NONE) {
    throw new RequestError(`${vt} needs an offset (OPEN, CLOSE, CLOSETODAY or CLOSEYESTERDAY)`);
  }
}
