// Instrument lists for the simulated exchange, read from JSON at run time (the demo's list lives in
// data/instruments.json; a user may point the SIM gateway at their own). Every field is checked, and an error
// names the file, the entry and the field.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isExchange, Product } from '../core/constant.js';
import type { InstrumentSpec } from './types.js';

/** The demo's instruments (src/sim/data is shipped in the package next to dist). */
export const DEFAULT_INSTRUMENTS_FILE = fileURLToPath(
  new URL('../../../src/sim/data/instruments.json', import.meta.url),
);

const PRODUCTS = new Set<string>(Object.values(Product));
const OFFSETS = new Set(['none', 'open-close', 'today-yesterday']);

export function loadInstruments(file: string = DEFAULT_INSTRUMENTS_FILE): InstrumentSpec[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read instruments file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`instruments file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseInstruments(json, file);
}

/** Accepts `{ "instruments": [...] }` or a bare list. */
export function parseInstruments(json: unknown, source: string): InstrumentSpec[] {
  const list = Array.isArray(json) ? json : isObject(json) ? json['instruments'] : undefined;
  if (!Array.isArray(list)) throw new Error(`${source}: expected a list of instruments under "instruments"`);
  if (list.length === 0) throw new Error(`${source}: lists no instruments`);
  const seen = new Set<string>();
  return list.map((raw: unknown, i: number) => {
    const where = `${source}: instrument ${i + 1}`;
    if (!isObject(raw)) throw new Error(`${where} must be an object`);
    const str = (key: string, optional = false): string | undefined => {
      const v = raw[key];
      if (v === undefined && optional) return undefined;
      if (typeof v !== 'string' || v === '') throw new Error(`${where}: "${key}" must be a non-empty string`);
      return v;
    };
    const num = (key: string, optional = false, min = 0, exclusive = true): number | undefined => {
      const v = raw[key];
      if (v === undefined && optional) return undefined;
      if (typeof v !== 'number' || !Number.isFinite(v) || (exclusive ? v <= min : v < min)) {
        throw new Error(`${where}: "${key}" must be a number ${exclusive ? '>' : '>='} ${min}`);
      }
      return v;
    };
    const symbol = str('symbol')!;
    if (seen.has(symbol)) throw new Error(`${where}: symbol ${symbol} is listed twice`);
    seen.add(symbol);
    const exchange = str('exchange')!;
    if (!isExchange(exchange)) throw new Error(`${where}: unknown exchange "${exchange}"`);
    const product = str('product')!;
    if (!PRODUCTS.has(product)) throw new Error(`${where}: unknown product "${product}"`);
    const offsets = str('offsets', true);
    if (offsets !== undefined && !OFFSETS.has(offsets)) {
      throw new Error(`${where}: "offsets" must be one of ${[...OFFSETS].join(', ')}`);
    }
    const spec: InstrumentSpec = {
      symbol,
      exchange,
      name: str('name')!,
      product: product as Product,
      size: num('size')!,
      pricetick: num('pricetick')!,
      lotSize: num('lotSize')!,
      minVolume: num('minVolume')!,
      initialPrice: num('initialPrice')!,
      volatility: num('volatility', false, 0, false)!,
      currency: str('currency')!,
    };
    const marginRate = num('marginRate', true, 0, false);
    if (marginRate !== undefined) spec.marginRate = marginRate;
    const commissionRate = num('commissionRate', true, 0, false);
    if (commissionRate !== undefined) spec.commissionRate = commissionRate;
    const limitPct = num('limitPct', true);
    if (limitPct !== undefined) spec.limitPct = limitPct;
    if (offsets !== undefined) spec.offsets = offsets as InstrumentSpec['offsets'] & string;
    const baseAsset = str('baseAsset', true);
    if (baseAsset !== undefined) spec.baseAsset = baseAsset;
    return spec;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
