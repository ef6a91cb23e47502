// What the trading and market data clients may do to their gateway: push objects, log, report a failed
// login step and say that a link changed state.
import type { LogLevel } from '../../src/core/constant.js';
import type {
  AccountData,
  ContractData,
  OrderData,
  PositionData,
  TickData,
  TradeData,
} from '../../src/core/object.js';
import type { RspInfo } from '../../bindings/tora/protocol.js';

export interface GatewayPushes {
  readonly gatewayName: string;
  tick(t: TickData): void;
  order(o: OrderData): void;
  trade(t: TradeData): void;
  position(p: PositionData): void;
  account(a: AccountData): void;
  contract(c: ContractData): void;
  log(msg: string, level?: LogLevel): void;
  /** A login step failed with a TORA error (rejects connect() on the first attempt). */
  failed(step: string, info: RspInfo): void;
  linkChanged(): void;
}
