// The HK-licence token: its age read from the token itself, renewed through user_token_refresh once half its
// life has gone, the renewal sent on every later call and written back to the token file; an expired token
// refuses connect with what to do; neither token ever reaches a log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MainEngine } from '../../../src/core/engine.js';
import { TigerGateway } from '../../../gateways/tiger/index.js';
import { TokenStore, makeToken, shouldRenew, tokenLifetime } from '../../../gateways/tiger/token.js';
import { until } from '../../helpers/wait.js';
import { settingFor, startSim, testCert } from './target.js';

const DAY = 86_400_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-tiger-token-'));

test("a token in Tiger's form tells when it was issued and expires; anything else does not", () => {
  const t = makeToken(1_700_000_000_000, 30 * DAY, 'abcdef');
  assert.equal(tokenLifetime(t), { issuedMs: 1_700_000_000_000, expiresMs: 1_700_000_000_000 + 30 * DAY });
  assert.is(tokenLifetime('hk-token-secret-value'), undefined);
  assert.is(tokenLifetime(''), undefined);
  assert.is(tokenLifetime(Buffer.from('1700000000000,1600000000000xyz').toString('base64')), undefined);
  const life = tokenLifetime(t)!;
  assert.not.ok(shouldRenew(life, life.issuedMs + 14 * DAY));
  assert.ok(shouldRenew(life, life.issuedMs + 16 * DAY));
});

test('a token file: a token= line is read and replaced in place, other lines kept, mode 0600', () => {
  const file = path.join(tmp, 'tiger_openapi_token.properties');
  fs.writeFileSync(file, '# issued by Tiger\ntoken=old-token-value\nother=1\n');
  const store = TokenStore.from(file);
  assert.is(store.token, 'old-token-value');
  assert.is(store.file, file);
  store.renew('new-token-value');
  assert.is(fs.readFileSync(file, 'utf8'), '# issued by Tiger\ntoken=new-token-value\nother=1\n');
  assert.is(fs.statSync(file).mode & 0o777, 0o600);
  assert.is(store.token, 'new-token-value');
  const bare = path.join(tmp, 'bare-token.properties');
  fs.writeFileSync(bare, 'bare-token-value\n');
  assert.is(TokenStore.from(bare).token, 'bare-token-value');
  const empty = path.join(tmp, 'empty.properties');
  fs.writeFileSync(empty, 'token=\n');
  assert.throws(() => TokenStore.from(empty), /holds no token/);
  // A value that is not a file is the token itself.
  assert.is(TokenStore.from(' plain-token ').token, 'plain-token');
  assert.is(TokenStore.from(' plain-token ').file, undefined);
});

test('connect renews a token past half its life: later calls carry the new one, the file holds it', async () => {
  const sim = await startSim();
  const me = new MainEngine({ log: false });
  const logs: string[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data.msg));
  const old = makeToken(Date.now() - 20 * DAY, 30 * DAY, 'old-secret');
  const file = path.join(tmp, 'renew.properties');
  fs.writeFileSync(file, `token=${old}\n`);
  try {
    me.addGateway(TigerGateway, 'TIGER');
    await me.connect(settingFor(sim, testCert().certFile, { token: file }), 'TIGER');
    assert.is(sim.tokensIssued.length, 1, 'renewed once');
    const fresh = sim.tokensIssued[0]!;
    const i = sim.requests.findIndex((r) => r.method === 'user_token_refresh');
    assert.ok(i > 0);
    assert.is(sim.requests[i]!.authorization, old, 'the renewal is asked with the old token');
    for (const r of sim.requests.slice(0, i)) assert.is(r.authorization, old);
    const before = sim.requests.length;
    me.getGateway('TIGER').queryAccount();
    await until(() => sim.requests.length > before, 'the account query');
    for (const r of sim.requests.slice(i + 1))
      assert.is(r.authorization, fresh, 'later calls send the new token');
    assert.is(fs.readFileSync(file, 'utf8'), `token=${fresh}\n`);
    assert.ok(logs.some((l) => /HK licence token renewed, valid until \d{4}-\d\d-\d\d, written to /.test(l)));
    for (const l of logs) {
      assert.not.ok(l.includes(old), 'the old token is not logged');
      assert.not.ok(l.includes(fresh), 'the new token is not logged');
    }
  } finally {
    await me.close();
    await sim.close();
  }
});

test('a young token is not renewed; an expired one refuses connect before any call, saying what to do', async () => {
  const sim = await startSim();
  const me = new MainEngine({ log: false });
  try {
    me.addGateway(TigerGateway, 'TIGER');
    const young = makeToken(Date.now() - DAY, 30 * DAY, 'young');
    await me.connect(settingFor(sim, testCert().certFile, { token: young }), 'TIGER');
    assert.is(sim.tokensIssued.length, 0);
    assert.ok(sim.requests.every((r) => r.authorization === young));
    await me.close();
    const calls = sim.requests.length;
    const expired = makeToken(Date.now() - 40 * DAY, 30 * DAY, 'expired');
    const me2 = new MainEngine({ log: false });
    me2.addGateway(TigerGateway, 'TIGER');
    let reason = '';
    try {
      await me2.connect(settingFor(sim, testCert().certFile, { token: expired }), 'TIGER');
    } catch (error) {
      reason = (error as Error).message;
    }
    assert.match(reason, /HK licence token expired on \d{4}-\d\d-\d\d: get a new one/);
    assert.not.ok(reason.includes(expired));
    assert.is(sim.requests.length, calls, 'nothing sent with an expired token');
    await me2.close();
  } finally {
    await me.close();
    await sim.close();
  }
});

test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
test.run();
