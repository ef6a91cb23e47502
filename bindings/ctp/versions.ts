// One table per distinct CTP ABI: virtual-method slots of the methods vnt calls and the callbacks it handles,
// each class's total slot count (checked against the size of the library's exported vtable), the struct
// generation and the factory symbols. Slot facts come from the public per-version documentation of the
// classes (slot i = i-th declared virtual; no virtual destructors). A version that is not here is refused.
import { supportedVersions, type Versioned } from '../native/abi.js';
import { staticMemberSymbol, vtableSymbol } from '../native/elf.js';
import { shiftSlots as shift, type ClassTable } from '../native/vtable.js';
import type { Generation } from './structs.js';

export type { ClassTable };
export { vtableSymbol };

export type TraderMethod =
  | 'Release'
  | 'Init'
  | 'GetTradingDay'
  | 'RegisterFront'
  | 'RegisterSpi'
  | 'SubscribePrivateTopic'
  | 'SubscribePublicTopic'
  | 'ReqAuthenticate'
  | 'ReqUserLogin'
  | 'ReqOrderInsert'
  | 'ReqOrderAction'
  | 'ReqSettlementInfoConfirm'
  | 'ReqQryOrder'
  | 'ReqQryTrade'
  | 'ReqQryInvestorPosition'
  | 'ReqQryTradingAccount'
  | 'ReqQryInstrument'
  | 'ReqQryInstrumentMarginRate'
  | 'ReqQryInstrumentCommissionRate';

export type TraderCallback =
  | 'OnFrontConnected'
  | 'OnFrontDisconnected'
  | 'OnRspAuthenticate'
  | 'OnRspUserLogin'
  | 'OnRspOrderInsert'
  | 'OnRspOrderAction'
  | 'OnRspSettlementInfoConfirm'
  | 'OnRspQryOrder'
  | 'OnRspQryTrade'
  | 'OnRspQryInvestorPosition'
  | 'OnRspQryTradingAccount'
  | 'OnRspQryInstrument'
  | 'OnRspQryInstrumentMarginRate'
  | 'OnRspQryInstrumentCommissionRate'
  | 'OnRspError'
  | 'OnRtnOrder'
  | 'OnRtnTrade'
  | 'OnErrRtnOrderInsert'
  | 'OnErrRtnOrderAction';

export type MdMethod =
  'Release' | 'Init' | 'RegisterFront' | 'RegisterSpi' | 'SubscribeMarketData' | 'ReqUserLogin';
export type MdCallback =
  | 'OnFrontConnected'
  | 'OnFrontDisconnected'
  | 'OnRspUserLogin'
  | 'OnRspError'
  | 'OnRspSubMarketData'
  | 'OnRtnDepthMarketData';

export interface MdAbi extends Versioned {
  generation: Generation;
  api: ClassTable<MdMethod>;
  spi: ClassTable<MdCallback>;
}

export interface CtpAbi extends Versioned {
  /** The versions (major.minor.patch as GetApiVersion prints them) this table serves. */
  versions: readonly string[];
  generation: Generation;
  /** Settlement confirmation is absent from CTP Mini 1.6 (its counters need none). */
  traderApi: ClassTable<TraderMethod, 'ReqSettlementInfoConfirm'>;
  traderSpi: ClassTable<TraderCallback, 'OnRspSettlementInfoConfirm'>;
  /** 6.7.11 added `bool bIsProductionMode` to both factories. */
  productionModeFlag: boolean;
}

export const TRADER_CLASS = 'CThostFtdcTraderApi';
export const MD_CLASS = 'CThostFtdcMdApi';

/** Itanium-mangled names of the factories: 6.7.11 appended `bool bIsProductionMode` to both. */
export function factorySymbols(abi: { productionModeFlag: boolean }): { trader: string; md: string } {
  const b = abi.productionModeFlag ? 'b' : '';
  return {
    trader: staticMemberSymbol(TRADER_CLASS, 'CreateFtdcTraderApi', `PKc${b}`),
    md: staticMemberSymbol(MD_CLASS, 'CreateFtdcMdApi', `PKcbb${b}`),
  };
}

/** The static GetApiVersion() of each class; the same in every version. */
export const VERSION_SYMBOLS = {
  trader: staticMemberSymbol(TRADER_CLASS, 'GetApiVersion', 'v'),
  md: staticMemberSymbol(MD_CLASS, 'GetApiVersion', 'v'),
} as const;

// Trader API slots: 6.3.15-6.6.9 share the first 51; 6.7.x inserted GetFrontInfo at 4 (+1 from RegisterFront);
// 6.7.11 inserted the two Wechat methods at 14 and ReqQryUserSession at 51.
const api63 = {
  Release: 0, Init: 1, GetTradingDay: 3, RegisterFront: 4, RegisterSpi: 7, SubscribePrivateTopic: 8,
  SubscribePublicTopic: 9, ReqAuthenticate: 10, ReqUserLogin: 13, ReqOrderInsert: 23, ReqOrderAction: 26,
  ReqSettlementInfoConfirm: 28, ReqQryOrder: 40, ReqQryTrade: 41, ReqQryInvestorPosition: 42,
  ReqQryTradingAccount: 43, ReqQryInstrumentMarginRate: 46, ReqQryInstrumentCommissionRate: 47, ReqQryInstrument: 50,
} as const; // prettier-ignore
const api677 = shift(api63, 4, 1);
const api6711 = { ...shift(api677, 14, 2), ReqQryInstrument: 54 };

