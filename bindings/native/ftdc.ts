// SPI callbacks of the "Ftdc" SDKs (SFIT's CTP and CTP Mini, FEMAS): every callback is one of six shapes
// (connected, disconnected with a reason, a response with data + RspInfo + request id + last flag, an error
// response, a push, an error push). The same slot builder serves each SDK's hosted module: a callback
// copies its structs and returns at once (it holds a vendor thread); decoding happens when the host
// flushes its batch to the console.
import type { HostContext } from './host/context.js';
import type { NativeRecord, NativeStruct, StructSet } from './structs.js';
import { copyStruct, protos, type SpiSlot } from './vtable.js';

export type FtdcShape = 'connected' | 'disconnected' | 'rsp' | 'rspError' | 'rtn' | 'errRtn';

const shapeProto = {
  connected: protos.voidSelf,
  disconnected: protos.intArg,
  rsp: protos.rsp,
  rspError: protos.rspError,
  rtn: protos.ptrArg,
  errRtn: protos.ptrPtr,
} as const;

export interface FtdcRspInfo {
  ErrorID: number;
  ErrorMsg: string;
}

/** One callback as the console receives it (plain data: it crosses the host's IPC channel). */
export interface FtdcEvent<Api extends string = string, Name extends string = string> {
  api: Api;
  name: Name;
  data: NativeRecord | null;
  info: FtdcRspInfo | null;
  requestId: number;
  isLast: boolean;
  /** OnFrontDisconnected's reason code. */
  reason: number;
}

/** Callback name → its shape and the struct its data pointer points at (null: none or not read). */
export type FtdcSlotTable<C extends string, S extends string> = Record<C, readonly [FtdcShape, S | null]>;

/**
 * The SPI slots of one API: each named callback copies what it was given and emits an FtdcEvent decoded
 * with `structs` (the struct named RspInfo decodes the error info).
 */
export function ftdcSlots<A extends string, C extends string, S extends string>(
  ctx: HostContext<FtdcEvent<A, C>>,
  api: A,
  table: FtdcSlotTable<C, NoInfer<S>>,
  structs: StructSet<S>,
): Record<C, SpiSlot> {
  const info = (structs as Readonly<Record<string, NativeStruct<S> | undefined>>).RspInfo;
  if (!info) throw new Error('an Ftdc struct set declares RspInfo');
  const out = {} as Record<C, SpiSlot>;
  for (const name of Object.keys(table) as C[]) {
    const [shape, structName] = table[name];
    const struct = structName ? structs[structName] : null;
    const size = struct ? struct.size : 0;
    const emit = (data: Buffer | null, rspInfo: Buffer | null, requestId = 0, isLast = true, reason = 0) =>
      ctx.emit(() => ({
        api,
        name,
        data: data && struct ? struct.read(data) : null,
        info: rspInfo ? (info.read(rspInfo) as unknown as FtdcRspInfo) : null,
        requestId,
        isLast,
        reason,
      }));
    const handlers: Record<FtdcShape, (...a: unknown[]) => void> = {
      connected: () => emit(null, null),
      disconnected: (_self, reason) => emit(null, null, 0, true, Number(reason)),
      rsp: (_self, data, rspInfo, requestId, isLast) =>
        emit(
          struct ? copyStruct(data, size) : null,
          copyStruct(rspInfo, info.size),
          Number(requestId),
          Boolean(isLast),
        ),
      rspError: (_self, rspInfo, requestId, isLast) =>
        emit(null, copyStruct(rspInfo, info.size), Number(requestId), Boolean(isLast)),
      rtn: (_self, data) => emit(copyStruct(data, size), null),
      errRtn: (_self, data, rspInfo) =>
        emit(struct ? copyStruct(data, size) : null, copyStruct(rspInfo, info.size)),
    };
    out[name] = { proto: shapeProto[shape], handler: handlers[shape] };
  }
  return out;
}
