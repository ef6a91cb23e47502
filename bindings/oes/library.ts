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
/**
 * MdsApiClientEnvT: six channels and a channel group, treated as one opaque block (generously sized, not
 * verified). vnt uses only its first member, tcpChannel, so no channel stride is assumed on the MDS side.
 */
export const MDS_CLIENT_ENV_BYTES = 256 * 1024;

/** Message ids of the MDS TCP channel (eMdsMsgTypeT, mds_mkt_packets.h). */
export const MDSMSG = {
  MARKET_DATA_SNAPSHOT_FULL_REFRESH: 0x0a,
  L2_MARKET_DATA_SNAPSHOT: 0x14,
} as const;

/** eMdsSubscribeModeT and eMdsSubscribeDataTypeT values vnt passes to MdsApi_SubscribeByString. */
export const MDS_SUB = {
  MODE_SET: 0,
  MODE_APPEND: 1,
  MODE_DELETE: 2,
  /** MDS_SUB_DATA_TYPE_L1_SNAPSHOT: Level-1 snapshots (five levels), indices and options. */
  DATA_L1_SNAPSHOT: 0x0001,
} as const;
/** eMdsMdProductTypeT: stocks, funds and bonds. */
export const MDS_MD_PRODUCT_STOCK = 1;

/** SPK_NEG(ETIMEDOUT) on Linux: a wait that found nothing, not a broken link. */
export const WAIT_TIMED_OUT = -110;

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
  GetErrorMsg: (code: number) => string;
  MdsInitAll: Fn;
  MdsLogoutAll: Fn;
  MdsSubscribeByString: Fn;
  MdsWaitOnMsg: Fn;
}

export function loadOes(file: string): OesLibrary {
  const lib = openLibrary(file, 'OES trader library', 'OesApi_GetApiVersion');
  const f = (name: string, result: string, params: readonly string[]) => lib.func(name, result, params);
  const query = (name: string) => f(name, 'int32_t', ['void *', 'void *', 'vnt_oes_on_qry *', 'void *']);
  const text = (n: number): string[] => Array<string>(n).fill('const char *');
  return {
    lib,
    versionText: lib.versionText('OesApi_GetApiVersion'),
    // BOOL OesApi_InitAll(env*, cfgFile, loggerSection, cfgSection, ordKey, rptKey, qryKey, lastRptSeqNum,
    //                     int32 *pLastClSeqNo)
    InitAll: f('OesApi_InitAll', 'int32_t', ['void *', ...text(6), 'int64_t', '_Out_ int32_t *']),
    LogoutAll: f('OesApi_LogoutAll', 'void', ['void *', 'int32_t']),
    SendOrderReq: f('OesApi_SendOrderReq', 'int32_t', ['void *', 'void *']),
    SendOrderCancelReq: f('OesApi_SendOrderCancelReq', 'int32_t', ['void *', 'void *']),
    WaitReportMsg: f('OesApi_WaitReportMsg', 'int32_t', ['void *', 'int32_t', 'vnt_oes_on_rpt *', 'void *']),
    QueryStock: query('OesApi_QueryStock'),
    QueryCashAsset: query('OesApi_QueryCashAsset'),
    QueryStkHolding: query('OesApi_QueryStkHolding'),
    QueryOrder: query('OesApi_QueryOrder'),
    QueryTrade: query('OesApi_QueryTrade'),
    // const char *OesApi_GetErrorMsg(int32 errCode): the text of an OES error number (ordRejReason).
    GetErrorMsg: f('OesApi_GetErrorMsg', 'const char *', ['int32_t']) as (code: number) => string,
    // BOOL MdsApi_InitAll(env*, cfgFile, loggerSection, cfgSection, tcpKey, qryKey, udpSnap1Key, udpSnap2Key,
    //                     udpTick1Key, udpTick2Key): a NULL key leaves that channel unconnected.
    MdsInitAll: f('MdsApi_InitAll', 'int32_t', ['void *', ...text(9)]),
    MdsLogoutAll: f('MdsApi_LogoutAll', 'void', ['void *', 'int32_t']),
    // BOOL MdsApi_SubscribeByString(tcpChannel*, securityList, delim, eMdsExchangeIdT, eMdsMdProductTypeT,
    //                               eMdsSubscribeModeT, int32 dataTypes): enums are passed as int.
    MdsSubscribeByString: f('MdsApi_SubscribeByString', 'int32_t', [
      'void *',
      ...text(2),
      ...Array<string>(4).fill('int32_t'),
    ]),
    // int32 MdsApi_WaitOnMsg(tcpChannel*, timeoutMs, F_MDSAPI_ONMSG_T, void *): same callback shape as OES's.
    MdsWaitOnMsg: f('MdsApi_WaitOnMsg', 'int32_t', ['void *', 'int32_t', 'vnt_oes_on_rpt *', 'void *']),
  };
}
