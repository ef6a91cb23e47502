// A MainEngine with one FUTU gateway connected to a simulated OpenD on loopback, recording what it pushes.
import { MainEngine } from '../../../src/core/engine.js';
import type { AnyEvent } from '../../../src/core/event.js';
import type { GatewayStatus } from '../../../src/core/constant.js';
import type { LogData, OrderData, TradeData } from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { FutuGateway } from '../../../gateways/futu/index.js';
import { FUTU_SIM_PASSWORD, type FutuSimulator } from '../../../gateways/futu/sim/index.js';

export class Seen {
  readonly logs: LogData[] = [];
  readonly statuses: GatewayStatus[] = [];
  readonly orders: OrderData[] = [];
  readonly trades: TradeData[] = [];
  readonly handle = (e: AnyEvent): void => {
    if (e.type === 'log') this.logs.push(e.data);
    else if (e.type === 'gateway') this.statuses.push(e.data.status);
    else if (e.type === 'order') this.orders.push({ ...e.data });
    else if (e.type === 'trade') this.trades.push(e.data);
  };
  logText(): string {
    return this.logs.map((l) => l.msg).join('\n');
  }
  last(vtOrderid: string): OrderData | undefined {
    return this.orders.filter((o) => o.vtOrderid === vtOrderid).pop();
  }
}

export function realSetting(sim: FutuSimulator, extra: GatewaySetting = {}): GatewaySetting {
  return {
    host: '127.0.0.1',
    port: sim.port,
    password: FUTU_SIM_PASSWORD,
    market: 'HK',
    env: 'REAL',
    rsaKeyFile: '',
    ...extra,
  };
}

export async function connectFutu(setting: GatewaySetting): Promise<{ me: MainEngine; seen: Seen }> {
  const me = new MainEngine({ log: false });
  const seen = new Seen();
  me.eventEngine.registerGeneral(seen.handle);
  me.addGateway(FutuGateway, 'FUTU');
  try {
    await me.connect(setting, 'FUTU');
  } catch (error) {
    await me.close();
    throw error;
  }
  return { me, seen };
}
