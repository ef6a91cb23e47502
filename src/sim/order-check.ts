// The exchange's checks of an order request against its instrument, in the order a venue makes them, each
// refusal with a venue-style reason. Funds and positions are the ledger's to check (accounts.ts).
import { OrderType } from '../core/constant.js';
import { isMultipleOf } from '../core/validate.js';
import { BUY, SELL, type SideCode } from './book.js';
import type { InstrumentState } from './instrument.js';
import type { RejectCode, SimOrderRequest } from './types.js';

export type Refused = { ok: false; code: RejectCode; reason: string };

export interface CheckedOrder {
  ok: true;
  side: SideCode;
  lots: number;
  /** The limit (or STOP trigger) in ticks; NaN for market orders. */
  ticks: number;
  /** The worst price in ticks the order may trade at. */
  limit: number;
}

const ORDER_TYPES = new Set<string>(Object.values(OrderType));

export function refuse(code: RejectCode, reason: string): Refused {
  return { ok: false, code, reason };
}

export function checkOrder<T>(inst: InstrumentState<T>, req: SimOrderRequest): CheckedOrder | Refused {
  const spec = inst.spec;
  if (req.side !== 'BUY' && req.side !== 'SELL') {
    return refuse('UNKNOWN_ORDER', `side must be BUY or SELL, got ${String(req.side)}`);
  }
  const type = req.type;
  if (!ORDER_TYPES.has(type)) return refuse('UNKNOWN_ORDER', `order type ${String(type)} is not supported`);
  const volume = req.volume;
  if (typeof volume !== 'number' || !Number.isFinite(volume) || volume <= 0) {
    return refuse('BAD_LOT_SIZE', `volume must be a positive number, got ${String(volume)}`);
  }
  if (!isMultipleOf(volume, spec.lotSize)) {
    return refuse('BAD_LOT_SIZE', `volume ${volume} is not a multiple of the lot size ${spec.lotSize}`);
  }
  if (volume < spec.minVolume - 1e-12) {
    return refuse('BELOW_MIN_VOLUME', `volume ${volume} is below the minimum ${spec.minVolume}`);
  }
  const lots = Math.round(volume / inst.lot);
  const side: SideCode = req.side === 'BUY' ? BUY : SELL;
  let ticks = NaN;
  if (type !== OrderType.MARKET) {
    const price = req.price;
    if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0) {
      return refuse('BAD_PRICE_TICK', `price must be a positive number, got ${String(price)}`);
    }
    if (!isMultipleOf(price, spec.pricetick)) {
      return refuse('BAD_PRICE_TICK', `price ${price} is not a multiple of the price tick ${spec.pricetick}`);
    }
    ticks = Math.round(price / inst.tick);
    if (ticks > inst.limitUpTicks || ticks < inst.limitDownTicks) {
      return refuse(
        'PRICE_OUT_OF_BAND',
        `price ${price} is outside today's limits ${inst.stats.limitDown} - ${inst.stats.limitUp}`,
      );
    }
  }
  if (type === OrderType.POSTONLY || (type === OrderType.LIMIT && req.postOnly === true)) {
    const opp = side === BUY ? inst.book.bestAsk() : inst.book.bestBid();
    if (side === BUY ? ticks >= opp : ticks <= opp) {
      return refuse('WOULD_TAKE_LIQUIDITY', `post-only order at ${req.price} would trade immediately`);
    }
  }
  const limit = limitOf(inst, type, side, ticks);
  if (type === OrderType.FOK && inst.book.fillable(side, limit, lots) < lots) {
    return refuse(
      'FOK_NOT_FILLABLE',
      `fill-or-kill order for ${volume} cannot be filled in full at ${req.price}`,
    );
  }
  return { ok: true, side, lots, ticks, limit };
}

/** The worst price in ticks an order may trade at: its limit, or the day's band for market and stop orders. */
export function limitOf<T>(inst: InstrumentState<T>, type: OrderType, side: SideCode, ticks: number): number {
  if (type === OrderType.MARKET || type === OrderType.STOP) {
    return side === BUY ? inst.limitUpTicks : inst.limitDownTicks;
  }
  return ticks;
}
