// The CUstpFtdc* structs vnt reads and writes, in the field-spec notation of bindings/native/structs.ts.
// Layouts from the public FEMAS 1.0 headers (vnpy/vnpy_femas HEAD f08a67a, vnpy_femas/api/include/femas/,
// re-typed as facts in the shared reference vendor-structs.md): no #pragma pack, natural alignment, GBK
// text. FEMAS is not CTP: InstrumentID is char[31], InvestorID char[19], ExchangeID char[11], an order is
// known by the user's own UserOrderLocalID, and a cancel carries a local id of its own.
import {
  cppDeclarations as declare,
  defineStructs,
  type NativeRecord,
  type StructSet,
} from '../native/structs.js';

const inputOrderHead =
  'BrokerID c11, ExchangeID c11, OrderSysID c31, InvestorID c19, UserID c16, SeatNo i, InstrumentID c31, ' +
  'UserOrderLocalID c21, OrderPriceType c, Direction c, OffsetFlag c, HedgeFlag c, LimitPrice d, Volume i, ' +
  'TimeCondition c, GTDDate c9, VolumeCondition c, MinVolume i, StopPrice d, ForceCloseReason c, ' +
  'IsAutoSuspend i, BusinessUnit c21, UserCustom c65, BusinessLocalID i, ActionDay c9, ArbiType c';
const legs =
  'ArbiType c, InstrumentID_1 c31, Direction_1 c, Ratio_1 d, InstrumentID_2 c31, Direction_2 c, Ratio_2 d';

