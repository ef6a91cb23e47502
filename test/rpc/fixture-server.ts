// A `vnt serve` with the fake gateway, run as a child process by the RPC tests and benchmark. Usage:
//   node fixture-server.js <traderDir> <port> [preloadTrades] [maxLagBytes]
// Reads commands on stdin, one per line (fill | trades N | ticks N | log TEXT); answers "done <command>".
import readline from 'node:readline';
import { serve, stopOnSignals } from '../../src/cli/serve.js';
import { FakeGateway } from './fake-gateway.js';

const [traderDir, port = '0', preload = '0', maxLag] = process.argv.slice(2);
if (!traderDir) throw new Error('usage: fixture-server <traderDir> <port> [preloadTrades] [maxLagBytes]');

let fake: FakeGateway | undefined;
class Fake extends FakeGateway {
  constructor(...args: ConstructorParameters<typeof FakeGateway>) {
    super(...args);
    fake = this;
  }
}

const serving = await serve({
  traderDir,
  gateways: [{ gatewayClass: Fake, name: 'FAKE', setting: { preloadTrades: Number(preload) } }],
  rpc: {
    port: Number(port),
    heartbeatMs: 200,
    timeoutMs: 2000,
    ...(maxLag ? { limits: { maxLagBytes: Number(maxLag), highWaterBytes: 64 * 1024 } } : {}),
  },
});
stopOnSignals(serving);

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, arg] = line.trim().split(/\s+/, 2);
  if (cmd === 'fill') fake!.fillAll();
  else if (cmd === 'trades') fake!.burstTrades(Number(arg));
  else if (cmd === 'ticks') fake!.burstTicks(Number(arg));
  else if (cmd === 'log') fake!.writeLog(line.slice(4));
  process.stdout.write(`done ${line.trim()}\n`);
});
