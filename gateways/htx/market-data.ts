// HTX market pushes → TickData: depth.step0 snapshots give the five levels, the 24 h ticker gives last,
// open/high/low, volume (amount, base) and turnover (vol, quote). Each push is shape-checked; a bad one is
// logged once and skipped. Kept apart from the link so the bench can drive it with recorded frames.
import { LogLevel } from '../../src/core/constant.js';
import { createTick, type TickData } from '../../src/core/object.js';
import { shapeProblem } from '../common/shape.js';
import { copyTick } from '../common/tick.js';
import { EXCHANGE, applyDepth, applyTicker } from './parse.js';
import { TICKER_SPEC, depthProblem } from './shape.js';
import type { DepthTick, MarketPush, TickerTick } from './types.js';

export class MarketTicks {
  private readonly ticks = new Map<string, TickData>();

  constructor(
    private readonly gatewayName: string,
    private readonly onTick: (tick: TickData) => void,
    private readonly log: (msg: string, level: LogLevel) => void,
  ) {}

  /** The topics of a symbol; its working tick is created here. */
  topics(symbol: string, name: string): string[] {
    if (!this.ticks.has(symbol))
      this.ticks.set(
        symbol,
        createTick({ gatewayName: this.gatewayName, symbol, exchange: EXCHANGE, datetime: 0, name }),
      );
    return [`market.${symbol}.depth.step0`, `market.${symbol}.ticker`];
  }

  handle(m: MarketPush<unknown>): void {
    const parts = m.ch.split('.');
    const symbol = parts[1] ?? '';
    const tick = this.ticks.get(symbol);
    if (!tick) return;
    if (parts[2] === 'depth') {
      const problem = depthProblem(m.tick);
      if (problem) {
        this.log(`ignored an HTX depth push for ${symbol}: ${problem}`, LogLevel.WARNING);
        return;
      }
      applyDepth(tick, m.tick as DepthTick);
    } else if (parts[2] === 'ticker') {
      const problem = shapeProblem(m.tick, TICKER_SPEC);
      if (problem) {
        this.log(`ignored an HTX ticker for ${symbol}: ${problem}`, LogLevel.WARNING);
        return;
      }
      applyTicker(tick, m.tick as TickerTick);
    } else return;
    tick.datetime = Number(m.ts) || Date.now();
    tick.localtime = Date.now();
    if (tick.bidPrice1 > 0 || tick.lastPrice > 0) this.onTick(copyTick(tick));
  }
}
