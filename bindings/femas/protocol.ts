// What the gateway asks of the FEMAS session in the native host (the operations of hosted.ts) and the SPI
// events it gets back. Plain data: it crosses the host's IPC channel by structured clone.
import type { FtdcEvent, FtdcRspInfo } from '../native/ftdc.js';
import type { FemasRecord, FemasStructName } from './structs.js';
import type { FemasMdCallback, FemasMdMethod, FemasTraderCallback, FemasTraderMethod } from './versions.js';

export type FemasApiKind = 'td' | 'md';

export interface FemasOpenRequest {
  traderLibrary: string;
  mdLibrary: string;
  flowDir: string;
  tdFront: string;
  mdFront: string;
}

export interface FemasOpenResult {
  version: string;
  versionText: string;
  mdVersion: string;
  mdVersionText: string;
}

export interface FemasReqCall {
  api: FemasApiKind;
  method: FemasTraderMethod | FemasMdMethod;
  struct: FemasStructName;
  fields: FemasRecord;
  requestId: number;
}

/** The operations of the hosted FEMAS session. */
export type FemasOps = {
  open: { arg: FemasOpenRequest; result: FemasOpenResult };
  req: { arg: FemasReqCall; result: number };
  subscribe: { arg: string[]; result: number };
  release: { arg: null; result: null };
};

export type FemasRspInfo = FtdcRspInfo;
export type FemasEvent = FtdcEvent<FemasApiKind, FemasTraderCallback | FemasMdCallback>;
