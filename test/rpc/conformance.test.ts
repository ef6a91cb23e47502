// The shared conformance suite against the RPC gateway, with a `vnt serve` process in front of the
// suite's own fake venue and a relay in between that drop() cuts like a network failure.
// (Switches to a server running SIM once the SIM gateway lands.)
import { RpcGateway } from '../../gateways/rpc/index.js';
import { runConformance } from '../conformance/suite.js';
import { FAKE_INSTRUMENT } from '../helpers/fake-gateway.js';
import { readToken, startFixture, tempDir, type ServerProcess } from './helpers.js';
import { CuttableProxy } from './proxy.js';

// Node opens process.stderr's handle lazily, and net.Socket#destroy looks at process.stderr: the first
// socket this file destroys (drop()) would otherwise add a handle that the suite's leak check counts.
void process.stderr;

let server: ServerProcess | undefined;
let proxy: CuttableProxy | undefined;

runConformance({
  gatewayClass: RpcGateway,
  instrument: FAKE_INSTRUMENT,
  async start() {
    const dir = tempDir('rpc-conf');
    server = await startFixture(dir, { venue: 'conformance' });
    proxy = new CuttableProxy(server.port);
    const port = await proxy.listen(0);
    return { address: `ws://127.0.0.1:${port}`, token: readToken(dir) };
  },
  async stop() {
    await proxy?.cut();
    await server?.kill();
  },
  fill: (_direction, price, volume) => server!.command(`fill ${price} ${volume}`),
  async rejectNext() {
    await server!.command('reject E042 insufficient margin');
    return 'E042';
  },
  drop: () => proxy!.cut(),
  fillWhileDown: (_direction, price, volume) => server!.command(`fill ${price} ${volume}`),
  restore: async () => void (await proxy!.listen()),
});
