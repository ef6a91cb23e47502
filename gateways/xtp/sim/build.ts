// Builds the simulated XTP library: one C++ source (xtpsim.cpp), compiled with g++ once per ABI against a
// header generated here from the binding's own tables (class slot order, struct declarations, factory
// signatures). A library built for version X therefore has X's exported vtable sizes and mangled factories,
// and one library file serves as both the trader and the quote library.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSimLibrary, cppClassBody, SIMKIT_HEADER } from '../../../bindings/native/sim-build.js';
import { cppDeclarations } from '../../../bindings/xtp/structs.js';
import { abiForVersion, type XtpAbi } from '../../../bindings/xtp/versions.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** xtpsim.cpp sits beside the TypeScript source; dist/ holds only the compiled JS. */
export const SIM_SOURCE = path.resolve(here, '../../../../gateways/xtp/sim/xtpsim.cpp');

export interface SimVariant {
  /** The ABI table (bindings/xtp/versions.ts) the library implements: "2.2.27", "2.2.32", "2.2.32-xalgo", "2.2.50". */
  abiVersion: string;
  /** What both GetApiVersion() return (defaults to "<the table's version>.1"). */
  versionText?: string;
  /** Leave out the trader factory (a damaged library). */
  omitTraderFactory?: boolean;
}

const traderMethodSig: Record<string, string> = {
  Release: 'void Release()',
  GetTradingDay: 'const char *GetTradingDay()',
  RegisterSpi: 'void RegisterSpi(TraderSpi *spi)',
  GetApiLastError: 'XTPRI *GetApiLastError()',
  GetApiVersion: 'const char *GetApiVersion()',
  SubscribePublicTopic: 'void SubscribePublicTopic(int resume_type)',
  SetSoftwareVersion: 'void SetSoftwareVersion(const char *version)',
  SetSoftwareKey: 'void SetSoftwareKey(const char *key)',
  SetHeartBeatInterval: 'void SetHeartBeatInterval(uint32_t interval)',
  Login:
    'uint64_t Login(const char *ip, int port, const char *user, const char *password, int sock_type, const char *local_ip)',
  Logout: 'int Logout(uint64_t session_id)',
  InsertOrder: 'uint64_t InsertOrder(XTPOrderInsertInfo *order, uint64_t session_id)',
  CancelOrder: 'uint64_t CancelOrder(const uint64_t order_xtp_id, uint64_t session_id)',
  QueryOrders: 'int QueryOrders(const XTPQueryOrderReq *q, uint64_t session_id, int request_id)',
  QueryTrades: 'int QueryTrades(XTPQueryTraderReq *q, uint64_t session_id, int request_id)',
  QueryPosition: 'int QueryPosition(const char *ticker, uint64_t session_id, int request_id, int market)',
  QueryAsset: 'int QueryAsset(uint64_t session_id, int request_id)',
  QueryOptionAuctionInfo:
    'int QueryOptionAuctionInfo(XTPQueryOptionAuctionInfoReq *q, uint64_t session_id, int request_id)',
  CreditCashRepay: 'uint64_t CreditCashRepay(double amount, uint64_t session_id)',
  QueryCreditFundInfo: 'int QueryCreditFundInfo(uint64_t session_id, int request_id)',
  QueryCreditDebtInfo: 'int QueryCreditDebtInfo(uint64_t session_id, int request_id)',
};
const rsp = (s: string) => `(${s} *p, XTPRI *error_info, int request_id, bool is_last, uint64_t session_id)`;
const traderCallbackSig: Record<string, string> = {
  OnDisconnected: '(uint64_t session_id, int reason)',
  OnError: '(XTPRI *error_info)',
  OnOrderEvent: '(XTPOrderInfo *order_info, XTPRI *error_info, uint64_t session_id)',
  OnTradeEvent: '(XTPTradeReport *trade_info, uint64_t session_id)',
  OnCancelOrderError: '(XTPOrderCancelInfo *cancel_info, XTPRI *error_info, uint64_t session_id)',
  OnQueryOrder: rsp('XTPOrderInfo'),
  OnQueryTrade: rsp('XTPTradeReport'),
  OnQueryPosition: rsp('XTPQueryStkPositionRsp'),
  OnQueryAsset: rsp('XTPQueryAssetRsp'),
  OnQueryOptionAuctionInfo: rsp('XTPQueryOptionAuctionInfoRsp'),
  OnCreditCashRepay: '(XTPCrdCashRepayRsp *p, XTPRI *error_info, uint64_t session_id)',
  // The only query answer without is_last: the credit account has one fund row.
  OnQueryCreditFundInfo: '(XTPCrdFundInfo *p, XTPRI *error_info, int request_id, uint64_t session_id)',
  OnQueryCreditDebtInfo: rsp('XTPCrdDebtInfo'),
};
const quoteMethodSig: Record<string, string> = {
  Release: 'void Release()',
  GetTradingDay: 'const char *GetTradingDay()',
  GetApiVersion: 'const char *GetApiVersion()',
  GetApiLastError: 'XTPRI *GetApiLastError()',
  RegisterSpi: 'void RegisterSpi(QuoteSpi *spi)',
  SetHeartBeatInterval: 'void SetHeartBeatInterval(uint32_t interval)',
  SubscribeMarketData: 'int SubscribeMarketData(char *ticker[], int count, int exchange_id)',
  UnSubscribeMarketData: 'int UnSubscribeMarketData(char *ticker[], int count, int exchange_id)',
  Login:
    'int Login(const char *ip, int port, const char *user, const char *password, int sock_type, const char *local_ip)',
  Logout: 'int Logout()',
  QueryAllTickers: 'int QueryAllTickers(int exchange_id)',
  QueryAllNQTickersFullInfo: 'int QueryAllNQTickersFullInfo()',
};
const quoteCallbackSig: Record<string, string> = {
  OnDisconnected: '(int reason)',
  OnError: '(XTPRI *error_info)',
  OnSubMarketData: '(XTPST *ticker, XTPRI *error_info, bool is_last)',
  OnDepthMarketData:
    '(XTPMD *market_data, int64_t bid1_qty[], int32_t bid1_count, int32_t max_bid1_count, int64_t ask1_qty[], int32_t ask1_count, int32_t max_ask1_count)',
  OnQueryAllTickers: '(XTPQSI *ticker_info, XTPRI *error_info, bool is_last)',
  OnQueryAllNQTickersFullInfo: '(XTPNQFI *ticker_info, XTPRI *error_info, bool is_last)',
};

