// Position rows of one query answer (CTP's SHFE today/yesterday rows, FEMAS's hedge-flag rows) merged into
// one PositionData per symbol and direction; a holding missing from an answer is pushed flat.
import type { Direction, Exchange } from '../../src/core/constant.js';
import { createPosition, type ContractData, type PositionData } from '../../src/core/object.js';
import type { PositionPart } from './parse.js';

export class PositionBook {
  private parts: PositionPart[] = [];
  private readonly held = new Set<string>();

  constructor(
    private readonly gatewayName: string,
    private readonly contracts: ReadonlyMap<string, ContractData>,
    /** What a row's cost is divided by, besides the volume, to give a price (CTP: the multiplier). */
    private readonly costDivisor: (contract: ContractData | undefined) => number,
  ) {}

  /** A new answer begins. */
  clear(): void {
    this.parts = [];
  }

  add(part: PositionPart): void {
    this.parts.push(part);
  }

  /** The answer is complete: one position per symbol and direction, pushed. */
  flush(push: (p: PositionData) => void): void {
    const merged = new Map<string, PositionData & { cost: number }>();
    for (const p of this.parts) {
      const exchange = p.exchange ?? this.contracts.get(p.symbol)?.exchange;
      if (!exchange) continue;
      const key = `${p.symbol}.${exchange}.${p.direction}`;
      let pos = merged.get(key);
      if (!pos) {
        pos = { ...this.flat(p.symbol, exchange, p.direction), cost: 0 };
        merged.set(key, pos);
      }
      pos.volume += p.volume;
      pos.ydVolume += p.ydVolume;
      pos.frozen += p.frozen;
      pos.pnl += p.pnl;
      pos.cost += p.cost;
    }
    this.parts = [];
    for (const key of this.held) {
      if (merged.has(key)) continue;
      const [symbol, exchange, direction] = splitKey(key);
      merged.set(key, { ...this.flat(symbol, exchange, direction), cost: 0 });
    }
    this.held.clear();
    for (const [key, pos] of merged) {
      const { cost, ...position } = pos;
      const divisor = this.costDivisor(this.contracts.get(pos.symbol)) || 1;
      position.price = position.volume ? cost / (position.volume * divisor) : 0;
      if (position.volume) this.held.add(key);
      push(position);
    }
  }

  private flat(symbol: string, exchange: Exchange, direction: Direction): PositionData {
    return createPosition({ gatewayName: this.gatewayName, symbol, exchange, direction });
  }
}

function splitKey(key: string): [string, Exchange, Direction] {
  const parts = key.split('.');
  const direction = parts.pop() as Direction;
  const exchange = parts.pop() as Exchange;
  return [parts.join('.'), exchange, direction];
}
