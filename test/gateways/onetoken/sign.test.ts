// 1Token's request signature and nonces. The expected signatures were computed with Python's own hmac module
// following 1Token's documented Python example (source/index.html.md, "REST私有接口 / Api-Signature 签名例子":
// data = json.dumps({"contract": "huobip/btc.usdt", "price": 1, "bs": "b", "amount": 0.6}, sort_keys=True),
// path '/huobip/zannb/orders'), with the secret 'my-ot-secret' and the nonces below — an implementation
// independent of ours.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NonceSource, authHeaders, sign } from '../../../gateways/onetoken/sign.js';

const SECRET = 'my-ot-secret';
const BODY = '{"amount": 0.6, "bs": "b", "contract": "huobip/btc.usdt", "price": 1}';

test('the documented place-order example signs VERB + path + nonce + body', () => {
  assert.is(
    sign(SECRET, 'POST', '/huobip/zannb/orders', '1526357597237000', BODY),
    'e93336387ce0d2472f70e1ee82fcbaab0864e49a38117345a104111393e21138',
  );
});

test('a GET signs an empty body; the verb is upper-cased', () => {
  const expected = '27263f63f264646131c63ef8859f91f3629dd12342053c4f2494960ed1cbf4a3';
  assert.is(sign(SECRET, 'GET', '/huobip/zannb/info', '1526357597237001', ''), expected);
  assert.is(sign(SECRET, 'get', '/huobip/zannb/info', '1526357597237001', ''), expected);
});

test("the account stream signs /ws/{account}, 1Token's historical quirk, in the three Api headers", () => {
  const h = authHeaders('k', SECRET, 'GET', '/ws/zannb', '1526357597237002', '');
  assert.equal(h, {
    'Api-Nonce': '1526357597237002',
    'Api-Key': 'k',
    'Api-Signature': '7322a2be96817841848542999fb335a9685e800d7d8beb735d1364c5437080e2',
  });
});

test('a changed byte of the body changes the signature', () => {
  const a = sign(SECRET, 'POST', '/huobip/zannb/orders', '1', BODY);
  const b = sign(SECRET, 'POST', '/huobip/zannb/orders', '1', BODY.replace('0.6', '0.7'));
  assert.is.not(a, b);
});

test('nonces are microseconds and strictly increase within one microsecond and when the clock steps back', () => {
  const clock = [1_700_000_000_000_000, 1_700_000_000_000_000, 1_699_999_999_000_000, 1_700_000_000_000_005];
  let i = 0;
  const nonces = new NonceSource(() => clock[Math.min(i++, clock.length - 1)]!);
  const got = [nonces.next(), nonces.next(), nonces.next(), nonces.next()].map(Number);
  assert.equal(
    got,
    [1_700_000_000_000_000, 1_700_000_000_000_001, 1_700_000_000_000_002, 1_700_000_000_000_005],
  );
  for (const n of got) assert.ok(Number.isSafeInteger(n) && n < 2 ** 53, 'below 2^53 as 1Token requires');
});

test('the default nonce source is the wall clock in microseconds', () => {
  const n = Number(new NonceSource().next());
  // A unit check, not a timing one: milliseconds or nanoseconds would be off by a factor of 1000, far
  // outside a minute (the monotonic clock the source counts with may sit a little off the wall clock).
  assert.ok(Math.abs(n - Date.now() * 1000) < 60e6, `${n} is not the wall clock in microseconds`);
});

test.run();
