// What the TAP session tests share: the open request against the simulated library, and the notify events
// a session receives with a wait for the first one (from an index) that matches — tests wait on events,
// never on time.
import type { OpenRequest, TapEvent } from '../../../bindings/tap/protocol.js';

export const simOpenRequest = (library: string, authCode = 'AUTH-CODE'): OpenRequest => ({
  tradeLibrary: library,
  quoteLibrary: library,
  dependencies: [],
  authCode,
  appId: 'vnt',
  tradeHost: '127.0.0.1',
  tradePort: 6060,
});

export class EventLog {
  readonly events: TapEvent[] = [];
  private waiters: (() => void)[] = [];

  readonly onEvents = (batch: TapEvent[]): void => {
    this.events.push(...batch);
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  };

  get length(): number {
    return this.events.length;
  }

  until(pred: (e: TapEvent) => boolean, from = 0): Promise<TapEvent> {
    return new Promise((resolve) => {
      const check = () => {
        const hit = this.events.slice(from).find(pred);
        if (hit) resolve(hit);
        else this.waiters.push(check);
      };
      check();
    });
  }
}
