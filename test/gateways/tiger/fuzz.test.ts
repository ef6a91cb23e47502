// Seeded fuzzing of what Tiger's push channel and REST gateway can deliver to a connected gateway, through
// the simulator's real TLS and HTTP sockets: frames that are not protobuf, valid frames with bytes flipped,
// push messages with nasty values, mismatched depth and trade-tick arrays, replies that are not JSON or have
// the wrong shape, and finally a frame length that breaks the framing. The process lives, problems are
// logged, ticks stay sane, the real order and its trade are right, and the gateway still trades afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  GatewayStatus,
  LogLevel,
  Offset,
  OrderType,
  Status,
} from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { TickData, TradeData } from '../../../src/core/object.js';
import { TigerGateway } from '../../../gateways/tiger/index.js';
import {
  Command,
  DataType,
  QuoteType,
  delimit,
  encodeResponse,
  type PushDataInput,
} from '../../../gateways/tiger/proto.js';
import type { TigerSim } from '../../../gateways/tiger/sim/server.js';
import * as F from '../../fixtures/tiger-messages.js';
import { FuzzRng } from '../../helpers/fuzz.js';
import { until } from '../../helpers/wait.js';
import { settingFor, startSim, testCert } from './target.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 20261202;
const ROUNDS = 300;

let sim: TigerSim;
let me: MainEngine;
const trades: TradeData[] = [];
const ticks: TickData[] = [];
const warnings: string[] = [];
const statuses: GatewayStatus[] = [];

test.before(async () => {
  sim = await startSim({ tickRate: 50 });
  me = new MainEngine({ log: false });
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  me.eventEngine.register('gateway', (e) => statuses.push(e.data.status));
  me.eventEngine.register('log', (e) => {
    if (e.data.level >= LogLevel.WARNING) warnings.push(e.data.msg);
  });
  me.addGateway(TigerGateway, 'TIGER');
  await me.connect(settingFor(sim, testCert().certFile), 'TIGER');
  me.subscribe({ symbol: 'AAPL', exchange: Exchange.SMART }, 'TIGER');
  await until(() => ticks.length > 0, 'ticks');
});

test.after(async () => {
  await me.close();
  await sim.close();
});

function nastyPush(rng: FuzzRng): PushDataInput {
  const n = () => (rng.bool() ? rng.nastyNumber() : rng.pick([NaN, Infinity, -Infinity, -5, 0]));
  const big = () => rng.pick(['0', '-1', '9223372036854775807', '-9223372036854775808', '40132638459956224']);
  switch (rng.pick(['quote', 'depth', 'tick', 'order', 'fill', 'position', 'asset'] as const)) {
    case 'quote':
      return {
        dataType: DataType.Quote,
        quoteData: {
          symbol: rng.pick(['AAPL', 'NOPE', '']),
          type: rng.pick([0, QuoteType.BASIC, QuoteType.BBO, QuoteType.ALL, 7]),
          timestamp: big(),
          latestPrice: n(),
          bidPrice: n(),
          askPrice: n(),
          bidSize: big(),
          askSize: big(),
          volume: big(),
        },
      };
    case 'depth':
      return {
        dataType: DataType.QuoteDepth,
        quoteDepthData: {
          symbol: 'AAPL',
          timestamp: big(),
          bid: { price: [n(), n()], volume: [big()], orderCount: [] },
          ask: { price: [n()], volume: [big(), big()], orderCount: [1] },
        },
      };
    case 'tick':
      return {
        dataType: DataType.TradeTick,
        tradeTickData: {
          ...F.TRADE_TICK_QQQ,
          symbol: 'AAPL',
          priceBase: big(),
          priceOffset: rng.pick([0, 2, -3, 400]),
          time: rng.bool() ? F.TRADE_TICK_QQQ.time : ['1'],
        },
      };
    case 'order':
      return {
        dataType: DataType.OrderStatus,
        orderStatusData: {
          id: big(),
          account: sim.account,
          symbol: rng.pick(['NOPE', 'XYZ']),
          status: rng.nastyString().slice(0, 40),
          totalQuantity: big(),
          action: 'BUY',
        },
      };
    case 'fill':
      return {
        dataType: DataType.OrderTransaction,
        orderTransactionData: {
          id: big(),
          orderId: big(),
          symbol: 'NOPE',
          filledPrice: n(),
          filledQuantity: big(),
        },
      };
    case 'position':
      return {
        dataType: DataType.Position,
        positionData: { account: sim.account, symbol: 'NOPE', position: big(), averageCost: n() },
      };
    default:
      return {
        dataType: DataType.Asset,
        assetData: { account: sim.account, netLiquidation: n(), availableFunds: n() },
      };
  }
}

