// `vnt sim tiger`: the simulator as a foreground process that prints where to point the gateway, with a
// throwaway TLS certificate for the push server and a fresh developer key pair.
import fs from 'node:fs';
import path from 'node:path';
import { serveUntilSignal, type SimulatorOptions } from '../../common/simulator.js';
import { makeThrowawayCert } from '../../common/tls-cert.js';
import { startTigerSim } from './server.js';

export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const cert = makeThrowawayCert();
  const sim = await startTigerSim({
    host: options.host,
    port: options.port,
    seed: options.seed,
    tickRate: options.tickRate,
    tls: { cert: cert.cert, key: cert.key },
  });
  const keyFile = path.join(cert.dir, 'developer-key.pem');
  fs.writeFileSync(keyFile, sim.developerPrivateKey, { mode: 0o600 });
  const lines = [
    'Tiger Open API simulator (REST gateway + TLS protobuf push) on loopback',
    `  REST gateway URL:  ${sim.restUrl}`,
    `  Push host:         ${sim.pushHost}`,
    `  Push port:         ${sim.pushPort}`,
    `  Push CA file:      ${cert.certFile}`,
    `  test tiger_id:     ${sim.tigerId}`,
    `  test account:      ${sim.account} (standard account)`,
    `  test private key:  ${keyFile}`,
    'Press Ctrl-C to stop.',
  ];
  await serveUntilSignal(lines, async () => {
    await sim.close();
    cert.remove();
  });
}
