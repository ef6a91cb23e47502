// The orders that flatten or reverse a position. They must fill, so they go at market where the gateway takes
// market orders, else as a limit at today's limit price (or the opposite best where there is no band), which
// crosses the book. SHFE/INE close today's and yesterday's volume with different offsets, so a position with
// both needs two closing orders. Volume already held by working close orders (frozen) is not closed twice.
import { Direction, Exchange, Offset, OrderType } from '../core/constant.js';
import type { GatewayCapabilities } from '../core/gateway.js';
import type { ContractData, OrderRequest, PositionData, TickData } from '../core/object.js';
import { needsOffset } from '../core/validate.js';

/** Exchanges where closing today's position needs CLOSETODAY (CLOSE takes yesterday's only). */
export const TODAY_YESTERDAY: ReadonlySet<string> = new Set([Exchange.SHFE, Exchange.INE]);

export interface PositionListing {
  position: PositionData;
  contract: ContractData;
  capabilities: GatewayCapabilities;
  tick: TickData | undefined;
}

/** A long position (a NET one by its sign), and the volume not yet being closed by working orders. */
function held(p: PositionData): { long: boolean; open: number } {
  const long = p.direction === Direction.NET ? p.volume > 0 : p.direction === Direction.LONG;
  return { long, open: Math.max(0, Math.abs(p.volume) - Math.max(0, p.frozen)) };
}

/** Market where the gateway has it, else a limit that crosses: the band's far end, else the opposite best. */
function pricing(
  direction: Direction,
  { capabilities, tick }: PositionListing,
): { type: OrderType; price: number } | { error: string } {
  if (capabilities.orderTypes.includes(OrderType.MARKET)) return { type: OrderType.MARKET, price: 0 };
  const buy = direction === Direction.LONG;
  const band = tick ? (buy ? tick.limitUp : tick.limitDown) : 0;
  const best = tick ? (buy ? tick.askPrice1 : tick.bidPrice1) : 0;
  const price = band > 0 ? band : best;
  if (!(price > 0)) return { error: 'no market order and no price to cross at yet' };
  return { type: OrderType.LIMIT, price };
}

/** The orders that close a position whole (what is not already being closed); an error says why there are none. */
export function closingOrders(l: PositionListing): OrderRequest[] | { error: string } {
  const { position: p, contract } = l;
  const { long, open } = held(p);
  if (open <= 0) return { error: p.volume === 0 ? 'no position' : 'already being closed by working orders' };
  const direction = long ? Direction.SHORT : Direction.LONG;
  const priced = pricing(direction, l);
  if ('error' in priced) return priced;
  const base = {
    symbol: contract.symbol,
    exchange: contract.exchange,
    direction,
    ...priced,
    reference: 'Flatten',
  };
  if (!needsOffset(l.capabilities, contract)) return [{ ...base, volume: open, offset: Offset.NONE }];
  if (!TODAY_YESTERDAY.has(contract.exchange)) return [{ ...base, volume: open, offset: Offset.CLOSE }];
  const yesterday = Math.min(open, Math.max(0, p.ydVolume));
  const today = open - yesterday;
  const out: OrderRequest[] = [];
  if (today > 0) out.push({ ...base, volume: today, offset: Offset.CLOSETODAY });
  if (yesterday > 0) out.push({ ...base, volume: yesterday, offset: Offset.CLOSEYESTERDAY });
  return out;
}

/** Closes the position and opens the same volume the other way. */
export function reversingOrders(l: PositionListing): OrderRequest[] | { error: string } {
  const closing = closingOrders(l);
  if ('error' in closing) return closing;
  const volume = closing.reduce((sum, o) => sum + o.volume, 0);
  const first = closing[0]!;
  const offset = needsOffset(l.capabilities, l.contract) ? Offset.OPEN : Offset.NONE;
  return [...closing, { ...first, volume, offset, reference: 'Reverse' }];
}
