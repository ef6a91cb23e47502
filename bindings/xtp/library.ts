// Loads the user's XTP libraries and checks them against the binding tables (runs in the native host process).
// XTP reports its version only through a *virtual* GetApiVersion, so an object must exist before the version
// is known. The order is therefore: read the ELF (nothing of the library runs) and require the factory and an
// exported vtable whose size is one of the known layouts; only then create an object, call the version slot
// that every known layout shares, pick the version's table, and require that table's slot count.
import path from 'node:path';
import koffi from 'koffi';
import { checkExports, chooseTable, NativeLibraryError } from '../native/abi.js';
import { exportedSlots } from '../native/elf.js';
import { openLibrary, type VendorLibrary } from '../native/library.js';
import {
  ABIS,
  FACTORY_SYMBOLS,
  NAMESPACES,
  QUOTE_CLASS,
  SUPPORTED_VERSIONS,
  TRADER_CLASS,
  VERSION_SLOT,
  type XtpAbi,
} from './versions.js';

export { NativeLibraryError as XtpLibraryError };

/** XTP_LOG_LEVEL: FATAL 0 … TRACE 5. */
export const LOG_LEVELS = ['fatal', 'error', 'warning', 'info', 'debug', 'trace'] as const;
export type XtpLogLevel = (typeof LOG_LEVELS)[number];

export interface LoadedApi {
  version: string;
  versionText: string;
  abi: XtpAbi;
  /** The object the factory made (already created: the version came from it). */
  object: bigint;
}

const versionProto = koffi.proto('const char *', ['void *']);

type Kind = 'trader' | 'quote';

function create(
  lib: VendorLibrary,
  kind: Kind,
  clientId: number,
  dir: string,
  logLevel: XtpLogLevel,
): LoadedApi {
  const file = lib.file;
  const name = path.basename(file);
  const className = kind === 'trader' ? TRADER_CLASS : QUOTE_CLASS;
  const what = `XTP ${kind} library ${name}`;
  const supported = `supported XTP versions: ${SUPPORTED_VERSIONS.join(', ')}`;
  const slots = exportedSlots(lib.symbols, className, NAMESPACES);
  if (slots === undefined)
    throw new NativeLibraryError(`${what} does not export the XTP::API::${className} vtable; ${supported}`);
  const known = ABIS.map((a) => (kind === 'trader' ? a.traderApi.slots : a.quoteApi.slots));
  if (!known.includes(slots)) {
    throw new NativeLibraryError(
      `${what}: its XTP::API::${className} has ${slots} virtual methods, a layout vnt has no binding for ` +
        `(known: ${known.join(', ')}); ${supported}`,
    );
  }
  const factory = lib.func(FACTORY_SYMBOLS[kind], 'void *', ['uint8_t', 'const char *', 'int']);
  const object = factory(clientId, dir, LOG_LEVELS.indexOf(logLevel));
  if (typeof object !== 'bigint' || object === 0n)
    throw new NativeLibraryError(
      `${what}: Create${kind === 'trader' ? 'Trader' : 'Quote'}Api returned no object`,
    );
  const vptr = koffi.decode(object, 'void *') as bigint;
  const fn = koffi.decode(koffi.decode(vptr, 8 * VERSION_SLOT[kind], 'void *'), versionProto) as (
    self: bigint,
  ) => string | null;
  const text = String(fn(object) ?? '');
  const slotsOf = (a: XtpAbi) => (kind === 'trader' ? a.traderApi.slots : a.quoteApi.slots);
  const choice = chooseTable(text, ABIS, name, 'XTP');
  // One version may have several layouts (2.2.32 and its XAlgo build): the exported vtable says which.
  const abi = ABIS.find((a) => a.versions.includes(choice.version) && slotsOf(a) === slots) ?? choice.table;
  checkExports(
    file,
    lib.symbols,
    { vtables: [{ className, namespaces: NAMESPACES, slots: slotsOf(abi) }] },
    { sdk: 'XTP', version: choice.version, supported: SUPPORTED_VERSIONS },
  );
  return { version: choice.version, versionText: choice.text, abi, object };
}

/** Opens, checks and creates the trader API (save_file_path = dir, which must exist). */
export function loadTrader(file: string, clientId: number, dir: string, logLevel: XtpLogLevel): LoadedApi {
  const lib = openLibrary(file, 'XTP trader library', FACTORY_SYMBOLS.trader);
  return create(lib, 'trader', clientId, dir, logLevel);
}

export function loadQuote(file: string, clientId: number, dir: string, logLevel: XtpLogLevel): LoadedApi {
  const lib = openLibrary(file, 'XTP quote library', FACTORY_SYMBOLS.quote);
  return create(lib, 'quote', clientId, dir, logLevel);
}
