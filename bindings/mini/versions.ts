// One table per distinct CTP Mini ABI. Mini keeps CTP's class names (CThostFtdcTraderApi, CThostFtdcMdApi)
// and factory symbols but has its own classes: far fewer methods, `Init(bool bContinuous)`, no settlement
// confirmation from 1.6.0 on. Slots from the public Mini headers of each release (vnpy/vnpy_mini history:
// 1.5.6 at 3343d98, 1.6.0 at 58b832c, 1.6.3 at baaebd8; slot i = i-th declared virtual, no virtual
// destructors); the 1.6.3 trader and md vtable sizes (55, 12) match the real V1.6.3 library's exported
// vtables. A version that is not here is refused, and so is a library whose exported vtables do not match
// its version's table: a CTP library reporting a Mini version, or the reverse, never gets called.
import { supportedVersions } from '../native/abi.js';
import type { CtpAbi, MdAbi } from '../ctp/versions.js';

// 1.5.6: CTP 6.3-like trader class with Mini's own additions (ReqUserLoginEncrypt at 12, ReqTransFund).
const api156 = {
  Release: 0, Init: 1, GetTradingDay: 3, RegisterFront: 4, RegisterSpi: 7, SubscribePrivateTopic: 8,
  SubscribePublicTopic: 9, ReqAuthenticate: 10, ReqUserLogin: 11, ReqOrderInsert: 16, ReqOrderAction: 19,
  ReqSettlementInfoConfirm: 21, ReqQryOrder: 33, ReqQryTrade: 34, ReqQryInvestorPosition: 35,
  ReqQryTradingAccount: 36, ReqQryInstrumentMarginRate: 39, ReqQryInstrumentCommissionRate: 40,
  ReqQryInstrument: 43,
} as const; // prettier-ignore
const spi156 = {
  OnFrontConnected: 0, OnFrontDisconnected: 1, OnRspAuthenticate: 3, OnRspUserLogin: 4, OnRspOrderInsert: 8,
  OnRspOrderAction: 11, OnRspSettlementInfoConfirm: 13, OnRspQryOrder: 25, OnRspQryTrade: 26,
  OnRspQryInvestorPosition: 27, OnRspQryTradingAccount: 28, OnRspQryInstrumentMarginRate: 31,
  OnRspQryInstrumentCommissionRate: 32, OnRspQryInstrument: 35, OnRspError: 59,
  OnRtnOrder: 60, OnRtnTrade: 61, OnErrRtnOrderInsert: 62, OnErrRtnOrderAction: 63,
} as const; // prettier-ignore

// 1.6.0: the class was cut down (no name server, password, parked-order, settlement or bank methods).
const api160 = {
  Release: 0, Init: 1, GetTradingDay: 3, RegisterFront: 4, RegisterSpi: 5, SubscribePrivateTopic: 6,
  SubscribePublicTopic: 7, ReqAuthenticate: 8, ReqUserLogin: 9, ReqOrderInsert: 12, ReqOrderAction: 13,
  ReqQryOrder: 23, ReqQryTrade: 24, ReqQryInvestorPosition: 25, ReqQryTradingAccount: 26, ReqQryInstrumentMarginRate: 29,
  ReqQryInstrumentCommissionRate: 30, ReqQryInstrument: 33,
} as const; // prettier-ignore
const spi160 = {
  OnFrontConnected: 0, OnFrontDisconnected: 1, OnRspAuthenticate: 3, OnRspUserLogin: 4, OnRspOrderInsert: 6,
  OnRspOrderAction: 7, OnRspQryOrder: 17, OnRspQryTrade: 18, OnRspQryInvestorPosition: 19,
  OnRspQryTradingAccount: 20, OnRspQryInstrumentMarginRate: 23, OnRspQryInstrumentCommissionRate: 24,
  OnRspQryInstrument: 27, OnRspError: 44, OnRtnOrder: 45, OnRtnTrade: 46,
  OnErrRtnOrderInsert: 47, OnErrRtnOrderAction: 48,
} as const; // prettier-ignore

