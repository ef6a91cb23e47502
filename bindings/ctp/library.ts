// Loads the user's CTP libraries and checks them against a binding table before creating anything: the
// version GetApiVersion() reports must have a table, the factory symbols of that version must exist, and
// the sizes of the exported API vtables must equal the table's slot counts. Anything else is refused with a
// message naming the supported versions; a wrong table would mean calling the wrong virtual method.
import path from 'node:path';
import koffi, { type LibraryHandle } from 'koffi';
import { readDynamicSymbols, type DynamicSymbol } from './elf.js';
import { structsFor, type StructSet } from './structs.js';
import {
  abiForVersion,
  factorySymbols,
  MD_CLASS,
  parseApiVersion,
  SUPPORTED_VERSIONS,
  TRADER_CLASS,
  vtableSymbol,
  VERSION_SYMBOLS,
  type CtpAbi,
  type MdAbi,
} from './versions.js';

export class CtpLibraryError extends Error {
  override name = 'CtpLibraryError';
}

export interface LoadedCtp {
  version: string;
  versionText: string;
  abi: CtpAbi;
  md: MdAbi;
  structs: StructSet;
  /** Creates a trader API object (flow files under flowPath). */
  createTrader(flowPath: string): bigint;
  createMd(flowPath: string): bigint;
}

// Library handles and functions live as long as the process: a collected handle would unload the library
// under the vendor's threads.
const keep: unknown[] = [];

function symbols(file: string): Map<string, DynamicSymbol> {
  try {
    return readDynamicSymbols(file);
  } catch (e) {
    throw new CtpLibraryError(`cannot read CTP library ${file}: ${(e as Error).message}`);
  }
}

function supported(): string {
  return `supported CTP versions: ${SUPPORTED_VERSIONS.join(', ')}`;
}

function readVersion(file: string, syms: Map<string, DynamicSymbol>, symbol: string, what: string) {
  if (!syms.get(symbol)?.defined) {
    throw new CtpLibraryError(`${path.basename(file)} is not a CTP ${what} library (no ${symbol})`);
  }
  let lib: LibraryHandle;
  try {
    // deep: the vendor's bundled OpenSSL (if any) must bind to itself, not to Node's.
    lib = koffi.load(file, { deep: true });
  } catch (e) {
    throw new CtpLibraryError(`cannot load ${file}: ${(e as Error).message}`);
  }
  keep.push(lib);
  const text = String(lib.func(symbol, 'const char *', [])());
  const version = parseApiVersion(text);
  const abi = version ? abiForVersion(version) : undefined;
  if (!version || !abi) {
    throw new CtpLibraryError(
      `${path.basename(file)} reports CTP API version "${text.trim()}", which vnt has no binding for; ${supported()}`,
    );
  }
  return { lib, text: text.trim(), version, abi };
}

function checkVtable(
  file: string,
  syms: Map<string, DynamicSymbol>,
  cls: string,
  slots: number,
  version: string,
) {
  const sym = syms.get(vtableSymbol(cls));
  if (!sym?.defined) {
    throw new CtpLibraryError(
      `${path.basename(file)} does not export the ${cls} vtable; cannot verify CTP ${version}`,
    );
  }
  const found = sym.size / 8 - 2;
  if (found !== slots) {
    throw new CtpLibraryError(
      `${path.basename(file)} says CTP ${version} but its ${cls} has ${found} virtual methods where ${version} has ` +
        `${slots}: the library does not match its version; ${supported()}`,
    );
  }
}

function requireSymbol(file: string, syms: Map<string, DynamicSymbol>, symbol: string, version: string) {
  if (!syms.get(symbol)?.defined) {
    throw new CtpLibraryError(
      `${path.basename(file)} says CTP ${version} but lacks its factory ${symbol}; the library is damaged or of ` +
        `another version; ${supported()}`,
    );
  }
}

export function loadCtp(traderFile: string, mdFile: string): LoadedCtp {
  const tdSyms = symbols(traderFile);
  const mdSyms = symbols(mdFile);
  const td = readVersion(traderFile, tdSyms, VERSION_SYMBOLS.trader, 'trader');
  const md = readVersion(mdFile, mdSyms, VERSION_SYMBOLS.md, 'market data');
  if (td.abi !== md.abi) {
    throw new CtpLibraryError(
      `trader library is CTP ${td.version} but market data library is CTP ${md.version}; use one SDK version`,
    );
  }
  const abi = td.abi;
  const names = factorySymbols(abi);
  requireSymbol(traderFile, tdSyms, names.trader, td.version);
  requireSymbol(mdFile, mdSyms, names.md, md.version);
  checkVtable(traderFile, tdSyms, TRADER_CLASS, abi.traderApi.slots, td.version);
  const mdVt = mdSyms.get(vtableSymbol(MD_CLASS));
  const mdAbi = abi.md.find((m) => mdVt?.defined && mdVt.size / 8 - 2 === m.api.slots);
  if (!mdAbi) checkVtable(mdFile, mdSyms, MD_CLASS, abi.md[0]!.api.slots, md.version);

  const tdFactory = abi.productionModeFlag
    ? td.lib.func(names.trader, 'void *', ['const char *', 'bool'])
    : td.lib.func(names.trader, 'void *', ['const char *']);
  const mdFactory = abi.productionModeFlag
    ? md.lib.func(names.md, 'void *', ['const char *', 'bool', 'bool', 'bool'])
    : md.lib.func(names.md, 'void *', ['const char *', 'bool', 'bool']);
  keep.push(tdFactory, mdFactory);
  const pointer = (p: unknown, what: string): bigint => {
    if (typeof p !== 'bigint' || p === 0n) throw new CtpLibraryError(`${what} returned no object`);
    return p;
  };
  return {
    version: td.version,
    versionText: td.text,
    abi,
    md: mdAbi!,
    structs: structsFor(abi.generation),
    createTrader: (flow) =>
      pointer(abi.productionModeFlag ? tdFactory(flow, true) : tdFactory(flow), 'CreateFtdcTraderApi'),
    createMd: (flow) =>
      pointer(
        abi.productionModeFlag ? mdFactory(flow, false, false, true) : mdFactory(flow, false, false),
        'CreateFtdcMdApi',
      ),
  };
}
