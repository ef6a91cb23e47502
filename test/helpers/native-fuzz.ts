// What the seeded fuzz tests of the native gateways share: broken vendor records (structs decoded from
// random bytes, as a damaged or mismatched library would deliver them) driven through the connected
// gateway's own event routing (its NativeHost's dispatch), and the watch for what must never come of them —
// a handler that threw (logged by the host as "error handling <SDK> <callback>") or a number that is not
// finite in a pushed object.
import * as assert from 'uvu/assert';
import { GatewayStatus, Status } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import type { AnyEvent } from '../../src/core/event.js';
import type { BaseGateway, GatewayClass } from '../../src/core/gateway.js';
import type { NativeRecord } from '../../bindings/native/structs.js';
import type { OrderRequest, SubscribeRequest, TradeData } from '../../src/core/object.js';
import type { FuzzRng } from './fuzz.js';
import type { NativeSim } from './sim-levers.js';
import { until } from './wait.js';

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

/**
 * Dispatches `n` events made by `make` through `host` in batches of 20, with a turn of the event loop between
 * batches so that the real pushes of the simulated library land in between.
 */
export async function fuzzInterleaved<E>(
  host: { dispatch(events: E[]): void },
  n: number,
  make: () => E,
): Promise<void> {
  for (let i = 0; i < n; i += 20) {
    host.dispatch(Array.from({ length: Math.min(20, n - i) }, make));
    await new Promise((r) => setImmediate(r));
  }
}

export interface RealFillsFuzz<E> {
  /** The started simulated library and the gateway class connected to it. */
  sim: NativeSim;
  gatewayClass: GatewayClass;
  /** A contract to subscribe, so that quote records of it reach the tick parsing. */
  subscribe: SubscribeRequest;
  /** How the host names the SDK in "error handling <SDK> ..." lines. */
  sdk: string;
  /** One broken event (seeded). */
  broken(): E;
  /** An order of volume 3 that rests, and one that fills at once. */
  resting: OrderRequest;
  crossing: OrderRequest;
  /** Has the simulated counter fill `volume` of the resting order. */
  fill(volume: number): Promise<void>;
}

/**
 * The fuzz run every native gateway's fuzz test makes: the gateway connected to the simulated library, 3000
 * broken events through its dispatch while a real order rests and is filled in two parts (1, then 2) by the
 * simulated counter. Asserts that no handler threw and no non-finite number was pushed, that the gateway is
 * still CONNECTED, that both real fills arrived once each, and that a new order still fills. Closes the
 * engine and stops the simulator at the end.
 */
export async function fuzzAroundRealFills<E>(o: RealFillsFuzz<E>): Promise<void> {
  const me = new MainEngine({ log: false });
  const gatewayName = o.gatewayClass.defaultName;
  me.addGateway(o.gatewayClass, gatewayName);
  try {
    await me.connect(o.sim.setting(), gatewayName);
    me.subscribe(o.subscribe, gatewayName);
    await fuzzConnected(me, gatewayName, o);
  } finally {
    await me.close();
    await o.sim.stop();
  }
}

async function fuzzConnected<E>(me: MainEngine, gatewayName: string, o: RealFillsFuzz<E>): Promise<void> {
  const bad = watchDamage(me, o.sdk);
  const trades: TradeData[] = [];
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  const resting = me.sendOrder(o.resting, gatewayName);
  await until(() => me.getOrder(resting)?.status === Status.NOTTRADED, 'the real order rests');
  const host = nativeHostOf<E>(me.getGateway(gatewayName));
  const fuzz = (n: number) => fuzzInterleaved(host, n, () => o.broken());
  const own = () => trades.filter((t) => t.vtOrderid === resting);

  await Promise.all([o.fill(1), fuzz(1000)]);
  await until(() => own().length === 1, 'the first fill');
  await Promise.all([o.fill(2), fuzz(1000)]);
  await until(() => me.getOrder(resting)?.status === Status.ALLTRADED, 'the real order filled');
  await until(() => own().length === 2, 'the second fill');
  await fuzz(1000);
  me.eventEngine.drain();

  assert.equal(bad.slice(0, 5), [], 'no handler threw; no NaN or infinity in a pushed object');
  assert.is(me.getGateway(gatewayName).status, GatewayStatus.CONNECTED);
  assert.equal(
    own().map((t) => t.volume),
    [1, 2],
    'each real fill pushed once',
  );
  assert.is(me.getOrder(resting)!.traded, 3);
  const after = me.sendOrder(o.crossing, gatewayName);
  try {
    await until(() => me.getOrder(after)?.status === Status.ALLTRADED, 'a new order still fills');
  } catch (error) {
    const a = me.getOrder(after);
    throw new Error(`${(error as Error).message} (it is ${a?.status} ${a?.statusMsg ?? ''})`);
  }
}
