// What a gateway's test supplies to the shared conformance suite (suite.ts): how to start its simulator, how
// to connect, and the few venue-side levers the scenarios need. One suite, every gateway (like hono's
// router tests).
import type { Direction, Exchange, Offset } from '../../src/core/constant.js';
import type { GatewayClass } from '../../src/core/gateway.js';
import type { GatewaySetting } from '../../src/core/setting-schema.js';

export interface ConformanceInstrument {
  symbol: string;
  exchange: Exchange;
  /** Offset for opening orders (OPEN on futures venues, NONE elsewhere). */
  openOffset: Offset;
  /** A price at which a BUY limit order rests without filling, on the price tick and inside any band. */
  restingBuyPrice: number;
  /** A volume of at least 2 lots (the lifecycle scenario fills it in two parts). */
  volume: number;
  /** A price that is not a multiple of the tick. */
  offTickPrice: number;
}

export interface ConformanceTarget {
  gatewayClass: GatewayClass;
  /** Name under which the gateway is added (defaults to gatewayClass.defaultName). */
  gatewayName?: string;
  instrument: ConformanceInstrument;

  /** Starts the venue simulator (fresh state, synthetic market frozen) and returns the connect setting. */
  start(): Promise<GatewaySetting>;
  /** Stops the simulator and releases everything it holds. */
  stop(): Promise<void>;

  /** A participant on the venue side trades `volume` against resting orders at `price` (selling into bids). */
  fill(direction: Direction, price: number, volume: number): Promise<void>;
  /** The venue rejects the next order with a reason; returns text the rejection's statusMsg must contain. */
  rejectNext(): Promise<string>;
  /** Drops every connection of the gateway, as a network failure would; the venue keeps running. */
  drop(): Promise<void>;
  /**
   * Optional: while the link is down, the venue fills `volume` of a resting order so that the gateway must
   * reconcile it after reconnecting. Called between drop() and the reconnect.
   */
  fillWhileDown?(direction: Direction, price: number, volume: number): Promise<void>;
  /** Makes the venue reachable again after drop() if drop() left it unreachable; a no-op otherwise. */
  restore(): Promise<void>;
}
