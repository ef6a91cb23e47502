// Builds vnt ticks from IB's separate price, size, string and depth messages: one TickData per subscription,
// updated field by field, copied out on each change.
import { createTick, DEPTH_LEVELS, setDepthLevel, type TickData } from '../../src/core/object.js';
import type { Exchange } from '../../src/core/constant.js';
import type { DepthMsg, TickPrice, TickSize, TickString } from './incoming.js';
import { TICK } from './protocol.js';

interface Level {
  price: number;
  size: number;
}

export class TickAssembler {
  readonly tick: TickData;
  private readonly bids: Level[] = [];
  private readonly asks: Level[] = [];

  constructor(
    gatewayName: string,
    symbol: string,
    exchange: Exchange,
    name: string,
    /** FX quotes have no trades: the last price is the mid (as vnpy does for IDEALPRO). */
    private readonly midAsLast: boolean,
  ) {
    this.tick = createTick({ gatewayName, symbol, exchange, name, datetime: Date.now() });
  }

  price(m: TickPrice): boolean {
    const t = this.tick;
    switch (m.tickType) {
      case TICK.BID:
        t.bidPrice1 = m.price;
        if (m.size > 0) t.bidVolume1 = m.size;
        break;
      case TICK.ASK:
        t.askPrice1 = m.price;
        if (m.size > 0) t.askVolume1 = m.size;
        break;
      case TICK.LAST:
        t.lastPrice = m.price;
        if (m.size > 0) t.lastVolume = m.size;
        break;
      case TICK.HIGH:
        t.highPrice = m.price;
        break;
      case TICK.LOW:
        t.lowPrice = m.price;
        break;
      case TICK.OPEN:
        t.openPrice = m.price;
        break;
      case TICK.CLOSE:
        t.preClose = m.price;
        break;
      default:
        return false;
    }
    if (this.midAsLast && t.bidPrice1 > 0 && t.askPrice1 > 0) t.lastPrice = (t.bidPrice1 + t.askPrice1) / 2;
    return true;
  }

  size(m: TickSize): boolean {
    const t = this.tick;
    switch (m.tickType) {
      case TICK.BID_SIZE:
        t.bidVolume1 = m.size;
        return true;
      case TICK.ASK_SIZE:
        t.askVolume1 = m.size;
        return true;
      case TICK.LAST_SIZE:
        t.lastVolume = m.size;
        return true;
      case TICK.VOLUME:
        t.volume = m.size;
        return true;
      default:
        return false;
    }
  }

  /** Tick type 45 carries the exchange time of the last trade in epoch seconds. */
  string(m: TickString): boolean {
    if (m.tickType !== TICK.LAST_TIMESTAMP) return false;
    const seconds = Number(m.value);
    if (!Number.isFinite(seconds) || seconds <= 0) return false;
    this.tick.datetime = seconds * 1000;
    return true;
  }

  /** Applies one depth row change (insert 0 / update 1 / delete 2) and refreshes levels 1-5. */
  depth(m: DepthMsg): boolean {
    const rows = m.side === 1 ? this.bids : this.asks;
    const level = { price: m.price, size: m.size };
    if (m.position < 0 || m.position > 50) return false;
    if (m.operation === 0) rows.splice(Math.min(m.position, rows.length), 0, level);
    else if (m.operation === 1) rows[Math.min(m.position, rows.length)] = level;
    else if (m.operation === 2) rows.splice(m.position, 1);
    else return false;
    const side = m.side === 1 ? 'bid' : 'ask';
    for (let i = 0; i < DEPTH_LEVELS; i++) {
      setDepthLevel(this.tick, side, i, rows[i]?.price ?? 0, rows[i]?.size ?? 0);
    }
    return true;
  }

  /** A copy for the event bus, stamped now (and with a local exchange time when none came). */
  snapshot(): TickData {
    const now = Date.now();
    if (this.tick.datetime <= 0) this.tick.datetime = now;
    return { ...this.tick, localtime: now };
  }

  /** Forgets the book (its rows are re-sent after a resubscription). */
  resetDepth(): void {
    this.bids.length = 0;
    this.asks.length = 0;
  }
}
