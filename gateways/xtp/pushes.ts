// What the trading and quote clients may do to their gateway: push objects, log and say that a link changed.
import type { LogLevel } from '../../src/core/constant.js';
import type {
  AccountData,
  ContractData,
  OrderData,
  PositionData,
  TickData,
  TradeData,
} from '../../src/core/object.js';

export interface GatewayPushes {
  readonly gatewayName: string;
  tick(t: TickData): void;
  order(o: OrderData): void;
  trade(t: TradeData): void;
  position(p: PositionData): void;
  account(a: AccountData): void;
  contract(c: ContractData): void;
  log(msg: string, level?: LogLevel): void;
  linkChanged(): void;
}
