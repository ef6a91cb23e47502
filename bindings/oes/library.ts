// The OES/MDS 0.16.x C functions vnt calls, declared with koffi on a library opened through the native
// toolkit's guard (ELF symbols checked before anything of it runs). Signatures are facts from
// oes_api/oes_api.h and mds_api/mds_api.h (vnpy/vnpy history 66a47d4e). The sync API runs its callbacks on
// the caller's thread during WaitReportMsg / Query*, so koffi transient callbacks are enough.
// NOT verified against a real library: the client-env and channel sizes (OesApiClientEnvT is treated as an
// opaque block of CLIENT_ENV_BYTES, its three channels at CHANNEL_BYTES strides) and lastRptSeqNum's width
// (declared int64: passing 64 bits where a 32-bit stack argument is read is harmless for small values).
import koffi from 'koffi';
import { openLibrary, type VendorLibrary } from '../native/library.js';

export const CLIENT_ENV_BYTES = 64 * 1024;
export const CHANNEL_BYTES = 16 * 1024;
/** The channels inside OesApiClientEnvT, in declaration order. */
export const CHANNEL = { ord: 0, rpt: 1, qry: 2 } as const;

/** Message ids of the report channel (eOesMsgTypeT, oes_packets.h). */
export const OESMSG = {
  RPT_REPORT_SYNCHRONIZATION: 0x11,
  RPT_BUSINESS_REJECT: 0x12,
  RPT_ORDER_INSERT: 0x13,
  RPT_ORDER_REPORT: 0x14,
  RPT_TRADE_REPORT: 0x15,
  RPT_CASH_ASSET_VARIATION: 0x18,
  RPT_STOCK_HOLDING_VARIATION: 0x19,
} as const;

/** SMsgHeadT: msgFlag uint8, msgId uint8, status uint16, msgSize int32 (8 bytes). */
export const MsgHead = koffi.struct('vnt_oes_SMsgHeadT', {
  msgFlag: 'uint8_t',
  msgId: 'uint8_t',
  status: 'uint16_t',
  msgSize: 'int32_t',
});
/** OesRptMsgHeadT before every report body: rptSeqNum, rptMsgType, execType, bodyLength, ordRejReason. */
export const RPT_HEAD_BYTES = 16;

// int32 F_OESAPI_ON_RPT_MSG_T(OesApiSessionInfoT *, SMsgHeadT *, void *pMsgItem, void *pCallbackParams)
export const OnRptMsg = koffi.proto('int32_t vnt_oes_on_rpt(void *, void *, void *, void *)');
// int32 F_OESAPI_ON_QRY_MSG_T(OesApiSessionInfoT *, SMsgHeadT *, void *pMsgItem, OesQryCursorT *, void *)
export const OnQryMsg = koffi.proto('int32_t vnt_oes_on_qry(void *, void *, void *, void *, void *)');

type Fn = (...args: unknown[]) => unknown;

export interface OesLibrary {
  lib: VendorLibrary;
  versionText: string;
  InitAll: Fn;
  LogoutAll: Fn;
  SendOrderReq: Fn;
  SendOrderCancelReq: Fn;
  WaitReportMsg: Fn;
  QueryStock: Fn;
  QueryCashAsset: Fn;
  QueryStkHolding: Fn;
  QueryOrder: Fn;
  QueryTrade: Fn;
}

export function loadOes(file: string): OesLibrary {
  const lib = openLibrary(file, 'OES trader library', 'OesApi_GetApiVersion');
  const f = (name: string, result: string, params: readonly string[]) => lib.func(name, result, params);
  const query = (name: string) => f(name, 'int32_t', ['void *', 'void *', 'vnt_oes_on_qry *', 'void *']);
  return {
    lib,
    versionText: lib.versionText('OesApi_GetApiVersion'),
    // BOOL OesApi_InitAll(env*, cfgFile, loggerSection, cfgSection, ordKey, rptKey, qryKey, lastRptSeqNum,
    //                     int32 *pLastClSeqNo)
    InitAll: f('OesApi_InitAll', 'int32_t', [
      'void *',
      'const char *',
      'const char *',
      'const char *',
      'const char *',
      'const char *',
      'const char *',
      'int64_t',
      '_Out_ int32_t *',
    ]),
    LogoutAll: f('OesApi_LogoutAll', 'void', ['void *', 'int32_t']),
    SendOrderReq: f('OesApi_SendOrderReq', 'int32_t', ['void *', 'void *']),
    SendOrderCancelReq: f('OesApi_SendOrderCancelReq', 'int32_t', ['void *', 'void *']),
    WaitReportMsg: f('OesApi_WaitReportMsg', 'int32_t', ['void *', 'int32_t', 'vnt_oes_on_rpt *', 'void *']),
    QueryStock: query('OesApi_QueryStock'),
    QueryCashAsset: query('OesApi_QueryCashAsset'),
    QueryStkHolding: query('OesApi_QueryStkHolding'),
    QueryOrder: query('OesApi_QueryOrder'),
    QueryTrade: query('OesApi_QueryTrade'),
  };
}