test(`broken push frames and messages are logged and skipped (seed ${SEED})`, async () => {
  const rng = new FuzzRng(SEED);
  const warningsBefore = warnings.length;
  for (let i = 0; i < ROUNDS; i++) {
    const kind = rng.pick(['bytes', 'flipped', 'nasty'] as const);
    if (kind === 'bytes') {
      const body = rng.bytes(1 + Math.floor(rng.next() * 40));
      sim.sendRaw(delimit(body));
    } else if (kind === 'flipped') {
      const frame = Buffer.from(
        encodeResponse({
          command: Command.MESSAGE,
          body: {
            dataType: DataType.OrderStatus,
            orderStatusData: { id: '40132638459956224', symbol: 'AAPL', status: 'Filled' },
          },
        }),
      );
      // The length prefix stays intact (one byte: these frames are shorter than 128 bytes).
      const lengthBytes = 1;
      for (let k = 0; k < 3; k++) {
        const at = lengthBytes + Math.floor(rng.next() * (frame.length - lengthBytes));
        frame[at] = Math.floor(rng.next() * 256);
      }
      sim.sendRaw(frame);
    } else {
      try {
        sim.sendPush(nastyPush(rng));
      } catch {
        // A value protobuf itself refuses to encode never reaches the wire.
      }
    }
  }
  // A real order afterwards, through the same link: the channel still works and nothing was disturbed.
  const id = me.sendOrder(
    {
      symbol: 'AAPL',
      exchange: Exchange.SMART,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 200,
      volume: 2,
      offset: Offset.NONE,
    },
    'TIGER',
  );
  await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'the order resting');
  sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 2);
  await until(() => me.getOrder(id)?.status === Status.ALLTRADED, 'filled');
  await until(() => trades.some((t) => t.vtOrderid === id), 'its trade');
  assert.is(trades.filter((t) => t.vtOrderid === id).length, 1);
  assert.is(trades.filter((t) => t.vtOrderid === id)[0]!.volume, 2);
  assert.ok(warnings.length > warningsBefore, 'problems were logged');
  for (const t of ticks) {
    for (const v of [t.lastPrice, t.bidPrice1, t.askPrice1, t.bidVolume1, t.askVolume1, t.volume]) {
      assert.ok(Number.isFinite(v) && v >= 0, `tick value ${v} is sane`);
    }
  }
});

test('replies that are not JSON or not the documented shape: a clear warning, the gateway carries on', async () => {
  const rng = new FuzzRng(SEED + 1);
  for (let i = 0; i < 20; i++) {
    const text = rng.pick([
      'not json',
      '{"code":0,"message":"success","data":{"items":[{"symbol":5}]}}',
      '{"code":0,"message":"success","data":{"items":"x"}}',
      '{"code":0,"data":null}',
      JSON.stringify({ code: 0, message: 'success', data: rng.json() }),
      '{"code":"0"}',
    ]);
    sim.replaceNextReply('positions', text);
    const before = warnings.length;
    me.getGateway('TIGER').queryPosition();
    await until(() => warnings.length > before, 'a warning');
    assert.match(warnings[warnings.length - 1]!, /position|Tiger/);
  }
  assert.is(me.getAllPositions().find((p) => p.symbol === 'AAPL')!.volume, 2, 'the position stands');
});

test('a frame length past the limit resets the link; the gateway reconnects', async () => {
  const before = statuses.length;
  sim.sendRaw(Buffer.from([0xff, 0xff, 0xff, 0x7f]));
  await until(() => statuses.slice(before).includes(GatewayStatus.CONNECTED), 'CONNECTED again');
  assert.ok(warnings.some((w) => /lost its framing/.test(w)));
  assert.ok(statuses.slice(before).includes(GatewayStatus.RECONNECTING));
});

test.run();
