// `vnt sim bitmex`: the simulator as a foreground process that prints where to point the gateway.
import type { SimulatorOptions } from '../../common/simulator.js';
import { startBitmexSim } from './server.js';

export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const sim = await startBitmexSim({
    host: options.host,
    port: options.port,
    seed: options.seed,
    tickRate: options.tickRate,
  });
  const lines = [
    'BitMEX simulator on loopback (XBTUSD inverse, XBTUSDT linear, ETHUSD quanto, XBT_USDT spot)',
    `  REST URL (restUrl):      ${sim.restUrl}`,
    `  Realtime URL (wsUrl):    ${sim.wsUrl}`,
    `  admin: POST ${sim.restUrl.replace(/\/api\/v1$/, '')}/admin/drop | /admin/reachable?on=false | /admin/skew?ms=N | /admin/ratelimit?count=N&retryAfter=S | /admin/overload?count=N&method=POST&path=/order | /admin/reject?reason=... | /admin/late-partial?count=N | /admin/market?on=false`,
    `  test API key ID: ${sim.credentials.apiKey}`,
    `  test secret:     ${sim.credentials.secret}`,
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
