// Fat-finger limits for orders a person types: a size or notional above the contract's limit needs a
// confirmation that says so (the palette, which otherwise sends at once, asks too), and a price beyond today's
// limit-up/limit-down is refused before it leaves, since the exchange would only reject it.
// Limits come from order_limits.json in the trader dir:
//   { "default": { "maxVolume": 50, "maxNotional": 2000000 },
//     "contracts": { "rb2501.SHFE": { "maxVolume": 20, "volume": 2 } } }
// "volume" is the ticket's preset for that contract. Without a file (or a limit for a contract) an order
// above 100 times the contract's minimum volume still needs a confirmation.
import fs from 'node:fs';
import { errorMessage } from '../core/errors.js';
import type { ContractData, OrderRequest, TickData } from '../core/object.js';
import { makeVtSymbol } from '../core/object.js';
import { tradingLot } from '../core/validate.js';
import type { TraderDir } from '../core/settings.js';

export const ORDER_LIMITS_FILE = 'order_limits.json';
/** Without a configured maxVolume: confirm above this many times the contract's minimum volume. */
export const DEFAULT_LOTS = 100;

export interface ContractLimit {
  maxVolume?: number;
  maxNotional?: number;
  /** The volume the ticket starts with for this contract. */
  volume?: number;
}

export interface OrderLimits {
  default: ContractLimit;
  /** Keyed by vtSymbol. */
  contracts: ReadonlyMap<string, ContractLimit>;
}

export const NO_LIMITS: OrderLimits = { default: {}, contracts: new Map() };

/** Checks a parsed order_limits.json; throws with the faulty key named. */
export function parseOrderLimits(value: unknown): OrderLimits {
  if (!isObject(value)) throw new Error('expected an object with "default" and "contracts"');
  const limit = (v: unknown, where: string): ContractLimit => {
    if (!isObject(v)) throw new Error(`${where} must be an object`);
    const out: ContractLimit = {};
    for (const [k, x] of Object.entries(v)) {
      if (k !== 'maxVolume' && k !== 'maxNotional' && k !== 'volume')
        throw new Error(`${where}: unknown key "${k}" (maxVolume, maxNotional, volume)`);
      if (typeof x !== 'number' || !(x > 0) || !Number.isFinite(x))
        throw new Error(`${where}.${k} must be a positive number, got ${JSON.stringify(x)}`);
      out[k] = x;
    }
    return out;
  };
  for (const k of Object.keys(value)) {
    if (k !== 'default' && k !== 'contracts') throw new Error(`unknown key "${k}" (default, contracts)`);
  }
  const contracts = new Map<string, ContractLimit>();
  if (value['contracts'] !== undefined) {
    if (!isObject(value['contracts'])) throw new Error('"contracts" must be an object keyed by vtSymbol');
    for (const [vt, v] of Object.entries(value['contracts'])) contracts.set(vt, limit(v, `contracts.${vt}`));
  }
  return { default: value['default'] === undefined ? {} : limit(value['default'], 'default'), contracts };
}

/** The trader dir's limits; a missing file is no limits, a broken one is reported and ignored. */
export function loadOrderLimits(traderDir: TraderDir | undefined): { limits: OrderLimits; error?: string } {
  if (!traderDir) return { limits: NO_LIMITS };
  const file = traderDir.file(ORDER_LIMITS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { limits: NO_LIMITS };
  }
  try {
    return { limits: parseOrderLimits(JSON.parse(text)) };
  } catch (error) {
    return { limits: NO_LIMITS, error: `ignoring ${ORDER_LIMITS_FILE}: ${errorMessage(error)}` };
  }
}

export function limitFor(limits: OrderLimits, vtSymbol: string): ContractLimit {
  return { ...limits.default, ...(limits.contracts.get(vtSymbol) ?? {}) };
}

/** The reason to refuse a price beyond today's limit-up/limit-down, where the tick carries them. */
export function bandRefusal(req: OrderRequest, tick: TickData | undefined): string | undefined {
  if (!tick || !(req.price > 0)) return undefined;
  const vt = makeVtSymbol(req.symbol, req.exchange);
  if (tick.limitUp > 0 && req.price > tick.limitUp)
    return `price ${req.price} is above ${vt}'s limit-up ${tick.limitUp}`;
  if (tick.limitDown > 0 && req.price < tick.limitDown)
    return `price ${req.price} is below ${vt}'s limit-down ${tick.limitDown}`;
  return undefined;
}

/** What a confirmation must point out: a size or notional above the contract's limit. */
export function limitWarnings(
  req: OrderRequest,
  contract: ContractData | undefined,
  tick: TickData | undefined,
  limits: OrderLimits,
): string[] {
  const vt = makeVtSymbol(req.symbol, req.exchange);
  const limit = limitFor(limits, vt);
  const out: string[] = [];
  const maxVolume = limit.maxVolume ?? (contract ? DEFAULT_LOTS * tradingLot(contract) : undefined);
  if (maxVolume !== undefined && req.volume > maxVolume)
    out.push(`volume ${req.volume} is above the limit of ${maxVolume} for ${vt}`);
  const price = req.price > 0 ? req.price : (tick?.lastPrice ?? 0);
  if (limit.maxNotional !== undefined && contract && price > 0) {
    const notional = price * req.volume * contract.size;
    if (notional > limit.maxNotional)
      out.push(
        `notional ${formatAmount(notional)} is above the limit of ${formatAmount(limit.maxNotional)} for ${vt}`,
      );
  }
  return out;
}

function formatAmount(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
