// The venue side of bench/wire.bench.ts, in a process of its own so that its flood does not share the
// measuring process's event loop: the simulated exchange (SIM) pushing ticks over 200 contracts, and a probe
// contract (PROBE.LOCAL) whose ticks the bench places one at a time, all served over the RPC service on
// loopback. stdin takes one command a line; stdout answers one line each:
//   probe <d>  → a PROBE tick with every price at the digit d repeated (ddddddd), sent at once;
//                answers "sent <d> <monotonic ns>" with the time it went onto the bus
//   stats      → "stats <ticks put on the bus so far> <ticks the RPC sessions coalesced>"
// Usage: node wire-feed.js <trader-dir> (connect_sim.json in it says the rate and instruments).
import readline from 'node:readline';
import { Exchange, Product } from '../src/core/constant.js';
import { BaseGateway } from '../src/core/gateway.js';
import { createContract, createTick, type OrderRequest, type SubscribeRequest } from '../src/core/object.js';
import type { SettingSchema } from '../src/core/setting-schema.js';
import { bootstrap } from '../src/cli/bootstrap.js';
import { getRpcEngine } from '../src/rpc/engine.js';
import { SimGateway } from '../gateways/sim/index.js';
import { GatewayStatus } from '../src/core/constant.js';

export const PROBE_SYMBOL = 'PROBE';

/** Lists the probe contract and sends the ticks it is told to; takes no orders. */
class ProbeGateway extends BaseGateway {
  static override readonly defaultName = 'PROBE';
  static override readonly defaultSetting: SettingSchema = {};
  static override readonly exchanges = [Exchange.LOCAL];

  connect(): Promise<void> {
    this.onContract(
      createContract({
        gatewayName: this.gatewayName,
        symbol: PROBE_SYMBOL,
        exchange: Exchange.LOCAL,
        name: 'wire probe',
        product: Product.SPOT,
        size: 1,
        pricetick: 1,
      }),
    );
    this.setStatus(GatewayStatus.CONNECTED);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  subscribe(_req: SubscribeRequest): void {}

  sendOrder(_req: OrderRequest): string {
    throw new Error('the probe takes no orders');
  }

  cancelOrder(): void {}

  /** Every price of the tick is `price`, so that whichever the screen shows, it shows this one. */
  probe(price: number): void {
    this.onTick(
      createTick({
        gatewayName: this.gatewayName,
        symbol: PROBE_SYMBOL,
        exchange: Exchange.LOCAL,
        datetime: Date.now(),
        name: 'wire probe',
        lastPrice: price,
        bidPrice1: price,
        askPrice1: price,
        bidVolume1: 1,
        askVolume1: 1,
        volume: 1,
      }),
    );
  }
}

const traderDir = process.argv[2];
if (!traderDir) throw new Error('usage: wire-feed <trader-dir>');
const { mainEngine, traderDir: dir } = bootstrap({ traderDir, logTo: null });
const ticks = { count: 0 };
mainEngine.eventEngine.register('tick', () => void ticks.count++);
mainEngine.addGateway(SimGateway, 'SIM');
const probe = mainEngine.addGateway(ProbeGateway, 'PROBE');
await mainEngine.connect(dir.loadGatewaySetting('SIM', SimGateway.defaultSetting), 'SIM');
await mainEngine.connect({}, 'PROBE');
const rpc = getRpcEngine(mainEngine);
const url = await rpc.start({ port: 0, tokenDir: dir.root });
process.stdout.write(`url ${url}\n`);

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === 'probe') {
    const digit = Number(arg);
    const t = process.hrtime.bigint();
    probe.probe(Number(String(digit).repeat(7)));
    process.stdout.write(`sent ${digit} ${t}\n`);
  } else if (command === 'stats') {
    process.stdout.write(`stats ${ticks.count} ${rpc.coalescedTicks}\n`);
  } else if (command === 'quit') {
    void rpc
      .stop()
      .then(() => mainEngine.close())
      .then(() => process.exit(0));
  }
});
