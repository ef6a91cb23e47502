// Seeded fuzzing of what Alpaca's streams can deliver to a connected gateway, through the simulator's real
// loopback sockets: bytes that are not JSON, JSON of the wrong shape, trade updates and market-data messages
// with one field broken, unknown events, and the same fill again. The process lives, problems are logged, no
// order or trade goes wrong, and the gateway still trades afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, LogLevel, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { TickData, TradeData } from '../../../src/core/object.js';
import { AlpacaGateway } from '../../../gateways/alpaca/index.js';
import { startAlpacaSim, type AlpacaSim } from '../../../gateways/alpaca/sim/server.js';
import * as M from '../../fixtures/alpaca-messages.js';
import { FuzzRng, type Json } from '../../helpers/fuzz.js';
import { until } from '../../helpers/wait.js';
import { settingFor } from './target.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 20261202;
const ROUNDS = 300;

let sim: AlpacaSim;
let me: MainEngine;
const trades: TradeData[] = [];
const ticks: TickData[] = [];
const warnings: string[] = [];

test.before(async () => {
  sim = await startAlpacaSim({ seed: 5, tickRate: 50, volatility: 0 });
  me = new MainEngine({ log: false });
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  me.eventEngine.register('log', (e) => {
    if (e.data.level >= LogLevel.WARNING) warnings.push(e.data.msg);
  });
  me.addGateway(AlpacaGateway, 'ALPACA');
  await me.connect(settingFor(sim), 'ALPACA');
  me.subscribe({ symbol: 'AAPL', exchange: Exchange.NASDAQ }, 'ALPACA');
  await until(() => ticks.length > 0, 'ticks');
});

test.after(async () => {
  await me.close();
  await sim.close();
});

const FILL = M.TRADE_UPDATE_FILL as unknown as { stream: string; data: { [k: string]: Json } };

test(`broken trade-stream frames are logged and skipped (seed ${SEED})`, async () => {
  const rng = new FuzzRng(SEED);
  const ordersBefore = me.getAllOrders().length;
  for (let i = 0; i < ROUNDS; i++) {
    let text: string;
    switch (i % 5) {
      case 0:
        text = rng.bytes(1 + Math.floor(rng.next() * 64)).toString('latin1');
        break;
      case 1:
        text = JSON.stringify(rng.json());
        break;
      case 2:
        text = JSON.stringify({ stream: 'trade_updates', data: rng.mutate(FILL.data as Json) });
        break;
      case 3:
        text = JSON.stringify({ stream: 'trade_updates', data: { ...FILL.data, event: rng.nastyString() } });
        break;
      default:
        text = JSON.stringify({ stream: rng.nastyString(), data: rng.json() });
    }
    sim.sendRaw('trading', text);
  }
  await until(() => warnings.length >= ROUNDS / 2, 'the warnings');
  // The mutated fills name a symbol the account does not trade (SOLUSD): none becomes an order or trade.
  assert.is(trades.length, 0);
  assert.is(me.getAllOrders().length, ordersBefore);
});

test('broken market-data frames are logged and skipped; ticks stay sane', async () => {
  const rng = new FuzzRng(SEED + 1);
  const quote = { ...M.STOCK_QUOTE, S: 'AAPL' } as unknown as Json;
  const before = warnings.length;
  for (let i = 0; i < ROUNDS; i++) {
    const text =
      i % 3 === 0
        ? rng.bytes(1 + Math.floor(rng.next() * 32)).toString('latin1')
        : i % 3 === 1
          ? JSON.stringify([rng.mutate(quote)])
          : JSON.stringify(rng.json());
    sim.sendRaw('data', text);
  }
  await until(() => warnings.length >= before + ROUNDS / 3, 'the warnings');
  const after = ticks.length;
  await until(() => ticks.length > after + 5, 'ticks to continue');
  for (const t of ticks.slice(after)) {
    assert.ok(Number.isFinite(t.bidPrice1) && Number.isFinite(t.askPrice1), 'finite prices');
  }
});

test('the same fill pushed again is one trade; the gateway still trades', async () => {
  const id = me.sendOrder(
    {
      symbol: 'AAPL',
      exchange: Exchange.NASDAQ,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 200,
      volume: 2,
      offset: Offset.NONE,
    },
    'ALPACA',
  );
  await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'resting');
  sim.exchange.crossFromMarket('AAPL', 'SELL', 200, 2);
  await until(() => me.getOrder(id)?.status === Status.ALLTRADED, 'filled');
  const o = sim.exchange.getOrderByClientId('alpaca-paper', id.split('.')[1]!)!;
  // Alpaca does not resend, but a proxy or a bug might: replay the final fill event twice.
  for (let i = 0; i < 2; i++)
    sim.venue.pushEvent('fill', o, { execution_id: 'dup-1', price: '200', qty: '2', position_qty: '12' });
  const probe = me.sendOrder(
    {
      symbol: 'AAPL',
      exchange: Exchange.NASDAQ,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 200,
      volume: 1,
      offset: Offset.NONE,
    },
    'ALPACA',
  );
  await until(() => me.getOrder(probe)?.status === Status.NOTTRADED, 'a new order after the fuzzing');
  const mine = trades.filter((t) => t.vtOrderid === id);
  assert.is(
    mine.reduce((n, t) => n + t.volume, 0),
    2,
    'two shares, once',
  );
});

test.run();
