// Test vectors are Binance's published examples (spot API docs, "SIGNED Endpoint Examples" and the WebSocket
// API's "SIGNED request example (HMAC)").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hmacHex, signWsParams, signedQuery, wsApiPayload } from '../../../gateways/binance/sign.js';

const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';

test('REST: the documented query signs to the documented signature', () => {
  const params = {
    symbol: 'LTCBTC',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: 1,
    price: 0.1,
    recvWindow: 5000,
    timestamp: 1499827319559,
  };
  const expected = 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71';
  assert.is(
    hmacHex(
      SECRET,
      'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559',
    ),
    expected,
  );
  assert.ok(signedQuery(params, SECRET).endsWith(`&signature=${expected}`));
});

test('WS API: params are sorted and signed unencoded, as documented', () => {
  const params = {
    symbol: 'BTCUSDT',
    side: 'SELL',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '0.01000000',
    price: '52000.00',
    newOrderRespType: 'ACK',
    recvWindow: 100,
  };
  const signed = signWsParams(params, API_KEY, SECRET, 1645423376532);
  assert.is(
    wsApiPayload(signed),
    `apiKey=${API_KEY}&newOrderRespType=ACK&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT`,
  );
  assert.is(signed.signature, 'cc15477742bd704c29492d96c7ead9414dfd8e0ec4a00f947bb5bb454ddbd08a');
});

test('a different secret or a changed parameter gives a different signature', () => {
  const a = signedQuery({ symbol: 'BTCUSDT', timestamp: 1 }, SECRET);
  assert.is.not(a, signedQuery({ symbol: 'BTCUSDT', timestamp: 1 }, SECRET + 'x'));
  assert.is.not(a, signedQuery({ symbol: 'BTCUSDT', timestamp: 2 }, SECRET));
});

test.run();