// 1.6.3: flow-control warning subscription inserted at 8 (two methods) and ReqMKBatchOrderAction at 16; the
// SPI gained their callbacks at 3-4 and 10, lost OnRspQryInvestorPositionCombineDetail and gained
// OnRspQryInvestorProdSPBMDetail and OnRspQryTraderOffer before OnRspError.
const api163 = {
  Release: 0, Init: 1, GetTradingDay: 3, RegisterFront: 4, RegisterSpi: 5, SubscribePrivateTopic: 6,
  SubscribePublicTopic: 7, ReqAuthenticate: 10, ReqUserLogin: 11, ReqOrderInsert: 14, ReqOrderAction: 15,
  ReqQryOrder: 26, ReqQryTrade: 27, ReqQryInvestorPosition: 28, ReqQryTradingAccount: 29, ReqQryInstrumentMarginRate: 32,
  ReqQryInstrumentCommissionRate: 33, ReqQryInstrument: 36,
} as const; // prettier-ignore
const spi163 = {
  OnFrontConnected: 0, OnFrontDisconnected: 1, OnRspAuthenticate: 5, OnRspUserLogin: 6, OnRspOrderInsert: 8,
  OnRspOrderAction: 9, OnRspQryOrder: 20, OnRspQryTrade: 21, OnRspQryInvestorPosition: 22,
  OnRspQryTradingAccount: 23, OnRspQryInstrumentMarginRate: 26, OnRspQryInstrumentCommissionRate: 27,
  OnRspQryInstrument: 30, OnRspError: 48, OnRtnOrder: 49, OnRtnTrade: 50,
  OnErrRtnOrderInsert: 51, OnErrRtnOrderAction: 52,
} as const; // prettier-ignore

const mdSpi = {
  OnFrontConnected: 0, OnFrontDisconnected: 1, OnRspUserLogin: 3, OnRspError: 5, OnRspSubMarketData: 6,
  OnRtnDepthMarketData: 10,
} as const; // prettier-ignore
const md156 = {
  api: {
    slots: 14,
    at: { Release: 0, Init: 1, RegisterFront: 4, RegisterSpi: 7, SubscribeMarketData: 8, ReqUserLogin: 12 },
  },
  spi: { slots: 13, at: mdSpi },
};
const md16 = {
  api: {
    slots: 12,
    at: { Release: 0, Init: 1, RegisterFront: 4, RegisterSpi: 5, SubscribeMarketData: 6, ReqUserLogin: 10 },
  },
  spi: { slots: 13, at: mdSpi },
};

export const MINI_ABIS: readonly CtpAbi[] = [
  {
    versions: ['1.5.6'],
    generation: 'mini',
    traderApi: { slots: 76, at: api156 },
    traderSpi: { slots: 107, at: spi156 },
    productionModeFlag: false,
  },
  {
    versions: ['1.6.0'],
    generation: 'mini',
    traderApi: { slots: 51, at: api160 },
    traderSpi: { slots: 64, at: spi160 },
    productionModeFlag: false,
  },
  {
    versions: ['1.6.3'],
    generation: 'mini',
    traderApi: { slots: 55, at: api163 },
    traderSpi: { slots: 69, at: spi163 },
    productionModeFlag: false,
  },
];

export const MINI_MD_ABIS: readonly MdAbi[] = [
  { versions: ['1.5.6'], generation: 'mini', ...md156 },
  { versions: ['1.6.0', '1.6.3'], generation: 'mini', ...md16 },
];

export const SUPPORTED_MINI_VERSIONS: readonly string[] = supportedVersions(MINI_ABIS);
export const SUPPORTED_MINI_MD_VERSIONS: readonly string[] = supportedVersions(MINI_MD_ABIS);
