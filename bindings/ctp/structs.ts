// The CTP structs vnt reads and writes, in two layouts: "legacy" (6.3.x, InstrumentID char[31] near the start)
// and "modern" (6.5.1 on, InstrumentID char[81] moved to the end, its old place kept as reserve1). Declared
// from the documented field facts (name, C type, order), never from vendor headers. Each layout stops at the
// last field vnt uses: fields SFIT appended in later versions are then never read past the end of an older
// version's smaller struct. koffi computes the layout (natural alignment, like g++, checked by the tests);
// values are read and written at koffi's offsets on plain Buffers, and text is decoded as GBK.
import {
  cppDeclarations as declare,
  defineStructs,
  type NativeRecord,
  type NativeStruct,
  type StructSet as NativeStructSet,
} from '../native/structs.js';

export type Generation = 'legacy' | 'modern';
export type CtpValue = NativeRecord[string];
export type CtpRecord = NativeRecord;

// Field specs (bindings/native/structs.ts): "Name c11" = char[11], "Name c" = char, "Name i" = int,
// "Name d" = double.
const shared = {
  ReqAuthenticate: 'BrokerID c11, UserID c16, UserProductInfo c11, AuthCode c17, AppID c33',
  RspInfo: 'ErrorID i, ErrorMsg c81',
  SettlementInfoConfirm:
    'BrokerID c11, InvestorID c13, ConfirmDate c9, ConfirmTime c9, SettlementID i, AccountID c13, CurrencyID c4',
  QryTradingAccount: 'BrokerID c11, InvestorID c13, CurrencyID c4, BizType c, AccountID c13',
  // Only the leading BrokerID/InvestorID are ever set; the rest of the request buffer stays zero (= "all").
  QryOrder: 'BrokerID c11, InvestorID c13',
  QryTrade: 'BrokerID c11, InvestorID c13',
  RspUserLogin:
    'TradingDay c9, LoginTime c9, BrokerID c11, UserID c16, SystemName c41, FrontID i, SessionID i, MaxOrderRef c13',
  TradingAccount:
    'BrokerID c11, AccountID c13, PreMortgage d, PreCredit d, PreDeposit d, PreBalance d, PreMargin d, InterestBase d, ' +
    'Interest d, Deposit d, Withdraw d, FrozenMargin d, FrozenCash d, FrozenCommission d, CurrMargin d, CashIn d, ' +
    'Commission d, CloseProfit d, PositionProfit d, Balance d, Available d, WithdrawQuota d, Reserve d, TradingDay c9, ' +
    'SettlementID i, Credit d, Mortgage d, ExchangeMargin d, DeliveryMargin d, ExchangeDeliveryMargin d, ' +
    'ReserveBalance d, CurrencyID c4',
} as const;

// The middle of these structs is the same in both generations; only the InstrumentID placement differs.
const orderBody =
  'OrderRef c13, UserID c16, OrderPriceType c, Direction c, CombOffsetFlag c5, CombHedgeFlag c5, LimitPrice d, ' +
  'VolumeTotalOriginal i, TimeCondition c, GTDDate c9, VolumeCondition c, MinVolume i, ContingentCondition c, ' +
  'StopPrice d, ForceCloseReason c, IsAutoSuspend i, BusinessUnit c21, RequestID i';
const orderTail =
  'TraderID c21, InstallID i, OrderSubmitStatus c, NotifySequence i, TradingDay c9, SettlementID i, OrderSysID c21, ' +
  'OrderSource c, OrderStatus c, OrderType c, VolumeTraded i, VolumeTotal i, InsertDate c9, InsertTime c9, ' +
  'ActiveTime c9, SuspendTime c9, UpdateTime c9, CancelTime c9, ActiveTraderID c21, ClearingPartID c11, ' +
  'SequenceNo i, FrontID i, SessionID i, UserProductInfo c11, StatusMsg c81, UserForceClose i, ActiveUserID c16, ' +
  'BrokerOrderSeq i, RelativeOrderSysID c21, ZCETotalTradedVolume i, IsSwapOrder i, BranchID c9, InvestUnitID c17, ' +
  'AccountID c13, CurrencyID c4';
const tradeMid =
  'OrderRef c13, UserID c16, ExchangeID c9, TradeID c21, Direction c, OrderSysID c21, ParticipantID c11, ' +
  'ClientID c11, TradingRole c';
