// `vnt sim okx`: the OKX v5 simulator (spot, swaps and futures on one unified account) in the foreground,
// printing where to point the OKEX and OKEXF gateways.
import type { SimulatorOptions } from '../../common/simulator.js';
import { startOkxSim } from './server.js';

export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const sim = await startOkxSim({
    host: options.host,
    port: options.port,
    seed: options.seed,
    tickRate: options.tickRate,
  });
  const lines = [
    'OKX v5 simulator (OKEX spot, OKEXF swaps and futures) on loopback',
    `  REST (restUrl):                 ${sim.restUrl}`,
    `  public WebSocket (publicUrl):   ${sim.publicUrl}`,
    `  private WebSocket (privateUrl): ${sim.privateUrl}`,
    `  business WebSocket:             ${sim.businessUrl}`,
    `  admin: POST ${sim.restUrl}/admin/drop | /admin/reachable?on=false | /admin/skew?ms=N | /admin/ratelimit?count=N | /admin/reject?reason=... | /admin/notice | /admin/corrupt-checksum?count=N | /admin/market?on=false`,
    `  API Key:    ${sim.credentials.apiKey}`,
    `  Secret Key: ${sim.credentials.secret}`,
    `  Passphrase: ${sim.credentials.passphrase}`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void sim.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
