// Start-up: `vnt --version` against `node -e 0` (the floor any Node program pays), median of several runs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile, report } from './report.js';

const BIN = fileURLToPath(new URL('../../bin/vnt.js', import.meta.url));
const RUNS = 15;

function time(args: string[]): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return percentile(samples, 50);
}

const node = time(['-e', '0']);
const vnt = time([BIN, '--version']);
report({ bench: 'startup.vnt-version', value: vnt, unit: 'ms', baseline: node, baselineName: 'node -e 0' });
