// Test-side handle on the simulated CTP library: builds a variant with g++ (cached under
// test/gateways/ctp/build) and drives it over its control socket (the library itself runs in the gateway's
// native host process).
import path from 'node:path';
import { buildSim, type SimVariant } from '../../../gateways/ctp/sim/build.js';
import { Direction, Exchange, Offset, OrderType } from '../../../src/core/constant.js';
import type { OrderRequest } from '../../../src/core/object.js';
import type { ConformanceTarget } from '../../conformance/target.js';
import { nativeSimTarget, startNativeSim, type NativeSim } from '../../helpers/sim-levers.js';

export const BUILD_DIR = path.resolve('test/gateways/ctp/build');

export type CtpSim = NativeSim;

export function startSim(variant: SimVariant): Promise<CtpSim> {
  return startNativeSim('CTPSIM_CONTROL', buildSim(variant, BUILD_DIR), (library) => ({
    username: '00001',
    password: 'pw-secret-123',
    brokerid: '9999',
    td_address: 'tcp://127.0.0.1:1',
    md_address: 'tcp://127.0.0.1:2',
    product_info: 'vnt_test_app',
    auth_code: 'auth-secret-456',
    td_library: library,
    md_library: library,
    flow_dir: path.join(BUILD_DIR, 'flow'),
    query_interval_ms: 20,
  }));
}

/** An order for rb2501 on SHFE, as the Ftdc gateway tests place them: buy 1 at 3400 to open (it rests). */
export const rb2501Order = (o: Partial<OrderRequest> = {}): OrderRequest => ({
  symbol: 'rb2501',
  exchange: Exchange.SHFE,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 1,
  price: 3400,
  offset: Offset.OPEN,
  ...o,
});

/**
 * The conformance target for a gateway of the Ftdc family (CTP, MINI, FEMAS) against its simulated library:
 * rb2501 on SHFE (a buy at 3400 rests) with frozen prices, queries faster than 10 ms answered -3 (the gateway
 * must pace and retry), fills and link drops through the control socket. `reject` is the reject-next
 * command and the text the rejection carries.
 */
export function ftdcTarget(
  gatewayClass: ConformanceTarget['gatewayClass'],
  start: () => Promise<NativeSim>,
  reject: [command: string, expected: string],
): ConformanceTarget {
  return nativeSimTarget({
    gatewayClass,
    instrument: {
      symbol: 'rb2501',
      exchange: Exchange.SHFE,
      openOffset: Offset.OPEN,
      restingBuyPrice: 3400,
      volume: 4,
      offTickPrice: 3400.5,
    },
    start,
    prepare: ['query_limit_ms 10', 'tick_interval_us 100000'],
    // "fill L": a participant selling into resting longs; "fill S" the reverse.
    levers: { sides: { buy: 'S', sell: 'L' }, reject, drop: 'disconnect', restore: 'restore' },
  });
}

/** The CTP family's target (CTP, MINI) against one simulated library variant. */
export function ctpFamilyTarget(
  gatewayClass: ConformanceTarget['gatewayClass'],
  variant: SimVariant,
): ConformanceTarget {
  return ftdcTarget(gatewayClass, () => startSim(variant), [
    'reject_next 31 CTP:资金不足',
    '[31] CTP:资金不足',
  ]);
}
