// Seeded fuzzing of a connected ONETOKEN gateway: broken frames, random JSON and mutated documented pushes on
// the tick stream and the account stream. Nothing may crash the process, corrupt an order, a position or an
// account, or stop the gateway from trading afterwards; each bad message is logged and skipped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { OnetokenGateway } from '../../../gateways/onetoken/index.js';
import * as doc from '../../fixtures/onetoken-messages.js';
import { FuzzRng, type Json } from '../../helpers/fuzz.js';
import { assertOmsFinite } from '../../helpers/oms-sanity.js';
import { until } from '../../helpers/wait.js';
import { quietSim, settingFor } from './target.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 2424;

test(`fuzz: broken and mutated 1Token frames (seed ${SEED}) are skipped; the gateway keeps trading`, async () => {
  const rng = new FuzzRng(SEED);
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  const logs: string[] = [];
  me.eventEngine.register('log', (e) => void logs.push(e.data.msg));
  me.addGateway(OnetokenGateway);
  await me.connect(settingFor(sim), 'ONETOKEN');
  me.subscribe({ symbol: 'btc.usdt', exchange: Exchange.HUOBI }, 'ONETOKEN');
  await until(() => (me.getTick('btc.usdt.HUOBI')?.bidPrice1 ?? 0) > 0, 'a tick');
  const tickDocs: unknown[] = [doc.TICK_PUSH, doc.TICK_SUBSCRIBED, doc.PONG, doc.TICK_AUTH_REPLY];
  const accountDocs: unknown[] = [
    doc.ORDER,
    doc.ORDER_PART_DEALT,
    doc.SPOT_INFO,
    doc.FUTURES_INFO,
    doc.SUB_INFO_REPLY,
    doc.SUB_ORDER_REPLY,
    doc.PONG,
  ];
  let sent = 0;
  for (let i = 0; i < 400; i++) {
    const link = rng.bool() ? 'ticks' : 'account';
    const base = rng.pick(link === 'ticks' ? tickDocs : accountDocs) as unknown as Json;
    const text = rng.brokenText(base as Json);
    // A status frame makes the real service close the link (tested in gateway.test.ts); frames sent to a
    // link that is moving would be lost, so the storm leaves those out.
    if (text.includes('rate-limit') || text.includes('wait-for-jwt')) continue;
    sim.sendRaw(link, text);
    sent++;
  }
  // Last marker frames: once their warnings are logged, everything sent before them has been read.
  sim.sendRaw('account', 'marker-account');
  sim.sendRaw('ticks', 'marker-ticks');
  await until(
    () => ['marker-account', 'marker-ticks'].every((m) => logs.some((l) => l.includes(m))),
    'the markers',
  );
  await until(
    () => me.getGateway('ONETOKEN').status === GatewayStatus.CONNECTED,
    'CONNECTED after the storm',
  );
  assert.ok(sent > 300, 'the storm was sent');
  assert.ok(logs.filter((l) => /ignored/.test(l)).length > 10, 'bad messages were logged and skipped');
  assertOmsFinite(me, 'btc.usdt.HUOBI');
  const id = me.sendOrder(
    {
      symbol: 'btc.usdt',
      exchange: Exchange.HUOBI,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 90000,
      volume: 0.002,
      offset: Offset.NONE,
    },
    'ONETOKEN',
  );
  await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'an order after the storm');
  await me.close();
  await sim.close();
});

test.run();
