// Seeded fuzzing of settings files: random JSON values for each field type, valid files with one field broken,
// unknown and prototype-named keys, and text that is not JSON at all. Loading either gives a setting that fits
// the schema or throws a SettingError naming the file (and the field, when one is at fault); never another
// exception, and never the secret's value in the message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SettingError } from '../../src/core/errors.js';
import { parseField, type GatewaySetting, type SettingSchema } from '../../src/core/setting-schema.js';
import { GLOBAL_SCHEMA, TraderDir } from '../../src/core/settings.js';
import { FuzzRng, type Json } from '../helpers/fuzz.js';

const SECRET = 'sk-live-9f8e7d6c5b4a';

const SCHEMA: SettingSchema = {
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'integer', default: 7497, min: 1, max: 65535 },
  clientId: { type: 'integer', default: 1 },
  secret: { type: 'secret', default: '' },
  market: { type: 'choice', choices: ['SPOT', 'USDM'], default: 'SPOT' },
  verbose: { type: 'boolean', default: false },
};

const VALID: { [k: string]: Json } = {
  host: 'localhost',
  port: 4002,
  clientId: 7,
  secret: SECRET,
  market: 'USDM',
  verbose: true,
};

function fits(schema: SettingSchema, setting: GatewaySetting): boolean {
  return Object.entries(schema).every(([key, field]) => {
    const v = setting[key];
    switch (field.type) {
      case 'string':
      case 'secret':
        return typeof v === 'string';
      case 'integer':
        return (
          typeof v === 'number' &&
          Number.isSafeInteger(v) &&
          (field.min === undefined || v >= field.min) &&
          (field.max === undefined || v <= field.max)
        );
      case 'choice':
        return typeof v === 'string' && field.choices.includes(v);
      case 'boolean':
        return typeof v === 'boolean';
    }
  });
}

/** Loads, and checks that the outcome is a fitting setting or a proper SettingError. */
function loadChecked(dir: TraderDir, name: string, schema: SettingSchema, text: string): 'ok' | 'refused' {
  fs.writeFileSync(dir.file(name), text);
  let setting: GatewaySetting;
  try {
    setting = dir.load(name, schema);
  } catch (error) {
    assert.instance(error, SettingError, `${String(error)} for ${text.slice(0, 100)}`);
    const e = error as SettingError;
    assert.is(e.file, dir.file(name));
    assert.ok(e.message.startsWith(dir.file(name)), e.message);
    if (e.field) assert.ok(e.message.includes(`field "${e.field.slice(0, 10)}`), e.message);
    // Any eight characters of the secret in a row count as a leak (an excerpt of the file would show them).
    for (let at = 0; at + 8 <= SECRET.length; at++)
      assert.not.ok(e.message.includes(SECRET.slice(at, at + 8)), `secret echoed: ${e.message}`);
    assert.ok(e.message.length < 600, `a short message (${e.message.length} chars)`);
    return 'refused';
  }
  assert.ok(fits(schema, setting), JSON.stringify(setting));
  return 'ok';
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-settings-fuzz-'));
test.after(() => fs.rmSync(root, { recursive: true, force: true }));

test('each field type against random JSON values: a fitting value or a SettingError naming file and field', () => {
  const rng = new FuzzRng(424242);
  for (let i = 0; i < 5000; i++) {
    const [key, field] = rng.pick(Object.entries(SCHEMA));
    const value = rng.bool(0.3) ? rng.mutate(VALID[key]!) : rng.json(2);
    try {
      const v = parseField(key, field, value, 'connect_x.json');
      assert.ok(fits({ [key]: field }, { [key]: v }), `${key}: ${JSON.stringify(value)} → ${String(v)}`);
    } catch (error) {
      assert.instance(error, SettingError);
      assert.match((error as Error).message, new RegExp(`^connect_x\\.json: field "${key}" `));
      if (field.type === 'secret' && typeof value === 'string')
        assert.not.ok((error as Error).message.includes(value));
    }
  }
});

test('whole files: mutated, extended with odd keys, or not JSON; loads fit or are refused cleanly', () => {
  const rng = new FuzzRng(777);
  const dir = new TraderDir(root);
  const counts = { ok: 0, refused: 0 };
  for (let i = 0; i < 1500; i++) {
    let text: string;
    const roll = rng.int(0, 5);
    if (roll === 0) text = JSON.stringify(rng.mutate(VALID));
    else if (roll === 1) {
      const odd = rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', rng.nastyString()]);
      text = JSON.stringify(VALID).replace(/^\{/, `{${JSON.stringify(odd)}: ${JSON.stringify(rng.json(1))},`);
    } else if (roll === 2) {
      // A valid file cut short or with a character changed: JSON.parse complains near the secret.
      const full = JSON.stringify(VALID, null, 2);
      const at = rng.int(0, full.length - 1);
      text = rng.bool()
        ? full.slice(0, at)
        : full.slice(0, at) + rng.pick(['x', '"', '}', ',', '\\']) + full.slice(at + 1);
    } else if (roll === 3) text = `{"secret": ${SECRET}, "host": "h"}`;
    else if (roll === 4) text = JSON.stringify(rng.json(3));
    else text = rng.bytes(rng.int(0, 60)).toString('latin1');
    counts[loadChecked(dir, 'connect_fuzz.json', SCHEMA, text)]++;
  }
  assert.ok(counts.ok > 0 && counts.refused > 0, JSON.stringify(counts));
});

test('keys named like Object.prototype members are unknown keys, not silently accepted', () => {
  const dir = new TraderDir(root);
  for (const key of ['__proto__', 'constructor', 'toString']) {
    const text = `{${JSON.stringify(key)}: 1, "host": "h"}`;
    fs.writeFileSync(dir.file('connect_proto.json'), text);
    try {
      dir.load('connect_proto.json', SCHEMA);
      assert.unreachable(`${key} accepted`);
    } catch (error) {
      assert.instance(error, SettingError);
      assert.is((error as SettingError).field, key);
    }
  }
});

test('the global settings file takes the same sweep', () => {
  const rng = new FuzzRng(99);
  const dir = new TraderDir(root);
  const valid: { [k: string]: Json } = { locale: 'zh', 'rpc.port': 2015, 'log.active': false, theme: 'dark' };
  for (let i = 0; i < 500; i++) {
    const text = rng.bool(0.7) ? JSON.stringify(rng.mutate(valid)) : JSON.stringify(rng.json(2));
    loadChecked(dir, 'vt_setting.json', GLOBAL_SCHEMA, text);
  }
});

test.run();
