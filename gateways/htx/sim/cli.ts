// `vnt sim htx`: the HTX spot simulator in the foreground, printing where to point the HUOBI gateway.
import { serveUntilSignal, type SimulatorOptions } from '../../common/simulator.js';
import { startHtxSim } from './server.js';

export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const sim = await startHtxSim({
    host: options.host,
    port: options.port,
    seed: options.seed,
    tickRate: options.tickRate,
  });
  await serveUntilSignal(
    [
      'HTX simulator (HUOBI spot) on loopback',
      `  REST (restUrl):                  ${sim.restUrl}`,
      `  market WebSocket (marketUrl):    ${sim.marketUrl}`,
      `  private WebSocket (privateUrl):  ${sim.privateUrl}`,
      `  Access Key: ${sim.credentials.accessKey}`,
      `  Secret Key: ${sim.credentials.secret}`,
      'Press Ctrl-C to stop.',
    ],
    () => sim.close(),
  );
}
