// Field lists shared by every layout of the CThostFtdc* structs (CTP legacy and modern, CTP Mini): the
// generations differ in where InstrumentID sits and in what SFIT appended, not in these runs of fields.
// Plain strings with no imports, so that both bindings/ctp/structs.ts and bindings/mini/structs.ts use them.
// Field specs (bindings/native/structs.ts): "Name c11" = char[11], "Name c" = char, "Name i" = int,
// "Name d" = double.
export const shared = {
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
export const orderBody =
  'OrderRef c13, UserID c16, OrderPriceType c, Direction c, CombOffsetFlag c5, CombHedgeFlag c5, LimitPrice d, ' +
  'VolumeTotalOriginal i, TimeCondition c, GTDDate c9, VolumeCondition c, MinVolume i, ContingentCondition c, ' +
  'StopPrice d, ForceCloseReason c, IsAutoSuspend i, BusinessUnit c21, RequestID i';
export const orderTail =
  'TraderID c21, InstallID i, OrderSubmitStatus c, NotifySequence i, TradingDay c9, SettlementID i, OrderSysID c21, ' +
  'OrderSource c, OrderStatus c, OrderType c, VolumeTraded i, VolumeTotal i, InsertDate c9, InsertTime c9, ' +
  'ActiveTime c9, SuspendTime c9, UpdateTime c9, CancelTime c9, ActiveTraderID c21, ClearingPartID c11, ' +
  'SequenceNo i, FrontID i, SessionID i, UserProductInfo c11, StatusMsg c81, UserForceClose i, ActiveUserID c16, ' +
  'BrokerOrderSeq i, RelativeOrderSysID c21, ZCETotalTradedVolume i, IsSwapOrder i, BranchID c9, InvestUnitID c17, ' +
  'AccountID c13, CurrencyID c4';
export const tradeMid =
  'OrderRef c13, UserID c16, ExchangeID c9, TradeID c21, Direction c, OrderSysID c21, ParticipantID c11, ' +
  'ClientID c11, TradingRole c';
export const tradeTail =
  'OffsetFlag c, HedgeFlag c, Price d, Volume i, TradeDate c9, TradeTime c9, TradeType c, PriceSource c, ' +
  'TraderID c21, OrderLocalID c13, ClearingPartID c11, BusinessUnit c21, SequenceNo i, TradingDay c9, ' +
  'SettlementID i, BrokerOrderSeq i, TradeSource c, InvestUnitID c17';
export const positionBody =
  'BrokerID c11, InvestorID c13, PosiDirection c, HedgeFlag c, PositionDate c, YdPosition i, Position i, ' +
  'LongFrozen i, ShortFrozen i, LongFrozenAmount d, ShortFrozenAmount d, OpenVolume i, CloseVolume i, OpenAmount d, ' +
  'CloseAmount d, PositionCost d, PreMargin d, UseMargin d, FrozenMargin d, FrozenCash d, FrozenCommission d, ' +
  'CashIn d, Commission d, CloseProfit d, PositionProfit d, PreSettlementPrice d, SettlementPrice d, TradingDay c9, ' +
  'SettlementID i, OpenCost d, ExchangeMargin d, CombPosition i, CombLongFrozen i, CombShortFrozen i, ' +
  'CloseProfitByDate d, CloseProfitByTrade d, TodayPosition i, MarginRateByMoney d, MarginRateByVolume d, ' +
  'StrikeFrozen i, StrikeFrozenAmount d, AbandonFrozen i, ExchangeID c9, YdStrikeFrozen i, InvestUnitID c17';
export const instrumentMid =
  'ProductClass c, DeliveryYear i, DeliveryMonth i, MaxMarketOrderVolume i, MinMarketOrderVolume i, ' +
  'MaxLimitOrderVolume i, MinLimitOrderVolume i, VolumeMultiple i, PriceTick d, CreateDate c9, OpenDate c9, ' +
  'ExpireDate c9, StartDelivDate c9, EndDelivDate c9, InstLifePhase c, IsTrading i, PositionType c, ' +
  'PositionDateType c, LongMarginRatio d, ShortMarginRatio d, MaxMarginSideAlgorithm c';
export const depthBody =
  'LastPrice d, PreSettlementPrice d, PreClosePrice d, PreOpenInterest d, OpenPrice d, HighestPrice d, LowestPrice d, ' +
  'Volume i, Turnover d, OpenInterest d, ClosePrice d, SettlementPrice d, UpperLimitPrice d, LowerLimitPrice d, ' +
  'PreDelta d, CurrDelta d, UpdateTime c9, UpdateMillisec i, ' +
  [1, 2, 3, 4, 5].map((n) => `BidPrice${n} d, BidVolume${n} i, AskPrice${n} d, AskVolume${n} i`).join(', ') +
  ', AveragePrice d, ActionDay c9';
export const loginHead =
  'TradingDay c9, BrokerID c11, UserID c16, Password c41, UserProductInfo c11, InterfaceProductInfo c11, ' +
  'ProtocolInfo c11, MacAddress c21, OneTimePassword c41';
export const inputOrderMid =
  'UserForceClose i, IsSwapOrder i, ExchangeID c9, InvestUnitID c17, AccountID c13, CurrencyID c4, ClientID c11';
export const actionHead =
  'BrokerID c11, InvestorID c13, OrderActionRef i, OrderRef c13, RequestID i, FrontID i, SessionID i, ExchangeID c9, ' +
  'OrderSysID c21, ActionFlag c, LimitPrice d, VolumeChange i, UserID c16';
// The rate rows after their InstrumentID (CTP legacy, CTP Mini) or its reserve field (CTP modern), up to
// the last field vnt reads; CTP appends ExchangeID, InvestUnitID (and BizType) after them.
export const marginRateBody =
  'InvestorRange c, BrokerID c11, InvestorID c13, HedgeFlag c, LongMarginRatioByMoney d, ' +
  'LongMarginRatioByVolume d, ShortMarginRatioByMoney d, ShortMarginRatioByVolume d, IsRelative i';
export const commissionRateBody =
  'InvestorRange c, BrokerID c11, InvestorID c13, OpenRatioByMoney d, OpenRatioByVolume d, CloseRatioByMoney d, ' +
  'CloseRatioByVolume d, CloseTodayRatioByMoney d, CloseTodayRatioByVolume d';
