// The OES/MDS 0.16.x structs vnt reads and writes, declared from the documented field facts (name, C type,
// order: reference/vendor-structs.md "OES/MDS 0.16.x C API", from vnpy/vnpy history 66a47d4e
// vnpy/api/oes/include/oes/{oes_global,mds_global}), never from vendor headers. OES uses natural alignment.
// The field-spec format has no nested types, so nesting is flattened without changing any offset:
// an 8-byte userInfo union is its u64 member, a _spk_struct_timespec32 is two ints (<name>Sec, <name>Nsec),
// uint8[N] fillers are char[N], and arrays of small structs are spelled out element by element. Prices are
// int ×10000 (amounts long long ×10000). Text is UTF-8/ASCII.
import {
  cppDeclarations as declare,
  defineStructs,
  type NativeRecord,
  type StructSet,
} from '../native/structs.js';

export type OesRecord = NativeRecord;

const ts = (name: string): string => `${name}Sec i, ${name}Nsec i`;

const ordBase =
  'clSeqNo i, mktId B, ordType B, bsType B, ordBaseFiller B, invAcctId c16, securityId c16, ordQty i, ' +
  `ordPrice i, origClOrdId q, userInfo Q, ${ts('ordReqOrigSendTime')}`;

/** MdsPriceLevelEntryT[levels] spelled out: <side><n>Price, <side><n>NumberOfOrders, <side><n>OrderQty. */
const priceLevels = (side: string, levels = 5): string =>
  Array.from({ length: levels }, (_, i) => i + 1)
    .map((n) => `${side}${n}Price i, ${side}${n}NumberOfOrders i, ${side}${n}OrderQty Q`)
    .join(', ');

/** The latency timestamps MDS messages end their fixed part with (on by default: _MDS_ENABLE_LATENCY_STATS). */
const mdLatencyTimes = ['origNetTime', 'recvTime', 'collectedTime', 'processedTime', 'pushingTime']
  .map(ts)
  .join(', ');

/** MdsMktDataSnapshotHeadT (72 bytes with the default latency fields) and the bodies' common start. */
const snapshotHead =
  'exchId B, mdProductType B, isRepeated c, origMdSource B, tradeDate i, updateTime i, instrId i, ' +
  'bodyLength h, mdStreamType B, channelNo B, dataVersion I, origTickSeq I, lastUpdateTime i, ' +
  mdLatencyTimes;
const snapshotBodyStart =
  'SecurityID c9, TradingPhaseCode c9, bodyFiller c6, NumTrades Q, TotalVolumeTraded Q, ' +
  'TotalValueTraded q, PrevClosePx i, OpenPx i, HighPx i, LowPx i, TradePx i, ClosePx i, IOPV i, NAV i, ' +
  'TotalLongPosition Q';

