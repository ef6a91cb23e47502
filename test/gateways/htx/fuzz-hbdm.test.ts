// Seeded fuzzing of a connected HBDM gateway, for every product and margin mode: broken frames, random JSON and
// mutated pushes on the market and notification links (both gzip). The pushes mutated are HTX's documented
// examples (test/fixtures/hbdm-messages.ts) re-addressed to the product's contract — USDT-M isolated's order
// object (its positions, accounts and market pushes are the simulator's shape), the cross examples for USDT-M
// cross and futures (with the trigger_order_cross push), the coin-M swap and futures examples. Nothing may crash the process or corrupt an order,
// a position or an account, and the gateway must still trade afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData } from '../../../src/core/object.js';
import { HbdmGateway } from '../../../gateways/htx/index.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import type { HtxSim } from '../../../gateways/htx/sim/server.js';
import * as doc from '../../fixtures/hbdm-messages.js';
import { FuzzRng, type Json } from '../../helpers/fuzz.js';
import { assertOmsFinite } from '../../helpers/oms-sanity.js';
import { until } from '../../helpers/wait.js';
import { stormLinks } from './storm.js';
import { quietSim } from './target.js';
import {
  btcQuarter,
  btcUsdtQuarter,
  hbdmCoinSettingFor,
  hbdmFuturesSettingFor,
  hbdmSettingFor,
  hbdmUsdtFuturesSettingFor,
} from './target-hbdm.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 2718;

/** A documented push, re-addressed to this contract (topic and code) so that its mutations reach live state. */
function readdress(text: string, topic: string, code: string): Json {
  const m = JSON.parse(text) as Record<string, Json>;
  const data = Array.isArray(m.data)
    ? (m.data as Array<Record<string, Json>>).map((d) => ({ ...d, contract_code: code }))
    : undefined;
  return { ...m, topic, ...('contract_code' in m ? { contract_code: code } : {}), ...(data ? { data } : {}) };
}

function market(code: string, depth: string, detail: string): Json[] {
  const ch = (m: Record<string, Json>, kind: string) => ({ ...m, ch: `market.${code}.${kind}` });
  return [
    ch(JSON.parse(depth) as Record<string, Json>, 'depth.step0'),
    ch(JSON.parse(detail) as Record<string, Json>, 'detail'),
  ];
}

interface FuzzCase {
  what: string;
  settingOf: (sim: HtxSim, extra?: GatewaySetting) => GatewaySetting;
  code: () => string;
  notify: (code: string) => Json[];
  market: (code: string) => Json[];
}

const isolatedOrder = (JSON.parse(doc.ORDER_INFO_REPLY) as { data: Json[] }).data[0]!;

const CASES: FuzzCase[] = [
  {
    what: 'USDT-M isolated',
    settingOf: hbdmSettingFor,
    code: () => 'BTC-USDT',
    notify: (code) => [
      {
        op: 'notify',
        topic: 'orders.btc-usdt',
        ts: 1603703631815,
        uid: '1',
        ...(isolatedOrder as object),
        trade: [],
      },
      readdress(doc.LINEAR_MATCH_PUSH, 'matchOrders.btc-usdt', code),
      {
        op: 'notify',
        topic: 'positions.btc-usdt',
        ts: 1,
        event: 'order.match',
        data: [
          {
            contract_code: code,
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
        data: [{ margin_account: code, margin_asset: 'USDT', margin_balance: 100, margin_available: 90 }],
      },
    ],
    market: (code) => market(code, doc.COIN_DEPTH_PUSH, doc.COIN_DETAIL_PUSH),
  },
  ...(['cross', 'futures'] as const).map((kind): FuzzCase => ({
    what: kind === 'cross' ? 'USDT-M cross' : 'USDT-M futures',
    settingOf:
      kind === 'cross'
        ? (sim, x) => hbdmSettingFor(sim, { marginMode: 'cross', ...x })
        : hbdmUsdtFuturesSettingFor,
    code: kind === 'cross' ? () => 'BTC-USDT' : btcUsdtQuarter,
    notify: (code) => [
      readdress(doc.CROSS_ORDER_PUSH, `orders_cross.${code.toLowerCase()}`, code),
      readdress(doc.CROSS_POSITION_PUSH, `positions_cross.${code.toLowerCase()}`, code),
      readdress(doc.CROSS_ACCOUNT_PUSH, 'accounts_cross.usdt', code),
      readdress(doc.TRIGGER_PUSH, `trigger_order_cross.${code.toLowerCase()}`, code),
    ],
    market: (code) => market(code, doc.COIN_DEPTH_PUSH, doc.COIN_DETAIL_PUSH),
  })),
  {
    what: 'coin-M swap',
    settingOf: hbdmCoinSettingFor,
    code: () => 'BTC-USD',
    notify: (code) => [
      readdress(doc.COIN_ORDER_PUSH, 'orders.btc-usd', code),
      readdress(doc.COIN_MATCH_PUSH, 'matchOrders.btc-usd', code),
      readdress(doc.COIN_POSITION_PUSH, 'positions.btc-usd', code),
      readdress(doc.COIN_ACCOUNT_PUSH, 'accounts.btc-usd', code),
    ],
    market: (code) => market(code, doc.COIN_DEPTH_PUSH, doc.COIN_DETAIL_PUSH),
  },
  {
    what: 'coin-M futures',
    settingOf: hbdmFuturesSettingFor,
    code: btcQuarter,
    notify: (code) => [
      readdress(doc.FUT_ORDER_PUSH, 'orders.btc', code),
      readdress(doc.FUT_MATCH_PUSH, 'matchOrders.btc', code),
      readdress(doc.FUT_POSITION_PUSH, 'positions.btc', code),
      readdress(doc.FUT_ACCOUNT_PUSH, 'accounts.btc', code),
    ],
    market: (code) => market(code, doc.FUT_DEPTH_PUSH, doc.FUT_DETAIL_PUSH),
  },
];

CASES.forEach((c, n) =>
  test(`fuzz ${c.what}: broken and mutated HBDM frames (seed ${SEED + n}) are skipped; the gateway keeps trading`, async () => {
    const rng = new FuzzRng(SEED + n);
    const sim = await quietSim();
    const me = new MainEngine({ log: false });
    const logs: LogData[] = [];
    me.eventEngine.register('log', (e) => logs.push(e.data));
    me.addGateway(HbdmGateway, 'HBDM');
    const code = c.code();
    try {
      await me.connect(c.settingOf(sim), 'HBDM');
      me.subscribe({ symbol: code, exchange: Exchange.HUOBI }, 'HBDM');
      await until(() => (me.getTick(`${code}.HUOBI`)?.bidPrice1 ?? 0) > 0, 'a tick');
      const notifyDocs = c.notify(code);
      const marketDocs = c.market(code);
      await stormLinks(rng, sim, logs, marketDocs, { link: 'notify', docs: notifyDocs });
      await until(
        () => me.getGateway('HBDM').status === GatewayStatus.CONNECTED,
        'CONNECTED after the storm',
      );
      assert.ok(
        logs.filter((l) => /ignored/.test(l.msg)).length > 20,
        'bad messages were logged and skipped',
      );
      assertOmsFinite(me, `${code}.HUOBI`);
      const id = me.sendOrder(
        {
          symbol: code,
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
    } finally {
      await me.close();
      await sim.close();
    }
  }),
);

test.run();
