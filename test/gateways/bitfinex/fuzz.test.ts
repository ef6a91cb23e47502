// Seeded fuzzing of a connected BITFINEX gateway: broken frames on the public and account channels (random
// JSON, real messages with fields replaced by nasty values, unknown channel ids, truncated text). Nothing may
// crash the process, put NaN into an order, trade or tick, or stop the gateway from trading afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { EventEngine, type AnyEvent } from '../../../src/core/event.js';
import type { OrderData, TickData, TradeData } from '../../../src/core/object.js';
import { BitfinexGateway } from '../../../gateways/bitfinex/index.js';
import { FuzzRng, type Json } from '../../helpers/fuzz.js';
import { until } from '../../helpers/wait.js';
import * as F from '../../fixtures/bitfinex-messages.js';
import { settingFor, startQuietSim } from './target.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 20261202;
const ROUNDS = 400;

function mutate(rng: FuzzRng, m: Json): Json {
  if (!Array.isArray(m) || rng.bool(0.15)) return rng.json();
  const copy = JSON.parse(JSON.stringify(m)) as Json[];
  const target = Array.isArray(copy[2]) ? (copy[2] as Json[]) : copy;
  const i = rng.int(0, Math.max(0, target.length - 1));
  target[i] = rng.pick<Json>([rng.nastyString(), rng.nastyNumber(), null, [], {}, rng.json(2)]);
  return copy;
}

test(`seed ${SEED}: broken frames are skipped and the gateway still trades`, async () => {
  const sim = await startQuietSim();
  const ee = new EventEngine();
  const orders = new Map<string, OrderData>();
  const trades: TradeData[] = [];
  const ticks: TickData[] = [];
  ee.registerGeneral((e: AnyEvent) => {
    if (e.type === 'order') orders.set(e.data.orderid, e.data);
    else if (e.type === 'trade') trades.push(e.data);
    else if (e.type === 'tick') ticks.push(e.data);
  });
  ee.start();
  const gw = new BitfinexGateway(ee, 'BITFINEX');
  await gw.connect(settingFor(sim));
  gw.subscribe({ symbol: 'BTCUSD', exchange: Exchange.BITFINEX });
  await until(() => ticks.length > 0, 'ticks');
  const rng = new FuzzRng(SEED);
  const account = [
    F.WS_ORDER_SNAPSHOT,
    F.WS_ORDER_CANCEL,
    F.WS_TRADE_EXECUTED,
    F.WS_TRADE_UPDATE,
    F.WS_WALLET_UPDATE,
    F.WS_WALLET_SNAPSHOT,
    F.WS_NOTIFICATION_ON_REQ,
    F.WS_POSITION_UPDATE,
  ];
  const chanIds = [100, 101, 102, 103, 104, 105];
  for (let i = 0; i < ROUNDS; i++) {
    if (rng.bool()) {
      const m = mutate(rng, rng.pick(account));
      sim.sendRaw('account', rng.bool(0.1) ? JSON.stringify(m).slice(0, rng.int(0, 20)) : JSON.stringify(m));
    } else {
      const payload = rng.pick<Json>([
        [rng.nastyNumber(), rng.nastyNumber(), rng.nastyNumber()],
        'cs',
        rng.json(2),
        [[1, 1]],
      ]);
      sim.sendRaw('public', JSON.stringify([rng.pick(chanIds), payload, rng.nastyNumber()]));
    }
    if (i % 50 === 0) await new Promise((r) => setImmediate(r));
  }
  const vt = gw.sendOrder({
    symbol: 'BTCUSD',
    exchange: Exchange.BITFINEX,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    price: 90000,
    volume: 0.002,
    offset: Offset.NONE,
  });
  const id = vt.split('.')[1]!;
  await until(() => orders.get(id)?.status === Status.NOTTRADED, 'an order after the fuzzing');
  const before = ticks.length;
  await until(() => ticks.length > before, 'ticks after the fuzzing');
  for (const o of orders.values()) {
    for (const v of [o.price, o.volume, o.traded])
      assert.ok(Number.isFinite(v), `order ${o.orderid} has ${v}`);
  }
  for (const t of trades) assert.ok(Number.isFinite(t.price) && t.volume > 0, `trade ${t.tradeid}`);
  for (const t of ticks) assert.ok(Number.isFinite(t.bidPrice1) && Number.isFinite(t.lastPrice));
  await gw.close();
  ee.stop();
  await sim.close();
});

test.run();
