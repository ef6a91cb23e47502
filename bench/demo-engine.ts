// The `vnt --demo` session without its console, for bench/ui.bench.ts: the same engine (bootstrap, bus, OMS)
// with the embedded simulator connected from the trader dir's connect_sim.json (the flood) and every contract
// subscribed, as the demo does — only no screen and nothing drawn. Its CPU is what the demo process spends
// before the console does anything, so the bench can tell the console's own share from the simulator's.
// Prints "ready <contracts>" once subscribed; exits on "quit" (or the end of stdin).
// Usage: node demo-engine.js <trader-dir>
import readline from 'node:readline';
import { bootstrap } from '../src/cli/bootstrap.js';
import { SimGateway } from '../gateways/sim/index.js';

const traderDir = process.argv[2];
if (!traderDir) throw new Error('usage: demo-engine <trader-dir>');
const { mainEngine, traderDir: dir } = bootstrap({ traderDir, logTo: null });
mainEngine.addGateway(SimGateway, 'SIM');
await mainEngine.connect(dir.loadGatewaySetting('SIM', SimGateway.defaultSetting), 'SIM');
// As the demo: let the bus deliver the contracts to the OMS, then subscribe each.
for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
const contracts = mainEngine.getAllContracts();
for (const c of contracts) mainEngine.subscribe({ symbol: c.symbol, exchange: c.exchange }, c.gatewayName);
process.stdout.write(`ready ${contracts.length}\n`);

const quit = (): void => void mainEngine.close().then(() => process.exit(0));
readline
  .createInterface({ input: process.stdin })
  .on('line', (line) => line.trim() === 'quit' && quit())
  .on('close', quit);
