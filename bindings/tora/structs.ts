// The TORA structs vnt reads and writes, for the two TORA releases whose layouts are known: "4.0" (trader API
// 4.0.8, XMd 1.0.5) and "4.1" (trader API 4.1.6, XMd 1.0.9). Declared from the documented field facts (name,
// C type, order: vnpy/vnpy_tora TORATstpUserApiStruct.h / TORATstpXMdApiStruct.h at 60df656 and 3b84909),
// never from vendor headers. Between the two releases Huaxin only appended fields, so each set is a common
// body plus the fields 4.1 added at the end; a struct read from a 4.0 library is never read past its end.
// The trader (TORASTOCKAPI) and Level-1 market data (TORALEV1API) namespaces declare different structs under
// the same names (ReqUserLogin has no UserRequestID in XMd), so they are two sets. Text is GBK.
import {
  cppDeclarations as declare,
  defineStructs,
  type NativeRecord,
  type NativeStruct,
  type StructSet as NativeStructSet,
} from '../native/structs.js';

export type Generation = '4.0' | '4.1';
export type ToraRecord = NativeRecord;

// Field specs (bindings/native/structs.ts): "Name c11" = char[11], "Name c" = char, "Name i" = int,
// "Name d" = double, "Name q" = long long.
const trader40 = {
  ReqUserLogin:
    'UserRequestID i, LogInAccount c21, LogInAccountType c, DepartmentID c11, AuthMode c, Password c41, ' +
    'UserProductInfo c11, InterfaceProductInfo c33, TerminalInfo c256, InnerIPAddress c16, OuterIPAddress c16, ' +
    'MacAddress c21, Lang c, DynamicPassword c41, DeviceID c129, CertSerial c129, DeviceType c, NodeRef i',
  RspUserLogin:
    'UserRequestID i, DepartmentID c11, LogInAccount c21, LogInAccountType c, FrontID i, SessionID i, ' +
    'MaxOrderRef i, PrivateFlowCount i, PublicFlowCount i, LoginTime c9, SystemName c41, TradingDay c9, ' +
    'UserID c16, UserName c81, UserType c, OrderInsertCommFlux i, OrderActionCommFlux i, PasswordExpiryDate c9, ' +
    'NeedUpdatePassword i, CertSerial c129, InnerIPAddress c16, OuterIPAddress c16, MacAddress c21, NodeRef i',
  RspInfo: 'ErrorID i, ErrorMsg c81',
  QrySecurity: 'ExchangeID c, SecurityID c31, ProductID c',
  Security:
    'TradingDay c9, ExchangeID c, SecurityID c31, SecurityName c81, ShortSecurityName c81, ' +
    'UnderlyingSecurityID c31, MarketID c, ProductID c, SecurityType c, OrderUnit c, LimitBuyTradingUnit i, ' +
    'MaxLimitOrderBuyVolume i, MinLimitOrderBuyVolume i, LimitSellTradingUnit i, MaxLimitOrderSellVolume i, ' +
    'MinLimitOrderSellVolume i, MarketBuyTradingUnit i, MaxMarketOrderBuyVolume i, MinMarketOrderBuyVolume i, ' +
    'MarketSellTradingUnit i, MaxMarketOrderSellVolume i, MinMarketOrderSellVolume i, FixPriceBuyTradingUnit i, ' +
    'MaxFixPriceOrderBuyVolume i, MinFixPriceOrderBuyVolume i, FixPriceSellTradingUnit i, ' +
    'MaxFixPriceOrderSellVolume i, MinFixPriceOrderSellVolume i, VolumeMultiple i, PriceTick d, OpenDate c9, ' +
    'ParValue d, SecurityStatus q, BondInterest d, ConversionRate d, TotalEquity d, CirculationEquity d, ' +
    'bPriceLimit i, PreClosePrice d, UpperLimitPrice d, LowerLimitPrice d',
  QryInvestor: 'InvestorID c16',
  // Only the leading fields vnt reads (the vendor struct goes on to a 513-byte remark).
  Investor: 'InvestorID c16, InvestorType c, InvestorName c81',
  QryShareholderAccount: 'InvestorID c16, ExchangeID c, MarketID c, ShareholderID c11, ShareholderIDType c',
  ShareholderAccount:
    'InvestorID c16, ExchangeID c, ShareholderID c11, ShareholderIDType c, MarketID c, BSWhiteListCtl i, MainFlag i',
  QryTradingAccount: 'InvestorID c16, CurrencyID c, AccountID c21, AccountType c, DepartmentID c11',
  TradingAccount:
    'DepartmentID c11, AccountID c21, CurrencyID c, PreDeposit d, UsefulMoney d, FetchLimit d, ' +
    'PreUnDeliveredMoney d, UnDeliveredMoney d, Deposit d, Withdraw d, FrozenCash d, UnDeliveredFrozenCash d, ' +
    'FrozenCommission d, UnDeliveredFrozenCommission d, Commission d, UnDeliveredCommission d, AccountType c, ' +
    'InvestorID c16, BankID c, BankAccountID c31, RoyaltyIn d, RoyaltyOut d, CreditSellAmount d, ' +
    'CreditSellUseAmount d, VirtualAssets d, CreditSellFrozenAmount d, OwnerUnit c16',
  QryPosition: 'ExchangeID c, InvestorID c16, BusinessUnitID c16, SecurityID c31, ShareholderID c11',
  Position:
    'ExchangeID c, InvestorID c16, BusinessUnitID c16, MarketID c, ShareholderID c11, TradingDay c9, ' +
    'SecurityID c31, SecurityName c81, HistoryPos i, HistoryPosFrozen i, TodayBSPos i, TodayBSPosFrozen i, ' +
    'TodayPRPos i, TodayPRPosFrozen i, TodaySMPos i, TodaySMPosFrozen i, HistoryPosPrice d, TotalPosCost d, ' +
    'PrePosition i, AvailablePosition i, CurrentPosition i, OpenPosCost d, CreditBuyPos i, CreditSellPos i, ' +
    'TodayCreditSellPos i, CollateralOutPos i, RepayUntradeVolume i, RepayTransferUntradeVolume i, ' +
    'CollateralBuyUntradeAmount d, CollateralBuyUntradeVolume i, CreditBuyAmount d, CreditBuyUntradeAmount d, ' +
    'CreditBuyFrozenMargin d, CreditBuyInterestFee d, CreditBuyUntradeVolume i, CreditSellAmount d, ' +
    'CreditSellUntradeAmount d, CreditSellFrozenMargin d, CreditSellInterestFee d, CreditSellUntradeVolume i, ' +
    'CollateralInPos i, CreditBuyFrozenCirculateMargin d, CreditSellFrozenCirculateMargin d, CloseProfit d, ' +
    'TodayTotalOpenVolume i, TodayCommission d, TodayTotalBuyAmount d, TodayTotalSellAmount d, PreFrozen i',
  InputOrder:
    'UserRequestID i, ExchangeID c, InvestorID c16, BusinessUnitID c16, ShareholderID c11, SecurityID c31, ' +
    'Direction c, LimitPrice d, VolumeTotalOriginal i, OrderPriceType c, TimeCondition c, VolumeCondition c, ' +
    'Operway c, OrderRef i, LotType c, OrderSysID c21, CondCheck c, GTDate c9, ForceCloseReason c, ' +
    'CreditDebtID c21, CreditQuotaType c, DiscountCouponID i, SInfo c33, IInfo i',
  InputOrderAction:
    'UserRequestID i, ExchangeID c, FrontID i, SessionID i, OrderRef i, OrderSysID c21, ActionFlag c, ' +
    'OrderActionRef i, CancelOrderSysID c21, Operway c, SInfo c33, IInfo i',
  Order:
    'ExchangeID c, InvestorID c16, BusinessUnitID c16, ShareholderID c11, SecurityID c31, Direction c, ' +
    'OrderPriceType c, TimeCondition c, VolumeCondition c, LimitPrice d, VolumeTotalOriginal i, LotType c, ' +
    'GTDate c9, Operway c, CondCheck c, SInfo c33, IInfo i, RequestID i, FrontID i, SessionID i, OrderRef i, ' +
    'OrderLocalID c13, OrderSysID c21, OrderStatus c, OrderSubmitStatus c, StatusMsg c81, VolumeTraded i, ' +
    'VolumeCanceled i, TradingDay c9, InsertUser c16, InsertDate c9, InsertTime c9, AcceptTime c9, ' +
    'CancelUser c16, CancelTime c9, DepartmentID c11, AccountID c21, CurrencyID c, PbuID c11, Turnover d, ' +
    'OrderType c, UserProductInfo c11, ForceCloseReason c, CreditQuotaID c17, CreditQuotaType c, ' +
    'CreditDebtID c21, IPAddress c16, MacAddress c21, RtnFloatInfo d, RtnIntInfo i, RtnFloatInfo1 d, ' +
    'RtnFloatInfo2 d, RtnFloatInfo3 d',
  Trade:
    'ExchangeID c, DepartmentID c11, InvestorID c16, BusinessUnitID c16, ShareholderID c11, SecurityID c31, ' +
    'TradeID c21, Direction c, OrderSysID c21, OrderLocalID c13, Price d, Volume i, TradeDate c9, TradeTime c9, ' +
    'TradingDay c9, PbuID c11, OrderRef i, AccountID c21, CurrencyID c',
  QryOrder:
    'ExchangeID c, InvestorID c16, BusinessUnitID c16, SecurityID c31, ShareholderID c11, OrderSysID c21, ' +
    'InsertTimeStart c9, InsertTimeEnd c9, SInfo c33, IInfo i, IsCancel i',
  QryTrade:
    'ExchangeID c, InvestorID c16, BusinessUnitID c16, SecurityID c31, ShareholderID c11, TradeID c21, ' +
    'TradeTimeStart c9, TradeTimeEnd c9',
};