const tradeTail =
  'OffsetFlag c, HedgeFlag c, Price d, Volume i, TradeDate c9, TradeTime c9, TradeType c, PriceSource c, ' +
  'TraderID c21, OrderLocalID c13, ClearingPartID c11, BusinessUnit c21, SequenceNo i, TradingDay c9, ' +
  'SettlementID i, BrokerOrderSeq i, TradeSource c, InvestUnitID c17';
const positionBody =
  'BrokerID c11, InvestorID c13, PosiDirection c, HedgeFlag c, PositionDate c, YdPosition i, Position i, ' +
  'LongFrozen i, ShortFrozen i, LongFrozenAmount d, ShortFrozenAmount d, OpenVolume i, CloseVolume i, OpenAmount d, ' +
  'CloseAmount d, PositionCost d, PreMargin d, UseMargin d, FrozenMargin d, FrozenCash d, FrozenCommission d, ' +
  'CashIn d, Commission d, CloseProfit d, PositionProfit d, PreSettlementPrice d, SettlementPrice d, TradingDay c9, ' +
  'SettlementID i, OpenCost d, ExchangeMargin d, CombPosition i, CombLongFrozen i, CombShortFrozen i, ' +
  'CloseProfitByDate d, CloseProfitByTrade d, TodayPosition i, MarginRateByMoney d, MarginRateByVolume d, ' +
  'StrikeFrozen i, StrikeFrozenAmount d, AbandonFrozen i, ExchangeID c9, YdStrikeFrozen i, InvestUnitID c17';
const instrumentMid =
  'ProductClass c, DeliveryYear i, DeliveryMonth i, MaxMarketOrderVolume i, MinMarketOrderVolume i, ' +
  'MaxLimitOrderVolume i, MinLimitOrderVolume i, VolumeMultiple i, PriceTick d, CreateDate c9, OpenDate c9, ' +
  'ExpireDate c9, StartDelivDate c9, EndDelivDate c9, InstLifePhase c, IsTrading i, PositionType c, ' +
  'PositionDateType c, LongMarginRatio d, ShortMarginRatio d, MaxMarginSideAlgorithm c';
const depthBody =
  'LastPrice d, PreSettlementPrice d, PreClosePrice d, PreOpenInterest d, OpenPrice d, HighestPrice d, LowestPrice d, ' +
  'Volume i, Turnover d, OpenInterest d, ClosePrice d, SettlementPrice d, UpperLimitPrice d, LowerLimitPrice d, ' +
  'PreDelta d, CurrDelta d, UpdateTime c9, UpdateMillisec i, ' +
  [1, 2, 3, 4, 5].map((n) => `BidPrice${n} d, BidVolume${n} i, AskPrice${n} d, AskVolume${n} i`).join(', ') +
  ', AveragePrice d, ActionDay c9';
const loginHead =
  'TradingDay c9, BrokerID c11, UserID c16, Password c41, UserProductInfo c11, InterfaceProductInfo c11, ' +
  'ProtocolInfo c11, MacAddress c21, OneTimePassword c41';
const inputOrderMid =
  'UserForceClose i, IsSwapOrder i, ExchangeID c9, InvestUnitID c17, AccountID c13, CurrencyID c4, ClientID c11';
const actionHead =
  'BrokerID c11, InvestorID c13, OrderActionRef i, OrderRef c13, RequestID i, FrontID i, SessionID i, ExchangeID c9, ' +
  'OrderSysID c21, ActionFlag c, LimitPrice d, VolumeChange i, UserID c16';

