// Checking a venue message's fields before use. JSON.parse gives `unknown`; a cast alone would let
// "px": "abc" become NaN on an order or a trade. A spec names each field's kind; the check returns the first
// field that is wrong, described, so the warning says what the venue (or whatever answered in its place)
// actually sent. A list of strings as the kind means "one of these values".
import { quoteValue } from '../../src/core/errors.js';

export type Kind =
  | 'string'
  /** A non-empty string. */
  | 'text'
  /** A decimal as a string ("0.001") or a finite number. */
  | 'decimal'
  /** A decimal string, or '' for "not given". */
  | 'decimal?'
  | 'number'
  /** A finite number, or null / absent for "not given" (a market order's price). */
  | 'number?'
  /** A string, or null / absent. */
  | 'string?'
  | 'integer'
  | 'object'
  | 'array'
  | readonly string[];

export type Spec = Readonly<Record<string, Kind>>;

export const isDecimal = (v: unknown): boolean =>
  (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) ||
  (typeof v === 'number' && Number.isFinite(v));

export function fits(v: unknown, kind: Kind): boolean {
  if (typeof kind !== 'string') return typeof v === 'string' && kind.includes(v);
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'text':
      return typeof v === 'string' && v !== '';
    case 'decimal':
      return isDecimal(v);
    case 'decimal?':
      return v === '' || isDecimal(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'number?':
      return v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v));
    case 'string?':
      return v === null || v === undefined || typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
  }
}

function describe(kind: Kind): string {
  if (typeof kind !== 'string') return `one of ${kind.map((k) => `"${k}"`).join(', ')}`;
  switch (kind) {
    case 'text':
      return 'a non-empty string';
    case 'decimal?':
      return "a decimal or ''";
    case 'number?':
      return 'a number or null';
    case 'string?':
      return 'a string or null';
    case 'integer':
      return 'an integer';
    case 'object':
    case 'array':
      return `an ${kind}`;
    default:
      return `a ${kind}`;
  }
}

/** The first field of `o` that does not fit `spec`, described; undefined when all fit. */
export function shapeProblem(o: unknown, spec: Spec, path = ''): string | undefined {
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    return `${path || 'the message'} is ${quoteValue(o)}, not an object`;
  const rec = o as Record<string, unknown>;
  for (const [key, kind] of Object.entries(spec)) {
    if (!fits(rec[key], kind)) return `field ${path}${key} is ${quoteValue(rec[key])}, not ${describe(kind)}`;
  }
  return undefined;
}

/** The first item of an array that does not fit, described; undefined when all fit. */
export function eachProblem(items: unknown, spec: Spec, path: string): string | undefined {
  if (!Array.isArray(items)) return `field ${path} is ${quoteValue(items)}, not an array`;
  for (let i = 0; i < items.length; i++) {
    const p = shapeProblem(items[i], spec, `${path}[${i}].`);
    if (p) return p;
  }
  return undefined;
}
