// The margin and fee rates of the Ftdc gateways (CTP, MINI, FEMAS) against a simulated library: after login
// the gateway asks the counter for the rates of the contracts in use (held, subscribed) and of no other, maps
// them onto the contract, and the info panel shows them. The simulators' figures are ftdcsim.h's rate table.
import * as assert from 'uvu/assert';
import { Exchange } from '../../../src/core/constant.js';
import type { NativeSim } from '../../helpers/sim-levers.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { BaseGateway } from '../../../src/core/gateway.js';
import type { ContractData, LogData } from '../../../src/core/object.js';
import { contractInfo } from '../../../src/ui/contract-info.js';
import { NO_LIMITS } from '../../../src/ui/order-limits.js';
import { until } from '../../helpers/wait.js';
import type { SimVariant } from '../../../gateways/ctp/sim/build.js';
import { startSim } from './sim.js';

type GatewayClass = Parameters<MainEngine['addGateway']>[0] & (new (...a: never[]) => BaseGateway);

/** A subscribed contract charged by volume, and what the info panel says of it. */
export interface ByVolume {
  symbol: string;
  exchange: Exchange;
  margin?: ContractData['marginRatio'];
  info: { Margin: string; Fees: string };
}

/** SR505 (CTP's simulated counter lists it): margin per lot, fees per lot, closing today free. */
const SR505: ByVolume = {
  symbol: 'SR505',
  exchange: Exchange.CZCE,
  margin: { long: 0, short: 0, longPerLot: 800, shortPerLot: 800 },
  info: { Margin: '800 CNY per lot', Fees: 'open 3 CNY per lot; close 3 CNY per lot; close today none' },
};

export async function checkRates(
  gatewayClass: GatewayClass,
  name: string,
  simulator: SimVariant | (() => Promise<NativeSim>),
  byVolume: ByVolume = SR505,
): Promise<void> {
  const sim = typeof simulator === 'function' ? await simulator() : await startSim(simulator);
  const third = `${byVolume.symbol}.${byVolume.exchange}`;
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  try {
    await sim.control('position m2505 S 1 2 2900');
    me.addGateway(gatewayClass, name);
    await me.connect(sim.setting(), name);
    me.subscribe({ symbol: 'IF2501', exchange: Exchange.CFFEX }, name);
    me.subscribe({ symbol: byVolume.symbol, exchange: byVolume.exchange }, name);
    // Subscribing again asks nothing more.
    me.subscribe({ symbol: 'IF2501', exchange: Exchange.CFFEX }, name);
    const contract = (vt: string) => me.getContract(vt, name)!;
    const known = (vt: string) => !!contract(vt).marginRatio && !!contract(vt).commission;
    await until(() => ['m2505.DCE', 'IF2501.CFFEX', third].every(known), 'rates of the three');

    // Held: margin by money, fees per lot, the same for every kind of close (the row names the product "m").
    assert.equal(contract('m2505.DCE').marginRatio, { long: 0.08, short: 0.08 });
    assert.equal(contract('m2505.DCE').commission, {
      rate: 0,
      perLot: 1.5,
      close: { rate: 0, perLot: 1.5 },
      closeToday: { rate: 0, perLot: 1.5 },
    });
    // Subscribed: closing today's position costs ten times as much.
    assert.equal(contract('IF2501.CFFEX').commission!.closeToday, { rate: 0.00023, perLot: 0 });
    if (byVolume.margin) assert.equal(contract(third).marginRatio, byVolume.margin);

    const info = (vt: string) => contractInfo(me, contract(vt), NO_LIMITS);
    assert.is(info('m2505.DCE')['Margin'], '8% of notional');
    assert.is(info('m2505.DCE')['Fees'], '1.5 CNY per lot');
    assert.is(
      info('IF2501.CFFEX')['Fees'],
      'open 0.0023% of turnover; close 0.0023% of turnover; close today 0.023% of turnover',
    );
    assert.is(info(third)['Margin'], byVolume.info.Margin);
    assert.is(info(third)['Fees'], byVolume.info.Fees);

    // Neither held nor subscribed nor traded: never asked (the counter allows one query a second).
    me.getGateway(name).queryAccount();
    await until(() => logs.some((l) => /sync complete/.test(l.msg)), 'the sync');
    assert.is(contract('rb2501.SHFE').marginRatio, undefined);
    assert.is(info('rb2501.SHFE')['Margin'], '—');
    const warnings = logs.filter((l) => /not sent|no .* query in flight|query failed/.test(l.msg));
    assert.equal(warnings, [], 'no refused, failed or stray query');
  } finally {
    if (me.eventEngine.isActive) await me.close();
  }
}