// Trader SPI slots: 6.6.9 inserted OnRspQryTraderOffer after OnRspQryDepthMarketData; 6.7.11 inserted
// OnRspQryUserSession at 36; 6.7.13 inserted OnRtnPrivateSeqNo at 4.
const spi63 = {
  OnFrontConnected: 0, OnFrontDisconnected: 1, OnRspAuthenticate: 3, OnRspUserLogin: 4, OnRspOrderInsert: 11,
  OnRspOrderAction: 14, OnRspSettlementInfoConfirm: 16, OnRspQryOrder: 28, OnRspQryTrade: 29,
  OnRspQryInvestorPosition: 30, OnRspQryTradingAccount: 31, OnRspQryInstrumentMarginRate: 34,
  OnRspQryInstrumentCommissionRate: 35, OnRspQryInstrument: 38, OnRspError: 72, OnRtnOrder: 73,
  OnRtnTrade: 74, OnErrRtnOrderInsert: 75, OnErrRtnOrderAction: 76,
} as const; // prettier-ignore
const spi669 = shift(spi63, 40, 1);
const spi6711 = shift(spi669, 36, 1);
const spi6713 = shift(spi6711, 4, 1);

const mdApi = {
  Release: 0,
  Init: 1,
  RegisterFront: 4,
  RegisterSpi: 7,
  SubscribeMarketData: 8,
  ReqUserLogin: 12,
};
const mdSpiOld = {
  OnFrontConnected: 0, OnFrontDisconnected: 1, OnRspUserLogin: 3, OnRspError: 5, OnRspSubMarketData: 6,
  OnRtnDepthMarketData: 10,
} as const; // prettier-ignore
// OnRspQryMulticastInstrument inserted at 5 (6.3.15 shipped with and without it).
const mdMulticast = { api: { slots: 15, at: mdApi }, spi: { slots: 13, at: shift(mdSpiOld, 5, 1) } };
const mdOld = { api: { slots: 14, at: mdApi }, spi: { slots: 12, at: mdSpiOld } };

/**
 * MdApi tables by the md library's own version (an SDK's md library often reports another version than its
 * trader). Two tables for one version are told apart by the exported MdApi vtable size. Every MdApi from
 * 6.3.19 to 6.7.13 has the same 15/13 slots (6.5.1 and 6.6.7 headers identical; 6.6.1 lies between them);
 * the factories' bIsProductionMode (6.7.11+) is found from the exported symbol.
 */
export const MD_ABIS: readonly MdAbi[] = [
  { versions: ['6.3.15'], generation: 'legacy', ...mdMulticast },
  { versions: ['6.3.15'], generation: 'legacy', ...mdOld },
  { versions: ['6.3.19'], generation: 'legacy', ...mdMulticast },
  {
    versions: [
      '6.5.1',
      '6.6.1',
      '6.6.7',
      '6.6.9',
      '6.7.0',
      '6.7.1',
      '6.7.2',
      '6.7.7',
      '6.7.8',
      '6.7.9',
      '6.7.10',
    ],
    generation: 'modern',
    ...mdMulticast,
  },
  { versions: ['6.7.11', '6.7.13'], generation: 'modern', ...mdMulticast },
];

export const SUPPORTED_MD_VERSIONS: readonly string[] = [...new Set(supportedVersions(MD_ABIS))];

export const ABIS: readonly CtpAbi[] = [
  {
    versions: ['6.3.15', '6.3.19'],
    generation: 'legacy',
    traderApi: { slots: 94, at: api63 },
    traderSpi: { slots: 125, at: spi63 },
    productionModeFlag: false,
  },
  {
    versions: ['6.5.1'],
    generation: 'modern',
    traderApi: { slots: 96, at: api63 },
    traderSpi: { slots: 127, at: spi63 },
    productionModeFlag: false,
  },
  // 6.6.1 appended ReqQryRiskSettleInvstPosition/ProductStatus (and their callbacks) to 6.5.1's classes; 6.6.7
  // also inserted ReqQryTraderOffer at 52 (after every method vnt calls) and OnRspQryTraderOffer at SPI 40.
  {
    versions: ['6.6.1'],
    generation: 'modern',
    traderApi: { slots: 98, at: api63 },
    traderSpi: { slots: 129, at: spi63 },
    productionModeFlag: false,
  },
  {
    versions: ['6.6.7'],
    generation: 'modern',
    traderApi: { slots: 99, at: api63 },
    traderSpi: { slots: 130, at: spi669 },
    productionModeFlag: false,
  },
  {
    versions: ['6.6.9'],
    generation: 'modern',
    traderApi: { slots: 107, at: api63 },
    traderSpi: { slots: 138, at: spi669 },
    productionModeFlag: false,
  },
  {
    versions: ['6.7.7'],
    generation: 'modern',
    traderApi: { slots: 125, at: api677 },
    traderSpi: { slots: 155, at: spi669 },
    productionModeFlag: false,
  },
  {
    versions: ['6.7.9'],
    generation: 'modern',
    traderApi: { slots: 127, at: api677 },
    traderSpi: { slots: 157, at: spi669 },
    productionModeFlag: false,
  },
  {
    versions: ['6.7.11'],
    generation: 'modern',
    traderApi: { slots: 133, at: api6711 },
    traderSpi: { slots: 164, at: spi6711 },
    productionModeFlag: true,
  },
  {
    versions: ['6.7.13'],
    generation: 'modern',
    traderApi: { slots: 140, at: api6711 },
    traderSpi: { slots: 178, at: spi6713 },
    productionModeFlag: true,
  },
];

export const SUPPORTED_VERSIONS: readonly string[] = supportedVersions(ABIS);

/** "v6.7.11_20250617 15:33:40", "V6_6_9", "openctp-tts v6.7.11" → "6.7.11" / "6.6.9"; null without a number. */
export { parseVersion as parseApiVersion } from '../native/abi.js';

export function abiForVersion(version: string): CtpAbi | undefined {
  return ABIS.find((a) => a.versions.includes(version));
}
