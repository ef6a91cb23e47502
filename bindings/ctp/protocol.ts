// What the gateway asks of the CTP session in the native host (the operations of bindings/ctp/hosted.ts)
// and the SPI events it gets back. Plain data: it crosses the host's IPC channel by structured clone.
import type { FtdcEvent, FtdcRspInfo } from '../native/ftdc.js';
import type { CtpFamilyName } from './family.js';
import type { CtpRecord, StructName } from './structs.js';
import type { MdCallback, MdMethod, TraderCallback, TraderMethod } from './versions.js';

export type ApiKind = 'td' | 'md';

export interface OpenRequest {
  /** Which SDK's tables apply (default CTP). */
  family?: CtpFamilyName;
  traderLibrary: string;
  mdLibrary: string;
  flowDir: string;
  tdFront: string;
  mdFront: string;
}

export interface OpenResult {
  version: string;
  versionText: string;
  mdVersion: string;
  mdVersionText: string;
}

export interface ReqCall {
  api: ApiKind;
  method: TraderMethod | MdMethod;
  struct: StructName;
  fields: CtpRecord;
  requestId: number;
}

/** The operations of the hosted CTP session. */
export type CtpOps = {
  open: { arg: OpenRequest; result: OpenResult };
  req: { arg: ReqCall; result: number };
  subscribe: { arg: string[]; result: number };
  release: { arg: null; result: null };
};

export type RspInfo = FtdcRspInfo;

/** One SPI callback (bindings/native/ftdc.ts). */
export type SpiEvent = FtdcEvent<ApiKind, TraderCallback | MdCallback>;