const legacySpecs = {
  ...shared,
  ReqUserLogin: `${loginHead}, ClientIPAddress c16, LoginRemark c36, ClientIPPort i`,
  QryInstrument: 'InstrumentID c31, ExchangeID c9, ExchangeInstID c31, ProductID c31',
  Instrument:
    'InstrumentID c31, ExchangeID c9, InstrumentName c21, ExchangeInstID c31, ProductID c31, ' +
    `${instrumentMid}, UnderlyingInstrID c31, StrikePrice d, OptionsType c, UnderlyingMultiple d, CombinationType c`,
  QryInvestorPosition: 'BrokerID c11, InvestorID c13, InstrumentID c31, ExchangeID c9, InvestUnitID c17',
  InvestorPosition: `InstrumentID c31, ${positionBody}`,
  InputOrder: `BrokerID c11, InvestorID c13, InstrumentID c31, ${orderBody}, ${inputOrderMid}, IPAddress c16, MacAddress c21`,
  InputOrderAction: `${actionHead}, InstrumentID c31, InvestUnitID c17, IPAddress c16, MacAddress c21`,
  Order:
    `BrokerID c11, InvestorID c13, InstrumentID c31, ${orderBody}, OrderLocalID c13, ExchangeID c9, ` +
    `ParticipantID c11, ClientID c11, ExchangeInstID c31, ${orderTail}, IPAddress c16, MacAddress c21`,
  Trade: `BrokerID c11, InvestorID c13, InstrumentID c31, ${tradeMid}, ExchangeInstID c31, ${tradeTail}`,
  SpecificInstrument: 'InstrumentID c31',
  DepthMarketData: `TradingDay c9, InstrumentID c31, ExchangeID c9, ExchangeInstID c31, ${depthBody}`,
};

const modernSpecs: Record<keyof typeof legacySpecs, string> = {
  ...shared,
  ReqUserLogin: `${loginHead}, reserve1 c16, LoginRemark c36, ClientIPPort i, ClientIPAddress c33`,
  QryInstrument:
    'reserve1 c31, ExchangeID c9, reserve2 c31, reserve3 c31, InstrumentID c81, ExchangeInstID c81, ProductID c81',
  Instrument:
    'reserve1 c31, ExchangeID c9, InstrumentName c21, reserve2 c31, reserve3 c31, ' +
    `${instrumentMid}, reserve4 c31, StrikePrice d, OptionsType c, UnderlyingMultiple d, CombinationType c, ` +
    'InstrumentID c81, ExchangeInstID c81, ProductID c81, UnderlyingInstrID c81',
  QryInvestorPosition:
    'BrokerID c11, InvestorID c13, reserve1 c31, ExchangeID c9, InvestUnitID c17, InstrumentID c81',
  InvestorPosition: `reserve1 c31, ${positionBody}, PositionCostOffset d, TasPosition i, TasPositionCost d, InstrumentID c81`,
  InputOrder:
    `BrokerID c11, InvestorID c13, reserve1 c31, ${orderBody}, ${inputOrderMid}, reserve2 c16, MacAddress c21, ` +
    'InstrumentID c81, IPAddress c33',
  InputOrderAction: `${actionHead}, reserve1 c31, InvestUnitID c17, reserve2 c16, MacAddress c21, InstrumentID c81, IPAddress c33`,
  Order:
    `BrokerID c11, InvestorID c13, reserve1 c31, ${orderBody}, OrderLocalID c13, ExchangeID c9, ` +
    `ParticipantID c11, ClientID c11, reserve2 c31, ${orderTail}, reserve3 c16, MacAddress c21, InstrumentID c81, ` +
    'ExchangeInstID c81, IPAddress c33',
  Trade: `BrokerID c11, InvestorID c13, reserve1 c31, ${tradeMid}, reserve2 c31, ${tradeTail}, InstrumentID c81, ExchangeInstID c81`,
  SpecificInstrument: 'reserve1 c31, InstrumentID c81',
  DepthMarketData: `TradingDay c9, reserve1 c31, ExchangeID c9, reserve2 c31, ${depthBody}, InstrumentID c81, ExchangeInstID c81`,
};

export type StructName = keyof typeof legacySpecs;
export const STRUCT_NAMES = Object.keys(legacySpecs) as StructName[];

export type CtpStruct = NativeStruct<StructName>;
export type StructSet = NativeStructSet<StructName>;

const cache = new Map<Generation, StructSet>();

/** The structs of one generation; text is GBK. */
export function structsFor(generation: Generation): StructSet {
  let set = cache.get(generation);
  if (!set) {
    set = defineStructs(generation === 'legacy' ? legacySpecs : modernSpecs, { encoding: 'gbk' });
    cache.set(generation, set);
  }
  return set;
}

/** The vendor's C++ name of a struct. */
export const cppStructName = (name: StructName): string => `CThostFtdc${name}Field`;

/** C++ declarations of the same structs (for the simulated library and the layout test); vendor names. */
export function cppDeclarations(generation: Generation): string {
  return declare(structsFor(generation), cppStructName);
}
