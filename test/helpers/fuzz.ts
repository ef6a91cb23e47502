// Seeded random input for the fuzz tests: the simulator's generator (so a failing case replays from its seed)
// plus the shapes hostile peers send: random bytes, awkward strings and numbers, arbitrary JSON.
import { Rng } from '../../src/sim/rng.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Strings that break naive parsers: empty, whitespace, non-numeric, huge, NUL, non-ASCII, JSON-looking. */
const NASTY_STRINGS = [
  '',
  ' ',
  'abc',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-1e400',
  '1e300',
  '0x1f',
  '1.5.5',
  '--1',
  '9007199254740993',
  '99999999999999999999999',
  '\u0000',
  '\u00ff\u4e2d',
  '{}',
  '[]',
  'null',
  'true',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
];

const NASTY_NUMBERS = [0, -0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e300, -1e300, Number.MAX_VALUE];

export class FuzzRng extends Rng {
  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(0, 255);
    return b;
  }

  nastyString(): string {
    return this.bool(0.7) ? this.pick(NASTY_STRINGS) : this.bytes(this.int(0, 12)).toString('latin1');
  }

  nastyNumber(): number {
    return this.bool(0.5) ? this.pick(NASTY_NUMBERS) : (this.next() - 0.5) * 10 ** this.int(0, 20);
  }

  /** Any JSON value, nesting at most `depth` deep. */
  json(depth = 3): Json {
    const kind = this.int(0, depth > 0 ? 6 : 3);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.bool();
      case 2:
        return this.nastyNumber();
      case 3:
        return this.nastyString();
      case 4:
      case 5:
        return Array.from({ length: this.int(0, 4) }, () => this.json(depth - 1));
      default: {
        const o: { [key: string]: Json } = {};
        for (let i = this.int(0, 4); i > 0; i--) o[this.nastyString().slice(0, 20)] = this.json(depth - 1);
        return o;
      }
    }
  }

  /**
   * A copy of a JSON object with one leaf changed: replaced by a value of another type, deleted, or joined
   * by an extra key. Valid-looking messages with one wrong field find more bugs than pure noise.
   */
  mutate<T extends Json>(value: T): Json {
    if (value === null || typeof value !== 'object')
      return this.bool(0.2) ? this.json(1) : this.swapType(value);
    const copy: Json = Array.isArray(value) ? [...value] : { ...value };
    const keys = Object.keys(copy);
    if (keys.length === 0) return this.json(2);
    const key = this.pick(keys);
    const rec = copy as Record<string, Json>;
    const action = this.int(0, 9);
    if (action === 0) delete rec[key];
    else if (action === 1) rec[this.nastyString().slice(0, 12) || 'extra'] = this.json(2);
    else rec[key] = this.mutate(rec[key]!);
    return copy;
  }

  /**
   * One broken frame of a text protocol, drawn in equal parts: raw bytes, random JSON, or `base` (a documented
   * message) mutated twice — so most frames look almost right.
   */
  brokenText(base: Json): string {
    const kind = this.int(0, 3);
    if (kind === 0) return this.bytes(this.int(1, 40)).toString('latin1');
    if (kind === 1) return JSON.stringify(this.json(3));
    return JSON.stringify(this.mutate(this.mutate(base)));
  }

  private swapType(v: Json): Json {
    if (typeof v === 'number')
      return this.pick([String(v), null, this.nastyString(), this.nastyNumber(), [v]]);
    if (typeof v === 'string') return this.pick([Number(v) || 0, null, this.nastyString(), {}, true]);
    return this.json(1);
  }

  /** Cuts a buffer into chunks at random points (TCP does not respect message boundaries). */
  split(buf: Buffer, maxPieces = 8): Buffer[] {
    const cuts = new Set<number>();
    for (let i = this.int(0, maxPieces - 1); i > 0; i--) cuts.add(this.int(1, Math.max(1, buf.length - 1)));
    const points = [0, ...[...cuts].sort((a, b) => a - b), buf.length];
    const out: Buffer[] = [];
    for (let i = 1; i < points.length; i++)
      if (points[i]! > points[i - 1]!) out.push(buf.subarray(points[i - 1], points[i]));
    return out;
  }
}
