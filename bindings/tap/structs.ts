// The TAP (Esunny iTap) structs vnt reads and writes: trade API 9.3.8.x (namespace ITapTrade) and quote API
// 9.3.1.x. Declared from the documented field facts (name, C type, order: reference/vendor-structs.md, from
// vnpy/vnpy_tap iTapTradeAPIDataType.h / TapQuoteAPIDataType.h at 7e9eadb), never from vendor headers. Both
// headers use #pragma pack(push, 1), so every set here is packed (koffi.pack, no padding).
// Every struct here was checked field by field (offset, C type, size) against those 7e9eadb headers, the ones
// vnpy ships beside the Linux libraries "iTapTradeAPI V9.3.8.7" / "TapQuoteAPI V9.3.1.4", and against the
// 9.3.8.7 library itself: its exported FormatStructToString_TapAPI* and IsValidTapAPI* functions read the
// fields at these offsets, and its QryOrder / QryFill / OnRspQryCommodity copy 94 / 105 / 193 bytes
// (docs/gateways/tap.md, "Layouts").
// Nested structs are flattened (TAP's TapAPIContract inside TapAPIQuoteWhole; the underlying contract's
// fields carry an "Underly" prefix) and fixed arrays are numbered fields (QBidPrice0..19): with packing the
// bytes sit at the same offsets. A pointer member (TapAPIOrderInfoNotice.OrderInfo) is a 64-bit integer.
// Text is GBK.
import {
  cppDeclarations as declare,
  defineStructs,
  type NativeRecord,
  type StructSet,
} from '../native/structs.js';

export type TapRecord = NativeRecord;

const CONTRACT =
  'ExchangeNo c11, CommodityType c, CommodityNo c11, ContractNo1 c11, StrikePrice1 c11, CallOrPutFlag1 c, ' +
  'ContractNo2 c11, StrikePrice2 c11, CallOrPutFlag2 c';
