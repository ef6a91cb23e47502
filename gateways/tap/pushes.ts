// What the trade and quote sides of a TAP session may do to their gateway: push objects, log, report a
// failed login step and say that a link changed state.
import type { LogLevel } from '../../src/core/constant.js';
import type {
  AccountData,
  ContractData,
  OrderData,
  PositionData,
  TickData,
  TradeData,
} from '../../src/core/object.js';

export interface TapPushes {
  readonly gatewayName: string;
  tick(t: TickData): void;
  order(o: OrderData): void;
  trade(t: TradeData): void;
  position(p: PositionData): void;
  account(a: AccountData): void;
  contract(c: ContractData): void;
  log(msg: string, level?: LogLevel): void;
  /** A login step failed with a TAP error code (rejects connect() on the first attempt). */
  failed(step: string, code: number): void;
  /** The sync after a login failed (rejects connect() on the first attempt; retried after a reconnect). */
  syncFailed(reason: string): void;
  /** One side's link came up, was synced, or went down. */
  linkChanged(side: 'trade' | 'quote'): void;
}
