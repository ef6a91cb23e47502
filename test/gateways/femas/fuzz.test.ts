// Seeded fuzz: broken FEMAS records — CUstpFtdc* structs decoded from random bytes, as a damaged or
// mismatched library would deliver them, often with a real symbol, exchange and order id laid over them —
// driven through the connected gateway's own event routing on every callback vnt handles, while a real
// order rests and is filled in two parts through the simulated library. Nothing may escape as an exception,
// no NaN may reach a pushed object, the real order and both its trades arrive (each trade once), and the
// gateway still trades afterwards. A failing case replays from its seed (VNT_FUZZ_SEED).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange, GatewayStatus, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { TradeData } from '../../../src/core/object.js';
import type { FtdcEvent } from '../../../bindings/native/ftdc.js';
import { MD_SLOTS, TRADER_SLOTS } from '../../../bindings/femas/hosted.js';
import { femasStructs, type FemasStructName } from '../../../bindings/femas/structs.js';
import { FemasGateway } from '../../../gateways/femas/index.js';
import { FuzzRng } from '../../helpers/fuzz.js';
import { nativeHostOf, randomRecord, watchDamage } from '../../helpers/native-fuzz.js';
import { until } from '../../helpers/wait.js';
import { rb2501Order } from '../ctp/sim.js';
import { startFemasSim } from './sim.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 20250103;

// Every data callback of both APIs (the link's connected/disconnected carry no record).
const CALLBACKS = [
  ...Object.entries(TRADER_SLOTS).map(([name, [, struct]]) => ({ api: 'td' as const, name, struct })),
  ...Object.entries(MD_SLOTS).map(([name, [, struct]]) => ({ api: 'md' as const, name, struct })),
].filter((c) => !/^OnFront/.test(c.name));

const order = rb2501Order;

test(`seed ${SEED}: 3000 broken records around a real order filled in two parts`, async () => {
  const sim = await startFemasSim();
  const me = new MainEngine({ log: false });
  const bad = watchDamage(me, 'FEMAS');
  const trades: TradeData[] = [];
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.addGateway(FemasGateway, 'FEMAS');
  try {
    await me.connect(sim.setting(), 'FEMAS');
    me.subscribe({ symbol: 'rb2501', exchange: Exchange.SHFE }, 'FEMAS');
    const resting = me.sendOrder(order({ volume: 3 }), 'FEMAS');
    await until(() => me.getOrder(resting)?.status === Status.NOTTRADED, 'the real order rests');

    const host = nativeHostOf<FtdcEvent>(me.getGateway('FEMAS'));
    const rng = new FuzzRng(SEED);
    const structs = femasStructs();
    // Fields that let a broken record pass the first checks: a known contract, a foreign order's local id.
    const valid = { InstrumentID: 'rb2501', ExchangeID: 'SHFE', UserOrderLocalID: '000000000900' };
    const broken = (): FtdcEvent => {
      const c = rng.pick(CALLBACKS);
      return {
        api: c.api,
        name: c.name,
        data: c.struct ? randomRecord(rng, structs[c.struct as FemasStructName], valid) : null,
        info: rng.bool(0.3) ? { ErrorID: rng.int(-5, 5), ErrorMsg: rng.nastyString() } : null,
        requestId: rng.int(0, 9),
        isLast: rng.bool(),
        reason: 0,
      };
    };
    // Small batches with a turn of the event loop between them, so the real pushes land in between.
    const fuzz = async (n: number) => {
      for (let i = 0; i < n; i += 20) {
        host.dispatch(Array.from({ length: 20 }, broken));
        await new Promise((r) => setImmediate(r));
      }
    };
    const own = () => trades.filter((t) => t.vtOrderid === resting);

    await Promise.all([sim.control('fill L 3400 1'), fuzz(1000)]);
    await until(() => own().length === 1, 'the first fill');
    await Promise.all([sim.control('fill L 3400 2'), fuzz(1000)]);
    await until(() => me.getOrder(resting)?.status === Status.ALLTRADED, 'the real order filled');
    await until(() => own().length === 2, 'the second fill');
    await fuzz(1000);
    me.eventEngine.drain();

    assert.equal(bad.slice(0, 5), [], 'no handler threw; no NaN or infinity in a pushed object');
    assert.is(me.getGateway('FEMAS').status, GatewayStatus.CONNECTED);
    assert.equal(
      own().map((t) => t.volume),
      [1, 2],
      'each real trade pushed once',
    );
    assert.is(me.getOrder(resting)!.traded, 3);
    const after = me.sendOrder(order({ price: 3501 }), 'FEMAS');
    await until(() => me.getOrder(after)?.status === Status.ALLTRADED, 'a new order still fills');
  } finally {
    await me.close();
    await sim.stop();
  }
});

test.run();
