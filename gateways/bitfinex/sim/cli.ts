// `vnt sim bitfinex`: the simulator as a foreground process that prints where to point the gateway.
import { serveUntilSignal, type SimulatorOptions } from '../../common/simulator.js';
import { startBitfinexSim } from './server.js';

export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const sim = await startBitfinexSim({
    host: options.host,
    port: options.port,
    seed: options.seed,
    tickRate: options.tickRate,
  });
  await serveUntilSignal(
    [
      'Bitfinex v2 simulator on loopback (pairs BTCUSD, ETHUSD; exchange wallet 1,000,000 USD, 10 BTC, 100 ETH)',
      `  REST (restUrl and publicRestUrl): ${sim.restUrl}`,
      `  WebSocket (wsUrl and publicWsUrl): ${sim.wsUrl}`,
      `  test API key: ${sim.credentials.apiKey}`,
      `  test secret:  ${sim.credentials.secret}`,
      'Press Ctrl-C to stop.',
    ],
    () => sim.close(),
  );
}
