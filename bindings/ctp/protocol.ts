// What the gateway asks of the CTP session in the native host (the operations of bindings/ctp/hosted.ts)
// and the SPI events it gets back. Plain data: it crosses the host's IPC channel by structured clone.
import type { FtdcEvent, FtdcRspInfo } from '../native/ftdc.js';
import type { FtdcOpenRequest, FtdcOpenResult, FtdcOps } from '../native/ftdc-hosted.js';
import type { CtpFamilyName } from './family.js';
import type { StructName } from './structs.js';
import type { MdCallback, MdMethod, TraderCallback, TraderMethod } from './versions.js';

export type ApiKind = 'td' | 'md';

export interface OpenRequest extends FtdcOpenRequest {
  /** Which SDK's tables apply (default CTP). */
  family?: CtpFamilyName;
}

export type OpenResult = FtdcOpenResult;

/** The operations of the hosted CTP session (bindings/native/ftdc-hosted.ts). */
export type CtpOps = FtdcOps<OpenRequest, TraderMethod | MdMethod, StructName>;

export type RspInfo = FtdcRspInfo;

/** One SPI callback (bindings/native/ftdc.ts). */
export type SpiEvent = FtdcEvent<ApiKind, TraderCallback | MdCallback>;
