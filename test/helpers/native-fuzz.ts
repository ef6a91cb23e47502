// What the seeded fuzz tests of the native gateways share: broken vendor records (structs decoded from
// random bytes, as a damaged or mismatched library would deliver them) driven through the connected
// gateway's own event routing (its NativeHost's dispatch), and the watch for what must never come of them —
// a handler that threw (logged by the host as "error handling <SDK> <callback>") or a number that is not
// finite in a pushed object.
import type { MainEngine } from '../../src/core/engine.js';
import type { AnyEvent } from '../../src/core/event.js';
import type { BaseGateway } from '../../src/core/gateway.js';
import type { NativeRecord } from '../../bindings/native/structs.js';
import type { FuzzRng } from './fuzz.js';

/** Starts collecting the damage a fuzz run must not do; the returned list fills as events pass. */
export function watchDamage(me: MainEngine, sdk: string): string[] {
  const bad: string[] = [];
  const threw = `error handling ${sdk} `;
  me.eventEngine.registerGeneral((e: AnyEvent) => {
    if (e.type === 'log' && e.data.msg.includes(threw)) bad.push(e.data.msg);
    if (e.type === 'log' || e.type === 'gateway') return;
    for (const [k, v] of Object.entries(e.data as object))
      if (typeof v === 'number' && !Number.isFinite(v)) bad.push(`${e.type}.${k}=${v}`);
  });
  return bad;
}

/** The connected native gateway's event routing (gateways/common/native-host.ts), which the fuzz drives. */
export function nativeHostOf<E>(gateway: BaseGateway): { dispatch(events: E[]): void } {
  const host = (gateway as unknown as { host?: { dispatch?: (events: E[]) => void } }).host;
  const dispatch = host?.dispatch;
  if (!host || typeof dispatch !== 'function')
    throw new Error(`${gateway.gatewayName} is not a native gateway (no host with a dispatch)`);
  return { dispatch: (events) => dispatch.call(host, events) };
}

/** A struct decoder, as the bindings' struct sets have them. */
export interface RecordReader {
  size: number;
  read(b: Buffer): NativeRecord;
}

/**
 * A record decoded from random bytes; with probability `p` the fields of `valid` are laid over it (a known
 * symbol, exchange or order id) so that the record passes the first checks and reaches the deeper ones.
 */
export function randomRecord(rng: FuzzRng, reader: RecordReader, valid: NativeRecord, p = 0.7): NativeRecord {
  const r = reader.read(rng.bytes(reader.size));
  if (!rng.bool(p)) return r;
  for (const [k, v] of Object.entries(valid)) if (k in r && rng.bool(0.8)) r[k] = v;
  return r;
}
