// Builds the simulated CTP library: one C++ source (ctpsim.cpp), compiled with g++ once per ABI against a
// header generated here from the binding's own tables (class slot order, struct declarations, factory
// signatures). A library built for version X therefore has X's exported vtable sizes and mangled factories.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSimLibrary,
  cppClassBody,
  FTDCSIM_HEADER,
  SIMKIT_HEADER,
} from '../../../bindings/native/sim-build.js';
import { cppDeclarations } from '../../../bindings/ctp/structs.js';
import { FAMILIES, type CtpFamilyName } from '../../../bindings/ctp/family.js';
import { tableForVersion } from '../../../bindings/native/abi.js';
import type { CtpAbi, MdAbi } from '../../../bindings/ctp/versions.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** ctpsim.cpp sits beside the TypeScript source; dist/ holds only the compiled JS. */
export const SIM_SOURCE = path.resolve(here, '../../../../gateways/ctp/sim/ctpsim.cpp');

export interface SimVariant {
  /** Which SDK's classes the library exports (default CTP; 'mini' = CTP Mini). */
  family?: CtpFamilyName;
  /** Version whose trader ABI the library implements. */
  abiVersion: string;
  /** What GetApiVersion() prints (defaults to a plausible text for abiVersion). */
  versionText?: string;
  /** What CThostFtdcMdApi::GetApiVersion() prints (defaults to versionText). */
  mdVersionText?: string;
  /** Use the MdApi without OnRspQryMulticastInstrument (6.3.15 as first released). */
  oldMd?: boolean;
  /** Leave out CThostFtdcTraderApi's factory (a damaged library). */
  omitTraderFactory?: boolean;
}

const traderMethodSig: Record<string, string> = {
  Release: 'void Release()',
  Init: 'void Init(CTPSIM_INIT_PARAMS)',
  GetTradingDay: 'const char *GetTradingDay()',
  RegisterFront: 'void RegisterFront(char *pszFrontAddress)',
  RegisterSpi: 'void RegisterSpi(CThostFtdcTraderSpi *pSpi)',
  SubscribePrivateTopic: 'void SubscribePrivateTopic(int nResumeType)',
  SubscribePublicTopic: 'void SubscribePublicTopic(int nResumeType)',
  ReqAuthenticate: 'int ReqAuthenticate(CThostFtdcReqAuthenticateField *f, int nRequestID)',
  ReqUserLogin: 'int ReqUserLogin(CThostFtdcReqUserLoginField *f, int nRequestID)',
  ReqOrderInsert: 'int ReqOrderInsert(CThostFtdcInputOrderField *f, int nRequestID)',
  ReqOrderAction: 'int ReqOrderAction(CThostFtdcInputOrderActionField *f, int nRequestID)',
  ReqSettlementInfoConfirm:
    'int ReqSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField *f, int nRequestID)',
  ReqQryOrder: 'int ReqQryOrder(CThostFtdcQryOrderField *f, int nRequestID)',
  ReqQryTrade: 'int ReqQryTrade(CThostFtdcQryTradeField *f, int nRequestID)',
  ReqQryInvestorPosition: 'int ReqQryInvestorPosition(CThostFtdcQryInvestorPositionField *f, int nRequestID)',
  ReqQryTradingAccount: 'int ReqQryTradingAccount(CThostFtdcQryTradingAccountField *f, int nRequestID)',
  ReqQryInstrument: 'int ReqQryInstrument(CThostFtdcQryInstrumentField *f, int nRequestID)',
  ReqQryInstrumentMarginRate:
    'int ReqQryInstrumentMarginRate(CThostFtdcQryInstrumentMarginRateField *f, int nRequestID)',
  ReqQryInstrumentCommissionRate:
    'int ReqQryInstrumentCommissionRate(CThostFtdcQryInstrumentCommissionRateField *f, int nRequestID)',
};
const mdMethodSig: Record<string, string> = {
  Release: 'void Release()',
  Init: 'void Init(CTPSIM_INIT_PARAMS)',
  RegisterFront: 'void RegisterFront(char *pszFrontAddress)',
  RegisterSpi: 'void RegisterSpi(CThostFtdcMdSpi *pSpi)',
  SubscribeMarketData: 'int SubscribeMarketData(char *ppInstrumentID[], int nCount)',
  ReqUserLogin: 'int ReqUserLogin(CThostFtdcReqUserLoginField *f, int nRequestID)',
};
const rsp = (s: string) =>
  `(CThostFtdc${s}Field *p, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast)`;
