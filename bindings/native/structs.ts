// Struct declarations for vendor SDKs, written as compact field specs (facts re-typed from the vendor's
// documentation, never its headers): koffi computes the layout (natural alignment like g++, or packed), and
// values are read and written at koffi's offsets on plain Buffers — a callback copies the vendor's bytes and
// returns, decoding happens later. Text fields are GBK (the CTP family, TORA, TAP) or UTF-8, chosen per
// struct set. The same declarations print as C++ for the simulated libraries and the layout tests.
import koffi, { type TypeObject } from 'koffi';

/** Scalar kinds: the letter used in a field spec, the koffi type and the C++ type. */
const SCALARS = {
  c: { koffi: 'char', cpp: 'char', size: 1 },
  B: { koffi: 'uint8_t', cpp: 'unsigned char', size: 1 },
  b: { koffi: 'bool', cpp: 'bool', size: 1 },
  h: { koffi: 'int16_t', cpp: 'short', size: 2 },
  H: { koffi: 'uint16_t', cpp: 'unsigned short', size: 2 },
  i: { koffi: 'int32_t', cpp: 'int', size: 4 },
  I: { koffi: 'uint32_t', cpp: 'unsigned int', size: 4 },
  q: { koffi: 'int64_t', cpp: 'long long', size: 8 },
  Q: { koffi: 'uint64_t', cpp: 'unsigned long long', size: 8 },
  f: { koffi: 'float', cpp: 'float', size: 4 },
  d: { koffi: 'double', cpp: 'double', size: 8 },
} as const;
export type ScalarCode = keyof typeof SCALARS;

export type FieldKind = { kind: 'scalar'; code: ScalarCode } | { kind: 'text'; length: number };
export interface FieldDef {
  name: string;
  type: FieldKind;
}
/** 64-bit integers read as bigint (they exceed 2^53: XTP/OES order and session ids). */
export type NativeValue = string | number | bigint | boolean;
export type NativeRecord = Record<string, NativeValue>;
export type TextEncoding = 'gbk' | 'utf8';

/**
 * Parses a field spec: comma-separated "Name code" pairs where code is a scalar letter (c char, B uint8,
 * b bool, h short, H uint16, i int, I uint32, q int64, Q uint64, f float, d double) or cN for char[N] text.
 */
export function parseFields(spec: string): FieldDef[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name, t, extra] = s.split(/\s+/);
      if (!name || !t || extra !== undefined) throw new Error(`bad field spec "${s}"`);
      if (t in SCALARS) return { name, type: { kind: 'scalar', code: t as ScalarCode } };
      const m = /^c(\d+)$/.exec(t);
      if (!m || Number(m[1]) < 1) throw new Error(`bad field spec "${s}"`);
      return { name, type: { kind: 'text', length: Number(m[1]) } };
    });
}

export interface StructOptions {
  /** No padding between members (`#pragma pack(1)`, e.g. TAP). */
  packed?: boolean;
  /** How text fields are encoded (default GBK: every Chinese vendor SDK but XTP/OES). */
  encoding?: TextEncoding;
}

const gbkDecoder = new TextDecoder('gbk');

function decodeText(buf: Buffer, start: number, end: number, encoding: TextEncoding): string {
  // Plain ASCII (codes, ids, times: most fields) takes the cheap path.
  for (let i = start; i < end; i++) {
    if (buf[i]! >= 0x80)
      return encoding === 'gbk'
        ? gbkDecoder.decode(buf.subarray(start, end))
        : buf.toString('utf8', start, end);
  }
  return buf.toString('latin1', start, end);
}

/** One struct: its koffi type (layout) and a reader/writer working on plain Buffers. */
export class NativeStruct<N extends string = string> {
  readonly type: TypeObject;
  readonly size: number;
  private readonly layout: { def: FieldDef; offset: number }[];
  private readonly byName = new Map<string, { def: FieldDef; offset: number }>();

  constructor(
    readonly name: N,
    readonly fields: FieldDef[],
    readonly options: StructOptions = {},
  ) {
    const members: Record<string, TypeObject | string> = {};
    for (const f of fields) {
      if (f.name in members) throw new Error(`${name}: field ${f.name} declared twice`);
      const t = f.type;
      members[f.name] = t.kind === 'text' ? koffi.array('char', t.length, 'Buffer') : SCALARS[t.code].koffi;
    }
    this.type = options.packed ? koffi.pack(members) : koffi.struct(members);
    this.size = koffi.sizeof(this.type);
    this.layout = fields.map((def) => ({ def, offset: koffi.offsetof(this.type, def.name) }));
    for (const l of this.layout) this.byName.set(l.def.name, l);
  }

  offsetOf(field: string): number {
    const f = this.byName.get(field);
    if (!f) throw new Error(`${this.name} has no field ${field}`);
    return f.offset;
  }

  /** Decodes every field; text is cut at the first NUL; fields named reserve* are skipped. */
  read(buf: Buffer): NativeRecord {
    return this.readLayout(buf, this.layout);
  }

  /**
   * A reader of only the named fields: for hot paths (a depth feed) where the struct is much larger than
   * what is used. Unknown names are an error.
   */
  picker(names: readonly string[]): (buf: Buffer) => NativeRecord {
    const layout = names.map((n) => {
      const f = this.byName.get(n);
      if (!f) throw new Error(`${this.name} has no field ${n}`);
      return f;
    });
    return (buf) => this.readLayout(buf, layout);
  }

