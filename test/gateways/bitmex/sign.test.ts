// BitMEX's published example signatures (bitmex.com/app/apiKeysUsage, "Full sample calculation": key
// LAqUlngMIQkIUjXMUreyu3qn, the three calculations below) reproduced by the gateway's signing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signature, signedHeaders, wsAuthArgs } from '../../../gateways/bitmex/sign.js';

const SECRET = 'chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO';

test('simple GET', () => {
  assert.is(
    signature(SECRET, 'GET', '/api/v1/instrument', 1518064236, ''),
    'c7682d435d0cfe87c16098df34ef2eb5a549d4c5a3c2b1f0f77b8af73423bf00',
  );
});

test('GET with a URL-encoded query string, signed exactly as sent', () => {
  assert.is(
    signature(SECRET, 'GET', '/api/v1/instrument?filter=%7B%22symbol%22%3A+%22XBTM15%22%7D', 1518064237, ''),
    'e2f422547eecb5b3cb29ade2127e21b858b235b386bfa45e1c1756eb3383919f',
  );
});

test('POST with a JSON body', () => {
  const body = '{"symbol":"XBTM15","price":219.0,"clOrdID":"mm_bitmex_1a/oemUeQ4CAJZgP3fjHsA","orderQty":98}';
  const h = signedHeaders('LAqUlngMIQkIUjXMUreyu3qn', SECRET, 'POST', '/api/v1/order', 1518064238, body);
  assert.is(h['api-signature'], '1749cd2ccae4aa49048ae09f0b95110cee706e0944e6a14ad0b3a8cb45bd336b');
  assert.is(h['api-expires'], '1518064238');
  assert.is(h['api-key'], 'LAqUlngMIQkIUjXMUreyu3qn');
});

test('a different body or expiry gives a different signature', () => {
  const a = signature(SECRET, 'POST', '/api/v1/order', 1518064238, '{"orderQty":98}');
  assert.is.not(a, signature(SECRET, 'POST', '/api/v1/order', 1518064238, '{"orderQty":99}'));
  assert.is.not(a, signature(SECRET, 'POST', '/api/v1/order', 1518064239, '{"orderQty":98}'));
});

test('realtime authKeyExpires signs GET/realtime + expires', () => {
  const [key, expires, sig] = wsAuthArgs('LAqUlngMIQkIUjXMUreyu3qn', SECRET, 1518064236);
  assert.is(key, 'LAqUlngMIQkIUjXMUreyu3qn');
  assert.is(expires, 1518064236);
  assert.is(sig, signature(SECRET, 'GET', '/realtime', 1518064236, ''));
});

test.run();
