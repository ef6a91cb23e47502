// What the TAP session tests share: the open request against the simulated library, and the notify events
// a session receives with a wait for the first one (from an index) that matches — tests wait on events,
// never on time.
import type { OpenRequest, TapEvent } from '../../../bindings/tap/protocol.js';
import type { TapRecord } from '../../../bindings/tap/structs.js';
import { NEW_ORDER_FLAGS } from '../../../gateways/tap/parse.js';

export const simOpenRequest = (library: string, authCode = 'AUTH-CODE'): OpenRequest => ({
  tradeLibrary: library,
  quoteLibrary: library,
  dependencies: [],
  authCode,
  appId: 'vnt',
  tradeHost: '127.0.0.1',
  tradePort: 6060,
});

/** A trade login the library accepts (ISModifyPassword must be Y or N). */
export const loginAuth = (userNo: string, password: string): TapRecord => ({
  UserNo: userNo,
  ISModifyPassword: 'N',
  Password: password,
});

/** A TapAPINewOrder with the flags the library checks set as the gateway sets them, then the fields given. */
export const newOrder = (fields: TapRecord): TapRecord => ({ ...NEW_ORDER_FLAGS, ...fields });

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
