// A `vnt serve` with a fake venue, run as a child process by the RPC tests and benchmark. Usage:
//   node fixture-server.js <venue> <traderDir> <port> [preloadTrades] [maxLagBytes]
// venue "rpc" is test/rpc/fake-gateway.ts (commands: fill | trades N | ticks N | log TEXT); venue
// "conformance" is the conformance suite's fake (commands: fill PRICE VOLUME | reject REASON).
// Each command is one stdin line, answered with "done <command>" on stdout.
import readline from 'node:readline';
import { serve, stopOnSignals, type ServeGateway } from '../../src/cli/serve.js';
import { FakeGateway as ConformanceFake } from '../helpers/fake-gateway.js';
import { FakeGateway } from './fake-gateway.js';

const [venue, traderDir, port = '0', preload = '0', maxLag] = process.argv.slice(2);
if (!traderDir || (venue !== 'rpc' && venue !== 'conformance')) {
  throw new Error('usage: fixture-server rpc|conformance <traderDir> <port> [preloadTrades] [maxLagBytes]');
}

let fake: FakeGateway | undefined;
class Fake extends FakeGateway {
  constructor(...args: ConstructorParameters<typeof FakeGateway>) {
    super(...args);
    fake = this;
  }
}

const gateway: ServeGateway =
  venue === 'rpc'
    ? { gatewayClass: Fake, name: 'FAKE', setting: { preloadTrades: Number(preload) } }
    : { gatewayClass: ConformanceFake, name: 'FAKE', setting: { account: 'acc1', password: 'pw-secret' } };

const serving = await serve({
  traderDir,
  gateways: [gateway],
  rpc: {
    port: Number(port),
    heartbeatMs: 200,
    timeoutMs: 2000,
    ...(maxLag ? { limits: { maxLagBytes: Number(maxLag), highWaterBytes: 64 * 1024 } } : {}),
  },
});
stopOnSignals(serving);

function run(cmd: string, args: string[], rest: string): void {
  const v = ConformanceFake.lastVenue;
  if (cmd === 'fill' && venue === 'rpc') fake!.fillAll();
  else if (cmd === 'fill') v!.fill(Number(args[0]), Number(args[1]));
  else if (cmd === 'reject') v!.rejectReason = rest;
  else if (cmd === 'trades') fake!.burstTrades(Number(args[0]));
  else if (cmd === 'ticks') fake!.burstTicks(Number(args[0]));
  else if (cmd === 'log') fake!.writeLog(rest);
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd = '', ...args] = line.trim().split(/\s+/);
  run(cmd, args, line.trim().slice(cmd.length + 1));
  process.stdout.write(`done ${line.trim()}\n`);
});
