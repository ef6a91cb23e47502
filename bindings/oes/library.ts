// The OES/MDS 0.16.x C functions vnt calls, declared with koffi on a library opened through the native
// toolkit's guard (ELF symbols checked before anything of it runs). Signatures are facts from
// oes_api/oes_api.h and mds_api/mds_api.h (vnpy/vnpy history 66a47d4e). The sync API runs its callbacks on
// the caller's thread during WaitReportMsg / Query*, so koffi transient callbacks are enough.
// The client envs' sizes and channel offsets are those of the published 0.16 headers on Linux x86-64
// (OesApiClientEnvT = three SGeneralClientChannelT of 768 bytes; MdsApiClientEnvT 8720 bytes with tcpChannel
// first), checked by test/gateways/oes/doc-agreement.test.ts; NOT verified against a real Linux library
// (none is published). lastRptSeqNum is int64 as oes_api.h declares it.
import koffi from 'koffi';
import { openLibrary, type VendorLibrary } from '../native/library.js';
import type { OesStructName } from './structs.js';

/** sizeof(OesApiSessionInfoT) (= SGeneralClientChannelT, sutil/net/spk_general_client_define.h). */
export const CHANNEL_BYTES = 768;
/** sizeof(OesApiClientEnvT): ordChannel, rptChannel, qryChannel (oes_api/oes_api.h). */
export const CLIENT_ENV_BYTES = 3 * CHANNEL_BYTES;
/** The channels inside OesApiClientEnvT, in declaration order. */
export const CHANNEL = { ord: 0, rpt: 1, qry: 2 } as const;
/**
 * sizeof(MdsApiClientEnvT) (mds_api/mds_api.h): its channels and a channel group. vnt uses only its first
 * member, tcpChannel.
 */
export const MDS_CLIENT_ENV_BYTES = 8720;

/** Message ids of the MDS TCP channel (eMdsMsgTypeT, mds_mkt_packets.h). */
export const MDSMSG = {
  MARKET_DATA_SNAPSHOT_FULL_REFRESH: 0x0a,
  L2_MARKET_DATA_SNAPSHOT: 0x14,
  L2_TRADE: 0x16,
} as const;

/** eMdsSubscribeModeT and eMdsSubscribeDataTypeT values vnt passes to MdsApi_SubscribeByString. */
export const MDS_SUB = {
  MODE_SET: 0,
  MODE_APPEND: 1,
  MODE_DELETE: 2,
  /** MDS_SUB_DATA_TYPE_L1_SNAPSHOT: Level-1 snapshots (five levels), indices and options. */
  DATA_L1_SNAPSHOT: 0x0001,
  /** MDS_SUB_DATA_TYPE_L2_SNAPSHOT: Level-2 snapshots (ten levels, msg 0x14). */
  DATA_L2_SNAPSHOT: 0x0002,
  /** MDS_SUB_DATA_TYPE_L2_TRADE: Level-2 tick-by-tick trades (msg 0x16). */
  DATA_L2_TRADE: 0x0008,
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

/** The body struct of each report message vnt reads (OesRptMsgBodyT's members; others are skipped). */
export const REPORT_BODY: Readonly<Record<number, OesStructName>> = {
  [OESMSG.RPT_BUSINESS_REJECT]: 'OrdReject',
  [OESMSG.RPT_ORDER_INSERT]: 'OrdCnfm',
  [OESMSG.RPT_ORDER_REPORT]: 'OrdCnfm',
  [OESMSG.RPT_TRADE_REPORT]: 'TrdCnfm',
  [OESMSG.RPT_CASH_ASSET_VARIATION]: 'CashAssetItem',
  [OESMSG.RPT_STOCK_HOLDING_VARIATION]: 'StkHoldingItem',
};

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
