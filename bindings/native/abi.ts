// "Version string → ABI table" for vendor SDKs, and the guard that refuses a library the table does not
// describe. A wrong table means calling the wrong virtual method or reading a struct at the wrong offset —
// memory corruption, not an error — so a library is used only when what it says (its version) and what it
// is (its exported factory symbols and vtable sizes, read from the ELF before any of its code runs) both
// match one table. Every refusal names the versions that are supported.
import path from 'node:path';
import { exportedSlots, type DynamicSymbol } from './elf.js';

export class NativeLibraryError extends Error {
  override name = 'NativeLibraryError';
}

/**
 * The version number in an SDK's version text, as "major.minor.patch", or null. Vendors spell it many ways:
 * `v6.7.11_20250617 15:33:40`, `6.3.19_P1`, `v6.3.6_20160606 10:26:14`, `V6_6_9`, `V6_6_1_P1`,
 * `openctp-tts v6.7.11`, `V1.6.3`, `2.2.32.8`. Numbers are separated by dots or underscores; a date or a
 * time next to the version is not taken for it (at most two digits for major and minor, three for patch).
 */
export function parseVersion(text: string): string | null {
  const m = /(?<![\d.])(\d{1,2})[._](\d{1,2})[._](\d{1,3})(?!\d)/.exec(text);
  return m ? `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}` : null;
}

/** One table serves the versions listed in it; tables are tried in order. */
export interface Versioned {
  readonly versions: readonly string[];
}

export function supportedVersions(tables: readonly Versioned[]): string[] {
  return tables.flatMap((t) => t.versions);
}

export function tableForVersion<T extends Versioned>(tables: readonly T[], version: string): T | undefined {
  return tables.find((t) => t.versions.includes(version));
}

export interface VersionChoice<T> {
  /** What the library printed, trimmed. */
  text: string;
  version: string;
  table: T;
}

/**
 * Picks the table for a library's version text or refuses with a message naming what it reported and every
 * supported version (`what` names the library, e.g. "CTP trader library libthosttraderapi_se.so"). `parse`
 * finds the version in the text; SDKs that report their numbers apart from the text (FEMAS's
 * GetVersion(int &major, int &minor)) pass a function returning them.
 */
export function chooseTable<T extends Versioned>(
  rawText: string,
  tables: readonly T[],
  what: string,
  sdk: string,
  parse: (text: string) => string | null = parseVersion,
): VersionChoice<T> {
  const text = rawText.trim();
  const version = parse(text);
  const table = version ? tableForVersion(tables, version) : undefined;
  if (!version || !table) {
    const seen = version && version !== text ? `"${text}" (${version})` : `"${text}"`;
    throw new NativeLibraryError(
      `${what} reports ${sdk} API version ${seen}, which vnt has no binding for; ` +
        `supported ${sdk} versions: ${supportedVersions(tables).join(', ')}`,
    );
  }
  return { text, version, table };
}

/** What a table expects a library to export. */
export interface ExpectedExports {
  /** Symbols that must be defined (factories, static functions). */
  symbols?: readonly string[];
  /** Classes whose exported vtable must have exactly this many slots. */
  vtables?: readonly { className: string; namespaces?: readonly string[]; slots: number }[];
}

/**
 * Checks a library's dynamic symbols against what its version's table expects; throws a NativeLibraryError
 * naming the first mismatch and the supported versions.
 */
export function checkExports(
  file: string,
  symbols: ReadonlyMap<string, DynamicSymbol>,
  expected: ExpectedExports,
  claim: { sdk: string; version: string; supported: readonly string[] },
): void {
  const name = path.basename(file);
  const supported = `supported ${claim.sdk} versions: ${claim.supported.join(', ')}`;
  for (const s of expected.symbols ?? []) {
    if (!symbols.get(s)?.defined) {
      throw new NativeLibraryError(
        `${name} says ${claim.sdk} ${claim.version} but lacks its ${s}; the library is damaged or of another ` +
          `version; ${supported}`,
      );
    }
  }
  for (const v of expected.vtables ?? []) {
    const found = exportedSlots(symbols, v.className, v.namespaces);
    if (found === undefined) {
      throw new NativeLibraryError(
        `${name} does not export the ${v.className} vtable; cannot verify ${claim.sdk} ${claim.version}; ${supported}`,
      );
    }
    if (found !== v.slots) {
      throw new NativeLibraryError(
        `${name} says ${claim.sdk} ${claim.version} but its ${v.className} has ${found} virtual methods where ` +
          `${claim.version} has ${v.slots}: the library does not match its version; ${supported}`,
      );
    }
  }
}
