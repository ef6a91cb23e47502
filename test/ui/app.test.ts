// What `vnt` says before any screen exists: a bad theme name, or no terminal to draw on.
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTraderDir, VNT } from '../helpers/tmux.js';

function vnt(args: string[]) {
  return spawnSync(process.execPath, [VNT, '--trader-dir', tempTraderDir(), ...args], {
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

test('an unknown theme is refused with the choices, before touching the terminal', () => {
  const r = vnt(['--theme', 'neon']);
  assert.is(r.status, 2);
  assert.match(r.stderr, /no theme named "neon" \(available: dark, high-contrast, light, mono\)/);
  assert.is(r.stdout, '', 'no escape sequences written');
});

test('without a terminal the console says what to use instead', () => {
  const r = vnt(['--demo']);
  assert.is(r.status, 2);
  assert.match(r.stderr, /the console needs a terminal; .*--headless/);
  assert.is(r.stdout, '');
});

test.run();
