// The gateway list in src/cli/gateways.ts is the one place gateways are registered; the README's gateway
// table, the docs and `vnt sim` must agree with it.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GATEWAY_ENTRIES, SIMULATOR_MODULES, loadGatewayClass } from '../../src/cli/gateways.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

function readmeGatewayRows(): Map<string, string> {
  const text = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = text.indexOf('| gateway | venue | notes |');
  assert.ok(start >= 0, 'README.md has a "| gateway | venue | notes |" table');
  const rows = new Map<string, string>();
  for (const line of text.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const name = line.split('|')[1]!.trim();
    rows.set(name, line);
  }
  return rows;
}

test('every registered gateway has one README row naming its doc page and simulator, and no row is extra', () => {
  const rows = readmeGatewayRows();
  const names = GATEWAY_ENTRIES.map((e) => e.name);
  assert.equal([...rows.keys()].sort(), [...names].sort());
  for (const entry of GATEWAY_ENTRIES) {
    const row = rows.get(entry.name)!;
    if (entry.doc !== 'README.md')
      assert.ok(row.includes(`(${entry.doc})`), `${entry.name} row links ${entry.doc}`);
    if (entry.simulator)
      assert.ok(row.includes(`vnt sim ${entry.simulator}`), `${entry.name} row names vnt sim`);
  }
});

test('names are upper case and unique; doc pages exist; every simulator module belongs to a gateway', () => {
  const names = GATEWAY_ENTRIES.map((e) => e.name);
  assert.is(new Set(names).size, names.length);
  for (const entry of GATEWAY_ENTRIES) {
    assert.is(entry.name, entry.name.toUpperCase());
    assert.ok(fs.existsSync(path.join(ROOT, entry.doc)), `${entry.doc} exists`);
    if (entry.simulator)
      assert.ok(SIMULATOR_MODULES[entry.simulator], `simulator ${entry.simulator} is registered`);
  }
  for (const venue of Object.keys(SIMULATOR_MODULES)) {
    assert.ok(
      GATEWAY_ENTRIES.some((e) => e.simulator === venue),
      `simulator ${venue} is named by a gateway entry`,
    );
  }
});

test('every entry loads a gateway class whose default name is the entry name', async () => {
  for (const entry of GATEWAY_ENTRIES) {
    const cls = await loadGatewayClass(entry.name);
    assert.is(cls.defaultName, entry.name);
    assert.ok(
      Object.keys(cls.defaultSetting).length > 0 || entry.kind === 'embedded',
      `${entry.name} has settings`,
    );
  }
});

test('every simulator module exports runSimulator', async () => {
  for (const [venue, load] of Object.entries(SIMULATOR_MODULES)) {
    const mod = await load();
    assert.type(mod.runSimulator, 'function', venue);
  }
});

test.run();
