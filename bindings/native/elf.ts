// Reads the dynamic symbol table of an ELF64 little-endian shared library: which symbols it defines and how
// big they are, and derives what the guards need from it (exported vtable sizes, mangled names). Used to
// check a vendor library against a binding table before any of its code runs.
import fs from 'node:fs';

export interface DynamicSymbol {
  size: number;
  defined: boolean;
}

export function readDynamicSymbols(file: string): Map<string, DynamicSymbol> {
  const buf = fs.readFileSync(file);
  if (buf.length < 64 || buf.readUInt32BE(0) !== 0x7f454c46) throw new Error(`${file} is not an ELF file`);
  if (buf[4] !== 2 || buf[5] !== 1) throw new Error(`${file} is not a 64-bit little-endian ELF library`);
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  const sections = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    sections.push({
      type: buf.readUInt32LE(o + 4),
      offset: Number(buf.readBigUInt64LE(o + 0x18)),
      size: Number(buf.readBigUInt64LE(o + 0x20)),
      link: buf.readUInt32LE(o + 0x28),
      entsize: Number(buf.readBigUInt64LE(o + 0x38)),
    });
  }
  const SHT_DYNSYM = 11;
  const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
  if (!dynsym) throw new Error(`${file} has no dynamic symbol table`);
  const strtab = sections[dynsym.link];
  if (!strtab) throw new Error(`${file}: dynamic string table missing`);
  const out = new Map<string, DynamicSymbol>();
  const count = dynsym.size / (dynsym.entsize || 24);
  for (let i = 1; i < count; i++) {
    const o = dynsym.offset + i * (dynsym.entsize || 24);
    const nameOff = buf.readUInt32LE(o);
    const shndx = buf.readUInt16LE(o + 6);
    const size = Number(buf.readBigUInt64LE(o + 16));
    const start = strtab.offset + nameOff;
    const end = buf.indexOf(0, start);
    const name = buf.toString('latin1', start, end);
    out.set(name, { size, defined: shndx !== 0 });
  }
  return out;
}

/** The Itanium-mangled name of a class's vtable (`_ZTV` + length-prefixed name; namespaces as `N…E`). */
export function vtableSymbol(className: string, namespaces: readonly string[] = []): string {
  const part = (s: string) => `${s.length}${s}`;
  if (namespaces.length === 0) return `_ZTV${part(className)}`;
  return `_ZTVN${namespaces.map(part).join('')}${part(className)}E`;
}

/**
 * The Itanium-mangled name of a static member function: `params` is the mangled parameter list
 * (for example `PKc` for `const char *`, `PKcbb` for `(const char *, bool, bool)`, `v` for none).
 */
export function staticMemberSymbol(
  className: string,
  member: string,
  params: string,
  namespaces: readonly string[] = [],
): string {
  const part = (s: string) => `${s.length}${s}`;
  return `_ZN${namespaces.map(part).join('')}${part(className)}${part(member)}E${params}`;
}

/**
 * How many virtual methods a class exported by the library has, from its vtable's size: 8 bytes per slot
 * after the offset-to-top and RTTI words. Undefined when the library does not export the vtable.
 */
export function exportedSlots(
  symbols: ReadonlyMap<string, DynamicSymbol>,
  className: string,
  namespaces: readonly string[] = [],
): number | undefined {
  const sym = symbols.get(vtableSymbol(className, namespaces));
  return sym?.defined ? sym.size / 8 - 2 : undefined;
}
