// `vnt sim binance`: the simulator as a foreground process that prints where to point the gateway.
import { serveUntilSignal, type SimulatorOptions } from '../../common/simulator.js';
import { startBinanceSim } from './server.js';

export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const sim = await startBinanceSim({
    host: options.host,
    port: options.port,
    seed: options.seed,
    tickRate: options.tickRate,
  });
  const lines = [
    'Binance simulator (spot and USD-M) on loopback',
    `  REST (spot /api, USD-M /fapi):  ${sim.restUrl}`,
    `  spot market streams:            ${sim.spotStreamUrl}`,
    `  spot WebSocket API (user data): ${sim.spotWsApiUrl}`,
    `  USD-M market streams:           ${sim.usdmStreamUrl}`,
    `  USD-M book (depth) streams:     ${sim.usdmBookUrl}`,
    `  USD-M user stream:              ${sim.usdmPrivateUrl}`,
    `  admin: POST ${sim.restUrl}/admin/drop | /admin/reachable?on=false | /admin/skew?ms=N | /admin/ratelimit?count=N&retryAfter=S | /admin/shutdown-notice | /admin/reject?market=SPOT&reason=...`,
    `  test API key: ${sim.credentials.apiKey}`,
    `  test secret:  ${sim.credentials.secret}`,
    'Press Ctrl-C to stop.',
  ];
  await serveUntilSignal(lines, () => sim.close());
}
