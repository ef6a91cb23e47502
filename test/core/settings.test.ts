import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SettingError } from '../../src/core/errors.js';
import type { SettingSchema } from '../../src/core/setting-schema.js';
import { connectFileName, resolveTraderDir, TraderDir } from '../../src/core/settings.js';

const SCHEMA: SettingSchema = {
  username: { type: 'string', default: '' },
  password: { type: 'secret', default: '' },
  port: { type: 'integer', default: 7497, min: 1, max: 65535 },
  server: { type: 'choice', choices: ['REAL', 'TESTNET'], default: 'REAL' },
  proxy: { type: 'boolean', default: false },
};

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-settings-'));
}

test('trader dir: --trader-dir wins, then ./.vntrader if it exists, else ~/.vntrader', () => {
  const cwd = tmp();
  const home = tmp();
  assert.is(resolveTraderDir({ cwd, home }), path.join(home, '.vntrader'));
  fs.mkdirSync(path.join(cwd, '.vntrader'));
  assert.is(resolveTraderDir({ cwd, home }), path.join(cwd, '.vntrader'));
  assert.is(resolveTraderDir({ cwd, home, override: '/x/y' }), '/x/y');
});

test('a missing connect file gives the defaults and is not created', () => {
  const dir = new TraderDir(tmp());
  const s = dir.loadGatewaySetting('BINANCE', SCHEMA);
  assert.equal(s, { username: '', password: '', port: 7497, server: 'REAL', proxy: false });
  assert.not.ok(fs.existsSync(dir.file(connectFileName('BINANCE'))));
});

test('save then load round-trips; a file holding a secret is 0600', () => {
  const dir = new TraderDir(path.join(tmp(), 'nested', '.vntrader'));
  const value = { username: '张三', password: 's3cret-pass', port: 4001, server: 'TESTNET', proxy: true };
  dir.saveGatewaySetting('CTP', SCHEMA, value);
  const file = dir.file('connect_ctp.json');
  assert.equal(dir.loadGatewaySetting('CTP', SCHEMA), value);
  assert.is(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')), value, 'plain JSON a person can read and edit');
});

test('an existing world-readable secret file is tightened to 0600 on save', () => {
  const dir = new TraderDir(tmp());
  const file = dir.file('connect_ctp.json');
  fs.writeFileSync(file, '{}', { mode: 0o644 });
  dir.saveGatewaySetting('CTP', SCHEMA, {
    username: 'u',
    password: 'p',
    port: 1,
    server: 'REAL',
    proxy: false,
  });
  assert.is(fs.statSync(file).mode & 0o777, 0o600);
});

function expectSettingError(fn: () => unknown, pattern: RegExp): SettingError {
  try {
    fn();
  } catch (error) {
    assert.instance(error, SettingError);
    assert.match((error as Error).message, pattern);
    return error as SettingError;
  }
  throw new Error(`expected a SettingError matching ${pattern}`);
}

test('malformed JSON is an error naming the file, and the file is left as it was', () => {
  const dir = new TraderDir(tmp());
  const file = dir.file('connect_ctp.json');
  fs.writeFileSync(file, '{ "username": "a", ');
  const error = expectSettingError(
    () => dir.loadGatewaySetting('CTP', SCHEMA),
    /connect_ctp\.json: is not valid JSON/,
  );
  assert.is(error.file, file);
  assert.is(fs.readFileSync(file, 'utf8'), '{ "username": "a", ', 'never silently overwritten');
});

test('an invalid field is an error naming the file and the field', () => {
  const dir = new TraderDir(tmp());
  const file = dir.file('connect_ctp.json');
  const cases: Array<[unknown, RegExp]> = [
    [{ port: 'abc' }, /field "port" must be a whole number/],
    [{ port: 70000 }, /field "port" must be at most 65535/],
    [{ server: 'PROD' }, /field "server" must be one of REAL, TESTNET/],
    [{ proxy: 'yes' }, /field "proxy" must be true or false/],
    [{ usernme: 'typo' }, /field "usernme" is not a setting of this gateway/],
    [[1, 2], /must hold a JSON object/],
  ];
  for (const [content, pattern] of cases) {
    fs.writeFileSync(file, JSON.stringify(content));
    const error = expectSettingError(() => dir.loadGatewaySetting('CTP', SCHEMA), pattern);
    assert.ok(error.message.includes(file), 'names the file');
    assert.is(fs.readFileSync(file, 'utf8'), JSON.stringify(content));
  }
});

test('a wrongly typed secret is reported without echoing its value', () => {
  const dir = new TraderDir(tmp());
  fs.writeFileSync(dir.file('connect_ctp.json'), JSON.stringify({ password: 987654321 }));
  const error = expectSettingError(
    () => dir.loadGatewaySetting('CTP', SCHEMA),
    /field "password" must be a string/,
  );
  assert.not.match(error.message, /987654321/);
});

test('saving an invalid setting is refused and leaves the file alone', () => {
  const dir = new TraderDir(tmp());
  const good = { username: 'u', password: 'p', port: 1, server: 'REAL', proxy: false };
  dir.saveGatewaySetting('CTP', SCHEMA, good);
  expectSettingError(() => dir.saveGatewaySetting('CTP', SCHEMA, { ...good, port: -5 }), /at least 1/);
  assert.equal(dir.loadGatewaySetting('CTP', SCHEMA), good);
});

test('global settings: defaults, validation, and dotted keys kept flat', () => {
  const dir = new TraderDir(tmp());
  const g = dir.loadGlobal();
  assert.is(g.locale, 'en');
  assert.is(g['log.level'], 'INFO');
  dir.saveGlobal({ ...g, locale: 'zh', 'rpc.port': 3000 });
  const raw = JSON.parse(fs.readFileSync(dir.file('vt_setting.json'), 'utf8')) as Record<string, unknown>;
  assert.is(raw['rpc.port'], 3000);
  assert.is(fs.statSync(dir.file('vt_setting.json')).mode & 0o777, 0o644, 'no secret, ordinary mode');
  fs.writeFileSync(dir.file('vt_setting.json'), JSON.stringify({ 'log.level': 'LOUD' }));
  expectSettingError(() => dir.loadGlobal(), /vt_setting\.json: field "log\.level" must be one of/);
});

test('loading the settings module leaves no signal listener behind (one SIGTERM must stay one signal)', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    assert.is(process.listenerCount(signal), 0, `${signal} listeners`);
  }
});

test.run();
