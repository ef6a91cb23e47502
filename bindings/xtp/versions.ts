// One table per distinct XTP ABI (XTP::API::TraderApi / QuoteApi and their SPIs): the slot of every virtual
// method vnt calls and every callback it handles, and each class's total slot count (checked against the
// size of the library's exported vtable). Facts from the public headers of the releases (vnpy/vnpy_xtp
// history: 2.2.27 before commit c33363a, 2.2.32 after; 2.2.33 to 2.2.50 below), slot i = i-th declared virtual, no
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
  | 'QueryOptionAuctionInfo'
  | 'CreditCashRepay'
  | 'QueryCreditFundInfo'
  | 'QueryCreditDebtInfo';

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
  | 'OnQueryOptionAuctionInfo'
  | 'OnCreditCashRepay'
  | 'OnQueryCreditFundInfo'
  | 'OnQueryCreditDebtInfo';

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
  | 'QueryAllTickers'
  | 'QueryAllNQTickersFullInfo';

export type QuoteCallback =
  | 'OnDisconnected'
  | 'OnError'
  | 'OnSubMarketData'
  | 'OnDepthMarketData'
  | 'OnQueryAllTickers'
  | 'OnQueryAllNQTickersFullInfo';

/** The NQ (新三板 / Beijing) static-info query exists from 2.2.39 on. */
type NqMethod = 'QueryAllNQTickersFullInfo';
type NqCallback = 'OnQueryAllNQTickersFullInfo';

export interface XtpAbi extends Versioned {
  /** Names the table (a version, or a version and a variant). */
  name: string;
  traderApi: ClassTable<TraderMethod>;
  traderSpi: ClassTable<TraderCallback>;
  quoteApi: ClassTable<QuoteMethod, NqMethod>;
  quoteSpi: ClassTable<QuoteCallback, NqCallback>;
  /**
   * Whether the release has the Beijing market: XTP_MKT_BJ_A (3) in XTP_MARKET_TYPE and XTP_EXCHANGE_NQ (3)
   * in XTP_EXCHANGE_TYPE, whose contracts come from QueryAllNQTickersFullInfo (2.2.39 and later; in 2.2.33
   * and before, market 3 is XTP_MKT_UNKNOWN).
   */
  beijing: boolean;
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
  CreditCashRepay: 34, QueryCreditFundInfo: 38, QueryCreditDebtInfo: 39,
} as const; // prettier-ignore
// The four Query*Ex methods went in at 21 (after QueryOrdersByPage), QueryOtherServerFund at 33.
const trader2232 = shift(shift(trader2227, 21, 4), 33, 1);

