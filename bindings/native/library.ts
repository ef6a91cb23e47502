// Loading a vendor library: its ELF symbols first (read from the file, so nothing of it runs before the
// guard), then koffi with RTLD_DEEPBIND (a vendor's bundled OpenSSL must bind to itself, not to Node's).
// Handles, functions and memory given to the vendor live as long as the process: a collected handle would
// unload the library under the vendor's threads.
import path from 'node:path';
import koffi, { type LibraryHandle } from 'koffi';
import { NativeLibraryError } from './abi.js';
import { readDynamicSymbols, type DynamicSymbol } from './elf.js';

const keep: unknown[] = [];

/** Keeps anything the vendor was given (callbacks, memory, functions) referenced for the process's life. */
export function keepForever<T>(value: T): T {
  keep.push(value);
  return value;
}

export interface VendorLibrary {
  file: string;
  symbols: ReadonlyMap<string, DynamicSymbol>;
  handle: LibraryHandle;
  /** A C function (or static member, by mangled name), declared once and kept. */
  func(symbol: string, result: string, params: readonly string[]): (...args: unknown[]) => unknown;
  /** Calls a `const char *f(void)` export: how most SDKs report their version. */
  versionText(symbol: string): string;
}

export function readSymbols(file: string, what: string): Map<string, DynamicSymbol> {
  try {
    return readDynamicSymbols(file);
  } catch (e) {
    throw new NativeLibraryError(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
}

/**
 * Opens a vendor library. `requiredSymbol` (usually the version function) must be defined, or the file is
 * refused as "not a <what>" before it is loaded.
 */
export function openLibrary(file: string, what: string, requiredSymbol?: string): VendorLibrary {
  const symbols = readSymbols(file, what);
  if (requiredSymbol && !symbols.get(requiredSymbol)?.defined) {
    throw new NativeLibraryError(`${path.basename(file)} is not a ${what} (no ${requiredSymbol})`);
  }
  let handle: LibraryHandle;
  try {
    handle = koffi.load(file, { deep: true });
  } catch (e) {
    throw new NativeLibraryError(`cannot load ${file}: ${(e as Error).message}`);
  }
  keepForever(handle);
  const func = (symbol: string, result: string, params: readonly string[]) => {
    if (!symbols.get(symbol)?.defined) {
      throw new NativeLibraryError(`${path.basename(file)} does not export ${symbol}`);
    }
    return keepForever(handle.func(symbol, result, [...params]) as (...args: unknown[]) => unknown);
  };
  return {
    file,
    symbols,
    handle,
    func,
    versionText: (symbol) => String(func(symbol, 'const char *', [])() ?? ''),
  };
}

/** A NUL-terminated string in memory the vendor may keep (front addresses, paths); never freed. */
export function stableString(text: string): bigint {
  const bytes = Buffer.from(text + '\0', 'utf8');
  const mem = koffi.alloc('char', bytes.length) as bigint;
  koffi.encode(mem, 0, koffi.array('uint8_t', bytes.length), [...bytes]);
  return keepForever(mem);
}
