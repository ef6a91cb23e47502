// `vnt sim ib`: a simulated TWS on loopback. Commands on stdin play TWS's bad days: "restart" (daily-restart
// disconnect; the port refuses connections until "resume"), "drop", "lost" (1100), "restored" (1101).
import readline from 'node:readline';
import type { SimulatorOptions } from '../../common/simulator.js';
import { IB_SIM_ACCOUNT, IB_SIM_INSTRUMENTS, startIbSimulator } from './index.js';

export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const { sim, exchange } = await startIbSimulator({
    host: options.host,
    port: options.port,
    seed: options.seed,
    tickRate: options.tickRate,
  });
  const print = (line: string): void => void process.stdout.write(line + '\n');
  print(
    `IB TWS simulator listening on ${sim.address} (server versions ${sim.minVersion}..${sim.maxVersion})`,
  );
  print(`  account ${IB_SIM_ACCOUNT}; connect the IB gateway with host ${options.host}, port ${sim.port}`);
  print(
    `  contracts: ${IB_SIM_INSTRUMENTS.map((i) => `${i.contract.conId} ${i.contract.localSymbol}`).join(', ')}`,
  );
  print('  commands: restart | resume | drop | lost | restored | quit');
  const rl = readline.createInterface({ input: process.stdin });
  const done = new Promise<void>((resolve) => {
    const stop = (): void => {
      rl.close();
      exchange.stop();
      void sim.stop().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    rl.on('line', (line) => {
      const cmd = line.trim().toLowerCase();
      if (cmd === 'restart') void sim.restart().then(() => print('restarting: clients dropped, port closed'));
      else if (cmd === 'resume') void sim.resume().then(() => print(`listening again on ${sim.address}`));
      else if (cmd === 'drop') sim.dropAll();
      else if (cmd === 'lost') sim.linkLost();
      else if (cmd === 'restored') sim.linkRestored(true);
      else if (cmd === 'quit') stop();
      else if (cmd) print(`unknown command "${cmd}"`);
    });
  });
  await done;
}