export const FEMAS_SPECS = {
  RspInfo: 'ErrorID i, ErrorMsg c81',
  ReqUserLogin:
    'TradingDay c9, UserID c16, BrokerID c11, Password c41, UserProductInfo c41, InterfaceProductInfo c41, ' +
    'ProtocolInfo c41, IPAddress c21, MacAddress c21, DataCenterID i, UserProductFileSize i, ' +
    'Authenticate2Type c, Authenticate2Password c41, TerminalCode c41, PasswordEncrypt c3',
  RspUserLogin:
    'TradingDay c9, BrokerID c11, UserID c16, LoginTime c9, ExchangeTime c9, MaxOrderLocalID c21, ' +
    'TradingSystemName c61, DataCenterID i, PrivateFlowSize i, UserFlowSize i, ActionDay c9, FemasVersion c21, ' +
    'FemasLifeCycle i',
  // 穿透监管 (look-through supervision) certification: AppID and AuthCode before login.
  DSUserInfo: 'AppID c31, AuthCode c17, EncryptType c',
  QryUserInvestor: 'BrokerID c11, UserID c16',
  RspUserInvestor: 'BrokerID c11, UserID c16, InvestorID c19',
  QryInstrument: 'ExchangeID c11, ProductID c13, InstrumentID c31',
  RspInstrument:
    'ExchangeID c11, ProductID c13, ProductName c41, InstrumentID c31, InstrumentName c21, DeliveryYear i, ' +
    'DeliveryMonth i, MaxLimitOrderVolume i, MinLimitOrderVolume i, MaxMarketOrderVolume i, ' +
    'MinMarketOrderVolume i, VolumeMultiple i, PriceTick d, Currency c, LongPosLimit i, ShortPosLimit i, ' +
    'LowerLimitPrice d, UpperLimitPrice d, PreSettlementPrice d, InstrumentStatus c, CreateDate c9, ' +
    'OpenDate c9, ExpireDate c9, StartDelivDate c9, EndDelivDate c9, BasisPrice d, IsTrading i, ' +
    'UnderlyingInstrID c31, UnderlyingMultiple i, PositionType c, StrikePrice d, OptionsType c, CurrencyID c5, ' +
    legs,
  QryInvestorAccount: 'BrokerID c11, UserID c16, InvestorID c19',
  RspInvestorAccount:
    'BrokerID c11, InvestorID c19, AccountID c13, PreBalance d, Deposit d, Withdraw d, FrozenMargin d, ' +
    'FrozenFee d, FrozenPremium d, Fee d, CloseProfit d, PositionProfit d, Available d, LongFrozenMargin d, ' +
    'ShortFrozenMargin d, LongMargin d, ShortMargin d, ReleaseMargin d, DynamicRights d, TodayInOut d, ' +
    'Margin d, Premium d, Risk d',
  QryInvestorPosition: 'BrokerID c11, UserID c16, ExchangeID c11, InvestorID c19, InstrumentID c31',
  RspInvestorPosition:
    'InvestorID c19, BrokerID c11, ExchangeID c11, ClientID c19, InstrumentID c31, Direction c, HedgeFlag c, ' +
    'UsedMargin d, Position i, PositionCost d, YdPosition i, YdPositionCost d, FrozenMargin d, ' +
    'FrozenPosition i, FrozenClosing i, YdFrozenClosing i, FrozenPremium d, LastTradeID c21, ' +
    'LastOrderLocalID c13, SpeculationPosition i, ArbitragePosition i, HedgePosition i, SpecFrozenClosing i, ' +
    'HedgeFrozenClosing i, Currency c5',
  // Later FEMAS releases appended OrderStatus, OrderType, ClientID: only the leading fields are ever set and
  // the request buffer is written with room to spare (zero = "all").
  QryOrder: 'BrokerID c11, UserID c16, ExchangeID c11, InvestorID c19, OrderSysID c31, InstrumentID c31',
  QryTrade: 'BrokerID c11, UserID c16, ExchangeID c11, InvestorID c19, TradeID c21, InstrumentID c31',
  InputOrder: `${inputOrderHead}, ClientID c19`,
  OrderAction:
    'ExchangeID c11, OrderSysID c31, BrokerID c11, InvestorID c19, UserID c16, UserOrderActionLocalID c21, ' +
    'UserOrderLocalID c21, ActionFlag c, LimitPrice d, VolumeChange i, BusinessLocalID i, ClientID c19',
  Order:
    `${inputOrderHead}, TradingDay c9, ParticipantID c11, OrderUserID c16, ClientID c19, SeatID c13, ` +
    'InsertTime c9, OrderLocalID c13, OrderSource c, OrderStatus c, CancelTime c9, CancelUserID c16, ' +
    'VolumeTraded i, VolumeRemain i, OrderType c, DeliveryFlag c',
  Trade:
    'BrokerID c11, ExchangeID c11, TradingDay c9, ParticipantID c11, SeatID c13, InvestorID c19, ClientID c19, ' +
    'UserID c16, OrderUserID c16, TradeID c21, OrderSysID c31, UserOrderLocalID c21, InstrumentID c31, ' +
    'Direction c, OffsetFlag c, HedgeFlag c, TradePrice d, TradeVolume i, TradeTime c9, ClearingPartID c11, ' +
    'UsedFee d, UsedMargin d, Premium d, Position i, PositionCost d, Available d, Margin d, FrozenMargin d, ' +
    'BusinessLocalID i, ActionDay c9, ArbiType c, ArbiInstrumentID c31',
  // The investor's fee and margin rates (投资者手续费率 / 保证金率): per instrument or product, by money (Rate) and
  // by volume (Amt); FEMAS 1.0's requests end with ClientID, its answers with HedgeFlag.
  QryInvestorFee: 'BrokerID c11, UserID c16, InvestorID c19, ExchangeID c11, InstrumentID c31, ClientID c19',
  InvestorFee:
    'BrokerID c11, ClientID c19, ExchangeID c11, InstrumentID c31, ProductID c13, OpenFeeRate d, OpenFeeAmt d, ' +
    'OffsetFeeRate d, OffsetFeeAmt d, OTFeeRate d, OTFeeAmt d, ExecFeeRate d, ExecFeeAmt d, PerOrderAmt d, ' +
    'PerCancelAmt d, HedgeFlag c',
  QryInvestorMargin:
    'BrokerID c11, UserID c16, InvestorID c19, ExchangeID c11, InstrumentID c31, ClientID c19',
  InvestorMargin:
    'BrokerID c11, ClientID c19, ExchangeID c11, InstrumentID c31, ProductID c13, LongMarginRate d, ' +
    'LongMarginAmt d, ShortMarginRate d, ShortMarginAmt d, HedgeFlag c',
  SpecificInstrument: 'InstrumentID c31',
  DepthMarketData:
    'TradingDay c9, SettlementGroupID c9, SettlementID i, PreSettlementPrice d, PreClosePrice d, ' +
    'PreOpenInterest d, PreDelta d, OpenPrice d, HighestPrice d, LowestPrice d, ClosePrice d, ' +
    'UpperLimitPrice d, LowerLimitPrice d, SettlementPrice d, CurrDelta d, LastPrice d, Volume i, Turnover d, ' +
    'OpenInterest d, BidPrice1 d, BidVolume1 i, AskPrice1 d, AskVolume1 i, BidPrice2 d, BidVolume2 i, ' +
    'BidPrice3 d, BidVolume3 i, AskPrice2 d, AskVolume2 i, AskPrice3 d, AskVolume3 i, BidPrice4 d, ' +
    'BidVolume4 i, BidPrice5 d, BidVolume5 i, AskPrice4 d, AskVolume4 i, AskPrice5 d, AskVolume5 i, ' +
    'InstrumentID c31, UpdateTime c9, UpdateMillisec i, ActionDay c9, HisHighestPrice d, HisLowestPrice d, ' +
    'LatestVolume i, InitVolume i, ChangeVolume i, BidImplyVolume i, AskImplyVolume i, AvgPrice d, ArbiType c, ' +
    'InstrumentID_1 c31, InstrumentID_2 c31, InstrumentName c31, TotalBidVolume i, TotalAskVolume i',
} as const;

export type FemasStructName = keyof typeof FEMAS_SPECS;
export type FemasRecord = NativeRecord;
export type FemasStructSet = StructSet<FemasStructName>;

let cached: FemasStructSet | undefined;

/** FEMAS's structs; text is GBK. */
export function femasStructs(): FemasStructSet {
  cached ??= defineStructs(FEMAS_SPECS, { encoding: 'gbk' });
  return cached;
}

/** The vendor's C++ name of a struct. */
export const femasStructName = (name: FemasStructName): string => `CUstpFtdc${name}Field`;

/** C++ declarations of the same structs (for the simulated library and the layout test); vendor names. */
export function femasCppDeclarations(): string {
  return declare(femasStructs(), femasStructName);
}
