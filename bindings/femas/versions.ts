// FEMAS (飞马, USTP) classes: CUstpFtdcTraderApi/Spi and CUstpFtdcMduserApi/Spi, slots from the public
// FEMAS 1.0 headers (vnpy/vnpy_femas vnpy_femas/api/include/femas/, summarised in the shared reference
// vendor-vtables.md: slot i = i-th declared virtual, no virtual destructors). Unlike CTP the version comes
// from the static GetVersion(int &major, int &minor), so a table is keyed by "major.minor". A version that
// is not here is refused, and so is a library whose exported vtables do not match the table.
import { supportedVersions, type Versioned } from '../native/abi.js';
import { staticMemberSymbol } from '../native/elf.js';
import type { ClassTable } from '../native/vtable.js';

export type FemasTraderMethod =
  | 'Release'
  | 'Init'
  | 'GetTradingDay'
  | 'RegisterFront'
  | 'RegisterSpi'
  | 'SubscribePrivateTopic'
  | 'SubscribePublicTopic'
  | 'SubscribeUserTopic'
  | 'ReqUserLogin'
  | 'ReqOrderInsert'
  | 'ReqOrderAction'
  | 'ReqQryOrder'
  | 'ReqQryTrade'
  | 'ReqQryUserInvestor'
  | 'ReqQryInvestorAccount'
  | 'ReqQryInstrument'
  | 'ReqQryInvestorPosition'
  | 'ReqQryInvestorFee'
  | 'ReqQryInvestorMargin'
  | 'ReqDSUserCertification';

export type FemasTraderCallback =
  | 'OnFrontConnected'
  | 'OnFrontDisconnected'
  | 'OnRspError'
  | 'OnRspUserLogin'
  | 'OnRspOrderInsert'
  | 'OnRspOrderAction'
  | 'OnRtnTrade'
  | 'OnRtnOrder'
  | 'OnErrRtnOrderInsert'
  | 'OnErrRtnOrderAction'
  | 'OnRspQryOrder'
  | 'OnRspQryTrade'
  | 'OnRspQryUserInvestor'
  | 'OnRspQryInvestorAccount'
  | 'OnRspQryInstrument'
  | 'OnRspQryInvestorPosition'
  | 'OnRspQryInvestorFee'
  | 'OnRspQryInvestorMargin'
  | 'OnRspDSUserCertification';

export type FemasMdMethod =
  | 'Release'
  | 'Init'
  | 'RegisterFront'
  | 'RegisterSpi'
  | 'SubscribeMarketDataTopic'
  | 'SubMarketData'
  | 'ReqUserLogin';
export type FemasMdCallback =
  | 'OnFrontConnected'
  | 'OnFrontDisconnected'
  | 'OnRspError'
  | 'OnRspUserLogin'
  | 'OnRtnDepthMarketData'
  | 'OnRspSubMarketData';

export interface FemasAbi extends Versioned {
  traderApi: ClassTable<FemasTraderMethod>;
  traderSpi: ClassTable<FemasTraderCallback>;
  mdApi: ClassTable<FemasMdMethod>;
  mdSpi: ClassTable<FemasMdCallback>;
}

export const TRADER_CLASS = 'CUstpFtdcTraderApi';
export const MD_CLASS = 'CUstpFtdcMduserApi';

/** Factories take the flow path only; GetVersion(int &, int &) returns text and fills major and minor. */
export const FEMAS_SYMBOLS = {
  createTrader: staticMemberSymbol(TRADER_CLASS, 'CreateFtdcTraderApi', 'PKc'),
  createMd: staticMemberSymbol(MD_CLASS, 'CreateFtdcMduserApi', 'PKc'),
  traderVersion: staticMemberSymbol(TRADER_CLASS, 'GetVersion', 'RiS0_'),
  mdVersion: staticMemberSymbol(MD_CLASS, 'GetVersion', 'RiS0_'),
} as const;

const traderApi10 = {
  Release: 0, Init: 1, GetTradingDay: 3, RegisterFront: 4, RegisterSpi: 7, SubscribePrivateTopic: 9,
  SubscribePublicTopic: 10, SubscribeUserTopic: 11, ReqUserLogin: 17, ReqOrderInsert: 20, ReqOrderAction: 21,
  ReqQryOrder: 27, ReqQryTrade: 28, ReqQryUserInvestor: 29, ReqQryInvestorAccount: 31, ReqQryInstrument: 32,
  ReqQryInvestorPosition: 34, ReqQryInvestorFee: 36, ReqQryInvestorMargin: 37, ReqDSUserCertification: 46,
} as const; // prettier-ignore
// Not CTP's order: OnQryFrontConnected sits between the connection callbacks, OnRtnTrade comes before
// OnRtnOrder, and the query answers follow the push callbacks.
const traderSpi10 = {
  OnFrontConnected: 0, OnFrontDisconnected: 2, OnRspError: 7, OnRspUserLogin: 8, OnRspOrderInsert: 11,
  OnRspOrderAction: 12, OnRtnTrade: 19, OnRtnOrder: 20, OnErrRtnOrderInsert: 21, OnErrRtnOrderAction: 22,
  OnRspQryOrder: 33, OnRspQryTrade: 34, OnRspQryUserInvestor: 35, OnRspQryInvestorAccount: 37,
  OnRspQryInstrument: 38, OnRspQryInvestorPosition: 40, OnRspQryInvestorFee: 42, OnRspQryInvestorMargin: 43,
  OnRspDSUserCertification: 56,
} as const; // prettier-ignore
const mdApi10 = {
  Release: 0, Init: 1, RegisterFront: 6, RegisterSpi: 8, SubscribeMarketDataTopic: 10, SubMarketData: 11,
  ReqUserLogin: 16,
} as const; // prettier-ignore
const mdSpi10 = {
  OnFrontConnected: 0, OnFrontDisconnected: 1, OnRspError: 5, OnRspUserLogin: 6, OnRtnDepthMarketData: 8,
  OnRspSubMarketData: 9,
} as const; // prettier-ignore

export const FEMAS_ABIS: readonly FemasAbi[] = [
  {
    versions: ['1.0'],
    traderApi: { slots: 48, at: traderApi10 },
    traderSpi: { slots: 58, at: traderSpi10 },
    mdApi: { slots: 18, at: mdApi10 },
    mdSpi: { slots: 13, at: mdSpi10 },
  },
];

export const SUPPORTED_FEMAS_VERSIONS: readonly string[] = supportedVersions(FEMAS_ABIS);
