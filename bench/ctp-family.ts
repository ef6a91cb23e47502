// Market data of a CTP-family gateway (CTP, MINI): ticks/s from the simulated library's own thread through
// the koffi SPI (in the native host process), the batched IPC transfer to the console and the gateway's
// parsing into the event engine — beside the raw rate of a koffi callback from a foreign thread into the
// main thread, measured in the same run. Also checks that no tick is lost (the simulator numbers them) and
// how late the console's event loop runs while the feed is on.
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Exchange } from '../src/core/constant.js';
import { MainEngine } from '../src/core/engine.js';
import { buildSim, type SimVariant } from '../gateways/ctp/sim/build.js';
import { SimControl } from '../bindings/native/sim-control.js';
import { reportTicks, subscribeAll, tickBurst } from './native-gateway.js';
import { rawCallbackRate } from './raw-koffi.js';
import { report } from './report.js';

/** Runs the tick benchmark for one gateway class against one simulated library; figures named `prefix.*`. */
export async function benchCtpFamilyTicks(
  prefix: string,
  name: string,
  gatewayClass: Parameters<MainEngine['addGateway']>[0],
  variant: SimVariant,
): Promise<void> {
  const N = 100_000;
  const lib = await buildSim(variant, path.resolve('test/gateways/ctp/build'));
  // Baseline: the bare foreign-thread callback round trip into this (main) thread.
  const rawRate = await rawCallbackRate(lib, 'ctpsim_raw_burst', N);

  const ctl = await SimControl.listen();
  Object.assign(process.env, ctl.env);
  const me = new MainEngine({ log: false });
  me.addGateway(gatewayClass, name);
  await me.connect(
    {
      username: 'bench',
      password: 'x',
      brokerid: '9999',
      td_address: 'tcp://127.0.0.1:1',
      md_address: 'tcp://127.0.0.1:2',
      product_info: 'bench',
      auth_code: 'x',
      td_library: lib,
      md_library: lib,
      flow_dir: path.resolve('test/gateways/ctp/build/flow-bench'),
      query_interval_ms: 1000,
    },
    name,
  );
  await subscribeAll(
    me,
    name,
    ['rb2501', 'sc2503', 'IF2501', 'm2505'].map((symbol) => ({ symbol, exchange: Exchange.SHFE })),
  );

  // The loop-delay histogram's floor is its own 10 ms sampling period: measure it idle for the same time.
  const idle = monitorEventLoopDelay({ resolution: 10 });
  idle.enable();
  await new Promise((r) => setTimeout(r, 2000));
  idle.disable();

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // The simulator numbers its ticks in Volume: tickBurst counts the lost and the reordered.
  const ticks = await tickBurst(me, N, () => void ctl.send(`burst ${N}`));
  delay.disable();
  await me.close();
  await ctl.close();

  reportTicks(prefix, ticks, N, rawRate);
  report({
    bench: `${prefix}.loop-delay.p99`,
    value: delay.percentile(99) / 1e6,
    unit: 'ms',
    baseline: idle.percentile(99) / 1e6,
    baselineName: 'same histogram with the feed idle',
    max: Math.round(delay.max / 1e4) / 100,
  });
}
