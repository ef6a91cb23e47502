import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LogLevel } from '../../src/core/constant.js';
import { EventEngine } from '../../src/core/event.js';
import { LogEngine, levelFromName } from '../../src/core/log.js';
import { createLog } from '../../src/core/object.js';
import { Redactor, redactor } from '../../src/core/redact.js';
import { settle } from '../helpers/wait.js';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

test('log lines go to the console stream and a daily file, filtered by level, with secrets redacted', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-log-'));
  const sink = new Sink();
  const ee = new EventEngine({ timerInterval: 0 });
  const engine = new LogEngine(ee, { level: LogLevel.INFO, console: sink, folder });
  ee.start();
  redactor.add('TopSecretApiKey123');
  ee.put('log', createLog('connected with key TopSecretApiKey123', 'BINANCE'));
  ee.put('log', createLog('chatty detail', 'BINANCE', LogLevel.DEBUG));
  ee.put('log', createLog('订单被拒绝', 'CTP', LogLevel.ERROR));
  await settle(ee);
  engine.close();
  ee.stop();
  const files = fs.readdirSync(folder);
  assert.is(files.length, 1);
  assert.match(files[0]!, /^vt_\d{8}\.log$/);
  const text = fs.readFileSync(path.join(folder, files[0]!), 'utf8');
  assert.is(text, sink.text, 'the file and the console get the same lines');
  assert.match(text, /INFO \[BINANCE\] connected with key \*{6}/);
  assert.not.match(text, /TopSecretApiKey123/);
  assert.not.match(text, /chatty detail/);
  assert.match(text, /ERROR \[CTP\] 订单被拒绝/);
  assert.is(fs.statSync(path.join(folder, files[0]!)).mode & 0o777, 0o600);
});

test('the redactor masks longest secrets first and ignores trivially short ones', () => {
  const r = new Redactor();
  r.add('abcd');
  r.add('abcdefgh');
  r.add('ab');
  assert.is(r.size, 2);
  assert.is(r.redact('x abcdefgh y abcd z ab'), 'x ****** y ****** z ab');
});

test('level names map to levels, unknown names to INFO', () => {
  assert.is(levelFromName('warning'), LogLevel.WARNING);
  assert.is(levelFromName('nonsense'), LogLevel.INFO);
});

test.run();
