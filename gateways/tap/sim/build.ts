// Builds the simulated TAP library: one C++ source (tapsim.cpp) compiled with g++ against a header
// generated here from the binding's own tables (class slot order, packed struct declarations, the extern "C"
// factories). One file exports both the trade and the quote API, so it serves as both libraries.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSimLibrary, cppClassBody, SIMKIT_HEADER } from '../../../bindings/native/sim-build.js';
import { cppQuoteDeclarations, cppTradeDeclarations } from '../../../bindings/tap/structs.js';
import {
  QUOTE_ABIS,
  TRADE_ABIS,
  type QuoteCallback,
  type QuoteMethod,
  type TradeCallback,
  type TradeMethod,
} from '../../../bindings/tap/versions.js';

// C++ signatures of the trade API's methods and callbacks (reference/vendor-vtables.md, TAP 9.3.8.7).
const SID = 'unsigned int *sessionID';
const tradeMethodSig: Record<TradeMethod, string> = {
  SetAPINotify: 'int SetAPINotify(ITapTradeAPINotify *spi)',
  SetHostAddress: 'int SetHostAddress(const char *ip, unsigned short port, bool ssl)',
  Login: 'int Login(const TapAPITradeLoginAuth *auth)',
  Disconnect: 'int Disconnect()',
  QryAccount: `int QryAccount(${SID}, const void *req)`,
  QryFund: `int QryFund(${SID}, const TapAPIFundReq *req)`,
  QryCommodity: `int QryCommodity(${SID})`,
  QryContract: `int QryContract(${SID}, const TapAPICommodity *req)`,
  InsertOrder: `int InsertOrder(${SID}, char (*clientOrderNo)[51], const TapAPINewOrder *order)`,
  CancelOrder: `int CancelOrder(${SID}, const TapAPIOrderCancelReq *req)`,
  QryOrder: `int QryOrder(${SID}, const TapAPIOrderQryReq *req)`,
  QryFill: `int QryFill(${SID}, const TapAPIFillQryReq *req)`,
  QryPosition: `int QryPosition(${SID}, const TapAPIPositionQryReq *req)`,
};
const QRY = 'unsigned int sessionID, int errorCode, char isLast';
const tradeCallbackSig: Record<TradeCallback, string> = {
  OnConnect: '(const char *hostAddress)',
  OnRspLogin: '(int errorCode, const TapAPITradeLoginRspInfo *info)',
  OnAPIReady: '(int errorCode)',
  OnDisconnect: '(int reasonCode)',
  OnRspQryAccount: `(${QRY}, const void *info)`,
  OnRspQryFund: `(${QRY}, const TapAPIFundData *info)`,
  OnRtnFund: '(const TapAPIFundData *info)',
  OnRspQryCommodity: `(${QRY}, const TapAPICommodityInfo *info)`,
  OnRspQryContract: `(${QRY}, const TapAPITradeContractInfo *info)`,
  OnRspOrderAction: '(unsigned int sessionID, int errorCode, const TapAPIOrderActionRsp *info)',
  OnRtnOrder: '(const TapAPIOrderInfoNotice *info)',
  OnRspQryOrder: `(${QRY}, const TapAPIOrderInfo *info)`,
  OnRspQryFill: `(${QRY}, const TapAPIFillInfo *info)`,
  OnRtnFill: '(const TapAPIFillInfo *info)',
  OnRspQryPosition: `(${QRY}, const TapAPIPositionInfo *info)`,
  OnRtnPosition: '(const TapAPIPositionInfo *info)',
};

