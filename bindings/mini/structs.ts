// The CThostFtdc* structs of CTP Mini (V1.5.6, V1.6.0, V1.6.3), in the field-spec notation of
// bindings/native/structs.ts. Facts from the public Mini headers (vnpy/vnpy_mini, vnpy_mini/api/include/mini/,
// per version in its history): InstrumentID is char[81] and leads the instrument-keyed structs, there is no
// reserve field, and several structs are shorter than CTP's (no ExchangeID in InvestorPosition, no
// InvestUnitID in Trade, no ClientIPPort in ReqUserLogin). The three releases differ only in fields appended
// at the end (RspInfo.RecordCount, TradingAccount.FrozenPartition, DepthMarketData.Banding*), which vnt never
// reads, so one layout serves them all: it stops at the last field vnt uses.
import {
  actionHead,
  depthBody,
  inputOrderMid,
  instrumentMid,
  loginHead,
  orderBody,
  orderTail,
  positionBody,
  shared,
  tradeMid,
  tradeTail,
  marginRateBody,
  commissionRateBody,
} from '../ctp/fields.js';

/** CTP's position body up to AbandonFrozen: Mini's InvestorPosition ends there. */
const miniPositionBody = positionBody.slice(0, positionBody.indexOf(', ExchangeID c9'));
/** CTP's trade tail without the InvestUnitID that Mini's Trade lacks. */
const miniTradeTail = tradeTail.replace(/, InvestUnitID c17$/, '');

export const MINI_SPECS = {
  ...shared,
  SettlementInfoConfirm: 'BrokerID c11, InvestorID c13, ConfirmDate c9, ConfirmTime c9',
  QryTradingAccount: 'BrokerID c11, InvestorID c13, CurrencyID c4',
  ReqUserLogin: `${loginHead}, ClientIPAddress c16, LoginRemark c36`,
  QryInstrument: 'InstrumentID c81, ExchangeID c9, ExchangeInstID c81, ProductID c81',
  Instrument:
    'InstrumentID c81, ExchangeID c9, InstrumentName c21, ExchangeInstID c81, ProductID c81, ' +
    `${instrumentMid}, UnderlyingInstrID c81, StrikePrice d, OptionsType c, UnderlyingMultiple d, CombinationType c`,
  QryInvestorPosition: 'BrokerID c11, InvestorID c13, InstrumentID c81',
  InvestorPosition: `InstrumentID c81, ${miniPositionBody}`,
  InputOrder: `BrokerID c11, InvestorID c13, InstrumentID c81, ${orderBody}, ${inputOrderMid}, IPAddress c16, MacAddress c21`,
  InputOrderAction: `${actionHead}, InstrumentID c81, InvestUnitID c17, IPAddress c16, MacAddress c21`,
  Order:
    `BrokerID c11, InvestorID c13, InstrumentID c81, ${orderBody}, OrderLocalID c13, ExchangeID c9, ` +
    `ParticipantID c11, ClientID c11, ExchangeInstID c81, ${orderTail}, IPAddress c16, MacAddress c21`,
  Trade: `BrokerID c11, InvestorID c13, InstrumentID c81, ${tradeMid}, ExchangeInstID c81, ${miniTradeTail}`,
  SpecificInstrument: 'InstrumentID c81',
  DepthMarketData: `TradingDay c9, InstrumentID c81, ExchangeID c9, ExchangeInstID c81, ${depthBody}`,
  QryInstrumentMarginRate: 'BrokerID c11, InvestorID c13, InstrumentID c81, HedgeFlag c',
  InstrumentMarginRate: `InstrumentID c81, ${marginRateBody}`,
  QryInstrumentCommissionRate: 'BrokerID c11, InvestorID c13, InstrumentID c81',
  InstrumentCommissionRate: `InstrumentID c81, ${commissionRateBody}`,
} as const;
