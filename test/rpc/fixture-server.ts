// A `vnt serve` with a fake venue, run as a child process by the RPC tests and benchmark. Usage:
//   node fixture-server.js <venue> <traderDir> <port> [preloadTrades] [maxLagBytes]
// venue "rpc" is test/rpc/fake-gateway.ts (commands: fill | trades N | ticks N | log TEXT); venue "sim" is the
// SIM gateway on a simulated exchange holding rb2501.SHFE with a still fair price (commands:
// fill BUY|SELL PRICE VOLUME, a market participant crossing resting orders | reject REASON); venue "sim2" is
// the same with a second SIM gateway, named SIM2, trading its own account on that exchange (two accounts
// behind one server).
// Each command is one stdin line, answered with "done <command>" on stdout.
import readline from 'node:readline';
import { serve, stopOnSignals, type ServeGateway } from '../../src/cli/serve.js';
import { SimGateway } from '../../gateways/sim/index.js';
import { registerVenue, SimVenue } from '../../gateways/sim/venue.js';
import { createSimExchange } from '../../src/sim/exchange.js';
import type { SimExchange } from '../../src/sim/types.js';
import { RB } from '../sim/fixtures.js';
import { FakeGateway } from './fake-gateway.js';

const [venue, traderDir, port = '0', preload = '0', maxLag] = process.argv.slice(2);
if (!traderDir || (venue !== 'rpc' && venue !== 'sim' && venue !== 'sim2')) {
  throw new Error('usage: fixture-server rpc|sim|sim2 <traderDir> <port> [preloadTrades] [maxLagBytes]');
}

let fake: FakeGateway | undefined;
class Fake extends FakeGateway {
  constructor(...args: ConstructorParameters<typeof FakeGateway>) {
    super(...args);
    fake = this;
  }
}

let exchange: SimExchange | undefined;
function simGateways(names: string[]): ServeGateway[] {
  // Ticks keep coming but the fair price stands still, so a buy at 3900 rests until a fill is ordered.
  exchange = createSimExchange({ seed: 42, instruments: [{ ...RB, volatility: 0 }], tickRate: 50 });
  exchange.start();
  registerVenue('rpc-fixture', new SimVenue(exchange));
  return names.map((name) => ({ gatewayClass: SimGateway, name, setting: { venue: 'rpc-fixture' } }));
}

const gateways: ServeGateway[] =
  venue === 'rpc'
    ? [{ gatewayClass: Fake, name: 'FAKE', setting: { preloadTrades: Number(preload) } }]
    : simGateways(venue === 'sim' ? ['SIM'] : ['SIM', 'SIM2']);

const serving = await serve({
  traderDir,
  gateways,
  rpc: {
    port: Number(port),
    heartbeatMs: 200,
    timeoutMs: 2000,
    ...(maxLag ? { limits: { maxLagBytes: Number(maxLag), highWaterBytes: 64 * 1024 } } : {}),
  },
});
stopOnSignals(serving);

function run(cmd: string, args: string[], rest: string): void {
  if (cmd === 'fill' && venue === 'rpc') fake!.fillAll();
  else if (cmd === 'fill') {
    exchange!.crossFromMarket(
      RB.symbol,
      args[0] === 'SELL' ? 'SELL' : 'BUY',
      Number(args[1]),
      Number(args[2]),
    );
  } else if (cmd === 'reject') exchange!.injectReject('SIM-CNY', rest);
  else if (cmd === 'trades') fake!.burstTrades(Number(args[0]));
  else if (cmd === 'ticks') fake!.burstTicks(Number(args[0]));
  else if (cmd === 'log') fake!.writeLog(rest);
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd = '', ...args] = line.trim().split(/\s+/);
  run(cmd, args, line.trim().slice(cmd.length + 1));
  process.stdout.write(`done ${line.trim()}\n`);
});
