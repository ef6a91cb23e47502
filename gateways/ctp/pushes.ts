// What the trading and market data clients may do to their gateway (push objects, log, report a failed
// login step, say that a link changed state), and what the gateway needs of a session and its clients: the
// CTP family's (CTP, MINI) and FEMAS's are driven by one gateway class (index.ts).
import type { LogLevel } from '../../src/core/constant.js';
import type {
  AccountData,
  ContractData,
  OrderData,
  PositionData,
  TickData,
  TradeData,
} from '../../src/core/object.js';
import type { RspInfo } from '../../bindings/ctp/protocol.js';
import type { FtdcEvent } from '../../bindings/native/ftdc.js';
import type { HostExit } from '../../bindings/native/host/host.js';
import type { SessionCallbacks, SessionLimits } from '../../bindings/native/host/session.js';
import type { CancelRequest, OrderRequest } from '../../src/core/object.js';

export interface GatewayPushes {
  readonly gatewayName: string;
  tick(t: TickData): void;
  order(o: OrderData): void;
  trade(t: TradeData): void;
  position(p: PositionData): void;
  account(a: AccountData): void;
  contract(c: ContractData): void;
  log(msg: string, level?: LogLevel): void;
  /** A login step failed with a CTP error (rejects connect() on the first attempt). */
  failed(step: string, info: RspInfo): void;
  linkChanged(): void;
}

/** The trading side of a session. */
export interface NativeTd {
  readonly loggedIn: boolean;
  readonly synced: boolean;
  readonly contracts: Map<string, ContractData>;
  handle(e: FtdcEvent): void;
  sendOrder(req: OrderRequest): string;
  cancelOrder(req: CancelRequest): void;
  queryAccount(): void;
  queryPosition(): void;
  /** A contract the person uses: its margin and fee rates are queried where the SDK can (CTP, MINI, FEMAS). */
  wantRates?(symbol: string): void;
  close(): void;
}

/** The market data side of a session. */
export interface NativeMd {
  readonly loggedIn: boolean;
  handle(e: FtdcEvent): void;
  subscribe(symbol: string): void;
  close(): void;
}

export interface LinkCredentials {
  userid: string;
  password: string;
  brokerid: string;
  appid: string;
  authCode: string;
}

/** What the gateway gives the SDK-specific part when it connects. */
export interface LinkOptions {
  credentials: LinkCredentials;
  queryIntervalMs: number;
  callbacks: SessionCallbacks<FtdcEvent>;
  limits: SessionLimits;
  pushes: GatewayPushes;
  traderLibrary: string;
  mdLibrary: string;
  flowDir: string;
  tdFront: string;
  mdFront: string;
}

/** A session (host not yet started), its two clients, and `open`, which resolves with a line for the log. */
export interface NativeLink {
  session: {
    readonly pid: number | undefined;
    close(): Promise<(HostExit & { released: boolean }) | undefined>;
  };
  td: NativeTd;
  md: NativeMd;
  open(): Promise<string>;
}
