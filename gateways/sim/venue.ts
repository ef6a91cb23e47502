// The SIM gateway's "network": a venue (one simulated exchange) and the links gateways hold to it. A link
// can be dropped like a socket — while it is down, pushes are lost and requests fail — and the venue can be
// made unreachable until restored, so the gateway's reconnect and reconciliation are exercised for real.
// Tests and scripts register a venue under a name and point the gateway at it with the `venue` setting.
import type { SimExchange, SimExchangeEvents } from '../../src/sim/types.js';

export class LinkDownError extends Error {
  constructor() {
    super('the link to the simulated exchange is down');
    this.name = 'LinkDownError';
  }
}

/** What a link delivers to its owner. */
export interface LinkHandlers extends Partial<SimExchangeEvents> {
  /** The link dropped (not called for close()). */
  down(): void;
}

export class SimLink {
  private up = true;
  private readonly bound: Array<[keyof SimExchangeEvents, (...args: never[]) => void]> = [];

  constructor(
    private readonly venue: SimVenue,
    handlers: LinkHandlers,
  ) {
    this.onDown = handlers.down;
    for (const key of ['order', 'fill', 'account', 'position', 'book', 'trade', 'stats'] as const) {
      const handler = handlers[key] as ((...args: unknown[]) => void) | undefined;
      if (!handler) continue;
      // Pushes are lost while the link is down, as on a dropped socket.
      const forward = (...args: unknown[]): void => {
        if (this.up) handler(...args);
      };
      venue.exchange.on(key, forward as SimExchangeEvents[typeof key]);
      this.bound.push([key, forward]);
    }
  }

  private readonly onDown: () => void;

  get isUp(): boolean {
    return this.up;
  }

  /** Runs a request over the link; throws LinkDownError while it is down. */
  call<R>(fn: (exchange: SimExchange) => R): R {
    if (!this.up) throw new LinkDownError();
    return fn(this.venue.exchange);
  }

  /** Re-establishes a dropped link; throws LinkDownError while the venue is unreachable. */
  reconnect(): void {
    if (!this.venue.reachable) throw new LinkDownError();
    this.up = true;
  }

  /** Drops the link as a network failure would; the owner hears of it through `down`. */
  drop(): void {
    if (!this.up) return;
    this.up = false;
    this.onDown();
  }

  /** The owner is done with the link: stops delivering anything. */
  close(): void {
    this.up = false;
    for (const [key, forward] of this.bound) {
      this.venue.exchange.off(key, forward as SimExchangeEvents[typeof key]);
    }
    this.bound.length = 0;
    this.venue.forget(this);
  }
}

export class SimVenue {
  reachable = true;
  private readonly links = new Set<SimLink>();

  constructor(readonly exchange: SimExchange) {}

  link(handlers: LinkHandlers): SimLink {
    if (!this.reachable) throw new LinkDownError();
    const link = new SimLink(this, handlers);
    this.links.add(link);
    return link;
  }

  /** Drops every link and keeps the venue unreachable until restore(). */
  drop(): void {
    this.reachable = false;
    for (const link of [...this.links]) link.drop();
  }

  restore(): void {
    this.reachable = true;
  }

  forget(link: SimLink): void {
    this.links.delete(link);
  }
}

const registry = new Map<string, SimVenue>();

/** Makes a venue reachable by name (the SIM gateway's `venue` setting). */
export function registerVenue(name: string, venue: SimVenue): void {
  registry.set(name, venue);
}

export function unregisterVenue(name: string): void {
  registry.delete(name);
}

export function findVenue(name: string): SimVenue | undefined {
  return registry.get(name);
}
