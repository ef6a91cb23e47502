// Builds a simulated vendor library for the tests: the project's own C++ source, compiled with g++ against a
// header generated from the binding's own tables (class slot order, struct declarations, factory
// signatures), so a library built for version X has exactly X's exported vtable sizes, mangled factories and
// struct layouts. Builds are cached by a hash of header, sources and flags.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ClassTable } from './vtable.js';

const run = promisify(execFile);

/**
 * The body of a C++ class whose virtual methods sit in the table's slots: named slots get `declare(name)`,
 * every other slot `filler(i)` (so the vtable has exactly `table.slots` entries in the right places).
 */
export function cppClassBody<M extends string>(
  table: ClassTable<M, M>,
  declare: (name: M) => string,
  filler: (slot: number) => string,
): string {
  const byslot = new Map<number, M>();
  const at = table.at as Partial<Record<M, number>>;
  for (const name of Object.keys(at) as M[]) {
    const slot = at[name];
    if (slot === undefined) continue;
    if (slot < 0 || slot >= table.slots)
      throw new Error(`${name} at slot ${slot} outside 0..${table.slots - 1}`);
    if (byslot.has(slot)) throw new Error(`${name} and ${byslot.get(slot)} share slot ${slot}`);
    byslot.set(slot, name);
  }
  const lines: string[] = [];
  for (let i = 0; i < table.slots; i++) {
    const name = byslot.get(i);
    lines.push(`  ${name ? declare(name) : filler(i)}`);
  }
  return lines.join('\n');
}

export interface SimLibrarySpec {
  /** File name stem, e.g. "ctpsim-6.7.13". */
  name: string;
  /** Generated header, passed to g++ with -include before the sources. */
  header: string;
  /** The simulator's C++ source files (absolute paths). */
  sources: readonly string[];
  /** Output (and cache) folder; keep it under a gitignored build/ folder. */
  dir: string;
  /** Extra g++ flags (libraries to link, defines). */
  flags?: readonly string[];
  /** Headers the sources #include (hashed into the cache key; their folders are passed with -I). */
  includes?: readonly string[];
}

/** The toolkit's shared simulator header (bindings/native/simkit.h, beside this file's TypeScript source). */
export const SIMKIT_HEADER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../bindings/native/simkit.h',
);

/** The Ftdc simulators' shared counter (CTP, CTP Mini, FEMAS), beside simkit.h. */
export const FTDCSIM_HEADER = path.resolve(path.dirname(SIMKIT_HEADER), 'ftdcsim.h');

let gxxChecked: Promise<void> | undefined;

function requireGxx(): Promise<void> {
  gxxChecked ??= run('g++', ['--version']).then(
    () => undefined,
    () => {
      throw new Error(
        'g++ is needed to build the simulated vendor libraries: install it (apt-get install g++)',
      );
    },
  );
  return gxxChecked;
}

/** Compiles (or reuses) the library; returns the .so path. Concurrent builds of one spec are safe. */
export async function buildSimLibrary(spec: SimLibrarySpec): Promise<string> {
  fs.mkdirSync(spec.dir, { recursive: true });
  const flags = [
    ...(spec.flags ?? []),
    ...[...new Set((spec.includes ?? []).map((h) => `-I${path.dirname(h)}`))],
  ];
  const hash = crypto.createHash('sha1').update(spec.header).update(flags.join(' '));
  for (const s of [...spec.sources, ...(spec.includes ?? [])]) hash.update(fs.readFileSync(s));
  const key = hash.digest('hex').slice(0, 12);
  const so = path.join(spec.dir, `lib${spec.name}-${key}.so`);
  if (fs.existsSync(so)) return so;
  await requireGxx();
  const hdr = path.join(spec.dir, `${spec.name}-${key}.h`);
  fs.writeFileSync(hdr, spec.header);
  const tmp = `${so}.${process.pid}.tmp`;
  await run('g++', [
    '-std=c++17',
    '-O1',
    '-shared',
    '-fPIC',
    '-pthread',
    '-include',
    hdr,
    ...spec.sources,
    ...flags,
    '-o',
    tmp,
  ]);
  fs.renameSync(tmp, so);
  return so;
}

/** Compiles and runs a one-file C++ program (layout checks); returns its stdout. */
export async function runCppProgram(source: string, dir: string, name: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  await requireGxx();
  const src = path.join(dir, `${name}.cpp`);
  const exe = path.join(dir, `${name}.${process.pid}`);
  fs.writeFileSync(src, source);
  await run('g++', ['-std=c++17', '-o', exe, src]);
  try {
    return (await run(exe)).stdout;
  } finally {
    fs.rmSync(exe, { force: true });
  }
}
