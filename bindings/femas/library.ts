// Loads the user's FEMAS libraries and checks them against the binding table before creating anything (runs
// in the native host process). CTP and CTP Mini libraries look alike from outside (same vendor lineage,
// Ftdc naming) but export CThostFtdc* classes: such a library is named as what it is and refused before its
// code runs. A FEMAS library must report (GetVersion's major.minor) a version with a table, define that
// table's factory and export API vtables of the table's sizes.
import path from 'node:path';
import { checkExports, chooseTable, NativeLibraryError } from '../native/abi.js';
import { readSymbols, openLibrary, type VendorLibrary } from '../native/library.js';
import { femasStructs, type FemasStructSet } from './structs.js';
import {
  FEMAS_ABIS,
  FEMAS_SYMBOLS,
  MD_CLASS,
  SUPPORTED_FEMAS_VERSIONS,
  TRADER_CLASS,
  type FemasAbi,
} from './versions.js';

export interface LoadedFemas {
  version: string;
  versionText: string;
  mdVersion: string;
  mdVersionText: string;
  abi: FemasAbi;
  structs: FemasStructSet;
  createTrader(flowPath: string): bigint;
  createMd(flowPath: string): bigint;
}

const SDK = 'FEMAS';
const supported = () => `supported ${SDK} versions: ${SUPPORTED_FEMAS_VERSIONS.join(', ')}`;

/** Refuses, by what it exports, a file that is not a FEMAS library; names a CTP/CTP Mini library as such. */
function requireFemas(file: string, versionSymbol: string, what: string): void {
  const symbols = readSymbols(file, what);
  if (symbols.get(versionSymbol)?.defined) return;
  const name = path.basename(file);
  const ctp = [...symbols.keys()].some((s) => s.includes('CThostFtdc') && symbols.get(s)?.defined);
  throw new NativeLibraryError(
    ctp
      ? `${name} is a CTP or CTP Mini library (it exports CThostFtdc* classes), not a FEMAS ${what}; ${supported()}`
      : `${name} is not a FEMAS ${what} (no ${versionSymbol}); ${supported()}`,
  );
}

/** GetVersion(int &major, int &minor): the text it returns and "major.minor" from its out-parameters. */
function femasVersion(lib: VendorLibrary, symbol: string): { text: string; version: string } {
  const getVersion = lib.func(symbol, 'const char *', ['void *', 'void *']);
  const major = Buffer.alloc(4);
  const minor = Buffer.alloc(4);
  const text = String(getVersion(major, minor) ?? '');
  return { text, version: `${major.readInt32LE(0)}.${minor.readInt32LE(0)}` };
}

function pointer(p: unknown, what: string): bigint {
  if (typeof p !== 'bigint' || p === 0n) throw new NativeLibraryError(`${what} returned no object`);
  return p;
}

function load(file: string, kind: 'trader' | 'md') {
  const what = kind === 'trader' ? 'trader library' : 'market data library';
  const versionSymbol = kind === 'trader' ? FEMAS_SYMBOLS.traderVersion : FEMAS_SYMBOLS.mdVersion;
  requireFemas(file, versionSymbol, what);
  const lib = openLibrary(file, `${SDK} ${what}`, versionSymbol);
  const reported = femasVersion(lib, versionSymbol);
  const choice = chooseTable(
    `${reported.text || '(no text)'} (GetVersion ${reported.version})`,
    FEMAS_ABIS,
    path.basename(file),
    SDK,
    () => reported.version,
  );
  const abi = choice.table;
  const factory = kind === 'trader' ? FEMAS_SYMBOLS.createTrader : FEMAS_SYMBOLS.createMd;
  const className = kind === 'trader' ? TRADER_CLASS : MD_CLASS;
  const slots = kind === 'trader' ? abi.traderApi.slots : abi.mdApi.slots;
  checkExports(
    file,
    lib.symbols,
    { symbols: [factory], vtables: [{ className, slots }] },
    { sdk: SDK, version: choice.version, supported: SUPPORTED_FEMAS_VERSIONS },
  );
  const create = lib.func(factory, 'void *', ['const char *']);
  return { lib, choice, abi, create, text: reported.text.trim() };
}

export function loadFemas(traderFile: string, mdFile: string): LoadedFemas {
  const td = load(traderFile, 'trader');
  const md = load(mdFile, 'md');
  if (md.abi !== td.abi) {
    throw new NativeLibraryError(
      `${path.basename(mdFile)} is FEMAS ${md.choice.version} but ${path.basename(traderFile)} is ` +
        `${td.choice.version}: use the trader and market data libraries of one SDK`,
    );
  }
  return {
    version: td.choice.version,
    versionText: td.text,
    mdVersion: md.choice.version,
    mdVersionText: md.text,
    abi: td.abi,
    structs: femasStructs(),
    createTrader: (flow) => pointer(td.create(flow), 'CUstpFtdcTraderApi::CreateFtdcTraderApi'),
    createMd: (flow) => pointer(md.create(flow), 'CUstpFtdcMduserApi::CreateFtdcMduserApi'),
  };
}
