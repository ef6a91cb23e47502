// g++'s sizes and offsets for a binding's struct declarations: the layout tests compare koffi's with these.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface DeclaredStruct {
  name: string;
  fields: readonly { name: string }[];
}

/**
 * Compiles `declarations` with a main() that prints every struct's size ("Name.size") and every declared
 * field's offset ("Name.Field"); cppName maps a binding's struct name to its C++ name.
 */
export async function gccLayout(
  declarations: string,
  structs: readonly DeclaredStruct[],
  cppName: (name: string) => string,
  buildDir: string,
  stem: string,
): Promise<Record<string, number>> {
  fs.mkdirSync(buildDir, { recursive: true });
  const lines: string[] = [];
  for (const s of structs) {
    const t = cppName(s.name);
    lines.push(`  std::printf("%s.size %zu\\n", "${s.name}", sizeof(${t}));`);
    for (const f of s.fields)
      lines.push(`  std::printf("%s %zu\\n", "${s.name}.${f.name}", offsetof(${t}, ${f.name}));`);
  }
  const src = path.join(buildDir, `layout-${stem}.cpp`);
  fs.writeFileSync(
    src,
    `#include <cstddef>\n#include <cstdio>\n${declarations}\nint main() {\n${lines.join('\n')}\n}\n`,
  );
  const exe = path.join(buildDir, `layout-${stem}`);
  await run('g++', ['-std=c++17', '-o', exe, src]);
  const { stdout } = await run(exe);
  const out: Record<string, number> = {};
  for (const line of stdout.trim().split('\n')) {
    const [k, v] = line.split(' ') as [string, string];
    out[k] = Number(v);
  }
  return out;
}
