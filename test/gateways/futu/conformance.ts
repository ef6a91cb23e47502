// The shared conformance suite against the FUTU gateway and the simulated OpenD over loopback TCP, trading the
// REAL HK account (so every connect and reconnect must unlock trading), in plain or encrypted mode (the same RSA
// key in the simulator and the gateway's key file). drop() is an OpenD restart: every connection closes, the port
// refuses connections and the trade unlock is lost until restore().
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { SimExchange } from '../../../src/sim/types.js';
import { FutuGateway } from '../../../gateways/futu/index.js';
import { startFutuSimulator, type FutuSimulator } from '../../../gateways/futu/sim/index.js';
import { runConformance } from '../../conformance/suite.js';
import { realSetting, tempRsaKey } from './engine.js';

const REAL_ACC = '281756455988880';

export function futuConformance(encrypted: boolean): void {
  let sim: FutuSimulator;
  let exchange: SimExchange;
  let key: ReturnType<typeof tempRsaKey> | undefined;
  runConformance({
    gatewayClass: FutuGateway,
    instrument: {
      symbol: '00700',
      exchange: Exchange.SEHK,
      openOffset: Offset.NONE,
      restingBuyPrice: 300,
      volume: 200,
      // A multiple of the contract's finest step (0.001) but not of HKEX's 0.2 at 300: the spread table refuses it.
      offTickPrice: 300.1,
    },
    start: async () => {
      key = encrypted ? tempRsaKey() : undefined;
      ({ sim, exchange } = await startFutuSimulator({
        seed: 11,
        tickRate: 0,
        ...(key ? { rsaKey: key.key } : {}),
      }));
      return realSetting(sim, { rsaKeyFile: key?.file ?? '' });
    },
    stop: async () => {
      exchange.stop();
      await sim.stop();
      key?.remove();
    },
    fill: async (direction, price, volume) =>
      exchange.crossFromMarket('HK.00700', direction === Direction.SHORT ? 'SELL' : 'BUY', price, volume),
    rejectNext: async () => sim.rejectNext(REAL_ACC, 'Insufficient buying power (simulated)'),
    drop: () => sim.restart(),
    fillWhileDown: async (direction, price, volume) =>
      exchange.crossFromMarket('HK.00700', direction === Direction.SHORT ? 'SELL' : 'BUY', price, volume),
    restore: () => sim.resume(),
  });
}
