// Seeded fuzz through the real binding: the simulated library delivers broken report and MDS messages —
// random message ids, bodies cut short of their documented size, random bytes, some with a real market and
// code so that they get past the first checks — in the same waits as the real reports of orders vnt sends.
// The console must not crash (the host neither), no handler may throw, no NaN may reach a pushed object, an
// unreadable message is logged once per kind, and every real order fills with its one trade: nothing lost,
// nothing twice. A failing case replays from its seed (VNT_FUZZ_SEED).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { AnyEvent } from '../../../src/core/event.js';
import type { TradeData } from '../../../src/core/object.js';
import { OesGateway } from '../../../gateways/oes/index.js';
import { until } from '../../helpers/wait.js';
import { startSim } from './target.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 20261203;
const ROUNDS = 12;
const PER_ROUND = 150;

test(`seed ${SEED}: ${ROUNDS * PER_ROUND} broken reports and MDS messages among real orders`, async () => {
  const sim = await startSim();
  const me = new MainEngine({ log: false });
  const bad: string[] = [];
  const trades: TradeData[] = [];
  const warnings: string[] = [];
  me.eventEngine.registerGeneral((e: AnyEvent) => {
    if (e.type === 'log') {
      if (/error handling OES/.test(e.data.msg)) bad.push(e.data.msg);
      if (/unreadable fields skipped|bytes skipped/.test(e.data.msg)) warnings.push(e.data.msg);
      return;
    }
    if (e.type === 'trade') trades.push(e.data as TradeData);
    if (e.type === 'gateway') return;
    for (const [k, v] of Object.entries(e.data as object))
      if (typeof v === 'number' && !Number.isFinite(v)) bad.push(`${e.type}.${k}=${v}`);
  });
  me.addGateway(OesGateway, 'OES');
  try {
    await me.connect(sim.setting(), 'OES');
    me.subscribe({ symbol: '600000', exchange: Exchange.SSE }, 'OES');
    me.subscribe({ symbol: '000001', exchange: Exchange.SZSE }, 'OES');
    const ours: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await sim.control(`garbage ${SEED + round} ${PER_ROUND}`);
      const sse = round % 2 === 0;
      ours.push(
        me.sendOrder(
          {
            symbol: sse ? '600000' : '000001',
            exchange: sse ? Exchange.SSE : Exchange.SZSE,
            direction: Direction.LONG,
            type: OrderType.LIMIT,
            offset: Offset.NONE,
            price: sse ? 10.26 : 12.11,
            volume: 100,
          },
          'OES',
        ),
      );
    }
    await until(
      () => ours.every((id) => me.getOrder(id)?.status === Status.ALLTRADED),
      'every real order fills',
    );
    await until(() => ours.every((id) => trades.some((t) => t.vtOrderid === id)), 'every real trade arrives');
    me.eventEngine.drain();
    assert.equal(bad.slice(0, 5), [], 'no handler threw; no NaN or infinity in a pushed object');
    for (const id of ours) assert.is(trades.filter((t) => t.vtOrderid === id).length, 1, `${id}: one trade`);
    const kinds = new Set(warnings.map((w) => w.replace(/ of \d+ bytes/, ' of N bytes')));
    assert.is(
      kinds.size,
      warnings.length,
      `each kind of broken message logged once: ${warnings.join(' | ')}`,
    );
    assert.ok(warnings.length > 0, 'the broken messages were seen (and named)');
    for (const o of me.getAllOrders())
      assert.ok(
        /^[0-9A-Za-z]{1,12}$/.test(o.symbol) && o.volume > 0 && o.traded <= o.volume,
        `order ${o.vtOrderid}`,
      );
    assert.is(me.getGateway('OES').status, GatewayStatus.CONNECTED);
  } finally {
    await me.close();
    await sim.stop();
  }
});

test.run();
