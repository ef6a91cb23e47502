// A `vnt serve --demo` in a child process and a trader dir whose RPC setting points at it: the console tests
// that trade through RPC start from here.
import { RpcGateway } from '../../gateways/rpc/index.js';
import { TraderDir } from '../../src/core/settings.js';
import { tempTraderDir } from '../helpers/tmux.js';
import { readToken, startProcess, tempDir, VNT_BIN, type ServerProcess } from '../rpc/helpers.js';

export interface DemoServer {
  server: ServerProcess;
  /** The console's trader dir, its connect_RPC.json filled in for the server. */
  dir: string;
}

export async function startDemoServer(name: string, rpc: { views?: boolean } = {}): Promise<DemoServer> {
  const serverDir = tempDir(name);
  const server = await startProcess([VNT_BIN, '--trader-dir', serverDir, 'serve', '--demo', '--port', '0']);
  const dir = tempTraderDir();
  new TraderDir(dir).saveGatewaySetting('RPC', RpcGateway.defaultSetting, {
    address: server.url,
    token: readToken(serverDir),
    ...rpc,
  });
  return { server, dir };
}
