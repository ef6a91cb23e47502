// `vnt sim htx`: the HTX simulator in the foreground, printing where to point the HUOBI and HBDM gateways.
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
      'HTX simulator (HUOBI spot; HBDM USDT-M and coin-M swaps, coin-M futures) on loopback',
      `  REST (restUrl):                  ${sim.restUrl}`,
      `  market WebSocket (marketUrl):    ${sim.marketUrl}`,
      `  private WebSocket (privateUrl):  ${sim.privateUrl}`,
      'HBDM USDT-M swaps on the same port (restUrl as above)',
      `  market WebSocket (marketUrl):    ${sim.linearMarketUrl}`,
      `  notification (notifyUrl):        ${sim.linearNotifyUrl}`,
      'HBDM coin-M swaps (product "coin-M swap") on the same port',
      `  market WebSocket (marketUrl):    ${sim.coinSwapMarketUrl}`,
      `  notification (notifyUrl):        ${sim.coinSwapNotifyUrl}`,
      'HBDM coin-M futures (product "coin-M futures") on the same port',
      `  market WebSocket (marketUrl):    ${sim.futuresMarketUrl}`,
      `  notification (notifyUrl):        ${sim.futuresNotifyUrl}`,
      `  Access Key: ${sim.credentials.accessKey}`,
      `  Secret Key: ${sim.credentials.secret}`,
      'Press Ctrl-C to stop.',
    ],
    () => sim.close(),
  );
}
