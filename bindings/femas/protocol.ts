// What the gateway asks of the FEMAS session in the native host (the operations of hosted.ts) and the SPI
// events it gets back. Plain data: it crosses the host's IPC channel by structured clone.
import type { FtdcEvent, FtdcRspInfo } from '../native/ftdc.js';
import type { FtdcOpenRequest, FtdcOpenResult, FtdcOps } from '../native/ftdc-hosted.js';
import type { FemasStructName } from './structs.js';
import type { FemasMdCallback, FemasMdMethod, FemasTraderCallback, FemasTraderMethod } from './versions.js';

export type FemasApiKind = 'td' | 'md';

export type FemasOpenRequest = FtdcOpenRequest;
export type FemasOpenResult = FtdcOpenResult;

/** The operations of the hosted FEMAS session (bindings/native/ftdc-hosted.ts). */
export type FemasOps = FtdcOps<FemasOpenRequest, FemasTraderMethod | FemasMdMethod, FemasStructName>;

export type FemasRspInfo = FtdcRspInfo;
export type FemasEvent = FtdcEvent<FemasApiKind, FemasTraderCallback | FemasMdCallback>;
