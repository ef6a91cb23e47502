// Builds the simulated FEMAS library: femassim.cpp compiled with g++ against a header generated here from
// the binding's own tables (bindings/femas: class slot orders and sizes, struct declarations, factory and
// GetVersion signatures), so the library exports exactly the CUstpFtdc* ABI the binding expects.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSimLibrary,
  cppClassBody,
  FTDCSIM_HEADER,
  SIMKIT_HEADER,
} from '../../../bindings/native/sim-build.js';
import type { ClassTable } from '../../../bindings/native/vtable.js';
import { femasCppDeclarations } from '../../../bindings/femas/structs.js';
import { tableForVersion } from '../../../bindings/native/abi.js';
import {
  FEMAS_ABIS,
  type FemasMdCallback,
  type FemasMdMethod,
  type FemasTraderCallback,
  type FemasTraderMethod,
} from '../../../bindings/femas/versions.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** femassim.cpp sits beside the TypeScript source; dist/ holds only the compiled JS. */
export const FEMAS_SIM_SOURCE = path.resolve(here, '../../../../gateways/femas/sim/femassim.cpp');

export interface FemasSimVariant {
  /** The table whose ABI the library implements (default 1.0). */
  abiVersion?: string;
  /** What GetVersion puts in its out-parameters (default the table's version). */
  reportedVersion?: string;
  /** The text GetVersion returns. */
  versionText?: string;
  /** Virtual methods appended to CUstpFtdcTraderApi (a library whose vtable does not match its version). */
  extraTraderSlots?: number;
}

const traderMethodSig: Record<FemasTraderMethod, string> = {
  Release: 'void Release()',
  Init: 'void Init()',
  GetTradingDay: 'const char *GetTradingDay()',
  RegisterFront: 'void RegisterFront(char *pszFrontAddress)',
  RegisterSpi: 'void RegisterSpi(CUstpFtdcTraderSpi *pSpi)',
  SubscribePrivateTopic: 'void SubscribePrivateTopic(int nResumeType)',
  SubscribePublicTopic: 'void SubscribePublicTopic(int nResumeType)',
  SubscribeUserTopic: 'void SubscribeUserTopic(int nResumeType)',
  ReqUserLogin: 'int ReqUserLogin(CUstpFtdcReqUserLoginField *f, int nRequestID)',
  ReqOrderInsert: 'int ReqOrderInsert(CUstpFtdcInputOrderField *f, int nRequestID)',
  ReqOrderAction: 'int ReqOrderAction(CUstpFtdcOrderActionField *f, int nRequestID)',
  ReqQryOrder: 'int ReqQryOrder(CUstpFtdcQryOrderField *f, int nRequestID)',
  ReqQryTrade: 'int ReqQryTrade(CUstpFtdcQryTradeField *f, int nRequestID)',
  ReqQryUserInvestor: 'int ReqQryUserInvestor(CUstpFtdcQryUserInvestorField *f, int nRequestID)',
  ReqQryInvestorAccount: 'int ReqQryInvestorAccount(CUstpFtdcQryInvestorAccountField *f, int nRequestID)',
  ReqQryInstrument: 'int ReqQryInstrument(CUstpFtdcQryInstrumentField *f, int nRequestID)',
  ReqQryInvestorPosition: 'int ReqQryInvestorPosition(CUstpFtdcQryInvestorPositionField *f, int nRequestID)',
  ReqQryInvestorFee: 'int ReqQryInvestorFee(CUstpFtdcQryInvestorFeeField *f, int nRequestID)',
  ReqQryInvestorMargin: 'int ReqQryInvestorMargin(CUstpFtdcQryInvestorMarginField *f, int nRequestID)',
  ReqDSUserCertification: 'int ReqDSUserCertification(CUstpFtdcDSUserInfoField *f, int nRequestID)',
};
const mdMethodSig: Record<FemasMdMethod, string> = {
  Release: 'void Release()',
  Init: 'void Init()',
  RegisterFront: 'void RegisterFront(char *pszFrontAddress)',
  RegisterSpi: 'void RegisterSpi(CUstpFtdcMduserSpi *pSpi)',
  SubscribeMarketDataTopic: 'void SubscribeMarketDataTopic(int nTopicID, int nResumeType)',
  SubMarketData: 'int SubMarketData(char *ppInstrumentID[], int nCount)',
  ReqUserLogin: 'int ReqUserLogin(CUstpFtdcReqUserLoginField *f, int nRequestID)',
};
const rsp = (s: string | null) =>
  `(${s ? `CUstpFtdc${s}Field` : 'void'} *p, CUstpFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast)`;
