// One table per distinct XTP ABI (XTP::API::TraderApi / QuoteApi and their SPIs): the slot of every virtual
// method vnt calls and every callback it handles, and each class's total slot count (checked against the
// size of the library's exported vtable). Facts from the public headers of the releases (vnpy/vnpy_xtp
// history: 2.2.27 before commit c33363a, 2.2.32 after; 2.2.50 below), slot i = i-th declared virtual, no
// virtual destructors. 2.2.32 inserted the four Query*Ex order queries after QueryOrdersByPage, QueryOtherServerFund
// after QueryFundTransfer and two option-combination Ex queries (TraderApi 61 -> 70 slots; TraderSpi 43 -> 48),
// and the two SetUDP*ThreadAffinityArray methods in QuoteApi (34 -> 36). A version not listed is refused.
import { supportedVersions, type Versioned } from '../native/abi.js';
import { staticMemberSymbol } from '../native/elf.js';
import { shiftSlots as shift, type ClassTable } from '../native/vtable.js';

export type TraderMethod =
  | 'Release'
  | 'GetTradingDay'
  | 'RegisterSpi'
  | 'GetApiLastError'
  | 'GetApiVersion'
  | 'SubscribePublicTopic'
  | 'SetSoftwareVersion'
  | 'SetSoftwareKey'
  | 'SetHeartBeatInterval'
  | 'Login'
  | 'Logout'
  | 'InsertOrder'
  | 'CancelOrder'
  | 'QueryOrders'
  | 'QueryTrades'
  | 'QueryPosition'
  | 'QueryAsset'
  | 'QueryOptionAuctionInfo';

export type TraderCallback =
  | 'OnDisconnected'
  | 'OnError'
  | 'OnOrderEvent'
  | 'OnTradeEvent'
  | 'OnCancelOrderError'
  | 'OnQueryOrder'
  | 'OnQueryTrade'
  | 'OnQueryPosition'
  | 'OnQueryAsset'
  | 'OnQueryOptionAuctionInfo';

export type QuoteMethod =
  | 'Release'
  | 'GetTradingDay'
  | 'GetApiVersion'
  | 'GetApiLastError'
  | 'RegisterSpi'
  | 'SetHeartBeatInterval'
  | 'SubscribeMarketData'
  | 'UnSubscribeMarketData'
  | 'Login'
  | 'Logout'
  | 'QueryAllTickers';

export type QuoteCallback =
  'OnDisconnected' | 'OnError' | 'OnSubMarketData' | 'OnDepthMarketData' | 'OnQueryAllTickers';

export interface XtpAbi extends Versioned {
  /** Names the table (a version, or a version and a variant). */
  name: string;
  traderApi: ClassTable<TraderMethod>;
  traderSpi: ClassTable<TraderCallback>;
  quoteApi: ClassTable<QuoteMethod>;
  quoteSpi: ClassTable<QuoteCallback>;
}

export const NAMESPACES = ['XTP', 'API'] as const;
export const TRADER_CLASS = 'TraderApi';
export const QUOTE_CLASS = 'QuoteApi';

/** `static TraderApi *CreateTraderApi(uint8_t client_id, const char *save_file_path, XTP_LOG_LEVEL)` and the quote twin. */
export const FACTORY_SYMBOLS = {
  trader: staticMemberSymbol(TRADER_CLASS, 'CreateTraderApi', 'hPKc13XTP_LOG_LEVEL', NAMESPACES),
  quote: staticMemberSymbol(QUOTE_CLASS, 'CreateQuoteApi', 'hPKc13XTP_LOG_LEVEL', NAMESPACES),
} as const;

/**
 * GetApiVersion is virtual in both classes (there is no static version function to call before an object
 * exists), at the same slot in every release: TraderApi 4, QuoteApi 2. The loader reads it from a fresh
 * object, after the exported vtable sizes have shown the library to be one of the known layouts.
 */
export const VERSION_SLOT = { trader: 4, quote: 2 } as const;

const trader2227 = {
  Release: 0, GetTradingDay: 1, RegisterSpi: 2, GetApiLastError: 3, GetApiVersion: 4, SubscribePublicTopic: 7,
  SetSoftwareVersion: 8, SetSoftwareKey: 9, SetHeartBeatInterval: 10, Login: 11, Logout: 12, InsertOrder: 15,
  CancelOrder: 16, QueryOrders: 18, QueryTrades: 22, QueryPosition: 24, QueryAsset: 25, QueryOptionAuctionInfo: 33,
} as const; // prettier-ignore
// The four Query*Ex methods went in at 21 (after QueryOrdersByPage), QueryOtherServerFund at 33.
const trader2232 = shift(shift(trader2227, 21, 4), 33, 1);

const traderSpi2227 = {
  OnDisconnected: 0, OnError: 1, OnOrderEvent: 2, OnTradeEvent: 3, OnCancelOrderError: 4, OnQueryOrder: 5,
  OnQueryTrade: 7, OnQueryPosition: 9, OnQueryAsset: 10, OnQueryOptionAuctionInfo: 18,
} as const; // prettier-ignore
// OnQueryOrderEx went in at 6, OnQueryOrderByPageEx after OnQueryOrderByPage (at 8 once shifted) and
// OnQueryOtherServerFund after OnFundTransfer (16).
const traderSpi2232 = shift(shift(shift(traderSpi2227, 6, 1), 8, 1), 16, 1);

