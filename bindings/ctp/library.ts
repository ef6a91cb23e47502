// Loads the user's CTP (or CTP Mini: family.ts) libraries and checks them against the binding tables before creating anything (runs
// in the native host process): each library's GetApiVersion() must name a version with a table, the
// factory of that version must exist, and the exported API vtable must have the table's slot count.
// The trader and the md library are chosen separately: SDKs ship an md library that reports its own version.
import path from 'node:path';
import { checkExports, chooseTable, NativeLibraryError, tableForVersion } from '../native/abi.js';
import { exportedSlots } from '../native/elf.js';
import { openLibrary } from '../native/library.js';
import { structsFor, type StructSet } from './structs.js';
import { FAMILIES, type CtpFamilyName } from './family.js';
import {
  factorySymbols,
  MD_CLASS,
  TRADER_CLASS,
  VERSION_SYMBOLS,
  type CtpAbi,
  type MdAbi,
} from './versions.js';

export { NativeLibraryError as CtpLibraryError };

export interface LoadedCtp {
  version: string;
  versionText: string;
  mdVersion: string;
  mdVersionText: string;
  abi: CtpAbi;
  md: MdAbi;
  structs: StructSet;
  mdStructs: StructSet;
  /** Creates a trader API object (flow files under flowPath). */
  createTrader(flowPath: string): bigint;
  createMd(flowPath: string): bigint;
}

function pointer(p: unknown, what: string): bigint {
  if (typeof p !== 'bigint' || p === 0n) throw new NativeLibraryError(`${what} returned no object`);
  return p;
}

export function loadCtp(traderFile: string, mdFile: string, familyName: CtpFamilyName = 'ctp'): LoadedCtp {
  const family = FAMILIES[familyName];
  const { sdk, abis: ABIS, mdAbis: MD_ABIS } = family;
  const td = openLibrary(traderFile, `${sdk} trader library`, VERSION_SYMBOLS.trader);
  const tdChoice = chooseTable(td.versionText(VERSION_SYMBOLS.trader), ABIS, path.basename(traderFile), sdk);
  const abi = tdChoice.table;
  const tdFactory = factorySymbols(abi).trader;
  checkExports(
    traderFile,
    td.symbols,
    { symbols: [tdFactory], vtables: [{ className: TRADER_CLASS, slots: abi.traderApi.slots }] },
    { sdk, version: tdChoice.version, supported: family.supported },
  );

  const md = openLibrary(mdFile, `${sdk} market data library`, VERSION_SYMBOLS.md);
  const mdChoice = chooseTable(
    md.versionText(VERSION_SYMBOLS.md),
    MD_ABIS,
    path.basename(mdFile),
    `${sdk} market data`,
  );
  // One version may have two MdApi layouts (6.3.15): the exported vtable size says which.
  const slots = exportedSlots(md.symbols, MD_CLASS);
  const mdAbi =
    MD_ABIS.find((m) => m.versions.includes(mdChoice.version) && m.api.slots === slots) ??
    tableForVersion(MD_ABIS, mdChoice.version)!;
  // The factory's signature is in its mangled name: take whichever of the two the library defines.
  const withFlag = factorySymbols({ productionModeFlag: true }).md;
  const productionFlag = !!md.symbols.get(withFlag)?.defined;
  const mdFactory = productionFlag ? withFlag : factorySymbols({ productionModeFlag: false }).md;
  checkExports(
    mdFile,
    md.symbols,
    { symbols: [mdFactory], vtables: [{ className: MD_CLASS, slots: mdAbi.api.slots }] },
    { sdk: `${sdk} market data`, version: mdChoice.version, supported: family.supportedMd },
  );

  const createTrader = abi.productionModeFlag
    ? td.func(tdFactory, 'void *', ['const char *', 'bool'])
    : td.func(tdFactory, 'void *', ['const char *']);
  const createMd = productionFlag
    ? md.func(mdFactory, 'void *', ['const char *', 'bool', 'bool', 'bool'])
    : md.func(mdFactory, 'void *', ['const char *', 'bool', 'bool']);
  return {
    version: tdChoice.version,
    versionText: tdChoice.text,
    mdVersion: mdChoice.version,
    mdVersionText: mdChoice.text,
    abi,
    md: mdAbi,
    structs: structsFor(abi.generation),
    mdStructs: structsFor(mdAbi.generation),
    createTrader: (flow) =>
      pointer(abi.productionModeFlag ? createTrader(flow, true) : createTrader(flow), 'CreateFtdcTraderApi'),
    createMd: (flow) =>
      pointer(
        productionFlag ? createMd(flow, false, false, true) : createMd(flow, false, false),
        'CreateFtdcMdApi',
      ),
  };
}