const rspError = '(CUstpFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast)';
const traderCallbackSig: Record<FemasTraderCallback, string> = {
  OnFrontConnected: '()',
  OnFrontDisconnected: '(int nReason)',
  OnRspError: rspError,
  OnRspUserLogin: rsp('RspUserLogin'),
  OnRspOrderInsert: rsp('InputOrder'),
  OnRspOrderAction: rsp('OrderAction'),
  OnRtnTrade: '(CUstpFtdcTradeField *p)',
  OnRtnOrder: '(CUstpFtdcOrderField *p)',
  OnErrRtnOrderInsert: '(CUstpFtdcInputOrderField *p, CUstpFtdcRspInfoField *pRspInfo)',
  OnErrRtnOrderAction: '(CUstpFtdcOrderActionField *p, CUstpFtdcRspInfoField *pRspInfo)',
  OnRspQryOrder: rsp('Order'),
  OnRspQryTrade: rsp('Trade'),
  OnRspQryUserInvestor: rsp('RspUserInvestor'),
  OnRspQryInvestorAccount: rsp('RspInvestorAccount'),
  OnRspQryInstrument: rsp('RspInstrument'),
  OnRspQryInvestorPosition: rsp('RspInvestorPosition'),
  OnRspQryInvestorFee: rsp('InvestorFee'),
  OnRspQryInvestorMargin: rsp('InvestorMargin'),
  OnRspDSUserCertification: rsp(null),
};
const mdCallbackSig: Record<FemasMdCallback, string> = {
  OnFrontConnected: '()',
  OnFrontDisconnected: '(int nReason)',
  OnRspError: rspError,
  OnRspUserLogin: rsp('RspUserLogin'),
  OnRtnDepthMarketData: '(CUstpFtdcDepthMarketDataField *p)',
  OnRspSubMarketData: rsp('SpecificInstrument'),
};

function spiClass<C extends string>(name: string, table: ClassTable<C>, sig: Record<C, string>): string {
  const body = cppClassBody(
    table,
    (n) => `virtual void ${n}${sig[n]} {}`,
    (i) => `virtual void Unused${i}() {}`,
  );
  return `class ${name} {\npublic:\n${body}\n};`;
}

function apiClass<M extends string>(
  name: string,
  factory: string,
  table: ClassTable<M>,
  sig: Record<M, string>,
): string {
  const body = cppClassBody(
    table,
    (n) => `virtual ${sig[n]} = 0;`,
    (i) => `virtual int Unused${i}() { return -1; }`,
  );
  return `class ${name} {
public:
  static ${name} *${factory}(const char *pszFlowPath);
  static const char *GetVersion(int &nMajorVersion, int &nMinorVersion);
${body}
protected:
  ${name}();
  ~${name}() {}
};`;
}

export function femasSimHeader(variant: FemasSimVariant = {}): string {
  const version = variant.abiVersion ?? '1.0';
  const abi = tableForVersion(FEMAS_ABIS, version);
  if (!abi) throw new Error(`no FEMAS ABI table for ${version}`);
  const [major, minor] = (variant.reportedVersion ?? version).split('.').map(Number);
  const traderApi = { ...abi.traderApi, slots: abi.traderApi.slots + (variant.extraTraderSlots ?? 0) };
  return `// Generated by gateways/femas/sim/build.ts for the FEMAS ${version} ABI. Do not edit.
#pragma once
#define FEMASSIM_VERSION_TEXT ${JSON.stringify(variant.versionText ?? `FEMAS V${version} femassim`)}
#define FEMASSIM_MAJOR ${major ?? 0}
#define FEMASSIM_MINOR ${minor ?? 0}
${femasCppDeclarations()}
${spiClass('CUstpFtdcTraderSpi', abi.traderSpi, traderCallbackSig)}
${apiClass('CUstpFtdcTraderApi', 'CreateFtdcTraderApi', traderApi, traderMethodSig)}
${spiClass('CUstpFtdcMduserSpi', abi.mdSpi, mdCallbackSig)}
${apiClass('CUstpFtdcMduserApi', 'CreateFtdcMduserApi', abi.mdApi, mdMethodSig)}
`;
}

/** Compiles (or reuses) the simulated FEMAS library for a variant into dir; returns the .so path. */
export function buildFemasSim(variant: FemasSimVariant, dir: string): Promise<string> {
  return buildSimLibrary({
    name: `femassim-${variant.abiVersion ?? '1.0'}`,
    header: femasSimHeader(variant),
    sources: [FEMAS_SIM_SOURCE],
    includes: [SIMKIT_HEADER, FTDCSIM_HEADER],
    dir,
  });
}
