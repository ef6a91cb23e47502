// REST and WebSocket-login signatures, checked against an independent HMAC and the simulator's checks.
import { createHmac } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isoTimestamp, loginArgs, restSignature } from '../../../gateways/okx/sign.js';
import { checkLogin, checkRest } from '../../../gateways/okx/sim/auth.js';
import { TEST_CREDENTIALS as C } from '../../../gateways/okx/sim/server.js';

const b64 = (secret: string, s: string) => createHmac('sha256', secret).update(s).digest('base64');

test('documented: OK-ACCESS-TIMESTAMP is ISO 8601 with milliseconds, e.g. 2020-12-08T09:08:57.715Z', () => {
  assert.is(isoTimestamp(Date.UTC(2020, 11, 8, 9, 8, 57, 715)), '2020-12-08T09:08:57.715Z');
});

test('documented: the REST prehash is timestamp + METHOD + requestPath (with query) + body', () => {
  const ts = '2020-12-08T09:08:57.715Z';
  assert.is(
    restSignature(C.secret, ts, 'get', '/api/v5/account/balance?ccy=BTC', ''),
    b64(C.secret, `${ts}GET/api/v5/account/balance?ccy=BTC`),
  );
  const body = '{"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"}';
  assert.is(
    restSignature(C.secret, ts, 'POST', '/api/v5/account/set-leverage', body),
    b64(C.secret, `${ts}POST/api/v5/account/set-leverage${body}`),
  );
});

test('documented: the WS login signs seconds + GET + /users/self/verify', () => {
  const a = loginArgs('k', C.secret, 'p', 1538054050_123);
  assert.is(a.timestamp, '1538054050');
  assert.is(a.sign, b64(C.secret, '1538054050GET/users/self/verify'));
});

function headers(ts: string, sign: string, extra: Record<string, string> = {}) {
  return {
    'ok-access-key': C.apiKey,
    'ok-access-passphrase': C.passphrase,
    'ok-access-timestamp': ts,
    'ok-access-sign': sign,
    ...extra,
  };
}

test('simulator: key, passphrase, timestamp window, signature and environment are each checked', () => {
  const now = Date.now();
  const ts = isoTimestamp(now);
  const path = '/api/v5/trade/orders-pending?instType=SPOT';
  const sign = restSignature(C.secret, ts, 'GET', path, '');
  assert.is(checkRest(C, false, headers(ts, sign), 'GET', path, '', now), undefined);
  assert.is(
    checkRest(C, false, { ...headers(ts, sign), 'ok-access-key': 'x' }, 'GET', path, '', now)?.code,
    '50111',
  );
  assert.is(
    checkRest(C, false, { ...headers(ts, sign), 'ok-access-passphrase': 'x' }, 'GET', path, '', now)?.code,
    '50105',
  );
  assert.is(checkRest(C, false, headers(ts, sign), 'GET', path, '', now + 31_000)?.code, '50102');
  assert.is(checkRest(C, false, headers('yesterday', sign), 'GET', path, '', now)?.code, '50112');
  assert.is(checkRest(C, false, headers(ts, sign), 'GET', `${path}&x=1`, '', now)?.code, '50113');
  assert.is(checkRest(C, true, headers(ts, sign), 'GET', path, '', now)?.code, '50101');
  assert.is(
    checkRest(C, true, headers(ts, sign, { 'x-simulated-trading': '1' }), 'GET', path, '', now),
    undefined,
  );
});

test('simulator: a login older than 30 s or wrongly signed is refused', () => {
  const now = Date.now();
  assert.is(checkLogin(C, loginArgs(C.apiKey, C.secret, C.passphrase, now), now), undefined);
  assert.is(checkLogin(C, loginArgs(C.apiKey, C.secret, C.passphrase, now - 31_000), now)?.code, '60004');
  assert.is(checkLogin(C, loginArgs(C.apiKey, 'other', C.passphrase, now), now)?.code, '60007');
  assert.is(checkLogin(C, loginArgs(C.apiKey, C.secret, 'bad', now), now)?.code, '60024');
});

test.run();
