// The SDK config file: written 0600 into the given dir with the servers and credentials; a value that could
// inject a key is refused with a message that names the field and not the secret.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeSdkConfig, type OesSdkConfig } from '../../../gateways/oes/config.js';

const base: OesSdkConfig = {
  username: 'customer1',
  password: 's3cret-pw',
  ordServer: 'tcp://127.0.0.1:6101',
  rptServer: 'tcp://127.0.0.1:6301',
  qryServer: 'tcp://127.0.0.1:6401',
  mdTcpServer: 'tcp://127.0.0.1:5103',
  mdQryServer: 'tcp://127.0.0.1:5203',
};

test('written 0600 with every server, replacing a wider-permission file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-oes-'));
  try {
    const pre = path.join(dir, 'oes_client.conf');
    fs.writeFileSync(pre, 'old', { mode: 0o644 });
    const file = writeSdkConfig(dir, base);
    assert.is(fs.statSync(file).mode & 0o777, 0o600);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^ordServer = 1 tcp:\/\/127\.0\.0\.1:6101$/m);
    assert.match(text, /^tcpServer = 1 tcp:\/\/127\.0\.0\.1:5103$/m);
    assert.match(text, /^\[mds_client\]$/m);
    assert.match(text, /^driverId = $/m, 'no serial given: empty, as the sample config has it');
    assert.match(
      fs.readFileSync(writeSdkConfig(dir, { ...base, driverId: 'WD-WX12A3456789' }), 'utf8'),
      /^driverId = WD-WX12A3456789$/m,
    );
    const long = 'S'.repeat(21);
    assert.throws(() => writeSdkConfig(dir, { ...base, driverId: long }), /"hdd_serial" must be at most 20/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a line break in the password is refused without showing it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-oes-'));
  try {
    let message = '';
    try {
      writeSdkConfig(dir, { ...base, password: 'abc\nordServer = 1 tcp://evil:1' });
    } catch (e) {
      message = (e as Error).message;
    }
    assert.match(message, /"password"/);
    assert.not.match(message, /abc|evil/);
    assert.not.ok(fs.existsSync(path.join(dir, 'oes_client.conf')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