const numbered = (name: string, code: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${name}${i} ${code}`).join(', ');

// Field specs (bindings/native/structs.ts): cN = char[N], c = char, i = int, I = unsigned int, H = uint16,
// d = double, q = long long, Q = unsigned long long.
const trade = {
  ApplicationInfo:
    'AuthCode c513, KeyOperationLogPath c301, LogLevel c, APPID c31, ReConnectCount i, ReConnectSeconds i',
  TradeLoginAuth:
    'UserNo c21, ISModifyPassword c, Password c21, NewPassword c21, LoginIP c41, LoginMac c51, DeviceName c51',
  TradeLoginRspInfo:
    'UserNo c21, UserType i, UserName c21, ReservedInfo c51, LastLoginIP c41, LastLoginProt I, ' +
    'LastLoginTime c20, LastLogoutTime c20, TradeDate c11, LastSettleTime c20, StartTime c20, ' +
    'NextSecondDate c20, LastLoginInfo c301',
  FundReq: 'AccountNo c21',
  // QryContract's request: which commodity (empty = all).
  Commodity: 'ExchangeNo c11, CommodityType c, CommodityNo c11',
  // OnRspOrderAction's answer: the action ('1' insert, '2' modify, '3' delete) and a pointer to the order.
  OrderActionRsp: 'ActionType c, OrderInfo Q',
  FundData:
    'AccountNo c21, CurrencyGroupNo c11, CurrencyNo c11, TradeRate d, FutureAlg c, OptionAlg c, PreBalance d, ' +
    'PreUnExpProfit d, PreLMEPositionProfit d, PreEquity d, PreAvailable1 d, PreMarketEquity d, CashInValue d, ' +
    'CashOutValue d, CashAdjustValue d, CashPledged d, FrozenFee d, FrozenDeposit d, AccountFee d, ' +
    'SwapInValue d, SwapOutValue d, PremiumIncome d, PremiumPay d, CloseProfit d, FrozenFund d, UnExpProfit d, ' +
    'ExpProfit d, PositionProfit d, LmePositionProfit d, OptionMarketValue d, AccountIntialMargin d, ' +
    'AccountMaintenanceMargin d, UpperInitalMargin d, UpperMaintenanceMargin d, Discount d, Balance d, ' +
    'Equity d, Available d, CanDraw d, MarketEquity d, AuthMoney d',
  PositionQryReq: 'AccountNo c21',
  PositionInfo:
    'AccountNo c21, ExchangeNo c11, CommodityType c, CommodityNo c11, ContractNo c11, StrikePrice c11, ' +
    'CallOrPutFlag c, MatchSide c, HedgeFlag c, PositionNo c71, ServerFlag c, OrderNo c21, MatchNo c21, ' +
    'UpperNo c11, PositionPrice d, PositionQty I, PositionStreamId I, CommodityCurrencyGroup c11, ' +
    'CommodityCurrency c11, CalculatePrice d, AccountInitialMargin d, AccountMaintenanceMargin d, ' +
    'UpperInitialMargin d, UpperMaintenanceMargin d, PositionProfit d, LMEPositionProfit d, ' +
    'OptionMarketValue d, IsHistory c',
  TradeContractInfo:
    'ExchangeNo c11, CommodityType c, CommodityNo c11, ContractNo1 c11, StrikePrice1 c11, CallOrPutFlag1 c, ' +
    'ContractNo2 c11, StrikePrice2 c11, CallOrPutFlag2 c, ContractType c, QuoteUnderlyingContract c11, ' +
    'ContractName c71, ContractExpDate c11, LastTradeDate c11, FirstNoticeDate c11, ContractSize d',
  NewOrder:
    'AccountNo c21, ExchangeNo c11, CommodityType c, CommodityNo c11, ContractNo c11, StrikePrice c11, ' +
    'CallOrPutFlag c, ContractNo2 c11, StrikePrice2 c11, CallOrPutFlag2 c, OrderType c, OrderSource c, ' +
    'TimeInForce c, ExpireTime c20, IsRiskOrder c, OrderSide c, PositionEffect c, PositionEffect2 c, ' +
    'InquiryNo c51, HedgeFlag c, OrderPrice d, OrderPrice2 d, StopPrice d, OrderQty I, OrderMinQty I, ' +
    'MinClipSize I, MaxClipSize I, RefInt i, RefDouble d, RefString c51, ClientID c16, TacticsType c, ' +
    'TriggerCondition c, TriggerPriceType c, AddOneIsValid c, ClientLocationID c6',
  OrderCancelReq: 'RefInt i, RefDouble d, RefString c51, ServerFlag c, OrderNo c21',
  // QryOrder / QryFill requests and QryCommodity's answer (vnpy_tap 7e9eadb iTapTradeAPIDataType.h; the
  // 2019 header of iTap 9.2.9.7 lacks OrderQryType and OptionType). OrderQryType is checked by the 9.3.8.7
  // library ('A' every order, 'U' unfinished only; anything else is TAPIERROR_INPUTERROR_TAPIOrderQryTypeType).
  OrderQryReq:
    'AccountNo c21, ExchangeNo c11, CommodityType c, CommodityNo c11, OrderType c, OrderSource c, ' +
    'TimeInForce c, ExpireTime c20, IsRiskOrder c, ServerFlag c, OrderNo c21, IsBackInput c, IsDeleted c, ' +
    'IsAddOne c, OrderQryType c',
  FillQryReq:
    'AccountNo c21, ExchangeNo c11, CommodityType c, CommodityNo c11, ContractNo c11, StrikePrice c11, ' +
    'CallOrPutFlag c, MatchSource c, MatchSide c, PositionEffect c, ServerFlag c, OrderNo c21, UpperNo c11, ' +
    'IsDeleted c, IsAddOne c',
  CommodityInfo:
    'ExchangeNo c11, CommodityType c, CommodityNo c11, CommodityName c21, CommodityEngName c31, ' +
    'RelateExchangeNo c11, RelateCommodityType c, RelateCommodityNo c11, RelateExchangeNo2 c11, ' +
    'RelateCommodityType2 c, RelateCommodityNo2 c11, CurrencyGroupNo c11, TradeCurrency c11, ContractSize d, ' +
    'OpenCloseMode c, StrikePriceTimes d, CommodityTickSize d, CommodityDenominator i, CmbDirect c, ' +
    'DeliveryMode c, DeliveryDays i, AddOneTime c9, CommodityTimeZone i, IsAddOne c, OptionType c',
  OrderInfo:
    'AccountNo c21, ExchangeNo c11, CommodityType c, CommodityNo c11, ContractNo c11, StrikePrice c11, ' +
    'CallOrPutFlag c, ContractNo2 c11, StrikePrice2 c11, CallOrPutFlag2 c, OrderType c, OrderSource c, ' +
    'TimeInForce c, ExpireTime c20, IsRiskOrder c, OrderSide c, PositionEffect c, PositionEffect2 c, ' +
    'InquiryNo c51, HedgeFlag c, OrderPrice d, OrderPrice2 d, StopPrice d, OrderQty I, OrderMinQty I, ' +
    'RefInt i, RefDouble d, RefString c51, MinClipSize I, MaxClipSize I, LicenseNo c51, ServerFlag c, ' +
    'OrderNo c21, ClientOrderNo c51, ClientID c16, TacticsType c, TriggerCondition c, TriggerPriceType c, ' +
    'AddOneIsValid c, ClientLocalIP c41, ClientMac c13, ClientIP c41, OrderStreamID I, UpperNo c11, ' +
    'UpperChannelNo c11, OrderLocalNo c21, UpperStreamID I, OrderSystemNo c51, OrderExchangeSystemNo c51, ' +
    'OrderParentSystemNo c51, OrderInsertUserNo c21, OrderInsertTime c20, OrderCommandUserNo c21, ' +
    'OrderUpdateUserNo c21, OrderUpdateTime c20, OrderState c, OrderMatchPrice d, OrderMatchPrice2 d, ' +
    'OrderMatchQty I, OrderMatchQty2 I, ErrorCode I, ErrorText c51, IsBackInput c, IsDeleted c, IsAddOne c, ' +
    'ClientLocationID c6',
  OrderInfoNotice: 'SessionID I, ErrorCode I, OrderInfo Q',
  FillInfo:
    'AccountNo c21, ExchangeNo c11, CommodityType c, CommodityNo c11, ContractNo c11, StrikePrice c11, ' +
    'CallOrPutFlag c, MatchSource c, MatchSide c, PositionEffect c, ServerFlag c, OrderNo c21, ' +
    'OrderSystemNo c51, MatchNo c21, UpperMatchNo c71, ExchangeMatchNo c71, MatchDateTime c20, ' +
    'UpperMatchDateTime c20, UpperNo c11, MatchPrice d, MatchQty I, IsDeleted c, IsAddOne c, ' +
    'FeeCurrencyGroup c11, FeeCurrency c11, FeeValue d, IsManualFee c, ClosePrositionPrice d, CloseProfit d',
};

const quote = {
  // TapAPICommDef.h's, outside any namespace: the trade one's first two fields (vnpy_tap 7e9eadb).
  ApplicationInfo: 'AuthCode c513, KeyOperationLogPath c301',
  QuoteLoginAuth:
    'UserNo c21, ISModifyPassword c, Password c21, NewPassword c21, QuoteTempPassword c21, ISDDA c, ' +
    'DDASerialNo c31',
  QuotLoginRspInfo:
    'UserNo c21, UserType i, UserName c21, QuoteTempPassword c21, ReservedInfo c51, LastLoginIP c41, ' +
    'LastLoginProt I, LastLoginTime c20, LastLogoutTime c20, TradeDate c11, LastSettleTime c20, ' +
    'StartTime c20, InitTime c20',
  Contract: CONTRACT,
  QuoteWhole:
    `${CONTRACT}, CurrencyNo c11, TradingState c, DateTimeStamp c24, QPreClosingPrice d, QPreSettlePrice d, ` +
    'QPrePositionQty Q, QOpeningPrice d, QLastPrice d, QHighPrice d, QLowPrice d, QHisHighPrice d, ' +
    'QHisLowPrice d, QLimitUpPrice d, QLimitDownPrice d, QTotalQty Q, QTotalTurnover d, QPositionQty Q, ' +
    'QAveragePrice d, QClosingPrice d, QSettlePrice d, QLastQty Q, ' +
    `${numbered('QBidPrice', 'd', 20)}, ${numbered('QBidQty', 'Q', 20)}, ` +
    `${numbered('QAskPrice', 'd', 20)}, ${numbered('QAskQty', 'Q', 20)}, ` +
    'QImpliedBidPrice d, QImpliedBidQty Q, QImpliedAskPrice d, QImpliedAskQty Q, QPreDelta d, QCurrDelta d, ' +
    'QInsideQty Q, QOutsideQty Q, QTurnoverRate d, Q5DAvgQty Q, QPERatio d, QTotalValue d, ' +
    'QNegotiableValue d, QPositionTrend q, QChangeSpeed d, QChangeRate d, QChangeValue d, QSwing d, ' +
    'QTotalBidQty Q, QTotalAskQty Q, ' +
    CONTRACT.split(', ')
      .map((f) => `Underly${f}`)
      .join(', '),
};

export type TradeStructName = keyof typeof trade;
export type QuoteStructName = keyof typeof quote;
export type TradeStructs = StructSet<TradeStructName>;
export type QuoteStructs = StructSet<QuoteStructName>;

let tradeSet: TradeStructs | undefined;
let quoteSet: QuoteStructs | undefined;

export function tradeStructs(): TradeStructs {
  tradeSet ??= defineStructs(trade, { packed: true, encoding: 'gbk' });
  return tradeSet;
}

export function quoteStructs(): QuoteStructs {
  quoteSet ??= defineStructs(quote, { packed: true, encoding: 'gbk' });
  return quoteSet;
}

/** The vendor's C++ name of a struct. */
export const cppStructName = (name: string): string => `TapAPI${name}`;

/** C++ declarations of the trade structs (put inside namespace ITapTrade by the caller). */
export const cppTradeDeclarations = (): string => declare(tradeStructs(), cppStructName);
export const cppQuoteDeclarations = (): string => declare(quoteStructs(), cppStructName);
