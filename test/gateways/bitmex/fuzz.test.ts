// Seeded fuzzing of what the BitMEX realtime link can deliver to a connected gateway, through the simulator's
// real loopback socket: text that is not JSON, frames of the wrong shape, rows with one field broken, updates
// of unknown rows, and the same fill twice. The process lives, problems are logged, no trade is pushed twice
// or from a broken row, and the gateway still trades afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, LogLevel, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { TradeData } from '../../../src/core/object.js';
import { BitmexGateway } from '../../../gateways/bitmex/index.js';
import { startBitmexSim } from '../../../gateways/bitmex/sim/server.js';
import { FuzzRng, type Json } from '../../helpers/fuzz.js';
import { settle, until } from '../../helpers/wait.js';
import { settingFor } from './target.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 19;

function execution(o: Record<string, Json> = {}): { [k: string]: Json } {
  return {
    execID: 'e0000000-0000-0000-0000-000000000001',
    orderID: 'f0000000-0000-0000-0000-000000000001',
    clOrdID: 'foreign-1',
    account: 2170,
    symbol: 'XBTUSD',
    side: 'Buy',
    lastQty: 100,
    lastPx: 90000,
    execType: 'Trade',
    ordStatus: 'PartiallyFilled',
    cumQty: 100,
    timestamp: '2026-12-02T08:00:00.000Z',
    ...o,
  };
}

test(`broken frames (seed ${SEED}) are logged and skipped; one fill pushed once; trading continues`, async () => {
  const sim = await startBitmexSim({ seed: 5, tickRate: 50, volatility: 0 });
  const me = new MainEngine({ log: false });
  const trades: TradeData[] = [];
  const warnings: string[] = [];
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('log', (e) => {
    if (e.data.level >= LogLevel.WARNING) warnings.push(e.data.msg);
  });
  me.addGateway(BitmexGateway, 'BITMEX');
  try {
    await me.connect(settingFor(sim), 'BITMEX');
    me.subscribe({ symbol: 'XBTUSD', exchange: Exchange.BITMEX }, 'BITMEX');
    await until(() => me.getTick('XBTUSD.BITMEX') !== undefined, 'a tick');
    const rng = new FuzzRng(SEED);
    const tables = [
      'orderBookL2_25',
      'order',
      'execution',
      'position',
      'margin',
      'wallet',
      'trade',
      'quote',
      'instrument',
    ];
    for (let i = 0; i < 300; i++) {
      const kind = rng.int(0, 5);
      if (kind === 0) sim.sendRaw(rng.bytes(rng.int(1, 40)).toString('latin1'));
      else if (kind === 1) sim.sendRaw(JSON.stringify(rng.json()));
      else if (kind === 2) {
        sim.sendRaw(
          JSON.stringify({
            table: rng.pick(tables),
            action: rng.pick(['partial', 'insert', 'update', 'delete', 'x']),
            data: [rng.json()],
          }),
        );
      } else if (kind === 3) {
        sim.sendRaw(
          JSON.stringify({
            table: 'execution',
            action: 'insert',
            data: [rng.mutate(execution({ execID: `bad-${i}` }))],
          }),
        );
      } else if (kind === 4) {
        sim.sendRaw(
          JSON.stringify({
            table: 'orderBookL2_25',
            action: rng.pick(['update', 'delete']),
            data: [{ symbol: 'XBTUSD', id: rng.int(1, 1e9), side: 'Buy', size: rng.int(1, 100) }],
          }),
        );
      } else {
        sim.sendRaw('pong');
      }
    }
    // The same valid fill, twice.
    const fill = JSON.stringify({ table: 'execution', action: 'insert', data: [execution()] });
    sim.sendRaw(fill);
    sim.sendRaw(fill);
    await settle(me.eventEngine);
    await until(
      () => trades.some((t) => t.tradeid === 'e0000000-0000-0000-0000-000000000001'),
      'the valid fill',
    );
    await settle(me.eventEngine);
    assert.is(
      trades.filter((t) => t.tradeid === 'e0000000-0000-0000-0000-000000000001').length,
      1,
      'pushed once',
    );
    for (const t of trades) {
      assert.ok(
        Number.isFinite(t.price) && t.price > 0 && Number.isFinite(t.volume) && t.volume > 0,
        'every trade is sane',
      );
    }
    assert.ok(warnings.length > 0, 'problems were logged');
    const id = me.sendOrder(
      {
        symbol: 'XBTUSD',
        exchange: Exchange.BITMEX,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        price: 90000,
        volume: 100,
        offset: Offset.NONE,
      },
      'BITMEX',
    );
    await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'an order after the fuzzing');
    await until(() => me.getTick('XBTUSD.BITMEX')!.bidPrice1 > 0, 'a live book after the fuzzing');
  } finally {
    await me.close();
    await sim.close();
  }
});

test.run();