// The quote API's (reference/vendor-vtables.md, TAP quote 9.3.1.4); its classes are outside any namespace.
const quoteMethodSig: Record<QuoteMethod, string> = {
  SetAPINotify: 'int SetAPINotify(ITapQuoteAPINotify *spi)',
  SetHostAddress: 'int SetHostAddress(const char *ip, unsigned short port)',
  Login: 'int Login(const TapAPIQuoteLoginAuth *auth)',
  Disconnect: 'int Disconnect()',
  QryCommodity: `int QryCommodity(${SID})`,
  // const TapAPICommodity *: the quote header's own struct, not declared here (vnt does not call it).
  QryContract: `int QryContract(${SID}, const void *req)`,
  SubscribeQuote: `int SubscribeQuote(${SID}, const TapAPIContract *contract)`,
  UnSubscribeQuote: `int UnSubscribeQuote(${SID}, const TapAPIContract *contract)`,
};
const quoteCallbackSig: Record<QuoteCallback, string> = {
  OnRspLogin: '(int errorCode, const TapAPIQuotLoginRspInfo *info)',
  OnAPIReady: '()',
  OnDisconnect: '(int reasonCode)',
  OnRspQryCommodity: `(${QRY}, const void *info)`,
  OnRspQryContract: `(${QRY}, const void *info)`,
  OnRspSubscribeQuote: `(${QRY}, const TapAPIQuoteWhole *info)`,
  OnRspUnSubscribeQuote: `(${QRY}, const TapAPIContract *info)`,
  OnRtnQuote: '(const TapAPIQuoteWhole *info)',
};

const here = path.dirname(fileURLToPath(import.meta.url));
/** tapsim.cpp sits beside the TypeScript source; dist/ holds only the compiled JS. */
export const SIM_SOURCE = path.resolve(here, '../../../../gateways/tap/sim/tapsim.cpp');

export interface SimVariant {
  /** What GetITapTradeAPIVersion() prints. */
  versionText?: string;
  /** What GetTapQuoteAPIVersion() prints. */
  quoteVersionText?: string;
  /** Leave out CreateITapTradeAPI (a damaged library). */
  omitTradeFactory?: boolean;
  /** Extra trailing virtual methods on ITapTradeAPI (a library of another release under the same number). */
  extraTradeSlots?: number;
}

export function simHeader(variant: SimVariant = {}): string {
  const td = TRADE_ABIS[0]!;
  const qt = QUOTE_ABIS[0]!;
  const text = variant.versionText ?? 'Version iTapTradeAPI V9.3.8.7, Date 2099.01.01 tapsim';
  const qText = variant.quoteVersionText ?? 'Version TapQuoteAPI V9.3.1.4, Date 2099.01.01 tapsim';
  const api = { slots: td.api.slots + (variant.extraTradeSlots ?? 0), at: td.api.at };
  return `// Generated by gateways/tap/sim/build.ts for the TAP trade 9.3.8 / quote 9.3.1 ABI. Do not edit.
#pragma once
#define TAPSIM_VERSION_TEXT ${JSON.stringify(text)}
#define TAPSIM_QUOTE_VERSION_TEXT ${JSON.stringify(qText)}
#define TAPSIM_OMIT_TRADE_FACTORY ${variant.omitTradeFactory ? 1 : 0}
namespace ITapTrade {
${cppTradeDeclarations()}
class ITapTradeAPINotify {
public:
${cppClassBody(
  td.spi,
  (n) => `virtual void ${n}${tradeCallbackSig[n]} {}`,
  (i) => `virtual void Unused${i}() {}`,
)}
};
class ITapTradeAPI {
public:
${cppClassBody(
  api,
  (n) => `virtual ${tradeMethodSig[n]} = 0;`,
  (i) => `virtual int Unused${i}() { return -1; }`,
)}
protected:
  ITapTradeAPI();
};
}  // namespace ITapTrade
${cppQuoteDeclarations()}
class ITapQuoteAPINotify {
public:
${cppClassBody(
  qt.spi,
  (n) => `virtual void ${n}${quoteCallbackSig[n]} {}`,
  (i) => `virtual void Unused${i}() {}`,
)}
};
class ITapQuoteAPI {
public:
${cppClassBody(
  qt.api,
  (n) => `virtual ${quoteMethodSig[n]} = 0;`,
  (i) => `virtual int Unused${i}() { return -1; }`,
)}
protected:
  ITapQuoteAPI();
};
`;
}

/** Compiles (or reuses) the simulated library for a variant into dir; returns the .so path. */
export function buildSim(variant: SimVariant, dir: string): Promise<string> {
  return buildSimLibrary({
    name: 'tapsim',
    header: simHeader(variant),
    sources: [SIM_SOURCE],
    includes: [SIMKIT_HEADER],
    dir,
  });
}
