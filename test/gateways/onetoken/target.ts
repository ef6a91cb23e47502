// The ONETOKEN gateway and `vnt sim onetoken` as a conformance target (huobip spot, btc.usdt).
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { OnetokenGateway } from '../../../gateways/onetoken/index.js';
import {
  startOnetokenSim,
  type OnetokenSim,
  type OnetokenSimOptions,
} from '../../../gateways/onetoken/sim/server.js';
import type { ConformanceTarget } from '../../conformance/target.js';

export function settingFor(sim: OnetokenSim, exchange = 'HUOBIP'): GatewaySetting {
  return {
    key: sim.credentials.key,
    secret: sim.credentials.secret,
    exchange,
    account: sim.credentials.account,
    sessions: 3,
    front: 'GLOBAL',
    restUrl: sim.restUrl,
    wsUrl: sim.wsUrl,
    proxyHost: '',
    proxyPort: 0,
    pingMs: 200,
  };
}

/** A simulator whose synthetic market holds its prices still, for tests that place resting orders. */
export function quietSim(extra: OnetokenSimOptions = {}): Promise<OnetokenSim> {
  return startOnetokenSim({ seed: 7, tickRate: 50, volatility: 0, ...extra });
}

export function onetokenTarget(): ConformanceTarget {
  let sim: OnetokenSim;
  const ex = () => sim.exchanges.get('huobip')!;
  const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');
  return {
    gatewayClass: OnetokenGateway,
    instrument: {
      symbol: 'btc.usdt',
      exchange: Exchange.HUOBI,
      openOffset: Offset.NONE,
      // The book sits around 96500 and holds still (volatility 0), so 90000 rests.
      restingBuyPrice: 90000,
      volume: 0.002,
      offTickPrice: 90000.005,
    },
    start: async () => {
      sim = await quietSim();
      return settingFor(sim);
    },
    stop: () => sim.close(),
    fill: async (direction, price, volume) =>
      ex().crossFromMarket('btc.usdt', side(direction), price, volume),
    rejectNext: async () => {
      sim.rejectNext('exg-place-order-no-money', 'insufficient balance in the account');
      return 'exg-place-order-no-money';
    },
    drop: async () => sim.setReachable(false),
    fillWhileDown: async (direction, price, volume) =>
      ex().crossFromMarket('btc.usdt', side(direction), price, volume),
    restore: async () => sim.setReachable(true),
  };
}
