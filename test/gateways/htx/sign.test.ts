// HTX Signature Version 2 against HTX's own published vectors, and the simulator's checks refusing what HTX
// refuses (wrong secret, wrong key, stale timestamp, a param changed after signing).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  hmacBase64,
  htxEncode,
  htxTimestamp,
  payloadToSign,
  signedQuery,
  sortedQuery,
  v2AuthParams,
} from '../../../gateways/htx/sign.js';
import { TEST_CREDENTIALS, checkSignature } from '../../../gateways/htx/sim/server.js';

// HuobiRDCenter/huobi_CSharp, Huobi.SDK.Core.Test/RequestBuilder/SignerTest.cs, Sign_FourString_Success.
test('the official C# SDK vector: secret "secret" over GET api.huobi.pro /v1/account/history', () => {
  const text = payloadToSign('GET', 'api.huobi.pro', '/v1/account/history', 'account-id=1&currency=btcusdt');
  assert.is(hmacBase64('secret', text), 'HUP3n78npIuTzVKyjEOrPictRKEUTRoYs7Ld5y38hmA=');
});

// HuobiRDCenter/huobi_Java, src/test/java/com/huobi/client/impl/TestApiSignature.java (Timestamp mocked "123").
test('the official Java SDK vector: key 123, secret 456, host "host", path "url"', () => {
  const query = sortedQuery({
    AccessKeyId: '123',
    SignatureMethod: 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: '123',
  });
  const signature = hmacBase64('456', payloadToSign('GET', 'host', 'url', query));
  assert.is(htxEncode(signature), 'Hfdw0d%2F3ZOEB2eHJZiwVZ%2F1YLL62MFuKKmSW83vM3ps%3D');
});

// huobiapi.github.io/docs/spot/v1/en/#authentication, "Signature Method" steps 4-7: the documented request
// (the documented key and secret are masked, so its signature cannot be reproduced; the text signed can).
test('the documented text to sign for GET /v1/order/orders, byte for byte', () => {
  const query = sortedQuery({
    AccessKeyId: 'e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx',
    'order-id': '1234567890',
    SignatureMethod: 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: '2017-05-11T15:19:30',
  });
  assert.is(
    payloadToSign('get', 'API.HUOBI.PRO', '/v1/order/orders', query),
    'GET\napi.huobi.pro\n/v1/order/orders\nAccessKeyId=e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2017-05-11T15%3A19%3A30&order-id=1234567890',
  );
  // The documented final URL carries the signature URL-encoded with upper-case hex.
  assert.is(
    htxEncode('4F65x5A2bLyMWVQj3Aqp+B4w+ivaA7n5Oi2SuYtCJ9o='),
    '4F65x5A2bLyMWVQj3Aqp%2BB4w%2BivaA7n5Oi2SuYtCJ9o%3D',
  );
});

test("Timestamp is UTC to the second; RFC 3986 encoding covers !'()* and spaces", () => {
  assert.is(htxTimestamp(Date.UTC(2017, 4, 11, 15, 19, 30, 999)), '2017-05-11T15:19:30');
  assert.is(htxEncode("a b!'()*:"), 'a%20b%21%27%28%29%2A%3A');
});

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const HOST = '127.0.0.1:8080';

test('a signed query passes the simulator check; a changed param, key, secret or old timestamp fails', () => {
  const { accessKey, secret } = TEST_CREDENTIALS;
  const q = signedQuery('GET', HOST, '/v1/order/openOrders', { 'account-id': '1' }, accessKey, secret, NOW);
  assert.is(
    checkSignature(TEST_CREDENTIALS, 'GET', HOST, '/v1/order/openOrders', new URLSearchParams(q), NOW),
    undefined,
  );
  const tampered = new URLSearchParams(q);
  tampered.set('account-id', '2');
  assert.match(
    String(checkSignature(TEST_CREDENTIALS, 'GET', HOST, '/v1/order/openOrders', tampered, NOW)),
    /Verification failure/,
  );
  const wrongSecret = signedQuery('GET', HOST, '/p', {}, accessKey, 'not-the-secret', NOW);
  assert.match(
    String(checkSignature(TEST_CREDENTIALS, 'GET', HOST, '/p', new URLSearchParams(wrongSecret), NOW)),
    /Verification failure/,
  );
  const wrongKey = signedQuery('GET', HOST, '/p', {}, 'someone-else', secret, NOW);
  assert.match(
    String(checkSignature(TEST_CREDENTIALS, 'GET', HOST, '/p', new URLSearchParams(wrongKey), NOW)),
    /Access key/,
  );
  const stale = signedQuery('GET', HOST, '/p', {}, accessKey, secret, NOW - 6 * 60_000);
  assert.match(
    String(checkSignature(TEST_CREDENTIALS, 'GET', HOST, '/p', new URLSearchParams(stale), NOW)),
    /Timestamp/,
  );
  // Signed for another host or method: refused.
  assert.ok(
    checkSignature(
      TEST_CREDENTIALS,
      'POST',
      HOST,
      '/p',
      new URLSearchParams(signedQuery('GET', HOST, '/p', {}, accessKey, secret, NOW)),
      NOW,
    ),
  );
});

test('v2 WebSocket auth params (signatureVersion 2.1) pass the simulator check, and fail for another path', () => {
  const params = v2AuthParams(HOST, '/ws/v2', TEST_CREDENTIALS.accessKey, TEST_CREDENTIALS.secret, NOW);
  assert.is(params.authType, 'api');
  assert.is(params.signatureVersion, '2.1');
  const search = new URLSearchParams(params);
  assert.is(checkSignature(TEST_CREDENTIALS, 'GET', HOST, '/ws/v2', search, NOW, '2.1'), undefined);
  assert.ok(checkSignature(TEST_CREDENTIALS, 'GET', HOST, '/ws', search, NOW, '2.1'));
});

test.run();
