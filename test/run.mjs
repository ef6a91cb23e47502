#!/usr/bin/env node
// Runs every compiled uvu test file in its own process (a hung socket or timer in one file cannot stall or
// pollute another; a file that does not exit after its tests is reported), two at a time, and ends with the
// plain "N passed, N failed" line. Usage: node test/run.mjs [substring-filter ...]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testDir = path.join(root, 'dist', 'test');
const filters = process.argv.slice(2);
const jobs = Math.max(1, Math.min(Number(process.env.VNT_TEST_JOBS) || os.cpus().length, 4));
// A file gets this long to finish and exit; it is a hang detector, not a timing assertion.
const fileLimitMs = Number(process.env.VNT_TEST_FILE_LIMIT_MS) || 240_000;

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(p));
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

const files = findTests(testDir).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error(`no test files found under ${path.relative(root, testDir)} (did tsc run?)`);
  process.exit(1);
}

// Tools some tests drive as real programs: the console in tmux, the simulated vendor libraries built with g++.
// Missing ones are named up front, with what to install, instead of surfacing as a spawn error mid-run.
const NATIVE = /[\\/](bindings|gateways[\\/](ctp|mini|femas|xtp|oes|tora|tap))[\\/]/;
const TOOLS = [
  {
    bin: 'tmux',
    args: ['-V'],
    why: 'the console tests run vnt in tmux',
    uses: (f) => /[\\/](ui|cli)[\\/]/.test(f),
  },
  {
    bin: 'g++',
    args: ['--version'],
    why: 'the native gateway tests build simulated vendor libraries',
    uses: (f) => NATIVE.test(f),
  },
];
const missing = TOOLS.filter((t) => {
  if (!files.some((f) => t.uses(path.relative(testDir, f).replace(/^/, '/')))) return false;
  return spawnSync(t.bin, t.args, { stdio: 'ignore' }).error !== undefined;
});
if (missing.length > 0) {
  for (const t of missing) console.error(`missing ${t.bin} on PATH: ${t.why}`);
  const names = missing.map((t) => t.bin).join(' ');
  console.error(
    `install it first, e.g. on Debian or Ubuntu: sudo apt-get install ${names} (macOS: brew install ${names.replace('g++', 'gcc')})`,
  );
  process.exit(1);
}

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--enable-source-maps', file], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, fileLimitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Whatever the file started (servers, vnt in tmux helpers) goes with its process group.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      const total = Number(/Total:\s+(\d+)/.exec(output)?.[1] ?? 0);
      const passed = Number(/Passed:\s+(\d+)/.exec(output)?.[1] ?? 0);
      const skipped = Number(/Skipped:\s+(\d+)/.exec(output)?.[1] ?? 0);
      resolve({ file, code, signal, timedOut, output, total, passed, skipped, ms: Date.now() - started });
    });
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
const queue = [...files];
async function worker() {
  for (let file = queue.shift(); file; file = queue.shift()) {
    const r = await runFile(file);
    const rel = path.relative(testDir, r.file);
    const ok = r.code === 0 && !r.timedOut && r.total > 0 && r.passed + r.skipped === r.total;
    passed += r.passed;
    skipped += r.skipped;
    const fileFailed = Math.max(r.total - r.passed - r.skipped, ok ? 0 : 1);
    failed += fileFailed;
    const why = r.timedOut
      ? `did not exit within ${fileLimitMs / 1000}s (open handles?)`
      : r.total === 0
        ? 'ran no test'
        : `exit ${r.code ?? r.signal}`;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${rel} (${r.passed}/${r.total}, ${(r.ms / 1000).toFixed(1)}s)${ok ? '' : ' ' + why}`,
    );
    if (!ok) failures.push({ rel, output: r.output });
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
for (const f of failures) {
  console.log(`\n---- ${f.rel} ----\n${f.output.trim()}`);
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
