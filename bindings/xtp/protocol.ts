// What the gateway asks of the XTP session in the native host (the operations of bindings/xtp/hosted.ts) and
// the SPI events it gets back. Plain data: it crosses the host's IPC channel by structured clone. XTP's
// uint64 ids (session, order, cancel) travel as decimal strings: they exceed 2^53.
import type { XtpLogLevel } from './library.js';
import type { XtpRecord } from './structs.js';
import type { QuoteCallback, TraderCallback } from './versions.js';

export type ApiKind = 'td' | 'md';

/** XTP_EXCHANGE_TYPE: SH 1, SZ 2, NQ 3 (新三板 and the Beijing exchange, 2.2.39 and later). */
export type XtpExchange = 1 | 2 | 3;

export interface OpenRequest {
  traderLibrary: string;
  quoteLibrary: string;
  /** XTP's client id (1-99 for most brokers): part of every order's xtp id. */
  clientId: number;
  /** The SDK's log folder (save_file_path). */
  logDir: string;
  logLevel: XtpLogLevel;
  /** The software key (授权码) the broker issued. */
  softwareKey: string;
  /** Heartbeat interval in seconds, for both APIs. */
  heartbeatS: number;
}

export interface OpenResult {
  /** Whether both libraries have the Beijing market (XtpAbi.beijing). */
  beijing: boolean;
  version: string;
  versionText: string;
  quoteVersion: string;
  quoteVersionText: string;
}

/** XTPRI: error_id and error_msg. */
export interface RspInfo {
  error_id: number;
  error_msg: string;
}

export interface LoginRequest {
  ip: string;
  port: number;
  user: string;
  password: string;
  /** XTP_PROTOCOL_TYPE: 1 TCP, 2 UDP. */
  protocol: 1 | 2;
}

/** A synchronous XTP call's outcome: its return value and, when it failed, GetApiLastError. */
export interface CallResult {
  /** The return value: a session, order or cancel id (decimal) or a return code. */
  value: string;
  error: RspInfo | null;
}

export type QueryKind =
  | 'orders'
  | 'trades'
  | 'position'
  | 'asset'
  | 'options'
  /** QueryCreditFundInfo: the credit account's assets, debt and maintenance ratio. */
  | 'creditFund'
  /** QueryCreditDebtInfo: each open debt (financing or stock loan). */
  | 'creditDebt';

/** The operations of the hosted XTP session. */
export type XtpOps = {
  open: { arg: OpenRequest; result: OpenResult };
  /** TraderApi::Login: blocking in the library; run on koffi's worker pool. value = session id, "0" failed. */
  traderLogin: { arg: LoginRequest; result: CallResult };
  /** QuoteApi::Login: blocking; value = return code, "0" succeeded. */
  quoteLogin: { arg: LoginRequest; result: CallResult };
  traderLogout: { arg: string; result: CallResult };
  quoteLogout: { arg: null; result: CallResult };
  /** InsertOrder: value = order_xtp_id, "0" refused. */
  insert: { arg: { sessionId: string; fields: XtpRecord }; result: CallResult };
  /** CancelOrder: value = order_cancel_xtp_id, "0" refused. */
  cancel: { arg: { sessionId: string; xtpId: string }; result: CallResult };
  query: { arg: { kind: QueryKind; sessionId: string; requestId: number }; result: CallResult };
  /** CreditCashRepay: repays financing debt with cash; value = the repayment's xtp id, "0" refused. */
  repay: { arg: { sessionId: string; amount: number }; result: CallResult };
  /** QueryAllTickers for XTP_EXCHANGE_TYPE 1 (SH) or 2 (SZ); 3 (NQ, Beijing): QueryAllNQTickersFullInfo. */
  queryTickers: { arg: XtpExchange; result: CallResult };
  subscribe: { arg: { tickers: string[]; exchange: XtpExchange }; result: CallResult };
  release: { arg: null; result: null };
};

export interface SpiEvent {
  api: ApiKind;
  name: TraderCallback | QuoteCallback;
  data: XtpRecord | null;
  info: RspInfo | null;
  requestId: number;
  isLast: boolean;
  /** The trader session the callback names ("0" for quote callbacks). */
  sessionId: string;
  /** OnDisconnected's reason. */
  reason: number;
}
