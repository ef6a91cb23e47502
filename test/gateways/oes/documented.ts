// Facts of OES/MDS 0.16.x as its published headers and guide state them, re-typed here as fixtures (no code
// of theirs). Source: the OES/MDS API 0.16.1.1 headers once shipped in vnpy/vnpy, commit 66a47d4e, under
// vnpy/api/oes/include/oes/ — each fact names its file. Sizes are what those headers give on Linux x86-64
// (g++, their default _MDS_ENABLE_LATENCY_STATS / _OES_EXPORT_LATENCY_STATS on, SPK_CACHE_LINE_SIZE 64).

/** eOesMsgTypeT, oes_global/oes_packets.h: the report channel's message ids vnt handles. */
export const OES_RPT = {
  OESMSG_RPT_BUSINESS_REJECT: 0x12,
  OESMSG_RPT_ORDER_INSERT: 0x13,
  OESMSG_RPT_ORDER_REPORT: 0x14,
  OESMSG_RPT_TRADE_REPORT: 0x15,
  OESMSG_RPT_CASH_ASSET_VARIATION: 0x18,
  OESMSG_RPT_STOCK_HOLDING_VARIATION: 0x19,
} as const;

/** Every report id of eOesMsgTypeT (0x10..0x1F), for "is this a report at all". */
export const OES_RPT_IDS = [
  0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1e, 0x1f,
];

/**
 * The body of each report (OesRptMsgBodyT's members, oes_global/oes_packets.h): ordRejectRsp is an
 * OesOrdRejectT, ordInsertRsp / ordCnfm OesOrdCnfmT, trdCnfm OesTrdCnfmT, cashAssetRpt OesCashAssetReportT,
 * stkHoldingRpt OesStkHoldingReportT.
 */
export const REPORT_BODY: Record<number, keyof typeof SIZES> = {
  0x12: 'OesOrdRejectT',
  0x13: 'OesOrdCnfmT',
  0x14: 'OesOrdCnfmT',
  0x15: 'OesTrdCnfmT',
  0x18: 'OesCashAssetReportT',
  0x19: 'OesStkHoldingReportT',
};

/**
 * The query answers' message ids (eOesMsgTypeT, 0.16 numbering: "0x53 ... 0x33的更新版本" etc.) and their
 * item structs (oes_global/oes_qry_packets.h), by the OesApi_Query* function that asks.
 */
export const QUERY_ANSWER: Record<string, [msgId: number, item: keyof typeof SIZES]> = {
  QueryStock: [0x58, 'OesStockItemT'], // OESMSG_QRYMSG_STOCK
  QueryCashAsset: [0x53, 'OesCashAssetItemT'], // OESMSG_QRYMSG_CASH_ASSET
  QueryStkHolding: [0x34, 'OesStkHoldingItemT'], // OESMSG_QRYMSG_STK_HLD
  QueryOrder: [0x54, 'OesOrdCnfmT'], // OESMSG_QRYMSG_ORD
  QueryTrade: [0x55, 'OesTrdCnfmT'], // OESMSG_QRYMSG_TRD
};

/** eMdsMsgTypeT, mds_global/mds_mkt_packets.h. */
export const MDS_MSG = {
  MDS_MSGTYPE_MARKET_DATA_SNAPSHOT_FULL_REFRESH: 0x0a,
  MDS_MSGTYPE_L2_MARKET_DATA_SNAPSHOT: 0x14,
  MDS_MSGTYPE_L2_TRADE: 0x16,
  MDS_MSGTYPE_L2_ORDER: 0x17,
} as const;

/** eMdsMdStreamTypeT, mds_global/mds_base_model.h: MdsMktDataSnapshotHeadT.mdStreamType. */
export const MDS_STREAM = { L1_SNAPSHOT: 10, L2_SNAPSHOT: 20 } as const;

/** eMdsSubscribeDataTypeT, mds_global/mds_mkt_packets.h: MdsApi_SubscribeByString's dataTypes bits. */
export const MDS_SUB_DATA = { L1_SNAPSHOT: 0x01, L2_SNAPSHOT: 0x02, L2_TRADE: 0x08, L2_ORDER: 0x10 } as const;

/** sizeof, Linux x86-64, from the headers named. */
export const SIZES = {
  SMsgHeadT: 8, // sutil/net/spk_global_packet.h
  OesRptMsgHeadT: 16, // oes_global/oes_packets.h
  OesQryCursorT: 16, // oes_global/oes_qry_packets.h
  OesOrdReqT: 72, // oes_global/oes_base_model.h (and the rest of the Oes*T)
  OesOrdCancelReqT: 72,
  OesOrdRejectT: 96,
  OesOrdCnfmT: 336,
  OesTrdCnfmT: 248,
  OesCashAssetItemT: 264,
  OesCashAssetReportT: 264,
  OesStkHoldingItemT: 232,
  OesStkHoldingReportT: 232,
  OesStockItemT: 384,
  MdsMktDataSnapshotHeadT: 72, // mds_global/mds_base_model.h (and the rest of the Mds*T)
  MdsStockSnapshotBodyT: 248,
  MdsL1SnapshotT: 320,
  MdsL2StockSnapshotBodyT: 440,
  MdsPriceLevelEntryT: 16,
  MdsL2TradeT: 120,
  MdsL2OrderT: 96,
  SGeneralClientChannelT: 768, // sutil/net/spk_general_client_define.h (= OesApiSessionInfoT, MdsApiSessionInfoT)
  OesApiClientEnvT: 2304, // oes_api/oes_api.h: ordChannel, rptChannel, qryChannel
  MdsApiClientEnvT: 8720, // mds_api/mds_api.h: tcpChannel first, then qryChannel and the UDP channels
} as const;

/** offsetof, same source: where the client envs keep their channels. */
export const OFFSETS = {
  'OesApiClientEnvT.ordChannel': 0,
  'OesApiClientEnvT.rptChannel': 768,
  'OesApiClientEnvT.qryChannel': 1536,
  'MdsApiClientEnvT.tcpChannel': 0,
  // MdsL2StockSnapshotBodyT after the 72-byte head (MdsMktDataSnapshotT.l2Stock):
  'L2.TotalBidQty': 72 + 88,
  'L2.WeightedAvgBidPx': 72 + 104,
  'L2.BidPriceLevel': 72 + 112,
  'L2.BidLevels': 72 + 120,
  'L2.OfferLevels': 72 + 280,
  // MdsL2TradeT:
  'L2Trade.ExecType': 33,
  'L2Trade.TradePrice': 48,
  'L2Trade.TradeQty': 52,
} as const;

/** OES_MAX_DRIVER_ID_LEN (oes_global/oes_base_model.h): the hard-disk serial ("driverId") with its NUL. */
export const OES_MAX_DRIVER_ID_LEN = 21;

/**
 * The report sequences oes_api/UpdateGuide.md lists (0.15.4 notes, "2.4 新增资金变动、持仓变动通知" and
 * "2.5 补充被撤委托的状态推送"): a buy that fills, and a resting buy that is cancelled.
 */
export const BUY_FILL_SEQUENCE = [0x13, 0x18, 0x14, 0x15, 0x18, 0x19];
export const BUY_CANCEL_SEQUENCE = [0x13, 0x14, 0x14, 0x18];
/** OES_BS_TYPE_CANCEL (eOesBuySellTypeT): the bsType of a cancel request's own confirmation. */
export const BS_TYPE_CANCEL = 30;
