// Seeded fuzzing of a connected HUOBI gateway: broken frames, random JSON and mutated documented pushes on
// the market (gzip) and private links. Nothing may crash the process, corrupt an order, a position or an
// account, or stop the gateway from trading afterwards; each bad message is logged and skipped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData } from '../../../src/core/object.js';
import { HuobiGateway } from '../../../gateways/htx/index.js';
import * as doc from '../../fixtures/htx-messages.js';
import { FuzzRng, type Json } from '../../helpers/fuzz.js';
import { assertOmsFinite } from '../../helpers/oms-sanity.js';
import { until } from '../../helpers/wait.js';
import { stormLinks } from './storm.js';
import { quietSim, settingFor } from './target.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 1818;

test(`fuzz: broken and mutated HTX frames (seed ${SEED}) are skipped; the gateway keeps trading`, async () => {
  const rng = new FuzzRng(SEED);
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(HuobiGateway, 'HUOBI');
  await me.connect(settingFor(sim), 'HUOBI');
  me.subscribe({ symbol: 'btcusdt', exchange: Exchange.HUOBI }, 'HUOBI');
  await until(() => (me.getTick('btcusdt.HUOBI')?.bidPrice1 ?? 0) > 0, 'a tick');
  // The documented pushes, renamed to a symbol the gateway lists so that mutations reach its parsers.
  const retarget = (m: unknown) => JSON.parse(JSON.stringify(m).replace(/ethusdt/g, 'btcusdt')) as Json;
  const marketDocs = [doc.WS_DEPTH, doc.WS_TICKER].map(retarget);
  const privateDocs = [
    doc.WS_ORDER_CREATION,
    doc.WS_ORDER_TRADE,
    doc.WS_ORDER_CANCELLATION,
    {
      ...doc.WS_ACCOUNT_UPDATE,
      data: { ...doc.WS_ACCOUNT_UPDATE.data, accountId: 10000001 },
    },
  ].map(retarget);
  await stormLinks(rng, sim, logs, marketDocs, { link: 'private', docs: privateDocs });
  await until(() => me.getGateway('HUOBI').status === GatewayStatus.CONNECTED, 'CONNECTED after the storm');
  assert.ok(logs.filter((l) => /ignored/.test(l.msg)).length > 50, 'bad messages were logged and skipped');
  assertOmsFinite(me, 'btcusdt.HUOBI');
  const id = me.sendOrder(
    {
      symbol: 'btcusdt',
      exchange: Exchange.HUOBI,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 90000,
      volume: 0.001,
      offset: Offset.NONE,
    },
    'HUOBI',
  );
  await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'an order after the storm');
  await me.close();
  await sim.close();
});

test.run();
