// What the gateway asks of the OES session in the native host (the operations of bindings/oes/hosted.ts)
// and the report events it gets back. Plain data: it crosses the host's IPC channel by structured clone.
import type { OesRecord } from './structs.js';

export interface OpenRequest {
  library: string;
  /** The SDK config file the gateway wrote (0600) into the trader dir: servers, username, password. */
  configFile: string;
  /** Where the report channel starts (OesApi_InitAll's lastRptSeqNum): 0 from the start, < 0 only new. */
  lastRptSeqNum?: bigint;
}

export interface OpenResult {
  versionText: string;
  /** The last client sequence number the counter knows for this client: the next clSeqNo is above it. */
  lastClSeqNo: number;
}

export type QueryKind = 'stock' | 'cash' | 'holding' | 'order' | 'trade';

/** One report from the report channel: its message id, OES's reject reason and the decoded body. */
export interface ReportEvent {
  kind?: 'report';
  msgId: number;
  rptSeqNum: bigint;
  ordRejReason: number;
  /** OesApi_GetErrorMsg(ordRejReason), read in the host when the reason is not 0. */
  rejText?: string;
  body: OesRecord;
}

/**
 * One market-data message of the MDS TCP channel decoded: a Level-1 snapshot (msgId 0x0A, MdsL1SnapshotT), a
 * Level-2 one (0x14, the head and MdsL2StockSnapshotBodyT) or a Level-2 tick-by-tick trade (0x16,
 * MdsL2TradeT).
 */
export interface SnapshotEvent {
  kind: 'snapshot';
  msgId: number;
  body: OesRecord;
}

export type OesEvent = ReportEvent | SnapshotEvent;

export interface ReloginRequest {
  configFile: string;
  /** The last rptSeqNum the gateway received: the report channel resumes after it (0: from the start). */
  lastRptSeqNum: bigint;
}

export interface SubscribeArg {
  /** Codes with their .SH / .SZ suffix, comma-separated. */
  codes: string;
  mode: 'append' | 'delete';
  /** Level-2 snapshots (ten levels) and tick-by-tick trades instead of Level-1 snapshots. */
  level2?: boolean;
}

export type OesOps = {
  open: { arg: OpenRequest; result: OpenResult };
  query: { arg: QueryKind; result: OesRecord[] };
  order: { arg: OesRecord; result: number };
  cancel: { arg: OesRecord; result: number };
  /** One OesApi_WaitReportMsg; the reports it delivered arrive as events; resolves with its return code. */
  poll: { arg: number; result: number };
  logout: { arg: null; result: null };
  /** The trade side again after its link dropped: OesApi_LogoutAll, then OesApi_InitAll resuming reports. */
  relogin: { arg: ReloginRequest; result: OpenResult };
  /** MdsApi_InitAll (the first time and after the market-data link dropped; logs out any old session). */
  openMd: { arg: string; result: null };
  /** MdsApi_SubscribeByString; resolves with its BOOL (1 = sent). */
  subscribe: { arg: SubscribeArg; result: number };
  /** One bounded MdsApi_WaitOnMsg; snapshots arrive as events; resolves with its return code. */
  pollMd: { arg: number; result: number };
};
