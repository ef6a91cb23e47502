// BINANCE endpoints and symbol names: the USD-M routed defaults, overrides, the user stream URL, and the
// vnt ↔ venue symbol rule.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toVenueSymbol, toVntSymbol } from '../../../gateways/binance/symbols.js';
import { endpointsFor, userStreamUrl } from '../../../gateways/binance/urls.js';

test('USD-M live: market streams on /market, depth on /public, user data on /private with its events', () => {
  const e = endpointsFor('REAL', 'USDM', {});
  assert.is(e.rest, 'https://fapi.binance.com');
  assert.is(e.stream, 'wss://fstream.binance.com/market/ws');
  assert.is(e.bookStream, 'wss://fstream.binance.com/public/ws');
  assert.is(
    userStreamUrl(e.userStream, 'abc'),
    'wss://fstream.binance.com/private/ws?listenKey=abc&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE/listenKeyExpired',
  );
});

test('USD-M demo (TESTNET): one unrouted stream host, the listenKey in the path', () => {
  const e = endpointsFor('TESTNET', 'USDM', {});
  assert.is(e.rest, 'https://demo-fapi.binance.com');
  assert.is(e.stream, 'wss://demo-fstream.binance.com/ws');
  assert.is(e.bookStream, e.stream);
  assert.is(userStreamUrl(e.userStream, 'abc'), 'wss://demo-fstream.binance.com/ws/abc');
});

test('spot keeps one stream for everything; an overridden market stream takes the book along', () => {
  const spot = endpointsFor('REAL', 'SPOT', {});
  assert.is(spot.bookStream, spot.stream);
  const one = endpointsFor('REAL', 'USDM', { stream: 'ws://127.0.0.1:1/ws/' });
  assert.is(one.stream, 'ws://127.0.0.1:1/ws');
  assert.is(one.bookStream, 'ws://127.0.0.1:1/ws', 'not left on the live host');
  const two = endpointsFor('REAL', 'USDM', { stream: 'ws://h/market/ws', bookStream: 'ws://h/public/ws' });
  assert.is(two.bookStream, 'ws://h/public/ws');
});

test('symbols: a USD-M perpetual is BTCUSDT_SWAP in vnt; spot and dated contracts keep their names', () => {
  assert.is(toVntSymbol('BTCUSDT', 'USDM'), 'BTCUSDT_SWAP');
  assert.is(toVenueSymbol('BTCUSDT_SWAP', 'USDM'), 'BTCUSDT');
  assert.is(toVntSymbol('BTCUSDT_250328', 'USDM'), 'BTCUSDT_250328');
  assert.is(toVenueSymbol('BTCUSDT_250328', 'USDM'), 'BTCUSDT_250328');
  assert.is(toVntSymbol('BTCUSDT', 'SPOT'), 'BTCUSDT');
  assert.is(toVenueSymbol('BTCUSDT', 'SPOT'), 'BTCUSDT');
});

test.run();