/** What 4.1.6 appended to the 4.0.8 structs. */
const trader41: typeof trader40 = {
  ...trader40,
  ReqUserLogin: `${trader40.ReqUserLogin}, GwInnerIPAddress c16, GwOuterIPAddress c16, GwMacAddress c21`,
  RspUserLogin: `${trader40.RspUserLogin}, TradeCommFlux i, QueryCommFlux i, OrderCommFlux i`,
  Security: `${trader40.Security}, DayTrading i`,
  Position: `${trader40.Position}, TodayTotalCloseVolume i`,
  Order: `${trader40.Order}, AcceptTimeStamp q`,
};

const md40 = {
  ReqUserLogin:
    'LogInAccount c21, LogInAccountType c, DepartmentID c11, AuthMode c, Password c41, UserProductInfo c11, ' +
    'InterfaceProductInfo c33, TerminalInfo c256, InnerIPAddress c16, OuterIPAddress c16, MacAddress c21, ' +
    'Lang c, DynamicPassword c41, DeviceID c129, CertSerial c129, DeviceType c',
  RspUserLogin:
    'DepartmentID c11, LogInAccount c21, LogInAccountType c, FrontID i, SessionID i, MaxOrderRef i, ' +
    'PrivateFlowCount i, PublicFlowCount i, LoginTime c9, SystemName c41, TradingDay c9, UserID c16, ' +
    'UserName c81, UserType c, OrderInsertCommFlux i, OrderActionCommFlux i, PasswordExpiryDate c9, ' +
    'NeedUpdatePassword i, CertSerial c129, InnerIPAddress c16, OuterIPAddress c16, MacAddress c21',
  RspInfo: 'ErrorID i, ErrorMsg c81',
  SpecificSecurity: 'ExchangeID c, SecurityID c31',
  MarketData:
    'TradingDay c9, SecurityID c31, ExchangeID c, SecurityName c81, PreClosePrice d, OpenPrice d, Volume q, ' +
    'Turnover d, TradingCount q, LastPrice d, HighestPrice d, LowestPrice d, BidPrice1 d, AskPrice1 d, ' +
    'UpperLimitPrice d, LowerLimitPrice d, PERatio1 d, PERatio2 d, PriceUpDown1 d, PriceUpDown2 d, ' +
    'OpenInterest d, BidVolume1 q, AskVolume1 q, BidPrice2 d, BidVolume2 q, AskPrice2 d, AskVolume2 q, ' +
    'BidPrice3 d, BidVolume3 q, AskPrice3 d, AskVolume3 q, BidPrice4 d, BidVolume4 q, AskPrice4 d, ' +
    'AskVolume4 q, BidPrice5 d, BidVolume5 q, AskPrice5 d, AskVolume5 q, UpdateTime c9, UpdateMillisec i, ' +
    'ClosePrice d, SettlementPrice d, MDSecurityStat c, HWLevel i, PreCloseIOPV d, IOPV d',
};

