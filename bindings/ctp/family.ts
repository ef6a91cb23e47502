// The SDKs that share CTP's class names and calling pattern but not its classes: CTP itself and CTP Mini.
// One binding (library.ts, hosted.ts, session.ts) serves both; a family says which version tables apply and
// how Init is declared. The family is plain data in the open request, so the host picks the same tables.
import { MINI_ABIS, MINI_MD_ABIS } from '../mini/versions.js';
import { supportedVersions } from '../native/abi.js';
import { ABIS, MD_ABIS, type CtpAbi, type MdAbi } from './versions.js';

export type CtpFamilyName = 'ctp' | 'mini';

export interface CtpFamily {
  /** How messages name the SDK. */
  sdk: string;
  abis: readonly CtpAbi[];
  mdAbis: readonly MdAbi[];
  supported: readonly string[];
  supportedMd: readonly string[];
  /** Mini declares `Init(bool bContinuous)` on both APIs; CTP's Init takes nothing. */
  initTakesBool: boolean;
  /** Whether the counter expects ReqSettlementInfoConfirm after login (Mini counters do not). */
  settlementConfirm: boolean;
}

export const FAMILIES: Readonly<Record<CtpFamilyName, CtpFamily>> = {
  ctp: {
    sdk: 'CTP',
    abis: ABIS,
    mdAbis: MD_ABIS,
    supported: supportedVersions(ABIS),
    supportedMd: [...new Set(supportedVersions(MD_ABIS))],
    initTakesBool: false,
    settlementConfirm: true,
  },
  mini: {
    sdk: 'CTP Mini',
    abis: MINI_ABIS,
    mdAbis: MINI_MD_ABIS,
    supported: supportedVersions(MINI_ABIS),
    supportedMd: [...new Set(supportedVersions(MINI_MD_ABIS))],
    initTakesBool: true,
    settlementConfirm: false,
  },
};