const traderSpi2227 = {
  OnDisconnected: 0, OnError: 1, OnOrderEvent: 2, OnTradeEvent: 3, OnCancelOrderError: 4, OnQueryOrder: 5,
  OnQueryTrade: 7, OnQueryPosition: 9, OnQueryAsset: 10, OnQueryOptionAuctionInfo: 18, OnCreditCashRepay: 19,
  OnQueryCreditFundInfo: 22, OnQueryCreditDebtInfo: 23,
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

// 2.2.33 and later (ztsec/xtp_api_python: 2.2.33.5 commit e888c43, 2.2.39.3 fdcafd7, 2.2.42.1 ed15583, 2.2.50.8
// 78cc395; slots are the order of the virtual declarations in each release's headers, whose counts g++'s
// class layout dump confirms and which equal the exported vtables of the published libraries: 80, 84, 86, 87
// TraderApi slots; 39, 40, 40, 40 QuoteApi). 2.2.33 put QueryAccountTradeMarket and GetANewOrderXTPID before
// InsertOrder and InsertOrderExtra after it, InsertOptionCombinedOrderExtra, and the algo methods at the end
// (TraderApi 80); TraderSpi OnQueryAccountTradeMarket after OnError and the algo callbacks (57); QuoteApi the
// three rebuild methods (39), QuoteSpi the rebuild callbacks (30). 2.2.39 added the two bond queries before
// QueryOptionAuctionInfo (and their answers), StrategyRecommendation and ModifyAlgoOrder (TraderApi 84,
// TraderSpi 62), QueryAllNQTickersFullInfo (QuoteApi 40) and in QuoteSpi OnTickByTickLossRange after OnError,
// OnETFIOPVData after OnDepthMarketData and OnQueryAllNQTickersFullInfo (33). 2.2.42 appended PauseAlgoOrder
// and ResumeAlgoOrder (86, 64). 2.2.50 inserted SetMaxOrderBufferQuantity before Login (87) and OnUnknownOrder
// after OnOrderEvent (65). Every struct vnt reads or writes has the same size and field offsets in all of
// them as in 2.2.27 and 2.2.32 (offsetof against each release's headers), and the methods and callbacks vnt
// uses have the same signatures.
const trader2233 = {
  Release: 0, GetTradingDay: 1, RegisterSpi: 2, GetApiLastError: 3, GetApiVersion: 4, SubscribePublicTopic: 7,
  SetSoftwareVersion: 8, SetSoftwareKey: 9, SetHeartBeatInterval: 10, Login: 11, Logout: 12, InsertOrder: 17,
  CancelOrder: 19, QueryOrders: 21, QueryTrades: 29, QueryPosition: 31, QueryAsset: 32, QueryOptionAuctionInfo: 41,
  CreditCashRepay: 42, QueryCreditFundInfo: 46, QueryCreditDebtInfo: 47,
} as const; // prettier-ignore
// The two bond queries went in at 41, before QueryOptionAuctionInfo.
const trader2239 = shift(trader2233, 41, 2);
// SetMaxOrderBufferQuantity at 11, before Login.
const trader2250 = shift(trader2239, 11, 1);
const traderSpi2233 = {
  OnDisconnected: 0, OnError: 1, OnOrderEvent: 3, OnTradeEvent: 4, OnCancelOrderError: 5, OnQueryOrder: 6,
  OnQueryTrade: 10, OnQueryPosition: 12, OnQueryAsset: 13, OnQueryOptionAuctionInfo: 22, OnCreditCashRepay: 23,
  OnQueryCreditFundInfo: 26, OnQueryCreditDebtInfo: 27,
} as const; // prettier-ignore
// The two bond answers at 22, before OnQueryOptionAuctionInfo.
const traderSpi2239 = shift(traderSpi2233, 22, 2);
// OnUnknownOrder at 4, after OnOrderEvent.
const traderSpi2250 = shift(traderSpi2239, 4, 1);
// QuoteApi: the slots vnt uses are 2.2.32's in every later release. QuoteSpi from 2.2.39: OnTickByTickLossRange
// at 2 and OnETFIOPVData after OnDepthMarketData, then OnQueryAllNQTickersFullInfo.
const quoteSpi2239 = {
  OnDisconnected: 0, OnError: 1, OnSubMarketData: 3, OnDepthMarketData: 5, OnQueryAllTickers: 19,
  OnQueryAllNQTickersFullInfo: 28,
} as const; // prettier-ignore
// QueryAllNQTickersFullInfo went in at 36, after QueryAllTickersFullInfo.
const quote2239 = { ...quote2232, QueryAllNQTickersFullInfo: 36 };

/** A table: its name (a version, or a version and a variant) and each class's slots as [table, slot count]. */
function layout(
  name: string,
  traderApi: [ClassTable<TraderMethod>['at'], number],
  traderSpi: [ClassTable<TraderCallback>['at'], number],
  quoteApi: [ClassTable<QuoteMethod, NqMethod>['at'], number],
  quoteSpi: [ClassTable<QuoteCallback, NqCallback>['at'], number],
): XtpAbi {
  return {
    name,
    versions: [name.split('-')[0]!],
    traderApi: { at: traderApi[0], slots: traderApi[1] },
    traderSpi: { at: traderSpi[0], slots: traderSpi[1] },
    quoteApi: { at: quoteApi[0], slots: quoteApi[1] },
    quoteSpi: { at: quoteSpi[0], slots: quoteSpi[1] },
    beijing: quoteApi[0].QueryAllNQTickersFullInfo !== undefined,
  };
}

export const ABIS: readonly XtpAbi[] = [
  layout('2.2.27', [trader2227, 61], [traderSpi2227, 43], [quote2227, 34], [quoteSpi, 26]),
  layout('2.2.32', [trader2232, 70], [traderSpi2232, 48], [quote2232, 36], [quoteSpi, 26]),
  // The XAlgo (algorithm bus) build of 2.2.32, libxtptraderapi_xalgo.so (2022-08): it reports "2.2.32" too, but
  // its TraderApi appends LoginALGO, QueryStrategy, ALGOUserEstablishChannel, InsertAlgoOrder, CancelAlgoOrder
  // and GetAlgorithmIDByOrder (70 -> 76 slots, exported vtable 0x270 bytes) and its TraderSpi seven algo
  // callbacks (48 -> 55). Same version, other layout: the exported vtable size tells them apart.
  layout('2.2.32-xalgo', [trader2232, 76], [traderSpi2232, 55], [quote2232, 36], [quoteSpi, 26]),
  layout('2.2.33', [trader2233, 80], [traderSpi2233, 57], [quote2232, 39], [quoteSpi, 30]),
  layout('2.2.39', [trader2239, 84], [traderSpi2239, 62], [quote2239, 40], [quoteSpi2239, 33]),
  layout('2.2.42', [trader2239, 86], [traderSpi2239, 64], [quote2239, 40], [quoteSpi2239, 33]),
  layout('2.2.50', [trader2250, 87], [traderSpi2250, 65], [quote2239, 40], [quoteSpi2239, 33]),
];

export const SUPPORTED_VERSIONS: readonly string[] = [...new Set(supportedVersions(ABIS))];

/** The table of that name ("2.2.32", "2.2.32-xalgo"). */
export function abiForVersion(name: string): XtpAbi | undefined {
  return ABIS.find((a) => a.name === name);
}