  private readLayout(buf: Buffer, layout: readonly { def: FieldDef; offset: number }[]): NativeRecord {
    const out: NativeRecord = {};
    const enc = this.options.encoding ?? 'gbk';
    for (const { def, offset } of layout) {
      if (def.name.startsWith('reserve')) continue;
      const t = def.type;
      if (t.kind === 'text') {
        let end = buf.indexOf(0, offset);
        if (end < 0 || end > offset + t.length) end = offset + t.length;
        out[def.name] = decodeText(buf, offset, end, enc);
        continue;
      }
      switch (t.code) {
        case 'c':
          out[def.name] = buf[offset] ? String.fromCharCode(buf[offset]!) : '';
          break;
        case 'B':
          out[def.name] = buf.readUInt8(offset);
          break;
        case 'b':
          out[def.name] = buf[offset] !== 0;
          break;
        case 'h':
          out[def.name] = buf.readInt16LE(offset);
          break;
        case 'H':
          out[def.name] = buf.readUInt16LE(offset);
          break;
        case 'i':
          out[def.name] = buf.readInt32LE(offset);
          break;
        case 'I':
          out[def.name] = buf.readUInt32LE(offset);
          break;
        case 'q':
          out[def.name] = buf.readBigInt64LE(offset);
          break;
        case 'Q':
          out[def.name] = buf.readBigUInt64LE(offset);
          break;
        case 'f':
          out[def.name] = buf.readFloatLE(offset);
          break;
        case 'd':
          out[def.name] = buf.readDoubleLE(offset);
          break;
      }
    }
    return out;
  }

  /**
   * Encodes into a zeroed buffer of at least `minSize` bytes (requests get room for fields a newer SDK
   * appended). Unknown field names are an error, so a typo cannot silently send an empty field. Text is
   * always NUL-terminated (cut to N-1 bytes), like koffi's own char-array encoding; it is written as UTF-8,
   * which equals GBK for the ASCII that requests carry.
   */
  write(values: NativeRecord, minSize = 0): Buffer {
    const buf = Buffer.alloc(Math.max(this.size, minSize));
    for (const [name, value] of Object.entries(values)) {
      const f = this.byName.get(name);
      if (!f) throw new Error(`${this.name} has no field ${name}`);
      const t = f.def.type;
      const o = f.offset;
      if (t.kind === 'text') {
        Buffer.from(String(value), 'utf8')
          .subarray(0, t.length - 1)
          .copy(buf, o);
        continue;
      }
      switch (t.code) {
        case 'c':
          buf[o] = String(value).charCodeAt(0) || 0;
          break;
        case 'B':
          buf.writeUInt8(Number(value), o);
          break;
        case 'b':
          buf[o] = value ? 1 : 0;
          break;
        case 'h':
          buf.writeInt16LE(Number(value), o);
          break;
        case 'H':
          buf.writeUInt16LE(Number(value), o);
          break;
        case 'i':
          buf.writeInt32LE(Number(value), o);
          break;
        case 'I':
          buf.writeUInt32LE(Number(value), o);
          break;
        case 'q':
          buf.writeBigInt64LE(BigInt(value), o);
          break;
        case 'Q':
          buf.writeBigUInt64LE(BigInt(value), o);
          break;
        case 'f':
          buf.writeFloatLE(Number(value), o);
          break;
        case 'd':
          buf.writeDoubleLE(Number(value), o);
          break;
      }
    }
    return buf;
  }

  /** The C++ declaration of this struct under `cppName` (for simulated libraries and layout tests). */
  cppDeclaration(cppName: string): string {
    const lines = this.fields.map((f) =>
      f.type.kind === 'text'
        ? `  char ${f.name}[${f.type.length}];`
        : `  ${SCALARS[f.type.code].cpp} ${f.name};`,
    );
    const body = `struct ${cppName} {\n${lines.join('\n')}\n};`;
    return this.options.packed ? `#pragma pack(push, 1)\n${body}\n#pragma pack(pop)` : body;
  }
}

export type StructSet<N extends string> = Readonly<Record<N, NativeStruct<N>>>;

/** Builds every struct of a spec table (name → field spec) with the same options. */
export function defineStructs<N extends string>(
  specs: Readonly<Record<N, string>>,
  options: StructOptions = {},
): StructSet<N> {
  const out = {} as Record<N, NativeStruct<N>>;
  for (const name of Object.keys(specs) as N[])
    out[name] = new NativeStruct(name, parseFields(specs[name]), options);
  return out;
}

/** C++ declarations of a whole set; `cppName` maps a struct name to the vendor's type name. */
export function cppDeclarations<N extends string>(set: StructSet<N>, cppName: (name: N) => string): string {
  return (
    (Object.values(set) as NativeStruct<N>[]).map((s) => s.cppDeclaration(cppName(s.name))).join('\n') + '\n'
  );
}

/**
 * A C++ program that prints g++'s sizeof/offsetof of every struct and field of a set, one "Struct.size N" /
 * "Struct.Field N" per line: compile and run it to compare with koffi (see test/bindings/native).
 */
export function cppLayoutProgram<N extends string>(set: StructSet<N>, cppName: (name: N) => string): string {
  const lines: string[] = [];
  for (const s of Object.values(set) as NativeStruct<N>[]) {
    const t = cppName(s.name);
    lines.push(`  std::printf("%s.size %zu\\n", "${s.name}", sizeof(${t}));`);
    for (const f of s.fields)
      lines.push(`  std::printf("%s %zu\\n", "${s.name}.${f.name}", offsetof(${t}, ${f.name}));`);
  }
  return `#include <cstddef>\n#include <cstdio>\n${cppDeclarations(set, cppName)}\nint main() {\n${lines.join('\n')}\n}\n`;
}
