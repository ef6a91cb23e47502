// Seeded fuzz: broken FEMAS records — CUstpFtdc* structs decoded from random bytes, as a damaged or
// mismatched library would deliver them, often with a real symbol, exchange and order id laid over them —
// driven through the connected gateway's own event routing on every callback vnt handles, while a real
// order rests and is filled in two parts through the simulated library. Nothing may escape as an exception,
// no NaN may reach a pushed object, the real order and both its trades arrive (each trade once), and the
// gateway still trades afterwards. A failing case replays from its seed (VNT_FUZZ_SEED).
import { test } from 'uvu';
import { Exchange } from '../../../src/core/constant.js';
import type { FtdcEvent } from '../../../bindings/native/ftdc.js';
import { MD_SLOTS, TRADER_SLOTS } from '../../../bindings/femas/hosted.js';
import { femasStructs, type FemasStructName } from '../../../bindings/femas/structs.js';
import { FemasGateway } from '../../../gateways/femas/index.js';
import { FuzzRng } from '../../helpers/fuzz.js';
import { fuzzAroundRealFills, randomRecord } from '../../helpers/native-fuzz.js';
import { rb2501Order } from '../ctp/sim.js';
import { startFemasSim } from './sim.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 20250103;

// Every data callback of both APIs (the link's connected/disconnected carry no record).
const CALLBACKS = [
  ...Object.entries(TRADER_SLOTS).map(([name, [, struct]]) => ({ api: 'td' as const, name, struct })),
  ...Object.entries(MD_SLOTS).map(([name, [, struct]]) => ({ api: 'md' as const, name, struct })),
].filter((c) => !/^OnFront/.test(c.name));

test(`seed ${SEED}: 3000 broken records around a real order filled in two parts`, async () => {
  const sim = await startFemasSim();
  const rng = new FuzzRng(SEED);
  const structs = femasStructs();
  // Fields that let a broken record pass the first checks: a known contract, a foreign order's local id.
  const valid = { InstrumentID: 'rb2501', ExchangeID: 'SHFE', UserOrderLocalID: '000000000900' };
  await fuzzAroundRealFills<FtdcEvent>({
    sim,
    gatewayClass: FemasGateway,
    subscribe: { symbol: 'rb2501', exchange: Exchange.SHFE },
    sdk: 'FEMAS',
    broken: () => {
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
    },
    resting: rb2501Order({ volume: 3 }),
    crossing: rb2501Order({ price: 3501 }),
    // "fill L": a counterparty sells into resting buys.
    fill: (volume) => sim.control(`fill L 3400 ${volume}`),
  });
});

test.run();