export function simHeader(variant: SimVariant): string {
  const abi: XtpAbi | undefined = abiForVersion(variant.abiVersion);
  if (!abi) throw new Error(`no XTP ABI table for ${variant.abiVersion}`);
  const text = variant.versionText ?? `${abi.versions[0]}.1`;
  const spi = (name: string, sig: Record<string, string>, table: XtpAbi['traderSpi'] | XtpAbi['quoteSpi']) =>
    `class ${name} {\npublic:\n${cppClassBody(
      table as XtpAbi['traderSpi'],
      (n) => `virtual void ${n}${sig[n]} {}`,
      (i) => `virtual void Unused${i}() {}`,
    )}\n};`;
  const api = (
    name: string,
    factory: string,
    sig: Record<string, string>,
    table: XtpAbi['traderApi'] | XtpAbi['quoteApi'],
  ) =>
    `class ${name} {\npublic:\n  static ${name} *${factory}(uint8_t client_id, const char *save_file_path, XTP_LOG_LEVEL log_level);\n${cppClassBody(
      table as XtpAbi['traderApi'],
      (n) => `virtual ${sig[n]} = 0;`,
      (i) => `virtual int Unused${i}() { return -1; }`,
    )}\nprotected:\n  ${name}();\n  ~${name}() {}\n};`;
  return `// Generated by gateways/xtp/sim/build.ts for the XTP ${variant.abiVersion} ABI. Do not edit.
#pragma once
#include <cstdint>
#define XTPSIM_VERSION_TEXT ${JSON.stringify(text)}
#define XTPSIM_OMIT_TRADER_FACTORY ${variant.omitTraderFactory ? 1 : 0}
#define XTPSIM_BEIJING ${abi.beijing ? 1 : 0}
enum XTP_LOG_LEVEL { XTP_LOG_LEVEL_FATAL, XTP_LOG_LEVEL_ERROR, XTP_LOG_LEVEL_WARNING, XTP_LOG_LEVEL_INFO, XTP_LOG_LEVEL_DEBUG, XTP_LOG_LEVEL_TRACE };
${cppDeclarations()}
namespace XTP {
namespace API {
${spi('TraderSpi', traderCallbackSig, abi.traderSpi)}
${api('TraderApi', 'CreateTraderApi', traderMethodSig, abi.traderApi)}
${spi('QuoteSpi', quoteCallbackSig, abi.quoteSpi)}
${api('QuoteApi', 'CreateQuoteApi', quoteMethodSig, abi.quoteApi)}
}  // namespace API
}  // namespace XTP
`;
}

/** Compiles (or reuses) the simulated library for a variant into dir; returns the .so path. */
export function buildSim(variant: SimVariant, dir: string): Promise<string> {
  return buildSimLibrary({
    name: `xtpsim-${variant.abiVersion}`,
    header: simHeader(variant),
    sources: [SIM_SOURCE],
    includes: [SIMKIT_HEADER],
    dir,
  });
}
