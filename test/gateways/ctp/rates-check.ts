// The margin and fee rates of the CTP family (CTP, MINI) against a simulated library: after login the gateway
// asks the counter for the rates of the contracts in use (held, subscribed) and of no other, maps them onto
// the contract, and the info panel shows them. The simulator's figures are in ctpsim.cpp's rate table.
import * as assert from 'uvu/assert';
import { Exchange } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { BaseGateway } from '../../../src/core/gateway.js';
import type { LogData } from '../../../src/core/object.js';
import { contractInfo } from '../../../src/ui/contract-info.js';
import { NO_LIMITS } from '../../../src/ui/order-limits.js';
import { until } from '../../helpers/wait.js';
import type { SimVariant } from '../../../gateways/ctp/sim/build.js';
import { startSim } from './sim.js';

type GatewayClass = Parameters<MainEngine['addGateway']>[0] & (new (...a: never[]) => BaseGateway);

export async function checkRates(
  gatewayClass: GatewayClass,
  name: string,
  variant: SimVariant,
): Promise<void> {
  const sim = await startSim(variant);
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  try {
    await sim.control('position m2505 S 1 2 2900');
    me.addGateway(gatewayClass, name);
    await me.connect(sim.setting(), name);
    me.subscribe({ symbol: 'IF2501', exchange: Exchange.CFFEX }, name);
    me.subscribe({ symbol: 'SR505', exchange: Exchange.CZCE }, name);
    // Subscribing again asks nothing more.
    me.subscribe({ symbol: 'IF2501', exchange: Exchange.CFFEX }, name);
    const contract = (vt: string) => me.getContract(vt, name)!;
    const known = (vt: string) => !!contract(vt).marginRatio && !!contract(vt).commission;
    await until(() => ['m2505.DCE', 'IF2501.CFFEX', 'SR505.CZCE'].every(known), 'rates of the three');

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
    // Margin charged by volume only.
    assert.equal(contract('SR505.CZCE').marginRatio, {
      long: 0,
      short: 0,
      longPerLot: 800,
      shortPerLot: 800,
    });

    const info = (vt: string) => contractInfo(me, contract(vt), NO_LIMITS);
    assert.is(info('m2505.DCE')['Margin'], '8% of notional');
    assert.is(info('m2505.DCE')['Fees'], '1.5 CNY per lot');
    assert.is(
      info('IF2501.CFFEX')['Fees'],
      'open 0.0023% of turnover; close 0.0023% of turnover; close today 0.023% of turnover',
    );
    assert.is(info('SR505.CZCE')['Margin'], '800 CNY per lot');
    assert.is(info('SR505.CZCE')['Fees'], 'open 3 CNY per lot; close 3 CNY per lot; close today none');

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
