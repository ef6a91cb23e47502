// HBDM market pushes (depth.step0 snapshots, detail) into a contract's running TickData, shape-checked first:
// five levels from the depth snapshot; last/open/high/low, volume (contracts) and turnover from detail —
// USDT-M's trade_turnover (USDT), or for coin-M (whose detail has none) vol × contract_size USD.
import type { TickData } from '../../../src/core/object.js';
import { isDecimal, shapeProblem } from '../../common/shape.js';
import { applyDepth } from '../parse.js';
import { depthProblem } from '../shape.js';
import type { DepthTick, MarketPush } from '../types.js';
import { DETAIL_SPEC } from './shape.js';

/** What a market push did to the tick: applied, or why it was skipped (undefined: not a tick topic). */
export type MarketApplied = { ok: true } | { ok: false; problem: string } | undefined;

export function applySwapMarket(tick: TickData, m: MarketPush<unknown>, contractSize: number): MarketApplied {
  const kind = m.ch.split('.')[2];
  if (kind === 'depth') {
    const problem = depthProblem(m.tick);
    if (problem) return { ok: false, problem: `depth push: ${problem}` };
    applyDepth(tick, m.tick as DepthTick);
  } else if (kind === 'detail') {
    const problem = shapeProblem(m.tick, DETAIL_SPEC);
    if (problem) return { ok: false, problem: `detail push: ${problem}` };
    const d = m.tick as { open: number; close: number; high: number; low: number; vol: string | number };
    const turnover = (m.tick as { trade_turnover?: unknown }).trade_turnover;
    tick.lastPrice = d.close;
    tick.openPrice = d.open;
    tick.highPrice = d.high;
    tick.lowPrice = d.low;
    tick.volume = Number(d.vol);
    tick.turnover = isDecimal(turnover) ? Number(turnover) : tick.volume * contractSize;
  } else return undefined;
  tick.datetime = Number(m.ts) || Date.now();
  tick.localtime = Date.now();
  return { ok: true };
}
