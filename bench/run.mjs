#!/usr/bin/env node
// Runs every compiled benchmark (dist/bench/**/*.bench.js) in its own process, one after another so they do
// not compete for the two cores, passing through the JSON lines each prints (one per figure).
// Usage: node bench/run.mjs [substring-filter ...]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'dist', 'bench');
const filters = process.argv.slice(2);

function find(d) {
  if (!fs.existsSync(d)) return [];
  return fs
    .readdirSync(d, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? find(path.join(d, e.name))
        : e.name.endsWith('.bench.js')
          ? [path.join(d, e.name)]
          : [],
    )
    .sort();
}

let failed = 0;
for (const file of find(dir).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))) {
  const r = spawnSync(process.execPath, ['--expose-gc', file], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (r.status !== 0) {
    failed += 1;
    console.log(
      JSON.stringify({
        bench: path.relative(dir, file),
        error: r.stderr.toString().trim().split('\n').slice(-3).join(' | '),
      }),
    );
  }
}
process.exit(failed ? 1 : 0);
