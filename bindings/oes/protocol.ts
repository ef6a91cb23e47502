// What the gateway asks of the OES session in the native host (the operations of bindings/oes/hosted.ts)
// and the report events it gets back. Plain data: it crosses the host's IPC channel by structured clone.
import type { OesRecord } from './structs.js';

export interface OpenRequest {
  library: string;
  /** The SDK config file the gateway wrote (0600) into the trader dir: servers, username, password. */
  configFile: string;
}

export interface OpenResult {
  versionText: string;
  /** The last client sequence number the counter knows for this client: the next clSeqNo is above it. */
  lastClSeqNo: number;
}

export type QueryKind = 'stock' | 'cash' | 'holding' | 'order' | 'trade';

/** One report from the report channel: its message id, OES's reject reason and the decoded body. */
export interface ReportEvent {
  msgId: number;
  rptSeqNum: bigint;
  ordRejReason: number;
  body: OesRecord;
}

export type OesOps = {
  open: { arg: OpenRequest; result: OpenResult };
  query: { arg: QueryKind; result: OesRecord[] };
  order: { arg: OesRecord; result: number };
  cancel: { arg: OesRecord; result: number };
  /** One OesApi_WaitReportMsg; the reports it delivered arrive as events; resolves with its return code. */
  poll: { arg: number; result: number };
  logout: { arg: null; result: null };
};
