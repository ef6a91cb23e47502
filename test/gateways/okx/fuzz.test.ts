// Seeded fuzzing of a connected OKEX gateway: broken frames, random JSON and mutated documented pushes on
// the public and private links. Nothing may crash the process, corrupt an order or a position, or stop the
// gateway from trading afterwards; each bad message is logged and skipped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData } from '../../../src/core/object.js';
import { OkexGateway } from '../../../gateways/okx/index.js';
import * as doc from '../../fixtures/okx-messages.js';
import { FuzzRng, type Json } from '../../helpers/fuzz.js';
import { assertOmsFinite } from '../../helpers/oms-sanity.js';
import { until } from '../../helpers/wait.js';
import { quietSim, settingFor } from './target.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 1717;

test(`fuzz: broken and mutated OKX frames (seed ${SEED}) are skipped; the gateway keeps trading`, async () => {
  const rng = new FuzzRng(SEED);
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(OkexGateway, 'OKEX');
  await me.connect(settingFor(sim), 'OKEX');
  me.subscribe({ symbol: 'BTC-USDT', exchange: Exchange.OKEX }, 'OKEX');
  await until(() => (me.getTick('BTC-USDT.OKEX')?.bidPrice1 ?? 0) > 0, 'a tick');
  const publicDocs: unknown[] = [doc.WS_BOOKS_UPDATE, doc.WS_TICKERS, doc.WS_TRADES, doc.WS_BOOKS_SNAPSHOT];
  const privateDocs: unknown[] = [doc.WS_ORDERS, doc.WS_ACCOUNT, doc.WS_NOTICE_64008, doc.WS_LOGIN_FAILURE];
  for (let i = 0; i < 400; i++) {
    const link = rng.bool() ? 'public' : 'private';
    const base = rng.pick(link === 'public' ? publicDocs : privateDocs) as unknown as Json;
    const text = rng.brokenText(base as Json);
    // The notice is real and makes the gateway reconnect (tested in gateway.test.ts); frames sent to a link
    // that is moving would be lost, so the storm leaves it out.
    if (text.includes('64008')) continue;
    sim.sendRaw(link, text);
  }
  // Last marker frames: once their warnings are logged, everything sent before them has been read.
  sim.sendRaw('private', 'marker-private');
  sim.sendRaw('public', 'marker-public');
  await until(
    () => ['marker-private', 'marker-public'].every((m) => logs.some((l) => l.msg.includes(m))),
    'the markers',
  );
  await until(() => me.getGateway('OKEX').status === GatewayStatus.CONNECTED, 'CONNECTED after the storm');
  assert.ok(logs.filter((l) => /ignored/.test(l.msg)).length > 50, 'bad messages were logged and skipped');
  assertOmsFinite(me, 'BTC-USDT.OKEX');
  const id = me.sendOrder(
    {
      symbol: 'BTC-USDT',
      exchange: Exchange.OKEX,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 90000,
      volume: 0.001,
      offset: Offset.NONE,
    },
    'OKEX',
  );
  await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'an order after the storm');
  await me.close();
  await sim.close();
});

test.run();
