// The price ladder (DOM) of one listing: a column of prices one tick apart (the tick of the band each price
// is in, where the contract has priceBands), each with the book's volume on either side and this session's
// working orders at that price. A cursor picks the price to trade at; the keys move it through the levels
// that have volume (↑/↓) or by one tick (+/-). This module only decides
// what to show and what order a key asks for; drawing is ladder-view.ts, sending is the console's.
import { Direction, Offset, OrderType } from '../core/constant.js';
import type { GatewayCapabilities } from '../core/gateway.js';
import type { ContractData, OrderData, OrderRequest, PositionData, TickData } from '../core/object.js';
import { bookSides, isActive } from '../core/object.js';
import { needsOffset, priceDecimals, priceTickAt, roundTo, stepPrice, tradingLot } from '../core/validate.js';
import { TODAY_YESTERDAY } from './flatten.js';

/** Volume presets, in multiples of the contract's minimum volume, picked by the digits 1…6. */
export const VOLUME_PRESETS: readonly number[] = [1, 2, 5, 10, 20, 50];

export interface LadderRow {
  /** On its band's grid, rounded to that tick's decimals, so equal prices are equal numbers. */
  price: number;
  bidVolume: number;
  askVolume: number;
  /** Untraded volume of working buy / sell orders at this price. */
  myBuy: number;
  mySell: number;
  last: boolean;
  cursor: boolean;
}

/** Where prices sit: the contract's tick and bands, with a usable tick when the venue gave none. */
type Grid = Pick<ContractData, 'pricetick' | 'priceBands'>;

/** A price on its band's grid (the nearest one), so that a book level, an order and a row compare equal. */
function onGrid(grid: Grid, price: number): number {
  return roundTo(price, priceTickAt(grid, price));
}

/** Book volume per (gridded) price on each side, from every level the tick carries (five, or ten). */
function bookLevels(
  tick: TickData | undefined,
  grid: Grid,
): { bids: Map<number, number>; asks: Map<number, number> } {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  if (!tick) return { bids, asks };
  const book = bookSides(tick);
  for (const [price, volume] of book.bids) if (price > 0) bids.set(onGrid(grid, price), volume);
  for (const [price, volume] of book.asks) if (price > 0) asks.set(onGrid(grid, price), volume);
  return { bids, asks };
}

export class Ladder {
  /** The cursor's price index; undefined until the first price is known (then it starts on the last price). */
  cursor: number | undefined;
  /** The order volume (the ticket's preset for the contract, then whatever a digit picked). */
  volume: number;

  constructor(
    readonly contract: ContractData,
    volume: number,
  ) {
    this.volume = volume;
  }

  /** The grid the rows and the ± keys step on: the ticket's (stepPrice), band by band. */
  get grid(): Grid {
    const c = this.contract;
    return { pricetick: c.pricetick > 0 ? c.pricetick : 0.01, priceBands: c.priceBands };
  }

  /** Decimals a row's price is shown with: its band's. */
  decimalsAt(price: number): number {
    return priceDecimals(this.grid, price);
  }

  /** Puts the cursor on the last price (or the mid, or a best price) when there is one. */
  centre(tick: TickData | undefined): boolean {
    const price =
      tick && tick.lastPrice > 0
        ? tick.lastPrice
        : tick && tick.bidPrice1 > 0 && tick.askPrice1 > 0
          ? (tick.bidPrice1 + tick.askPrice1) / 2
          : tick?.bidPrice1 || tick?.askPrice1 || 0;
    if (!(price > 0)) return false;
    this.cursor = onGrid(this.grid, price);
    return true;
  }

  /** ±n ticks, each by the tick of the band it moves through; never below the lowest tick. */
  step(n: number): void {
    if (this.cursor === undefined) return;
    const grid = this.grid;
    const direction = n > 0 ? 1 : -1;
    for (let k = 0; k < Math.abs(n); k++) {
      const next = stepPrice(grid, this.cursor, direction);
      if (next === this.cursor) break;
      this.cursor = next;
    }
  }

  /**
   * ↑/↓: to the next price above (1) or below (-1) that has book volume, the last price or a working order
   * of ours; one tick when there is none that way.
   */
  level(direction: 1 | -1, tick: TickData | undefined, orders: readonly OrderData[]): void {
    if (this.cursor === undefined) return;
    const grid = this.grid;
    const { bids, asks } = bookLevels(tick, grid);
    const marks = new Set<number>([...bids.keys(), ...asks.keys()]);
    if (tick && tick.lastPrice > 0) marks.add(onGrid(grid, tick.lastPrice));
    for (const o of orders) if (o.price > 0) marks.add(onGrid(grid, o.price));
    const at = this.cursor;
    const next = [...marks]
      .filter((p) => (direction > 0 ? p > at : p < at))
      .sort((a, b) => (direction > 0 ? a - b : b - a))[0];
    if (next !== undefined) this.cursor = next;
    else this.step(direction);
  }