const specs = {
  OrdReq: ordBase,
  OrdCancelReq:
    'clSeqNo i, mktId B, cancelFiller1 c3, invAcctId c16, securityId c16, origClSeqNo i, origClEnvId c, ' +
    `cancelFiller2 c3, origClOrdId q, userInfo Q, ${ts('ordReqOrigSendTime')}`,
  /** OESMSG_RPT_BUSINESS_REJECT's body (OesRptMsgBodyT.ordRejectRsp): the request and why it was refused. */
  OrdReject:
    `${ordBase}, origClSeqNo i, origClEnvId c, clEnvId c, clientId h, ordDate i, ordTime i, ordRejReason i, ` +
    'rejFiller i',
  OrdCnfm:
    `${ordBase}, clOrdId q, clientId h, clEnvId c, origClEnvId c, origClSeqNo i, ordDate i, ordTime i, ` +
    'ordCnfmTime i, ordStatus B, ordCnfmSts B, securityType B, subSecurityType B, platformId B, tgwGrpNo B, ' +
    'tgwPartitionNo B, productType B, exchOrdId c17, declareFlag B, repeatFlag B, ownerType B, frzAmt q, ' +
    'frzInterest q, frzFee q, cumAmt q, cumInterest q, cumFee q, cumQty i, canceledQty i, ordRejReason i, ' +
    'exchErrCode i, pbuId i, branchId i, rowNum i, recNum I, ' +
    [
      'ordReqOrigRecvTime',
      'ordReqCollectedTime',
      'ordReqActualDealTime',
      'ordReqProcessedTime',
      'ordCnfmOrigRecvTime',
      'ordCnfmCollectedTime',
      'ordCnfmActualDealTime',
      'ordCnfmProcessedTime',
      'ordDeclareTime',
      'ordDeclareDoneTime',
      'pushingTime',
    ]
      .map(ts)
      .join(', ') +
    ', frzMargin q, cumMargin q, cnfmReserve c24',
  TrdCnfm:
    'exchTrdNum q, mktId B, trdSide B, platformId B, trdCnfmType B, etfTrdCnfmSeq I, invAcctId c16, ' +
    'securityId c16, trdDate i, trdTime i, trdQty i, trdPrice i, trdAmt q, clOrdId q, cumQty i, rowNum i, ' +
    'tgwGrpNo B, isTrsfInCashAvailable B, tgwPartitionNo B, productType B, origOrdQty i, pbuId i, ' +
    'branchId i, clSeqNo i, clientId h, clEnvId c, subSecurityType B, ordStatus B, ordType B, ' +
    'ordBuySellType B, securityType B, origOrdPrice i, cumAmt q, cumInterest q, cumFee q, userInfo Q, ' +
    [
      'trdCnfmOrigRecvTime',
      'trdCnfmCollectedTime',
      'trdCnfmActualDealTime',
      'trdCnfmProcessedTime',
      'pushingTime',
    ]
      .map(ts)
      .join(', ') +
    ', trdInterest q, trdFee q, trdMargin q, cumMargin q, trdReserve c24',
  CashAssetItem:
    'cashAcctId c16, custId c16, currType B, cashType B, cashAcctStatus B, isFundTrsfDisabled B, ' +
    'cashFiller c4, beginningBal q, beginningAvailableBal q, beginningDrawableBal q, disableBal q, ' +
    'reversalAmt q, manualFrzAmt q, totalDepositAmt q, totalWithdrawAmt q, withdrawFrzAmt q, totalSellAmt q, ' +
    'totalBuyAmt q, buyFrzAmt q, totalFeeAmt q, feeFrzAmt q, marginAmt q, marginFrzAmt q, currentTotalBal q, ' +
    'currentAvailableBal q, currentDrawableBal q, initialMargin q, totalExerciseFrzAmt q, ' +
    'pendingSupplMargin q, sseAvailablePurchaseLimit q, szseAvailablePurchaseLimit q, totalMarketMargin q, ' +
    'totalNetMargin q, cashReserve c16',
  StkHoldingItem:
    'invAcctId c16, securityId c16, mktId B, securityType B, subSecurityType B, productType B, holdFiller c4, ' +
    'originalHld q, originalCostAmt q, totalBuyHld q, totalSellHld q, sellFrzHld q, manualFrzHld q, ' +
    'totalBuyAmt q, totalSellAmt q, totalBuyFee q, totalSellFee q, totalTrsfInHld q, totalTrsfOutHld q, ' +
    'trsfOutFrzHld q, originalLockHld q, totalLockHld q, totalUnlockHld q, originalAvlHld q, ' +
    'maxReduceQuota q, sellAvlHld q, trsfOutAvlHld q, lockAvlHld q, holdFiller2 q, sumHld q, costPrice q',
  StockItem:
    'securityId c16, mktId B, productType B, securityType B, subSecurityType B, securityLevel B, ' +
    'securityRiskLevel B, currType B, qualificationClass B, securityStatus I, securityAttribute I, ' +
    'suspFlag B, temporarySuspFlag B, isDayTrading B, isRegistration B, isCrdCollateral B, ' +
    'isCrdMarginTradeUnderlying B, isCrdShortSellUnderlying B, isNoProfit B, isWeightedVotingRights B, ' +
    'isVie B, stockFiller c6, ' +
    [0, 1, 2].map((n) => `priceLimit${n}Ceil i, priceLimit${n}Floor i`).join(', ') +
    ', priceTick i, prevClose i, buyOrdMaxQty i, buyOrdMinQty i, buyQtyUnit i, mktBuyMaxQty i, ' +
    'mktBuyMinQty i, mktBuyQtyUnit i, sellOrdMaxQty i, sellOrdMinQty i, sellQtyUnit i, mktSellMaxQty i, ' +
    'mktSellMinQty i, mktSellQtyUnit i, bondInterest q, parValue q, repoExpirationDays i, cashHoldDays i, ' +
    'auctionLimitType B, auctionReferPriceType B, stockFiller1 c2, auctionUpDownRange i, listDate i, ' +
    'maturityDate i, outstandingShare q, publicFloatShare q, underlyingSecurityId c16, fundId c16, ' +
    'securityName c24, stockReserve1 c80, stockReserve2 c64',
  L1Snapshot: `${snapshotHead}, ${snapshotBodyStart}, ${priceLevels('Bid')}, ${priceLevels('Offer')}`,
  /** MdsMktDataSnapshotT as msg 0x14 carries it: the head and MdsL2StockSnapshotBodyT (ten levels). */
  L2Snapshot:
    `${snapshotHead}, ${snapshotBodyStart}, TotalBidQty q, TotalOfferQty q, WeightedAvgBidPx i, ` +
    `WeightedAvgOfferPx i, BidPriceLevel i, OfferPriceLevel i, ${priceLevels('Bid', 10)}, ` +
    priceLevels('Offer', 10),
  /** MdsL2TradeT (msg 0x16): one tick-by-tick trade (or, on SZSE, a cancel: ExecType '4'). */
  L2Trade:
    'exchId B, mdProductType B, isRepeated c, origMdSource B, tradeDate i, TransactTime i, instrId i, ' +
    'ChannelNo i, ApplSeqNum i, SecurityID c9, ExecType c, TradeBSFlag c, tradeFiller3 c4, channelNo B, ' +
    'origTickSeq Q, TradePrice i, TradeQty i, TradeMoney q, BidApplSeqNum q, OfferApplSeqNum q, ' +
    mdLatencyTimes,
} as const;

export type OesStructName = keyof typeof specs;

export const oesStructs: StructSet<OesStructName> = defineStructs(specs, { encoding: 'utf8' });

/**
 * The vendor's C type name of a struct (typedef names in oes_base_model.h / mds_base_model.h; MdsL2SnapshotT
 * is vnt's name for MdsMktDataSnapshotT holding l2Stock).
 */
export const cStructName = (name: string): string => (/^L[12]/.test(name) ? `Mds${name}T` : `Oes${name}T`);

/** C declarations of every struct (for the simulated library and the layout test). */
export function cDeclarations(): string {
  return declare(oesStructs, cStructName);
}
