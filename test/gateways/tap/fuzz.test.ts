// Seeded fuzz: broken TAP notify records — packed TapAPI* structs decoded from random bytes, as a damaged or
// mismatched library would deliver them, often with a real exchange, commodity, contract and a foreign
// order number laid over them — driven through the connected gateway's own event routing (the native
// host's dispatch) on every trade and quote callback that carries data, while a real order rests and is
// filled in two parts by the simulated counter. Nothing may escape as an exception, no NaN may reach a
// pushed object, the real order and both its fills arrive (each once), and the gateway still trades
// afterwards. A failing case replays from its seed (VNT_FUZZ_SEED).
import { test } from 'uvu';
import { Direction, Exchange, Offset, OrderType } from '../../../src/core/constant.js';
import type { OrderRequest } from '../../../src/core/object.js';
import { NOTIFY, QUOTE_NOTIFY } from '../../../bindings/tap/hosted.js';
import type { TapEvent } from '../../../bindings/tap/protocol.js';
import { quoteStructs, tradeStructs } from '../../../bindings/tap/structs.js';
import type { QuoteCallback, TradeCallback } from '../../../bindings/tap/versions.js';
import { TapGateway } from '../../../gateways/tap/index.js';
import { FuzzRng } from '../../helpers/fuzz.js';
import { fuzzAroundRealFills, randomRecord, type RecordReader } from '../../helpers/native-fuzz.js';
import { startSim } from './target.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 20261203;

// The link's own callbacks (connect, ready, disconnect) change the link, not data: the reconnect tests drive
// those.
const LINK = /^On(Connect|APIReady|Disconnect)$/;
const readers = { ...tradeStructs(), ...quoteStructs() } as unknown as Record<string, RecordReader>;
const CALLBACKS = [
  ...(Object.keys(NOTIFY) as TradeCallback[]).map((name) => ({
    api: 'trade' as const,
    name,
    struct: NOTIFY[name][1],
  })),
  ...(Object.keys(QUOTE_NOTIFY) as QuoteCallback[]).map((name) => ({
    api: 'quote' as const,
    name,
    struct: QUOTE_NOTIFY[name][1],
  })),
].filter((c) => !LINK.test(c.name));

const order = (o: Partial<OrderRequest>): OrderRequest => ({
  symbol: 'GC2612',
  exchange: Exchange.COMEX,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 1,
  price: 1990,
  offset: Offset.NONE,
  ...o,
});

test(`seed ${SEED}: 3000 broken notify records around a real order filled in two parts`, async () => {
  const sim = await startSim();
  const rng = new FuzzRng(SEED);
  // Fields that let a broken record pass the first checks: a listed contract, a foreign order number.
  const valid = {
    ExchangeNo: 'COMEX',
    CommodityType: 'F',
    CommodityNo: 'GC',
    ContractNo: '2612',
    ContractNo1: '2612',
    CallOrPutFlag: 'N',
    CallOrPutFlag1: 'N',
    AccountNo: 'T001',
    OrderNo: 'FOREIGN0001',
  };
  await fuzzAroundRealFills<TapEvent>({
    sim,
    gatewayClass: TapGateway,
    subscribe: { symbol: 'GC2612', exchange: Exchange.COMEX },
    sdk: 'TAP',
    broken: () => {
      const c = rng.pick(CALLBACKS);
      const base = {
        sessionId: rng.int(0, 9),
        errorCode: rng.bool(0.7) ? 0 : rng.pick([-12, 10001, rng.int(-100, 100000)]),
        isLast: rng.bool(),
        data: c.struct ? randomRecord(rng, readers[c.struct]!, valid) : null,
        text: rng.nastyString(),
        action: rng.pick(['1', '2', '3', rng.nastyString()]),
      };
      return c.api === 'trade'
        ? { ...base, api: c.api, name: c.name }
        : { ...base, api: c.api, name: c.name };
    },
    resting: order({ volume: 3 }),
    crossing: order({ price: 2001 }),
    // "fill B": a counterparty sells into resting buys.
    fill: (volume) => sim.control(`fill B 1990 ${volume}`),
  });
});

test.run();
