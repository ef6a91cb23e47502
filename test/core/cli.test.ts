import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const BIN = new URL('../../../bin/vnt.js', import.meta.url).pathname;

function vnt(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

test('vnt --version prints the package version', () => {
  const r = vnt('--version');
  assert.is(r.status, 0);
  assert.match(r.stdout.trim(), /^\d+\.\d+\.\d+$/);
});

test('vnt --help lists the options and commands', () => {
  const r = vnt('--help');
  assert.is(r.status, 0);
  assert.match(r.stdout, /--demo/);
  assert.match(r.stdout, /--trader-dir/);
  assert.match(r.stdout, /sim \[options\] <venue>/);
});

test('an unknown simulator or a bad option value is a clear error, not a stack trace', () => {
  const r = vnt('sim', 'nosuchvenue');
  assert.is(r.status, 1);
  assert.match(r.stderr, /no simulator for "nosuchvenue"/);
  assert.not.match(r.stderr, /at .*\.js:\d+/);
  const bad = vnt('sim', 'nosuchvenue', '--port', 'abc');
  assert.is(bad.status, 1);
  assert.match(bad.stderr, /--port must be a whole number/);
});

test.run();
