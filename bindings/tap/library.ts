// Loads the user's TAP libraries from the SDK folder and checks each against the binding tables before
// creating anything (runs in the native host process). The Linux SDK ships OpenSSL 1.1 beside the APIs
// (libiTapTradeAPI.so NEEDs libssl.so.1.1 / libcrypto.so.1.1, which Debian 12 does not have) and an RPATH
// that does not point at its own folder: so the bundled copies are loaded first, globally, crypto before
// ssl, and a missing one is named with what to do (vendor-abi.md §1.9). The API libraries themselves are
// loaded with RTLD_DEEPBIND (openLibrary) so that their OpenSSL references cannot bind to Node's OpenSSL 3.
import fs from 'node:fs';
import path from 'node:path';
import koffi from 'koffi';
import { checkExports, chooseTable, NativeLibraryError } from '../native/abi.js';
import { keepForever, openLibrary } from '../native/library.js';
import { readSymbols } from '../native/library.js';
import {
  QUOTE_ABIS,
  QUOTE_CLASS,
  QUOTE_SYMBOLS,
  SUPPORTED_QUOTE_VERSIONS,
  SUPPORTED_TRADE_VERSIONS,
  TRADE_ABIS,
  TRADE_CLASS,
  TRADE_NAMESPACE,
  TRADE_SYMBOLS,
  type QuoteAbi,
  type TradeAbi,
} from './versions.js';

export { NativeLibraryError as TapLibraryError };

export const TRADE_LIBRARY = 'libiTapTradeAPI.so';
export const QUOTE_LIBRARY = 'libTapQuoteAPI.so';
/** Load order matters: libssl needs libcrypto's symbols. */
export const BUNDLED_DEPENDENCIES = ['libcrypto.so.1.1', 'libssl.so.1.1'] as const;

export interface TapFiles {
  trade: string;
  quote: string;
  /** The bundled dependencies found in the folder, in load order. */
  dependencies: string[];
}

/**
 * Resolves the SDK folder (or explicit files) to the two API libraries and the bundled dependencies a
 * library needs: a needed dependency that is neither in the folder nor elsewhere loadable is refused with
 * its name before anything is loaded.
 */
export function resolveTapFiles(folder: string, trade?: string, quote?: string): TapFiles {
  const tradeFile = trade || path.join(folder, TRADE_LIBRARY);
  const quoteFile = quote || path.join(folder, QUOTE_LIBRARY);
  for (const [f, what] of [
    [tradeFile, 'TAP trade library'],
    [quoteFile, 'TAP quote library'],
  ] as const) {
    if (!fs.existsSync(f))
      throw new NativeLibraryError(`the ${what} ${f} does not exist: set the TAP library folder`);
  }
  const dependencies: string[] = [];
  for (const dep of BUNDLED_DEPENDENCIES) {
    const here = path.join(path.dirname(tradeFile), dep);
    if (fs.existsSync(here)) dependencies.push(here);
  }
  return { trade: tradeFile, quote: quoteFile, dependencies };
}

/** The NEEDED entries the ELF dynamic section names that are OpenSSL 1.1 (for a clear message). */
function needsOpenSsl11(file: string): string[] {
  const bytes = fs.readFileSync(file);
  return BUNDLED_DEPENDENCIES.filter((d) => bytes.includes(Buffer.from(d + '\0')));
}

export interface LoadedTap {
  version: string;
  versionText: string;
  quoteVersion: string;
  quoteVersionText: string;
  trade: TradeAbi;
  quote: QuoteAbi;
  createTrade(appInfo: Buffer): { api: bigint; result: number };
  createQuote(appInfo: Buffer): { api: bigint; result: number };
  errorText(code: number): string;
}

export function loadTap(files: TapFiles): LoadedTap {
  for (const dep of files.dependencies) {
    try {
      keepForever(koffi.load(dep, { global: true }));
    } catch (e) {
      throw new NativeLibraryError(`cannot load the TAP SDK's bundled ${dep}: ${(e as Error).message}`);
    }
  }
  const loadedDeps = new Set(files.dependencies.map((d) => path.basename(d)));
  const missing = needsOpenSsl11(files.trade).filter((d) => !loadedDeps.has(d));
  for (const dep of missing) {
    try {
      keepForever(koffi.load(dep, { global: true }));
    } catch {
      throw new NativeLibraryError(
        `${path.basename(files.trade)} needs ${dep} (OpenSSL 1.1, shipped with the TAP SDK), which is not in ` +
          `${path.dirname(files.trade)} and not installed: copy the SDK's ${dep} into that folder`,
      );
    }
  }
  readSymbols(files.quote, 'TAP quote library');

  const td = openLibrary(files.trade, 'TAP trade library', TRADE_SYMBOLS.version);
  const tdChoice = chooseTable(
    td.versionText(TRADE_SYMBOLS.version),
    TRADE_ABIS,
    path.basename(files.trade),
    'TAP trade',
  );
  checkExports(
    files.trade,
    td.symbols,
    {
      symbols: [TRADE_SYMBOLS.create, TRADE_SYMBOLS.free],
      vtables: [{ className: TRADE_CLASS, namespaces: [TRADE_NAMESPACE], slots: tdChoice.table.api.slots }],
    },
    { sdk: 'TAP trade', version: tdChoice.version, supported: SUPPORTED_TRADE_VERSIONS },
  );

  const qt = openLibrary(files.quote, 'TAP quote library', QUOTE_SYMBOLS.version);
  const qtChoice = chooseTable(
    qt.versionText(QUOTE_SYMBOLS.version),
    QUOTE_ABIS,
    path.basename(files.quote),
    'TAP quote',
  );
  checkExports(
    files.quote,
    qt.symbols,
    {
      symbols: [QUOTE_SYMBOLS.create, QUOTE_SYMBOLS.free],
      vtables: [{ className: QUOTE_CLASS, slots: qtChoice.table.api.slots }],
    },
    { sdk: 'TAP quote', version: qtChoice.version, supported: SUPPORTED_QUOTE_VERSIONS },
  );

  // Create*(const TapAPIApplicationInfo *, int &iResult): the reference is a pointer to one int.
  const createTrade = td.func(TRADE_SYMBOLS.create, 'void *', ['const void *', '_Out_ int *']);
  const createQuote = qt.func(QUOTE_SYMBOLS.create, 'void *', ['const void *', '_Out_ int *']);
  const describe = td.symbols.get(TRADE_SYMBOLS.errorText)?.defined
    ? td.func(TRADE_SYMBOLS.errorText, 'const char *', ['int'])
    : undefined;
  const create = (fn: (...a: unknown[]) => unknown) => (appInfo: Buffer) => {
    const out = [0];
    const api = fn(appInfo, out);
    return { api: typeof api === 'bigint' ? api : 0n, result: Number(out[0]) };
  };
  return {
    version: tdChoice.version,
    versionText: tdChoice.text,
    quoteVersion: qtChoice.version,
    quoteVersionText: qtChoice.text,
    trade: tdChoice.table,
    quote: qtChoice.table,
    createTrade: create(createTrade),
    createQuote: create(createQuote),
    errorText: (code) => (describe ? String(describe(code) ?? '') : ''),
  };
}
