// Signing and nonces: the HMAC-SHA384 payloads Bitfinex documents, and nonces that only ever increase, per key
// and across gateways sharing a key in one process.
import { createHmac } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ClientIdSource, clientIdSourceFor } from '../../../gateways/bitfinex/client-id.js';
import { NonceSource, nonceSourceFor } from '../../../gateways/bitfinex/nonce.js';
import { restAuthHeaders, restSignaturePayload, wsAuthEvent } from '../../../gateways/bitfinex/sign.js';

test('REST signs "/api/" + path + nonce + body with HMAC-SHA384 in hex', () => {
  const body = JSON.stringify({ type: 'EXCHANGE LIMIT', symbol: 'tBTCUSD', amount: '0.1', price: '10000' });
  assert.is(
    restSignaturePayload('/v2/auth/w/order/submit', '1700000000000000', body),
    `/api/v2/auth/w/order/submit1700000000000000${body}`,
  );
  const h = restAuthHeaders('KEY', 'SECRET', 'v2/auth/r/wallets', '42', '{}');
  assert.is(h['bfx-nonce'], '42');
  assert.is(h['bfx-apikey'], 'KEY');
  assert.is(
    h['bfx-signature'],
    createHmac('sha384', 'SECRET').update('/api/v2/auth/r/wallets42{}').digest('hex'),
  );
  assert.is(h['bfx-signature'].length, 96);
});

test('the WS auth event signs "AUTH" + nonce and carries dms 4 only when asked', () => {
  const e = wsAuthEvent('KEY', 'SECRET', '1700000000000000', true);
  assert.is(e.authPayload, 'AUTH1700000000000000');
  assert.is(e.authSig, createHmac('sha384', 'SECRET').update('AUTH1700000000000000').digest('hex'));
  assert.is(e.dms, 4);
  assert.not.ok('dms' in wsAuthEvent('KEY', 'SECRET', '1', false));
});

test('nonces are microseconds and strictly increasing even when the clock stands still or steps back', () => {
  let clock = 1_700_000_000_000_000;
  const n = new NonceSource(() => clock);
  const a = Number(n.next());
  const b = Number(n.next());
  clock -= 5_000_000;
  const c = Number(n.next());
  assert.is(a, 1_700_000_000_000_000);
  assert.ok(b > a && c > b, `${a} < ${b} < ${c}`);
  const real = new NonceSource();
  assert.is(real.next().length, 16, '16 digits: microseconds since the epoch');
});

test('a restarted process starts above the nonces of the previous one', () => {
  const before = new NonceSource();
  let last = 0;
  for (let i = 0; i < 1000; i++) last = Number(before.next());
  const after = new NonceSource(() => Date.now() * 1000 + 1000);
  assert.ok(Number(after.next()) > last - 1000, 'bursts run ahead of the clock by at most one µs per nonce');
});

test('two gateways with one key share one nonce and cid source; other keys have their own', () => {
  const first = nonceSourceFor('shared-key');
  const second = nonceSourceFor('shared-key');
  assert.is(first, second);
  assert.is.not(nonceSourceFor('other-key'), first);
  const seen: number[] = [];
  for (let i = 0; i < 200; i++) seen.push(Number((i % 2 ? first : second).next()));
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! > seen[i - 1]!);
  assert.is(clientIdSourceFor('shared-key'), clientIdSourceFor('shared-key'));
});

test('cids fit Bitfinex 45-bit field, increase, and never repeat', () => {
  const s = new ClientIdSource();
  const ids = new Set<number>();
  let prev = 0;
  for (let i = 0; i < 5000; i++) {
    const id = s.next();
    assert.ok(id > prev && id < 2 ** 45);
    ids.add((prev = id));
  }
  assert.is(ids.size, 5000);
});

test.run();
