// The BINANCE gateway: spot and USD-M futures (one market per connection, chosen in the setting). The
// simulator lives in sim/ and is loaded only by `vnt sim binance` and the tests.
export { BinanceGateway } from './gateway.js';
