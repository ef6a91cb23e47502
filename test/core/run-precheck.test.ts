// `npm test` on a machine without tmux or g++ says what to install before running anything.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

function runWithEmptyPath(filter: string) {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-nopath-'));
  try {
    return spawnSync(process.execPath, ['test/run.mjs', filter], {
      env: { ...process.env, PATH: empty },
      encoding: 'utf8',
    });
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

test('console tests without tmux: named, with the package to install, and nothing runs', () => {
  const r = runWithEmptyPath('ui/app.test');
  assert.is(r.status, 1);
  assert.match(r.stderr, /missing tmux on PATH/);
  assert.match(r.stderr, /apt-get install tmux/);
  assert.not.match(r.stdout, /passed/);
});

test('native gateway tests without g++: named, with the package to install', () => {
  const r = runWithEmptyPath('gateways/ctp/versions');
  assert.is(r.status, 1);
  assert.match(r.stderr, /missing g\+\+ on PATH/);
  assert.match(r.stderr, /apt-get install g\+\+/);
});

test.run();