  /** Digit 1…6: the preset that many minimum volumes up the list. */
  preset(n: number): boolean {
    const k = VOLUME_PRESETS[n - 1];
    if (k === undefined) return false;
    this.volume = Number((k * tradingLot(this.contract)).toFixed(9));
    return true;
  }

  /** `rows` prices centred on the cursor, highest first, each a tick of its band apart, with the book and our orders at each. */
  rows(rows: number, tick: TickData | undefined, orders: readonly OrderData[]): LadderRow[] {
    if (this.cursor === undefined) return [];
    const grid = this.grid;
    const { bids, asks } = bookLevels(tick, grid);
    const mine = new Map<number, { buy: number; sell: number }>();
    for (const o of orders) {
      if (!isActive(o) || o.type === OrderType.MARKET) continue;
      const p = onGrid(grid, o.price);
      const m = mine.get(p) ?? { buy: 0, sell: 0 };
      const rest = Math.max(0, o.volume - o.traded);
      if (o.direction === Direction.LONG) m.buy += rest;
      else m.sell += rest;
      mine.set(p, m);
    }
    const last = tick && tick.lastPrice > 0 ? onGrid(grid, tick.lastPrice) : undefined;
    let top = this.cursor;
    for (let k = 0; k < Math.floor((rows - 1) / 2); k++) top = stepPrice(grid, top, 1);
    const out: LadderRow[] = [];
    // Down from the top until the rows are full or the lowest price (a step down that stays put) is reached.
    for (let p = top, prev = Infinity; out.length < rows && p < prev; prev = p, p = stepPrice(grid, p, -1)) {
      out.push({
        price: p,
        bidVolume: bids.get(p) ?? 0,
        askVolume: asks.get(p) ?? 0,
        myBuy: mine.get(p)?.buy ?? 0,
        mySell: mine.get(p)?.sell ?? 0,
        last: p === last,
        cursor: p === this.cursor,
      });
    }
    return out;
  }

  /** Working orders of ours at the cursor's price (x cancels them). */
  ordersAtCursor(orders: readonly OrderData[]): OrderData[] {
    const grid = this.grid;
    return orders.filter(
      (o) => isActive(o) && this.cursor !== undefined && onGrid(grid, o.price) === this.cursor,
    );
  }

  /**
   * The limit order a trading key asks for: at the cursor, or at the best opposite price (B buys at the
   * ask, S sells at the bid). Offsets where the venue has them: closing what the opposite position holds
   * and is not already being closed (SHFE/INE today's volume first), else opening.
   */
  order(
    direction: Direction,
    at: 'cursor' | 'best',
    tick: TickData | undefined,
    positions: readonly PositionData[],
    capabilities: GatewayCapabilities,
  ): OrderRequest | { error: string } {
    let price: number;
    if (at === 'cursor') {
      if (this.cursor === undefined) return { error: 'no price yet: waiting for a tick' };
      price = this.cursor;
    } else {
      price = direction === Direction.LONG ? (tick?.askPrice1 ?? 0) : (tick?.bidPrice1 ?? 0);
      if (!(price > 0)) return { error: `no ${direction === Direction.LONG ? 'ask' : 'bid'} to trade at` };
    }
    if (!(this.volume > 0)) return { error: 'volume must be more than zero' };
    return {
      symbol: this.contract.symbol,
      exchange: this.contract.exchange,
      direction,
      type: OrderType.LIMIT,
      price,
      volume: this.volume,
      offset: this.offsetFor(direction, positions, capabilities),
      reference: 'Ladder',
    };
  }

  /** What a buy or a sell of the ladder's volume would do to the position: open, or close what is held. */
  offsetFor(
    direction: Direction,
    positions: readonly PositionData[],
    capabilities: GatewayCapabilities,
  ): Offset {
    if (!needsOffset(capabilities, this.contract)) return Offset.NONE;
    const opposite = direction === Direction.LONG ? Direction.SHORT : Direction.LONG;
    const held = positions.find(
      (p) =>
        p.vtSymbol === this.contract.vtSymbol &&
        p.gatewayName === this.contract.gatewayName &&
        p.direction === opposite,
    );
    const open = held ? Math.max(0, held.volume - Math.max(0, held.frozen)) : 0;
    if (open < this.volume) return Offset.OPEN;
    if (!TODAY_YESTERDAY.has(this.contract.exchange)) return Offset.CLOSE;
    // One order closes one kind: yesterday's only when today's cannot cover it (the venue refuses a shortfall).
    const today = held!.volume - held!.ydVolume;
    return today < this.volume && held!.ydVolume >= this.volume ? Offset.CLOSEYESTERDAY : Offset.CLOSETODAY;
  }
}
