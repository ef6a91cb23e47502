// `vnt sim onetoken`: the simulator as a foreground process that prints where to point the gateway.
import type { SimulatorOptions } from '../../common/simulator.js';
import { startOnetokenSim } from './server.js';

export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const sim = await startOnetokenSim({
    host: options.host,
    port: options.port,
    seed: options.seed,
    tickRate: options.tickRate,
  });
  const lines = [
    '1Token simulator (the last documented API: huobip, binance and okex spot) on loopback',
    `  REST URL:       ${sim.restUrl}`,
    `  WebSocket URL:  ${sim.wsUrl}`,
    `  OT key:         ${sim.credentials.key}`,
    `  OT secret:      ${sim.credentials.secret}`,
    `  account:        ${sim.credentials.account} (exchange HUOBIP, BINANCE or OKEX)`,
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
