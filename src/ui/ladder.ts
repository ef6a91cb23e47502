// The price ladder (DOM) of one listing: a column of prices one tick apart, each with the book's volume on
// either side and this session's working orders at that price. A cursor picks the price to trade at; the
// keys move it through the levels that have volume (↑/↓) or by one tick (+/-). This module only decides
// what to show and what order a key asks for; drawing is ladder-view.ts, sending is the console's.
import { Direction, Offset, OrderType } from '../core/constant.js';
import type { GatewayCapabilities } from '../core/gateway.js';
import type { ContractData, OrderData, OrderRequest, PositionData, TickData } from '../core/object.js';
import { bookSides, isActive } from '../core/object.js';
import { decimalsOf, needsOffset } from '../core/validate.js';
import { TODAY_YESTERDAY } from './flatten.js';

/** Volume presets, in multiples of the contract's minimum volume, picked by the digits 1…6. */
export const VOLUME_PRESETS: readonly number[] = [1, 2, 5, 10, 20, 50];

export interface LadderRow {
  /** Price index: price = index × pricetick (integers, so no float drift between rows). */
  index: number;
  price: number;
  bidVolume: number;
  askVolume: number;
  /** Untraded volume of working buy / sell orders at this price. */
  myBuy: number;
  mySell: number;
  last: boolean;
  cursor: boolean;
}

/** Book volume per price index on each side, from every level the tick carries (five, or ten). */
function bookLevels(
  tick: TickData | undefined,
  tickSize: number,
): { bids: Map<number, number>; asks: Map<number, number> } {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  if (!tick) return { bids, asks };
  const book = bookSides(tick);
  for (const [price, volume] of book.bids) if (price > 0) bids.set(Math.round(price / tickSize), volume);
  for (const [price, volume] of book.asks) if (price > 0) asks.set(Math.round(price / tickSize), volume);
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

  get tickSize(): number {
    return this.contract.pricetick > 0 ? this.contract.pricetick : 0.01;
  }

  priceOf(index: number): number {
    // Through the tick's decimals, so 0.1 × 3 reads 0.3 and not 0.30000000000000004.
    return Number((index * this.tickSize).toFixed(decimalsOf(this.tickSize)));
  }

  indexOf(price: number): number {
    return Math.round(price / this.tickSize);
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
    this.cursor = this.indexOf(price);
    return true;
  }

  /** ±n ticks. */
  step(n: number): void {
    if (this.cursor !== undefined) this.cursor = Math.max(1, this.cursor + n);
  }

  /**
   * ↑/↓: to the next price above (1) or below (-1) that has book volume, the last price or a working order
   * of ours; one tick when there is none that way.
   */
  level(direction: 1 | -1, tick: TickData | undefined, orders: readonly OrderData[]): void {
    if (this.cursor === undefined) return;
    const { bids, asks } = bookLevels(tick, this.tickSize);
    const marks = new Set<number>([...bids.keys(), ...asks.keys()]);
    if (tick && tick.lastPrice > 0) marks.add(this.indexOf(tick.lastPrice));
    for (const o of orders) marks.add(this.indexOf(o.price));
    const at = this.cursor;
    const next = [...marks]
      .filter((i) => (direction > 0 ? i > at : i < at))
      .sort((a, b) => (direction > 0 ? a - b : b - a))[0];
    this.cursor = next ?? Math.max(1, at + direction);
  }

  /** Digit 1…6: the preset that many minimum volumes up the list. */
  preset(n: number): boolean {
    const k = VOLUME_PRESETS[n - 1];
    if (k === undefined) return false;
    this.volume = Number((k * this.contract.minVolume).toFixed(8));
    return true;
  }

  /** `rows` prices centred on the cursor, highest first, with the book and our orders at each. */
  rows(rows: number, tick: TickData | undefined, orders: readonly OrderData[]): LadderRow[] {
    if (this.cursor === undefined) return [];
    const { bids, asks } = bookLevels(tick, this.tickSize);
    const mine = new Map<number, { buy: number; sell: number }>();
    for (const o of orders) {
      if (!isActive(o) || o.type === OrderType.MARKET) continue;
      const i = this.indexOf(o.price);
      const m = mine.get(i) ?? { buy: 0, sell: 0 };
      const rest = Math.max(0, o.volume - o.traded);
      if (o.direction === Direction.LONG) m.buy += rest;
      else m.sell += rest;
      mine.set(i, m);
    }
    const last = tick && tick.lastPrice > 0 ? this.indexOf(tick.lastPrice) : undefined;
    const top = this.cursor + Math.floor((rows - 1) / 2);
    const out: LadderRow[] = [];
    for (let i = top; i > top - rows && i > 0; i--) {
      out.push({
        index: i,
        price: this.priceOf(i),
        bidVolume: bids.get(i) ?? 0,
        askVolume: asks.get(i) ?? 0,
        myBuy: mine.get(i)?.buy ?? 0,
        mySell: mine.get(i)?.sell ?? 0,
        last: i === last,
        cursor: i === this.cursor,
      });
    }
    return out;
  }

  /** Working orders of ours at the cursor's price (x cancels them). */
  ordersAtCursor(orders: readonly OrderData[]): OrderData[] {
    return orders.filter(
      (o) => isActive(o) && this.cursor !== undefined && this.indexOf(o.price) === this.cursor,
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
      price = this.priceOf(this.cursor);
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