const traderCallbackSig: Record<string, string> = {
  OnFrontConnected: '()',
  OnFrontDisconnected: '(int nReason)',
  OnRspAuthenticate: '(void *p, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast)',
  OnRspUserLogin: rsp('RspUserLogin'),
  OnRspOrderInsert: rsp('InputOrder'),
  OnRspOrderAction: rsp('InputOrderAction'),
  OnRspSettlementInfoConfirm: rsp('SettlementInfoConfirm'),
  OnRspQryOrder: rsp('Order'),
  OnRspQryTrade: rsp('Trade'),
  OnRspQryInvestorPosition: rsp('InvestorPosition'),
  OnRspQryTradingAccount: rsp('TradingAccount'),
  OnRspQryInstrument: rsp('Instrument'),
  OnRspQryInstrumentMarginRate: rsp('InstrumentMarginRate'),
  OnRspQryInstrumentCommissionRate: rsp('InstrumentCommissionRate'),
  OnRspError: '(CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast)',
  OnRtnOrder: '(CThostFtdcOrderField *p)',
  OnRtnTrade: '(CThostFtdcTradeField *p)',
  OnErrRtnOrderInsert: '(CThostFtdcInputOrderField *p, CThostFtdcRspInfoField *pRspInfo)',
  OnErrRtnOrderAction: '(void *p, CThostFtdcRspInfoField *pRspInfo)',
};
const mdCallbackSig: Record<string, string> = {
  OnFrontConnected: '()',
  OnFrontDisconnected: '(int nReason)',
  OnRspUserLogin: rsp('RspUserLogin'),
  OnRspError: '(CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast)',
  OnRspSubMarketData: rsp('SpecificInstrument'),
  OnRtnDepthMarketData: '(CThostFtdcDepthMarketDataField *p)',
};

export function simHeader(variant: SimVariant): string {
  const familyName = variant.family ?? 'ctp';
  const family = FAMILIES[familyName];
  const abi: CtpAbi | undefined = tableForVersion(family.abis, variant.abiVersion);
  if (!abi) throw new Error(`no ${family.sdk} ABI table for ${variant.abiVersion}`);
  const md: MdAbi =
    familyName === 'ctp'
      ? family.mdAbis.find((m) => m.api.slots === (variant.oldMd ? 14 : 15))!
      : tableForVersion(family.mdAbis, variant.abiVersion)!;
  const text =
    variant.versionText ??
    (familyName === 'ctp' ? `v${variant.abiVersion}_20990101 00:00:00.000 ctpsim` : `V${variant.abiVersion}`);
  const prod = abi.productionModeFlag;
  const settlement = abi.traderApi.at.ReqSettlementInfoConfirm !== undefined;
  return `// Generated by gateways/ctp/sim/build.ts for the ${family.sdk} ${variant.abiVersion} ABI. Do not edit.
#pragma once
#define CTPSIM_INIT_PARAMS ${family.initTakesBool ? 'bool bContinuous' : ''}
#define CTPSIM_HAS_SETTLEMENT ${settlement ? 1 : 0}
#define CTPSIM_POSITION_EXCHANGE ${abi.generation === 'mini' ? 0 : 1}
#define CTPSIM_VERSION_TEXT ${JSON.stringify(text)}
#define CTPSIM_MD_VERSION_TEXT ${JSON.stringify(variant.mdVersionText ?? text)}
#define CTPSIM_PRODUCTION_FLAG ${prod ? 1 : 0}
#define CTPSIM_OMIT_TRADER_FACTORY ${variant.omitTraderFactory ? 1 : 0}
${cppDeclarations(abi.generation)}
class CThostFtdcTraderSpi {
public:
${cppClassBody(
  abi.traderSpi,
  (n) => `virtual void ${n}${traderCallbackSig[n]} {}`,
  (i) => `virtual void Unused${i}() {}`,
)}
};
class CThostFtdcTraderApi {
public:
  static CThostFtdcTraderApi *CreateFtdcTraderApi(const char *pszFlowPath${prod ? ', bool bIsProductionMode' : ''});
  static const char *GetApiVersion();
${cppClassBody(
  abi.traderApi,
  (n) => `virtual ${traderMethodSig[n]} = 0;`,
  (i) => `virtual int Unused${i}() { return -1; }`,
)}
protected:
  CThostFtdcTraderApi();
  ~CThostFtdcTraderApi() {}
};
class CThostFtdcMdSpi {
public:
${cppClassBody(
  md.spi,
  (n) => `virtual void ${n}${mdCallbackSig[n]} {}`,
  (i) => `virtual void Unused${i}() {}`,
)}
};
class CThostFtdcMdApi {
public:
  static CThostFtdcMdApi *CreateFtdcMdApi(const char *pszFlowPath, const bool bIsUsingUdp, const bool bIsMulticast${prod ? ', bool bIsProductionMode' : ''});
  static const char *GetApiVersion();
${cppClassBody(
  md.api,
  (n) => `virtual ${mdMethodSig[n]} = 0;`,
  (i) => `virtual int Unused${i}() { return -1; }`,
)}
protected:
  CThostFtdcMdApi();
  ~CThostFtdcMdApi() {}
};
`;
}

/** Compiles (or reuses) the simulated library for a variant into dir; returns the .so path. */
export function buildSim(variant: SimVariant, dir: string): Promise<string> {
  return buildSimLibrary({
    name: `${variant.family === 'mini' ? 'minisim' : 'ctpsim'}-${variant.abiVersion}`,
    header: simHeader(variant),
    sources: [SIM_SOURCE],
    includes: [SIMKIT_HEADER, FTDCSIM_HEADER],
    dir,
  });
}
