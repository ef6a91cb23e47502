// Messages between the gateway (main thread) and the CTP session worker. Plain data: they cross
// postMessage by structured clone.
import type { CtpRecord, StructName } from './structs.js';
import type { MdCallback, MdMethod, TraderCallback, TraderMethod } from './versions.js';

export type ApiKind = 'td' | 'md';

export interface OpenRequest {
  traderLibrary: string;
  mdLibrary: string;
  flowDir: string;
  tdFront: string;
  mdFront: string;
}

export type ToWorker =
  | ({ op: 'open'; id: number } & OpenRequest)
  | {
      op: 'req';
      id: number;
      api: ApiKind;
      method: TraderMethod | MdMethod;
      struct: StructName;
      fields: CtpRecord;
      requestId: number;
    }
  | { op: 'subscribe'; id: number; symbols: string[] }
  | { op: 'close'; id: number }
  /** The main thread has handled one events message (flow control: the worker keeps few in flight). */
  | { op: 'ack'; id: 0 };

export interface RspInfo {
  ErrorID: number;
  ErrorMsg: string;
}

export interface SpiEvent {
  api: ApiKind;
  name: TraderCallback | MdCallback;
  data: CtpRecord | null;
  info: RspInfo | null;
  requestId: number;
  isLast: boolean;
  /** OnFrontDisconnected's reason code. */
  reason: number;
}

export interface OpenResult {
  version: string;
  versionText: string;
}

export type FromWorker =
  | { type: 'reply'; id: number; ok: true; value: number | OpenResult | null }
  | { type: 'reply'; id: number; ok: false; message: string }
  | { type: 'events'; events: SpiEvent[] }
  | { type: 'log'; message: string };