/** What XMd 1.0.9 appended. */
const md41: typeof md40 = {
  ...md40,
  MarketData: `${md40.MarketData}, ETFPurVolume q, ETFPurCount q, ETFRedVolume q, ETFRedCount q`,
};

export type TraderStructName = keyof typeof trader40;
export type MdStructName = keyof typeof md40;
export type TraderStructs = NativeStructSet<TraderStructName>;
export type MdStructs = NativeStructSet<MdStructName>;
export type ToraStruct = NativeStruct<string>;

const traderCache = new Map<Generation, TraderStructs>();
const mdCache = new Map<Generation, MdStructs>();

export function traderStructs(generation: Generation): TraderStructs {
  let set = traderCache.get(generation);
  if (!set) {
    set = defineStructs(generation === '4.0' ? trader40 : trader41, { encoding: 'gbk' });
    traderCache.set(generation, set);
  }
  return set;
}

export function mdStructs(generation: Generation): MdStructs {
  let set = mdCache.get(generation);
  if (!set) {
    set = defineStructs(generation === '4.0' ? md40 : md41, { encoding: 'gbk' });
    mdCache.set(generation, set);
  }
  return set;
}

/** The vendor's C++ name of a struct (the same in both namespaces). */
export const cppStructName = (name: string): string => `CTORATstp${name}Field`;

/** C++ declarations of the trader structs (put inside namespace TORASTOCKAPI by the caller). */
export function cppTraderDeclarations(generation: Generation): string {
  return declare(traderStructs(generation), cppStructName);
}

/** C++ declarations of the XMd structs (inside namespace TORALEV1API). */
export function cppMdDeclarations(generation: Generation): string {
  return declare(mdStructs(generation), cppStructName);
}
