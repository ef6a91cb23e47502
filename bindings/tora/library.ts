// Loads the user's TORA libraries (trader libtraderapi.so, Level-1 market data libxmdapi.so) and checks each
// against the binding tables before creating anything (runs in the native host process): its
// GetApiVersion() must name a release with a table, the factory must exist, and the exported API vtable
// must have that release's slot count. The two libraries are matched separately (each reports its own
// version) and may come from different SDK drops.
import path from 'node:path';
import { checkExports, chooseTable, NativeLibraryError } from '../native/abi.js';
import { openLibrary } from '../native/library.js';
import { mdStructs, traderStructs, type MdStructs, type TraderStructs } from './structs.js';
import {
  FACTORY_SYMBOLS,
  MD_ABIS,
  MD_CLASS,
  MD_NAMESPACE,
  SUPPORTED_MD_VERSIONS,
  SUPPORTED_VERSIONS,
  TRADER_ABIS,
  TRADER_CLASS,
  TRADER_NAMESPACE,
  VERSION_SYMBOLS,
  type MdAbi,
  type TraderAbi,
} from './versions.js';

export { NativeLibraryError as ToraLibraryError };

export interface LoadedTora {
  version: string;
  versionText: string;
  mdVersion: string;
  mdVersionText: string;
  trader: TraderAbi;
  md: MdAbi;
  traderStructs: TraderStructs;
  mdStructs: MdStructs;
  createTrader(flowPath: string): bigint;
  createMd(): bigint;
}

function pointer(p: unknown, what: string): bigint {
  if (typeof p !== 'bigint' || p === 0n) throw new NativeLibraryError(`${what} returned no object`);
  return p;
}

// TORA_TSTP_TCM_TCP / TORA_TSTP_MST_TCP: plain TCP to the front.
const TCP = '0';

export function loadTora(traderFile: string, mdFile: string): LoadedTora {
  const td = openLibrary(traderFile, 'TORA trader library', VERSION_SYMBOLS.trader);
  const tdChoice = chooseTable(
    td.versionText(VERSION_SYMBOLS.trader),
    TRADER_ABIS,
    path.basename(traderFile),
    'TORA trader',
  );
  checkExports(
    traderFile,
    td.symbols,
    {
      symbols: [FACTORY_SYMBOLS.trader],
      vtables: [{ className: TRADER_CLASS, namespaces: [TRADER_NAMESPACE], slots: tdChoice.table.api.slots }],
    },
    { sdk: 'TORA trader', version: tdChoice.version, supported: SUPPORTED_VERSIONS },
  );

  const md = openLibrary(mdFile, 'TORA Level-1 market data library', VERSION_SYMBOLS.md);
  const mdChoice = chooseTable(
    md.versionText(VERSION_SYMBOLS.md),
    MD_ABIS,
    path.basename(mdFile),
    'TORA XMd',
  );
  checkExports(
    mdFile,
    md.symbols,
    {
      symbols: [FACTORY_SYMBOLS.md],
      vtables: [{ className: MD_CLASS, namespaces: [MD_NAMESPACE], slots: mdChoice.table.api.slots }],
    },
    { sdk: 'TORA XMd', version: mdChoice.version, supported: SUPPORTED_MD_VERSIONS },
  );

  const createTrader = td.func(FACTORY_SYMBOLS.trader, 'void *', [
    'const char *',
    'bool',
    'char',
    'const char *',
    'bool',
  ]);
  const createMd = md.func(FACTORY_SYMBOLS.md, 'void *', ['const char *', 'const char *']);
  return {
    version: tdChoice.version,
    versionText: tdChoice.text,
    mdVersion: mdChoice.version,
    mdVersionText: mdChoice.text,
    trader: tdChoice.table,
    md: mdChoice.table,
    traderStructs: traderStructs(tdChoice.table.generation),
    mdStructs: mdStructs(mdChoice.table.generation),
    createTrader: (flow) =>
      pointer(createTrader(flow, false, TCP.charCodeAt(0), '', false), 'CreateTstpTraderApi'),
    // The two `const char &` arguments: pointers to one byte each (koffi copies the string for the call).
    createMd: () => pointer(createMd(TCP, TCP), 'CreateTstpXMdApi'),
  };
}
