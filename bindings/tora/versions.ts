// One table per TORA release whose classes are known: virtual-method slots of the methods vnt calls and the
// callbacks it handles, each class's slot count (checked against the size of the library's exported vtable),
// and the struct generation. Facts from the public per-release class declarations (vnpy/vnpy_tora at 60df656
// = trader API 4.0.8 / XMd 1.0.5, and 3b84909 = 4.1.6 / 1.0.9; slot i = i-th declared virtual, no virtual
// destructors) and the exported vtable sizes of those releases' Linux libraries (632 bytes = 77 slots, 680 =
// 83; XMd 344 = 41, 360 = 43). A version that is not here is refused: TORA inserts methods mid-class.
import { supportedVersions, type Versioned } from '../native/abi.js';
import { staticMemberSymbol } from '../native/elf.js';
import { shiftSlots as shift, type ClassTable } from '../native/vtable.js';
import type { Generation } from './structs.js';

export type TraderMethod =
  | 'Release'
  | 'Init'
  | 'RegisterFront'
  | 'RegisterSpi'
  | 'SubscribePrivateTopic'
  | 'SubscribePublicTopic'
  | 'ReqUserLogin'
  | 'ReqOrderInsert'
  | 'ReqOrderAction'
  | 'ReqQrySecurity'
  | 'ReqQryInvestor'
  | 'ReqQryShareholderAccount'
  | 'ReqQryOrder'
  | 'ReqQryTrade'
  | 'ReqQryTradingAccount'
  | 'ReqQryPosition';

export type TraderCallback =
  | 'OnFrontConnected'
  | 'OnFrontDisconnected'
  | 'OnRspError'
  | 'OnRspUserLogin'
  | 'OnRspOrderInsert'
  | 'OnRtnOrder'
  | 'OnErrRtnOrderInsert'
  | 'OnRtnTrade'
  | 'OnRspOrderAction'
  | 'OnErrRtnOrderAction'
  | 'OnRspQrySecurity'
  | 'OnRspQryInvestor'
  | 'OnRspQryShareholderAccount'
  | 'OnRspQryOrder'
  | 'OnRspQryTrade'
  | 'OnRspQryTradingAccount'
  | 'OnRspQryPosition';

export type MdMethod =
  'Release' | 'Init' | 'RegisterFront' | 'RegisterSpi' | 'ReqUserLogin' | 'SubscribeMarketData';
export type MdCallback =
  'OnFrontConnected' | 'OnFrontDisconnected' | 'OnRspUserLogin' | 'OnRspSubMarketData' | 'OnRtnMarketData';

export interface TraderAbi extends Versioned {
  generation: Generation;
  api: ClassTable<TraderMethod>;
  spi: ClassTable<TraderCallback>;
}

export interface MdAbi extends Versioned {
  generation: Generation;
  api: ClassTable<MdMethod>;
  spi: ClassTable<MdCallback>;
}

export const TRADER_NAMESPACE = 'TORASTOCKAPI';
export const TRADER_CLASS = 'CTORATstpTraderApi';
export const MD_NAMESPACE = 'TORALEV1API';
export const MD_CLASS = 'CTORATstpXMdApi';

/**
 * The factories, by mangled name: CreateTstpTraderApi(const char *flowPath, bool encrypt, char commMode,
 * const char *interfaceAddr, bool usingOrderEx) and CreateTstpXMdApi(const char &subMode, const char
 * &deriveSubMode) — references, so koffi passes pointers to one-byte buffers. Unchanged in both releases.
 */
export const FACTORY_SYMBOLS = {
  trader: staticMemberSymbol(TRADER_CLASS, 'CreateTstpTraderApi', 'PKcbcS2_b', [TRADER_NAMESPACE]),
  md: staticMemberSymbol(MD_CLASS, 'CreateTstpXMdApi', 'RKcS2_', [MD_NAMESPACE]),
} as const;

export const VERSION_SYMBOLS = {
  trader: staticMemberSymbol(TRADER_CLASS, 'GetApiVersion', 'v', [TRADER_NAMESPACE]),
  md: staticMemberSymbol(MD_CLASS, 'GetApiVersion', 'v', [MD_NAMESPACE]),
} as const;

// 4.1.x inserted ReqPublicOfferedFundOrderInsert at API slot 15 (after ReqOrderInsert) and
// OnRspPublicOfferedFundOrderInsert at SPI slot 9; the other additions are appended after every slot vnt uses.
const api40 = {
  Release: 0, Init: 1, RegisterFront: 3, RegisterSpi: 6, SubscribePrivateTopic: 7, SubscribePublicTopic: 8,
  ReqUserLogin: 10, ReqOrderInsert: 14, ReqOrderAction: 15, ReqQrySecurity: 32, ReqQryInvestor: 35,
  ReqQryShareholderAccount: 36, ReqQryOrder: 38, ReqQryTrade: 40, ReqQryTradingAccount: 41, ReqQryPosition: 42,
} as const; // prettier-ignore
const spi40 = {
  OnFrontConnected: 0, OnFrontDisconnected: 1, OnRspError: 2, OnRspUserLogin: 4, OnRspOrderInsert: 8,
  OnRtnOrder: 9, OnErrRtnOrderInsert: 10, OnRtnTrade: 11, OnRspOrderAction: 12, OnErrRtnOrderAction: 13,
  OnRspQrySecurity: 45, OnRspQryInvestor: 48, OnRspQryShareholderAccount: 49, OnRspQryOrder: 51,
  OnRspQryTrade: 53, OnRspQryTradingAccount: 54, OnRspQryPosition: 55,
} as const; // prettier-ignore

// XMd: 1.0.9 added the IOPV subscription pair after SubscribeMarketData and two IOPV callbacks before
// OnRtnMarketData (31 -> 33).
const mdApi = {
  Release: 0,
  Init: 1,
  RegisterFront: 3,
  RegisterSpi: 9,
  ReqUserLogin: 11,
  SubscribeMarketData: 13,
};
const mdSpi105 = {
  OnFrontConnected: 0,
  OnFrontDisconnected: 1,
  OnRspUserLogin: 3,
  OnRspSubMarketData: 5,
  OnRtnMarketData: 31,
};

export const TRADER_ABIS: readonly TraderAbi[] = [
  {
    versions: ['4.0.8'],
    generation: '4.0',
    api: { slots: 77, at: api40 },
    spi: { slots: 90, at: spi40 },
  },
  {
    versions: ['4.1.6'],
    generation: '4.1',
    api: { slots: 83, at: shift(api40, 15, 1) },
    spi: { slots: 96, at: shift(spi40, 9, 1) },
  },
];

export const MD_ABIS: readonly MdAbi[] = [
  { versions: ['1.0.5'], generation: '4.0', api: { slots: 41, at: mdApi }, spi: { slots: 45, at: mdSpi105 } },
  {
    versions: ['1.0.9'],
    generation: '4.1',
    api: { slots: 43, at: mdApi },
    spi: { slots: 48, at: { ...mdSpi105, OnRtnMarketData: 33 } },
  },
];

export const SUPPORTED_VERSIONS: readonly string[] = supportedVersions(TRADER_ABIS);
export const SUPPORTED_MD_VERSIONS: readonly string[] = supportedVersions(MD_ABIS);

export function traderAbiFor(version: string): TraderAbi | undefined {
  return TRADER_ABIS.find((a) => a.versions.includes(version));
}

export function mdAbiFor(version: string): MdAbi | undefined {
  return MD_ABIS.find((a) => a.versions.includes(version));
}
