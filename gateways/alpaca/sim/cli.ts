// `vnt sim alpaca`: the simulator as a foreground process that prints where to point the gateway.
import { serveUntilSignal, type SimulatorOptions } from '../../common/simulator.js';
import { startAlpacaSim } from './server.js';

export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const sim = await startAlpacaSim({
    host: options.host,
    port: options.port,
    seed: options.seed,
    tickRate: options.tickRate,
  });
  const lines = [
    'Alpaca simulator (Trading API v2, trade_updates, Market Data v2) on loopback',
    `  Trading REST URL:        ${sim.restUrl}`,
    `  Trading stream URL:      ${sim.streamUrl}`,
    `  Market data REST URL:    ${sim.dataRestUrl}`,
    `  Stock data stream URL:   ${sim.stockStreamUrl}`,
    `  Crypto data stream URL:  ${sim.cryptoStreamUrl}`,
    `  admin: POST ${sim.restUrl}/admin/drop | /admin/reachable?on=false | /admin/reject?message=... | /admin/ratelimit?count=N&retryAfter=S | /admin/hold-feed?feed=iex&held=true | /admin/data-error?code=407 | /admin/market?active=false | /admin/skew?ms=N`,
    `  test KEY ID:     ${sim.credentials.key}`,
    `  test Secret Key: ${sim.credentials.secret}`,
    'Press Ctrl-C to stop.',
  ];
  await serveUntilSignal(lines, () => sim.close());
}
