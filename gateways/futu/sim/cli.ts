// `vnt sim futu`: a simulated OpenD on loopback. Commands on stdin play OpenD's bad days: "restart" (clients
// dropped, port closed, trade unlock lost, until "resume"), "drop", "silent"/"talk" (stop/start answering, so
// KeepAlive times out), "logout"/"login" (trade login lost/back, with Notify pushes), "quit". With
// VNT_FUTU_SIM_RSA_KEY naming a PEM private key file, it is an encrypted OpenD (the gateway's rsaKeyFile must be
// the same file).
import readline from 'node:readline';
import { loadRsaKey } from '../crypto.js';
import type { SimulatorOptions } from '../../common/simulator.js';
import { FUTU_SIM_ACCOUNTS, FUTU_SIM_PASSWORD, FUTU_SIM_SECURITIES, startFutuSimulator } from './index.js';

export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const keyFile = process.env['VNT_FUTU_SIM_RSA_KEY']?.trim();
  const rsaKey = keyFile ? loadRsaKey(keyFile).key : undefined;
  const { sim, exchange } = await startFutuSimulator({
    ...(rsaKey ? { rsaKey } : {}),
    host: options.host,
    port: options.port,
    seed: options.seed,
    tickRate: options.tickRate,
  });
  const print = (line: string): void => void process.stdout.write(line + '\n');
  print(`Futu OpenD simulator listening on ${sim.address}${rsaKey ? ` (encrypted, key ${keyFile})` : ''}`);
  print(
    `  accounts: ${FUTU_SIM_ACCOUNTS.map((a) => `${a.accID} (${a.trdEnv ? 'REAL' : 'SIMULATE'})`).join(', ')}`,
  );
  print(`  trade password for REAL: ${FUTU_SIM_PASSWORD}`);
  print(`  securities: ${FUTU_SIM_SECURITIES.map((s) => `${s.spec.symbol} ${s.name}`).join(', ')}`);
  print('  commands: restart | resume | drop | silent | talk | logout | login | quit');
  const rl = readline.createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => {
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
      else if (cmd === 'silent') sim.silent = true;
      else if (cmd === 'talk') sim.silent = false;
      else if (cmd === 'logout') sim.setTradeLogin(false);
      else if (cmd === 'login') sim.setTradeLogin(true);
      else if (cmd === 'quit') stop();
      else if (cmd) print(`unknown command "${cmd}"`);
    });
  });
}
