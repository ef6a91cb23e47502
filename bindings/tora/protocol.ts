// What the gateway asks of the TORA session in the native host (the operations of bindings/tora/hosted.ts)
// and the SPI events it gets back. Plain data: it crosses the host's IPC channel by structured clone.
import type { MdStructName, ToraRecord, TraderStructName } from './structs.js';
import type { MdCallback, TraderCallback, TraderMethod } from './versions.js';

export type ApiKind = 'td' | 'md';

export interface OpenRequest {
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

export interface TraderReq {
  method: Exclude<
    TraderMethod,
    'Release' | 'Init' | 'RegisterFront' | 'RegisterSpi' | 'SubscribePrivateTopic' | 'SubscribePublicTopic'
  >;
  struct: TraderStructName;
  fields: ToraRecord;
  requestId: number;
}

export interface MdLoginReq {
  fields: ToraRecord;
  requestId: number;
}

export interface SubscribeReq {
  symbols: string[];
  /** TORA's one-character exchange id ('1' SSE, '2' SZSE). */
  exchange: string;
}

/** The operations of the hosted TORA session. */
export type ToraOps = {
  open: { arg: OpenRequest; result: OpenResult };
  req: { arg: TraderReq; result: number };
  mdLogin: { arg: MdLoginReq; result: number };
  subscribe: { arg: SubscribeReq; result: number };
  release: { arg: null; result: null };
};

export interface RspInfo {
  ErrorID: number;
  ErrorMsg: string;
}

export type StructOf<A extends ApiKind> = A extends 'td' ? TraderStructName : MdStructName;

export interface SpiEvent {
  api: ApiKind;
  name: TraderCallback | MdCallback;
  data: ToraRecord | null;
  info: RspInfo | null;
  requestId: number;
  isLast: boolean;
  /** OnFrontDisconnected's reason code. */
  reason: number;
}
