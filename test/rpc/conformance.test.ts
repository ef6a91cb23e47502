// The shared conformance suite against the RPC gateway, with a `vnt serve` process running the SIM gateway
// and a relay in between that drop() cuts like a network failure.
import { Direction, Exchange, Offset } from '../../src/core/constant.js';
import { RpcGateway } from '../../gateways/rpc/index.js';
import { runConformance } from '../conformance/suite.js';
import { readToken, startFixture, tempDir, type ServerProcess } from './helpers.js';
import { CuttableProxy } from './proxy.js';

let server: ServerProcess | undefined;
const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');
let proxy: CuttableProxy | undefined;

runConformance({
  gatewayClass: RpcGateway,
  instrument: {
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    openOffset: Offset.OPEN,
    // The fixture's market stands at 4000 with bids from 3990; the price band is 3800-4200.
    restingBuyPrice: 3900,
    volume: 4,
    offTickPrice: 3900.5,
  },
  async start() {
    const dir = tempDir('rpc-conf');
    server = await startFixture(dir, { venue: 'sim' });
    proxy = new CuttableProxy(server.port);
    const port = await proxy.listen(0);
    return { address: `ws://127.0.0.1:${port}`, token: readToken(dir) };
  },
  async stop() {
    await proxy?.cut();
    await server?.kill();
  },
  fill: (direction, price, volume) => server!.command(`fill ${side(direction)} ${price} ${volume}`),
  async rejectNext() {
    await server!.command('reject E042 risk limit exceeded');
    return 'E042';
  },
  drop: () => proxy!.cut(),
  fillWhileDown: (direction, price, volume) => server!.command(`fill ${side(direction)} ${price} ${volume}`),
  restore: async () => void (await proxy!.listen()),
});
