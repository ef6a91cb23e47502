// Seeded fuzzing of a connected HBDM gateway: broken frames, random JSON and mutated pushes on the market
// and notification links (both gzip). The order push is HTX's documented order object
// (test/fixtures/hbdm-messages.ts) wrapped as a notification; positions, accounts and market pushes are
// the simulator's (held to no documented example yet). Nothing may crash the process or corrupt an order,
// a position or an account, and the gateway must still trade afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData } from '../../../src/core/object.js';
import { HbdmGateway } from '../../../gateways/htx/index.js';
import { ORDER_INFO_REPLY } from '../../fixtures/hbdm-messages.js';
import { FuzzRng, type Json } from '../../helpers/fuzz.js';
import { until } from '../../helpers/wait.js';
import { quietSim } from './target.js';
import { hbdmSettingFor } from './target-hbdm.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 2718;

test(`fuzz: broken and mutated HBDM frames (seed ${SEED}) are skipped; the gateway keeps trading`, async () => {
  const rng = new FuzzRng(SEED);
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(HbdmGateway, 'HBDM');
  await me.connect(hbdmSettingFor(sim), 'HBDM');
  me.subscribe({ symbol: 'BTC-USDT', exchange: Exchange.HUOBI }, 'HBDM');
  await until(() => (me.getTick('BTC-USDT.HUOBI')?.bidPrice1 ?? 0) > 0, 'a tick');
  const order = (JSON.parse(ORDER_INFO_REPLY) as { data: Json[] }).data[0]!;
  const notifyDocs: Json[] = [
    { op: 'notify', topic: 'orders.btc-usdt', ts: 1603703631815, uid: '1', ...(order as object), trade: [] },
    {
      op: 'notify',
      topic: 'positions.btc-usdt',
      ts: 1,
      event: 'order.match',
      data: [
        {
          contract_code: 'BTC-USDT',
          volume: 1,
          frozen: 0,
          cost_hold: 13059.8,
          profit_unreal: 0,
          direction: 'sell',
        },
      ],
    },
    {
      op: 'notify',
      topic: 'accounts.btc-usdt',
      ts: 1,
      event: 'order.match',
      data: [{ margin_account: 'BTC-USDT', margin_asset: 'USDT', margin_balance: 100, margin_available: 90 }],
    },
  ];
  const marketDocs: Json[] = [
    { ch: 'market.BTC-USDT.depth.step0', ts: 1, tick: { bids: [[90000, 1]], asks: [[90001, 2]] } },
    {
      ch: 'market.BTC-USDT.detail',
      ts: 1,
      tick: { open: 1, close: 2, high: 3, low: 1, vol: '10', trade_turnover: '20' },
    },
  ];
  for (let i = 0; i < 400; i++) {
    const link = rng.bool() ? 'market' : 'notify';
    const base = rng.pick(link === 'market' ? marketDocs : notifyDocs);
    const kind = rng.int(0, 3);
    const text =
      kind === 0
        ? rng.bytes(rng.int(1, 40)).toString('latin1')
        : kind === 1
          ? JSON.stringify(rng.json(3))
          : JSON.stringify(rng.mutate(rng.mutate(base)));
    sim.sendRaw(link, text);
  }
  sim.sendRaw('notify', 'marker-notify');
  sim.sendRaw('market', 'marker-market');
  await until(
    () => ['marker-notify', 'marker-market'].every((m) => logs.some((l) => l.msg.includes(m))),
    'the markers',
  );
  await until(() => me.getGateway('HBDM').status === GatewayStatus.CONNECTED, 'CONNECTED after the storm');
  assert.ok(logs.filter((l) => /ignored/.test(l.msg)).length > 20, 'bad messages were logged and skipped');
  for (const o of me.getAllOrders())
    assert.ok(
      Number.isFinite(o.volume) && Number.isFinite(o.traded) && Number.isFinite(o.price),
      o.vtOrderid,
    );
  for (const t of me.getAllTrades())
    assert.ok(Number.isFinite(t.volume) && Number.isFinite(t.price), t.vtTradeid);
  for (const p of me.getAllPositions()) assert.ok(Number.isFinite(p.volume), `${p.vtPositionid} volume`);
  for (const a of me.getAllAccounts()) assert.ok(Number.isFinite(a.balance), `${a.vtAccountid} balance`);
  const t = me.getTick('BTC-USDT.HUOBI')!;
  assert.ok(Number.isFinite(t.bidPrice1) && Number.isFinite(t.lastPrice));
  const id = me.sendOrder(
    {
      symbol: 'BTC-USDT',
      exchange: Exchange.HUOBI,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 90000,
      volume: 1,
      offset: Offset.OPEN,
    },
    'HBDM',
  );
  await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'an order after the storm');
  await me.close();
  await sim.close();
});

test.run();