const quote2227 = {
  Release: 0, GetTradingDay: 1, GetApiVersion: 2, GetApiLastError: 3, RegisterSpi: 5, SetHeartBeatInterval: 6,
  SubscribeMarketData: 10, UnSubscribeMarketData: 11, Login: 22, Logout: 23, QueryAllTickers: 24,
} as const; // prettier-ignore
// SetUDPRecvThreadAffinityArray at 8 and SetUDPParseThreadAffinityArray at 10.
const quote2232 = shift(shift(quote2227, 8, 1), 10, 1);

const quoteSpi = {
  OnDisconnected: 0, OnError: 1, OnSubMarketData: 2, OnDepthMarketData: 4, OnQueryAllTickers: 17,
} as const; // prettier-ignore

// 2.2.50 (XTP_API_20250806_2.2.50.8, the public SDK in ztsec/xtp_api_python commit 78cc395; slots read off
// its headers with g++ and its libraries' exported vtables, 0x2c8 / 0x150 bytes). TraderApi: 87 slots —
// SetMaxOrderBufferQuantity before Login, QueryAccountTradeMarket and GetANewOrderXTPID before InsertOrder,
// InsertOrderExtra after it, the two bond queries before QueryOptionAuctionInfo, InsertOptionCombinedOrderExtra,
// and the algo methods (formerly only in the XAlgo build) at the end. TraderSpi: 65 (OnQueryAccountTradeMarket
// after OnError, OnUnknownOrder after OnOrderEvent, the bond answers, the algo callbacks). QuoteApi: 40;
// QuoteSpi: 33 (the tick-by-tick subscription answers after OnSubMarketData, rebuild and NQ callbacks at the
// end). Every struct vnt reads has the same size and offsets as in 2.2.32 (checked with offsetof against its
// headers); the methods and callbacks vnt uses have the same signatures.
const trader2250 = {
  Release: 0, GetTradingDay: 1, RegisterSpi: 2, GetApiLastError: 3, GetApiVersion: 4, SubscribePublicTopic: 7,
  SetSoftwareVersion: 8, SetSoftwareKey: 9, SetHeartBeatInterval: 10, Login: 12, Logout: 13, InsertOrder: 18,
  CancelOrder: 20, QueryOrders: 22, QueryTrades: 30, QueryPosition: 32, QueryAsset: 33, QueryOptionAuctionInfo: 44,
} as const; // prettier-ignore
const traderSpi2250 = {
  OnDisconnected: 0, OnError: 1, OnOrderEvent: 3, OnTradeEvent: 5, OnCancelOrderError: 6, OnQueryOrder: 7,
  OnQueryTrade: 11, OnQueryPosition: 13, OnQueryAsset: 14, OnQueryOptionAuctionInfo: 25,
} as const; // prettier-ignore
// QuoteApi: the slots vnt uses are 2.2.32's (40 slots in all).
const quoteSpi2250 = {
  OnDisconnected: 0, OnError: 1, OnSubMarketData: 3, OnDepthMarketData: 5, OnQueryAllTickers: 19,
} as const; // prettier-ignore

export const ABIS: readonly XtpAbi[] = [
  {
    name: '2.2.27',
    versions: ['2.2.27'],
    traderApi: { slots: 61, at: trader2227 },
    traderSpi: { slots: 43, at: traderSpi2227 },
    quoteApi: { slots: 34, at: quote2227 },
    quoteSpi: { slots: 26, at: quoteSpi },
  },
  {
    name: '2.2.32',
    versions: ['2.2.32'],
    traderApi: { slots: 70, at: trader2232 },
    traderSpi: { slots: 48, at: traderSpi2232 },
    quoteApi: { slots: 36, at: quote2232 },
    quoteSpi: { slots: 26, at: quoteSpi },
  },
  // The XAlgo (algorithm bus) build of 2.2.32, libxtptraderapi_xalgo.so (2022-08): it reports "2.2.32" too, but
  // its TraderApi appends LoginALGO, QueryStrategy, ALGOUserEstablishChannel, InsertAlgoOrder, CancelAlgoOrder
  // and GetAlgorithmIDByOrder (70 -> 76 slots, exported vtable 0x270 bytes) and its TraderSpi seven algo
  // callbacks (48 -> 55). Same version, other layout: the exported vtable size tells them apart.
  {
    name: '2.2.32-xalgo',
    versions: ['2.2.32'],
    traderApi: { slots: 76, at: trader2232 },
    traderSpi: { slots: 55, at: traderSpi2232 },
    quoteApi: { slots: 36, at: quote2232 },
    quoteSpi: { slots: 26, at: quoteSpi },
  },
  {
    name: '2.2.50',
    versions: ['2.2.50'],
    traderApi: { slots: 87, at: trader2250 },
    traderSpi: { slots: 65, at: traderSpi2250 },
    quoteApi: { slots: 40, at: quote2232 },
    quoteSpi: { slots: 33, at: quoteSpi2250 },
  },
];

export const SUPPORTED_VERSIONS: readonly string[] = [...new Set(supportedVersions(ABIS))];

/** The table of that name ("2.2.32", "2.2.32-xalgo"). */
export function abiForVersion(name: string): XtpAbi | undefined {
  return ABIS.find((a) => a.name === name);
}
