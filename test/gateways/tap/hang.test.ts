// The TAP session in its killable native host, through the real binding, against the simulated library:
// it opens (guard, CreateITapTradeAPI with the authorization code, SetHostAddress); a refused authorization
// is named; and a SetHostAddress that never returns is bounded: open rejects naming the call and the host
// process is gone.
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TapSession } from '../../../bindings/tap/session.js';
import { buildSim } from '../../../gateways/tap/sim/build.js';
import { simOpenRequest } from './harness.js';

const buildDir = path.resolve('test/gateways/tap/build');
let library = '';

test.before(async () => {
  library = await buildSim({}, buildDir);
});

const request = (authCode = 'AUTH-CODE') => simOpenRequest(library, authCode);

const logs: string[] = [];
const session = () =>
  new TapSession(
    { onEvents: () => {}, onLog: (_l, m) => logs.push(m) },
    // Long enough for a real open on a loaded machine (host start, library load); a hang still ends in bounded time.
    { callTimeoutMs: 4000, exitGraceMs: 1000 },
  );

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('opens in the host: versions reported, SetHostAddress accepted', async () => {
  const s = session();
  const r = await s.open(request());
  assert.is(r.version, '9.3.8');
  assert.is(r.quoteVersion, '9.3.1');
  assert.is(r.hostResult, 0);
  await s.close();
});

test('an application without an authorization code is refused with a reason', async () => {
  const s = session();
  const err = await s.open(request('')).then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(err, /CreateITapTradeAPI refused the application \[-1\].*authorization code/);
  await s.close();
});

test('SetHostAddress never returns: open rejects naming it, the host is killed', async () => {
  process.env.TAPSIM_HANG = 'SetHostAddress';
  const s = session();
  try {
    const err = await s.open(request()).then(
      () => '',
      (e: Error) => e.message,
    );
    assert.match(err, /did not return from ITapTradeAPI::SetHostAddress within 4 s/);
    const pid = s.pid;
    await s.close();
    if (pid !== undefined) assert.not.ok(alive(pid), `host ${pid} is gone`);
  } finally {
    delete process.env.TAPSIM_HANG;
  }
});

test.run();
