// The two sides of the simulated TWS as each sees the other: a session (one API client) asks its host (the
// server over the matching engine) for accounts, contracts and orders; the host writes back through the
// session's port. Kept apart from both so that server.ts and session.ts each depend only on this file.
import type { SimExchange, SimFill, SimOrder, SimPosition } from '../../../src/sim/types.js';
import type { Field } from '../codec.js';
import type { CommissionMsg, ExecutionMsg } from '../incoming.js';
import type { IbOrder } from '../outgoing.js';
import type { IbContract } from '../protocol.js';
import type { IbSimInstrument } from './instruments.js';

/** What the simulator remembers of each API order beyond what the matching engine keeps. */
export interface OrderMeta {
  clientId: number;
  orderId: number;
  orderType: string;
  lmtPrice: number | undefined;
  auxPrice: number | undefined;
  tif: string;
  orderRef: string;
  conId: number;
}

/** What the host needs of a connected API client. */
export interface SessionPort {
  readonly clientId: number;
  /** The server version negotiated with this client: every message to it is laid out for it. */
  readonly serverVersion: number;
  readonly ready: boolean;
  readonly accountUpdates: boolean;
  send(fields: readonly Field[]): void;
  error(reqId: number, code: number, text: string): void;
}

/** What a session needs of the simulated TWS behind it (S: the host's own session type). */
export interface TwsHost<S extends SessionPort = SessionPort> {
  readonly exchange: SimExchange;
  readonly account: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  count(kind: string): void;
  claim(clientId: number, session: S): boolean;
  release(session: S): void;
  nextValidId(): number;
  bySymbol(symbol: string): IbSimInstrument | undefined;
  instrumentFor(c: IbContract): IbSimInstrument | undefined;
  findInstruments(c: IbContract): IbSimInstrument[];
  metaOf(o: SimOrder): OrderMeta | undefined;
  metaOfClientId(clientOrderId: string): OrderMeta | undefined;
  placeOrder(session: SessionPort, orderId: number, contract: IbContract, order: IbOrder): void;
  cancelOrder(session: SessionPort, orderId: number): void;
  openOrderMessage(serverVersion: number, o: SimOrder, meta: OrderMeta): Field[];
  orderStatusMessage(serverVersion: number, o: SimOrder, meta: OrderMeta): Field[];
  executionMessage(reqId: number, f: SimFill, meta: OrderMeta): ExecutionMsg;
  commissionMessage(f: SimFill): CommissionMsg;
  sendAccount(session: SessionPort): void;
  sendPortfolio(session: SessionPort, p: SimPosition): void;
}
